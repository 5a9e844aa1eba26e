"""Published anchors never disappear from a page.

A removed element leaves a tombstone where its text was, saying what happened
and linking to the nearest surviving anchor; an id absorbed by a merge stays as
an empty anchor at the start of the element that now carries its text.
"""

from __future__ import annotations

import re

import lxml.html

from edition.anchors.ledger import ALIAS, REMOVED, Ledger
from edition.core.diagnostics import Diagnostic, error
from edition.tei.conventions import CONVENTIONS

# A ledger entry's kind is the TEI element it anchors.
KIND_NAMES = {c.element: c.tombstone_name for c in CONVENTIONS if c.citable}


def tombstone_text(key: str, kind: str, published: str, removed_in: str) -> str:
    name = KIND_NAMES.get(kind, "Passage")
    when = f"was removed in {removed_in}" if removed_in else "is not in this version"
    return f"{name} {key} of release {published} {when}."


def keep_published_anchors(html: str, ledger: Ledger, document: str) -> tuple[str, list[Diagnostic]]:
    """Add tombstones and aliases to a document's HTML; report published anchors still missing."""
    published = ledger.published
    kept = {key: entry for key, entry in published.items() if entry.status in (ALIAS, REMOVED)}
    if not kept:  # the common case: nothing to add, only check (without parsing the page)
        ids = set(_ID.findall(html))
        return html, _lost([key for key in published if key not in ids], document)
    fragment = lxml.html.fragment_fromstring(html)
    ids = set(fragment.xpath("//@id"))
    for key, entry in sorted(kept.items(), key=lambda item: item[1].order):
        if key in ids:
            continue
        target = fragment.xpath("//*[@id=$id]", id=entry.target) if entry.target else []
        if entry.status == ALIAS and target:
            alias = lxml.html.Element("span", {"id": key, "class": "alias",
                                               "title": f"{key} was merged into this passage"})
            target[0].insert(0, alias)
            alias.tail, target[0].text = target[0].text, None
        else:
            stone = lxml.html.Element("p", {"id": key, "class": "tombstone"})
            stone.text = tombstone_text(key, entry.kind, entry.published, entry.removed_in) + " "
            if target:
                link = lxml.html.Element("a", {"href": f"#{entry.target}"})
                link.text = f"Go to the nearest passage, {entry.target}."
                stone.append(link)
                target[0].addnext(stone)
                stone.tail, target[0].tail = target[0].tail, None
            else:
                fragment.insert(0, stone)
        ids.add(key)
    return (lxml.html.tostring(fragment, encoding="unicode", method="html"),
            _lost([key for key in published if key not in ids], document))


_ID = re.compile(r'\bid="([^"]+)"')


def _lost(missing: list[str], document: str) -> list[Diagnostic]:
    return [error(f"anchors/{document}.json", 1, 1, "anchor-lost",
                  f"published anchor '{key}' of {document} would not resolve in the new site",
                  "restore the element, or release again after checking the ledger") for key in missing]
