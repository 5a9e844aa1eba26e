"""The bundled stylesheet renders each TEI element as docs/rendering.md says, in both views.

Small TEI snippets through edition.site.transform.Transformer; what a view shows is
read from the one HTML page by its view classes (tests/rendering_examples.py).
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import lxml.html
import pytest
from conftest import REPO
from rendering_examples import EXAMPLES, TEI, docs_table, key, read_table, view_text

from edition.site.transform import Transformer
from edition.tei.views import DIPLOMATIC, READING, RENDERINGS

RENDERING_MD = REPO / "docs" / "rendering.md"


@pytest.fixture(scope="module")
def transformer() -> Transformer:
    return Transformer()


def html_of(transformer: Transformer, body: str, header: str = "") -> str:
    tei = TEI.format(body=body)
    if header:
        tei = tei.replace("</encodingDesc>", "</encodingDesc>" + header)
    return transformer.to_html(tei.encode(), "test.xml")


def views(transformer: Transformer, body: str) -> tuple[str, str]:
    fragment = lxml.html.fragment_fromstring(html_of(transformer, body))
    return view_text(fragment, READING), view_text(fragment, DIPLOMATIC)


def test_the_docs_table_is_current_and_names_every_rule(transformer: Transformer) -> None:
    written = read_table(RENDERING_MD)
    assert written is not None, "docs/rendering.md lost its <!-- views:start/end --> markers"
    assert written == docs_table(transformer), (
        "docs/rendering.md differs from what the stylesheet renders; regenerate it with "
        "`.venv/bin/python -m tests.rendering_examples docs/rendering.md`")
    named = [line.split("|")[1].strip().strip("`") for line in written.splitlines()[2:]]
    assert named == [key(rule) for rule in RENDERINGS]
    assert set(EXAMPLES) == {key(rule) for rule in RENDERINGS}


def test_a_substitution_reads_as_the_new_word_and_shows_both(transformer: Transformer) -> None:
    reading, diplomatic = views(transformer, "<p>der <subst><del>alter</del><add>neuer</add></subst> Text</p>")
    assert reading == "der neuer Text"
    assert diplomatic == "der alter \\neuer/ Text"  # two words, never "alterneuer"; the signs mark the addition


def test_a_restored_deletion_is_text_in_both_views(transformer: Transformer) -> None:
    assert views(transformer, "<p>a <restore><del>kind</del></restore> word</p>") == ("a kind word", "a kind word")


def test_additions_carry_their_place_and_explain_themselves(transformer: Transformer) -> None:
    html = html_of(transformer, '<p>x <add place="supralinear" hand="#h2" cert="low">y</add></p>')
    add = lxml.html.fragment_fromstring(html).xpath("//ins")[0]
    assert "place-above" in add.get("class").split()
    assert add.get("tabindex") == "0"
    assert add.get("title") == "Added; place: supralinear; hand: h2; certainty: low"


def test_a_joining_line_break_joins_the_word_and_keeps_the_hyphen_diplomatic(transformer: Transformer) -> None:
    reading, diplomatic = views(transformer, '<p>die Ver-\n  <lb break="no"/>  waltung<lb/>und</p>')
    assert reading == "die Verwaltung und"
    assert diplomatic == "die Ver- / waltung / und"


@pytest.mark.parametrize(("body", "reading", "diplomatic"), [
    ("Ver-\n<lb/>zichts", "Verzichts", "Ver- / zichts"),
    ("Goethe-<lb/>\nSchiller", "Goethe-Schiller", "Goethe- / Schiller"),
    ("Fuhr¬<lb/>werk", "Fuhrwerk", "Fuhr¬ / werk"),
    ("one -<lb/>two", "one - two", "one - / two"),
    ('Ver-<pb n="2"/>zichts', "Verp. 2zichts", "Ver- p. 2 zichts"),  # the page number inside the word
])
def test_a_line_end_hyphen_joins_the_word_in_the_reading_view(transformer: Transformer, body: str, reading: str,
                                                              diplomatic: str) -> None:
    shown = views(transformer, f"<p>{body}</p>")
    assert shown == (reading, diplomatic)


def test_a_space_never_glues_its_neighbours(transformer: Transformer) -> None:
    reading, diplomatic = views(transformer, '<p>ich<space extent="3 letters"/>stand</p>')
    assert reading.split() == ["ich", "␣", "stand"] and diplomatic.split() == ["ich", "␣", "stand"]


@pytest.mark.parametrize(("gap", "wording"), [
    ('<gap reason="illegible" quantity="1" unit="chars"/>', "[one character illegible]"),
    ('<gap reason="lost" quantity="3" unit="lines"/>', "[three lines lost]"),
    ('<gap reason="missing" quantity="14" unit="line"/>', "[14 lines missing]"),
    ('<gap reason="illegible" extent="half a page"/>', "[half a page illegible]"),
    ('<gap reason="omitted-in-original"/>', "[Omitted in the original]"),
    ('<gap reason="illegible"><desc>Two words are blotted.</desc></gap>', "[Two words are blotted]"),
    ("<gap/>", "[text missing]"),
    ('<gap extent="12"/>', "[text missing (extent 12)]"),
])
def test_a_gap_is_worded_with_correct_plurals(transformer: Transformer, gap: str, wording: str) -> None:
    reading, diplomatic = views(transformer, f"<p>a {gap} b</p>")
    assert diplomatic == f"a {wording} b"
    assert reading == "a […] b"


def test_choice_gives_each_view_its_form(transformer: Transformer) -> None:
    body = ("<p><choice><sic>goverment</sic><corr>government</corr></choice> "
            "<choice><abbr>D<am>r</am></abbr><expan>D<ex>octo</ex>r</expan></choice> "
            "<choice><orig>vvise</orig><reg>wise</reg></choice></p>")
    assert views(transformer, body) == ("government Doctor wise", "goverment Dr vvise")


def test_of_two_alternatives_the_first_stands_in_the_text(transformer: Transformer) -> None:
    body = "<p>a <choice><unclear>cat</unclear><unclear>cot</unclear></choice> b</p>"
    assert views(transformer, body) == ("a cat b", "a cat b")
    html = html_of(transformer, body)
    assert 'title="unclear: cat | unclear: cot"' in html


def test_a_spanning_deletion_covers_the_words_up_to_its_anchor(transformer: Transformer) -> None:
    reading, diplomatic = views(transformer, '<p>kept <delSpan spanTo="#e"/>gone<lb/>also gone<anchor xml:id="e"/> '
                                             "kept</p>")
    assert reading.split() == ["kept", "kept"]
    assert "gone" in diplomatic and "also gone" in diplomatic


def test_forme_work_is_in_the_diplomatic_margin_only(transformer: Transformer) -> None:
    assert views(transformer, '<p>a <fw type="catch">b</fw> c</p>') == ("a c", "a b c")


@pytest.mark.parametrize(("code", "tag"), [("ger", "de"), ("german", "de"), ("fra", "fr"), ("lat", "la"),
                                           ("grc", "grc"), ("heb", "he"), ("ru-Latn", "ru-Latn"), ("cze", "cs")])
def test_foreign_words_get_a_bcp47_tag_and_no_brackets(transformer: Transformer, code: str, tag: str) -> None:
    html = html_of(transformer, f'<p>a <foreign xml:lang="{code}">verbum</foreign> b</p>')
    foreign = lxml.html.fragment_fromstring(html).xpath("//*[contains(@class, 'tei-foreign')]")[0]
    assert foreign.tag == "i" and foreign.get("lang") == tag
    assert "[" not in html
    assert (foreign.get("dir") == "rtl") == (tag == "he")


def test_a_right_to_left_text_is_marked_so_for_the_whole_text(transformer: Transformer) -> None:
    tei = TEI.format(body="<p>שור</p>").replace("<text>", '<text xml:lang="heb">')
    page = lxml.html.fragment_fromstring(transformer.to_html(tei.encode(), "t.xml"))
    assert (page.get("lang"), page.get("dir")) == ("he", "rtl")


def test_rendition_and_style_pass_only_the_safe_css(transformer: Transformer) -> None:
    header = ('<tagsDecl><rendition xml:id="x" scheme="css">font-style: italic; background: url(http://e.vil/x); '
              'position: fixed; letter-spacing: 0.2em</rendition></tagsDecl>')
    html = html_of(transformer, '<p><hi rendition="#x">a</hi> <hi style="font-size: 80%; color: red; '
                                'font-size: expression(alert(1))">b</hi></p>', header)
    styles = lxml.html.fragment_fromstring(html).xpath("//*[contains(@class, 'tei-hi')]/@style")
    assert styles == ["font-style: italic; letter-spacing: 0.2em", "font-size: 80%"]


@pytest.mark.parametrize(("rend", "tag", "css"), [("italic", "i", "rend-italic"), ("#i", "i", "rend-italic"),
                                                  ("#sup", "sup", "rend-sup"), ("#g", "span", "rend-spaced"),
                                                  ("#aq", "span", "rend-antiqua"), ("#c", "span", "rend-center"),
                                                  ("small-caps", "span", "rend-smallcaps")])
def test_rend_values_become_html_and_classes(transformer: Transformer, rend: str, tag: str, css: str) -> None:
    html = html_of(transformer, f'<p>a <hi rend="{rend}">b</hi></p>')
    hi = lxml.html.fragment_fromstring(html).xpath("//*[contains(@class, 'tei-hi')]")[0]
    assert hi.tag == tag and css in hi.get("class").split()


def test_notes_never_vanish_and_go_where_their_place_says(transformer: Transformer) -> None:
    body = ('<p xml:id="p1">Text<note xml:id="n1">A footnote.</note> and<note xml:id="n2" place="margin">A margin.'
            '</note> and<note xml:id="n3" place="inline">inline</note>.</p><p>At <anchor xml:id="a1"/>here.</p>')
    back = '<back><div><note xml:id="n4" target="#a1">Stand-off.</note></div></back>'
    tei = TEI.format(body=body).replace("</body>", "</body>" + back)
    page = lxml.html.fragment_fromstring(transformer.to_html(tei.encode(), "t.xml"))
    assert page.xpath("//section[@class='footnotes']//li/@id") == ["n1", "n4"]
    assert page.xpath("//a[@class='fn-ref']/@href") == ["#n1", "#n4"]
    assert page.xpath("string(//*[@id='a1']/following-sibling::a[1]/@href)") == "#n4"
    assert "note-margin" in page.get_element_by_id("n2").get("class")
    for view in (READING, DIPLOMATIC):
        text = view_text(page, view)
        assert all(words in text for words in ("A footnote.", "A margin.", "inline", "Stand-off."))


def test_a_parliament_speaker_note_is_a_line_of_its_own(transformer: Transformer) -> None:
    body = ('<div><note type="speaker">The President:</note><u who="#a"><seg>Order.</seg>'
            '<kinesic><desc>Applause</desc></kinesic>'
            '<seg>We <vocal><desc>murmuring</desc></vocal> go on.</seg></u></div>')
    page = lxml.html.fragment_fromstring(html_of(transformer, body))
    assert page.xpath("//p[contains(@class, 'note-line')]/text()") == ["The President:"]
    assert [e.text_content() for e in page.xpath("//p[contains(@class, 'tei-kinesic')]")] == ["(Applause)"]
    assert [e.text_content() for e in page.xpath("//span[contains(@class, 'tei-vocal')]")] == ["(murmuring)"]


def test_no_block_ever_sits_in_a_paragraph_or_a_span(transformer: Transformer) -> None:
    body = ('<div><opener><dateline>Rome</dateline><salute>Dear J.,</salute></opener>'
            '<p>A list: <list><item>one</item><label>b</label><item>two</item></list> and <quote><p>a quoted '
            'paragraph</p></quote>.</p><closer><salute>Yours</salute><signed>M.</signed></closer>'
            '<postscript><p>P.S.</p></postscript><p>A <hi rend="italic">table <table><row><cell>x</cell></row>'
            '</table></hi>.</p></div>')
    page = lxml.html.fragment_fromstring(html_of(transformer, body))
    blocks = " or ".join(f"self::{tag}" for tag in ("p", "div", "ul", "ol", "dl", "table", "blockquote", "section"))
    assert page.xpath(f"//p//*[{blocks}]") == []
    assert page.xpath(f"//span//*[{blocks}] | //i//*[{blocks}]") == []
    assert page.xpath("//div[@class='tei-p']") and page.xpath("//blockquote")


def test_no_namespace_reaches_the_html(transformer: Transformer) -> None:
    body = ('<p>x<note xml:id="n1" place="foot">y</note><formula><math xmlns="http://www.w3.org/1998/Math/MathML">'
            '<mi>x</mi></math></formula></p>')
    html = html_of(transformer, body)
    assert "xmlns" not in html and "<math><mi>x</mi></math>" in html


def test_tex_formulas_stay_tex_and_are_marked(transformer: Transformer) -> None:
    html = html_of(transformer, r"<p>a <formula>1,155\,\frac{t}{d}</formula> b</p>")
    code = lxml.html.fragment_fromstring(html).xpath("//span[contains(@class, 'notation-tex')]/code")
    assert [c.text for c in code] == [r"1,155\,\frac{t}{d}"]


def test_verse_is_numbered_per_poem_or_by_its_own_n(transformer: Transformer) -> None:
    poem = "<lg>" + "".join(f"<l>line {n}</l>" for n in range(1, 7)) + "</lg>"
    page = lxml.html.fragment_fromstring(html_of(transformer, f"<div>{poem}</div><div>{poem}</div>"
                                                 '<div><lg><l n="10">own</l></lg></div>'))
    assert page.xpath("//span[@class='lnum']/text()") == ["5", "5", "10"]


def test_headings_never_skip_a_level(transformer: Transformer) -> None:
    body = ("<div><div><div><head>Deep</head><p>x</p></div></div>"
            "<div><head>A</head><div><head>B</head></div></div></div>")
    page = lxml.html.fragment_fromstring(html_of(transformer, body))
    assert [h.tag for h in page.xpath("//h2 | //h3 | //h4")] == ["h2", "h2", "h3"]


def test_a_document_with_only_a_source_doc_is_rendered_page_by_page(transformer: Transformer) -> None:
    tei = TEI.format(body="").replace("<text><body></body></text>", (
        '<sourceDoc><surface n="1r"><zone><line>Erste Zeile</line><line>zweite <del>alte</del> Zeile</line></zone>'
        '</surface><surface n="1v"><zone><line n="7">Rückseite</line></zone></surface></sourceDoc>'))
    page = lxml.html.fragment_fromstring(transformer.to_html(tei.encode(), "t.xml"))
    assert page.xpath("//h2[contains(@class, 'surface-label')]/text()") == ["Page 1r", "Page 1v"]
    assert [n.strip() for n in page.xpath("//span[contains(@class, 'line-n')]/text()")] == ["1", "2", "7"]
    assert view_text(page, READING) == "Page 1r1 Erste Zeile 2 zweite Zeile Page 1v7 Rückseite"


def test_each_id_is_written_once(transformer: Transformer) -> None:
    body = ('<p xml:id="p1">a <app><lem><seg xml:id="s1">one</seg></lem><rdg wit="#B">two</rdg>'
            '<note xml:id="n1">why<note xml:id="n2">inner</note></note></app></p>')
    ids = re.findall(r'\sid="([^"]+)"', html_of(transformer, body))
    assert len(ids) == len(set(ids)) and {"p1", "s1", "n1", "n2"} <= set(ids)


def test_a_cast_list_reads_name_comma_description_without_empty_items(transformer: Transformer) -> None:
    # DraCor's layout: whitespace around role and roleDesc, and empty items pointing at group members.
    body = """<castList><castGroup>
        <castItem xml:id="WITCHES">Three Witches</castItem>
        <castItem corresp="#WITCHES" sameAs="#WITCHES.1"/>
      </castGroup>
      <castItem>
        <role>
          <name>Lord</name> <name>Capulet</name>
        </role>
        <roleDesc>head of a house</roleDesc>
      </castItem></castList>"""
    fragment = lxml.html.fragment_fromstring(html_of(transformer, body), create_parent="div")
    items = [" ".join(item.text_content().split()) for item in fragment.iter("li")
             if item.get("class") == "tei-castItem"]
    assert items == ["Three Witches", "Lord Capulet, head of a house"]


@pytest.mark.parametrize(("who", "label"), [("#PeterFowler", "Peter Fowler"), ("#JohnMcDonnell", "John McDonnell"),
                                            ("#WITCHES.1_Mac", "WITCHES.1_Mac"), ("#p_GMS_1", "p_GMS_1")])
def test_an_undeclared_speaker_is_named_by_its_id_read_as_words_when_it_spells_a_name(
        transformer: Transformer, who: str, label: str) -> None:
    # ParlaMint's @who points into a person list kept in another file of the corpus.
    fragment = lxml.html.fragment_fromstring(html_of(transformer, f'<u who="{who}"><seg>My Lords.</seg></u>'),
                                             create_parent="div")
    assert [" ".join(p.text_content().split()) for p in fragment.find_class("tei-speaker")] == [label]


def test_a_pointer_shows_its_target_expanded_by_the_headers_prefix_definition(transformer: Transformer) -> None:
    prefixes = ('<listPrefixDef><prefixDef ident="bib" matchPattern="(b\\d+)"'
                ' replacementPattern="https://example.org/bibliography/$1"/>'
                '<prefixDef ident="bad" matchPattern="(" replacementPattern="x"/></listPrefixDef>')
    body = ('<p><bibl><ptr target="bib:b0125"/>, 27</bibl> <bibl><ptr target="zot:X1"/>, 3</bibl>'
            ' <bibl><ptr target="bad:y"/></bibl> <bibl><ptr target="javascript:alert(1)"/></bibl></p>')
    fragment = lxml.html.fragment_fromstring(html_of(transformer, body, prefixes), create_parent="div")
    links = [(a.get("href"), a.text_content()) for a in fragment.iter("a")]
    assert links == [("https://example.org/bibliography/b0125", "https://example.org/bibliography/b0125")]
    shown = [" ".join(b.text_content().split()) for b in fragment.find_class("tei-bibl")]
    assert shown[1:] == ["zot:X1, 3", "bad:y", "javascript:alert(1)"]  # shown, never linked


def test_a_translation_column_is_labelled_with_the_languages_name(transformer: Transformer) -> None:
    body = ('<div type="edition" xml:lang="grc"><ab>Οἰνάνθη Γλαυκίου</ab></div>'
            '<div type="translation" xml:lang="ru"><p>Ойнанфа, дочь Главкия.</p></div>')
    fragment = lxml.html.fragment_fromstring(html_of(transformer, body), create_parent="div")
    labels = {" ".join(label.text_content().split()) for label in fragment.iter("label")}
    assert {"Original", "Translation (Russian)"} <= labels


def test_an_empty_paragraph_keeps_its_anchor_and_count_but_shows_no_number(transformer: Transformer) -> None:
    body = '<p xml:id="a">One.</p><p xml:id="b"/><p xml:id="c"> <lb/> </p><p xml:id="d">Four.</p>'
    fragment = lxml.html.fragment_fromstring(html_of(transformer, body), create_parent="div")
    assert [p.get("id") for p in fragment.find_class("tei-p")] == ["a", "b", "c", "d"]
    assert [a.text_content().strip() for a in fragment.find_class("pnum")] == ["1", "4"]


def test_an_xml_id_held_twice_becomes_the_html_id_of_its_first_holder_only(transformer: Transformer) -> None:
    fragment = lxml.html.fragment_fromstring(html_of(
        transformer, '<p xml:id="p1">one <hi xml:id="twice">a</hi> <hi xml:id="twice">b</hi></p>'
                     '<p xml:id="p2" style="font-style: italic">two</p>'))
    assert [element.get("id") for element in fragment.iter() if element.get("id")] == ["p1", "twice", "p2"]
    assert fragment.xpath("//*[@id='twice']")[0].text_content() == "a"
    assert fragment.xpath("//*[@id='p2']")[0].get("style") == "font-style: italic"


def test_line_numbers_are_left_out_of_the_search_index(transformer: Transformer, tmp_path: Path) -> None:
    from edition.site import search

    fragment = html_of(transformer, '<p>This grief <lb n="1.2.184"/>is crowned</p><lg><l>a</l><l>b</l><l>c</l>'
                                    '<l>d</l><l>e</l><l>fifth verse</l></lg>')
    site = tmp_path / "site"
    (site / "documents").mkdir(parents=True)
    (site / "documents" / "a.html").write_text(
        f'<!DOCTYPE html><html lang="en"><head><title>a</title></head><body><main data-pagefind-body>{fragment}'
        "</main></body></html>", encoding="utf-8")
    search._pagefind(site, tmp_path / "index")
    [data] = [path.read_bytes() for path in (tmp_path / "index" / "fragment").iterdir()]
    content = json.loads(gzip.decompress(data)[len(b"pagefind_dcd"):])["content"]
    assert "This grief" in content and "crowned" in content and "fifth verse" in content
    assert "1.2.184" not in content and "5" not in content  # the line break's number, the verse's
