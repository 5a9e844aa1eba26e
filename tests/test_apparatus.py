"""The critical apparatus and its witnesses (xslt/apparatus.xsl, edition/tei/witnesses.py), on the shared
corpora's critical texts and on a fixture with two witnesses: every reading and apparatus note kept, the
classic entry form, valid and accessible pages, and the witness switch in a real browser."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import lxml.html
import pytest
from checkers import described, nu_errors, serious_violations
from conftest import REPO
from fidelity import check_document, corpus_edition
from lxml import etree
from playwright.sync_api import Page

from edition.build.stages import build
from edition.tei.metadata import read_metadata
from edition.tei.xml import parse, q

FIXTURE = REPO / "tests" / "fixtures" / "apparatus" / "witnesses.xml"
# The shared corpora's critical texts: parallel segmentation with 600 readings, a stand-off listApp,
# readings without a lemma (location-referenced among them).
CRITICAL = ("pta_pta0001.pta001.pta-grcBibex.xml", "iospe_3.196.xml", "familyletters_shan.L153.xml")


@pytest.fixture(scope="module")
def site(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("apparatus")
    sources = [shared / "corpora" / "editions" / name for name in CRITICAL] + [FIXTURE]
    edition = corpus_edition(sources, folder / "edition", "Apparatus")
    build(edition, folder / "site", search=False, incremental=False)
    return folder / "site"


def html_of(site: Path, name: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / "documents" / f"{Path(name).stem}.html").read_bytes())


def letters(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFC", text) if c.isalnum())


def classes(element: lxml.html.HtmlElement) -> set[str]:
    return set((element.get("class") or "").split())


@pytest.mark.parametrize("name", CRITICAL)
def test_every_app_has_an_entry_and_every_reading_and_note_is_in_the_apparatus(site: Path, name: str) -> None:
    tei = parse((site / "documents" / f"{Path(name).stem}.xml").read_bytes(), name)
    apps = list(tei.iter(q("app")))
    html = html_of(site, name)
    entries = html.xpath("//section[@class='apparatus']//li[contains(@class, 'app-entry')]")
    assert len(entries) == len(apps) > 0
    # Every reading's words (letters only: the diplomatic view brackets supplied letters) are in some
    # entry, and every note in an app, with its permanent id (the words themselves: test_fidelity).
    apparatus_letters = letters(" ".join(entry.text_content() for entry in entries))
    for reading in tei.iter(q("rdg")):
        words = "".join(reading.itertext()).split()
        assert all(letters(word) in apparatus_letters for word in words), f"reading {words[:6]} not in the apparatus"
    notes = [note for app in apps for note in app.iter(q("note"))
             if not any(a.tag == q("lem") for a in note.iterancestors())]
    for note in notes:
        (shown,) = html.xpath(f"//*[@id='{note.get('{http://www.w3.org/XML/1998/namespace}id')}']")
        assert shown.xpath("ancestor::section[@class='apparatus']"), "an apparatus note outside the apparatus"
    # Entries and markers point at each other.
    ids = set(html.xpath("//@id"))
    for entry in entries:
        back = entry.xpath(".//a[contains(@class, 'app-back')]/@href")
        assert all(href[1:] in ids for href in back)
    for marker in html.xpath("//a[contains(@class, 'app-ref')][@id]"):
        assert marker.get("href")[1:] in ids


def test_the_words_of_each_view_and_of_the_apparatus_are_the_teis(site: Path, page: Page) -> None:
    for name in (*CRITICAL, FIXTURE.name):
        report = check_document(page, site / "documents" / f"{Path(name).stem}.html")
        # iospe's translation switch ("Show original, translation (ru) …") is the parallel texts' concern.
        differences = {what: d for what, d in report.differences.items()
                       if d.total and "show original translation" not in str(d)}
        assert not differences, str(report)


def test_the_fixture_apparatus_is_in_the_classic_form(site: Path) -> None:
    html = html_of(site, FIXTURE.name)
    entries = [" ".join(li.text_content().replace("↩", "").split())
               for li in html.xpath("//section[@class='apparatus']//li")]
    assert entries == [
        "¶1 quiet A] silent B¹",
        "¶1 snow A] om. B¹",
        "¶2 towards A] toward B¹ (B¹: in a later hand)",
        "¶2 miller] milner A B¹; millward Mary Knight (conjecture) Knight's conjecture rests on the parish register.",
        "7 early B¹",
    ]
    # A siglum says what it stands for on hover and focus; a msDesc by its identifier.
    siglum = html.xpath("//abbr[contains(@class, 'app-siglum')][. = 'B¹']")[0]
    assert siglum.get("title") == "Copy in the letter-book, London, British Library, Add. MS 4"
    assert siglum.get("tabindex") == "0"
    # The lemma stays in the text, the readings wait hidden for the witness switch.
    (app,) = html.xpath("//span[@id='quiet']")
    assert [(sorted(classes(s)), s.text_content()) for s in app.xpath("span")] == [
        (["app-lem", "wit-1"], "quiet"), (["app-rdg", "wit-2"], "silent")]
    assert app.xpath("a[@class='app-ref gen']/@href") == ["#app-quiet"]
    # The location-referenced app without lemma puts nothing in the base text.
    assert not html.xpath("//p[@id='p3']//span[contains(@class, 'app-lem')]")


def test_the_witnesses_are_in_the_metadata_with_their_sigla(site: Path) -> None:
    meta = read_metadata("witnesses", parse(FIXTURE.read_bytes(), FIXTURE.name))
    assert [(w.siglum, w.id) for w in meta.witnesses] == [("A", "A"), ("B¹", "B")]
    html = html_of(site, FIXTURE.name)
    (dd,) = html.xpath("//dl[@class='metadata']/dt[. = 'Witnesses']/following-sibling::dd[1]")
    assert [" ".join(li.text_content().split()) for li in dd.xpath(".//li")] == [
        "A — Autograph, Bodleian MS Eng. lett. c. 1, f. 3",
        "B¹ — Copy in the letter-book, London, British Library, Add. MS 4"]
    pta = html_of(site, CRITICAL[0])
    # 38 witness elements, four of them in a comment
    assert len(pta.xpath("//dl[@class='metadata']//ul[@class='witness-list']/li")) == 34


def test_an_xml_id_that_an_apparatus_entry_would_take_is_refused() -> None:
    from edition.tei.pageids import reserved_id_problems
    tree = etree.ElementTree(etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p><app xml:id="a1"><lem>x</lem></app>'
        '<seg xml:id="app-a1">y</seg></p></body></text></TEI>'))
    problems = reserved_id_problems(tree, "t.xml", lambda e: (1, 1))
    assert [p.code for p in problems] == ["id-reserved"]


def test_nu_html_checker_finds_no_error_on_the_apparatus_pages(site: Path) -> None:
    pages = [site / "documents" / f"{Path(name).stem}.html" for name in (*CRITICAL, FIXTURE.name)]
    assert described(nu_errors(pages)) == []


def test_axe_finds_no_serious_violation_on_the_apparatus_pages(site: Path, page: Page) -> None:
    found = {}
    for name in (*CRITICAL, FIXTURE.name):
        page.goto((site / "documents" / f"{Path(name).stem}.html").as_uri())
        if serious := serious_violations(page):
            found[name] = serious
    assert not found, found


# The words of a paragraph as shown, without the page's markers and paragraph number.
_SHOWN = """el => {
  const marks = [...el.querySelectorAll('.app-ref, .pnum, .cite-paragraph, .lb-n')];
  marks.forEach((m) => { m.style.display = 'none'; });
  const text = el.innerText;
  marks.forEach((m) => { m.style.display = ''; });
  return text.split(/\\s+/).join(' ').trim();
}"""


def test_the_witness_switch_shows_b_and_is_in_the_address(site: Path, page: Page) -> None:
    page.goto((site / "documents" / "witnesses.html").as_uri())
    shown = lambda selector: page.eval_on_selector(selector, _SHOWN)  # noqa: E731
    assert shown("#p1") == "The quiet fields lay under snow all winter."
    assert shown("#p3") == "Night came and cold."
    page.select_option("select.wit-select", "B")
    assert shown("#p1") == "The silent fields lay under all winter."
    assert shown("#p2") == "We walked toward the river, and the milner waved."
    assert shown("#p3") == "Night came early and cold."
    assert page.url.endswith("?wit=B")
    page.reload()  # a cited link to witness B's text opens on it
    assert page.eval_on_selector("select.wit-select", "s => s.value") == "B"
    assert shown("#p1") == "The silent fields lay under all winter."
    page.select_option("select.wit-select", "A")
    assert shown("#p2") == "We walked towards the river, and the milner waved."
    page.select_option("select.wit-select", "")
    assert "wit=" not in page.url and shown("#p1") == "The quiet fields lay under snow all winter."


def test_a_marker_opens_its_entry_and_the_entry_leads_back(site: Path, page: Page) -> None:
    page.goto((site / "documents" / "witnesses.html").as_uri())
    page.locator("#appref-quiet").focus()
    page.keyboard.press("Enter")
    assert page.url.endswith("#app-quiet")
    assert page.locator("#app-quiet").is_visible()
    page.locator("#app-quiet .app-back").click()
    assert page.url.endswith("#appref-quiet")
    assert page.locator("#appref-quiet").is_visible()


def test_on_a_wide_screen_the_apparatus_stands_beside_the_text_and_follows_the_reader(site: Path, page: Page) -> None:
    html = (site / "documents" / f"{Path(CRITICAL[0]).stem}.html").as_uri()
    box = "s => { const r = s.getBoundingClientRect(); return [r.left, r.right, r.top]; }"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(html)
    _, text_right, _ = page.eval_on_selector(".tei-text > .text-flow", box)
    apparatus_left, _, _ = page.eval_on_selector(".tei-text > .apparatus", box)
    assert apparatus_left > text_right
    # Half way down the text, the column shows (and marks) an entry of a marker on the screen.
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    on_screen = """() => {
        const entry = document.querySelector('.app-entry.app-current');
        if (!entry) return false;
        const marker = document.querySelector(`a.app-ref[href='#${entry.id}']`);
        const inside = (e) => e.getBoundingClientRect().top >= 0 && e.getBoundingClientRect().bottom <= innerHeight;
        return inside(marker) && inside(entry);
    }"""
    page.wait_for_function(on_screen, timeout=5000)  # the entry marked is of a marker on the screen, and shown
    # On a phone the apparatus is below the text.
    page.set_viewport_size({"width": 360, "height": 900})
    page.goto(html)
    assert page.eval_on_selector(".tei-text > .apparatus", box)[2] > page.eval_on_selector(
        ".tei-text > .text-flow", "s => s.getBoundingClientRect().bottom") - 1


def test_screenshots_of_the_pta_page(site: Path, page: Page, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The page as a reader sees it, wide and on a phone (kept in the test's temporary folder to look at)."""
    out = tmp_path_factory.getbasetemp()
    html = (site / "documents" / f"{Path(CRITICAL[0]).stem}.html").as_uri()
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(html + "?wit=Ma#app-n3")
        page.screenshot(path=str(out / f"pta-{width}.png"))
        # Nothing is wider than the screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
