"""Which image shows each page: a `pb/@facs` resolved through the document's `facsimile`.

A page break's first `@facs` pointer names its page image directly (`facs="scans/p3.jpg"`), or
points into the facsimile: at a `surface`, a `zone` of one, or a `graphic`. The image of a
surface is its own graphic (of several, the largest where the TEI gives sizes in pixels, else
the first; the others are kept as `others`), otherwise the first graphic inside it; a zone
without a graphic of its own shows its surface's image, and its coordinates (`ulx uly lrx lry`,
or `points`) are kept for cropping or highlighting. `xml:base` on the way is applied, as the
TEI Guidelines say, so `<facsimile xml:base="f/">…<graphic url="a.jpg"/>` is `f/a.jpg`.

This is the one place the rule lives: the stylesheet writes the pointer (`data-facs`), and the
build (edition/site/images.py) resolves it here.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

from lxml import etree

from edition.tei.xml import TEI_NS

_NS = {"tei": TEI_NS}
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_PIXELS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$")


@dataclass(frozen=True)
class Zone:
    """A region of a page image, in the surface's coordinates: a box, or a polygon's points."""

    box: tuple[float, float, float, float] | None  # ulx, uly, lrx, lry
    points: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True)
class PageImage:
    """What a pointer names: the page's image (a URL as written, xml:base applied), or none."""

    url: str
    others: tuple[str, ...] = ()  # further images of the same surface (or further @facs files)
    zone: Zone | None = None
    declared_size: tuple[int, int] | None = None  # the graphic's @width and @height, when given in pixels


@dataclass(frozen=True)
class PageBreak:
    element: etree._Element
    n: str  # @n, as written ("" when the break has none)
    pointer: str  # the first @facs pointer, whitespace normalised
    image: PageImage


def page_breaks(tree: etree._ElementTree | etree._Element) -> list[PageBreak]:
    """Every page break with a @facs, in document order, with the image it names."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    by_id = {str(element.get("{http://www.w3.org/XML/1998/namespace}id")): element
             for element in root.xpath("//tei:facsimile//*[@xml:id]", namespaces=_NS)}
    found = []
    for pb in root.xpath("//tei:text//tei:pb[@facs] | //tei:sourceDoc//tei:pb[@facs]", namespaces=_NS):
        pointers = str(pb.get("facs", "")).split()
        if not pointers:
            continue
        if pointers[0].startswith("#"):
            target = by_id.get(pointers[0][1:])
            image = _image_of(target) if target is not None else PageImage("")
        else:
            image = PageImage(_with_base(pb, pointers[0]), tuple(_with_base(pb, p) for p in pointers[1:]
                                                                 if not p.startswith("#")))
        found.append(PageBreak(pb, " ".join(str(pb.get("n", "")).split()), pointers[0], image))
    return found


def _image_of(target: etree._Element) -> PageImage:
    """The image a facsimile element shows (see the module's docstring)."""
    name = etree.QName(target).localname
    zone = _zone(target) if name == "zone" else None
    if name == "graphic":
        graphics = [target]
    else:
        graphics = target.xpath("tei:graphic[@url]", namespaces=_NS) or \
            target.xpath(".//tei:graphic[@url]", namespaces=_NS)
        if not graphics and name == "zone":
            graphics = target.xpath("ancestor::tei:surface[1]/tei:graphic[@url]", namespaces=_NS)
    if not graphics:
        return PageImage("", zone=zone)
    chosen = max(graphics, key=lambda g: _area(_declared_size(g)))  # max keeps the first of equals
    urls = [_with_base(g, " ".join(str(g.get("url")).split())) for g in graphics]
    shown = urls[graphics.index(chosen)]
    return PageImage(shown, tuple(u for u in urls if u != shown), zone, _declared_size(chosen))


def _declared_size(graphic: etree._Element) -> tuple[int, int] | None:
    width_match, height_match = (_PIXELS.match(str(graphic.get(name, ""))) for name in ("width", "height"))
    if width_match is None or height_match is None:
        return None
    width, height = round(float(width_match.group(1))), round(float(height_match.group(1)))
    return (width, height) if width > 0 and height > 0 else None


def _area(size: tuple[int, int] | None) -> int:
    return size[0] * size[1] if size else 0


def _zone(zone: etree._Element) -> Zone:
    """A zone's coordinates; a value that is not a number leaves the box (or the points) out."""
    try:
        box = tuple(float(str(zone.get(name))) for name in ("ulx", "uly", "lrx", "lry"))
    except (TypeError, ValueError):
        box = ()
    points: list[tuple[float, float]] = []
    for pair in str(zone.get("points", "")).split():
        x, _, y = pair.partition(",")
        try:
            points.append((float(x), float(y)))
        except ValueError:
            points = []
            break
    return Zone((box[0], box[1], box[2], box[3]) if len(box) == 4 else None, tuple(points))


def _with_base(element: etree._Element, url: str) -> str:
    """`url` resolved against the xml:base of the element and its ancestors (inside the document)."""
    bases = [str(e.get(_XML_BASE)) for e in (element, *element.iterancestors()) if e.get(_XML_BASE)]
    resolved = url
    for base in bases:  # innermost first: each outer base completes what the inner ones left relative
        resolved = urllib.parse.urljoin(base, resolved)
    return resolved
