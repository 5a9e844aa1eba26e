"""Ids the pages themselves use, which a document's xml:ids must leave free.

Every xml:id of a document becomes an HTML id on its page, beside the ids of the page's
own parts (the Cite dialog, the main content, the search form). Two elements with one id
are invalid HTML, and the page's script finds the wrong one: the Cite dialog breaks
without a word. So such xml:ids are refused, each where it is written.

PAGE_IDS is the one list: tests/test_hardening.py checks that it holds every fixed id in
templates/*.html and templates/static/edition.js.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from edition.core.diagnostics import Diagnostic, error
from edition.tei.xml import XML_ID

PAGE_IDS = frozenset({
    "main", "documents-heading", "document-count", "notes-heading", "view-diplomatic", "view-reading",  # layout
    "citation", "cite-close", "cite-copy", "cite-dialog", "cite-dialog-fragment", "cite-dialog-fragment-link",
    "cite-dialog-heading", "cite-dialog-styles", "cite-dialog-text", "cite-status",  # the Cite dialog
    "search-facets", "search-file-notice", "search-filters", "search-form", "search-input", "search-no-script",
    "search-results", "search-status", "search-updating", "search-warning",  # the search page
    "find-status",  # find in this document
    "entity-name",  # the card a name in the text shows on hover and focus
    "edition-errors",  # the box `edition serve` shows a failed build in
})
# Ids the pages make from a document's own ids: an editorial note on p3 is 'note-p3', the
# reference to footnote n1 is 'fnref-n1', the apparatus entry of app a1 'app-a1' and its marker
# 'appref-a1' (an app without xml:id gets 'app-n4' by its number, lengthened until free: apparatus.xsl).
DERIVED_PREFIXES = ("note-", "fnref-", "app-", "appref-")
_ALL_IDS = etree.XPath("//@xml:id", smart_strings=False)


def reserved_id_problems(tree: etree._ElementTree, filename: str,
                         locate: Callable[[etree._Element], tuple[int, int]]) -> list[Diagnostic]:
    """An error for each xml:id that is one of the page's own ids, or one it derives from another id."""
    ids = set(_ALL_IDS(tree))
    if ids.isdisjoint(PAGE_IDS) and not any(xml_id.startswith(DERIVED_PREFIXES) for xml_id in ids):
        return []  # (nearly every document: a play has some 7,000 ids, looked at here in one pass)
    found = []
    for element in tree.iter():
        xml_id = element.get(XML_ID)
        if xml_id is None:
            continue
        derived = next((xml_id[len(p):] for p in DERIVED_PREFIXES
                        if xml_id.startswith(p) and xml_id[len(p):] in ids), None)
        if xml_id in PAGE_IDS:
            message = f"xml:id '{xml_id}' is an id the page itself uses: its links and script would reach this element"
        elif derived is not None:
            message = (f"xml:id '{xml_id}' is the id the page gives to a note or reference on '{derived}'; "
                       "its links would lead to the wrong element")
        else:
            continue
        line, col = locate(element)
        found.append(error(filename, line, col, "id-reserved", message,
                           f"rename it (for example to '{xml_id}-1') and the pointers to it"))
    return found
