"""The encoder's conventions are declared once (edition/tei/conventions.py) and every
table that names them agrees: the anchors, the tombstones, the encoder, `edition text`,
the schema, the XSLT, the docs — and the stylesheet an edition brings."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO
from lxml import etree

from edition.anchors.assign import PREFIXES
from edition.anchors.tombstones import KIND_NAMES
from edition.core.docsections import read_section
from edition.core.resources import data_dir
from edition.encode import encode_transcript
from edition.tei.conventions import BY_KIND, CONVENTIONS, LITERAL, docs_table
from edition.tei.coverage import handled_elements, unhandled
from edition.tei.plaintext import to_text
from edition.tei.xml import q

ENCODING_MD = REPO / "docs" / "encoding.md"


def test_published_anchor_prefixes_and_tombstone_names_never_change() -> None:
    # Ids like p23 or inc1 are cited in the wild: these values are frozen.
    assert PREFIXES == {"div": "div", "sp": "sp", "p": "p", "note": "n", "gap": "gap", "incident": "inc"}
    assert list(PREFIXES) == ["div", "sp", "p", "note", "gap", "incident"]  # the order anchors are aligned in
    assert KIND_NAMES == {"p": "Paragraph", "sp": "Speech", "div": "Section", "note": "Note", "gap": "Gap",
                          "incident": "Event"}


def test_the_docs_table_lists_exactly_the_declared_conventions() -> None:
    written = read_section(ENCODING_MD.read_text(encoding="utf-8"), "conventions")
    assert written is not None, "docs/encoding.md lost its <!-- conventions:start/end --> markers"
    assert written == docs_table(), (
        "docs/encoding.md differs from edition/tei/conventions.py; regenerate it with "
        "`python -m edition.tei.conventions docs/encoding.md`")
    kinds = [line.split("|")[1].strip() for line in written.splitlines()[2:]]
    assert kinds == [c.kind for c in CONVENTIONS]


@pytest.mark.parametrize("convention", CONVENTIONS, ids=lambda c: c.kind)
def test_every_convention_is_in_the_schema_and_has_a_rendering_rule(convention) -> None:
    schema = (data_dir("schema") / "edition.rnc").read_text(encoding="utf-8")
    assert f"element {convention.element} {{" in schema
    assert convention.element in handled_elements(data_dir("xslt") / "tei-to-html.xsl")


BRACKETED = {"note": "[Editor's note: see above]", "gap": "[Next page missing in the original.]",
             "incident": "(Everyone laughs)", "supplied": "[at the meeting]", "foreign": "[vernyi]"}


@pytest.mark.parametrize("kind", sorted(BRACKETED))
def test_each_bracket_convention_becomes_its_element_and_reads_back_as_written(kind: str) -> None:
    convention = BY_KIND[kind]
    marked = BRACKETED[kind] + "{" + kind + "}"
    source = f"Title\n\n9 February 1990\n\nJ. BAKER. We agreed. {marked} Then we left.\n"
    tree = encode_transcript(source, "t.txt").tree
    element = tree.find(f".//{q('body')}//{q('p')}/{q(convention.element)}")
    assert element is not None
    if convention.words_in:
        assert element.find(q(convention.words_in)) is not None
    assert f"J. BAKER. We agreed. {BRACKETED[kind]} Then we left." in to_text(tree)


def test_a_literal_marker_keeps_the_brackets_as_text() -> None:
    tree = encode_transcript(f"Title\n\n9 February 1990\n\nJ. BAKER. See [N.B.]{{{LITERAL}}} there.\n", "t.txt").tree
    paragraph = tree.find(f".//{q('body')}//{q('p')}")
    assert len(paragraph) == 0 and paragraph.text == "See [N.B.] there."


def _tei(body: str) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>{body}</p></body></text></TEI>'))


def test_coverage_reads_the_editions_own_stylesheet_and_what_it_imports(tmp_path: Path) -> None:
    # (seg already has a bundled rule, so the edition here adds one for rhyme.)
    tree = _tei("A <rhyme>word</rhyme>, a <seg>part</seg> and <foreign>vernyi</foreign>.")
    bundled = data_dir("xslt") / "tei-to-html.xsl"
    assert unhandled(tree, bundled) == ["rhyme (1)"]
    own = tmp_path / "xslt" / "tei-to-html.xsl"
    own.parent.mkdir()
    own.write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"\n'
        '    xmlns:tei="http://www.tei-c.org/ns/1.0">\n'
        '  <xsl:import href="edition:default"/>\n'
        '  <xsl:template match="tei:rhyme"><em><xsl:apply-templates/></em></xsl:template>\n'
        "</xsl:stylesheet>\n", encoding="utf-8")
    assert unhandled(tree, own) == []  # its own rule counts, and the bundled rules it imports still do


def test_coverage_follows_relative_imports(tmp_path: Path) -> None:
    (tmp_path / "extra.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"'
        ' xmlns:tei="http://www.tei-c.org/ns/1.0"><xsl:template match="tei:unclear"/></xsl:stylesheet>',
        encoding="utf-8")
    main = tmp_path / "main.xsl"
    main.write_text('<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
                    '<xsl:include href="extra.xsl"/></xsl:stylesheet>', encoding="utf-8")
    found = unhandled(_tei("A <unclear>word</unclear> and <seg>part</seg>."), main)
    assert "seg (1)" in found and not any(name.startswith("unclear") for name in found)
