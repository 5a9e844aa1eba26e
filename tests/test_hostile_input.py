"""Hostile or unlucky input gets the right answer (what the diagnostics say, which ids stay), not a traceback.

The timings are in bench/bench_hostile.py; these tests run the same inputs at sizes
that were slow before (minutes) and check the result, each in well under 2 s.
"""

from __future__ import annotations

import difflib
import random
from pathlib import Path

import pytest
from conftest import SEED
from lxml import etree

from edition.anchors.assign import assign_anchors
from edition.anchors.ledger import Ledger
from edition.core.diagnostics import EditionError
from edition.core.folder import EditionFolder
from edition.encode import encode_transcript
from edition.project.markdown import MAX_NESTING, render_markdown
from edition.project.notes import read_notes
from edition.tei.validate import Validator
from edition.tei.xml import NSMAP, TEI_NS, XML_ID, text_of

# A real vocabulary: lightly edited paragraphs share most words, different ones few.
WORDS = sorted(set(SEED.read_text(encoding="utf-8").lower().split()))


def transcript(paragraphs: list[str]) -> str:
    return "\n\n".join(["Record of Conversation", "9 February 1990", *paragraphs]) + "\n"


def paragraph_ids(tree: etree._ElementTree) -> dict[str, str]:
    """{the paragraph's number as written in it: its id}."""
    return {text_of(p).split()[0]: p.get(XML_ID) for p in tree.xpath("//tei:body//tei:p", namespaces=NSMAP)}


def speeches(count: int, seed: int = 5) -> list[list[str]]:
    rng = random.Random(seed)
    return [["GORBACHEV.", f"n{number}", *(rng.choice(WORDS) for _ in range(25))] for number in range(count)]


# Markdown

def test_a_list_nested_500_deep_is_a_located_error() -> None:
    deep = "\n".join(" " * (4 * level) + "- item" for level in range(500))
    with pytest.raises(EditionError) as refused:
        render_markdown(deep, "pages/about.md", 3)
    [problem] = refused.value.diagnostics
    # The first item too deep: line 3 + MAX_NESTING of the file, at its marker.
    assert (problem.file, problem.line, problem.col, problem.code) == (
        "pages/about.md", 3 + MAX_NESTING, 4 * MAX_NESTING + 1, "markdown-too-deep")
    assert "32 levels" in problem.hint


def test_block_quotes_nested_too_deep_point_at_the_marker() -> None:
    with pytest.raises(EditionError) as refused:
        render_markdown("Intro\n\n" + "> " * 100 + "quoted", "notes/doc.md")
    [problem] = refused.value.diagnostics
    assert (problem.line, problem.col, problem.code) == (3, 2 * MAX_NESTING + 1, "markdown-too-deep")


def test_128_kb_of_brackets_is_refused_at_the_first_bracket() -> None:
    with pytest.raises(EditionError) as refused:
        render_markdown("Some words.\n\nA line of " + "[" * 128_000, "pages/x.md")
    [problem] = refused.value.diagnostics
    assert (problem.line, problem.col, problem.code) == (3, 11, "markdown-brackets")
    assert r"\[" in problem.hint


def test_ordinary_links_brackets_and_nesting_still_render() -> None:
    text = "\n\n".join(f"See [note {n}](https://example.org/{n}), [sic] and \\[ alone." for n in range(300))
    text += "\n\n" + "\n".join(" " * (4 * level) + "- level" for level in range(MAX_NESTING))
    html = render_markdown(text)
    assert html.count('<a href="https://example.org/') == 300 and "[sic]" in html and html.count("<ul>") == MAX_NESTING


