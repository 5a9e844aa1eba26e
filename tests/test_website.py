"""The pages and downloads of the built bundled edition, read as a reader's tools would."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import lxml.html
from conftest import CONTENT, SEED

from edition.project.markdown import render_markdown

DOC = "gorbachev-baker-1990-02-09"


def html(site: Path, path: str):
    return lxml.html.parse(str(site / path)).getroot()


def test_document_page_carries_highwire_tags_and_json_ld(built_site: Path) -> None:
    page = html(built_site, f"documents/{DOC}.html")
    meta = {m.get("name"): m.get("content") for m in page.xpath("//meta[starts-with(@name, 'citation_')]")}
    assert meta["citation_title"] == (
        "Soviet Record of Conversation between M.S. Gorbachev and US Secretary of State J. Baker")
    assert meta["citation_date"] == "1990/02/09"
    assert meta["citation_inbook_title"].startswith("Ending the Cold War")
    data = json.loads(page.xpath("string(//script[@type='application/ld+json'])"))
    assert data["@type"] == "ArchiveComponent" and data["dateCreated"] == "1990-02-09"
    # The register's names (content/persons.toml): the speakers' labels map to its ids.
    assert {p["name"] for p in data["mentions"]} == {
        "Mikhail Sergeyevich Gorbachev", "James A. Baker III", "Eduard Amvrosiyevich Shevardnadze",
        "Sergei Fyodorovich Akhromeev"}


def test_bibtex_ris_and_csl_json(built_site: Path) -> None:
    bib = (built_site / "documents" / f"{DOC}.bib").read_text(encoding="utf-8")
    assert bib.startswith(f"@misc{{{DOC},") and "date = {1990-02-09}" in bib
    ris = (built_site / "documents" / f"{DOC}.ris").read_bytes().decode("utf-8")  # RIS lines end in CRLF
    assert ris.startswith("TY  - GEN\r\n") and "DA  - 1990/02/09\r\n" in ris and ris.endswith("ER  - \r\n")
    csl = json.loads((built_site / "documents" / f"{DOC}.csl.json").read_text(encoding="utf-8"))
    assert csl[0]["issued"] == {"date-parts": [[1990, 2, 9]]} and csl[0]["type"] == "document"


def test_persons_page_lists_every_speech_with_word_counts(built_site: Path) -> None:
    # The persons index has a row per person; each person's speeches are on their own page.
    row = html(built_site, "persons.html").get_element_by_id("baker")
    assert row.xpath(".//a/@href") == ["persons/baker.html"]
    baker = html(built_site, "persons/baker.html")
    links = baker.xpath(f".//section[@aria-labelledby='in-{DOC}']//ol[@class='speeches']/li/a/@href")
    assert len(links) == 9 and all(link.startswith(f"../documents/{DOC}.html#sp") for link in links)
    assert "James A. Baker III" in baker.text_content() and "J. Baker" in baker.text_content()
    # Baker's words, counted straight from the source transcript.
    source = SEED.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in source.split("\n") if p.strip()]
    words, speaking = 0, False
    for paragraph in paragraphs:
        label = re.match(r"^\[?[A-Z]\.[A-Z. ]*[A-Z]+\.\]?", paragraph)
        if label:
            speaking = "BAKER" in label[0]
            paragraph = paragraph[label.end():]
        elif paragraph.startswith("[Subsequent"):
            break
        if speaking:
            words += len(paragraph.split())
    assert f"9 speeches, {words} words:" in baker.text_content()
    wikidata = html(built_site, "persons/gorbachev.html").xpath(".//a[contains(@href, 'wikidata')]/@href")
    assert wikidata == ["https://www.wikidata.org/wiki/Q30487"]


def test_glossary_lists_original_language_terms(built_site: Path) -> None:
    page = html(built_site, "glossary.html")
    terms = [t.text_content() for t in page.xpath("//dl[@class='glossary']/dt/i")]
    assert terms == ["po kotoromu ni odin protsent ne spaset", "vernyi"]
    assert page.xpath("//dl[@class='glossary']/dd//a/@href") == [f"documents/{DOC}.html#p15",
                                                                   f"documents/{DOC}.html#p5"]


def test_markdown_notes_are_numbered_and_linked_both_ways(built_site: Path) -> None:
    page = html(built_site, f"documents/{DOC}.html")
    markers = page.xpath("//a[@class='note-ref']")
    assert [m.text_content() for m in markers] == ["1", "2", "3"]
    for marker in markers:
        note = page.get_element_by_id(marker.get("href")[1:])
        back = note.xpath(".//a[@class='note-back']/@href")[0]
        assert back == f"#{marker.get('id')}"
    assert markers[0].getparent().get("id") == "p3"


def test_downloads_zip_and_plain_text(built_site: Path) -> None:
    with zipfile.ZipFile(built_site / "downloads" / "edition-tei.zip") as archive:
        assert archive.namelist() == sorted(f"{p.stem}.xml" for p in (CONTENT / "sources").iterdir())
        assert archive.read(f"{DOC}.xml") == (built_site / "documents" / f"{DOC}.xml").read_bytes()
    text = (built_site / "documents" / f"{DOC}.txt").read_text(encoding="utf-8")
    assert text.startswith("Soviet Record of Conversation between M.S. Gorbachev and US Secretary of State J. Baker\n")
    assert "\n\nJ. BAKER. Let us carry on the discussion.\n\n[Subsequent pages omitted in the original].\n" in text


def test_home_page_has_introduction_and_editorial_pages(built_site: Path) -> None:
    page = html(built_site, "index.html")
    introduction = page.xpath("string(//section[@class='introduction prose'])")
    assert "records of conversation between Soviet and American" in introduction
    assert page.xpath("//nav//a/@href")[:3] == ["index.html", "persons.html", "glossary.html"]
    assert "pages/method.html" in page.xpath("//nav//a/@href")
    method = html(built_site, "pages/method.html")
    assert method.xpath("string(//h1)") == "Editorial method"


def test_markdown_is_sanitised() -> None:
    dirty = ('# Hi\n\n<script>alert(1)</script>\n\n<img src="x.png" onerror="alert(2)">\n\n'
             '[click](javascript:alert(3)) <a href="JaVaScRiPt:alert(4)">x</a> <b onclick="alert(5)">bold</b>\n\n'
             '<iframe src="https://evil.example"></iframe>')
    clean = render_markdown(dirty)
    lowered = clean.lower()
    assert "<script" not in lowered and "alert(1)" not in lowered
    assert "onerror" not in lowered and "onclick" not in lowered and "javascript:" not in lowered
    assert "<iframe" not in lowered
    assert "<b>bold</b>" in clean and '<img src="x.png">' in clean
