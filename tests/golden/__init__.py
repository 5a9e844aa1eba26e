"""Golden output: one small document per genre and the HTML fragment its page shows.

tests/golden/<genre>/ holds `source.xml` (or `source.txt`, a transcript that goes
through the encoder first) and `expected.html`: the text area of the document's
page, that is the source with its anchors assigned as a first build assigns them,
run through the bundled XSLT. The test compares it exactly; after an intended
change, regenerate with `python -m tests.golden --update` (or `make golden`) and
read the diff before committing it. README.md here lists what is known wrong.
"""

from __future__ import annotations

import re
from pathlib import Path

from edition.anchors.assign import assign_anchors
from edition.encode import encode_transcript
from edition.site.transform import Transformer
from edition.tei.xml import parse, serialize

HERE = Path(__file__).resolve().parent
EXPECTED = "expected.html"

# Line breaks go before these tags (and before the whitespace in front of them) and after <br>.
_BLOCK = r"div|section|nav|p|h2|ul|ol|li|table|caption|tr"
_BREAK = re.compile(rf"(\s*)(<(?:{_BLOCK})[\s>]|</(?:div|section|nav|ul|ol|table)>)|(<br>)")


def genres() -> list[Path]:
    """The genre folders, each with one source file."""
    return sorted(folder for folder in HERE.iterdir() if folder.is_dir() and list(folder.glob("source.*")))


def source_of(folder: Path) -> Path:
    (source,) = folder.glob("source.*")
    return source


def fragment(source: Path, transformer: Transformer) -> str:
    """The HTML the stylesheet makes of one source, as on the document's page."""
    if source.suffix == ".txt":
        encoded = encode_transcript(source.read_text(encoding="utf-8"), source.name)
        assert not encoded.diagnostics, [d.format() for d in encoded.diagnostics]
        tree = encoded.tree
    else:
        tree = parse(source.read_bytes(), source.name)
    assign_anchors(tree)
    return transformer.to_html(serialize(tree), source.name)


def readable(html: str) -> str:
    """One block per line, without losing anything: a line break is added before each block tag
    (in front of any whitespace already there) and after each <br>, never replacing a character,
    so two fragments are equal exactly when their readable forms are."""
    spread = _BREAK.sub(lambda m: m[3] + "\n" if m[3] else "\n" + m[1] + m[2], html)
    return spread.removeprefix("\n") + "\n"


def actual(folder: Path, transformer: Transformer) -> str:
    return readable(fragment(source_of(folder), transformer))
