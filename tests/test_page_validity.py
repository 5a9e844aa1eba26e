"""What the Nu Html Checker and axe-core found on the shared corpora, held on small TEI: a stage
direction inside another, a focusable mark inside a linked name, an ISO 639-2 code in the glossary.

tests/test_corpus_pages.py runs both checkers on every corpus page (minutes); these say in seconds
which rule broke.
"""

from __future__ import annotations

import lxml.html
import pytest
from lxml import etree
from rendering_examples import TEI

from edition.site.images import point_at_copies
from edition.site.indexes import summarise
from edition.site.transform import Transformer
from edition.tei.metadata import read_metadata


@pytest.fixture(scope="module")
def transformer() -> Transformer:
    return Transformer()


def page_of(transformer: Transformer, body: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(transformer.to_html(TEI.format(body=body).encode(), "test.xml"))


def test_a_stage_direction_inside_another_stays_in_its_line(transformer: Transformer) -> None:
    # DraCor's Shakespeare: <stage type="business">Cauldron sinks. <stage type="sound">Hautboys.</stage></stage>
    page = page_of(transformer, '<div><stage type="business">Cauldron sinks. <stage type="sound">Hautboys.'
                                '</stage></stage><sp><speaker>A</speaker><l>Words.</l></sp></div>')
    outer = page.xpath("//*[contains(@class, 'type-business')]")[0]
    assert outer.tag == "p" and [inner.tag for inner in outer.xpath(".//*[contains(@class, 'tei-stage')]")] == ["span"]
    assert page.xpath("//p//p") == []


@pytest.mark.parametrize("mark", ['<supplied reason="omitted">σαι</supplied>',
                                  "<choice><abbr>Dr</abbr><expan>Doctor</expan></choice>",
                                  "<app><lem>Musai</lem><rdg wit='#B'>Mousai</rdg></app>"])
def test_a_mark_inside_a_linked_name_is_not_focusable(transformer: Transformer, mark: str) -> None:
    # HTML allows no focusable element inside a link; the link itself takes the focus.
    page = page_of(transformer, f'<p>To the <persName ref="#muses">Mu{mark}</persName>, and <unclear>x</unclear>.</p>')
    assert page.xpath("//a[contains(@class, 'entity-name')]")
    assert page.xpath("//a//*[@tabindex]") == []
    assert page.xpath("//*[contains(@class, 'tei-unclear')]/@tabindex") == ["0"]  # outside a link it still is


def test_the_glossary_gives_the_same_bcp47_tag_as_the_page(transformer: Transformer) -> None:
    body = '<p xml:id="p1">As <foreign xml:lang="lat">dictum</foreign> and <foreign xml:lang="ger">Wort</foreign>.</p>'
    page = page_of(transformer, body)
    tree = etree.ElementTree(etree.fromstring(TEI.format(body=body).encode()))
    glossary = {term: language for term, language, _ in summarise(read_metadata("t", tree), tree).terms}
    shown = {e.text_content(): e.get("lang") for e in page.xpath("//*[contains(@class, 'tei-foreign')]")}
    assert glossary == shown == {"dictum": "la", "Wort": "de"}


def test_a_speech_of_a_group_without_a_label_names_the_group(transformer: Transformer) -> None:
    # DraCor's Romeo and Juliet: <personGrp xml:id="Chorus_Rom"><name>Chorus</name></personGrp>, the prologue
    # spoken with no speaker element. An empty link has no name for a screen reader (axe: link-name).
    cast = ('<profileDesc><particDesc><listPerson><personGrp xml:id="Chorus_Rom"><name>Chorus</name></personGrp>'
            '</listPerson></particDesc></profileDesc>')
    tei = TEI.format(body='<sp who="#Chorus_Rom"><l>Two households, both alike in dignity,</l></sp>')
    html = transformer.to_html(tei.replace("</encodingDesc>", "</encodingDesc>" + cast).encode(), "test.xml")
    labels = lxml.html.fragment_fromstring(html).xpath("//a[contains(@class, 'speaker-link')]")
    assert [label.text_content().strip() for label in labels] == ["Chorus"]


def test_a_missing_images_description_is_the_teis_words_not_the_stylesheets() -> None:
    # Dingler names 82 images it does not ship: their figDesc must still count as the text's words (fidelity).
    html = point_at_copies('<div><img src="fig/1.png" alt="Textabbildung S. 1"/></div>', {})  # not copied
    page = lxml.html.fragment_fromstring(html)
    assert page.text_content() == "[Image: Textabbildung S. 1]"
    assert "".join(page.xpath("//*[contains(@class, 'gen')]//text()")) == "[Image: ]"
    assert page.xpath("//*[contains(@class, 'v-apart')]/text()") == ["Textabbildung S. 1"]
