"""The anchor ledger: content/anchors/<doc-id>.json remembers every anchor ever given.

For each anchor: its kind, its text at the last build, the release that first
published it, and what became of it — live, an alias on the element that now
carries its text (a merge), or removed (the page keeps a tombstone). Counters
per kind make sure an id is never given twice.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, fields
from typing import Any, cast

from edition.core.diagnostics import Diagnostic, error
from edition.core.folder import EditionFolder
from edition.core.jsonfile import JsonPath, Problems, describe, parse_json, position_of

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
        def line(value: object) -> str:
            return json.dumps(value, ensure_ascii=False)
        anchors = ",\n".join(f"  {line(key)}: {line(_compact(vars(entry)))}"
                              for key, entry in sorted(self.anchors.items(), key=_natural))
        return (f'{{\n "document": {line(self.document)},\n "next": {line(dict(sorted(self.next.items())))},\n'
                f' "anchors": {{\n{anchors}\n }}\n}}\n').encode()

    @property
    def published(self) -> dict[str, Entry]:
        return {key: entry for key, entry in self.anchors.items() if entry.published}


def _compact(entry: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in entry.items() if value or key in ("kind", "text", "status")}


def _natural(item: tuple[str, Entry]) -> tuple[str, int, str]:
    key = item[0]
    prefix = key.rstrip("0123456789")
    number = key[len(prefix):]
    return prefix, int(number) if number else 0, key


def ledger_file(doc_id: str) -> str:
    """Where a document's ledger lives, relative to the edition folder."""
    return f"{ANCHORS_DIR}/{doc_id}.json"


def read_ledger_bytes(folder: EditionFolder, doc_id: str) -> bytes:
    """The ledger as it is on disk, or b"" when the document has none yet. An empty file is an error,
    not "none yet": the build cache keys documents by these bytes, and must not take one for the other."""
    relative = ledger_file(doc_id)
    if not folder.is_file(relative) and not folder.problem(relative):
        return b""
    data = folder.read_bytes(relative)
    if not data:
        ledger_from_text("", doc_id, folder.shown(relative))  # raises the located error for an empty ledger
    return data


def load_ledger(folder: EditionFolder, doc_id: str) -> Ledger:
    """The document's ledger, a new one when it has none yet; EditionError (located) when the file is
    broken: the ledger is the editor's record of published anchors, never guessed at or replaced."""
    relative = ledger_file(doc_id)
    if not folder.is_file(relative) and not folder.problem(relative):
        return Ledger(doc_id)
    return ledger_from_text(folder.read_text(relative), doc_id, folder.shown(relative))


def ledger_from_json(raw: bytes, doc_id: str) -> Ledger:
    """A ledger as `Ledger.to_json` wrote it (the build cache keeps one per document)."""
    return ledger_from_text(raw.decode("utf-8"), doc_id, ledger_file(doc_id))


def ledger_from_text(text: str, doc_id: str, shown: str) -> Ledger:
    data = parse_json(text, shown, "ledger", _CONFLICT_HINT,
                      f"restore it from version control (git checkout -- {shown}); delete it only if "
                      "the document was never released, and the next build writes it again")
    problems = Problems(text, shown, "ledger-shape", f"edition writes this file: undo the hand edit "
                        f"(git diff {shown} shows it) or correct the value")
    _check_ledger(data, problems)
    problems.raise_if_any()
    checked = cast(dict[str, Any], data)
    anchors = {key: Entry(**value) for key, value in checked["anchors"].items()}
    # The file name says whose ledger it is ("document" may name the document it was copied from).
    return Ledger(doc_id, anchors, dict(checked.get("next", {})))


def save_ledger(folder: EditionFolder, ledger: Ledger) -> None:
    write_ledger(folder, ledger.document, ledger.to_json())


def write_ledger(folder: EditionFolder, doc_id: str, data: bytes) -> None:
    """Write only when something changed, so a rebuild leaves the edition's files alone."""
    if read_ledger_bytes(folder, doc_id) != data:
        folder.write_bytes(ledger_file(doc_id), data)


# The ledger is one line per anchor, so a merge conflicts line by line and is resolved by choosing lines.
_CONFLICT_HINT = ("keep one line of each conflicting pair (an anchor with \"published\" over one without; in \"next\" "
                  "the larger numbers), delete the marker lines, then run edition build")
_TOP = ("document", "next", "anchors")
_FIELDS = {f.name: f for f in fields(Entry)}
_STRINGS = ("kind", "text", "published", "target", "removed_in", "split_from")
_ANCHOR_ID = re.compile(r"^[^\W\d][\w.-]*$")  # an xml:id (NCName): it becomes an HTML id


