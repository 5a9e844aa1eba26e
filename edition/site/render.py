"""Jinja2 pages around the XSLT output. Autoescaping is on: untrusted text is escaped."""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound
from markupsafe import Markup

from edition import __version__
from edition.core.diagnostics import EditionError, error
from edition.core.outputs import TEI_ZIP_PATH
from edition.project.edition import Edition


class Renderer:
    def __init__(self, edition: Edition, **shared):
        # An edition's own templates/ wins over the bundled ones, file by file.
        self.own = edition.template_folders[0]
        self.env = Environment(
            loader=FileSystemLoader([str(f) for f in edition.template_folders]),
            autoescape=True,
            undefined=StrictUndefined,
            keep_trailing_newline=True,
        )
        self.shared = {"edition": edition.config, "version": __version__, "pages": edition.pages,
                       "release": edition.release, "tei_zip": TEI_ZIP_PATH, **shared}

    def render(self, template: str, root: str, **context) -> bytes:
        """A page; `root` is the relative path from the page back to the site's top."""
        try:
            page = self.env.get_template(template).render(**self.shared, root=root, **context)
        except TemplateError as exc:
            own = self.own / template
            name = getattr(exc, "filename", None) or (own if own.is_file() else template)
            line = getattr(exc, "lineno", None) or 1
            message = f"template '{exc.name}' does not exist" if isinstance(exc, TemplateNotFound) \
                else str(exc).splitlines()[0]
            raise EditionError([error(str(name), line, 1, "template", message,
                                      "fix the template, or remove it to use the bundled one")]) from None
        return page.encode("utf-8")


def safe(html: str) -> Markup:
    """HTML made by edition itself (XSLT output, sanitised Markdown): not escaped again."""
    return Markup(html)
