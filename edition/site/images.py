"""The images a TEI document shows, copied from the edition folder into the site.

A `figure/graphic/@url` (or `media/@url`) and a `pb/@facs` naming a page image (directly, or
through a `facsimile` surface, zone or graphic: edition/tei/facsimile.py) are resolved like any
relative URL: from the source file's folder, so `img/a.png` in `sources/letter.xml` is
`sources/img/a.png`, and `../images/a.png` is the edition's own `images/` folder. They are read
only through the edition's resolver (never through a link leaving the edition, never beyond a
size limit), checked to be the image their name says (an SVG with scripts or outside references
is refused; a decompression bomb too), and published at `images/<their path in the edition>`
(edition.core.outputs.image_file); a large one is shown through smaller copies
(edition/site/derivatives.py). The page's `img src`, and each page number's link and the image
the page shows beside the text (data-page-src), point at those copies.

An image on another site is loaded only from an address edition.toml allows (`remote_images`,
edition/site/remoteimages.py). Otherwise the page does not load it: the stylesheet shows the
figure's description instead (a page number links to it), and the build says so. A missing or
refused image is a warning located at the element, and the page shows the description in its place.
"""

from __future__ import annotations

import posixpath
import re
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from edition.core.diagnostics import Diagnostic, EditionError, warning
from edition.core.folder import EditionFolder
from edition.core.outputs import DOCUMENTS, image_file, image_size_file
from edition.site.derivatives import Derivation, ImageRefused, derivative, measure, needs_smaller
from edition.site.remoteimages import allowed, remote_image
from edition.tei.facsimile import PageBreak, page_breaks
from edition.tei.xml import TEI_NS

MAX_IMAGE_BYTES = 32 * 1024 * 1024  # a scan at print resolution; more belongs on an image server
MISSING_SAID = 5  # missing images located one by one; the rest of a document's in one warning
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_IMAGE_SUFFIX = re.compile(r"\.(png|jpe?g|gif|webp|avif|svg)$", re.IGNORECASE)
_NS = {"tei": TEI_NS}
# graphic/media the stylesheet shows as images: not the header's, the facsimile's or a sourceDoc surface's
_SHOWN = ("//tei:graphic[@url][not(ancestor::tei:teiHeader or ancestor::tei:facsimile or parent::tei:surface)]"
          " | //tei:media[@url][not(ancestor::tei:teiHeader or ancestor::tei:facsimile)]"
          "[not(@mimeType) or starts-with(@mimeType, 'image/')]")  # audio and video are not images

Locate = Callable[[etree._Element], tuple[int, int]]


@dataclass(frozen=True)
class Shown:
    """How the site shows one image. Paths are the site's (a copy) or, on an allowed site, addresses."""

    full: str  # the image itself: what a page number or a figure links to
    display: str = ""  # what the page shows ("" where it cannot be shown beside the text, only linked)
    thumbnail: str = ""
    size: tuple[int, int] | None = None  # of the full image, as a browser shows it
    display_size: tuple[int, int] | None = None
    remote: bool = False


@dataclass
class DocumentImages:
    """What a document's page needs from the edition's images."""

    links: dict[str, Shown] = field(default_factory=dict)  # URL as the TEI names it → how it is shown
    copies: dict[str, str] = field(default_factory=dict)  # site path → the image's path in the edition
    derived: dict[str, str] = field(default_factory=dict)  # smaller copies written already → the image's path
    pages: list[PageBreak] = field(default_factory=list)  # every pb with @facs, in document order
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def page_links(self) -> dict[str, str]:
        """Each @facs pointer → the image URL it resolves to (the key into `links`)."""
        return {page.pointer: page.image.url for page in self.pages}

    @property
    def shown_beside_text(self) -> bool:
        """Whether the page has an image of at least one of its pages to show beside the text."""
        return any((shown := self.links.get(page.image.url)) is not None and shown.display for page in self.pages)


def _names_an_image(url: str, remote: tuple[str, ...]) -> bool:
    return bool(_IMAGE_SUFFIX.search(url)) or (url.endswith("/info.json") and _is_remote(url)) or allowed(url, remote)