def _check_ledger(data: object, problems: Problems) -> None:
    """What `Ledger.to_json` writes: {"document": id, "next": {prefix: count}, "anchors": {id: entry}}."""
    if not isinstance(data, dict):
        problems.add((), f'the ledger is {describe(data)}, not an object with "document", "next" and "anchors"')
        return
    problems.duplicates((), data, "the key")
    for key in data:
        if key not in _TOP:
            problems.add((key,), f'"{key}" is not part of a ledger{_did_you_mean(key, _TOP)}', at_key=True)
    if not isinstance(data.get("document", ""), str):
        problems.add(("document",), f'"document" is {describe(data["document"])}, not a document id')
    counters = data.get("next", {})
    if not isinstance(counters, dict):
        problems.add(("next",), f'"next" is {describe(counters)}, not an object of counters like {{"p": 12}}')
    else:
        for prefix, count in counters.items():
            if not _whole(count):
                problems.add(("next", prefix), f'the counter for "{prefix}" is {describe(count)}, '
                             "not a whole number (0 or more)")
    if "anchors" not in data:
        problems.add((), 'the ledger has no "anchors"')
        return
    anchors = data["anchors"]
    if not isinstance(anchors, dict):
        problems.add(("anchors",), f'"anchors" is {describe(anchors)}, not an object of anchors by id')
        return
    problems.duplicates(("anchors",), anchors, "anchor")
    for anchor, entry in anchors.items():
        _check_entry(anchor, entry, problems)


def _check_entry(anchor: str, entry: object, problems: Problems) -> None:
    at = ("anchors", anchor)
    if not _ANCHOR_ID.match(anchor):
        problems.add(at, f"{json.dumps(anchor, ensure_ascii=False)} cannot be an anchor id", at_key=True,
                     hint="an id starts with a letter and has letters, digits, '-', '_' and '.' only")
    if not isinstance(entry, dict):
        problems.add(at, f'anchor {anchor} is {describe(entry)}, not an object like {{"kind": "p", "text": "…"}}')
        return
    problems.duplicates(at, entry, f"in anchor {anchor}, the field")
    for key in entry:
        if key not in _FIELDS:
            problems.add((*at, key), f'anchor {anchor}: "{key}" is not a field of an anchor'
                         f"{_did_you_mean(key, _FIELDS)}", at_key=True)
    for key in ("kind", "text"):
        if key not in entry:
            problems.add(at, f'anchor {anchor} has no "{key}"')
    for key in _STRINGS:
        if key in entry and not isinstance(entry[key], str):
            problems.add((*at, key), f'anchor {anchor}: "{key}" is {describe(entry[key])}, not a string')
    if entry.get("status", LIVE) not in (LIVE, ALIAS, REMOVED):
        problems.add((*at, "status"), f'anchor {anchor}: "status" is {describe(entry["status"])}, '
                     f'not "{LIVE}", "{ALIAS}" or "{REMOVED}"')
    if "order" in entry and not _whole(entry["order"]):
        problems.add((*at, "order"), f'anchor {anchor}: "order" is {describe(entry["order"])}, '
                     "not a whole number (0 or more)")
    history = entry.get("history", [])
    if not isinstance(history, list) or not all(
            isinstance(step, list) and len(step) == 2 and all(isinstance(part, str) for part in step)
            for step in history):
        problems.add((*at, "history"), f'anchor {anchor}: "history" is not a list of [release, text] pairs')


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _did_you_mean(key: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def unknown_releases(folder: EditionFolder, ledger: Ledger, versions: Collection[str]) -> list[Diagnostic]:
    """Releases the ledger names that releases.json does not list, one diagnostic per release at the first
    anchor naming it: the Changes page cannot place them, and a citation to them would lead nowhere."""
    named: dict[str, list[tuple[int, str, JsonPath]]] = {}  # version → (weight, anchor, path of the value)
    for anchor, entry in sorted(ledger.anchors.items(), key=_natural):
        uses = [(0, "published", entry.published), (1, "removed_in", entry.removed_in),
                *((2, ("history", number, 0), step[0]) for number, step in enumerate(entry.history))]
        for weight, key, version in uses:
            if version and version not in versions:
                path = ("anchors", anchor, *(key if isinstance(key, tuple) else (key,)))
                named.setdefault(version, []).append((weight, anchor, path))
    if not named:
        return []
    relative = ledger_file(ledger.document)
    text = folder.read_text(relative) if folder.is_file(relative) else ""
    found = []
    for version, naming in named.items():
        weight, anchor, where = min(naming, key=lambda use: use[0])  # the earliest anchor published in it, if any
        did = ("was published", "was removed", "has a text recorded")[weight]
        others = len({use[1] for use in naming}) - 1
        more = f" ({others} more anchor{'s' * (others != 1)} name{'s' * (others == 1)} it)" if others else ""
        found.append(error(folder.shown(relative), *position_of(text, where), "ledger-release",
                           f"anchor {anchor} {did} in release {version}, which releases.json does not list{more}",
                           f"restore release {version} in releases.json (git log -p releases.json shows it), "
                           "or take this ledger from the branch that made it"))
    return found
