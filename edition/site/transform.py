"""TEI → HTML fragment with XSLT 3.0 (saxonche). The stylesheet is compiled once per process.

An edition's own stylesheet is untrusted code. It is checked first
(xslt_check.py: imports only from the edition's xslt/ folder, no function
that reads files, URLs or the environment). Saxon then compiles it with the
`file:` scheme alone allowed (to read the imported modules), and runs it with
no URI scheme allowed at all — doc(), unparsed-text(), collection() and the
like fail even if a call slipped past the check — and with secondary result
documents kept in memory, never written.
"""

from __future__ import annotations

import re

from saxonche import PySaxonApiError, PySaxonProcessor

from edition.core.diagnostics import EditionError, error
from edition.core.langtag import language_name, to_bcp47
from edition.core.resources import DEFAULT_HREF, data_dir
from edition.project.edition import MAIN_STYLESHEET, XSLT_DIR, Edition
from edition.site.xslt_check import check_stylesheet

ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"
LANGUAGES_PARAMETER = "{urn:edition}languages"  # xslt/functions.xsl: xml:lang value → BCP 47 tag
LANGUAGE_NAMES_PARAMETER = "{urn:edition}language-names"  # BCP 47 tag → its name, for labels


class Transformer:
    def __init__(self, edition: Edition | None = None):
        own = edition if edition is not None and edition.own_stylesheet else None
        self.shown = own.stylesheet if own else data_dir("xslt") / MAIN_STYLESHEET  # as the user named it
        self.path = self.shown.resolve()
        if own:
            if problems := check_stylesheet(own.folder, f"{XSLT_DIR}/{MAIN_STYLESHEET}"):
                raise EditionError(problems)
            text = own.folder.read_text(f"{XSLT_DIR}/{MAIN_STYLESHEET}")
        else:
            text = self.path.read_text(encoding="utf-8")
        self._processor = PySaxonProcessor(license=False)
        self._processor.set_configuration_property(ALLOWED_PROTOCOLS, "file")  # imported modules, nothing else
        compiler = self._processor.new_xslt30_processor()
        # <xsl:import href="edition:default"/> in an edition's stylesheet means the bundled one,
        # so a customisation overrides templates by import precedence.
        default = (data_dir("xslt") / MAIN_STYLESHEET).as_uri()
        try:
            text = text.replace(f'"{DEFAULT_HREF}"', f'"{default}"')
            compiler.set_cwd(str(self.path.parent))
            self._executable = compiler.compile_stylesheet(stylesheet_text=text, base_uri=self.path.as_uri())
        except PySaxonApiError as exc:
            message = _first_line(exc)
            where = re.search(r"line (\d+) column (\d+)", message)
            line, col = (int(where[1]), int(where[2])) if where else (1, 1)
            raise EditionError([error(str(self.shown), line, col, "xslt-compile", message,
                                      "fix the stylesheet; the build uses it for every document")]) from None
        # From now on the stylesheet reads nothing: no file, no URL, and writes nothing but its result.
        self._processor.set_configuration_property(ALLOWED_PROTOCOLS, "")
        self._executable.set_capture_result_documents(True)

    def to_html(self, tei: bytes, filename: str) -> str:
        """One document's TEI (serialised) → an HTML fragment."""
        try:
            node = self._processor.parse_xml(xml_text=tei.decode("utf-8"))
            self._pass_languages(node)
            html: str = self._executable.transform_to_string(xdm_node=node)
            return html
        except PySaxonApiError as exc:
            raise EditionError([error(filename, 1, 1, "xslt-run", _first_line(exc),
                                      f"the stylesheet {self.path.name} failed on this document")]) from None


    def _pass_languages(self, node: object) -> None:
        """The document's xml:lang values as BCP 47 tags, so the page's lang attributes are valid."""
        xpath = self._processor.new_xpath_processor()
        xpath.set_context(xdm_item=node)
        found = xpath.evaluate("distinct-values(//@xml:lang ! normalize-space())")
        values = {item.string_value for item in found} if found is not None else set()
        tags = {value: to_bcp47(value) for value in values}
        names = {tag: language_name(tag) for tag in tags.values() if tag}
        for parameter, mapping in ((LANGUAGES_PARAMETER, tags), (LANGUAGE_NAMES_PARAMETER, names)):
            if mapping:
                values_map = {key: self._processor.make_string_value(value) for key, value in mapping.items()}
                self._executable.set_parameter(parameter, self._processor.make_map2(values_map))
            elif self._executable.get_parameter(parameter) is not None:  # the last document's
                self._executable.remove_parameter(parameter)


def _first_line(exc: Exception) -> str:
    """Saxon's message in one line, without the machine-specific file URIs it quotes."""
    return re.sub(r"\s*of file:\S+", "", " ".join(str(exc).split()))[:500]
