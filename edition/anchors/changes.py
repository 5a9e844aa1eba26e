"""The Changes page: per release and per document, the paragraphs added, changed (with a
word-level diff), removed, split and merged — "did the passage I cited change?"."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from markupsafe import Markup, escape

from edition.anchors.ledger import ALIAS, LIVE, REMOVED, Entry, Ledger
from edition.anchors.releases import Release
from edition.tei.conventions import PARAGRAPH


@dataclass
class DocumentChanges:
    id: str
    title: str
    added: list[tuple[str, str]] = field(default_factory=list)
    changed: list[tuple[str, Markup]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    split: list[tuple[str, str]] = field(default_factory=list)  # (new anchor, split from)
    merged: list[tuple[str, str]] = field(default_factory=list)  # (absorbed anchor, into)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.split or self.merged)


@dataclass
class ReleaseChanges:
    version: str  # "" for the changes not yet released
    date: str
    note: str
    documents: list[DocumentChanges]


def word_diff(old: str, new: str) -> Markup:
    a, b = old.split(), new.split()
    out: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(str(escape(" ".join(a[i1:i2]))))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return Markup(" ".join(out))


def _in_text_order(ledger: Ledger) -> list[tuple[str, Entry]]:
    return sorted(((key, entry) for key, entry in ledger.anchors.items() if entry.kind == PARAGRAPH.element),
                  key=lambda item: item[1].order)


def _text_at(history: list[list[str]], version: str) -> str | None:
    for release, text in history:
        if release == version:
            return text
    return None


def _before(history: list[list[str]], version: str, versions: list[str]) -> str | None:
    """The text as published in the latest release before `version`."""
    earlier = [text for release, text in history if versions.index(release) < versions.index(version)] \
        if version in versions else [text for _, text in history]
    return earlier[-1] if earlier else None


def document_changes(releases: list[Release], doc_id: str, title: str, ledger: Ledger) -> list[DocumentChanges]:
    """One document's part of the page: what is not released yet, then each release after the first
    (the first release is where everything starts)."""
    versions = [r.version for r in releases]
    return [_pending(doc_id, title, ledger),
            *(_in_release(doc_id, title, ledger, r.version, versions) for r in releases[1:])]


def changes(releases: list[Release], documents: list[list[DocumentChanges]]) -> list[ReleaseChanges]:
    """Newest first, from each document's `document_changes`, in the documents' order."""
    pending = ReleaseChanges("", "", "", [parts[0] for parts in documents])
    released = [ReleaseChanges(r.version, r.date, r.note, [parts[number] for parts in documents])
                for number, r in enumerate(releases[1:], start=1)]
    return [r for r in [pending, *reversed(released)] if any(r.documents)]


def _in_release(doc_id: str, title: str, ledger: Ledger, version: str, versions: list[str]) -> DocumentChanges:
    result = DocumentChanges(doc_id, title)
    for key, entry in _in_text_order(ledger):
        if entry.published == version:
            (result.split if entry.split_from else result.added).append(
                (key, entry.split_from) if entry.split_from else (key, entry.text))
        elif entry.removed_in == version:
            (result.merged if entry.status == ALIAS else result.removed).append(
                (key, entry.target) if entry.status == ALIAS else (key, entry.text))
        else:
            now, before = _text_at(entry.history, version), _before(entry.history, version, versions)
            if now is not None and before is not None and now != before:
                result.changed.append((key, word_diff(before, now)))
    return result


def _pending(doc_id: str, title: str, ledger: Ledger) -> DocumentChanges:
    """What the next release will bring, against the last one."""
    result = DocumentChanges(doc_id, title)
    if not ledger.published:
        return result  # nothing released yet: nothing to compare with
    for key, entry in _in_text_order(ledger):
        if entry.status == LIVE and not entry.published:
            (result.split if entry.split_from else result.added).append(
                (key, entry.split_from) if entry.split_from else (key, entry.text))
        elif entry.status in (ALIAS, REMOVED) and entry.published and not entry.removed_in:
            (result.merged if entry.status == ALIAS else result.removed).append(
                (key, entry.target) if entry.status == ALIAS else (key, entry.text))
        elif entry.status == LIVE and entry.history and entry.history[-1][1] != entry.text:
            result.changed.append((key, word_diff(entry.history[-1][1], entry.text)))
    return result
