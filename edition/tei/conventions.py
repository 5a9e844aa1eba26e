"""The encoder's conventions, each declared once.

A convention is a way a transcript marks something — a section, a speech, a
paragraph, a bracket, a parenthesis — and the TEI element the encoder writes
for it. The encoder, the plain-text reader (`edition text`), the permanent
anchors and their tombstones all take their names from this table; the schema,
the XSLT and the table in docs/encoding.md are checked against it by
tests/test_conventions.py. Regenerate that table with
`python -m edition.tei.conventions docs/encoding.md`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from edition.core.docsections import regenerate


@dataclass(frozen=True)
class Convention:
    kind: str  # the encoder's name for it; for a bracket, also the {kind} that forces it
    element: str  # the TEI element it becomes
    anchor_prefix: str = ""  # citable elements get a permanent id with this prefix; "" = not citable
    tombstone_name: str = ""  # how a removed one is named: "Speech sp4 of release 1.0 was removed …"
    brackets: str = ""  # how it reads back as plain text: "[]" or "()" around its words; "" = bare
    words_in: str = ""  # the child element that holds its words, when not the element itself

    @property
    def citable(self) -> bool:
        return bool(self.anchor_prefix)

    def wrap(self, words: str) -> str:
        """Its words as the transcript writes them."""
        return f"{self.brackets[0]}{words}{self.brackets[1]}" if self.brackets else words


# Citable ones first, in the order the anchors are aligned.
DIVISION = Convention("division", "div", anchor_prefix="div", tombstone_name="Section")
SPEECH = Convention("speech", "sp", anchor_prefix="sp", tombstone_name="Speech")
PARAGRAPH = Convention("paragraph", "p", anchor_prefix="p", tombstone_name="Paragraph")
NOTE = Convention("note", "note", anchor_prefix="n", tombstone_name="Note", brackets="[]")
GAP = Convention("gap", "gap", anchor_prefix="gap", tombstone_name="Gap", brackets="[]", words_in="desc")
INCIDENT = Convention("incident", "incident", anchor_prefix="inc", tombstone_name="Event", brackets="()",
                      words_in="desc")
HEADING = Convention("heading", "head")
DATELINE = Convention("dateline", "opener")
SPEAKER = Convention("speaker", "speaker")  # the label that opens a speech: `J. BAKER.`
SUPPLIED = Convention("supplied", "supplied", brackets="[]")
FOREIGN = Convention("foreign", "foreign", brackets="[]")

CONVENTIONS = (DIVISION, SPEECH, PARAGRAPH, NOTE, GAP, INCIDENT, HEADING, DATELINE, SPEAKER, SUPPLIED, FOREIGN)
BY_KIND = {c.kind: c for c in CONVENTIONS}
BY_ELEMENT = {c.element: c for c in CONVENTIONS}

# An editor's marker after a bracket: `[N.B.]{text}` keeps it as plain text, brackets and all.
LITERAL = "text"
OVERRIDES = tuple(c.kind for c in CONVENTIONS if c.brackets) + (LITERAL,)  # the words a {marker} may hold


def docs_table() -> str:
    """The table of docs/encoding.md between <!-- conventions:start --> and <!-- conventions:end -->."""
    rows = ["| convention | TEI | permanent anchor | as plain text | a removed one is called |",
            "|---|---|---|---|---|"]
    for c in CONVENTIONS:
        element = f"`{c.element}`" + (f" (words in `{c.words_in}`)" if c.words_in else "")
        anchor = f"`{c.anchor_prefix}1`, `{c.anchor_prefix}2`, …" if c.citable else "none"
        text = f"`{c.wrap('…')}`" if c.brackets else "as written"
        rows.append(f"| {c.kind} | {element} | {anchor} | {text} | {c.tombstone_name or '—'} |")
    return "\n".join(rows) + "\n"


def main(argv: list[str]) -> int:
    return regenerate(argv, "conventions", docs_table(), "python -m edition.tei.conventions")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
