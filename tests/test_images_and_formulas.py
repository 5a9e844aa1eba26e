"""Images of the edition folder are copied into the site; nothing else is loaded. TeX becomes
sanitised MathML, or stays TeX code with a located warning."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pytest

from edition.build.stages import build
from edition.core.diagnostics import Severity

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))  # the signature is what the build checks; the rest is opaque
TEI = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Figures</title></titleStmt>
    <publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>Test</p></sourceDesc></fileDesc></teiHeader>
  <text><body>
{body}
  </body></text>
</TEI>
"""


def _edition(folder: Path, body: str) -> Path:
    (folder / "sources").mkdir(parents=True)
    (folder / "edition.toml").write_text('title = "Figures"\nbase_url = "https://example.org/"\n', encoding="utf-8")
    (folder / "sources" / "doc.xml").write_text(TEI.format(body=body), encoding="utf-8")
    return folder


def _build(folder: Path, out: Path) -> tuple[lxml.html.HtmlElement, list]:
    result = build(folder, out, jobs=1)
    page = lxml.html.fromstring((out / "documents" / "doc.html").read_bytes())
    return page, [d for d in result.diagnostics if d.code not in ("no-id",)]


def _line_of(folder: Path, needle: str) -> int:
    text = (folder / "sources" / "doc.xml").read_text(encoding="utf-8")
    return text[:text.index(needle)].count("\n") + 1


def test_an_image_inside_the_edition_is_copied_and_the_page_shows_the_copy(tmp_path: Path) -> None:
    folder = _edition(tmp_path / "ed", '<p>See the map.</p>\n<figure><graphic url="img/map.png"/>'
                      '<figDesc>A map of the river</figDesc><head>The river</head></figure>\n'
                      '<figure><graphic url="../images/plan.png"/><figDesc>A plan</figDesc></figure>')
    (folder / "sources" / "img").mkdir()
    (folder / "sources" / "img" / "map.png").write_bytes(PNG)
    (folder / "images").mkdir()
    (folder / "images" / "plan.png").write_bytes(PNG + b"plan")
    page, diagnostics = _build(folder, tmp_path / "site")
    images = {img.get("alt"): img.get("src") for img in page.iter("img") if "tei-graphic" in img.get("class", "")}
    assert images == {"A map of the river": "../images/sources/img/map.png", "A plan": "../images/images/plan.png"}
    assert (tmp_path / "site" / "images" / "sources" / "img" / "map.png").read_bytes() == PNG
    assert (tmp_path / "site" / "images" / "images" / "plan.png").read_bytes() == PNG + b"plan"
    assert not [d for d in diagnostics if d.severity is Severity.ERROR]
    # A rebuild links the unchanged image from the previous site instead of writing it again.
    before = (tmp_path / "site" / "images" / "sources" / "img" / "map.png").stat().st_ino
    _build(folder, tmp_path / "site")
    assert (tmp_path / "site" / "images" / "sources" / "img" / "map.png").stat().st_ino == before


def test_an_image_linked_outside_the_edition_is_refused_and_nothing_is_copied(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG + b"TOP-SECRET-BYTES")
    folder = _edition(tmp_path / "ed", '<p>Here.</p>\n<figure><graphic url="leak.png"/><figDesc>Leak</figDesc>'
                      '</figure>\n<figure><graphic url="../../secret.png"/><figDesc>Climb</figDesc></figure>')
    (folder / "sources" / "leak.png").symlink_to(secret)
    page, diagnostics = _build(folder, tmp_path / "site")
    assert not list(page.iter("img")) or all("tei-graphic" not in i.get("class", "") for i in page.iter("img"))
    assert "[Image: Leak]" in page.text_content() and "[Image: Climb]" in page.text_content()
    assert not (tmp_path / "site" / "images").exists()
    assert not any(b"TOP-SECRET-BYTES" in p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file())
    found = {(d.code, d.line) for d in diagnostics if d.severity is Severity.WARNING}
    assert ("outside-edition", _line_of(folder, 'url="leak.png"')) in found
    assert ("outside-edition", _line_of(folder, 'url="../../secret.png"')) in found


def test_a_remote_image_is_not_loaded_and_a_missing_one_is_a_located_warning(tmp_path: Path) -> None:
    folder = _edition(tmp_path / "ed", '<p>Here <pb n="2" facs="https://images.example.org/p2.jpg"/> on.</p>\n'
                      '<figure><graphic url="https://images.example.org/map.png"/><figDesc>Remote map</figDesc>'
                      '</figure>\n<figure><graphic url="gone.png"/><figDesc>Gone</figDesc></figure>')
    page, diagnostics = _build(folder, tmp_path / "site")
    assert not [i for i in page.iter("img") if "example.org" in i.get("src", "")]
    assert "[Image: Remote map]" in page.text_content() and "[Image: Gone]" in page.text_content()
    page_image = page.xpath("//a[contains(@class, 'tei-pb')]")[0]  # a link loads nothing until followed
    assert page_image.get("href") == "https://images.example.org/p2.jpg" and "noopener" in page_image.get("rel")
    found = {(d.code, d.line) for d in diagnostics if d.severity is Severity.WARNING}
    assert ("remote-image", _line_of(folder, "map.png")) in found
    assert ("remote-image", _line_of(folder, "p2.jpg")) in found
    assert ("missing-image", _line_of(folder, "gone.png")) in found


