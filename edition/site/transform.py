"""TEI → HTML fragment with XSLT 3.0 (saxonche). The stylesheet is compiled once per build."""

from __future__ import annotations

import re
from pathlib import Path

from saxonche import PySaxonApiError, PySaxonProcessor

from edition.core.diagnostics import EditionError, error
from edition.core.resources import DEFAULT_HREF, data_dir
from edition.project.edition import MAIN_STYLESHEET


class Transformer:
    def __init__(self, stylesheet: Path | None = None):
        self.shown = stylesheet or data_dir("xslt") / MAIN_STYLESHEET  # as the user named it
        self.path = self.shown.resolve()
        self._processor = PySaxonProcessor(license=False)
        compiler = self._processor.new_xslt30_processor()
        # <xsl:import href="edition:default"/> in an edition's stylesheet means the bundled one,
        # so a customisation overrides templates by import precedence.
        default = (data_dir("xslt") / MAIN_STYLESHEET).as_uri()
        try:
            text = self.path.read_text(encoding="utf-8").replace(f'"{DEFAULT_HREF}"', f'"{default}"')
            compiler.set_cwd(str(self.path.parent))
            self._executable = compiler.compile_stylesheet(stylesheet_text=text, base_uri=self.path.as_uri())
        except PySaxonApiError as exc:
            message = _first_line(exc)
            where = re.search(r"line (\d+) column (\d+)", message)
            line, col = (int(where[1]), int(where[2])) if where else (1, 1)
            raise EditionError([error(str(self.shown), line, col, "xslt-compile", message,
                                      "fix the stylesheet; the build uses it for every document")]) from None

    def to_html(self, tei: bytes, filename: str) -> str:
        """One document's TEI (serialised) → an HTML fragment."""
        try:
            node = self._processor.parse_xml(xml_text=tei.decode("utf-8"))
            return self._executable.transform_to_string(xdm_node=node)
        except PySaxonApiError as exc:
            raise EditionError([error(filename, 1, 1, "xslt-run", _first_line(exc),
                                      f"the stylesheet {self.path.name} failed on this document")]) from None


def _first_line(exc: Exception) -> str:
    """Saxon's message in one line, without the machine-specific file URIs it quotes."""
    return re.sub(r"\s*of file:\S+", "", " ".join(str(exc).split()))[:500]
