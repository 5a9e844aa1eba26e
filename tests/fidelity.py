"""The fidelity check: the words a reader sees in each view are the TEI's words under that view.

What the reader sees is read from a real browser (Debian's Chromium through
Playwright): the page is opened, the view chosen with its own switch, and the
words taken from `innerText`, which is what the browser lays out — hidden
elements are not in it, blocks and line breaks separate words, CSS generated
content (`::before`) is not text. Reading the HTML with lxml instead would mean
re-implementing the stylesheet's show-and-hide rules and the browser's layout,
and the check would then test that re-implementation rather than the page.

The page's HTML contract (docs/rendering.md) marks what is not a word of the
TEI and what stands apart from the running text:
- `.gen`: words the stylesheet makes (brackets, a gap's wording, page and line
  numbers); with the site's own furniture (paragraph numbers, note markers,
  the contents) they are emptied before the words are read. The element stays,
  so a block still separates the words on either side;
  the witness switch and the apparatus's lemma repeated from the text (`.gen`
  too) are the page's own as well;
- `.v-apart` and the footnotes: notes, readings (each apparatus entry), margins, read on their own;
  with them an image's `alt`, the text alternative a `figDesc` becomes;
- a formula converted from TeX to MathML is read as the TeX it keeps in its
  `annotation`: the words its TEI has.

The expected words come from edition/tei/viewtext.py, applied to the TEI the
site publishes beside the page (documents/<id>.xml). Words are compared
casefolded (CSS may set small capitals or upper case) and in Unicode NFC.
"""

from __future__ import annotations

import difflib
import re
import shutil
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page

from edition.tei.plaintext import GAP_MARK, NOTE_MARK
from edition.tei.views import VIEWS
from edition.tei.viewtext import ViewText, view_text
from edition.tei.xml import parse

# The site's own words in a document page: not words of the TEI.
FURNITURE = (".gen, .pnum, .lnum, .lb-n, .fn-ref, .fn-back, .fn-n, .cite-paragraph, .note-ref, .note-back, "
             "nav.toc, .footnotes > h2, .supplied-label, .unattributed, .tei-u > .tei-speaker, "
             ".witness-switch, .apparatus > h2")
APART = ".v-apart, .footnotes li"

# Runs in the page: empties the furniture, reads the apart words, empties them, reads the running text.
_READ_VIEW = """([furniture, apart, hiddenInView]) => {
  const text = document.querySelector('.tei-text');
  if (!text) return null;
  for (const e of text.querySelectorAll(furniture)) e.replaceChildren();
  // A formula converted from TeX shows as MathML; its words are the TeX the MathML keeps as its annotation.
  for (const m of text.querySelectorAll('math')) {
    const tex = m.querySelector('annotation[encoding="application/x-tex"]');
    if (tex) m.replaceWith(tex.textContent);
  }
  const outer = [...text.querySelectorAll(apart)].filter((e) => !e.parentElement.closest(apart));
  const notes = outer.filter((e) => !e.closest(hiddenInView)).map((e) => {
    if (e.getClientRects().length) return e.innerText;
    const copy = e.cloneNode(true);  // shown on demand (hover, focus): its words, as the view has them
    for (const h of copy.querySelectorAll(hiddenInView)) h.remove();
    return copy.textContent;
  });
  // An image's text alternative (figDesc) is its words apart: what a screen reader reads, and shown without the image.
  for (const img of text.querySelectorAll('img[alt]')) if (!img.closest(hiddenInView)) notes.push(img.alt);
  for (const e of outer) e.replaceChildren();
  return [text.innerText, notes];
}"""
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")
_HIDDEN_IN = {"reading": ".v-diplomatic-only", "diplomatic": ".v-reading-only"}


def words(text: str) -> list[str]:
    return unicodedata.normalize("NFC", text).casefold().split()


@dataclass
class Differences:
    """How the words shown differ from the words expected, counted word by word."""
    lost: int = 0  # expected, not shown
    duplicated: int = 0  # shown, not expected (or shown twice)
    glued: int = 0  # two expected words shown as one
    split: int = 0  # one expected word shown as two
    examples: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.lost + self.duplicated + self.glued + self.split

    def __str__(self) -> str:
        counts = f"{self.lost} lost, {self.duplicated} duplicated, {self.glued} glued, {self.split} split"
        return counts + "".join(f"\n      {example}" for example in self.examples)


