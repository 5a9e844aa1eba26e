"""A document's images, published: copies, smaller copies, links in the page, and its IIIF manifest.

One call for the build's per-document pipeline (edition/build/pipeline.py), so that the rules
live here and in the modules it names: which image each page shows (edition/tei/facsimile.py),
what may be copied or loaded (images.py, remoteimages.py), smaller copies (derivatives.py) and
the manifest (manifest.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from edition.core.diagnostics import Diagnostic, EditionError
from edition.core.outputs import DocumentFiles
from edition.project.config import CONFIG_FILE
from edition.project.edition import Edition
from edition.project.sources import Source
from edition.site.derivatives import Computed, Derivation
from edition.site.images import Locate, point_at_copies, resolve_images
from edition.site.manifest import canvases, document_manifest, no_base_url
from edition.site.writer import write_file
from edition.tei.metadata import DocumentMeta


@dataclass
class Published:
    html: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    copies: dict[str, str] = field(default_factory=dict)  # site path → image in the edition, copied by the build
    derived: dict[str, str] = field(default_factory=dict)  # smaller copies, written here → image in the edition
    pane: dict[str, Any] | None = None  # what the page shows of its images (for templates/document.html)


def publish_images(html: str, tree: etree._ElementTree, source: Source, edition: Edition, meta: DocumentMeta,
                   locate: Locate, computed: Computed, site: Path, previous: Path | None) -> Published:
    """The page's HTML pointed at the published images; the smaller copies and the manifest written."""
    def write(path: str, data: bytes) -> None:
        try:
            write_file(site, path, data, previous)
        except EditionError:
            pass  # another document of this build showed the same image first: the same bytes are there

    images = resolve_images(tree, source.name, source.relative, edition.folder, locate,
                            edition.config.remote_images, Derivation(computed, write))
    published = Published(point_at_copies(html, images.links, images.page_links()), images.diagnostics,
                          images.copies, images.derived)
    if not images.shown_beside_text:
        return published
    pages = canvases(images.pages, images.links)
    manifest = ""
    if pages and edition.config.base_url:
        files = DocumentFiles(meta.id)
        language = meta.language or edition.config.language
        write_file(site, files.manifest,
                   document_manifest(meta.id, meta.title, language, edition.config.base_url, pages), previous)
        manifest = files.manifest.rpartition("/")[2]  # beside the page
    elif pages:
        published.diagnostics.append(no_base_url(edition.folder.shown(CONFIG_FILE)))
    published.pane = {"manifest": manifest, "pages": len(images.pages)}
    return published