def image_references(tree: etree._ElementTree, pages: list[PageBreak], remote: tuple[str, ...] = ()
                     ) -> list[tuple[etree._Element, str]]:
    """Each element that shows an image, with the image's URL (whitespace normalised), in document order.
    A page's pointer to something that is no image file (an archive's shelf number) is not one, unless
    it is on a site the edition allows (a IIIF service). `pages` are the document's `page_breaks`."""
    shown = [(element, " ".join(element.get("url", "").split())) for element in tree.xpath(_SHOWN, namespaces=_NS)]
    breaks = [(page.element, url) for page in pages if _names_an_image(url := page.image.url, remote)]
    found = [(e, u) for e, u in shown + breaks if u]
    if not (shown and breaks):
        return found  # each list is in document order already (most documents show no image at all)
    order = {element: index for index, element in enumerate(tree.iter())}
    return sorted(found, key=lambda pair: order[pair[0]])


def resolve_images(tree: etree._ElementTree, source: str, source_relative: str, folder: EditionFolder,
                   locate: Locate, remote: tuple[str, ...] = (), derivation: Derivation | None = None
                   ) -> DocumentImages:
    """The copies the document's images need, and a warning for each image that cannot have one.
    `source` is the file as shown, `source_relative` its path inside the edition folder; `remote`
    the address prefixes edition.toml allows; `derivation` makes smaller copies of large images
    (without it, large images are shown as they are)."""
    result = DocumentImages(pages=page_breaks(tree))
    declared = {page.image.url: page.image.declared_size for page in result.pages}
    seen: set[str] = set()
    missing: list[tuple[int, int]] = []  # beyond the first few: one warning, not one per page of a corpus
    for element, url in image_references(tree, result.pages, remote):
        if url in seen:
            continue  # one copy and one warning per image, at its first use
        seen.add(url)
        problem: _Problem | None
        if _is_remote(url) and allowed(url, remote) and etree.QName(element).localname == "pb":  # page images only
            found = remote_image(url, bool(_IMAGE_SUFFIX.search(url)))
            if found is not None:
                size = declared.get(url)
                result.links[url] = Shown(found.full, found.display, found.thumbnail, size, None, remote=True)
            continue
        relative, problem = _resolve(url, source_relative, folder)
        if relative is not None and problem is None:
            data, problem = _read_image(folder, relative)
            if problem is None:
                shown, problem = _publish(relative, data, derivation)
                if shown is not None:
                    result.links[url] = shown
                    result.copies[image_file(relative)] = relative
                    result.derived.update({path: relative for path in (shown.display, shown.thumbnail)
                                           if path and path != image_file(relative)})
        if problem:
            line, col = locate(element)
            code, message, hint = problem
            if code == "missing-image" and len(missing) >= MISSING_SAID:
                missing.append((line, col))
                continue
            missing += [(line, col)] if code == "missing-image" else []
            result.diagnostics.append(warning(source, line, col, code, message, hint))
    if len(missing) > MISSING_SAID:
        line, col = missing[MISSING_SAID]
        result.diagnostics.append(warning(
            source, line, col, "missing-image", f"{len(missing) - MISSING_SAID} more images of this document are "
            "not in the edition either (the first of them here); the page shows their descriptions",
            "add the files, or correct the paths"))
    return result


def _publish(relative: str, data: bytes, derivation: Derivation | None) -> tuple[Shown | None, _Problem | None]:
    """How an image of the edition is shown: as it is, or (when large) through smaller copies. An image
    Pillow cannot read is still linked (its bytes are what its name says), but not shown beside the text."""
    copy = image_file(relative)
    if relative.lower().endswith(".svg"):
        return Shown(copy, copy, copy), None
    try:
        size = measure(data, relative)
    except ImageRefused as refused:
        if refused.code == "image-unreadable":
            return Shown(copy), (refused.code, refused.message, refused.hint)
        return None, (refused.code, refused.message, refused.hint)
    if derivation is None or not needs_smaller(data, size):
        return Shown(copy, copy, copy, size, size), None
    made = {}
    for name in ("display", "thumbnail"):
        made[name] = derivative(data, name, derivation)
        derivation.write(image_size_file(relative, name), made[name])
    return Shown(copy, image_size_file(relative, "display"), image_size_file(relative, "thumbnail"), size,
                 measure(made["display"], relative)), None


