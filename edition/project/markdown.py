"""The editor's Markdown → safe HTML.

Markdown is rendered by the `markdown` package; its output passes through nh3
(the ammonia sanitiser): no script, no event handlers, no javascript: links,
whatever the source says.

Two inputs would make the `markdown` package fail or crawl, so they are refused
first, with the line and column that cause them (a linear pre-check):

- lists or block quotes nested more than MAX_NESTING deep (it recurses per level:
  500 levels end in a RecursionError);
- '[' that never close, or brackets nested so deep that its link parser would
  re-read more than MAX_BRACKET_SCAN characters (it scans to the end of the
  paragraph from every '[': 128 KB of them took a minute).
"""

from __future__ import annotations

import re

import markdown
import nh3

from edition.core.diagnostics import Diagnostic, EditionError, error
from edition.core.xmlchars import NOT_XML

MAX_NESTING = 32
MAX_BRACKET_SCAN = 1_000_000

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "dl", "dt", "em", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "q", "s", "small", "span", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
_ATTRIBUTES = {
    "*": {"id", "lang", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"align"},
    "th": {"align", "scope"},
}
# Block quote markers, then list markers, at the start of a line: each one opens a level.
_QUOTES = re.compile(r"[ \t]*>")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)[ \t]*")
_TAB = 4  # python-markdown's indentation step
_BRACKETS = re.compile(r"\\.|\]\(|[\[\]()]")


def render_markdown(text: str, source: str = "Markdown", first_line: int = 1) -> str:
    """HTML for `text`, which starts at line `first_line` of the file `source` (for the diagnostics);
    raises EditionError for input the renderer cannot take."""
    if problems := markdown_problems(text, source, first_line):
        raise EditionError(problems)
    html = markdown.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer")


def markdown_problems(text: str, source: str, first_line: int = 1) -> list[Diagnostic]:
    """What the renderer cannot take: at most one diagnostic per kind, at its first place."""
    lines = text.split("\n")  # as editors count lines: splitlines() also breaks at \v, \f and U+2028
    problems = [_too_deep(lines, source, first_line), _bracket_runs(lines, source, first_line),
                _control_character(text, source, first_line)]
    return [problem for problem in problems if problem is not None]


def _control_character(text: str, source: str, first_line: int) -> Diagnostic | None:
    """A character XML and HTML cannot hold (NUL, BEL, …) would pass through to the page as it is."""
    if not (match := NOT_XML.search(text)):
        return None
    line_start = text.rfind("\n", 0, match.start()) + 1
    return error(source, first_line + text.count("\n", 0, match.start()), match.start() - line_start + 1,
                 "control-character", f"character U+{ord(match[0]):04X} cannot appear on a page",
                 "delete it; it is usually left over from a copy or a conversion")


def _too_deep(lines: list[str], source: str, first_line: int) -> Diagnostic | None:
    for number, line in enumerate(lines):
        depth, at, col = 0, 0, 0  # col: where the level that goes too deep opens
        while depth <= MAX_NESTING and (quote := _QUOTES.match(line, at)):
            depth, at, col = depth + 1, quote.end(), quote.end() - 1
        indent = len(line) - len(line[at:].lstrip(" \t"))
        if depth <= MAX_NESTING and _LIST_ITEM.match(line, indent):  # a list item's indentation nests it
            depth, col = depth + len(line[at:indent].expandtabs(_TAB)) // _TAB, indent
        at = indent
        while depth <= MAX_NESTING and (item := _LIST_ITEM.match(line, at)):
            depth, at, col = depth + 1, item.end(), item.start()
        if depth > MAX_NESTING:
            return error(source, first_line + number, col + 1, "markdown-too-deep",
                         f"lists or block quotes nested more than {MAX_NESTING} deep",
                         f"flatten the nesting to at most {MAX_NESTING} levels (each 4 spaces of indentation, "
                         "'>' or list marker opens one)")
    return None


def _bracket_runs(lines: list[str], source: str, first_line: int) -> Diagnostic | None:
    paragraph: list[tuple[int, str]] = []
    for number, line in enumerate([*lines, ""]):
        if line.strip():
            paragraph.append((number, line))
            continue
        if paragraph and (place := _over_scan(paragraph)):
            line_at, col = place
            return error(source, first_line + line_at, col, "markdown-brackets",
                         "too many '[' that never close, or brackets nested too deep, for the Markdown renderer "
                         "(it would re-read the paragraph for each of them)",
                         r"write \[ for a bracket that opens no link, and close the others")
        paragraph = []
    return None


def _over_scan(paragraph: list[tuple[int, str]]) -> tuple[int, int] | None:
    """Where a paragraph makes the link parser re-read more than MAX_BRACKET_SCAN characters (from
    each '[' to its ']', from each '](' to its ')', or to the paragraph's end): its first bracket
    that never closes, else its first '['. One pass with a stack."""
    cost, offset = 0, 0
    squares: list[tuple[int, int, int]] = []  # open '[': (offset in the paragraph, line, column)
    rounds: list[tuple[int, int, int, bool]] = []  # open '(': (…, whether a link target starts there)
    first: tuple[int, int] | None = None
    for number, line in paragraph:
        for found in _BRACKETS.finditer(line):
            mark, at = found.group(), offset + found.start()
            if mark == "[":
                squares.append((at, number, found.start() + 1))
                first = first or (number, found.start() + 1)
            elif mark in ("]", "](") and squares:
                cost += at - squares.pop()[0]
            if mark in ("(", "]("):
                rounds.append((at, number, found.end(), mark == "]("))
            elif mark == ")" and rounds:
                start, _, _, target = rounds.pop()
                cost += at - start if target else 0
        offset += len(line) + 1
    unclosed = [(start, number, col) for start, number, col in squares]
    unclosed += [(start, number, col) for start, number, col, target in rounds if target]
    cost += sum(offset - start for start, _, _ in unclosed)
    if cost <= MAX_BRACKET_SCAN:
        return None
    if unclosed:
        _, number, col = min(unclosed)
        return number, col
    return first
