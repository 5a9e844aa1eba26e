"""Square brackets and parentheses inside a paragraph → editorial spans.

[Next two pages omitted in the original.] → gap; [vernyi] → foreign;
[Editor's note: …] → note; [less than ideal] → supplied; (Everyone laughs) → incident.
An editor can force a reading by writing the kind right after the bracket:
[Malta]{foreign}, [sic]{supplied}, [N.B.]{text}, (Applause){incident}, (ibid.){text}.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from edition.encode.language import classify
from edition.tei.conventions import FOREIGN, GAP, INCIDENT, LITERAL, NOTE, OVERRIDES, SUPPLIED

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20,
}
_UNITS = {"page": "page", "pages": "page", "line": "line", "lines": "line", "word": "word",
          "words": "word", "paragraph": "paragraph", "paragraphs": "paragraph",
          "sentence": "sentence", "sentences": "sentence", "folio": "folio", "folios": "folio",
          "leaf": "leaf", "leaves": "leaf"}
_QUANTITY = re.compile(
    r"\b(?P<n>\d+|" + "|".join(NUMBER_WORDS) + r")\s+(?:(?:more|additional|further|following|next)\s+)?"
    r"(?P<unit>" + "|".join(_UNITS) + r")\b",
    re.I,
)
# Wording of omissions, most specific first: (pattern, @reason).
_GAP_REASONS = [
    (re.compile(r"\bomitted in (?:the )?original\b", re.I), "omitted-in-original"),
    (re.compile(r"\b(?:illegible|unreadable|indecipherable|undecipherable)\b", re.I), "illegible"),
    (re.compile(r"\b(?:redacted|excised|sanitized|sanitised|withheld|not declassified)\b", re.I), "redacted"),
    (re.compile(r"\b(?:not available|unavailable|not transcribed|not reproduced|not included)\b", re.I), "unavailable"),
    (re.compile(r"\b(?:missing|lost|torn|damaged|cut off)\b", re.I), "missing"),
    (re.compile(r"\b(?:omitted|omission|deleted|skipped)\b", re.I), "omitted"),
]
_NOTE = re.compile(
    r"^(?P<label>(?P<who>editor|translator|ed|trans|transl|tr)?(?:['’]s|\.)?\s*note\s*[:.])", re.I
)
_RESP = {"editor": "editor", "ed": "editor", "translator": "translator", "trans": "translator",
         "transl": "translator", "tr": "translator"}
_OVERRIDE = re.compile(
    r"\{(?P<kind>" + "|".join(OVERRIDES) + r")(?::(?P<lang>[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*))?\}"
)
_EMAIL_ARTEFACT = re.compile(r"\[email[\s\u00a0]+protected\]")
_SENTENCE_END = ".!?…:;"


@dataclass
class Span:
    kind: str  # the kind of a bracket convention (edition.tei.conventions), or LITERAL
    content: str  # text between the brackets, as written
    start: int  # offset of the opening bracket in the paragraph
    end: int  # offset after the closing bracket (and any override marker)
    reason: str = ""
    quantity: int | None = None
    unit: str = ""
    resp: str = ""
    label: str = ""  # the 'Editor's note:' words at the start of a note
    lang: str = ""


@dataclass(frozen=True)
class Problem:
    offset: int
    code: str
    message: str
    hint: str = ""
    is_error: bool = False


Segment = str | Span
_BRACKET = re.compile(r"[\[\]()]")


def parse_inline(text: str, start: int, language: str) -> tuple[list[Segment], list[Problem]]:
    """Split text[start:] into plain strings and editorial spans."""
    segments: list[Segment] = []
    problems: list[Problem] = []
    pairs = _bracket_pairs(text, start)
    plain_from = start
    i = start
    while (bracket := _BRACKET.search(text, i)) is not None:
        i = bracket.start()
        ch = text[i]
        if ch in "[(":
            close = pairs.get(i)
            if close is None:
                problems.append(_unclosed(ch, i))
                i += 1
                continue
            span = _read_span(text, i, close, language, problems)
            if span is not None:
                if plain_from < i:
                    segments.append(text[plain_from:i])
                segments.append(span)
                i = plain_from = span.end
                continue
            i = close + 1
            continue
        if ch in "])":
            problems.append(Problem(i, "unbalanced-bracket", f"'{ch}' closes nothing",
                                    "remove it, or add the opening bracket it belongs to"))
        i += 1
    if plain_from < len(text):
        segments.append(text[plain_from:])
    return segments, problems


def _unclosed(ch: str, offset: int) -> Problem:
    closer = "]" if ch == "[" else ")"
    return Problem(offset, "unbalanced-bracket", f"'{ch}' is never closed",
                   f"add the closing '{closer}' where the bracketed words end; the text is kept as written")


def _bracket_pairs(text: str, start: int) -> dict[int, int]:
    """Each opening bracket's matching close (square with square, round with round), in one pass.

    A stack per kind, so that a thousand unclosed brackets cost one scan, not one scan each."""
    pairs: dict[int, int] = {}
    open_square: list[int] = []
    open_round: list[int] = []
    for found in _BRACKET.finditer(text, start):
        ch, at = found.group(), found.start()
        stack = open_square if ch in "[]" else open_round
        if ch in "[(":
            stack.append(at)
        elif stack:
            pairs[stack.pop()] = at
    return pairs


def _read_span(text: str, open_at: int, close_at: int, language: str,
               problems: list[Problem]) -> Span | None:
    content = text[open_at + 1: close_at]
    end = close_at + 1
    forced, forced_lang = None, ""
    if override := _OVERRIDE.match(text, end):
        forced, forced_lang = override["kind"], override["lang"] or ""
        end = override.end()
    if forced == LITERAL:
        return _literal(text, open_at, close_at, end)
    if text[open_at] == "(":
        if forced == INCIDENT.kind or (forced is None and _is_event(text, open_at, close_at)):
            return Span(INCIDENT.kind, content, open_at, end)
        return _literal(text, open_at, close_at, end) if forced else None
    if forced is None and _EMAIL_ARTEFACT.fullmatch(text, open_at, close_at + 1):
        return None  # the archive's obfuscated e-mail address, not an editorial bracket
    return _classify_square(content, open_at, end, language, forced, forced_lang, problems)


def _literal(text: str, open_at: int, close_at: int, end: int) -> Span:
    """A bracket the editor marked as plain text: keep it, drop the marker."""
    return Span(LITERAL, text[open_at: close_at + 1], open_at, end)


def _is_event(text: str, open_at: int, close_at: int) -> bool:
    """(Everyone laughs) stands as a sentence of its own: after a sentence end, capitalised, short."""
    content = text[open_at + 1: close_at].strip()
    if not content or not content[0].isupper() or len(content.split()) > 12 or "[" in content:
        return False
    # Only the characters next to the brackets are read: slicing the text before and after
    # each event made a paragraph of many events quadratic.
    before = open_at
    while before and text[before - 1] in " \t\n\u00a0":
        before -= 1
    after = close_at + 1
    while after < len(text) and text[after] in ".!?":
        after += 1
    starts_sentence = not before or text[before - 1] in _SENTENCE_END or text[before - 1] == ")"
    ends_sentence = (after == len(text) or text[after] in " \t\n\u00a0"
                     or (text[after].isspace() and not text[after:].strip()))
    return starts_sentence and ends_sentence


def _classify_square(content: str, open_at: int, end: int, language: str, forced: str | None,
                     forced_lang: str, problems: list[Problem]) -> Span:
    squashed = " ".join(content.split())
    note = _NOTE.match(squashed)
    if forced == NOTE.kind or (forced is None and note):
        who = (note["who"] or "").lower() if note else ""
        return Span(NOTE.kind, content, open_at, end, resp=_RESP.get(who, ""), label=note["label"] if note else "")
    reason = next((r for pattern, r in _GAP_REASONS if pattern.search(squashed)), "")
    if forced == GAP.kind or (forced is None and reason):
        span = Span(GAP.kind, content, open_at, end, reason=reason or "unspecified")
        if quantity := _QUANTITY.search(squashed):
            number = quantity["n"].lower()
            span.quantity = int(number) if number.isdigit() else NUMBER_WORDS[number]
            span.unit = _UNITS[quantity["unit"].lower()]
        return span
    if forced == FOREIGN.kind:
        return Span(FOREIGN.kind, content, open_at, end, lang=forced_lang or language)
    if forced == SUPPLIED.kind:
        return Span(SUPPLIED.kind, content, open_at, end, reason="clarification")
    verdict = classify(squashed, language)
    if not verdict.certain:
        kind = "original-language words" if verdict.foreign else "words supplied by the editor"
        problems.append(Problem(
            open_at, "ambiguous-bracket", f"[{squashed}] read as {kind}",
            f"write [{squashed}]{{foreign}} or [{squashed}]{{supplied}} to say which it is",
        ))
    if verdict.foreign:
        return Span(FOREIGN.kind, content, open_at, end, lang=language)
    return Span(SUPPLIED.kind, content, open_at, end, reason="clarification")
