"""`edition ids --write FILE.xml`: add the missing xml:ids to a TEI source, changing nothing else.

The file is edited as text: each new ` xml:id="…"` goes right after the element
name in its start tag; every other byte stays as it was. The ids are the ones a
build would give (the document's ledger aligned by text), so that an inserted
paragraph gets a fresh id and published ids stay on their words;
edition.commands.ids reads and writes the files.
"""

from __future__ import annotations

import re

from lxml import etree

from edition.anchors.assign import assign_anchors
from edition.anchors.ledger import Ledger
from edition.core.diagnostics import EditionError, error
from edition.tei.xml import XML_ID, parse

# Markup that is not a start tag, skipped whole; then start tags, whose name ends at group 1.
_SKIP = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>|</[^>]*>", re.S)
_START = re.compile(r"<([^\s/>!?]+)")


def _start_tag_ends(text: str) -> list[int]:
    """Offsets just after each element name of each start tag, in document order."""
    ends: list[int] = []
    position = 0
    while True:
        lt = text.find("<", position)
        if lt < 0:
            return ends
        skipped = _SKIP.match(text, lt)
        if skipped:
            position = skipped.end()
            continue
        start = _START.match(text, lt)
        if start:
            ends.append(start.end(1))
            position = start.end()
        else:
            position = lt + 1


def add_missing_ids(data: bytes, name: str, ledger: Ledger | None = None) -> tuple[bytes, list[str], Ledger]:
    """The file with the missing xml:ids added, the ids added, and the document's ledger after them.
    The ids come from the ledger's alignment, as in a build: an element keeps the id its words had."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise EditionError([error(name, 1, 1, "encoding", "only UTF-8 files can be given ids in place",
                                  "convert the file to UTF-8 first")]) from None
    tree = parse(data, name)
    elements = list(tree.getroot().iter(etree.Element))
    before = {id(e): e.get(XML_ID) for e in elements}
    updated = assign_anchors(tree, ledger)
    ends = _start_tag_ends(text)
    if len(ends) != len(elements):
        raise EditionError([error(name, 1, 1, "ids-markup", "could not match the start tags of this file",
                                  "please report this file; nothing was changed")])
    insertions = [(ends[index], element.get(XML_ID)) for index, element in enumerate(elements)
                  if element.get(XML_ID) and not before[id(element)]]
    out, last = [], 0
    for offset, value in insertions:
        out += [text[last:offset], f' xml:id="{value}"']
        last = offset
    out.append(text[last:])
    return "".join(out).encode("utf-8"), [value for _, value in insertions], updated
