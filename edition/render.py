"""Jinja2 pages around the XSLT output. Autoescaping is on: untrusted text is escaped."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
from markupsafe import Markup

from edition import __version__
from edition.config import Config
from edition.diagnostics import EditionError, error
from edition.metadata import DocumentMeta
from edition.resources import data_dir


@dataclass(frozen=True)
class RenderedDocument:
    meta: DocumentMeta
    html: str  # the XSLT fragment


class Renderer:
    def __init__(self, config: Config, edition_dir: Path):
        # An edition's own templates/ wins over the bundled ones, file by file.
        folders = [edition_dir / "templates", data_dir("templates")]
        self.env = Environment(
            loader=FileSystemLoader([str(f) for f in folders if f.is_dir()]),
            autoescape=True,
            undefined=StrictUndefined,
            keep_trailing_newline=True,
        )
        self.config = config

    def _render(self, template: str, root: str, **context) -> bytes:
        try:
            page = self.env.get_template(template).render(
                edition=self.config, root=root, version=__version__, **context)
        except TemplateError as exc:
            name = getattr(exc, "filename", None) or template
            line = getattr(exc, "lineno", None) or 1
            raise EditionError([error(str(name), line, 1, "template", str(exc).splitlines()[0],
                                      "fix the template, or remove it to use the bundled one")]) from None
        return page.encode("utf-8")

    def index(self, documents: list[DocumentMeta]) -> bytes:
        return self._render("index.html", "", documents=documents)

    def document(self, doc: RenderedDocument, previous: DocumentMeta | None, following: DocumentMeta | None) -> bytes:
        return self._render("document.html", "../", doc=doc.meta, text=Markup(doc.html),
                            previous=previous, following=following)