def test_a_note_too_deep_is_a_diagnostic_of_the_notes_file(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    body = "\n".join(" " * (4 * level) + "- item" for level in range(40))
    (notes / "doc.md").write_text(f"## p1 Fine\nA *good* note.\n\n## p2 Deep\n{body}\n", encoding="utf-8")
    found, problems = read_notes(EditionFolder(tmp_path), "doc", {"p1", "p2"})
    assert [note.anchor for note in found] == ["p1"]
    [problem] = problems
    assert problem.file.endswith("doc.md") and (problem.line, problem.code) == (5 + MAX_NESTING, "markdown-too-deep")


# Bracket scanning in the encoder

def test_16000_unclosed_brackets_each_reported_where_they_are() -> None:
    result = encode_transcript(transcript(["GORBACHEV. Hello " + "[" * 16_000 + " there."]), "doc.txt")
    brackets = [d for d in result.diagnostics if d.code == "unbalanced-bracket"]
    assert len(brackets) == 16_000
    assert [(d.line, d.col) for d in brackets[:2]] == [(5, 18), (5, 19)] and brackets[-1].col == 18 + 15_999
    assert "[" * 16_000 in text_of(result.tree.xpath("//tei:body//tei:p", namespaces=NSMAP)[0])


def test_nested_and_crossed_brackets_match_as_before() -> None:
    paragraph = "GORBACHEV. " + "We [agreed [in principle]]. (Laughter.) And ] stray. " * 500 + "[left"
    result = encode_transcript(transcript([paragraph]), "doc.txt")
    supplied = result.tree.xpath("//tei:supplied", namespaces=NSMAP)
    incidents = result.tree.xpath("//tei:incident", namespaces=NSMAP)
    assert len(supplied) == 500 and text_of(supplied[0]) == "agreed [in principle]"
    assert len(incidents) == 500
    codes = [d.code for d in result.diagnostics]
    assert codes.count("unbalanced-bracket") == 500 + 1  # every stray ']' and the last '[' only


# Pointer hints

def test_25000_unresolved_pointers_each_get_the_nearest_id() -> None:
    tree = encode_transcript(transcript(["GORBACHEV. Words."]), "doc.txt").tree
    division = tree.getroot().find(f".//{{{TEI_NS}}}body")[0]
    for number in range(25_000):
        who = f"#gorbachev{number}" if number % 2 else f"#x{number}"
        speech = etree.SubElement(division, f"{{{TEI_NS}}}sp", who=who)
        etree.SubElement(speech, f"{{{TEI_NS}}}speaker").text = "G."
        etree.SubElement(speech, f"{{{TEI_NS}}}p").text = "Words."
    found = [d for d in Validator().validate(tree, "doc.xml") if d.code == "who-resolves"]
    assert len(found) == 25_000
    assert {d.hint for d in found if "gorbachev" in d.message} == {"did you mean #gorbachev?"}
    assert {d.hint for d in found if '"#x' in d.message} == {"known: #gorbachev"}


def test_typos_among_thousands_of_persons_get_what_comparing_every_id_gives() -> None:
    tree = encode_transcript(transcript(["GORBACHEV. Words."]), "doc.txt").tree
    persons = tree.getroot().find(f".//{{{TEI_NS}}}listPerson")
    known = [f"person-{number:04d}" for number in range(3_000)]
    for key in known:
        etree.SubElement(persons, f"{{{TEI_NS}}}person").set(XML_ID, key)
    division = tree.getroot().find(f".//{{{TEI_NS}}}body")[0]
    typos = ["persn-1234", "person-12345", "prson-0007", "person2999"]
    for typo in typos:
        speech = etree.SubElement(division, f"{{{TEI_NS}}}sp", who=f"#{typo}")
        etree.SubElement(speech, f"{{{TEI_NS}}}speaker").text = "P."
    hints = {d.message.split('"#')[1].split('"')[0]: d.hint for d in Validator().validate(tree, "doc.xml")
             if d.code == "who-resolves"}
    assert hints == {typo: f"did you mean #{difflib.get_close_matches(typo, known, n=1, cutoff=0.6)[0]}?"
                     for typo in typos}
    assert hints["persn-1234"] == "did you mean #person-1234?"


# Anchor alignment

def test_a_one_word_edit_in_each_of_1000_speeches_keeps_every_id() -> None:
    original = speeches(1000)
    first = encode_transcript(transcript([" ".join(words) for words in original]), "doc.txt").tree
    ledger = assign_anchors(first, Ledger("doc"))
    edited = [[*words[:3], "changed", *words[4:]] for words in original]
    second = encode_transcript(transcript([" ".join(words) for words in edited]), "doc.txt").tree
    assign_anchors(second, ledger)
    assert paragraph_ids(second) == paragraph_ids(first)


def test_every_paragraph_moved_and_edited_keeps_its_id() -> None:
    original = speeches(400, seed=9)
    first = encode_transcript(transcript([" ".join(words) for words in original]), "doc.txt").tree
    ledger = assign_anchors(first, Ledger("doc"))
    moved = [[*words[:5], "changed", *words[6:]] for words in reversed(original)]
    second = encode_transcript(transcript([" ".join(words) for words in moved]), "doc.txt").tree
    assign_anchors(second, ledger)
    assert paragraph_ids(second) == paragraph_ids(first)
