"""JSON files an editor keeps under version control (ledgers, releases.json), read with located errors.

The tool writes these files, but they live in the editor's repository: a merge leaves
conflict markers, an interrupted copy cuts one short, a hand edit breaks a type or
lists an anchor twice. `parse_json` says where the text stops being JSON and notes keys
given twice; `Problems` collects what is wrong with the value's shape, each at the line
and column of the value it is about. Finding that position walks the text along the
value's path (a few steps, siblings skipped by the C decoder), and only when there is
something to report, so reading a good file costs one json.loads.
"""

from __future__ import annotations

import json
import re

from edition.core.diagnostics import Diagnostic, EditionError, error

JsonPath = tuple[str | int, ...]  # keys and list indexes from the top of the document to a value

_CONFLICT = re.compile(r"^(<<<<<<<|\|\|\|\|\|\|\||=======|>>>>>>>)(?: .*)?$", re.MULTILINE)
_SPACE = re.compile(r"[ \t\n\r]*")
MAX_REPORTED = 20  # a file broken everywhere is reported by its first problems


class JsonObject(dict[str, object]):
    """A JSON object that remembers the keys it was given more than once (json.loads keeps the last)."""

    duplicates: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, object]]) -> JsonObject:
    value = JsonObject(pairs)
    if len(value) != len(pairs):
        count: dict[str, int] = {}
        for key, _ in pairs:
            count[key] = count.get(key, 0) + 1
        value.duplicates = tuple(key for key, times in count.items() if times > 1)
    return value


def parse_json(text: str, shown: str, code: str, conflict_hint: str, restore_hint: str) -> object:
    """The value in `text` (objects as JsonObject), or EditionError with one located diagnostic per
    git conflict, or for an empty file, or where the JSON breaks: `{code}-conflict`, `-empty`, `-syntax`."""
    markers = list(_CONFLICT.finditer(text))
    if markers:
        starts = [m for m in markers if m[1] == "<<<<<<<"] or markers[:1]
        raise EditionError([error(shown, *_position(text, m.start()), f"{code}-conflict",
                                  f"a git merge conflict marker ({m[1]})", conflict_hint)
                            for m in starts[:MAX_REPORTED]])
    if not text.strip():
        raise EditionError([error(shown, 1, 1, f"{code}-empty", "the file is empty", restore_hint)])
    try:
        return json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        # These files end with the '}' or ']' that closes them: without it, the file was cut short there.
        end = len(text.rstrip())
        if exc.pos >= end or not text.rstrip().endswith(("}", "]")):
            message, at = "the file stops before its JSON is complete (cut short?)", end
        elif exc.msg == "Expecting ',' delimiter":  # json names the next value; the comma belongs after the last
            message, at = "not JSON: a ',' is missing here", len(text[:exc.pos].rstrip())
        else:
            message, at = f"not JSON: {exc.msg}", exc.pos
        raise EditionError([error(shown, *_position(text, at), f"{code}-syntax", message, restore_hint)]) from None
    except RecursionError:
        raise EditionError([error(shown, 1, 1, f"{code}-syntax", "values are nested too deeply to be read",
                                  restore_hint)]) from None


def describe(value: object) -> str:
    """What a JSON value is, for a message: 'a string ("two")', 'a list', 'null'."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'}"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"a string ({json.dumps(value[:40] + '…' if len(value) > 40 else value, ensure_ascii=False)})"
    return "a list" if isinstance(value, list) else "an object"


class Problems:
    """Shape problems of one JSON file, each located at the value (or key) it is about."""

    def __init__(self, text: str, shown: str, code: str, hint: str):
        self.text, self.shown, self.code, self.hint = text, shown, code, hint
        self.found: list[Diagnostic] = []

    def add(self, path: JsonPath, message: str, hint: str = "", at_key: bool = False, occurrence: int = -1) -> None:
        """`at_key`: point at the key itself (an unknown or repeated key); `occurrence`: which
        of a repeated key's places (the last by default, the one json.loads keeps)."""
        if len(self.found) < MAX_REPORTED:
            offset = _find(self.text, path, at_key, occurrence)
            self.found.append(error(self.shown, *_position(self.text, offset), self.code, message, hint or self.hint))

    def duplicates(self, path: JsonPath, value: object, what: str) -> None:
        """Keys given twice in the object at `path`: the file says two things and one would be lost."""
        for key in getattr(value, "duplicates", ()):
            first = _position(self.text, _find(self.text, (*path, key), True, 0))[0]
            self.add((*path, key), f"{what} {json.dumps(key, ensure_ascii=False)} is given more than once "
                     f"(first on line {first})", "keep one of the lines and delete the others", at_key=True)

    def raise_if_any(self) -> None:
        if self.found:
            raise EditionError(sorted(self.found, key=lambda d: (d.line, d.col)))


def position_of(text: str, path: JsonPath, at_key: bool = False) -> tuple[int, int]:
    """Line and column of the value at `path` in `text` (of its key with `at_key`); (1, 1) for no text."""
    return _position(text, _find(text, path, at_key, -1)) if text else (1, 1)


def _skip(text: str, at: int) -> int:
    """The offset of the first character from `at` that is not JSON white space."""
    match = _SPACE.match(text, at)
    return match.end() if match else at


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _find(text: str, path: JsonPath, at_key: bool, occurrence: int) -> int:
    """The offset of the value at `path` (or of its last key); as deep as the path goes, else 0."""
    decoder = json.JSONDecoder()
    at = _skip(text, 0)
    try:
        for depth, step in enumerate(path):
            last = depth == len(path) - 1
            places = _members(text, at, decoder) if isinstance(step, str) and text.startswith("{", at) \
                else _items(text, at, decoder) if isinstance(step, int) and text.startswith("[", at) else []
            matches = [place for place in places if place[0] == step]
            if not matches:
                return at
            _, key_at, value_at = matches[occurrence if last else -1]
            if last and at_key:
                return key_at
            at = value_at
    except (ValueError, IndexError, RecursionError):
        pass  # a position is a courtesy: the problem is reported where the walk stopped
    return at


def _members(text: str, at: int, decoder: json.JSONDecoder) -> list[tuple[str, int, int]]:
    """(key, offset of the key, offset of its value) for each member of the object at `at`."""
    found: list[tuple[str, int, int]] = []
    at = _skip(text, at + 1)
    while text.startswith('"', at):
        key_at = at
        key, at = decoder.raw_decode(text, at)
        at = _skip(text, _skip(text, at) + 1)  # past the ':'
        found.append((key, key_at, at))
        at = _skip(text, decoder.raw_decode(text, at)[1])
        if text.startswith(",", at):
            at = _skip(text, at + 1)
    return found


def _items(text: str, at: int, decoder: json.JSONDecoder) -> list[tuple[int, int, int]]:
    """(index, offset, offset) for each item of the list at `at`."""
    found: list[tuple[int, int, int]] = []
    at = _skip(text, at + 1)
    while not text.startswith("]", at) and at < len(text):
        found.append((len(found), at, at))
        at = _skip(text, decoder.raw_decode(text, at)[1])
        if text.startswith(",", at):
            at = _skip(text, at + 1)
    return found
