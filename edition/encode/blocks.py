"""Plain text → blocks (paragraphs separated by blank lines), with positions.

A block remembers where each of its lines starts, so any character offset in
it maps back to a line and column of the source file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

# The archive separates sentences and follows labels with ' ' + U+00A0;
# every run of whitespace (no-break space included) becomes one space in the TEI.
_WHITESPACE = re.compile(r"[\s\u00a0\u2007\u202f]+")


def squash(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Block:
    text: str
    line: int  # 1-based line of the first character
    line_starts: tuple[int, ...] = field(default=(0,))

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of a character offset inside the block."""
        index = bisect_right(self.line_starts, offset) - 1
        return self.line + index, offset - self.line_starts[index] + 1

    @property
    def plain(self) -> str:
        return squash(self.text)


def split_blocks(text: str, first_line: int = 1) -> list[Block]:
    """Split text into blocks at blank lines (lines holding only whitespace)."""
    blocks: list[Block] = []
    lines: list[str] = []
    start = first_line
    for number, line in enumerate(text.split("\n"), start=first_line):
        if line.strip(" \t\u00a0\r\f\v"):
            if not lines:
                start = number
            lines.append(line.rstrip("\r"))
        elif lines:
            blocks.append(_make_block(lines, start))
            lines = []
    if lines:
        blocks.append(_make_block(lines, start))
    return blocks


def _make_block(lines: list[str], start: int) -> Block:
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return Block("\n".join(lines), start, tuple(starts))
