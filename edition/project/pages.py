"""The editor's own pages: content/pages/*.md → pages/<name>.html; index.md is the home page's introduction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from edition.core.diagnostics import Diagnostic, warning
from edition.core.folder import EditionFolder
from edition.core.outputs import editor_page
from edition.project.images import outside_images
from edition.project.markdown import render_markdown
from edition.project.sources import name_other_systems_refuse

PAGES_DIR = "pages"
_TITLE = re.compile(r"^#\s+(.+)$", re.M)
_NAME = re.compile(r"^[\w-]+$")


@dataclass(frozen=True)
class Page:
    name: str
    title: str
    html: str

    @property
    def url(self) -> str:
        return editor_page(self.name)


def _not_a_page(path: Path) -> str:
    """Why a name in pages/ is not a page ("" when it is one): said, since the editor meant one."""
    if path.suffix != ".md":
        return "is not a Markdown file (.md)"
    if refused := name_other_systems_refuse(path.stem):
        return f"cannot be a page name: {refused[0]}"
    if not _NAME.match(path.stem):
        return "cannot be a page name (it becomes a URL)"
    return ""


def read_pages(folder: EditionFolder) -> tuple[str, list[Page], list[Diagnostic]]:
    """(the introduction's HTML, the other pages sorted by name, warnings about them)."""
    introduction, pages, problems = "", [], []
    for path in folder.entries(PAGES_DIR):
        if path.name.startswith("."):
            continue  # hidden: .DS_Store, an editor's swap file
        if why := _not_a_page(path):
            problems.append(warning(folder.shown(path), 1, 1, "page-name", f"'{path.name}' {why}; it is not read",
                                    "a page is a Markdown file named with letters, digits and '-': pages/method.md"))
            continue
        text, shown = folder.read_text(path), folder.shown(path)
        html = render_markdown(text, shown)
        problems += outside_images(html, text, shown)
        if path.stem == "index":
            introduction = html
            continue
        title = _TITLE.search(text)
        pages.append(Page(path.stem, title[1].strip() if title else path.stem.replace("-", " ").capitalize(), html))
    return introduction, pages, problems
