"""TEI → HTML fragment with XSLT 3.0 (saxonche). The stylesheet is compiled once per build."""

from __future__ import annotations

from pathlib import Path

from saxonche import PySaxonApiError, PySaxonProcessor

from edition.diagnostics import EditionError, error
from edition.resources import data_dir

MAIN_STYLESHEET = "tei-to-html.xsl"


class Transformer:
    def __init__(self, stylesheet: Path | None = None):
        self.path = stylesheet or data_dir("xslt") / MAIN_STYLESHEET
        self._processor = PySaxonProcessor(license=False)
        compiler = self._processor.new_xslt30_processor()
        try:
            self._executable = compiler.compile_stylesheet(stylesheet_file=str(self.path))
        except PySaxonApiError as exc:
            raise EditionError([error(str(self.path), 1, 1, "xslt-compile", _first_line(exc),
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
    return " ".join(str(exc).split())[:500]
