"""Two records of one event side by side (edition/site/parallel.py) and a translation beside its
original (xslt/translation.xsl): the rows pair the right speeches and blocks, every link lands on
an anchor, the pages are valid and accessible, and a phone shows one text at a time."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from checkers import described, nu_errors, serious_violations_at_widths
from conftest import REPO
from playwright.sync_api import Page

from edition.build.stages import build
from edition.site.parallel import document_of, parallel_pairs
from edition.site.transform import Transformer
from edition.tei.metadata import DocumentMeta

FIXTURE = REPO / "tests" / "fixtures" / "parallel"
PAIR = "parallel/soviet-record-1990-02-09--us-memcon-1990-02-09.html"
EPIDOC = ("iospe_3.196.xml", "iip_jord0001.xml")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    edition = tmp_path_factory.mktemp("parallel") / "edition"
    shutil.copytree(FIXTURE, edition)
    out = edition.parent / "site"
    build(edition, out, search=False, incremental=False)
    return out


@pytest.fixture(scope="module")
def epidoc_site(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    edition = tmp_path_factory.mktemp("epidoc") / "edition"
    (edition / "sources").mkdir(parents=True)
    (edition / "edition.toml").write_text('title = "EpiDoc"\n', encoding="utf-8")
    for name in EPIDOC:
        shutil.copyfile(shared / "corpora" / "editions" / name, edition / "sources" / name)
    out = edition.parent / "site"
    build(edition, out, search=False, incremental=False)
    return out


def _rows(page: lxml.html.HtmlElement) -> dict[str, dict[int, str]]:
    """Side → row → the speaker label shown there."""
    return {column.get("data-side"): {int(cell.get("style").split(":")[1]): cell.xpath(
                "string(.//a[contains(@class, 'parallel-anchor')])")
             for cell in column.xpath("./div[contains(@class, 'parallel-cell')]")}
            for column in page.xpath("//section[contains(@class, 'parallel-column')]")}


def test_the_speeches_are_paired_by_speaker_in_order(site: Path) -> None:
    page = lxml.html.parse(str(site / PAIR)).getroot()
    rows = _rows(page)
    soviet, us = rows["soviet-record-1990-02-09"], rows["us-memcon-1990-02-09"]
    pairs = [(soviet.get(row, ""), us.get(row, "")) for row in sorted(soviet.keys() | us.keys())]
    assert pairs == [
        ("M.S. GORBACHEV.", "Chairman Gorbachev"),
        ("J. BAKER.", "The Secretary"),
        ("M.S. GORBACHEV.", "Chairman Gorbachev"),
        ("E.A. SHEVARDNADZE.", ""),  # only the Soviet record has him (the US one is shorter there)
        ("", "The Secretary"),  # only the US record has Baker on cruise missiles
        ("M.S. GORBACHEV.", "Chairman Gorbachev"),
        ("J. BAKER.", "The Secretary"),
        ("M.S. GORBACHEV.", "Chairman Gorbachev"),
    ]
    # An unlabelled FRUS paragraph continues the speech before it; the label is not repeated in the words.
    first_us = page.xpath("//section[@data-side='us-memcon-1990-02-09']/div[contains(@class, 'parallel-cell')]")[0]
    assert [p.text_content() for p in first_us.xpath("./p[not(contains(@class, 'parallel-speaker'))]")] == [
        "Welcome to Moscow. I hope our dialogue continues. (U)", "Since Malta, events have moved very fast. (C)"]


def test_every_cell_links_to_an_anchor_of_its_document_and_the_page_has_none_of_their_ids(site: Path) -> None:
    page = lxml.html.parse(str(site / PAIR)).getroot()
    links = page.xpath("//a[contains(@class, 'parallel-anchor')]/@href")
    assert len(links) == 14
    for link in links:
        document, _, anchor = link.removeprefix("../").partition("#")
        target = lxml.html.parse(str(site / document)).getroot()
        assert target.xpath(f"//*[@id='{anchor}']"), link
        assert not page.xpath(f"//*[@id='{anchor}']")


def test_both_document_pages_link_to_the_side_by_side_page(site: Path) -> None:
    for document in ("soviet-record-1990-02-09", "us-memcon-1990-02-09"):
        page = lxml.html.parse(str(site / "documents" / f"{document}.html")).getroot()
        assert page.xpath("//dt[.='Other record of this event']/following-sibling::dd[1]/a/@href") == [f"../{PAIR}"]


def test_a_pair_is_declared_in_edition_toml_or_by_corresp_in_the_forms_documented() -> None:
    ids = {"d60", "gorbachev-1990"}
    assert [document_of(t, ids) for t in ("d60", "#d60", "d60.xml", "sources/d60.xml", "gorbachev-1990.txt",
                                          "d61.xml", "https://example.org/d60.xml", "#p_GMS_1")] == \
        ["d60", "d60", "d60", "d60", "gorbachev-1990", "", "", ""]
    metas = [DocumentMeta("a", "A"), DocumentMeta("b", "B", corresp=("#a",)), DocumentMeta("c", "C")]
    pairs, problems = parallel_pairs(metas, {"c": "a missing"}, "edition.toml")
    assert [(p.first.id, p.second.id) for p in pairs] == [("a", "b"), ("a", "c")]
    assert [(d.code, d.message) for d in problems] == [
        ("parallel-unknown", "parallel: 'missing' is not a document of the edition")]


def test_a_parallel_id_that_names_no_document_is_located_at_its_line(tmp_path: Path) -> None:
    edition = tmp_path / "edition"
    shutil.copytree(FIXTURE, edition)
    with (edition / "edition.toml").open("a", encoding="utf-8") as config:
        config.write('\n[parallel]\n"us-memcon-1990-02-09" = "soviet-record-1990-02-09 nowhere"\n')
    line = (edition / "edition.toml").read_text(encoding="utf-8").splitlines().index(
        '"us-memcon-1990-02-09" = "soviet-record-1990-02-09 nowhere"') + 1
    done = subprocess.run([sys.executable, "-m", "edition", "build", str(edition), "--out", str(tmp_path / "site")],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0
    assert f"edition.toml:{line}:1: warning[parallel-unknown]: parallel: 'nowhere'" in done.stderr


@pytest.mark.parametrize(("name", "columns"), [
    # IOSPE's verse is one ab: both paragraphs of each translation stand beside it, none below it.
    ("iospe_3.196.xml", {"original": [["tei-ab"]], "ru": [["tei-p", "tei-p"]], "en": [["tei-p", "tei-p"]]}),
    ("iip_jord0001.xml", {"original": [["tei-p"]], "translation-1": [["tei-p"]]}),
])
def test_an_epidoc_translation_stands_beside_its_original_row_by_row(shared: Path, name: str,
                                                                     columns: dict[str, list[list[str]]]) -> None:
    html = Transformer().to_html((shared / "corpora" / "editions" / name).read_bytes(), name)
    page = lxml.html.fragment_fromstring(html, create_parent="div")
    found = {}
    for column in page.xpath("//*[@data-parallel]//section[contains(@class, 'parallel-column')]"):
        cells = column.xpath("./div[contains(@class, 'parallel-cell')]")
        found[column.get("data-side")] = [[block.get("class").split()[0] for block in cell] for cell in cells]
        # Row by row: the n-th block of each text in row n + 1 (row 1 holds the labels).
        assert [cell.get("style") for cell in cells] == [f"--row: {n + 2}" for n in range(len(cells))]
    assert found == columns
    if name == "iip_jord0001.xml":  # the ids the stylesheet gives are kept, each once
        assert page.xpath("//section[@id='jord0001.transcription']/@data-side") == ["original"]
        assert page.xpath("//section[@id='jord0001.translation']/@data-side") == ["translation-1"]


def test_a_translations_paragraphs_follow_their_corresp() -> None:
    tei = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
           '<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body>'
           '<div type="edition" xml:lang="la"><p xml:id="o1">Gallia est omnis divisa</p><p xml:id="o2">in partes tres'
           '</p><p xml:id="o3">quarum unam</p></div><div type="translation" xml:lang="en"><p corresp="#o3" xml:id="t1">'
           'of which one</p><p xml:id="t2">(a note of the translator)</p><p corresp="#o1" xml:id="t3">All Gaul'
           '</p></div></body></text></TEI>')
    page = lxml.html.fragment_fromstring(Transformer().to_html(tei.encode(), "t.xml"), create_parent="div")
    rows = {cell.get("style"): [p.get("id") for p in cell.xpath("./p")]
            for cell in page.xpath("//section[@data-side='en']/div")}
    assert rows == {"--row: 4": ["t1", "t2"], "--row: 2": ["t3"]}  # o3 is row 4, o1 row 2; t2 goes with t1


def test_the_new_pages_are_valid_html(site: Path, epidoc_site: Path) -> None:
    pages = [site / PAIR, *(site / "documents").glob("*.html"), *(epidoc_site / "documents").glob("*.html")]
    assert described(nu_errors(pages)) == []


def test_axe_finds_nothing_serious_on_the_new_pages(site: Path, epidoc_site: Path, page: Page) -> None:
    assert serious_violations_at_widths(page, [site / PAIR, *(epidoc_site / "documents").glob("*.html")]) == {}


def _visible_sides(page: Page) -> list[str]:
    return page.eval_on_selector_all(".parallel-column", "cs => cs.filter((c) => !c.hidden)"
                                                         ".map((c) => c.dataset.side)")


def test_on_a_phone_one_record_shows_at_a_time_and_the_switch_changes_it(site: Path, page: Page) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto((site / PAIR).as_uri())
    page.evaluate("localStorage.clear()")
    page.goto((site / PAIR).as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert _visible_sides(page) == ["soviet-record-1990-02-09"]
    page.check("input[name=show][value='us-memcon-1990-02-09']")
    assert _visible_sides(page) == ["us-memcon-1990-02-09"]
    assert "text=us-memcon-1990-02-09" in page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.check("input[name=show][value=all]")  # both, one after the other: still no horizontal scroll
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_on_a_wide_screen_the_two_records_stand_side_by_side(site: Path, epidoc_site: Path, page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    for path in (site / PAIR, epidoc_site / "documents" / "iospe_3.196.html"):
        page.goto(path.as_uri())
        page.evaluate("localStorage.clear()")
        page.goto(path.as_uri())
        boxes = page.eval_on_selector_all(".parallel-column:not([hidden]) .parallel-label",
                                          "ls => ls.map((l) => l.getBoundingClientRect())"
                                                             ".map((r) => [r.left, r.top, r.width])")
        assert len({top for _, top, _ in boxes}) == 1, boxes  # the labels in one row
        lefts = [left for left, _, _ in boxes]
        assert lefts == sorted(lefts) and all(width >= 250 for _, _, width in boxes), boxes
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