def _is_remote(url: str) -> bool:
    return bool(_SCHEME.match(url) or url.startswith("//"))


_Problem = tuple[str, str, str]  # code, message, hint


def _resolve(url: str, source_relative: str, folder: EditionFolder) -> tuple[str | None, _Problem | None]:
    """The image's path inside the edition, or why it has none."""
    if _SCHEME.match(url) or url.startswith("//"):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme.lower() in ("http", "https", ""):
            return None, ("remote-image", f"this image is on another site ({parts.netloc}): the page does not load it "
                          "(no request leaves the site) and shows its description instead",
                          "copy the image into the edition folder and name it with a relative path, or allow "
                          f'the server in edition.toml: remote_images = ["{parts.scheme}://{parts.netloc}/"]')
        return None, ("remote-image", f"'{parts.scheme}:' is not an image file of the edition; the page shows the "
                      "description instead", "name an image file with a path relative to this document")
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(source_relative), path))
    if not source_relative or path.startswith("/") or joined == ".." or joined.startswith("../"):
        return None, ("outside-edition", f"the image '{url}' is not inside the edition folder; it is not copied",
                      "keep images in the edition folder (beside the sources, or in images/) "
                      "and name them relative to this document")
    problem = folder.problem(joined, "file")
    if problem is not None:
        return None, (problem.code, f"the image '{url}': {problem.message}; it is not copied", problem.hint)
    if not folder.path(joined).exists():
        return None, ("missing-image", f"the image '{url}' is not in the edition ({folder.shown(joined)} "
                      "does not exist); the page shows its description", "add the file, or correct the path")
    return joined, None


def _read_image(folder: EditionFolder, relative: str) -> tuple[bytes, _Problem | None]:
    """The file at `relative`, or why it is not an image a browser may be given."""
    suffix = posixpath.splitext(relative)[1].lower()
    if not _IMAGE_SUFFIX.search(relative):
        return b"", ("image-format", f"browsers do not show {suffix or 'this'} files; {relative} is not copied",
                     "convert it to PNG, JPEG, WebP or SVG")
    try:
        data = folder.read_bytes(relative, MAX_IMAGE_BYTES)
    except EditionError as failure:
        first = failure.diagnostics[0]
        return b"", (first.code, f"the image {relative}: {first.message}", first.hint)
    if not _is_image(suffix, data):
        return b"", ("image-format", f"{relative} is not a {suffix[1:].upper()} image; it is not copied",
                     "export the image again, with the name its format has")
    if suffix == ".svg" and (why := _unsafe_svg(data)):
        return b"", ("unsafe-svg", f"{relative} {why}: an SVG opened from the site would run it; it is not copied",
                     "export the drawing as plain SVG (no scripts, links or embedded files), or as PNG")
    return data, None


def _is_image(suffix: str, data: bytes) -> bool:
    """Whether the bytes are what the name says (so that no page or script hides under a .png)."""
    if suffix == ".png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if suffix in (".jpg", ".jpeg"):
        return data.startswith(b"\xff\xd8\xff")
    if suffix == ".gif":
        return data[:6] in (b"GIF87a", b"GIF89a")
    if suffix == ".webp":
        return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    if suffix == ".avif":
        return data[4:12] in (b"ftypavif", b"ftypavis")
    return suffix == ".svg"  # parsed by _unsafe_svg


