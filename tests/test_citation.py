"""Citations from one CSL-JSON record: the Chicago text a reader pastes, and metadata Zotero reads.

Expected Chicago notes follow CMOS 14.111 (18th ed.: letters and other documents in published
collections are cited by the document, its date, and then the collection it is published in), as
the Chicago Manual of Style Online Q&A applies it to a FRUS document "in" a collection with its
document number and URL (chicagomanualofstyle.org, Q&A, Documentation faq0443); the Office of the
Historian's "Citing the Foreign Relations series" asks for the volume and document number rather
than pages. CMOS 14.49 (18th ed.) makes access dates optional, so none is given (no placeholder).
The document's date and this edition's release are told apart as CMOS tells a reprint's original
date from its publisher and year ("December 2, 1989; The edition project, 2026"); the archive
follows from the specific to the general (doc. 60, then the volume), as for manuscript collections.
What the official CSL style cannot say as CMOS would is kept, not worked around: the document's
date comes after the collection's title rather than before "in", and the edition's editors are
not named when the document has no author (the style would put them in the author's place).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest
from conftest import CONTENT
from lxml import etree

from edition.build.stages import build
from edition.project.config import Config
from edition.site.cite import Citable, bibtex, citations, csl_item, ris

TITLE = "Ending the Cold War: Records of US–Soviet Conversations, 1989–1990"
CONFIG = Config(title=TITLE, editors=("The edition project",), publisher="The edition project",
                licence="CC BY 4.0", licence_url="https://creativecommons.org/licenses/by/4.0/",
                base_url="https://example.org/cold-war/")


def _plain(html: str) -> str:
    return lxml.html.fragment_fromstring(html, create_parent="p").text_content()


@pytest.fixture(scope="module")
def metas(built_site: Path):
    from edition.tei.metadata import read_metadata
    return {path.stem: read_metadata(path.stem, etree.parse(str(path)))
            for path in (built_site / "documents").glob("*.xml")}


def test_d60_is_cited_as_frus_in_this_edition(metas) -> None:
    chicago = _plain(citations(Citable(CONFIG, metas["frus1989-92v31-d60"], "1.0", "2026"))[0]["html"])
    assert chicago == (
        "“Memorandum of Conversation,” in Ending the Cold War: Records of US–Soviet Conversations, 1989–1990, "
        "version 1.0, December 2, 1989; The edition project, 2026, doc. 60, Foreign Relations of the United States, "
        "1989–1992, vol. XXXI, https://example.org/cold-war/documents/frus1989-92v31-d60.html.")


def test_the_soviet_record_names_its_archive_and_copy(metas) -> None:
    chicago = _plain(citations(Citable(CONFIG, metas["gorbachev-baker-1990-02-09"], "1.0", "2026"))[0]["html"])
    assert chicago == (
        "“Soviet Record of Conversation Between M.S. Gorbachev and US Secretary of State J. Baker,” in Ending the "
        "Cold War: Records of US–Soviet Conversations, 1989–1990, Memorandum of Conversation, version 1.0, "
        "February 9, 1990; The edition project, 2026, National Security Archive, George Washington University, "
        "Wilson Center Digital Archive, https://example.org/cold-war/documents/gorbachev-baker-1990-02-09.html.")


def test_a_letter_is_cited_by_its_sender_and_date_with_its_shelfmark(shared: Path) -> None:
    from edition.tei.metadata import read_metadata
    path = shared / "corpora" / "editions" / "melp_Edgeworth_Bodleian_717_1822-07-23.xml"
    melp = read_metadata(path.stem, etree.parse(str(path)))
    chicago = _plain(citations(Citable(CONFIG, melp, "1.0", "2026"))[0]["html"])
    assert chicago == (  # CMOS 14.111: the letter, then the collection "ed." by its editors
        f"Maria Edgeworth, “Letter from Maria Edgeworth to Margaret Ruxton, July 23, 1822,” in {TITLE}, version 1.0, "
        "ed. The edition project, July 23, 1822; The edition project, 2026, Bodleian Library, MS. Eng. lett. c. 717, "
        "https://example.org/cold-war/documents/melp_Edgeworth_Bodleian_717_1822-07-23.html.")
    untitled_publisher = Config(title="M", base_url="https://example.org/m/")
    assert "in M, M," not in _plain(citations(Citable(untitled_publisher, melp, "", ""))[0]["html"])


def test_apa_says_a_title_standing_in_for_the_author_once(metas) -> None:
    apa = _plain(citations(Citable(CONFIG, metas["gorbachev-baker-1990-02-09"], "1.0", "2026"))[2]["html"])
    assert apa.startswith("Soviet Record of Conversation between M.S. Gorbachev and US Secretary of State J. Baker. "
                          "(2026). In Ending the Cold War")
    assert apa.endswith("(Original work published 1990)")


def test_every_style_and_export_comes_from_the_one_record(metas) -> None:
    citable = Citable(CONFIG, metas["frus1989-92v31-d60"], "1.0", "2026")
    item = csl_item(citable)
    styles = citations(citable)
    assert [s["label"] for s in styles] == ["Chicago", "MLA", "APA"]
    for style in styles:
        text = _plain(style["html"])
        assert "[date]" not in text and "Accessed" not in text  # no placeholder
        assert item["URL"] in text and "doc. 60" in text
        assert "{paragraph}" in style["paragraph"] or style["key"] != "chicago"
        assert item["URL"] + "#{anchor}" in style["paragraph"]
    assert f"url = {{{item['URL']}}}" in bibtex(citable) and "doc. 60" in bibtex(citable)
    assert f"UR  - {item['URL']}" in ris(citable) and "AN  - doc. 60" in ris(citable)


def test_without_base_url_urls_resolve_from_the_page(metas) -> None:
    citable = Citable(Config(title="T"), metas["frus1989-92v31-d60"], "", "")
    assert csl_item(citable)["URL"] == "frus1989-92v31-d60.html"
    page = "https://host/ed/documents/frus1989-92v31-d60.html"
    assert urljoin(page, csl_item(citable)["URL"]) == page  # not documents/documents/…


def test_zotero_metadata_is_absolute_with_base_url(tmp_path: Path) -> None:
    edition = tmp_path / "content"
    shutil.copytree(CONTENT, edition)
    with (edition / "edition.toml").open("a", encoding="utf-8") as toml:
        toml.write('base_url = "https://example.org/cold-war/"\n')
    result = build(edition, tmp_path / "site")
    assert not any(d.code == "citation-relative-urls" for d in result.diagnostics)
    page = lxml.html.parse(str(tmp_path / "site" / "documents" / "frus1989-92v31-d60.html")).getroot()
    tags = {m.get("name"): m.get("content") for m in page.xpath("//meta[starts-with(@name, 'citation_')]")}
    for name in ("citation_public_url", "citation_xml_url"):
        assert tags[name].startswith("https://example.org/cold-war/documents/"), tags
    assert tags["citation_title"] == "Memorandum of Conversation" and tags["citation_date"] == "1989/12/02"
    assert page.xpath("string(//link[@rel='cite-as']/@href)") == tags["citation_public_url"]
    assert page.xpath("string(//link[@rel='version-history']/@href)") == "https://example.org/cold-war/changes.html"
    data = json.loads(page.xpath("string(//script[@type='application/ld+json'])"))
    assert data["url"] == tags["citation_public_url"]
    assert data["isBasedOn"]["url"] == "https://history.state.gov/historicaldocuments/frus1989-92v31/d60"
    exported = json.loads((tmp_path / "site" / "documents" / "frus1989-92v31-d60.csl.json").read_text("utf-8"))
    assert exported[0]["URL"] == tags["citation_public_url"]


def test_the_build_warns_once_without_base_url(built_site: Path, tmp_path: Path) -> None:
    result = build(CONTENT, tmp_path / "site")
    warnings = [d for d in result.diagnostics if d.code == "citation-relative-urls"]
    assert len(warnings) == 1 and warnings[0].file.endswith("edition.toml")
    page = lxml.html.parse(str(built_site / "documents" / "frus1989-92v31-d60.html")).getroot()
    assert page.xpath("string(//meta[@name='citation_public_url']/@content)") == "frus1989-92v31-d60.html"


def test_a_title_with_markup_characters_reaches_the_citation_as_text(tmp_path):
    """citeproc-py's HTML formatter does not escape: a source title '<script>…' must stay text."""
    from edition.build.stages import build

    (tmp_path / "sources").mkdir()
    (tmp_path / "edition.toml").write_text('title = "X <b>bold</b>"\nbase_url = "https://e.org/"\n', encoding="utf-8")
    (tmp_path / "sources" / "doc.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>A &lt;script&gt;'
        'alert(1)&lt;/script&gt; &amp; more</title></titleStmt><publicationStmt><p/></publicationStmt>'
        '<sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body><p>Hello.</p></body></text></TEI>',
        encoding="utf-8")
    build(tmp_path, tmp_path / "site", search=False, jobs=1)
    page = (tmp_path / "site" / "documents" / "doc.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<b>bold" not in page
    assert "A &lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown, as text


def test_the_document_citation_derived_from_the_paragraph_form_equals_a_direct_rendering(shared: Path) -> None:
    """citations() renders each style once (the paragraph's form) and derives the document's from it;
    on every shared corpus document, in every style, that equals what the CSL processor gives directly."""
    from edition.site.citation_styles import STYLES, render
    from edition.site.cite import ANCHOR, PARAGRAPH
    from edition.tei.metadata import read_metadata
    from edition.tei.xml import parse

    files = sorted((shared / "corpora").glob("*/*.xml")) + sorted((shared / "corpora").glob("*/tei/*.xml"))[:5]
    for path in files:
        meta = read_metadata(path.stem, parse(path.read_bytes(), str(path)))
        for version, year in (("", ""), ("2.1", "2027")):
            citable = Citable(CONFIG, meta, version, year)
            item = csl_item(citable)
            for style, derived in zip(STYLES, citations(citable), strict=True):
                assert derived["html"] == render(item, style), (path.name, style.key)
                assert PARAGRAPH in derived["paragraph"] or not style.note
                assert f"#{ANCHOR}" in derived["paragraph"]


def test_remembered_style_lookups_give_what_the_processor_gives_without_them(shared: Path, monkeypatch) -> None:
    """citation_styles keeps the answers citeproc-py's style gives (its XPath lookups, whether an
    element calls a variable, the cited item's reference); on the shared corpora's documents every
    style's citation is the same HTML as with the library's own methods and items."""
    from citeproc import CitationItem

    from edition.site import citation_styles
    from edition.site.citation_styles import REMEMBERED, STYLES, render
    from edition.tei.metadata import read_metadata
    from edition.tei.xml import parse

    files = sorted((shared / "corpora").glob("*/*.xml")) + sorted((shared / "corpora").glob("*/tei/*.xml"))[:5]
    items = [csl_item(Citable(CONFIG, read_metadata(path.stem, parse(path.read_bytes(), str(path))), "2.1", "2027"))
             for path in files]
    remembered = [[render(item, style, paragraph) for style in STYLES for paragraph in ("", "7")] for item in items]
    for owner, name in REMEMBERED:
        monkeypatch.setattr(owner, name, owner.__dict__[name].__wrapped__)
    monkeypatch.setattr(citation_styles, "_Item", CitationItem)
    assert remembered == [[render(item, style, paragraph) for style in STYLES for paragraph in ("", "7")]
                          for item in items]
    assert len(items) > 20 and any(item.get("author") for item in items)
