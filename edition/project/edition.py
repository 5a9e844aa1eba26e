"""The edition folder, loaded once: one frozen `Edition` handed down to every stage.

`load_edition` reads everything an editor owns that the whole build needs —
edition.toml, the persons register, the list of sources, the Markdown pages,
the releases, and which templates and stylesheet apply — through the one
resolver (`EditionFolder`), and collects every problem as a diagnostic. What
is read per document (a source, its ledger, its notes) is read later through
the same resolver, in the worker that needs it. Nothing below the build
reads the edition folder by path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from edition.anchors.releases import Release, load_releases
from edition.core.diagnostics import Diagnostic, EditionError
from edition.core.folder import EditionFolder
from edition.core.resources import data_dir
from edition.project.config import Config, load_config
from edition.project.notes import notes_without_document
from edition.project.pages import Page, read_pages
from edition.project.register import Register, load_register
from edition.project.sources import Source, discover

TEMPLATES_DIR = "templates"
XSLT_DIR = "xslt"
MAIN_STYLESHEET = "tei-to-html.xsl"


@dataclass(frozen=True)
class Edition:
    folder: EditionFolder
    config: Config
    register: Register = field(default_factory=Register)
    sources: tuple[Source, ...] = ()
    introduction: str = ""  # the home page's introduction (pages/index.md), as HTML
    pages: tuple[Page, ...] = ()
    releases: tuple[Release, ...] = ()
    own_templates: bool = False  # the edition has a templates/ folder that overrides the bundled one
    own_stylesheet: bool = False  # the edition has xslt/tei-to-html.xsl

    @property
    def release(self) -> Release:
        """The latest release, or an empty one before the first."""
        return self.releases[-1] if self.releases else Release()

    @property
    def stylesheet(self) -> Path:
        """The main stylesheet that applies: the edition's own, or the bundled one."""
        return self.folder.path(f"{XSLT_DIR}/{MAIN_STYLESHEET}") if self.own_stylesheet \
            else data_dir("xslt") / MAIN_STYLESHEET


def load_edition(root: Path) -> tuple[Edition, list[Diagnostic]]:
    """The edition in `root` and every problem found on the way; raises EditionError when it cannot be used."""
    folder = EditionFolder(root)
    config, diagnostics = load_config(folder)
    register, problems = load_register(folder)
    diagnostics += problems
    sources, problems = discover(folder)
    diagnostics += problems + notes_without_document(folder, [source.id for source in sources])
    for relative, kind in ((TEMPLATES_DIR, "folder"), (f"{XSLT_DIR}/{MAIN_STYLESHEET}", "file")):
        if problem := folder.problem(relative, kind):
            diagnostics.append(problem)
    try:
        introduction, pages, problems = read_pages(folder)
        diagnostics += problems
        releases = load_releases(folder)
    except EditionError as failure:
        raise EditionError(diagnostics + failure.diagnostics) from None
    return Edition(
        folder, config, register, tuple(sources), introduction, tuple(pages), tuple(releases),
        own_templates=folder.is_dir(TEMPLATES_DIR),
        own_stylesheet=folder.is_file(f"{XSLT_DIR}/{MAIN_STYLESHEET}"),
    ), diagnostics


def bare_edition(root: Path, config: Config) -> Edition:
    """An edition with nothing but a config, for a file checked or encoded outside any edition folder."""
    return Edition(EditionFolder(root), config)
