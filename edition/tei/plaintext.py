"""TEI → plain text: the `.txt` download and `edition text`, which is the reading view.

Everything the reading view shows is there — headings, paragraphs, verse one
line each, `ab`, utterances, lists one item a line, tables one row a line with
cells separated by tabs, nested texts — with a gap as "[…]" and each note as a
number in brackets where it stands, the notes themselves at the end,
numbered. The words come from edition/tei/viewtext.py, so they are the words
the fidelity check holds the reading view to.

A transcript the encoder made reads back in the transcript's own conventions
(edition/tei/conventions.py: supplied words, gaps and notes in brackets,
incidents in parentheses, the speaker's label opening the speech's first
paragraph): `edition text` gives back the source text, whitespace aside.
"""

from __future__ import annotations

import re

from lxml import etree

from edition.tei.conventions import DIVISION
from edition.tei.views import READING
from edition.tei.viewtext import Style, view_text
from edition.tei.xml import q

# What to_text writes besides the view's words: the fidelity check reads past these.
GAP_MARK = "[…]"
NOTE_MARK = re.compile(r"\[\d+\]")
ENCODED = "transcript"  # the @type of the division the encoder puts a transcript in


def to_text(tree: etree._ElementTree) -> str:
    """The document as plain text: paragraphs separated by blank lines, the notes at the end."""
    if _encoded_transcript(tree):
        return view_text(tree, READING, Style(brackets=True)).text + "\n"
    shown = view_text(tree, READING, Style(markers=True))
    notes = [f"[{number}] {note}" for number, note in enumerate(shown.notes, 1)]
    return "\n\n".join([shown.text, *notes]).strip() + "\n"


def _encoded_transcript(tree: etree._ElementTree) -> bool:
    body = tree.getroot().find(f"{q('text')}/{q('body')}")
    return body is not None and any(div.get("type") == ENCODED for div in body.iterchildren(q(DIVISION.element)))