def compare(expected: list[str], shown: list[str], in_order: bool = True) -> Differences:
    """The differences between two lists of words; `in_order=False` compares them as bags (notes)."""
    found = Differences()
    if expected == shown or (not in_order and Counter(expected) == Counter(shown)):
        return found
    if not in_order:
        _count_bags(expected, shown, found)
        return found
    matcher = difflib.SequenceMatcher(None, expected, shown, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        lost, shown_here = expected[i1:i2], shown[j1:j2]
        if _punctuation_moved(lost, shown_here):
            continue
        if lost and shown_here and "".join(lost) == "".join(shown_here):
            if len(shown_here) < len(lost):
                found.glued += len(lost) - len(shown_here)
            else:
                found.split += len(shown_here) - len(lost)
        else:
            _count_bags(lost, shown_here, found)
        if len(found.examples) < 8:
            context = " ".join(expected[max(0, i1 - 3):i1])
            found.examples.append(f"after …{context}: expected {' '.join(lost)[:80]!r}, "
                                  f"shown {' '.join(shown_here)[:80]!r}")
    return found


def _punctuation_moved(expected: list[str], shown: list[str]) -> bool:
    """"Gorbachev :" shown as "Gorbachev:": the same words, only a space before or after punctuation."""
    if "".join(expected) != "".join(shown):
        return False
    return _bare(expected) == _bare(shown)


def _bare(words: list[str]) -> list[str]:
    return [bare for word in words if (bare := _EDGE_PUNCTUATION.sub("", word))]


def _count_bags(expected: list[str], shown: list[str], found: Differences) -> None:
    wanted, got = Counter(expected), Counter(shown)
    found.lost += sum((wanted - got).values())
    found.duplicated += sum((got - wanted).values())
    if not found.examples and (wanted - got or got - wanted):
        found.examples.append(f"missing {sorted(wanted - got)[:5]}, extra {sorted(got - wanted)[:5]}")


def shown_words(page: Page, html: Path, view: str) -> tuple[list[str], list[str]] | None:
    """The running words and the apart words of a document page in a view, as the browser shows them."""
    page.goto(html.as_uri() + "?text=all")  # every text of a parallel text, not only the pair shown first
    page.check(f"#view-{view}")
    read = page.evaluate(_READ_VIEW, [FURNITURE, APART, _HIDDEN_IN[view]])
    if read is None:
        return None
    running, notes = read
    return words(running), [word for note in notes for word in words(note)]


def expected_words(tei: Path, view: str) -> ViewText:
    return view_text(parse(tei.read_bytes(), str(tei)), view)


@dataclass
class DocumentReport:
    document: str
    differences: dict[str, Differences]  # "reading", "reading notes", "diplomatic", …, "txt"

    @property
    def total(self) -> int:
        return sum(d.total for d in self.differences.values())

    def __str__(self) -> str:
        return f"  {self.document}:" + "".join(f"\n    {what}: {d}" for what, d in self.differences.items() if d.total)


def check_document(page: Page, html: Path) -> DocumentReport:
    """Both views of one built page against its TEI, and its .txt against the reading view."""
    tei, txt = html.with_suffix(".xml"), html.with_suffix(".txt")
    report = DocumentReport(html.stem, {})
    for view in VIEWS:
        expected = expected_words(tei, view)
        shown = shown_words(page, html, view)
        if shown is None:
            report.differences[view] = Differences(lost=len(expected.words), examples=["the page has no .tei-text"])
            continue
        running, apart = shown
        report.differences[view] = compare(words(" ".join(expected.words)), running)
        report.differences[f"{view} notes"] = compare(words(" ".join(expected.apart)), apart, in_order=False)
    report.differences["txt"] = compare_txt(tei, txt)
    return report


def compare_txt(tei: Path, txt: Path) -> Differences:
    """The .txt (after its heading) holds the reading view's words, then the notes' words."""
    reading = expected_words(tei, "reading")
    body = txt.read_text(encoding="utf-8").split("\n\n", 1)[-1]
    return compare(words(_unmarked(" ".join(reading.words + reading.apart))), words(_unmarked(body)))


def _unmarked(text: str) -> str:
    """Without the .txt's gap and note markers (and text in the TEI that looks like them)."""
    return NOTE_MARK.sub("", text.replace(GAP_MARK, ""))


def corpus_edition(sources: list[Path], folder: Path, title: str) -> Path:
    """An edition folder holding copies of `sources` (a link out of the edition would be refused)."""
    (folder / "sources").mkdir(parents=True)
    (folder / "edition.toml").write_text(f'title = "{title}"\n', encoding="utf-8")
    for source in sources:
        shutil.copyfile(source, folder / "sources" / source.name)
    return folder


# Every TEI file of ../shared/corpora/, one edition per folder.
CORPORA = {"editions": "corpora/editions/*.xml", "frus": "corpora/frus/*.xml",
           "parlamint": "corpora/parlamint/*.xml", "shakedracor": "corpora/shakedracor/tei/*.xml"}
_BUILT: dict[Path, dict[str, Path]] = {}


def build_corpora(shared: Path, workspace: Path) -> dict[str, Path]:
    """Each corpus built into a site (once per test session, however many modules ask): name → site."""
    if workspace in _BUILT:
        return _BUILT[workspace]
    from edition.build.stages import build
    from edition.core.diagnostics import EditionError

    sites = {}
    for name, pattern in CORPORA.items():
        sources = sorted(shared.glob(pattern))
        edition = corpus_edition(sources, workspace / "editions" / name, f"Corpus {name}")
        site = workspace / "sites" / name
        try:
            build(edition, site, search=False, incremental=False)
        except EditionError as failure:
            raise AssertionError(f"the {name} corpus does not build:\n"
                                 + "\n".join(d.format() for d in failure.diagnostics)) from None
        sites[name] = site
    _BUILT[workspace] = sites
    return sites
