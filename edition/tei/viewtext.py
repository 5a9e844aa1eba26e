"""The words of a TEI document under each view, as edition/tei/views.py declares them.

This is the reference the rendering is held to: the `.txt` download is built
from it (the reading view), and the fidelity check (tests/fidelity.py)
compares the words a reader's browser shows in each view with the words it
gives — none lost, none duplicated, none glued.

Besides views.py's rule for each element, the words depend on where words
end, which these rules fix:
- the start and end of a structural element (`PARAGRAPHS`, `LINES`, `CELLS`: paragraphs, verse
  lines, headings, cells, utterances …) end a word; phrase-level elements
  (`hi`, `add`, `del`, `choice` …) do not, so `Fuhr<add>werk</add>` is one word;
- `lb`, `pb`, `cb`, `milestone` and `space` end a word, except that with
  `@break="no"` (or "false", "n", or `@type="inWord"`) the reading view joins
  the words on both sides (`Fuhr<lb break="no"/>werk` is "Fuhrwerk"); the
  diplomatic view keeps the line as it stands ("Fuhr" "werk"), while a page,
  column or milestone number inside a word leaves the word whole in both;
- a line-end hyphen before a break (the DTA's `Ver-<lb/>zichts`, also `¬` and
  `⸗`) is a word broken at the line: the reading view joins it without the
  mark (with "-" only when the next line goes on in lower case; otherwise the
  hyphen is a real one and stays, "Goethe-Schiller");
- `delSpan` deletes, and `addSpan` adds, everything up to the element its
  `@spanTo` names;
- in a `choice` each child takes its views.py rule and the view shows the
  first child it keeps (two `seg`s, two `corr`s: the first);
- a `lem` is the text even inside an `rdgGrp` (which is otherwise apart); in
  an `app` with no `lem` the first `rdg` stands in the text, like a choice's
  first child, and the other readings are apart — unless the app is
  location-referenced (`@loc`): then its readings are all apart;
- a `listApp` (a stand-off apparatus), in the text or in `standOff`, is apart;
- `gap`, `space`, `handShift` and the breaks have no words (MARKER); notes,
  readings and margins are APART: collected on their own, never dropped, even
  inside a passage the view leaves out.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum

from lxml import etree

from edition.core.diagnostics import Diagnostic, error
from edition.tei.conventions import BY_ELEMENT
from edition.tei.validate import Locate
from edition.tei.views import DIPLOMATIC, READING, Show, show
from edition.tei.xml import TEI_NS, XML_ID, q

_TEI = f"{{{TEI_NS}}}"

# Structural elements: their start and end end a word (the rendering makes them blocks, cells or lines).
PARAGRAPHS = frozenset({
    "text", "front", "body", "back", "group", "div", "div1", "div2", "div3", "div4", "div5", "div6", "div7",
    "p", "ab", "head", "lg", "sp", "spGrp", "stage", "u", "list", "listBibl", "table", "figure", "floatingText",
    "opener", "closer", "dateline", "salute", "signed", "postscript", "byline", "epigraph", "argument", "trailer",
    "titlePage", "docTitle", "titlePart", "docAuthor", "docDate", "docImprint", "docEdition", "imprimatur",
    "castList", "set", "prologue", "epilogue", "performance", "entry", "entryFree", "superEntry", "form", "sense",
    "def", "sourceDoc", "surface", "surfaceGrp", "zone", "listPerson", "listPlace", "listEvent", "caption",
    "speaker",
})
LINES = frozenset({"l", "item", "row", "castItem", "castGroup", "line"})  # and a list's label or bibl
CELLS = frozenset({"cell"})
BREAKS = frozenset({"lb", "pb", "cb", "milestone"})
_JOINING = ("no", "false", "n")  # @break values that say the break falls inside a word
_LINE_END_MARKS = ("¬", "⸗")  # unambiguous: always a word broken at the line end
_LETTER = re.compile(r"[^\W\d_]$")
_WHITESPACE = re.compile(r"\s+")


class Cut(Enum):
    """What stands between two pieces of text."""
    JOIN = 0  # nothing: `@break="no"`
    SOFT = 1  # a line break in the reading view: a space, unless a line-end hyphen joins the word
    SPACE = 2
    CELL = 3
    LINE = 4
    PARAGRAPH = 5


@dataclass(frozen=True)
class Style:
    """How the walk writes what is not plain words; the defaults give the bare words of a view."""
    view: str = READING
    markers: bool = False  # write "[…]" where a gap is, "[1]" where a note was
    brackets: bool = False  # the encoder's transcript conventions: supplied, gaps, notes, incidents in brackets


@dataclass
class ViewText:
    """The running text of a view (with its line and paragraph breaks) and the words apart from it."""
    text: str
    notes: list[str] = field(default_factory=list)  # each note, reading or margin entry, in document order

    @property
    def words(self) -> list[str]:
        return self.text.split()

    @property
    def apart(self) -> list[str]:
        return [word for note in self.notes for word in note.split()]


def view_text(tree: etree._ElementTree, view: str, style: Style | None = None) -> ViewText:
    """The words of the document's `text` and `sourceDoc` under `view` (READING or DIPLOMATIC)."""
    if view not in (READING, DIPLOMATIC):
        raise ValueError(f"no such view: {view}")
    walk = _Walk(style or Style(view=view), _SpanEnds(tree))
    for part in tree.getroot():
        if part.tag in (q("text"), q("sourceDoc")):
            walk.element(part, hidden=False)
            walk.cut(Cut.PARAGRAPH)
        elif part.tag == q("standOff"):  # its apparatus is shown below the text
            for apparatus in part.iter(q("listApp")):
                if not any(a.tag == q("listApp") for a in apparatus.iterancestors()):
                    walk.apart(apparatus)
    return ViewText(walk.finish(), walk.notes)


