"""Each genre's golden document still gives the HTML fragment recorded for it (tests/golden/).

A failure shows a unified diff, expected against now; if the change is intended, run
`python -m tests.golden --update` (or `make golden`) and read the diff before committing it.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from golden import EXPECTED, actual, fragment, genres, readable, source_of
from lxml import etree

from edition.encode import encode_transcript
from edition.site.transform import Transformer
from edition.tei.xml import parse

GENRES = {"transcript", "letter", "manuscript", "critical", "drama", "speech"}


@pytest.fixture(scope="module")
def transformer() -> Transformer:
    return Transformer()


def test_every_genre_has_a_golden() -> None:
    assert {folder.name for folder in genres()} == GENRES
    assert all((folder / EXPECTED).is_file() for folder in genres())


@pytest.mark.parametrize("folder", genres(), ids=lambda folder: folder.name)
def test_the_output_is_the_golden(folder: Path, transformer: Transformer) -> None:
    expected = (folder / EXPECTED).read_text(encoding="utf-8")
    now = actual(folder, transformer)
    diff = "".join(difflib.unified_diff(expected.splitlines(True), now.splitlines(True),
                                        f"{folder.name}/{EXPECTED}", f"{folder.name} now"))
    assert now == expected, f"the output changed; if intended, run `make golden`:\n{diff}"


def test_the_readable_form_only_adds_line_breaks(transformer: Transformer) -> None:
    html = fragment(source_of(genres()[0]), transformer)
    shown = readable(html)
    assert shown.count("\n") > 10
    # Taking out one added break per block tag and <br> gives the fragment back, character for character.
    assert shown.replace("\n", "") == html.replace("\n", "")
    assert len(shown) - len(html) == shown.count("\n") - html.count("\n")


@pytest.mark.parametrize("folder", genres(), ids=lambda folder: folder.name)
def test_the_golden_sources_are_valid_tei(folder: Path, tei_all: etree.RelaxNG) -> None:
    source = source_of(folder)
    if source.suffix == ".txt":
        tree = encode_transcript(source.read_text(encoding="utf-8"), source.name).tree
    else:
        tree = parse(source.read_bytes(), source.name)
    assert tei_all.validate(tree), tei_all.error_log.last_error
