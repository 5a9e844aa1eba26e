"""The images a TEI document shows, copied from the edition folder into the site.

A `figure/graphic/@url` (or `media/@url`) and a `pb/@facs` naming a page image (directly, or
through a `facsimile` surface or graphic) are resolved like any relative URL: from the source
file's folder, so `img/a.png` in `sources/letter.xml` is `sources/img/a.png`, and
`../images/a.png` is the edition's own `images/` folder. They are read only through the
edition's resolver (never through a link leaving the edition, never beyond a size limit),
checked to be the image their name says (an SVG with scripts or outside references is refused),
and published at `images/<their path in the edition>` (edition.core.outputs.image_file); the
page's `img src` (or page-number link) is pointed at that copy.

An image on another site is never loaded by the page: the stylesheet shows the figure's
description instead (a page number links to it), and the build says so. A missing or refused
image is a warning located at the element, and the page shows the description in its place.
"""

from __future__ import annotations

import posixpath
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from edition.core.diagnostics import Diagnostic, EditionError, warning
from edition.core.folder import EditionFolder
from edition.core.outputs import DOCUMENTS, image_file
from edition.tei.xml import TEI_NS

MAX_IMAGE_BYTES = 32 * 1024 * 1024  # a scan at print resolution; more belongs on an image server
MISSING_SAID = 5  # missing images located one by one; the rest of a document's in one warning
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_IMAGE_SUFFIX = re.compile(r"\.(png|jpe?g|gif|webp|avif|svg)$", re.IGNORECASE)  # as xslt/transcription.xsl
_NS = {"tei": TEI_NS}
# graphic/media the stylesheet shows as images: not the header's, the facsimile's or a sourceDoc surface's
_SHOWN = ("//tei:graphic[@url][not(ancestor::tei:teiHeader or ancestor::tei:facsimile or parent::tei:surface)]"
          " | //tei:media[@url][not(ancestor::tei:teiHeader or ancestor::tei:facsimile)]"
          "[not(@mimeType) or starts-with(@mimeType, 'image/')]")  # audio and video are not images

Locate = Callable[[etree._Element], tuple[int, int]]


@dataclass
class DocumentImages:
    """What a document's page needs from the edition's images."""

    links: dict[str, str] = field(default_factory=dict)  # URL as written in the TEI → its copy in the site
    copies: dict[str, str] = field(default_factory=dict)  # site path → the image's path in the edition
    diagnostics: list[Diagnostic] = field(default_factory=list)


def image_references(tree: etree._ElementTree) -> list[tuple[etree._Element, str]]:
    """Each element that shows an image, with the image's URL (whitespace normalised), in document order."""
    found = [(element, " ".join(element.get("url", "").split())) for element in tree.xpath(_SHOWN, namespaces=_NS)]
    for page in tree.xpath("//tei:pb[@facs]", namespaces=_NS):
        if (url := _page_image(tree, page)) and _IMAGE_SUFFIX.search(url):
            found.append((page, url))
    order = {element: index for index, element in enumerate(tree.iter())}
    return sorted(((e, u) for e, u in found if u), key=lambda pair: order[pair[0]])


def _page_image(tree: etree._ElementTree, page: etree._Element) -> str:
    """The image a pb's first @facs pointer names: the file itself, or a facsimile's graphic (as the XSLT)."""
    pointers: list[str] = str(page.get("facs", "")).split()
    if not pointers:
        return ""
    if not pointers[0].startswith("#"):
        return pointers[0]
    urls = tree.xpath("//tei:facsimile//*[@xml:id=$id]/descendant-or-self::tei:graphic/@url",
                      namespaces=_NS, id=pointers[0][1:])
    return " ".join(str(urls[0]).split()) if urls else ""


def resolve_images(tree: etree._ElementTree, source: str, source_relative: str, folder: EditionFolder,
                   locate: Locate) -> DocumentImages:
    """The copies the document's images need, and a warning for each image that cannot have one.
    `source` is the file as shown, `source_relative` its path inside the edition folder."""
    result = DocumentImages()
    seen: set[str] = set()
    missing: list[tuple[int, int]] = []  # beyond the first few: one warning, not one per page of a corpus
    for element, url in image_references(tree):
        if url in seen:
            continue  # one copy and one warning per image, at its first use
        seen.add(url)
        relative, problem = _resolve(url, source_relative, folder)
        if problem is None and relative is not None:
            problem = _unusable(folder, relative)
        if problem is None and relative is not None:
            result.links[url] = image_file(relative)
            result.copies[image_file(relative)] = relative
        elif problem:
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


_Problem = tuple[str, str, str]  # code, message, hint


def _resolve(url: str, source_relative: str, folder: EditionFolder) -> tuple[str | None, _Problem | None]:
    """The image's path inside the edition, or why it has none."""
    if _SCHEME.match(url) or url.startswith("//"):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme.lower() in ("http", "https", ""):
            return None, ("remote-image", f"this image is on another site ({parts.netloc}): the page does not load it "
                          "(no request leaves the site) and shows its description instead",
                          "copy the image into the edition folder and name it with a relative path")
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


def _unusable(folder: EditionFolder, relative: str) -> _Problem | None:
    """Why the file at `relative` is not an image a browser may be given, or None."""
    suffix = posixpath.splitext(relative)[1].lower()
    if not _IMAGE_SUFFIX.search(relative):
        return ("image-format", f"browsers do not show {suffix or 'this'} files; {relative} is not copied",
                "convert it to PNG, JPEG, WebP or SVG")
    try:
        data = folder.read_bytes(relative, MAX_IMAGE_BYTES)
    except EditionError as failure:
        first = failure.diagnostics[0]
        return (first.code, f"the image {relative}: {first.message}", first.hint)
    if not _is_image(suffix, data):
        return ("image-format", f"{relative} is not a {suffix[1:].upper()} image; it is not copied",
                "export the image again, with the name its format has")
    if suffix == ".svg" and (why := _unsafe_svg(data)):
        return ("unsafe-svg", f"{relative} {why}: an SVG opened from the site would run it; it is not copied",
                "export the drawing as plain SVG (no scripts, links or embedded files), or as PNG")
    return None


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


def point_at_copies(html: str, links: dict[str, str]) -> str:
    """The page's images and page-image links pointed at their copies in the site. An image the build
    could not copy (missing, outside the edition) becomes its description; a page number whose image is
    not copied is left unlinked, except a link to a page image on another site (which loads nothing)."""
    if "<img" not in html and "data-image" not in html:
        return html
    fragment = lxml.html.fragment_fromstring(html)
    for image in list(fragment.iter("img")):
        copy = links.get(image.get("src", ""))
        if copy is not None:
            image.set("src", _from_page(copy))
        else:
            _replace_by_description(image)
    for link in fragment.xpath("//a[@data-image]"):
        url = link.attrib.pop("data-image")
        if (copy := links.get(url)) is not None:
            link.set("href", _from_page(copy))
        elif urllib.parse.urlsplit(url).scheme.lower() in ("http", "https") or url.startswith("//"):
            link.set("rel", "noopener noreferrer")
        else:
            link.tag = "span"
            del link.attrib["href"]
    return str(lxml.html.tostring(fragment, encoding="unicode", method="html"))


def _from_page(site_path: str) -> str:
    """A site path as a URL from a document's page (documents/<id>.html)."""
    return urllib.parse.quote(posixpath.relpath(site_path, DOCUMENTS))


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
