"""Translations beside their originals: in another document (edition/site/translated.py, the
parallel page), in the same file unmarked (xslt/translation.xsl: familyletters' Spanish letter and
its English translation), several translations (iospe: the original beside one at a time), and the
stand-off apparatus markers at the end of the verse line they belong to."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pytest
from checkers import described, nu_errors, serious_violations_at_widths
from conftest import REPO
from lxml import etree
from playwright.sync_api import Page

from edition.build.stages import build
from edition.site.parallel import Pair
from edition.site.transform import Transformer
from edition.site.translated import align_blocks
from edition.tei.metadata import DocumentMeta
from edition.tei.xml import parse

FIXTURE = REPO / "tests" / "fixtures" / "translation"
PAIR = "parallel/brief-1848-03-20--letter-1848-03-20-en.html"
CORPUS = ("iospe_3.196.xml", "familyletters_shan.L153.xml")
HEADER = ('<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p/></publicationStmt>'
          '<sourceDesc><p/></sourceDesc></fileDesc></teiHeader>')


@pytest.fixture(scope="module")
def site(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    edition = tmp_path_factory.mktemp("translation") / "edition"
    shutil.copytree(FIXTURE, edition)
    for name in CORPUS:
        shutil.copyfile(shared / "corpora" / "editions" / name, edition / "sources" / name)
    build(edition, edition.parent / "site", search=False, incremental=False)
    return edition.parent / "site"


def _tei(body: str) -> bytes:
    return f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{HEADER}<text><body>{body}</body></text></TEI>'.encode()


def _cells(page: lxml.html.HtmlElement, side: str) -> dict[str, list[str]]:
    """The style of each cell of a column (its row, its span) → the anchors its passages link to."""
    return {cell.get("style"): [a.get("href").partition("#")[2] for a in cell.xpath(".//a[contains(@class, 'pnum')]")]
            for cell in page.xpath(f"//section[@data-side='{side}']/div[contains(@class, 'parallel-cell')]")}


def test_a_translation_in_another_document_stands_beside_its_original_paragraph_by_paragraph(site: Path) -> None:
    page = lxml.html.parse(str(site / PAIR)).getroot()
    assert [s.get("data-side") for s in page.xpath("//section")] == ["brief-1848-03-20", "letter-1848-03-20-en"]
    assert page.xpath("string(//section[1]/p[@class='parallel-label'])").startswith("Original (German): ")
    assert page.xpath("string(//section[2]/p[@class='parallel-label'])").startswith("Translation (English): ")
    assert _cells(page, "brief-1848-03-20") == {
        "--row: 2": ["opener"], "--row: 3": ["b1"], "--row: 4": ["b2"], "--row: 5": ["b3"], "--row: 6": ["b4"],
        "--row: 7": ["closer"]}
    # "#opener" and "brief….xml#b1" both name the original's blocks; the paragraph translating b2 and
    # b3 stands beside both, the translator's note (no @corresp) with it; the blocks without an id of
    # their own link to the division holding them.
    assert _cells(page, "letter-1848-03-20-en") == {
        "--row: 2": ["div1"], "--row: 3": ["p1"], "--row: 4; --span: 2": ["p2", "p3"], "--row: 6": ["p4"],
        "--row: 7": ["div1"]}


def test_every_passage_links_to_an_anchor_of_its_document(site: Path) -> None:
    page = lxml.html.parse(str(site / PAIR)).getroot()
    links = page.xpath("//a[contains(@class, 'parallel-anchor')]/@href")
    assert len(links) == 12
    for link in links:
        document, _, anchor = link.removeprefix("../").partition("#")
        assert lxml.html.parse(str(site / document)).getroot().xpath(f"//*[@id='{anchor}']"), link
    # Each page names its partner for what it is to it (the English text points at the German).
    for document, partner in (("brief-1848-03-20", "Translation"), ("letter-1848-03-20-en", "Original")):
        html = lxml.html.parse(str(site / "documents" / f"{document}.html")).getroot()
        assert html.xpath(f"//dt[.='{partner}']/following-sibling::dd[1]/a/@href") == [f"../{PAIR}"]


def test_a_pair_is_a_translation_when_one_says_so_or_their_languages_differ() -> None:
    def pair(**second: object) -> Pair:
        return Pair(DocumentMeta("a", "A", language="de"), DocumentMeta("b", "B", **second))  # type: ignore[arg-type]
    assert pair(language="en").is_translation
    assert pair(language="de", translation=True).is_translation
    assert not pair(language="de").is_translation
    assert not pair().is_translation  # no language declared: two records of one event


def test_without_corresp_the_rows_follow_the_order_and_the_rest_stands_beside_the_last() -> None:
    original = parse(_tei('<p xml:id="a">eins</p><p xml:id="b">zwei</p>'), "a.xml")
    translation = parse(_tei('<p xml:id="x">one</p><p xml:id="y">two</p><p xml:id="z">and more</p>'), "b.xml")
    first, second = align_blocks(original, translation, "a", lambda token: "")
    assert [(c.row, [b.anchor for b in c.blocks]) for c in first] == [(2, ["a"]), (3, ["b"])]
    assert [(c.row, [b.anchor for b in c.blocks], c.span) for c in second] == [(2, ["x"], 1), (3, ["y", "z"], 1)]


def _sides(html: str) -> dict[str, str]:
    page = lxml.html.fragment_fromstring(html, create_parent="div")
    return {s.get("data-side"): s.get("lang", "") for s in page.xpath("//*[@data-parallel]//section")}


@pytest.mark.parametrize(("body", "sides"), [
    # TEI's composite text: a group's texts in two languages.
    ('<group><text xml:lang="la"><body><p>Gallia est</p></body></text><text xml:lang="en"><body><p>Gaul is</p>'
     '</body></text></group>', {"original": "la", "en": "en"}),
    # Divisions of one kind in two languages (familyletters' div1 type="letter").
    ('<div1 type="letter" xml:lang="es"><p>Querida</p></div1><div1 type="letter" xml:lang="en"><p>Dear</p></div1>',
     {"original": "es", "en": "en"}),
    # Left as they are: two editions (a bilingual inscription), divisions without a type, commentary.
    ('<div type="edition" xml:lang="grc"><p>a</p></div><div type="edition" xml:lang="la"><p>b</p></div>', {}),
    ('<div xml:lang="la"><p>a</p></div><div xml:lang="en"><p>b</p></div>', {}),
    ('<div type="commentary" xml:lang="ru"><p>a</p></div><div type="commentary" xml:lang="en"><p>b</p></div>', {}),
])
def test_unmarked_translations_in_the_common_encodings(body: str, sides: dict[str, str]) -> None:
    tei = _tei(body).replace(b"<text><body><group>", b"<text><group>").replace(b"</group></body></text>",
                                                                              b"</group></text>")
    assert _sides(Transformer().to_html(tei, "t.xml")) == sides


def test_familyletters_envelope_between_the_letter_and_its_translation_follows_the_letter(shared: Path) -> None:
    name = "familyletters_shan.L153.xml"
    html = Transformer().to_html((shared / "corpora" / "editions" / name).read_bytes(), name)
    page = lxml.html.fragment_fromstring(html, create_parent="div")
    grid = page.xpath("//div[contains(@class, 'parallel-grid')]")[0]
    assert [(c.get("data-side"), c.get("class").split()[0]) for c in grid] == [
        ("original", "parallel-column"), (None, "parallel-cell"), ("en", "parallel-column")]
    assert "Jesusita Baros" in grid[1].text_content() and "ALBUQUERQUE" in grid[1].text_content()
    assert grid.xpath("string(section[1]/p[1])") == "Original (Spanish)"


def test_iospes_stand_off_markers_end_the_verse_line_they_refer_to(site: Path) -> None:
    page = lxml.html.parse(str(site / "documents" / "iospe_3.196.html")).getroot()
    markers = page.xpath("//a[contains(@class, 'app-ref')]")
    assert len(markers) == 17
    for marker in markers:  # inside a verse line, at its end: nothing but space follows it there
        (line,) = marker.xpath("ancestor::span[contains(@class, 'tei-l')]")
        assert not (marker.tail or "").strip() and all(m.get("class") == "app-ref gen" for m in marker.itersiblings())
    # loc="2" is the stone's line 2, which opens the poem's first verse (l n="1").
    first = page.xpath("//span[contains(@class, 'tei-l')][1]")[0]
    assert first.xpath(".//a[contains(@class, 'app-ref')]/@href") == ["#app-n1"]


def _shown(page: Page) -> list[tuple[str, float]]:
    """The columns shown: side and width of each."""
    return [(str(side), float(width)) for side, width in page.eval_on_selector_all(".parallel-column:not([hidden])",
                                     "cs => cs.map((c) => [c.dataset.side, c.querySelector('.parallel-label')"
                                     ".getBoundingClientRect().width])")]


def test_with_two_translations_the_original_stands_beside_one_the_switch_chooses(site: Path, page: Page) -> None:
    path = site / "documents" / "iospe_3.196.html"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(path.as_uri())
    page.evaluate("localStorage.clear()")
    page.goto(path.as_uri())
    shown = _shown(page)
    assert [side for side, _ in shown] == ["original", "ru"]
    assert all(width > 500 for _, width in shown), shown  # two halves of the page, not three thirds
    page.check("input[value='original en']")
    assert [side for side, _ in _shown(page)] == ["original", "en"]
    assert "text=original+en" in page.url
    page.goto(path.as_uri() + "?text=all")  # a link may still ask for all three
    assert [side for side, _ in _shown(page)] == ["original", "ru", "en"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


@pytest.mark.parametrize("path", [PAIR, "documents/iospe_3.196.html", "documents/familyletters_shan.L153.html"])
def test_on_a_phone_one_text_shows_at_a_time_without_horizontal_scroll(site: Path, page: Page, path: str) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto((site / path).as_uri())
    page.evaluate("localStorage.clear()")
    page.goto((site / path).as_uri())
    assert len(_shown(page)) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    last = page.eval_on_selector_all(".parallel-switch input", "rs => rs.map((r) => r.value)")[1]
    page.check(f".parallel-switch input[value='{last}']")
    assert [side for side, _ in _shown(page)] == [last.split()[-1]]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_pages_are_valid_html(site: Path) -> None:
    assert described(nu_errors([site / PAIR, *(site / "documents").glob("*.html")])) == []


def test_axe_finds_nothing_serious(site: Path, page: Page) -> None:
    assert serious_violations_at_widths(page, [site / PAIR, *(site / "documents").glob("*.html")]) == {}


def test_the_translation_fixture_is_tei(tei_all: etree.RelaxNG) -> None:
    for source in sorted((FIXTURE / "sources").glob("*.xml")):
        tree = parse(source.read_bytes(), source.name)
        assert tei_all.validate(tree), (source.name, tei_all.error_log.last_error)
