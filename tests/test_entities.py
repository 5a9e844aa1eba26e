"""Persons, places and organisations: one entry each, merged on evidence, named in the text, counted right."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from edition.build.stages import build
from edition.project.register import Register, RegisterEntry
from edition.site.entities import DocumentInput, merge
from edition.tei.entities import read_entities
from edition.tei.metadata import DocumentMeta


def page(site: Path, path: str):
    return lxml.html.parse(str(site / path)).getroot()


def entry_named(site: Path, word: str) -> list:
    return [row for row in page(site, "persons.html").xpath("//table[contains(@class, 'entity-list')]/tbody/tr")
            if word in row[0].text_content()]


@pytest.mark.parametrize("surname", ["Gorbachev", "Shevardnadze", "Baker", "Akhromeev", "Bessmertnykh", "Bush"])
def test_the_bundled_edition_has_one_entry_per_person(built_site: Path, surname: str) -> None:
    assert len(entry_named(built_site, surname)) == 1


def speeches_by_document(site: Path, person: str) -> dict[str, int]:
    entity = page(site, f"persons/{person}.html")
    return {section.get("aria-labelledby")[3:]: len(section.xpath(".//ol[@class='speeches']/li"))
            for section in entity.xpath("//section[@class='appearance']")}


def test_speakers_are_counted_through_labels_offices_and_the_register(built_site: Path) -> None:
    # "The President:" in the 1989 memoranda is Bush (his office in persons.toml); "Chairman
    # Gorbachev:" and "President Gorbachev:" are the FRUS volume's p_GMS_1, which is our gorbachev.
    bush = speeches_by_document(built_site, "bush")
    assert bush["frus1989-92v31-d60"] == 9 and bush["frus1989-92v31-d61"] == 7
    gorbachev = speeches_by_document(built_site, "gorbachev")
    assert gorbachev["frus1989-92v31-d60"] == 9 and gorbachev["frus1989-92v31-d61"] == 8
    assert gorbachev["gorbachev-baker-1990-02-09"] == 9
    assert speeches_by_document(built_site, "baker")["frus1989-92v31-d103"] == 15
    # The speaker label in the page links to the entry.
    d60 = page(built_site, "documents/frus1989-92v31-d60.html")
    labels = d60.xpath("//p[@class='tei-speaker']/a")
    assert {a.text_content(): a.get("href") for a in labels}["The President"] == "../persons/bush.html"


def test_every_frus_name_links_to_an_entry_that_says_something(built_site: Path) -> None:
    for document in sorted((built_site / "documents").glob("frus*.html")):
        names = page(built_site, f"documents/{document.name}").xpath("//a[contains(@class, 'entity-name')]")
        assert names, document.name
        for name in names:
            href = name.get("href")
            assert href and href.startswith("../persons/"), (document.name, name.text_content())
            entry = page(built_site, href[3:])
            assert entry.xpath("//section[@class='appearance']"), href  # never an empty entry


def test_entries_link_out_to_authority_records_and_the_registers_are_exported(built_site: Path) -> None:
    bush = page(built_site, "persons/bush.html")
    assert bush.xpath("//p[@class='authority']/a/@href") == ["https://www.wikidata.org/wiki/Q23505"]
    exported = json.loads((built_site / "downloads" / "registers.json").read_text(encoding="utf-8"))
    gorbachev = next(e for e in exported["entities"] if e["id"] == "gorbachev")
    assert {"frus1989-92v31#p_GMS_1", "frus1981-88v06#p_GM_1"} <= set(gorbachev["keys"])
    tei = etree.parse(str(built_site / "downloads" / "registers.xml"))
    assert tei.xpath("count(//*[local-name()='listPerson']/*[local-name()='person'])") == len(
        [e for e in exported["entities"] if e["kind"] == "person"])
    beacon = (built_site / "downloads" / "beacon.txt").read_text(encoding="utf-8").splitlines()
    assert beacon[0] == "#FORMAT: BEACON" and "http://www.wikidata.org/entity/Q30487||persons/gorbachev.html" in beacon


_TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><profileDesc><particDesc><listPerson>{}</listPerson>' \
       '</particDesc></profileDesc></teiHeader><text><body><p><persName ref="#smith">Smith</persName> spoke.</p>' \
       '</body></text></TEI>'


def _document(doc_id: str, person: str) -> DocumentInput:
    tree = etree.ElementTree(etree.fromstring(_TEI.format(person)))
    return DocumentInput(DocumentMeta(doc_id, doc_id), f"sources/{doc_id}.xml", read_entities(doc_id, tree))


def test_two_men_of_one_surname_stay_two_without_evidence() -> None:
    john = _document("a", '<person xml:id="smith"><persName>John Smith</persName></person>')
    adam = _document("b", '<person xml:id="smith"><persName>John Smith</persName></person>')
    merged = merge(Register(), [john, adam])
    assert [e.keys for e in merged.entities] == [["a#smith"], ["b#smith"]]
    # The build asks the editor, with the line that would merge them.
    asked = [d for d in merged.diagnostics if d.code == "entity-candidate"]
    assert len(asked) == 1 and 'same_as = ["a#smith", "b#smith"]' in asked[0].hint
    # The same authority id is evidence: one entry.
    viaf = '<idno type="VIAF">12345</idno>'
    merged = merge(Register(), [
        _document("a", f'<person xml:id="smith"><persName>J. Smith</persName>{viaf}</person>'),
        _document("b", f'<person xml:id="smith"><persName>John Smith</persName>{viaf}</person>')])
    assert len(merged.entities) == 1 and merged.entities[0].authorities == {"viaf": "12345"}
    # So is the editor's word.
    register = Register({"smith": RegisterEntry("smith", "John Smith", same_as=("a#smith", "b#smith"))})
    assert len(merge(register, [john, adam]).entities) == 1


@pytest.fixture(scope="module")
def plays_site(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    edition = tmp_path_factory.mktemp("plays")
    (edition / "sources").mkdir()
    for path in sorted((shared / "corpora" / "shakedracor" / "tei").glob("*.xml")):
        shutil.copy(path, edition / "sources" / path.name)
    (edition / "edition.toml").write_text('title = "Plays"\n', encoding="utf-8")
    build(edition, edition / "site", search=False)
    return edition / "site"


def test_no_register_page_of_the_37_plays_is_over_300_kb(plays_site: Path) -> None:
    pages = [p for p in plays_site.rglob("*.html") if p.parts[len(plays_site.parts)] in ("persons", "persons.html")]
    assert len(pages) > 37
    assert max(p.stat().st_size for p in pages) <= 300_000
    # The same id in two plays is two characters: each play's ids are its own.
    assert len(page(plays_site, "persons.html").xpath("//tbody/tr")) + len(
        list((plays_site / "persons" / "letters").glob("*.html"))) > 0


@pytest.fixture(scope="module")
def editions_site(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    edition = tmp_path_factory.mktemp("editions")
    (edition / "sources").mkdir()
    for path in sorted((shared / "corpora" / "editions").glob("*.xml")):
        shutil.copy(path, edition / "sources" / path.name)
    (edition / "edition.toml").write_text('title = "Editions"\n', encoding="utf-8")
    build(edition, edition / "site", search=False)
    return edition / "site"


def test_names_pointing_into_other_editions_registers_become_linked_entries(editions_site: Path) -> None:
    linked = 0
    for document in sorted((editions_site / "documents").glob("*.html")):
        # rs and name may point at works or events, which no register here holds: names of persons, places, orgs.
        for name in page(editions_site, f"documents/{document.name}").xpath(
                "//a[contains(@class, 'tei-persName') or contains(@class, 'tei-placeName') "
                "or contains(@class, 'tei-orgName')]"):
            href = name.get("href")
            if name.get("data-ref").endswith("persons.xml#pers"):  # Dingler's placeholder names no one
                assert href is None
                continue
            assert href, (document.name, name.get("data-ref"))
            assert (editions_site / "documents" / href).resolve().is_file(), href
            linked += 1
    assert linked >= 90
    # A register file the name points into is the id's scope: one entry for Rabbi Meir of the Mishnah.
    exported = json.loads((editions_site / "downloads" / "registers.json").read_text(encoding="utf-8"))
    assert [e["keys"] for e in exported["entities"] if "Personography.xml#Meir" in e["keys"]] == [
        ["Personography.xml#Meir"]]
    places = page(editions_site, "places.html").xpath("//tbody/tr")
    assert places