def test_a_page_image_in_the_facsimile_is_copied_and_linked_from_the_page_number(tmp_path: Path) -> None:
    folder = _edition(tmp_path / "ed", '<p>One <pb n="2" facs="#f2"/> two.</p>')
    text = (folder / "sources" / "doc.xml").read_text(encoding="utf-8")
    (folder / "sources" / "doc.xml").write_text(text.replace(
        "<text>", '<facsimile><surface xml:id="f2"><graphic url="scans/p2.jpg"/></surface></facsimile><text>'),
        encoding="utf-8")
    (folder / "sources" / "scans").mkdir()
    (folder / "sources" / "scans" / "p2.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(32))
    page, _ = _build(folder, tmp_path / "site")
    assert page.xpath("//a[contains(@class, 'tei-pb')]/@href") == ["../images/sources/scans/p2.jpg"]
    assert (tmp_path / "site" / "images" / "sources" / "scans" / "p2.jpg").is_file()


def test_a_file_that_is_not_the_image_its_name_says_is_not_copied(tmp_path: Path) -> None:
    folder = _edition(tmp_path / "ed", '<figure><graphic url="page.png"/><figDesc>Fake</figDesc></figure>\n'
                      '<figure><graphic url="draw.svg"/><figDesc>Drawing</figDesc></figure>')
    (folder / "sources" / "page.png").write_text("<script>alert(1)</script>", encoding="utf-8")
    (folder / "sources" / "draw.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)'
                                                 '</script></svg>', encoding="utf-8")
    page, diagnostics = _build(folder, tmp_path / "site")
    assert not (tmp_path / "site" / "images").exists()
    assert {d.code for d in diagnostics} >= {"image-format", "unsafe-svg"}


FORMULAS = ('<p>A fraction <formula notation="TeX">\\frac{{1}}{{424}}</formula> and a bad one '
            '<formula notation="TeX">\\frac{{1}}{{</formula>.</p>\n'
            '<p>A link <formula notation="TeX">\\href{{javascript:alert(1)}}{{x}}</formula>, markup '
            '<formula notation="TeX">\\mbox{{&lt;img src=x onerror=alert(1)&gt;}}</formula>, a style '
            '<formula notation="TeX">\\style{{background:url(https://x.example/t)}}{{y}}</formula>.</p>\n'
            '<p>Guessed: <formula>1\\mbox{{ kgm}}=\\frac{{1}}{{424}}</formula>.</p>')


@pytest.fixture(scope="module")
def formula_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, lxml.html.HtmlElement, list]:
    folder = _edition(tmp_path_factory.mktemp("formulas") / "ed", FORMULAS.format())
    page, diagnostics = _build(folder, folder.parent / "site")
    return folder, page, diagnostics


def test_a_tex_formula_is_mathml_with_its_tex_kept(formula_site) -> None:
    _, page, _ = formula_site
    math = page.xpath("//span[contains(@class, 'tei-formula')]//math")
    assert len(math) == 3  # the fraction, the link and the style; the markup one fails
    fraction = math[0]
    assert fraction.xpath(".//mfrac/mrow/mn/text()") == ["1", "424"]
    assert fraction.xpath(".//annotation[@encoding='application/x-tex']/text()") == ["\\frac{1}{424}"]


def test_mathml_from_tex_carries_no_active_content(formula_site) -> None:
    _, page, _ = formula_site
    for formula in page.xpath("//span[contains(@class, 'tei-formula')]"):
        for element in formula.iter():
            assert element.tag not in ("img", "script", "a", "iframe")
            assert not [name for name in element.attrib if name.startswith("on") or name in ("href", "style", "src")]
    assert not page.xpath("//img[@onerror]")


def test_a_bad_tex_formula_stays_tex_code_with_a_located_warning(formula_site) -> None:
    folder, page, diagnostics = formula_site
    codes = page.xpath("//code[contains(@class, 'tei-formula-tex')]/text()")
    assert codes == ["\\frac{1}{", "\\mbox{<img src=x onerror=alert(1)>}"]
    warned = sorted(d.line for d in diagnostics if d.code == "tex-formula")
    assert warned == [_line_of(folder, "and a bad one"), _line_of(folder, "markup")]


def test_a_formula_without_notation_is_not_guessed_to_be_tex(formula_site) -> None:
    _, page, _ = formula_site
    assert page.xpath("//code[@class='tex']/text()") == ["1\\mbox{ kgm}=\\frac{1}{424}"]


def test_a_cache_hit_gives_the_same_warnings_at_the_same_lines(tmp_path: Path, formula_site) -> None:
    folder, _, diagnostics = formula_site
    copy = tmp_path / "ed"
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("site"))
    first = build(copy, tmp_path / "one", jobs=1).diagnostics
    second = build(copy, tmp_path / "two", jobs=1).diagnostics  # from the cache
    lines = [(d.code, d.line) for d in first if d.code == "tex-formula"]
    assert lines == [(d.code, d.line) for d in second if d.code == "tex-formula"] and len(lines) == 2


def test_many_missing_images_are_located_one_by_one_then_summed_up(tmp_path: Path) -> None:
    figures = "\n".join(f'<figure><graphic url="scans/{n}.png"/><figDesc>Plate {n}</figDesc></figure>'
                        for n in range(8))
    folder = _edition(tmp_path / "ed", figures)
    _, diagnostics = _build(folder, tmp_path / "site")
    missing = [d for d in diagnostics if d.code == "missing-image"]
    assert [d.line for d in missing[:5]] == [_line_of(folder, f"scans/{n}.png") for n in range(5)]
    assert len(missing) == 6 and "3 more images" in missing[5].message
    assert missing[5].line == _line_of(folder, "scans/5.png")
