"""Jinja2 pages around the XSLT output; an edition's own templates rendered in Jinja's sandbox.

An edition's templates/ may come from a stranger, so a template is untrusted
code: when an edition has any, every page renders in the immutable sandbox (no
`__class__`, `__globals__`, `__subclasses__`, no method that changes the data
it is given), and a template is read only through the edition's resolver, so a
template — or an `include`, `extends` or `import` — that links outside the
edition is refused. The bundled templates alone are the tool's own code and
render without the sandbox's check on every attribute (a fifth of the time of
a register's pages). Every problem is a diagnostic at the template's file and
line. Autoescaping is on: untrusted text is escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any

from jinja2 import BaseLoader, Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from edition import __version__
from edition.core.diagnostics import EditionError, error
from edition.core.folder import EditionFolder
from edition.core.outputs import TEI_ZIP_PATH
from edition.core.resources import data_dir
from edition.project.edition import TEMPLATES_DIR, Edition


class EditionTemplates(BaseLoader):
    """The edition's own templates/, read through the resolver, file by file over the bundled ones."""

    def __init__(self, folder: EditionFolder | None):
        self.folder = folder
        self.bundled = FileSystemLoader(str(data_dir("templates")))
        self.filenames: set[str] = set()  # every template file read, as shown: to locate runtime errors

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        relative = "/".join((TEMPLATES_DIR, *split_template_path(template)))  # refuses '..'
        if self.folder is not None and (self.folder.problem(relative) or self.folder.path(relative).exists()):
            text = self.folder.read_text(relative)  # EditionError when it leaves the edition or is no file
            filename = self.folder.shown(relative)
        else:
            text, filename, _ = self.bundled.get_source(environment, template)
        self.filenames.add(filename)
        return text, filename, lambda: True  # one Renderer per build: templates do not change under it


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, its verdict on an attribute kept per type and name: the verdict
    depends on nothing else (jinja2.sandbox: is_internal_attribute and modifies_known_mutable
    look at the object's type and the name), and checking it again for each of the hundreds of
    thousands of lookups in a register's pages cost most of their rendering."""

    def __init__(self, **options: Any):
        super().__init__(**options)
        self._verdicts: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._verdicts[key] = super().is_safe_attribute(obj, attr, value)
        return verdict


class Renderer:
    def __init__(self, edition: Edition, **shared: object):
        self.loader = EditionTemplates(edition.folder if edition.own_templates else None)
        self.env = (_Sandbox if edition.own_templates else Environment)(
            loader=self.loader,
            autoescape=True,
            undefined=StrictUndefined,
            keep_trailing_newline=True,
        )
        self.shared = {"edition": edition.config, "version": __version__, "pages": edition.pages,
                       "release": edition.release, "tei_zip": TEI_ZIP_PATH, **shared}

    def render(self, template: str, root: str, **context: object) -> bytes:
        """A page; `root` is the relative path from the page back to the site's top."""
        try:
            page = self.env.get_template(template).render(**self.shared, root=root, **context)
        except TemplateError as exc:
            name, line = self._where(exc, template)
            message = f"template '{exc.name}' does not exist" if isinstance(exc, TemplateNotFound) \
                else str(exc).splitlines()[0]
            hint = "templates run in Jinja's sandbox: use the values a page is given, not Python's internals" \
                if isinstance(exc, SecurityError) else "fix the template, or remove it to use the bundled one"
            raise EditionError([error(name, line, 1, "template", message, hint)]) from None
        return page.encode("utf-8")

    def _where(self, exc: TemplateError, template: str) -> tuple[str, int]:
        """The template file and line at fault: a syntax error names them; at run time Jinja's
        rewritten traceback has a frame per template line, the innermost one being the culprit."""
        name, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
        if name is None:
            for frame_file, frame_line in _frames(exc.__traceback__):
                if frame_file in self.loader.filenames:
                    name, line = frame_file, frame_line
        if name is None:
            own = f"{TEMPLATES_DIR}/{template}"
            folder = self.loader.folder
            name = folder.shown(own) if folder is not None and folder.is_file(own) else template
        return str(name), line or 1


def _frames(tb: TracebackType | None) -> Iterator[tuple[str, int]]:
    while tb is not None:
        yield tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next


def safe(html: str) -> Markup:
    """HTML made by edition itself (XSLT output, sanitised Markdown): not escaped again."""
    return Markup(html)
