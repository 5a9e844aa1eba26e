"""The anchor ledger: content/anchors/<doc-id>.json remembers every anchor ever given.

For each anchor: its kind, its text at the last build, the release that first
published it, and what became of it — live, an alias on the element that now
carries its text (a merge), or removed (the page keeps a tombstone). Counters
per kind make sure an id is never given twice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from edition.core.folder import EditionFolder

ANCHORS_DIR = "anchors"
LIVE, ALIAS, REMOVED = "live", "alias", "removed"


@dataclass
class Entry:
    kind: str
    text: str
    status: str = LIVE
    order: int = 0  # position among the document's anchors at the last build
    published: str = ""  # the first release that published this anchor
    target: str = ""  # alias or removed: where readers are sent
    removed_in: str = ""  # the release in which a published anchor first went missing
    split_from: str = ""  # a paragraph split off from this anchor
    history: list[list[str]] = field(default_factory=list)  # [[release, text]] when the text changed


@dataclass
class Ledger:
    document: str
    anchors: dict[str, Entry] = field(default_factory=dict)
    next: dict[str, int] = field(default_factory=dict)

    def fresh_id(self, prefix: str, taken: set[str]) -> str:
        number = self.next.get(prefix, 0)
        while True:
            number += 1
            candidate = f"{prefix}{number}"
            if candidate not in taken and candidate not in self.anchors:
                self.next[prefix] = number
                return candidate

    def to_json(self) -> bytes:
        """One line per anchor: a change to an anchor is a one-line diff in the editor's history."""
        def line(value) -> str:
            return json.dumps(value, ensure_ascii=False)
        anchors = ",\n".join(f"  {line(key)}: {line(_compact(vars(entry)))}"
                              for key, entry in sorted(self.anchors.items(), key=_natural))
        return (f'{{\n "document": {line(self.document)},\n "next": {line(dict(sorted(self.next.items())))},\n'
                f' "anchors": {{\n{anchors}\n }}\n}}\n').encode()

    @property
    def published(self) -> dict[str, Entry]:
        return {key: entry for key, entry in self.anchors.items() if entry.published}


def _compact(entry: dict) -> dict:
    return {key: value for key, value in entry.items() if value or key in ("kind", "text", "status")}


def _natural(item: tuple[str, Entry]) -> tuple:
    key = item[0]
    prefix = key.rstrip("0123456789")
    number = key[len(prefix):]
    return prefix, int(number) if number else 0, key


def ledger_file(doc_id: str) -> str:
    """Where a document's ledger lives, relative to the edition folder."""
    return f"{ANCHORS_DIR}/{doc_id}.json"


def read_ledger_bytes(folder: EditionFolder, doc_id: str) -> bytes:
    """The ledger as it is on disk, or b"" when the document has none yet."""
    relative = ledger_file(doc_id)
    return folder.read_bytes(relative) if folder.is_file(relative) or folder.problem(relative) else b""


def load_ledger(folder: EditionFolder, doc_id: str) -> Ledger:
    raw = read_ledger_bytes(folder, doc_id)
    return ledger_from_json(raw, doc_id) if raw else Ledger(doc_id)


def ledger_from_json(raw: bytes, doc_id: str) -> Ledger:
    data = json.loads(raw.decode("utf-8"))
    anchors = {key: Entry(**value) for key, value in data.get("anchors", {}).items()}
    return Ledger(doc_id, anchors, dict(data.get("next", {})))  # the file name says whose it is (a copy after a rename)


def save_ledger(folder: EditionFolder, ledger: Ledger) -> None:
    write_ledger(folder, ledger.document, ledger.to_json())


def write_ledger(folder: EditionFolder, doc_id: str, data: bytes) -> None:
    """Write only when something changed, so a rebuild leaves the edition's files alone."""
    if read_ledger_bytes(folder, doc_id) != data:
        folder.write_bytes(ledger_file(doc_id), data)
