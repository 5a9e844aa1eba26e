"""The two views of a text, defined once.

*Reading*: the text as the editor establishes it — corrections, expansions,
regularisations and additions in; deletions, `sic`, abbreviations, original
spellings and surplus out; words joined across `lb break="no"`.
*Diplomatic*: the witness as it stands — deletions struck, additions marked
with their place, `sic`/`abbr`/`orig`, line breaks, `fw` in the margin.

Each TEI element the rendering knows is declared here with what becomes of
its words in each view. The XSLT renders by these rules, the `.txt` download
is the reading view, docs/rendering.md describes them, and the fidelity check
(tests) compares the words of each rendered view with the words these rules
give. An element not declared here keeps its words in both views.

`Show` says what becomes of an element's own words:
- TEXT: they are part of the running text;
- OMIT: they are not shown in this view (the other view shows them);
- MARKER: they are not shown; a discreet sign stands where they were
  (a gap's "[…]", a page break's number);
- APART: they are shown outside the running text (notes, apparatus, margins).
- HIDDEN: never part of either view (metadata and links, not text).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Show(StrEnum):
    TEXT = "text"
    OMIT = "omit"
    MARKER = "marker"
    APART = "apart"
    HIDDEN = "hidden"


READING, DIPLOMATIC = "reading", "diplomatic"
VIEWS = (READING, DIPLOMATIC)


@dataclass(frozen=True)
class Rendering:
    element: str  # local name in the TEI namespace
    reading: Show
    diplomatic: Show
    looks: str  # how the views show it, for docs/rendering.md
    within: str = ""  # the rule holds only for a child of this element (choice: sic/corr…; restore: del)

    def show(self, view: str) -> Show:
        return self.reading if view == READING else self.diplomatic


T, OUT, M, A, H = Show.TEXT, Show.OMIT, Show.MARKER, Show.APART, Show.HIDDEN

RENDERINGS: tuple[Rendering, ...] = (
    # Alterations in the source (TEI "transcr" module and core).
    Rendering("del", OUT, T, "struck through in the diplomatic view; left out of the reading view"),
    # TEI 12.3.1.6: restore "indicates restoration of text to an earlier state by cancellation of an
    # editorial or authorial marking or instruction" — the deleted words are the text again.
    Rendering("del", T, T, "a deletion the writer cancelled: struck through and marked as restored in the "
                           "diplomatic view; text in the reading view", within="restore"),
    Rendering("add", T, T, "raised or marked with its @place in the diplomatic view; plain in the reading view"),
    Rendering("subst", T, T, "its del and add follow their own rules"),
    Rendering("mod", T, T, "marked as modified in the diplomatic view"),
    Rendering("restore", T, T, "marked as restored (a deletion cancelled) in the diplomatic view"),
    Rendering("retrace", T, T, "marked as retraced in the diplomatic view"),
    Rendering("metamark", OUT, T, "the mark's description, in the margin of the diplomatic view"),
    Rendering("handShift", M, M, "a sign where the hand changes, with the new hand on hover"),
    Rendering("addSpan", M, M, "marks where a spanning addition starts; the words up to @spanTo are an addition"),
    Rendering("delSpan", M, M, "marks where a spanning deletion starts; the words up to @spanTo are deleted"),
    Rendering("unclear", T, T, "marked as unclear (with @reason, @cert) in the diplomatic view"),
    Rendering("damage", T, T, "marked as damaged (with @agent) in the diplomatic view"),
    Rendering("surplus", OUT, T, "bracketed as surplus in the diplomatic view; left out of the reading view"),
    Rendering("secl", T, T, "in brackets ⟦ ⟧ in both views: the editor holds it inauthentic"),
    Rendering("space", M, M, "a visible blank (never glues its neighbours), with its extent on hover"),
    Rendering("gap", M, M, "worded from @reason/@quantity/@unit/@extent in the diplomatic view, "
                           "[…] in the reading view"),
    Rendering("supplied", T, T, "in brackets with its @reason in the diplomatic view; plain, discreetly marked, "
                                "in the reading view"),
    # Alternatives: which child of choice each view takes.
    Rendering("sic", OUT, T, "the source's error, in the diplomatic view", within="choice"),
    Rendering("corr", T, OUT, "the editor's correction, in the reading view", within="choice"),
    Rendering("abbr", OUT, T, "the abbreviation as written, in the diplomatic view", within="choice"),
    Rendering("expan", T, OUT, "the expansion, in the reading view", within="choice"),
    Rendering("orig", OUT, T, "the original spelling, in the diplomatic view", within="choice"),
    Rendering("reg", T, OUT, "the regularised spelling, in the reading view", within="choice"),
    Rendering("am", OUT, T, "an abbreviation mark, in the diplomatic view"),
    Rendering("ex", T, OUT, "an editorial expansion, in the reading view"),
    # Breaks and the page around the text.
    Rendering("lb", M, M, "a line break in the diplomatic view (a hyphen where @break=\"no\"), a space or "
                          "nothing (@break=\"no\") in the reading view; @n as a line number"),
    Rendering("pb", M, M, "a page number in the margin of both views; its image where @facs points to one"),
    Rendering("cb", M, M, "a column number in the diplomatic view"),
    Rendering("milestone", M, M, "its @unit and @n in the margin"),
    Rendering("fw", OUT, A, "running heads, catchwords and signatures in the margin of the diplomatic view"),
    # Commentary and apparatus: never part of the running text, never lost.
    Rendering("note", A, A, "a numbered marker in the text; the note below it (foot, end) or beside it (margin)"),
    Rendering("app", T, T, "its lemma in the text with a small numbered marker; an entry in the apparatus below "
                           "the text, `¶1 lemma A] reading B`, linked both ways"),
    Rendering("lem", T, T, "the text; repeated before `]` in its apparatus entry, with its witnesses"),
    Rendering("rdg", A, A, "in the apparatus below the text (`lemma A] reading B`), with its witnesses' "
                           "sigla, @resp/@source by name, @type and @cause; shown in the text when the "
                           "witness switch chooses one of its witnesses"),
    Rendering("rdgGrp", A, A, "its readings, grouped, in the apparatus"),
    Rendering("witDetail", A, A, "in the apparatus entry, after the readings, with its sigla"),
    Rendering("listApp", A, A, "a stand-off apparatus: its entries in the apparatus, each marker where its "
                               "@from/@to or @loc points"),
    Rendering("figDesc", A, A, "the image's text alternative"),
    # Not text: metadata, links and alignment.
    Rendering("teiHeader", H, H, "read for the page's metadata, never shown as text"),
    Rendering("facsimile", H, H, "page images, shown beside the text, not as text"),
    Rendering("standOff", H, H, "stand-off annotation, read for registers and links"),
    # TEI 3.9.2: index "marks a location to be indexed for whatever purpose";
    # its terms are the index's words, not the text's.
    Rendering("index", H, H, "an entry for a back-of-book index, not text"),
    Rendering("interpGrp", H, H, "analytic interpretation, not text"),
    Rendering("linkGrp", H, H, "links between passages, not text"),
    Rendering("link", H, H, "a link between passages, not text"),
    Rendering("spanGrp", H, H, "stand-off spans, not text"),
    Rendering("timeline", H, H, "a timeline for spoken text, not text"),
)

_BY_NAME: dict[tuple[str, str], Rendering] = {(r.element, r.within): r for r in RENDERINGS}


def rendering(element: str, parent: str = "") -> Rendering | None:
    """The rule for an element (by local name) under a parent (by local name), if one is declared."""
    return _BY_NAME.get((element, parent)) or _BY_NAME.get((element, ""))


def show(element: str, parent: str, view: str) -> Show:
    """What becomes of an element's own words in a view; TEXT when nothing is declared."""
    rule = rendering(element, parent)
    return rule.show(view) if rule else Show.TEXT