def no_text(tree: etree._ElementTree, name: str, locate: Locate) -> Diagnostic | None:
    """An error when the document has neither `text` nor `sourceDoc`: there would be nothing to show."""
    root = tree.getroot()
    if root.find(q("text")) is not None or root.find(q("sourceDoc")) is not None:
        return None
    line, col = locate(root)
    return error(name, line, col, "no-text", "the document has neither <text> nor <sourceDoc>: it has nothing to show",
                 "put the transcription in <text><body>…</body></text> after the teiHeader (or, page by page, in "
                 "<sourceDoc>)")


class _SpanEnds:
    """The elements by xml:id, found on the first delSpan's asking (most documents have none)."""

    def __init__(self, tree: etree._ElementTree):
        self.tree = tree
        self.found: dict[str, etree._Element] | None = None

    def get(self, identifier: str) -> etree._Element | None:
        if self.found is None:
            self.found = {e.get(XML_ID, ""): e for e in self.tree.getroot().iter() if e.get(XML_ID)}
        return self.found.get(identifier)


def _name(element: etree._Element) -> str:
    tag = element.tag
    found = _NAMES.get(tag)
    if found is None:
        if len(_NAMES) >= _NAMES_KEPT:  # a document inventing names by the million stays small
            _NAMES.clear()
        found = _NAMES[tag] = tag[len(_TEI):] if isinstance(tag, str) and tag.startswith(_TEI) else ""
    return found


# Local names by tag (a play has some 200,000 elements of a few dozen tags); comments and
# processing instructions (whose tag is a function) have none.
_NAMES: dict[object, str] = {}
_NAMES_KEPT = 10_000
_show = functools.lru_cache(maxsize=_NAMES_KEPT)(show)  # by local name, parent's and view: a few hundred in use


def _parent_name(element: etree._Element) -> str:
    parent = element.getparent()
    return _name(parent) if parent is not None else ""


def block_kind(element: etree._Element) -> str:
    """"paragraph", "line", "cell" or "" (phrase level) for a TEI element."""
    name = _name(element)
    if name in ("label", "bibl") and _parent_name(element) in ("list", "listBibl"):
        return "line"
    if name == "seg" and _parent_name(element) == "u":
        return "paragraph"  # ParlaMint: an utterance's segments are its paragraphs
    if name in PARAGRAPHS:
        return "paragraph"
    if name in LINES:
        return "line"
    return "cell" if name in CELLS else ""


_KIND_CUT = {"paragraph": Cut.PARAGRAPH, "line": Cut.LINE, "cell": Cut.CELL}


