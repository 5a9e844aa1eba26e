"""Permanent anchors: every citable element gets an xml:id, once.

HTML ids are these xml:ids and nothing else. Existing ids are kept; new ones
are short and readable (sp7, p23) and never collide with ids in the document.
"""

from __future__ import annotations

from lxml import etree

from edition.tei import XML_ID, local_name, q

# Citable elements and the prefix of their ids.
PREFIXES = {"div": "div", "sp": "sp", "p": "p", "note": "n", "gap": "gap", "incident": "inc"}


def assign_anchors(tree: etree._ElementTree) -> etree._ElementTree:
    """Give every citable element of the text an xml:id (in place; returns the tree)."""
    root = tree.getroot()
    text = root.find(q("text"))
    if text is None:
        return tree
    taken = {value for value in root.xpath("//@xml:id")}
    counters = dict.fromkeys(PREFIXES.values(), 0)
    for element in text.iter(*(q(name) for name in PREFIXES)):
        if element.get(XML_ID):
            continue
        prefix = PREFIXES[local_name(element)]
        while True:
            counters[prefix] += 1
            candidate = f"{prefix}{counters[prefix]}"
            if candidate not in taken:
                break
        element.set(XML_ID, candidate)
        taken.add(candidate)
    return tree
