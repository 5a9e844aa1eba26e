"""A text and its translation in two documents, paragraph beside paragraph.

Two records of one event are aligned by speaker (edition/site/parallel.py); a translation says
the same words in another language, so its unit is the paragraph. Which one is the original:
the document that does not say it is a translation (`type="translation"` on TEI or text), else
the one the other's paragraphs point into, else the first in reading order. A paragraph of the
translation (p, ab, l, u, head, opener, closer: the outermost such block) stands in the row of
the original's block its @corresp names ("letter.xml#p3", or "#p3" for an id of the original);
a block naming none goes with the block before it. When no block names one, the rows follow the
order of the blocks (those beyond the original's last go beside it). Each block links to its
permanent anchor on its document page: its own xml:id, else that of the nearest element holding
it that has one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lxml import etree

from edition.tei.views import READING
from edition.tei.viewtext import view_text
from edition.tei.xml import TEI_NS, XML_ID, q, xpath

_BLOCK_NAMES = ("p", "ab", "l", "u", "head", "opener", "closer")
_BLOCKS = frozenset(q(name) for name in _BLOCK_NAMES)
_OUTSIDE = " or ".join(f"ancestor::tei:{name}" for name in (*_BLOCK_NAMES, "note", "fw"))
_BLOCK_PATH = " | ".join(f"tei:text//tei:{name}[not({_OUTSIDE})]" for name in _BLOCK_NAMES)
# The number the document page shows beside a paragraph (xslt/text.xsl's paragraph-number).
_NUMBERED = "tei:text//tei:p[not(ancestor::tei:note)]"


@dataclass(frozen=True)
class Block:
    anchor: str  # the permanent anchor on its document page; '' when nothing above it has one
    number: str  # the paragraph's number as its page shows it; '' for other blocks
    text: str  # the reading text


@dataclass(frozen=True)
class Cell:
    row: int  # 1 is the labels' row
    blocks: tuple[Block, ...]
    span: int = 1  # rows it stands beside: a translated paragraph that renders two of the original


def blocks_of(tree: etree._ElementTree) -> list[etree._Element]:
    """The document's outermost blocks of words, in document order (notes and running heads aside)."""
    return list(xpath(tree.getroot(), _BLOCK_PATH))


def pointed_ids(element: etree._Element, other_id: str, document_of: Callable[[str], str]) -> list[str]:
    """The ids of the other document an element's @corresp names: 'other.xml#p3' or '#p3'."""
    found = []
    for token in (element.get("corresp") or "").split():
        file, hash_sign, fragment = token.partition("#")
        if hash_sign and fragment and (not file or document_of(file) == other_id):
            found.append(fragment)
    return found


def points_into(translation: etree._ElementTree, original: etree._ElementTree, original_id: str,
                document_of: Callable[[str], str]) -> int:
    """How many of the translation's blocks name a block (or an element inside one) of the original."""
    rows = _rows_by_id(blocks_of(original))
    return sum(1 for block in blocks_of(translation)
               if any(i in rows for i in pointed_ids(block, original_id, document_of)))


def align_blocks(original: etree._ElementTree, translation: etree._ElementTree, original_id: str,
                 document_of: Callable[[str], str]) -> tuple[list[Cell], list[Cell]]:
    """The original's cells (a block a row, from row 2) and the translation's, placed by @corresp or order."""
    first, second = blocks_of(original), blocks_of(translation)
    rows_by_id = _rows_by_id(first)
    named = [sorted(rows_by_id[i] for i in pointed_ids(b, original_id, document_of) if i in rows_by_id)
             for b in second]
    if any(named):
        rows, previous = [], 2
        for found in named:  # a block naming none goes with the block before it
            previous = found[0] if found else previous
            rows.append(previous)
    else:  # in order; the blocks beyond the original's last stand beside that last one
        rows = [min(i, max(len(first) - 1, 0)) + 2 for i in range(len(second))]
    last_rows: dict[int, int] = {}
    for row, found in zip(rows, named, strict=True):
        last_rows[row] = max([row, last_rows.get(row, row), *found])
    return (_cells(original, first, [i + 2 for i in range(len(first))]),
            _spanned(_cells(translation, second, rows), last_rows))


def reading_text(element: etree._Element) -> str:
    """An element's words in the reading view (its notes left to the document page)."""
    root = etree.Element(q("TEI"), nsmap={None: TEI_NS})
    etree.SubElement(root, q("text")).append(etree.fromstring(etree.tostring(element)))
    return " ".join(view_text(etree.ElementTree(root), READING).text.split())


def _rows_by_id(blocks: Sequence[etree._Element]) -> dict[str, int]:
    """Every id inside a block (its own too) → the block's row, so a pointer to a line finds its verse."""
    rows: dict[str, int] = {}
    for i, block in enumerate(blocks):
        for element in block.iter():
            if isinstance(element.tag, str) and (name := element.get(XML_ID)):
                rows.setdefault(name, i + 2)
    return rows


def _cells(tree: etree._ElementTree, blocks: Sequence[etree._Element], rows: Sequence[int]) -> list[Cell]:
    """One cell a row, in the order rows first appear: two cells in one place of the grid would overlap."""
    numbers = {p: str(n) for n, p in enumerate(xpath(tree.getroot(), _NUMBERED), start=1)}
    by_row: dict[int, list[Block]] = {}
    for block, row in zip(blocks, rows, strict=True):
        if text := reading_text(block):
            by_row.setdefault(row, []).append(Block(_anchor(block), numbers.get(block, ""), text))
    return [Cell(row, tuple(found)) for row, found in by_row.items()]


def _spanned(cells: Sequence[Cell], last_rows: dict[int, int]) -> list[Cell]:
    """A cell whose blocks name several rows of the original stands beside them all, up to the next cell."""
    starts = sorted(cell.row for cell in cells)
    spanned = []
    for cell in cells:
        following = next((row for row in starts if row > cell.row), None)
        last = last_rows.get(cell.row, cell.row)
        if following is not None:
            last = min(last, following - 1)
        spanned.append(Cell(cell.row, cell.blocks, last - cell.row + 1))
    return spanned


def _anchor(element: etree._Element) -> str:
    for holder in (element, *element.iterancestors()):
        if name := holder.get(XML_ID):
            return str(name)
    return ""

