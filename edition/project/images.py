"""Images in the editor's Markdown that another site would serve.

The site promises to load nothing from elsewhere (no tracking, nothing that changes or
vanishes under a citation), so an image from another site is a warning — an error with
--strict — located at the address in the Markdown. The rendered HTML says what is an
image (inline, reference-style or raw <img> alike); the source text says where it is.
"""

from __future__ import annotations

import urllib.parse

import lxml.html

from edition.core.diagnostics import Diagnostic, warning


def outside_images(html: str, text: str, source: str, first_line: int = 1) -> list[Diagnostic]:
    """A warning per image of `html` (rendered from `text`, which starts at `first_line` of `source`)
    whose address names another site."""
    if "<img" not in html:
        return []
    found = []
    after = 0  # images come in source order: an address is looked for after the previous one
    for image in lxml.html.fragment_fromstring(html, create_parent="div").iter("img"):
        address = (image.get("src") or "").strip()
        parts = urllib.parse.urlsplit(address)
        if not (parts.scheme or parts.netloc):
            continue  # a file of the site itself
        line, col, after = _position(text, address, first_line, after)
        found.append(warning(source, line, col, "outside-image",
                             f"this image is loaded from another site ({parts.netloc or parts.scheme}): "
                             "every reader's browser would ask that site for it, and it may change or vanish",
                             "copy the image into the edition's templates/static/ folder (published as static/) "
                             "and link it there with a relative address"))
    return found


def _position(text: str, address: str, first_line: int, after: int) -> tuple[int, int, int]:
    """Line and column of `address` at or after `after` (else anywhere), and where to look next.
    Searching onward keeps `//x.example/a.png` from being found inside an earlier
    `https://x.example/a.png`, and gives an address written twice both its places."""
    offset = text.find(address, after)
    if offset < 0:
        offset = text.find(address)
    if offset < 0:
        return first_line, 1, after
    start = text.rfind("\n", 0, offset) + 1
    return first_line + text.count("\n", 0, offset), offset - start + 1, offset + len(address)
