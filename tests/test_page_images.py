"""Page images beside the text (docs/images.md): which image each page shows, smaller copies of large
scans (the same bytes on every build, kept by the cache), decompression bombs refused, remote images
only from servers edition.toml allows, the IIIF manifest, the pane and the dialog in a browser, and
real TEI whose images are elsewhere."""

from __future__ import annotations

import io
import json
import shutil
import struct
import zlib
from pathlib import Path

import lxml.html
import pytest
from checkers import described, nu_errors, serious_violations
from conftest import REPO
from fidelity import corpus_edition
from iiif_prezi3 import Manifest
from PIL import Image, ImageDraw
from playwright.sync_api import Browser, Page

import edition.site.derivatives
from edition.build.stages import build
from edition.core.diagnostics import Severity
from edition.tei.facsimile import page_breaks
from edition.tei.xml import parse

FIXTURE = REPO / "tests" / "fixtures" / "page-images"
TITLE = "A letter of three pages"
DISPLAY = "image-sizes/display/sources/scans/p3.png.jpg"
THUMBNAIL = "image-sizes/thumbnail/sources/scans/p3.png.jpg"


def _large_scan() -> bytes:
    """Page 3: 2400 × 3400 px, beyond the 2000 px that calls for a smaller copy (drawn, not committed)."""
    image = Image.new("RGB", (2400, 3400), (240, 236, 228))
    draw = ImageDraw.Draw(image)
    for y in range(300, 3100, 60):
        draw.line((240, y, 2100 - (y * 37 % 700), y), fill=(80, 70, 60), width=8)
    draw.rectangle((1000, 60, 1400, 280), fill=(40, 90, 160))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _edition(folder: Path) -> Path:
    shutil.copytree(FIXTURE, folder)
    (folder / "sources" / "scans" / "p3.png").write_bytes(_large_scan())
    return folder


def _page(site: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / "documents" / "letter.html").read_bytes())


def _warnings(result: object) -> set[tuple[str, int]]:
    return {(d.code, d.line) for d in result.diagnostics if d.severity is Severity.WARNING}  # type: ignore[attr-defined]


def _line_of(folder: Path, needle: str) -> int:
    text = (folder / "sources" / "letter.xml").read_text(encoding="utf-8")
    return text[:text.index(needle)].count("\n") + 1


