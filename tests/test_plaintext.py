"""The words of each view (tei/viewtext.py) and the .txt, which is the reading view (tei/plaintext.py)."""

from __future__ import annotations

import pytest

from edition.tei.plaintext import to_text
from edition.tei.views import DIPLOMATIC, READING
from edition.tei.viewtext import view_text
from edition.tei.xml import parse


def tei(body: str, header: str = "<teiHeader/>") -> object:
    return parse(f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{header}<text><body>{body}</body></text></TEI>'
                 .encode(), "t.xml")


def words(body: str, view: str) -> list[str]:
    return view_text(tei(body), view).words


@pytest.mark.parametrize(("body", "reading", "diplomatic"), [
    # Breaks: a line break ends a word, even with no space around it; break="no" joins in the reading view.
    ("<p>lächerlich<lb/>zu machen, Fuhr<lb break='no'/>werk, Fuhr\n  <lb break='no'/>\n werk</p>",
     "lächerlich zu machen, Fuhrwerk, Fuhrwerk", "lächerlich zu machen, Fuhr werk, Fuhr werk"),
    # A page break inside a word leaves it whole in both views; an inWord line break joins like break="no".
    ("<p>πλη<pb n='2' break='no'/>ροῦται, a<lb type='inWord'/>b</p>", "πληροῦται, ab", "πληροῦται, a b"),
    # The DTA's line-end hyphen: joined in the reading view, a real hyphen before a capital kept.
    ("<p>Ver-<lb/>zichts, Goethe-<lb/>Schiller, Wa¬<lb/>gen, 1-<lb/>2</p>",
     "Verzichts, Goethe-Schiller, Wagen, 1- 2", "Ver- zichts, Goethe- Schiller, Wa¬ gen, 1- 2"),
    # Alterations: deletions out of the reading view, additions in both; phrase elements never end a word.
    ("<p>der <subst><del>alter</del><add>neuer</add></subst> Fuhr<add>werk</add></p>",
     "der neuer Fuhrwerk", "der alterneuer Fuhrwerk"),
    # A spanning deletion covers everything up to its anchor, across elements.
    ("<p>keep <delSpan spanTo='#e'/>gone <hi>too</hi></p><p>also <anchor xml:id='e'/>back</p>",
     "keep back", "keep gone too also back"),
    # Choices: each view its own child; of two alternatives the first.
    ("<p><choice><sic>teh</sic><corr>the</corr></choice> <choice><abbr>Dr</abbr><expan>Doctor</expan></choice>"
     " <choice><seg>one</seg><seg>two</seg></choice> <choice><orig>vnto</orig><reg>unto</reg></choice></p>",
     "the Doctor one unto", "teh Dr one vnto"),
    # Marks without words: a gap, a space (never glues), a page break.
    ("<p>a<gap reason='lost'><desc>two lines</desc></gap> b<space extent='3'/>c d<pb n='2'/>e</p>",
     "a b c d e", "a b c d e"),
    # Verse, lists, tables, utterances, nested texts: every word, none glued.
    ("<lg><l>one</l><l>two</l></lg><list><item>three</item><item>four</item></list>"
     "<table><row><cell>five</cell><cell>six</cell></row></table>"
     "<u who='#a'><seg>seven</seg><seg>eight</seg></u><floatingText><body><p>nine</p></body></floatingText>",
     "one two three four five six seven eight nine", "one two three four five six seven eight nine"),
])
def test_the_words_of_each_view(body: str, reading: str, diplomatic: str) -> None:
    assert words(body, READING) == reading.split()
    assert words(body, DIPLOMATIC) == diplomatic.split()


def test_notes_and_readings_are_apart_and_never_lost_even_inside_a_deletion() -> None:
    shown = view_text(tei("<p>word<note>A note.</note> <app><lem>lemma</lem><rdg wit='#B'>reading</rdg></app>"
                          " <del>gone<note>Kept.</note></del> <fw type='catch'>Catch</fw></p>"), READING)
    assert shown.words == ["word", "lemma"]
    assert shown.notes == ["A note.", "reading", "Kept."]
    assert view_text(tei("<p><fw type='catch'>Catch</fw></p>"), DIPLOMATIC).notes == ["Catch"]
    grouped = view_text(tei("<p>a <app><rdgGrp><lem>base</lem><rdg>variant</rdg></rdgGrp><rdg>other</rdg></app></p>"),
                        READING)
    assert (grouped.words, grouped.notes) == (["a", "base"], ["variant", "other"])
    readings = view_text(tei("<p>Well, <app><rdg>God</rdg><rdg>god<note>lower case</note></rdg></app> does</p>"),
                         READING)
    assert (readings.words, readings.notes) == (["Well,", "God", "does"], ["god", "lower case"])


def test_the_header_is_never_text() -> None:
    shown = view_text(tei("<p>body</p>", "<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>"
                                         "</fileDesc></teiHeader>"), READING)
    assert shown.words == ["body"]


def test_the_txt_keeps_structure_and_puts_the_notes_at_the_end() -> None:
    text = to_text(tei("<head>Title</head><p>First<note>See there.</note> para<lb break='no'/>graph.</p>"
                       "<lg><l>line one</l><l>line two</l></lg>"
                       "<table><row><cell>a</cell><cell>b</cell></row><row><cell>c</cell><cell>d</cell></row></table>"
                       "<sp><speaker>HAMLET.</speaker><p>Words, words.</p></sp><p>A <gap/> lost.</p>"))
    assert text == ("Title\n\nFirst[1] paragraph.\n\nline one\nline two\n\na\tb\nc\td\n\n"
                    "HAMLET. Words, words.\n\nA […] lost.\n\n[1] See there.\n")


def test_a_sourcedoc_gives_its_lines() -> None:
    tree = parse(b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><sourceDoc><surface><zone>'
                 b'<line>first <del>struck</del> line</line><line>second</line></zone></surface></sourceDoc></TEI>',
                 "s.xml")
    assert view_text(tree, READING).text == "first line\nsecond"
    assert view_text(tree, DIPLOMATIC).words == ["first", "struck", "line", "second"]
