"""The bundled edition builds into a site whose pages show the seed as it was spoken."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import lxml.html
from conftest import CONTENT, REPO
from lxml import etree

DOC = "gorbachev-baker-1990-02-09"
# The 22 speaker labels of the seed in reading order, read off the source by hand;
# the third was supplied by the translator and keeps its brackets on the page.
SPEAKERS = [
    "M.S. GORBACHEV.", "E.A. SHEVARDNADZE.", "[M.S. GORBACHEV.]", "J. BAKER.", "M.S. GORBACHEV.",
    "J. BAKER.", "M.S. GORBACHEV.", "J. BAKER.", "M.S. GORBACHEV.", "J. BAKER.", "S.F. AKHROMEEV.",
    "M.S. GORBACHEV.", "J. BAKER.", "M.S. GORBACHEV.", "J. BAKER.", "M.S. GORBACHEV.", "J. BAKER.",
    "E.A. SHEVARDNADZE.", "M.S. GORBACHEV.", "J. BAKER.", "E.A. SHEVARDNADZE.", "J. BAKER.",
]
# The first words of each speech, in the same order.
OPENINGS = [
    "I am glad to see you", "But all the same", "You know, during the process", "I am glad that you have raised",
    "There is one point", "You mean to say", "I think that it can.", "Perhaps in the second half",
    "I am ready to include", "I hope that you will agree", "Yes, there is definite movement.",
    "And now the issue of sea-based", "Yes, the conversation has started", "Then it will be difficult",
    "Do you mean that if we throw", "If we solve the problem", "I wanted to move step-by-step.",
    "Yesterday we stated", "I think that we can work on that.", "We are ready to analyze",
    "We proposed to make limitations", "Let us carry on the discussion.",
]


def test_document_page_shows_22_speeches_in_reading_order(built_site: Path) -> None:
    page = lxml.html.parse(str(built_site / "documents" / f"{DOC}.html"))
    speeches = page.xpath("//div[contains(concat(' ', @class, ' '), ' tei-sp ')]")
    assert [s.xpath("string(.//*[@class='tei-speaker'])").strip() for s in speeches] == SPEAKERS
    for speech, opening in zip(speeches, OPENINGS, strict=True):
        first = speech.xpath(".//p[contains(@class, 'tei-p')]")[0].text_content()
        assert opening in first


def test_site_has_index_document_page_and_tei(built_site: Path) -> None:
    index = lxml.html.parse(str(built_site / "index.html"))
    links = index.xpath("//table[contains(@class, 'document-list')]//tbody//a/@href")
    sources = sorted((CONTENT / "sources").iterdir())
    assert sorted(links) == sorted(f"documents/{p.stem}.html" for p in sources) and len(links) == 9
    tei = etree.parse(str(built_site / "documents" / f"{DOC}.xml"))
    assert len(tei.xpath("//t:sp[@who]/t:speaker", namespaces={"t": "http://www.tei-c.org/ns/1.0"})) == 22


def test_every_link_resolves_and_nothing_loads_from_outside(built_site: Path) -> None:
    from edition.site.linkcheck import check_site

    problems, checked = check_site(built_site)
    assert problems == [] and checked > 100


def test_python_build_py_builds_the_bundled_edition_into_site(tmp_path: Path) -> None:
    # build.py works on ./content and ./site relative to where it runs.
    import shutil

    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copy(REPO / "build.py", tmp_path / "build.py")
    done = subprocess.run([sys.executable, "build.py"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "documents" / f"{DOC}.html").is_file()
    assert "open site/index.html" in done.stdout


def test_bundled_seed_is_a_byte_for_byte_copy(shared: Path) -> None:
    assert (CONTENT / "sources" / f"{DOC}.txt").read_bytes() == (shared / "seed" / f"{DOC}.txt").read_bytes()


def test_bundled_tei_is_valid_against_tei_all(built_site: Path, tei_all) -> None:
    tree = etree.parse(str(built_site / "documents" / f"{DOC}.xml"))
    assert tei_all.validate(tree), tei_all.error_log