class _Walk:
    def __init__(self, style: Style, ids: _SpanEnds):
        self.style = style
        self.ids = ids
        self.pieces: list[str | Cut] = []
        self.notes: list[str] = []
        self.deleting: etree._Element | None = None  # the end of a delSpan the reading view leaves out

    # -- output -------------------------------------------------------------------------------------

    def write(self, text: str | None) -> None:
        if text and self.deleting is None:
            self.pieces.append(text)

    def cut(self, kind: Cut) -> None:
        self.pieces.append(kind)

    def finish(self) -> str:
        return _join(self.pieces)

    # -- the walk -----------------------------------------------------------------------------------

    def element(self, element: etree._Element, hidden: bool) -> None:
        """Write an element's words (not its tail); `hidden` when the view leaves it out (notes still count)."""
        if element is self.deleting:
            self.deleting = None
        if not isinstance(element.tag, str):
            return  # a comment or processing instruction: no words
        name = _name(element)
        if self.style.brackets and not hidden and self.bracketed(element, name):
            return
        rule = _show(name, _parent_name(element), self.style.view) if name else Show.TEXT
        if rule is Show.HIDDEN:
            return
        if rule is Show.APART and not (name == "rdgGrp" and element.find(q("lem")) is not None):
            self.apart(element)
            return
        if rule is Show.MARKER:
            if not hidden:
                self.marker(element, name)
            return
        hidden = hidden or rule is Show.OMIT
        kind = "" if hidden else block_kind(element)
        if kind:
            self.cut(_start_cut(element, kind))
        if name == "choice":
            self.choice(element, hidden)
        elif name == "app" and element.find(f".//{q('lem')}") is None and element.get("loc") is None:
            self.app_without_lemma(element, hidden)
        elif name == "rdgGrp" and element.find(q("lem")) is not None:
            self.children(element, hidden)  # a group holding the lemma: the lemma is the text, its readings apart
        else:
            self.children(element, hidden)
        if kind:
            self.cut(_end_cut(element, kind))

    def children(self, element: etree._Element, hidden: bool) -> None:
        if not hidden:
            self.write(element.text)
        for child in element:
            self.element(child, hidden)
            if not hidden:
                self.write(child.tail)

    def choice(self, element: etree._Element, hidden: bool) -> None:
        """The first child the view keeps; the others are left out (their notes still count)."""
        if not hidden:
            self.write(element.text)
        taken = False
        for child in element:
            keeps = isinstance(child.tag, str) and _show(_name(child), "choice", self.style.view) is Show.TEXT
            self.element(child, hidden or taken or not keeps)
            taken = taken or keeps
            if not hidden:
                self.write(child.tail)

    def app_without_lemma(self, element: etree._Element, hidden: bool) -> None:
        """An apparatus entry with readings only: the first reading stands in the text, the others apart."""
        if not hidden:
            self.write(element.text)
        first = next(element.iterchildren(q("rdg")), None)
        for child in element:
            if child is first:
                self.children(child, hidden)
            else:
                self.element(child, hidden)
            if not hidden:
                self.write(child.tail)

    def marker(self, element: etree._Element, name: str) -> None:
        if name == "space":
            self.cut(Cut.SPACE)
            return
        if name in BREAKS:
            joins = element.get("break") in _JOINING or element.get("type") == "inWord"
            if self.style.view == READING:
                self.cut(Cut.JOIN if joins else Cut.SOFT)
            elif name == "lb":  # the witness's line ends where it ends, inside a word or not
                self.cut(Cut.LINE if self.style.markers else Cut.SPACE)
            else:  # a page, column or milestone number stands beside the word it falls in
                self.cut(Cut.JOIN if joins else Cut.SPACE)
            return
        if name == "gap" and self.style.markers:
            self.write("[…]")
        if name == "delSpan" and self.style.view == READING:
            target = self.ids.get((element.get("spanTo") or "").lstrip("#"))
            if target is not None and _follows(target, element):
                self.deleting = target

    def apart(self, element: etree._Element) -> None:
        """A note (or reading, margin entry) on its own, with the view's rules inside it."""
        inner = _Walk(self.style, self.ids)
        inner.children(element, hidden=False)
        index = len(self.notes)
        self.notes.append("")
        self.notes[index] = " ".join(inner.finish().split())
        self.notes[index + 1:index + 1] = inner.notes  # notes within the note come after it
        if self.style.markers and self.deleting is None:
            self.write(f"[{index + 1}]")

    def bracketed(self, element: etree._Element, name: str) -> bool:
        """The encoder's own conventions, written back as the transcript had them."""
        convention = BY_ELEMENT.get(name)
        if convention is None or not convention.brackets:
            return False
        words = element.find(q(convention.words_in)) if convention.words_in else element
        inner = _Walk(Style(view=self.style.view, brackets=True), self.ids)
        if words is not None:
            inner.children(words, hidden=False)
        self.write(convention.wrap(" ".join(inner.finish().split())))
        return True


