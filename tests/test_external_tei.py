"""TEI from other projects comes out as a good page: DraCor plays, a ParlaMint sitting,
FRUS memoranda (the last are part of the bundled edition)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from conftest import CONTENT
from lxml import etree

from edition.build.stages import build
from edition.tei.xml import NSMAP

FRUS = sorted(p.stem for p in (CONTENT / "sources").glob("frus*.xml"))


@pytest.fixture(scope="module")
def corpora_site(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """All 37 DraCor plays and the ParlaMint sitting, built as one edition."""
    edition = tmp_path_factory.mktemp("corpora")
    (edition / "sources").mkdir()
    corpora = shared / "corpora"
    for path in [*(corpora / "shakedracor" / "tei").glob("*.xml"), *(corpora / "parlamint").glob("*.xml")]:
        shutil.copy(path, edition / "sources" / path.name)
    (edition / "edition.toml").write_text('title = "Corpora"\n', encoding="utf-8")
    site = edition / "site"
    build(edition, site, search=False)
    return edition, site


def page(site: Path, doc: str):
    return lxml.html.parse(str(site / "documents" / f"{doc}.html")).getroot()


def test_every_dracor_speech_has_its_speaker_and_a_working_person_link(corpora_site) -> None:
    edition, site = corpora_site
    # Each play's ids are its own: a speaker's entry is persons/<play>-<id>.html.
    persons = {p.stem for p in (site / "persons").glob("*.html")}
    plays = sorted(p for p in (edition / "sources").glob("*.xml") if not p.name.startswith("ParlaMint"))
    assert len(plays) == 37
    for play in plays:
        tei = etree.parse(str(play))
        speeches = tei.xpath("//tei:body//tei:sp", namespaces=NSMAP)
        html = page(site, play.stem)
        labelled = html.xpath("//div[contains(@class, 'tei-sp')][p[@class='tei-speaker']]")
        assert len(labelled) == len(speeches), play.name
        for speech in speeches:
            first = speech.get("who", "").split()[0][1:] if speech.get("who") else ""
            if first:
                assert f"{play.stem}-{first}" in persons, (play.name, first)
        links = html.xpath("//a[contains(@class, 'speaker-link')]/@href")
        assert len(links) == sum(1 for s in speeches if s.get("who"))
        assert all(link.startswith("../persons/") for link in links)


def test_every_parlamint_utterance_has_a_speaker(corpora_site, shared: Path) -> None:
    _, site = corpora_site
    source = next((shared / "corpora" / "parlamint").glob("*.xml"))
    utterances = etree.parse(str(source)).xpath("//tei:u", namespaces=NSMAP)
    html = page(site, source.stem)
    labels = [" ".join(t.split())
              for t in html.xpath("//div[contains(@class, 'tei-u')]/p[@class='tei-speaker']//text()")]
    # The person list is not part of the sitting: the id stands in for the name, read as words
    # where it spells one in camel case ("#PeterFowler" → "Peter Fowler").
    assert labels == [re.sub(r"(?<=[a-z])(?=[A-Z])", " ", u.get("who").lstrip("#")) for u in utterances]
    assert "Peter Fowler" in labels


def test_frus_footnotes_link_to_their_notes_and_back(built_site: Path) -> None:
    assert len(FRUS) == 8
    total = 0
    for doc in FRUS:
        html = page(built_site, doc)
        for marker in html.xpath("//a[@class='fn-ref']"):
            note = html.get_element_by_id(marker.get("href")[1:])
            assert note.tag == "li" and note.xpath(".//a[@class='fn-back']/@href") == [f"#{marker.get('id')}"]
            total += 1
    assert total >= 8


def test_frus_speaker_labels_are_shown_as_speakers(built_site: Path) -> None:
    html = page(built_site, "frus1989-92v31-d60")
    labels = html.xpath("//div[contains(@class, 'tei-labelled')]/p[@class='tei-speaker']")
    speakers = [" ".join(s.text_content().split()) for s in labels]
    assert speakers[:2] == ["The President:", "Chairman Gorbachev:"]


def _missing_text(tei_path: Path, html) -> list[str]:
    page_text = " ".join(html.xpath("string(//article)").split())
    tree = etree.parse(str(tei_path))
    missing = []
    for node in tree.xpath("//tei:text//text()[normalize-space()][not(ancestor::tei:gap)]", namespaces=NSMAP):
        text = " ".join(str(node).split())
        text = re.sub(r"^: ?", "", text) or text  # a FRUS label's colon is shown with the speaker
        if text not in page_text:
            missing.append(text)
    return missing


def test_no_text_of_the_body_is_missing_from_the_pages(corpora_site, built_site: Path) -> None:
    edition, site = corpora_site
    for doc in FRUS:
        assert _missing_text(CONTENT / "sources" / f"{doc}.xml", page(built_site, doc)) == [], doc
    for source in sorted((edition / "sources").glob("*.xml"))[:6] + sorted((edition / "sources").glob("Parla*.xml")):
        assert _missing_text(source, page(site, source.stem)) == [], source.name


def test_verse_has_line_numbers_every_five_lines(corpora_site) -> None:
    _, site = corpora_site
    numbers = [int(n) for n in page(site, "hamlet").xpath("//span[@class='lnum']/text()")]
    assert numbers[:3] == [5, 10, 15] and all(n % 5 == 0 for n in numbers)


def test_the_build_names_elements_without_a_rendering_rule(tmp_path: Path) -> None:
    edition = tmp_path / "e"
    (edition / "sources").mkdir(parents=True)
    (edition / "edition.toml").write_text('title = "T"\n', encoding="utf-8")
    (edition / "sources" / "doc.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
        '<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>'
        '<text><body><lg><l>A <rhyme>word</rhyme> and <rhyme>another</rhyme>.</l></lg></body></text></TEI>',
        encoding="utf-8")
    result = build(edition, tmp_path / "site", search=False)
    assert result.unhandled == {"doc": ["rhyme (2)"]}
    html = page(tmp_path / "site", "doc")
    assert [e.text for e in html.xpath("//span[@class='tei-rhyme']")] == ["word", "another"]
    assert re.search(r"A\s+word and another", html.text_content())