@pytest.fixture(scope="module")
def letter(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture edition and its site."""
    folder = _edition(tmp_path_factory.mktemp("letter") / "ed")
    site = folder.parent / "site"
    result = build(folder, site, jobs=1, search=False)
    assert not [d for d in result.diagnostics if d.severity is Severity.ERROR]
    return folder, site


def test_each_page_break_resolves_through_surface_zone_and_xml_base() -> None:
    tree = parse((FIXTURE / "sources" / "letter.xml").read_bytes(), "letter.xml")
    pages = page_breaks(tree)
    assert [(p.n, p.pointer, p.image.url) for p in pages] == [
        ("1", "#s1", "scans/p1.png"), ("2", "#s2", "scans/p2.png"), ("3", "#z3", "scans/p3.png")]
    # of the surface's two graphics the larger is shown, the other kept; the zone keeps its box
    assert pages[1].image.others == ("scans/p2-small.png",) and pages[1].image.declared_size == (600, 850)
    assert pages[2].image.zone is not None and pages[2].image.zone.box == (200.0, 300.0, 2200.0, 3100.0)


def test_the_page_numbers_link_the_images_and_say_what_the_pane_shows(letter: tuple[Path, Path]) -> None:
    _, site = letter
    numbers = _page(site).xpath("//a[contains(@class, 'tei-pb')]")
    assert [(a.text, a.get("href"), a.get("data-page-src"), a.get("data-page-label")) for a in numbers] == [
        ("p. 1", "../images/sources/scans/p1.png", "../images/sources/scans/p1.png", "1"),
        ("p. 2", "../images/sources/scans/p2.png", "../images/sources/scans/p2.png", "2"),
        ("p. 3", "../images/sources/scans/p3.png", f"../{DISPLAY}", "3")]  # the original still linked
    assert [(a.get("data-page-width"), a.get("data-page-height")) for a in numbers] == [
        ("600", "850"), ("600", "850"), ("1129", "1600")]
    assert not (site / "images" / "sources" / "scans" / "p2-small.png").exists()  # kept in the TEI, not shown
    assert _page(site).xpath("//aside[@class='page-pane']")


def test_a_large_scan_gets_smaller_copies_with_the_same_bytes_on_every_build(
        letter: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, site = letter
    display, thumbnail = (site / DISPLAY).read_bytes(), (site / THUMBNAIL).read_bytes()
    with Image.open(io.BytesIO(display)) as image:
        assert image.format == "JPEG" and image.size == (1129, 1600)
        assert not image.getexif() and "xmp" not in image.info  # no metadata carried over
    with Image.open(io.BytesIO(thumbnail)) as image:
        assert max(image.size) == 240
    # A fresh copy of the edition, built without the cache: the same bytes.
    fresh = build(_edition(tmp_path / "fresh"), tmp_path / "fresh-site", jobs=1, search=False, incremental=False)
    assert not [d for d in fresh.diagnostics if d.severity is Severity.ERROR]
    assert (tmp_path / "fresh-site" / DISPLAY).read_bytes() == display
    assert (tmp_path / "fresh-site" / THUMBNAIL).read_bytes() == thumbnail
    # A rebuild of the first takes them from the cache: making one again would fail here.
    def refuse(data: bytes, long_side: int) -> bytes:
        raise AssertionError("a smaller copy was made again instead of read from the cache")
    monkeypatch.setattr(edition.site.derivatives, "smaller", refuse)
    build(folder, tmp_path / "again", jobs=1, search=False)
    assert (tmp_path / "again" / DISPLAY).read_bytes() == display


def _png_declaring(width: int, height: int) -> bytes:
    """A small PNG whose header says width × height: what a decompression bomb looks like to a reader."""
    out = io.BytesIO()
    Image.new("L", (1, 1)).save(out, "PNG")
    data = bytearray(out.getvalue())
    header = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return bytes(data)


def test_a_decompression_bomb_is_refused_with_a_located_warning(tmp_path: Path) -> None:
    folder = _edition(tmp_path / "ed")
    (folder / "sources" / "scans" / "p2.png").write_bytes(_png_declaring(40_000, 40_000))  # 1.6 gigapixels
    result = build(folder, tmp_path / "site", jobs=1, search=False)
    assert ("image-too-large", _line_of(folder, 'n="2"')) in _warnings(result)
    assert not (tmp_path / "site" / "images" / "sources" / "scans" / "p2.png").exists()
    numbers = _page(tmp_path / "site").xpath("//*[contains(@class, 'tei-pb')]")
    assert [(n.tag, n.text) for n in numbers] == [("a", "p. 1"), ("span", "p. 2"), ("a", "p. 3")]


REMOTE = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Remote pages</title></titleStmt>
    <publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>Test</p></sourceDesc></fileDesc></teiHeader>
  <facsimile>
    <surface xml:id="r1">
      <graphic url="https://iiif.example.org/iiif/page1/info.json" width="3000px" height="4000px"/></surface>
    <surface xml:id="r2"><graphic url="https://iiif.example.org/iiif/page2/full/full/0/default.jpg"/></surface>
  </facsimile>
  <text><body>
    <pb n="1" facs="#r1"/><p>One.</p>
    <pb n="2" facs="#r2"/><p>Two.</p>
    <pb n="3" facs="https://elsewhere.example.net/p3.jpg"/><p>Three.</p>
    <figure><graphic url="https://iiif.example.org/iiif/map.png"/><figDesc>A map</figDesc></figure>
  </body></text>
</TEI>
"""


def _remote_edition(folder: Path, allowed: str) -> Path:
    (folder / "sources").mkdir(parents=True)
    (folder / "edition.toml").write_text(f'title = "Remote"\nbase_url = "https://example.org/r/"\n{allowed}',
                                         encoding="utf-8")
    (folder / "sources" / "remote.xml").write_text(REMOTE, encoding="utf-8")
    return folder


def test_remote_images_are_not_loaded_unless_the_edition_allows_their_server(tmp_path: Path) -> None:
    refused = build(_remote_edition(tmp_path / "no", ""), tmp_path / "no-site", jobs=1, search=False)
    page = lxml.html.fromstring((tmp_path / "no-site" / "documents" / "remote.html").read_bytes())
    assert not page.xpath("//img[contains(@src, 'example')] | //*[@data-page-src] | //aside[@class='page-pane']")
    assert [(a.get("href"), a.get("rel")) for a in page.xpath("//a[contains(@class, 'tei-pb')]")] == [
        ("https://iiif.example.org/iiif/page1/info.json", "noopener noreferrer"),  # a link loads nothing
        ("https://iiif.example.org/iiif/page2/full/full/0/default.jpg", "noopener noreferrer"),
        ("https://elsewhere.example.net/p3.jpg", "noopener noreferrer")]
    assert sum(d.code == "remote-image" for d in refused.diagnostics) == 4
    assert not (tmp_path / "no-site" / "documents" / "remote.manifest.json").exists()

    allowed = build(_remote_edition(tmp_path / "yes", 'remote_images = ["https://iiif.example.org/iiif/"]\n'),
                    tmp_path / "yes-site", jobs=1, search=False)
    page = lxml.html.fromstring((tmp_path / "yes-site" / "documents" / "remote.html").read_bytes())
    assert [(a.get("href"), a.get("data-page-src")) for a in page.xpath("//a[contains(@class, 'tei-pb')]")] == [
        ("https://iiif.example.org/iiif/page1/full/max/0/default.jpg",  # a IIIF service: asked at display size
         "https://iiif.example.org/iiif/page1/full/!1600,1600/0/default.jpg"),
        ("https://iiif.example.org/iiif/page2/full/full/0/default.jpg",
         "https://iiif.example.org/iiif/page2/full/!1600,1600/0/default.jpg"),
        ("https://elsewhere.example.net/p3.jpg", None)]  # not on the allowed server: still only linked
    assert not page.xpath("//img[contains(@class, 'tei-graphic')]")  # a figure's: its description (page images only)
    assert [d.code for d in allowed.diagnostics if d.code.startswith(("remote", "iiif"))] == ["remote-image"] * 2
    # every address the page names on another server is one the edition allowed, or a plain link
    loaded = page.xpath("//img/@src | //*/@data-page-src | //script/@src | //link[@rel='stylesheet']/@href")
    assert all(not u.startswith(("http:", "https:", "//")) or u.startswith("https://iiif.example.org/iiif/")
               for u in loaded)
    # the page whose size the TEI gives is in the manifest; the other cannot be measured without fetching it
    manifest = json.loads((tmp_path / "yes-site" / "documents" / "remote.manifest.json").read_bytes())
    assert [(c["label"]["none"], c["width"], c["height"]) for c in manifest["items"]] == [(["1"], 3000, 4000)]


def test_the_remote_images_option_takes_only_server_folders(tmp_path: Path) -> None:
    from edition.core.diagnostics import EditionError
    folder = _remote_edition(tmp_path / "bad", 'remote_images = ["https://iiif.example.org"]\n')
    with pytest.raises(EditionError) as failure:
        build(folder, tmp_path / "site", jobs=1, search=False)
    assert [(d.code, d.line) for d in failure.value.diagnostics] == [("config-url", 3)]


def test_the_manifest_validates_and_lists_the_pages_in_order_with_their_sizes(letter: tuple[Path, Path]) -> None:
    _, site = letter
    data = json.loads((site / "documents" / "letter.manifest.json").read_bytes())
    Manifest.model_validate(data)  # the library's own models (pydantic) check every resource
    assert data["id"] == "https://example.org/page-images/documents/letter.manifest.json"
    assert data["label"] == {"en": [TITLE]}
    canvases = data["items"]
    assert [(c["label"]["none"][0], c["width"], c["height"]) for c in canvases] == [
        ("1", 600, 850), ("2", 600, 850), ("3", 2400, 3400)]  # the originals' sizes, in the text's order
    bodies = [c["items"][0]["items"][0]["body"] for c in canvases]
    assert [b["id"].removeprefix("https://example.org/page-images/") for b in bodies] == [
        "images/sources/scans/p1.png", "images/sources/scans/p2.png", DISPLAY]
    with Image.open(site / DISPLAY) as shown:
        assert (bodies[2]["width"], bodies[2]["height"], bodies[2]["format"]) == (*shown.size, "image/jpeg")
    page = _page(site)
    assert page.xpath("//link[@rel='alternate']/@href") == ["letter.manifest.json"]
    assert page.xpath("//dl[@class='metadata']//a[. = 'IIIF manifest']/@href") == ["letter.manifest.json"]


def test_without_base_url_there_is_no_manifest_and_the_build_says_so_once(tmp_path: Path) -> None:
    folder = _edition(tmp_path / "ed")
    (folder / "edition.toml").write_text('title = "Page images"\n', encoding="utf-8")
    shutil.copyfile(folder / "sources" / "letter.xml", folder / "sources" / "copy.xml")
    result = build(folder, tmp_path / "site", jobs=1, search=False)
    assert [d.code for d in result.diagnostics].count("iiif-no-base-url") == 1
    assert not list((tmp_path / "site" / "documents").glob("*.manifest.json"))
    assert _page(tmp_path / "site").xpath("//aside[@class='page-pane']")  # the pane does not need one


# Real TEI whose images are not in the corpus: page numbers, warnings, no image that cannot load.
CORPUS_FILES = ["copadocs_kfb_00340_r_pp_1866_05_16.xml", "legalkraus_D_000189-091-000.xml",
                "melp_Edgeworth_Bodleian_717_1822-07-23.xml", "mrp_MRP-3-0-03-1-18711222-P-0012.xml",
                "dingler_pj300_trimmed.xml"]


def test_real_tei_whose_images_are_elsewhere_keeps_its_page_numbers(shared: Path, tmp_path: Path) -> None:
    sources = [shared / "corpora" / "editions" / name for name in CORPUS_FILES]
    folder = corpus_edition(sources, tmp_path / "ed", "Corpus page images")
    result = build(folder, tmp_path / "site", jobs=1, search=False, incremental=False)
    codes = {(d.file.rsplit("/", 1)[-1], d.code) for d in result.diagnostics}
    assert ("copadocs_kfb_00340_r_pp_1866_05_16.xml", "missing-image") in codes  # f/kfb340r01a.jpg, xml:base
    assert ("legalkraus_D_000189-091-000.xml", "remote-image") in codes
    assert ("melp_Edgeworth_Bodleian_717_1822-07-23.xml", "missing-image") in codes
    for name in CORPUS_FILES:
        page = lxml.html.fromstring((tmp_path / "site" / "documents" / name.replace(".xml", ".html")).read_bytes())
        assert page.xpath("//*[contains(@class, 'tei-pb')]"), name
        assert not page.xpath("//*[@data-page-src] | //aside[@class='page-pane'] | //*[@data-facs]"), name
        assert not [src for src in page.xpath("//img/@src") if src.startswith(("http", "//"))], name
    kraus = lxml.html.fromstring((tmp_path / "site" / "documents" / "legalkraus_D_000189-091-000.html").read_bytes())
    assert len(kraus.xpath("//a[contains(@class, 'tei-pb')][@rel='noopener noreferrer']")) == 6  # linked only


def test_real_iiif_page_images_are_shown_once_their_server_is_allowed(shared: Path, tmp_path: Path) -> None:
    # LegalKraus names its six pages as IIIF image requests on the Wienbibliothek's server.
    folder = corpus_edition([shared / "corpora" / "editions" / CORPUS_FILES[1]], tmp_path / "ed", "Kraus")
    with (folder / "edition.toml").open("a", encoding="utf-8") as toml:
        toml.write('remote_images = ["https://www.digital.wienbibliothek.at/wbrobv02/i3f/"]\n')
    result = build(folder, tmp_path / "site", jobs=1, search=False, incremental=False)
    assert "remote-image" not in {d.code for d in result.diagnostics}
    page = lxml.html.fromstring((tmp_path / "site" / "documents" / "legalkraus_D_000189-091-000.html").read_bytes())
    shown = page.xpath("//a[contains(@class, 'tei-pb')]/@data-page-src")
    assert shown[0] == "https://www.digital.wienbibliothek.at/wbrobv02/i3f/v21/2544848/full/!1600,1600/0/default.jpg"
    assert len(shown) == 6 and page.xpath("//aside[@class='page-pane']")


# In a browser: the pane at 1280 px, the dialog at 360 px; valid and accessible.

def _open(browser: Browser, site: Path, width: int) -> Page:
    page = browser.new_page(viewport={"width": width, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((site / "documents" / "letter.html").as_uri())
    page.wait_for_function("document.querySelector('.page-pane figure') !== null")
    assert not errors
    return page


def _pane_image(page: Page) -> dict[str, str]:
    return page.evaluate("(() => { const i = document.querySelector('.page-pane img');"
                         " return {src: i.getAttribute('src'), alt: i.alt}; })()")


def test_the_pane_shows_the_page_beside_its_text_and_follows_the_scroll(
        browser: Browser, letter: tuple[Path, Path]) -> None:
    _, site = letter
    page = _open(browser, site, 1280)
    text = page.locator(".tei-text").bounding_box()
    pane = page.locator(".page-pane").bounding_box()
    assert text and pane and pane["x"] >= text["x"] + text["width"]  # beside the text, not under it
    assert _pane_image(page) == {"src": "../images/sources/scans/p1.png", "alt": f"Page 1 of {TITLE}"}
    # Scrolled until the second page break is near the top: the pane shows page 2, and stays in view.
    page.evaluate("window.scrollTo(0, document.querySelectorAll('.tei-pb')[1].getBoundingClientRect().top"
                  " + scrollY - 100)")
    page.wait_for_function("document.querySelector('.page-pane img').getAttribute('src').endsWith('p2.png')")
    assert _pane_image(page)["alt"] == f"Page 2 of {TITLE}"
    pane = page.locator(".page-pane").bounding_box()
    assert pane and 0 <= pane["y"] < 800
    page.screenshot(path=str(site.parent / "pane-1280.png"))
    # The keyboard: the third page number, focused and entered, shows its page (the smaller copy).
    page.focus("a.tei-pb >> nth=2")
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelector('.page-pane img').getAttribute('src') === '../{DISPLAY}'")
    assert page.url.endswith("letter.html")  # shown in the pane, not followed
    page.close()


def test_on_a_phone_a_page_number_opens_its_image_full_width(browser: Browser, letter: tuple[Path, Path]) -> None:
    _, site = letter
    page = _open(browser, site, 360)
    assert not page.locator(".page-pane").is_visible()
    page.click("a.tei-pb >> nth=1")
    dialog = page.locator(".page-dialog")
    assert dialog.is_visible()
    image = page.locator(".page-dialog img")
    assert image.get_attribute("alt") == f"Page 2 of {TITLE}"
    box = image.bounding_box()
    assert box and box["width"] > 300 and box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(site.parent / "dialog-360.png"))
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.textContent") == "p. 2"  # back where the reader was
    page.click("a.tei-pb >> nth=2")
    page.click(".page-dialog button")
    assert not dialog.is_visible()
    page.close()


def test_the_page_is_valid_and_accessible_at_both_widths(browser: Browser, letter: tuple[Path, Path]) -> None:
    _, site = letter
    assert described(nu_errors([site / "documents" / "letter.html"])) == []
    for width in (1280, 360):
        page = _open(browser, site, width)
        if width == 360:
            page.click("a.tei-pb >> nth=0")  # with the dialog open
        assert serious_violations(page) == [], width
        page.close()