_SVG_ACTIVE = {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener"}


def _unsafe_svg(data: bytes) -> str:
    """What in an SVG could run or fetch when the file is opened by itself ("" when nothing does)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return "is not well-formed XML"
    if etree.QName(root).localname != "svg":
        return "is not an SVG drawing"
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).localname in _SVG_ACTIVE:
            return f"holds a {etree.QName(element).localname} element"
        for name, value in element.attrib.items():
            local = etree.QName(name).localname.lower()
            if local.startswith("on"):
                return f"has an event handler ({local})"
            if local == "href" and not value.strip().startswith("#"):
                return "links to another file"
            if "url(" in value.replace(" ", "").lower() and "url(#" not in value.replace(" ", "").lower():
                return "refers to another file in its style"
    if root.xpath("//*[local-name()='style'][contains(., '@import') or contains(., 'url(') ]"):
        return "imports another file in its style"
    return ""


def point_at_copies(html: str, links: Mapping[str, Shown], page_links: Mapping[str, str] | None = None) -> str:
    """The page's images and page numbers pointed at their copies in the site. An image the build could
    not copy (missing, outside the edition) becomes its description. A page number (the stylesheet's
    `data-facs`, looked up in `page_links`) links to its image, and says what the page shows beside
    the text (data-page-src, its size, data-page-label: the page's @n, or its place among the pages);
    whose image is not published it is left unlinked, except a link to a page image on another site
    (which loads nothing until followed)."""
    if "<img" not in html and "data-facs" not in html:
        return html
    fragment = lxml.html.fragment_fromstring(html)
    for image in list(fragment.iter("img")):
        shown = links.get(image.get("src", ""))
        if shown is None:
            _replace_by_description(image)
            continue
        image.set("src", _from_page(shown.display or shown.full, shown.remote))
        if shown.display and shown.display != shown.full and not any(a.tag == "a" for a in image.iterancestors()):
            _wrap_in_link(image, _from_page(shown.full, shown.remote))  # a smaller copy: the original a click away
    for number, page in enumerate(fragment.xpath("//*[@data-facs]"), start=1):
        url = (page_links or {}).get(page.attrib.pop("data-facs"), "")
        label = page.attrib.pop("data-n", "") or str(number)
        page.tag = "span"
        if (shown := links.get(url)) is not None:
            page.tag = "a"
            page.set("href", _from_page(shown.full, shown.remote))
            if shown.display:
                page.set("data-page-src", _from_page(shown.display, shown.remote))
                page.set("data-page-label", label)
                if shown.display_size:
                    page.set("data-page-width", str(shown.display_size[0]))
                    page.set("data-page-height", str(shown.display_size[1]))
            if shown.remote:
                page.set("rel", "noopener noreferrer")
        elif urllib.parse.urlsplit(url).scheme.lower() in ("http", "https") or url.startswith("//"):
            page.tag = "a"
            page.set("href", url)
            page.set("rel", "noopener noreferrer")
    return str(lxml.html.tostring(fragment, encoding="unicode", method="html"))


def _wrap_in_link(image: lxml.html.HtmlElement, href: str) -> None:
    parent = image.getparent()
    if parent is None:
        return
    link = lxml.html.Element("a", {"href": href, "class": "full-image"})
    link.tail, image.tail = image.tail, None
    parent.replace(image, link)
    link.append(image)


def _from_page(site_path: str, remote: bool = False) -> str:
    """A site path as a URL from a document's page (documents/<id>.html); an address on another site as it is."""
    return site_path if remote else urllib.parse.quote(posixpath.relpath(site_path, DOCUMENTS))


def _replace_by_description(image: lxml.html.HtmlElement) -> None:
    alt = image.get("alt", "")
    # The description is the TEI's words (figDesc), apart from the running text; only the brackets are made here.
    placeholder = lxml.html.Element("span", {"class": "tei-graphic v-apart" if alt else "tei-graphic gen",
                                             "title": image.get("src", "")})
    if alt:
        opening = lxml.html.Element("span", {"class": "gen"})
        opening.text, opening.tail = "[Image: ", alt
        closing = lxml.html.Element("span", {"class": "gen"})
        closing.text = "]"
        placeholder.extend([opening, closing])
    else:
        placeholder.text = "[Image]"
    placeholder.tail = image.tail
    if image.get("id"):
        placeholder.set("id", image.get("id", ""))
    parent = image.getparent()
    if parent is not None:
        parent.replace(image, placeholder)
