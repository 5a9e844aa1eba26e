"""The parameters and hooks of xslt/params.xsl work as docs/customising.md says.

The edition's stylesheet here is made of the examples on that page, so an
example that stops working fails this test; and the page and the catalogue must
name the same parameters and hooks.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest
from conftest import REPO
from lxml import etree

from edition.build.stages import build
from edition.core.diagnostics import has_errors

GUIDE = REPO / "docs" / "customising.md"
CATALOGUE = REPO / "xslt" / "params.xsl"
XSL = "{http://www.w3.org/1999/XSL/Transform}"

# A TEI document with what the parameters need: two headed divisions (a table of
# contents), a footnote, ten verse lines, and a paragraph with @rend and @xml:lang.
SHOWCASE = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>A showcase</title></titleStmt>
    <publicationStmt><availability><p>Public domain.</p></availability></publicationStmt>
    <sourceDesc><bibl>Printed copy, 1990</bibl></sourceDesc></fileDesc></teiHeader>
  <text><body>
    <div xml:id="prose"><head>Prose</head>
      <p xml:id="p1" rend="indent" xml:lang="de">Ein Absatz.<note n="1" place="foot" xml:id="n1">A note.</note></p>
    </div>
    <div xml:id="verse"><head>Verse</head>
      <lg>""" + "".join(f"<l>Line {n}</l>" for n in range(1, 11)) + """</lg>
    </div>
  </body></text>
</TEI>
"""


def guide_sections() -> dict[str, dict[str, str]]:
    """{"Parameters": {name: first xml example}, "Hooks": {…}} as the page has them."""
    found: dict[str, dict[str, str]] = {}
    for part in re.split(r"^## ", GUIDE.read_text(encoding="utf-8"), flags=re.M)[1:]:
        title, _, body = part.partition("\n")
        for entry in re.split(r"^### ", body, flags=re.M)[1:]:
            name = re.match(r"`([\w-]+)`", entry)
            example = re.search(r"```xml\n(.*?)```", entry, re.S)
            assert name and example, f"each entry of {GUIDE.name} is ### `name` with an xml example: {entry[:60]!r}"
            found.setdefault(title.strip(), {})[name[1]] = example[1]
    return found


def catalogue() -> dict[str, set[str]]:
    root = etree.parse(str(CATALOGUE)).getroot()
    return {"Parameters": {p.get("name") for p in root.findall(f"{XSL}param")},
            "Hooks": {t.get("name") for t in root.findall(f"{XSL}template")}}


def test_the_guide_and_the_catalogue_name_the_same_parameters_and_hooks() -> None:
    sections = guide_sections()
    listed = catalogue()
    assert {title: set(entries) for title, entries in sections.items()} == listed
    assert len(listed["Parameters"]) >= 3 and len(listed["Hooks"]) >= 5


def test_every_hook_is_empty_in_the_catalogue() -> None:
    for template in etree.parse(str(CATALOGUE)).getroot().findall(f"{XSL}template"):
        assert len(template) == 0 and not (template.text or "").strip(), template.get("name")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A two-document edition whose stylesheet is every example of the guide."""
    edition = tmp_path_factory.mktemp("hooks")
    (edition / "edition.toml").write_text('title = "Hooks"\n', encoding="utf-8")
    (edition / "sources").mkdir()
    shutil.copy(REPO / "tests" / "fixtures" / "transcripts" / "colon-labels.txt", edition / "sources")
    (edition / "sources" / "showcase.xml").write_text(SHOWCASE, encoding="utf-8")
    skeleton = re.search(r"```xml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)[1]
    examples = "\n".join(e for entries in guide_sections().values() for e in entries.values())
    (edition / "xslt").mkdir()
    (edition / "xslt" / "tei-to-html.xsl").write_text(
        skeleton.replace("<!-- parameters and hooks from below go here -->", examples), encoding="utf-8")
    out = edition / "site"
    result = build(edition, out, search=False)
    assert not has_errors(result.diagnostics), [d.format() for d in result.diagnostics]
    return out


def text_of(site: Path, doc: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site / "documents" / f"{doc}.html")).xpath("//div[@class='tei-text']")[0]


def test_parameters_change_line_numbers_and_headings(site: Path) -> None:
    text = text_of(site, "showcase")
    assert text.xpath(".//span[@class='lnum']/text()") == ["10"]  # every ten lines, not every five
    assert text.xpath(".//nav[@class='toc']/@aria-label") == ["Inhalt"]
    assert text.xpath(".//p[@class='toc-title']/text()") == ["Inhalt"]
    assert text.xpath(".//section[@class='footnotes']/h2/text()") == ["Endnotes"]


def test_before_text_and_after_text_frame_the_document(site: Path) -> None:
    text = text_of(site, "showcase")
    first, last = text[0], text[-1]
    assert (first.get("class"), first.text_content()) == ("source-note", "Source: Printed copy, 1990")
    assert (last.get("class"), last.text_content()) == ("colophon", "Public domain.")
    assert last.getprevious().get("class") == "footnotes"  # after the footnotes


def test_speech_hooks_open_and_close_every_speech(site: Path) -> None:
    speeches = text_of(site, "colon-labels").xpath(".//div[contains(@class, 'tei-sp')]")
    assert len(speeches) >= 5
    for number, speech in enumerate(speeches, 1):
        assert speech.get("data-speech") == str(number)
        assert speech[0].get("class") == "speech-number" and speech[0].text_content() == f"Speech {number}"
        assert speech[1].get("class") == "tei-speaker"
        assert speech[-1].get("class") == "speech-more"
    who = speeches[0].get("data-who")
    assert speeches[0][-1].xpath("a/@href") == [f"../persons.html#{who}"]


def test_paragraph_attributes_add_a_class_and_a_language(site: Path) -> None:
    paragraph = text_of(site, "showcase").xpath(".//p[@id='p1']")[0]
    assert paragraph.get("class") == "tei-p rend-indent"
    assert paragraph.get("lang") == "de"
    plain = text_of(site, "colon-labels").xpath(".//p[contains(@class, 'tei-p')]")
    assert plain and all(p.get("class") == "tei-p" and p.get("lang") is None for p in plain)
