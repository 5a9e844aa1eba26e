"""A IIIF Presentation 3 manifest for each document with page images, so any IIIF viewer
(Mirador, Universal Viewer, Tify) opens its pages.

One Canvas per page break whose image has a known size, in the text's order, labelled by the
page's @n (or its place); the canvas has the original image's size, and a painting annotation
shows the image the page shows (the smaller copy where the build made one), with a thumbnail.
A page on another site counts where the TEI gives its graphic's size in pixels (nothing is
fetched to measure it). The manifest is made with the iiif-prezi3 library, whose models check
it as it is built.

IIIF ids are absolute web addresses; without `base_url` in edition.toml the site does not know
its own, so no manifest is written, and the build says so once.
"""

from __future__ import annotations

import posixpath
import urllib.parse
from dataclasses import dataclass

from edition.core.diagnostics import Diagnostic, warning
from edition.core.outputs import DocumentFiles
from edition.site.images import Shown
from edition.tei.facsimile import PageBreak

_FORMATS = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
            ".webp": "image/webp", ".avif": "image/avif", ".svg": "image/svg+xml"}


@dataclass(frozen=True)
class Canvas:
    label: str
    shown: Shown


def canvases(pages: list[PageBreak], links: dict[str, Shown]) -> list[Canvas]:
    """The pages a manifest can show: those whose image is shown and has a size, in the text's order."""
    found = []
    for number, page in enumerate(pages, start=1):
        shown = links.get(page.image.url)
        if shown is not None and shown.display and shown.size:
            found.append(Canvas(page.n or str(number), shown))
    return found


def document_manifest(doc_id: str, title: str, language: str, base_url: str, pages: list[Canvas]) -> bytes:
    """The manifest's JSON (base_url is the site's address, ending in /)."""
    files = DocumentFiles(doc_id)
    manifest_id = urllib.parse.urljoin(base_url, files.manifest)
    # Imported here: the library (pydantic models) takes half a second to import, which every
    # command would pay though only documents with page images need it.
    from iiif_prezi3 import Manifest

    manifest = Manifest(id=manifest_id, label={language or "none": [title]},
                        homepage=[{"id": urllib.parse.urljoin(base_url, files.page), "type": "Text",
                                   "label": {language or "none": [title]}, "format": "text/html"}])
    for index, page in enumerate(pages, start=1):
        shown = page.shown
        assert shown.size is not None  # canvases() keeps only measured pages
        canvas_id = f"{manifest_id}/canvas/{index}"
        canvas = manifest.make_canvas(id=canvas_id, label={"none": [page.label]},
                                      width=shown.size[0], height=shown.size[1])
        body_size = shown.display_size or shown.size
        canvas.add_image(image_url=_address(base_url, shown.display, shown.remote),
                         anno_page_id=f"{canvas_id}/page", anno_id=f"{canvas_id}/page/image",
                         format=_format(shown.display), width=body_size[0], height=body_size[1])
        if shown.thumbnail:
            canvas.thumbnail = [{"id": _address(base_url, shown.thumbnail, shown.remote), "type": "Image",
                                 "format": _format(shown.thumbnail)}]
    text: str = manifest.json(indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def no_base_url(config_file: str) -> Diagnostic:
    """Said once a build (every document says the same words, and the build says a warning once)."""
    return warning(config_file, 1, 1, "iiif-no-base-url",
                   "no base_url: documents with page images get no IIIF manifest (a manifest's ids must be "
                   "absolute web addresses)", 'add the address the site will have: base_url = "https://example.org/edition/"')


def _address(base_url: str, path: str, remote: bool) -> str:
    return path if remote else urllib.parse.urljoin(base_url, urllib.parse.quote(path))


def _format(path: str) -> str:
    suffix = posixpath.splitext(urllib.parse.urlsplit(path).path)[1].lower()
    return _FORMATS.get(suffix, "image/jpeg")  # a IIIF image request without a suffix gives JPEG
