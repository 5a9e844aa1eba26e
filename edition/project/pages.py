"""The editor's own pages: content/pages/*.md → pages/<name>.html; index.md is the home page's introduction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

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
        return f"pages/{self.name}.html"


def read_pages(edition_dir: Path) -> tuple[str, list[Page]]:
    """(the introduction's HTML, the other pages sorted by name)."""
    folder = edition_dir / PAGES_DIR
    introduction, pages = "", []
    if not folder.is_dir():
        return introduction, pages
    for path in sorted(folder.glob("*.md")):
        if not _NAME.match(path.stem) or path.is_symlink():
            continue
        text = path.read_text(encoding="utf-8")
        if path.stem == "index":
            introduction = render_markdown(text)
            continue
        title = _TITLE.search(text)
        pages.append(Page(path.stem, title[1].strip() if title else path.stem.replace("-", " ").capitalize(),
                          render_markdown(text)))
    return introduction, pages
