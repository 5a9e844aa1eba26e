"""Sections of the docs generated from a declaration in the code.

A table that restates a declaration (the encoder's conventions, the options of
edition.toml) is written between two markers, `<!-- NAME:start -->` and
`<!-- NAME:end -->`, so a test can compare it with the declaration and a command
can rewrite it; the prose around it stays hand-written.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def _markers(name: str) -> re.Pattern[str]:
    return re.compile(rf"(<!-- {re.escape(name)}:start -->\n)(.*?)(<!-- {re.escape(name)}:end -->)", re.S)


def read_section(text: str, name: str) -> str | None:
    """The text between the markers of `name`, or None when the markers are missing."""
    found = _markers(name).search(text)
    return found[2] if found else None


def write_section(path: Path, name: str, body: str) -> bool:
    """Put `body` between the markers of `name` in `path`; False when the file lacks the markers."""
    text = path.read_text(encoding="utf-8")
    if read_section(text, name) is None:
        return False
    path.write_text(_markers(name).sub(lambda m: m[1] + body + m[3], text, count=1), encoding="utf-8")
    return True


def regenerate(argv: list[str], name: str, body: str, command: str) -> int:
    """`python -m <module> DOC`: rewrite the section `name` of DOC with `body`; an exit code."""
    if len(argv) != 1:
        print(f"usage: {command} FILE.md", file=sys.stderr)
        return 2
    if not write_section(Path(argv[0]), name, body):
        print(f"{argv[0]}: no <!-- {name}:start --> … <!-- {name}:end --> markers", file=sys.stderr)
        return 1
    print(f"wrote the {name} table of {argv[0]}")
    return 0
