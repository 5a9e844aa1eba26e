"""The anchor promise, checked: a published anchor never lands silently on other words.

Two ways the ledger alone cannot keep it, each an error with the fix:
a source that writes a published xml:id on other words (`anchor-moved`), and
a ledger missing for a document that a release published (`ledger-missing`:
the next build would number that document afresh, giving its published ids
to whatever words now come first).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lxml import etree

from edition.anchors.assign import released_words_moved
from edition.anchors.ledger import Ledger, ledger_file
from edition.anchors.releases import RELEASES_FILE, Release
from edition.core.diagnostics import Diagnostic, error
from edition.core.folder import EditionFolder

Locate = Callable[[etree._Element], tuple[int, int]]


def _quoted(text: str, limit: int = 80) -> str:
    return f"“{text if len(text) <= limit else text[:limit - 1] + '…'}”"


def moved_anchors(tree: etree._ElementTree, ledger: Ledger, file: str, locate: Locate) -> list[Diagnostic]:
    """An error per published anchor that the source now gives to other words, at the element."""
    found = []
    for key, release, released, now in released_words_moved(ledger):
        elements = tree.getroot().xpath("//*[@xml:id=$id]", id=key)
        line, col = locate(elements[0]) if elements else (1, 1)
        found.append(error(file, line, col, "anchor-moved",
                           f"'{key}' was published in release {release} on the words {_quoted(released)}, "
                           f"but this source now gives it to {_quoted(now)}",
                           f"give these words a new xml:id (or none, and edition gives them one) and keep '{key}' "
                           "on the released words; if they were deleted, remove the element too "
                           "(a tombstone keeps the anchor)"))
    return found


def missing_ledgers(folder: EditionFolder, releases: Sequence[Release]) -> list[Diagnostic]:
    """An error per document that a release published whose ledger is gone."""
    published: dict[str, str] = {}
    for release in releases:
        for document in release.documents:
            published.setdefault(document, release.version)
    found = []
    for document, version in sorted(published.items()):
        relative = ledger_file(document)
        if folder.is_file(relative) or folder.problem(relative):
            continue  # present (or unreadable, which reading it reports)
        found.append(error(folder.shown(relative), 1, 1, "ledger-missing",
                           f"document '{document}' was published in release {version} ({RELEASES_FILE}), "
                           "but its anchor ledger is missing: its published anchors would be given to other words",
                           f"restore it from version control, e.g. git checkout -- {relative}"))
    return found
