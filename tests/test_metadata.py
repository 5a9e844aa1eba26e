"""Header reading (docs/metadata.md) on real TEI: the bundled edition and ../shared/corpora/."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CONTENT
from lxml import etree

from edition.core.langtag import is_language_tag
from edition.tei.metadata import normalise_language, read_metadata

# file → (date, licence, lang) as each file's own TEI gives them; "" where it gives none (the edition's
# licence and language then apply). Checked by reading each file (see ../shared/corpora/editions/README.md).
EDITIONS = {
    "ParlaMint-TR_T27-tbmm-2018-07-07": ("2018-07-07", "CC BY 4.0", "tr"),
    "copadocs_kfb_00340_r_pp_1866_05_16": ("1866-05-16", "CC BY-SA 4.0", "de"),
    "dingler_pj300_trimmed": ("1896", "CC BY-SA 4.0", "de"),  # xml:lang="german"
    "familyletters_shan.L153": ("1939-05-14", "", ""),  # availability is a placeholder
    "faust_gsa_390894": ("", "CC BY-NC-SA 4.0", ""),
    "iip_jord0001": ("-0050", "", "he"),  # licence only in the remote XInclude
    "iospe_3.196": ("0101", "", "grc"),
    "legalkraus_D_000189-091-000": ("1935-01-10", "CC BY 4.0", "de"),  # langUsage
    "melp_Edgeworth_Bodleian_717_1822-07-23": ("1822-07-23", "CC BY 4.0", ""),
    "mishnah_S01715": ("", "Creative Commons Attribution International 4.0 License", "he"),
    "mrp_MRP-3-0-03-1-18711222-P-0012": ("1871-12-22", "CC BY 4.0", ""),
    "parczech_ps2013-016-01-002-002": ("2014-09-10", "CC0 1.0", "cs"),
    "perseus_phi0690.phi001.perseus-lat2": ("", "", "la"),
    "pta_pta0001.pta001.pta-grcBibex": ("0401", "CC BY-SA 4.0", "grc"),
    "rusdracor_knyazhnin-chudaki": ("1790", "CC0 1.0", "ru"),
    "tillich-briefe_L00240": ("1907-11-11", "CC BY-SA 4.0", "de"),  # per licence/@target, not its text
}
FRUS_DATES = {"d109": "1987-12-09", "d155": "1986-01-25", "d70": "1987-09-16", "d103": "1990-04-06",
              "d105": "1990-04-06", "d60": "1989-12-02", "d61": "1989-12-03", "d62": "1989-12-12"}


DOCUMENT_ROWS = "//table[contains(@class, 'document-list')]/tbody/tr"  # the home page's list of documents

def _meta(path: Path):
    return read_metadata(path.stem, etree.parse(str(path)))


def _shared_files(shared: Path) -> list[Path]:
    corpora = shared / "corpora"
    return sorted([*corpora.glob("editions/*.xml"), *corpora.glob("frus/*.xml"), *corpora.glob("parlamint/*.xml"),
                   *corpora.glob("shakedracor/tei/*.xml")])


def test_every_shared_document_has_a_real_title_and_a_valid_language(shared: Path) -> None:
    for path in _shared_files(shared):
        meta = _meta(path)
        assert meta.title and meta.title != path.stem, path
        assert meta.language == "" or is_language_tag(meta.language), (path, meta.language)


@pytest.mark.parametrize("name", sorted(EDITIONS))
def test_date_licence_and_language_of_other_editions(shared: Path, name: str) -> None:
    meta = _meta(shared / "corpora" / "editions" / f"{name}.xml")
    date, licence, language = EDITIONS[name]
    assert (meta.date_when, meta.licence.name, meta.language) == (date, licence, language)


def test_frus_titles_dates_and_provenance(shared: Path) -> None:
    for path in sorted((shared / "corpora" / "frus").glob("*.xml")):
        meta = _meta(path)
        number = path.stem.rsplit("-d", 1)[1]
        assert meta.date_when == FRUS_DATES[f"d{number}"], path
        assert not meta.title.startswith(number), meta.title  # the number is shown on its own
        assert meta.source.number == number
        assert meta.document_type in {"Memorandum of Conversation", "Telegram", "Editorial Note"}
    d62 = _meta(shared / "corpora" / "frus" / "frus1989-92v31-d62.xml")  # no teiHeader at all
    assert d62.title.startswith("Telegram From the Delegation")
    assert d62.date_text == "12 December 1989"
    d60 = _meta(shared / "corpora" / "frus" / "frus1989-92v31-d60.xml")
    assert d60.source.publication == "Foreign Relations of the United States, 1989–1992, vol. XXXI"
    assert d60.source.url == "https://history.state.gov/historicaldocuments/frus1989-92v31/d60"
    assert d60.source.holding.startswith("George H.W. Bush Library")
    assert d60.participants[0] == "The President"  # named by office, as FRUS names him


def test_parlamint_and_dracor_licences(shared: Path) -> None:
    lords = _meta(shared / "corpora" / "parlamint" / "ParlaMint-GB_2020-02-12-lords.xml")
    assert (lords.date_when, lords.licence.name, lords.language) == ("2020-02-12", "CC BY 4.0", "en")
    for play in (shared / "corpora" / "shakedracor" / "tei").glob("*.xml"):
        assert _meta(play).licence.name == "CC BY-NC 3.0", play


def test_letters_carry_sender_recipient_and_place(shared: Path) -> None:
    tillich = _meta(shared / "corpora" / "editions" / "tillich-briefe_L00240.xml")
    assert [(a.name, a.place) for a in tillich.senders] == [("Hermann Schafft", "Hersfeld")]
    assert [a.name for a in tillich.recipients] == ["Paul Tillich"]
    assert tillich.source.holding == "Marburg, Philipps-Universität Marburg, Deutsches Paul-Tillich-Archiv, 008 G"
    assert tillich.date_text == "11 November 1907"


def test_language_codes_become_bcp47() -> None:
    assert [normalise_language(v) for v in ("deu", "lat", "german", "heb", "en", "Deutsch!")] == \
        ["de", "la", "de", "he", "en", ""]


def test_bundled_reading_order_is_chronological(built_site: Path) -> None:
    rows = etree.HTML((built_site / "index.html").read_bytes()).xpath(DOCUMENT_ROWS)
    keys = [row.xpath("td[1]/@data-value")[0] for row in rows]
    assert len(keys) == len(list((CONTENT / "sources").iterdir())) and keys == sorted(keys)
    assert "undated" not in "".join(row.xpath("string(td[1])") for row in rows)
    d62 = next(row for row in rows if "d62" in row.xpath("string(td[2]/a/@href)"))
    assert d62.xpath("string(td[3])") == "Telegram"
    assert [row.xpath("string(td[3])") for row in rows].count("") == 0  # every type is known


def test_document_types_of_edition_toml_name_the_type(shared: Path) -> None:
    tillich = shared / "corpora" / "editions" / "tillich-briefe_L00240.xml"  # <text type="letter">
    d60 = shared / "corpora" / "frus" / "frus1989-92v31-d60.xml"  # heading "60. Memorandum of Conversation"
    mapping = {"Letter": "Brief", "memorandum of conversation": "Memcon"}  # either case matches
    assert read_metadata("t", etree.parse(str(tillich)), mapping).document_type == "Brief"
    assert read_metadata("d", etree.parse(str(d60)), mapping).document_type == "Memcon"
    assert read_metadata("t", etree.parse(str(tillich))).document_type == "Letter"


def test_document_types_reach_the_home_page(shared: Path, tmp_path: Path) -> None:
    from edition.build.stages import build

    (tmp_path / "sources").mkdir()
    for name in ("frus/frus1989-92v31-d62.xml", "editions/tillich-briefe_L00240.xml"):
        (tmp_path / "sources" / Path(name).name).write_bytes((shared / "corpora" / name).read_bytes())
    (tmp_path / "edition.toml").write_text('title = "T"\nbase_url = "https://e.org/"\n[document_types]\n'
                                           '"Telegram" = "Cable"\n"letter" = "Brief"\n', encoding="utf-8")
    build(tmp_path, tmp_path / "site", search=False, jobs=1)
    rows = etree.HTML((tmp_path / "site" / "index.html").read_bytes()).xpath(DOCUMENT_ROWS)
    assert [row.get("data-type") for row in rows] == ["Brief", "Cable"]  # 1907, then 1989
    # The page's menus are in the edition's language; the document's text and title in its own.
    page = etree.HTML((tmp_path / "site" / "documents" / "tillich-briefe_L00240.html").read_bytes())
    assert page.get("lang") == "en" and page.xpath("string(//article/@lang)") == "de"
    assert page.xpath("string(//article/header/@lang)") == "en" and page.xpath("string(//h1/@lang)") == "de"
    telegram = etree.HTML((tmp_path / "site" / "documents" / "frus1989-92v31-d62.html").read_bytes())
    assert not telegram.xpath("//article/@lang")  # no language in the file: the edition's, from <html lang>


def test_an_unfinished_source_sentence_is_no_printed_source(shared: Path) -> None:
    melp = _meta(shared / "corpora" / "editions" / "melp_Edgeworth_Bodleian_717_1822-07-23.xml")
    assert melp.source.printed == ""  # "…this letter was previously published in" and nothing after
    assert melp.source.holding == "Bodleian Library, MS. Eng. lett. c. 717"
