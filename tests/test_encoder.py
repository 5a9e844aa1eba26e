"""The encoder on the seed and on transcripts written to vary every convention.

Expected values were read off the sources by hand, not produced by the encoder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED

from edition.anchors.assign import assign_anchors
from edition.encode import EncodeOptions, encode_transcript
from edition.tei.plaintext import to_text
from edition.tei.validate import Validator
from edition.tei.xml import NSMAP, text_of

TRANSCRIPTS = Path(__file__).parent / "fixtures" / "transcripts"


def encode(text: str, name: str = "test.txt", **options):
    return encode_transcript(text, name, EncodeOptions(**options))


def xp(tree, path: str) -> list:
    return tree.xpath(path, namespaces=NSMAP)


def squashed(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def seed():
    return encode(SEED.read_text(encoding="utf-8"), str(SEED))


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator()


# -- the seed -------------------------------------------------------------------------------

def test_seed_speeches_and_persons(seed) -> None:
    tree = seed.tree
    assert len(xp(tree, "//tei:body//tei:sp")) == 22
    assert len(xp(tree, "//tei:sp[not(@who)]")) == 0
    persons = {p.get("{http://www.w3.org/XML/1998/namespace}id"): text_of(p[0]) for p in xp(tree, "//tei:person")}
    assert persons == {"gorbachev": "M.S. Gorbachev", "baker": "J. Baker",
                       "shevardnadze": "E.A. Shevardnadze", "akhromeev": "S.F. Akhromeev"}
    assert [s.get("who") for s in xp(tree, "//tei:sp")].count("#baker") == 9


def test_seed_editorial_layer(seed) -> None:
    tree = seed.tree
    assert [text_of(s) for s in xp(tree, "//tei:speaker/tei:supplied")] == ["M.S. GORBACHEV."]
    assert [text_of(s) for s in xp(tree, "//tei:p//tei:supplied")] == [
        "less than ideal", "but", "one of", "with missiles", "in this respect", "also"]
    assert {s.get("reason") for s in xp(tree, "//tei:p//tei:supplied")} == {"clarification"}
    foreign = xp(tree, "//tei:foreign")
    assert [text_of(f) for f in foreign] == ["vernyi", "po kotoromu ni odin protsent ne spaset"]
    assert {f.get("{http://www.w3.org/XML/1998/namespace}lang") for f in foreign} == {"ru-Latn"}
    gaps = xp(tree, "//tei:gap")
    assert len(gaps) == 2
    assert (gaps[0].get("reason"), gaps[0].get("quantity"), gaps[0].get("unit")) == ("omitted-in-original", "2", "page")
    assert text_of(gaps[0]) == "Next two pages omitted in the original."
    assert gaps[1].get("quantity") is None and gaps[1].get("reason") == "omitted-in-original"
    incidents = xp(tree, "//tei:incident")
    assert [text_of(i) for i in incidents] == ["Everyone laughs"]
    assert incidents[0].getparent().getparent().tag.endswith("sp")  # inside Gorbachev's speech


def test_seed_header_from_page_furniture(seed) -> None:
    tree = seed.tree
    assert xp(tree, "string(//tei:creation/tei:date/@when)") == "1990-02-09"
    assert xp(tree, "string(//tei:titleStmt/tei:title)") == (
        "Soviet Record of Conversation between M.S. Gorbachev and US Secretary of State J. Baker")
    assert text_of(xp(tree, "//tei:abstract")[0]) == (
        "Gorbachev and Baker discuss cuts in strategic arms and conventional forces, "
        "focusing on air-based and sea-based cruise missiles.")
    assert xp(tree, "string(//tei:titleStmt/tei:funder)") == "Leon Levy Foundation"
    assert xp(tree, "string(//tei:textClass//tei:term)") == "Memorandum of Conversation"
    assert xp(tree, "string(//tei:sourceDesc//tei:note[@type='source'])") == (
        "Copy from National Security Archive, George Washington University.")
    rights = [text_of(p) for p in xp(tree, "//tei:availability/tei:p")]
    assert rights[0].startswith("The History and Public Policy Program welcomes reuse")
    assert rights[1].endswith("at [email protected].")


def test_seed_body_holds_no_page_furniture(seed) -> None:
    body = squashed("".join(xp(seed.tree, "//tei:body")[0].itertext()))
    for furniture in ["Skip to content", "February 9, 1990", "made possible with support", "Leon Levy",
                      "Document Information", "Copy from National Security Archive", "Record ID",
                      "Original Uploaded Date", "Memorandum of Conversation", "email", "Gorbachev and Baker discuss"]:
        assert furniture not in body
    assert xp(seed.tree, "string(//tei:body//tei:head[1])") == (
        "between M.S. Gorbachev and the Secretary of State of the US, J. Baker")
    assert xp(seed.tree, "string(//tei:body//tei:head[@type='sub'])") == "(with expanded staff)"
    assert xp(seed.tree, "string(//tei:opener/tei:date/@when)") == "1990-02-09"


def test_seed_round_trips_to_its_body(seed) -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    first = lines.index("between M.S. Gorbachev and the Secretary of State of the US, J. Baker")
    last = lines.index("[Subsequent pages omitted in the original].")
    expected = [squashed(line) for line in lines[first:last + 1] if line.strip()]
    got = [squashed(p) for p in to_text(seed.tree).split("\n\n") if p.strip()]
    assert got == expected


def test_seed_is_valid_and_has_no_warnings(seed, validator) -> None:
    assert seed.diagnostics == []
    tree = seed.tree
    assign_anchors(tree)
    assert validator.validate(tree, "seed") == []


# -- transcripts of our own -----------------------------------------------------------------

def load(name: str):
    path = TRANSCRIPTS / name
    return path, encode(path.read_text(encoding="utf-8"), str(path))


def test_colon_labels_without_furniture() -> None:
    _, encoded = load("colon-labels.txt")
    tree = encoded.tree
    title = xp(tree, "string(//tei:titleStmt/tei:title)")
    assert title == "Memorandum of Conversation: The President and Chancellor Kohl"
    assert xp(tree, "string(//tei:creation/tei:date/@when)") == "1989-12-03"
    assert [s.get("who") for s in xp(tree, "//tei:sp")] == ["#president", "#kohl", "#scowcroft", "#president", "#kohl"]
    assert [text_of(s) for s in xp(tree, "//tei:speaker")] == [
        "THE PRESIDENT:", "KOHL:", "SCOWCROFT:", "THE PRESIDENT:", "KOHL:"]
    assert [text_of(s) for s in xp(tree, "//tei:supplied")] == ["but pleasant"]
    assert [text_of(s) for s in xp(tree, "//tei:foreign")] == ["vsyo ravno"]
    gaps = [(g.get("reason"), g.get("quantity"), g.get("unit")) for g in xp(tree, "//tei:gap")]
    assert gaps == [("missing", "1", "page"), ("illegible", "3", "line")]
    note = xp(tree, "//tei:note")[0]
    assert (note.get("type"), note.get("resp")) == ("editorial", "#editor")
    assert text_of(note) == "Editor's note: Kohl refers to the Ten-Point Plan of 28 November 1989."
    # (Laughter.) stands between two speeches; (Pause.) is followed by more of Kohl's words.
    laughter, pause = xp(tree, "//tei:incident")
    assert laughter.getparent().getparent().tag.endswith("div")
    assert pause.getparent().getparent().tag.endswith("sp")
    assert text_of(xp(tree, "//tei:sp")[-1][-1]) == "I am done."


def test_a_label_with_the_initials_of_a_double_first_name_opens_a_speech() -> None:
    """'H.-D. GENSCHER.' (Hans-Dietrich) is a speaker like 'M.S. GORBACHEV.': it was read as the
    first words of the previous speaker's paragraph, which gave Genscher's words to someone else."""
    tree = encode("M.S. GORBACHEV.  We begin.\n\n\nH.-D. GENSCHER.  Then I answer.\n\n\nM.S. GORBACHEV.  Good.\n").tree
    assert [s.get("who") for s in xp(tree, "//tei:sp")] == ["#gorbachev", "#genscher", "#gorbachev"]
    assert [text_of(s) for s in xp(tree, "//tei:speaker")] == ["M.S. GORBACHEV.", "H.-D. GENSCHER.", "M.S. GORBACHEV."]
    assert xp(tree, "string(//tei:person[@xml:id='genscher']/tei:persName)") == "H.-D. Genscher"
    assert text_of(xp(tree, "//tei:sp")[1][-1]) == "Then I answer."


def test_front_matter_overrides_and_maps_speakers() -> None:
    _, encoded = load("front-matter.txt")
    tree = encoded.tree
    assert xp(tree, "string(//tei:titleStmt/tei:title)") == (
        "Record of a Telephone Conversation between H. Kohl and M.S. Gorbachev")
    assert xp(tree, "string(//tei:creation/tei:date/@when)") == "1990-07-17"
    assert xp(tree, "string(//tei:textClass//tei:term)") == "Telephone Conversation"
    assert xp(tree, "string(//tei:sourceDesc//tei:idno)") == "TEST-0001"
    assert xp(tree, "string(//tei:sourceDesc//tei:respStmt/tei:name)") == "Svetlana Savranskaya"
    # 'FEDERAL CHANCELLOR' is mapped to kohl; 'H. KOHL' joins him; 'M. GORBACHEV' joins 'M.S. GORBACHEV'.
    assert [s.get("who") for s in xp(tree, "//tei:sp")] == ["#kohl", "#gorbachev", "#kohl", "#gorbachev", "#kohl"]
    assert len(xp(tree, "//tei:person")) == 2
    assert [text_of(s) for s in xp(tree, "//tei:speaker/tei:supplied")] == ["M. GORBACHEV:"]
    assert [text_of(f) for f in xp(tree, "//tei:foreign")] == ["nezavisimost"]
    assert [text_of(s) for s in xp(tree, "//tei:p//tei:supplied")] == ["German"]
    note = xp(tree, "//tei:note")[0]
    assert note.get("resp") == "#translator"
    assert xp(tree, "//tei:respStmt[@xml:id='translator']")
    gap = xp(tree, "//tei:gap")[0]
    assert (gap.get("reason"), gap.get("quantity")) == ("unavailable", None)
    # The title and date lines after the front matter are furniture too.
    assert "Record of a Telephone Conversation" not in squashed("".join(xp(tree, "//tei:body")[0].itertext()))


def test_archive_layout_with_field_labels() -> None:
    _, encoded = load("archive-layout.txt")
    tree = encoded.tree
    assert xp(tree, "string(//tei:creation/tei:date/@when)") == "1986-10-11"
    assert xp(tree, "string(//tei:titleStmt/tei:funder)") == "Carnegie Corporation of New York"
    assert xp(tree, "string(//tei:sourceDesc//tei:idno[@type='record'])") == "117185"
    assert xp(tree, "string(//tei:sourceDesc//tei:date[@type='uploaded']/@when)") == "2014-03-02"
    assert xp(tree, "string(//tei:sourceDesc//tei:respStmt/tei:name)") == "Anna Melyakova"
    assert xp(tree, "string(//tei:textClass//tei:term)") == "Memorandum of Conversation"
    assert text_of(xp(tree, "//tei:abstract")[0]).startswith("The two leaders meet in Reykjavik")
    assert [s.get("who") for s in xp(tree, "//tei:sp")] == ["#reagan", "#gorbachev", "#shultz", "#dobrynin"]
    assert [text_of(s) for s in xp(tree, "//tei:p//tei:supplied")] == ["on strategic arms", "zero", "items"]
    assert [text_of(i) for i in xp(tree, "//tei:incident")] == ["Applause"]
    gaps = [(g.get("reason"), g.get("quantity"), g.get("unit")) for g in xp(tree, "//tei:gap")]
    assert gaps == [("illegible", "2", "paragraph"), ("omitted-in-original", None, None)]
    assert xp(tree, "string(//tei:head[@type='sub'])") == "(first meeting)"


OWN = ["colon-labels.txt", "front-matter.txt", "archive-layout.txt"]


@pytest.mark.parametrize("name", OWN)
def test_own_transcripts_are_valid_tei_all(name: str, tei_all) -> None:
    tree = load(name)[1].tree
    assign_anchors(tree)
    assert tei_all.validate(tree), tei_all.error_log


@pytest.mark.parametrize("name", OWN)
def test_own_transcripts_round_trip_and_validate(name: str, validator: Validator) -> None:
    path, encoded = load(name)
    assert [d for d in encoded.diagnostics if d.severity == "error"] == []
    tree = encoded.tree
    assign_anchors(tree)
    assert validator.validate(tree, name) == []
    body = path.read_text(encoding="utf-8").split("+++")[-1]
    lines = [squashed(line) for line in body.splitlines() if line.strip()]
    got = [squashed(p) for p in to_text(tree).split("\n\n") if p.strip()]
    # The text of the body appears in order, line for line.
    start = lines.index(got[0])
    assert lines[start:start + len(got)] == got


# -- editors' overrides and warnings --------------------------------------------------------

def test_inline_overrides_force_a_reading() -> None:
    tree = encode("A title\n\n1990-01-02\n\nBAKER: We met at [Malta]{foreign:mt} and said [vernyi]{supplied}. "
                  "(Applause){text} [N.B.]{text}\n").tree
    assert [(text_of(f), f.get("{http://www.w3.org/XML/1998/namespace}lang")) for f in xp(tree, "//tei:foreign")] == [
        ("Malta", "mt")]
    assert [text_of(s) for s in xp(tree, "//tei:p//tei:supplied")] == ["vernyi"]
    assert not xp(tree, "//tei:incident")
    assert xp(tree, "string(//tei:sp/tei:p)").endswith("(Applause) [N.B.]")


def test_ambiguous_bracket_warns_with_line_and_column() -> None:
    encoded = encode("A title\n\n1990-01-02\n\nBAKER: They said [Sovetskii Soyuz] loudly.\n")
    warnings = [d for d in encoded.diagnostics if d.code == "ambiguous-bracket"]
    assert [(d.line, d.col) for d in warnings] == [(5, 18)]
    assert "{foreign}" in warnings[0].hint


def test_unbalanced_brackets_warn_and_keep_the_text() -> None:
    encoded = encode("A title\n\n1990-01-02\n\nBAKER: This [is not closed.\n\nKOHL: Nor) is this (one.\n")
    found = [(d.line, d.col, d.code) for d in encoded.diagnostics]
    assert (5, 13, "unbalanced-bracket") in found
    assert (7, 10, "unbalanced-bracket") in found and (7, 20, "unbalanced-bracket") in found
    assert xp(encoded.tree, "string(//tei:sp[1]/tei:p)") == "This [is not closed."


def test_configured_language_and_speaker_map() -> None:
    encoded = encode("A title\n\n1990-01-02\n\nTHE CHANCELLOR: Das ist [selbstverständlich] klar.\n",
                     original_language="de", speakers={"THE CHANCELLOR": "kohl"})
    assert xp(encoded.tree, "string(//tei:sp/@who)") == "#kohl"
    assert xp(encoded.tree, "string(//tei:foreign/@xml:lang)") == "de"


def test_transcript_without_speakers_warns() -> None:
    encoded = encode("A title\n\n1990-01-02\n\nJust a paragraph of prose.\n")
    assert [d.code for d in encoded.diagnostics] == ["no-speakers"]
    assert xp(encoded.tree, "string(//tei:div/tei:p)") == "Just a paragraph of prose."


def test_a_label_mapped_to_a_registered_person_takes_the_register_name(tmp_path):
    """`[speakers] "THE PRESIDENT" = "bush"` with persons.toml naming bush builds (it used to clash
    with the register because the label became the person's name)."""
    from edition.build.stages import build

    (tmp_path / "sources").mkdir()
    (tmp_path / "edition.toml").write_text('title = "S"\n[speakers]\n"THE PRESIDENT" = "bush"\n', encoding="utf-8")
    (tmp_path / "persons.toml").write_text('[bush]\nname = "George Bush"\n', encoding="utf-8")
    (tmp_path / "sources" / "doc.txt").write_text("Memorandum\n\nTHE PRESIDENT: Hello there.\n\nGORBACHEV: Hello.\n",
                                                encoding="utf-8")
    result = build(tmp_path, tmp_path / "site", search=False, jobs=1)
    assert not [d for d in result.diagnostics if d.severity == "error"]
    tei = (tmp_path / "site" / "documents" / "doc.xml").read_text(encoding="utf-8")
    assert ('<person xml:id="bush"><persName>George Bush</persName>'
            '<persName type="variant">The President</persName>') in tei
