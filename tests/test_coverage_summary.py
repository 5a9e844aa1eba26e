"""The build summary's coverage is truthful: passed-through text is called so, and text a rule drops is named."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from edition.tei.coverage import summary, unhandled

XSL = ('<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
       'xmlns:tei="http://www.tei-c.org/ns/1.0">{}</xsl:stylesheet>')


def _tei(body: str) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>{body}</p></body></text></TEI>'))


def test_no_rule_is_passed_through_an_empty_rule_drops_and_declared_non_text_is_neither(tmp_path: Path) -> None:
    stylesheet = tmp_path / "main.xsl"
    stylesheet.write_text(XSL.format(
        '<xsl:template match="tei:text | tei:body | tei:p | tei:gap"><xsl:apply-templates/></xsl:template>'
        '<xsl:template match="tei:said"/><xsl:template match="tei:link"/>'), encoding="utf-8")
    tree = _tei("A <rhyme>word</rhyme>, <said>spoken</said>, <said/> <gap><desc>two lines</desc></gap>"
                " <linkGrp><link target='#a #b'/></linkGrp>")
    entries = unhandled(tree, stylesheet)
    # desc is a gap's description (views.py: a marker), linkGrp is declared not text: neither is listed.
    assert entries == ["rhyme (1)", "said (1, text not shown)"]
    assert summary(entries) == ["passed through as text (no rendering rule): rhyme (1)",
                                "text not shown (a rule shows nothing, and no document says why): said (1)"]
