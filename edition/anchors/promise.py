"""The anchor promise, checked: a published anchor never lands silently on other words.

Two ways the ledger alone cannot keep it, each an error with the fix:
a source that writes a published xml:id on other words (`anchor-moved`), and
a ledger missing for a document that a release published (`ledger-missing`:
the next build would number that document afresh, giving its published ids
to whatever words now come first).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from lxml import etree

from edition.anchors.assign import released_words_moved
from edition.anchors.ledger import Ledger, ledger_file, load_ledger
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


def missing_ledgers(folder: EditionFolder, releases: Sequence[Release],
                    moved: Mapping[str, str] | None = None) -> list[Diagnostic]:
    """An error per document that a release published whose ledger is gone, and per published document
    moved (edition.toml [moved]) to a document that has no ledger yet: both would number afresh."""
    published: dict[str, str] = {}
    for release in releases:
        for document in release.documents:
            published.setdefault(document, release.version)
    found = []
    for document, version in sorted(published.items()):
        relative = ledger_file(document)
        if _absent(folder, relative):
            found.append(error(folder.shown(relative), 1, 1, "ledger-missing",
                               f"document '{document}' was published in release {version} ({RELEASES_FILE}), "
                               "but its anchor ledger is missing: its published anchors would be given to other "
                               "words", f"restore it from version control, e.g. git checkout -- {relative}"))
    for old, new in sorted((moved or {}).items()):
        if _absent(folder, ledger_file(new)) and not _absent(folder, ledger_file(old)) \
                and load_ledger(folder, old).published:
            found.append(error(folder.shown(ledger_file(new)), 1, 1, "ledger-not-moved",
                               f"'{old}' moved to '{new}' (edition.toml [moved]), but '{new}' has no anchor ledger: "
                               f"its paragraphs would be numbered afresh, and links to {old}#p3 sent to other words",
                               f"start its ledger from the old one (keep the old one too): "
                               f"cp {ledger_file(old)} {ledger_file(new)}"))
    return found


def _absent(folder: EditionFolder, relative: str) -> bool:
    """No such file (a file that cannot be read is reported by reading it)."""
    return not folder.is_file(relative) and not folder.problem(relative)
