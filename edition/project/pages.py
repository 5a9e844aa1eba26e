"""The editor's own pages: content/pages/*.md → pages/<name>.html; index.md is the home page's introduction."""

from __future__ import annotations

import re
from dataclasses import dataclass

from edition.core.diagnostics import Diagnostic
from edition.core.folder import EditionFolder
from edition.core.outputs import editor_page
from edition.project.images import outside_images
from edition.project.markdown import render_markdown

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


def read_pages(folder: EditionFolder) -> tuple[str, list[Page], list[Diagnostic]]:
    """(the introduction's HTML, the other pages sorted by name, warnings about them)."""
    introduction, pages, problems = "", [], []
    for path in folder.entries(PAGES_DIR):
        if path.suffix != ".md" or not _NAME.match(path.stem):
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