def _follows(target: etree._Element, start: etree._Element) -> bool:
    """True when `target` comes after `start` in the document (a span that ends before it starts covers nothing)."""
    for element in start.getroottree().iter():
        if element is start:
            return True
        if element is target:
            return False
    return False


def _start_cut(element: etree._Element, kind: str) -> Cut:
    """A paragraph right after its speech's speaker label goes on the label's line ("J. BAKER. We agreed.")."""
    previous = element.getprevious()
    if _name(element) == "p" and previous is not None and _name(previous) == "speaker":
        return Cut.SPACE
    return _KIND_CUT[kind]


def _end_cut(element: etree._Element, kind: str) -> Cut:
    following = element.getnext()
    if _name(element) == "speaker" and following is not None and _name(following) == "p":
        return Cut.SPACE
    return _KIND_CUT[kind]


def _join(pieces: list[str | Cut]) -> str:
    """The pieces as text: the strongest cut between two texts wins; a JOIN only when no other cut is there."""
    out: list[str] = []
    pending: Cut | None = None
    for piece in _merge(pieces):
        if isinstance(piece, Cut):
            pending = piece if pending is None or _STRENGTH[piece] > _STRENGTH[pending] else pending
            continue
        if pending is None or not out:
            out.append(piece)
        elif pending is Cut.JOIN or pending is Cut.SOFT:
            _rstrip(out)
            after = piece.lstrip()
            joined = _join_broken_word(out[-1] if out else "", after, pending is Cut.JOIN)
            if joined is not None and out:
                out[-1] = joined
            else:
                out += [" ", after]
        else:
            _rstrip(out)
            out += [_CUT_TEXT[pending], piece.lstrip()]
        pending = None
    return "".join(out).strip()


def _rstrip(out: list[str]) -> None:
    while out and not out[-1].strip():
        out.pop()
    if out:
        out[-1] = out[-1].rstrip()


_CUT_TEXT = {Cut.SPACE: " ", Cut.CELL: "\t", Cut.LINE: "\n", Cut.PARAGRAPH: "\n\n"}
_STRENGTH = {cut: cut.value for cut in Cut}  # (an enum's .value is a property: slow by the hundred thousand)


def _merge(pieces: list[str | Cut]) -> Iterator[str | Cut]:
    """Adjacent texts as one; text that is only whitespace next to a cut is dropped (the cut stands for it)."""
    text: list[str] = []
    for piece in pieces:
        if isinstance(piece, Cut):
            if text:
                joined = _WHITESPACE.sub(" ", "".join(text))
                if joined.strip():
                    yield joined
                elif piece is not Cut.JOIN:
                    yield Cut.SPACE
                text = []
            yield piece
        else:
            text.append(piece)
    if text and "".join(text).strip():
        yield _WHITESPACE.sub(" ", "".join(text))


def _join_broken_word(before: str, after: str, told: bool) -> str | None:
    """`before` and `after` as one word when the line break falls inside it; None when it ends a word."""
    if not before or not after:
        return None if not told else before + after
    if before.endswith(_LINE_END_MARKS) and _LETTER.search(before[:-1]):
        return before[:-1] + after
    if before.endswith("-") and _LETTER.search(before[:-1]) and after[0].isalpha():
        return (before[:-1] if after[0].islower() else before) + after
    return before + after if told else None
