"""Where a key or table is written in a TOML file, so a diagnostic about a value points at its line.

tomllib gives values without positions. The edition's TOML files are written by hand and
are small, so a pass over the lines finds each `[table]` header and each `key =`, with its
dotted path from the top of the file. Lines inside multi-line strings are skipped.
"""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

from edition.core.diagnostics import EditionError, error, toml_position

_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_DOTTED = rf"{_PART}(?:[ \t]*\.[ \t]*{_PART})*"
_HEADER = re.compile(rf"^[ \t]*\[\[?[ \t]*(?P<path>{_DOTTED})[ \t]*\]\]?")
_KEY = re.compile(rf"^[ \t]*(?P<path>{_DOTTED})[ \t]*=")
_MULTILINE = re.compile(r'"""|\'\'\'')

Position = tuple[int, int]


def load_toml(text: str, shown: str, code: str, hint: str) -> dict[str, Any]:
    """An editor's TOML file as data; EditionError at the line and column where it stops being TOML."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col = toml_position(exc)
        raise EditionError([error(shown, line, col, code, f"{shown.rpartition('/')[2]} is not valid TOML: "
                                  f"{str(exc).split(' (at')[0]}", hint)]) from None


class KeyLines:
    """The line and column of every table header and key of a TOML text."""

    def __init__(self, text: str):
        self.positions: dict[tuple[str, ...], Position] = {}
        table: tuple[str, ...] = ()
        open_quote = ""
        for number, line in enumerate(text.splitlines(), start=1):
            if open_quote:  # inside a multi-line string
                if line.count(open_quote) % 2:
                    open_quote = ""
                continue
            if match := _HEADER.match(line):
                table = _parts(match["path"])
                self.positions.setdefault(table, (number, len(line) - len(line.lstrip()) + 1))
            elif match := _KEY.match(line):
                self.positions.setdefault((*table, *_parts(match["path"])), (number, match.start("path") + 1))
            quotes = _MULTILINE.findall(line)
            if len(quotes) % 2:
                open_quote = quotes[-1]

    def of(self, *path: str) -> Position:
        """Where `path` is written; else where its nearest enclosing table is; else the top of the file."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.positions:
                return self.positions[path[:end]]
        return 1, 1


def _parts(dotted: str) -> tuple[str, ...]:
    parts = []
    for part in re.findall(_PART, dotted):
        if part.startswith('"'):
            part = json.loads(part)
        elif part.startswith("'"):
            part = part[1:-1]
        parts.append(part)
    return tuple(parts)
