"""One small TEI example per element of edition/tei/views.py, and what each view shows of it.

docs/rendering.md carries the table these make, between <!-- views:start --> and
<!-- views:end -->: what a reader sees is computed by running the bundled stylesheet,
so the page cannot drift from the rendering. `python -m tests.rendering_examples
docs/rendering.md` rewrites that table; tests/test_rendering.py checks it is current.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import lxml.html

from edition.site.transform import Transformer
from edition.tei.views import DIPLOMATIC, READING, RENDERINGS, Rendering

TEI = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
       '<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>'
       '<encodingDesc><tagsDecl><rendition xml:id="sup" scheme="css">vertical-align: super</rendition></tagsDecl>'
       '</encodingDesc></teiHeader><text><body>{body}</body></text></TEI>')

# element (or "element in parent") → a paragraph of TEI showing it.
EXAMPLES: dict[str, str] = {
    "del": '<p>not as <del rend="strikethrough">victors</del> neighbours</p>',
    "del in restore": '<p>a <restore><del>kind</del></restore> word</p>',
    "add": '<p>not as <add place="above">good</add> neighbours</p>',
    "subst": '<p>we have <subst><del>lost</del><add>learned</add></subst> much</p>',
    "mod": '<p>the <mod type="subst">year</mod> ended</p>',
    "restore": '<p>a <restore><del>kind</del></restore> word</p>',
    "retrace": '<p>the <retrace>final</retrace> word</p>',
    "metamark": '<p>first <metamark function="transposition">⌐</metamark> second</p>',
    "handShift": '<p>written <handShift new="#h2"/>then by another</p>',
    "addSpan": '<p>begun <addSpan spanTo="#a1"/>added later<anchor xml:id="a1"/> end</p>',
    "delSpan": '<p>kept <delSpan spanTo="#d1"/>struck out<anchor xml:id="d1"/> kept</p>',
    "unclear": '<p>will <unclear reason="faded">not</unclear> forget</p>',
    "damage": '<p>the <damage agent="water">river</damage> rose</p>',
    "surplus": '<p>the the <surplus>the</surplus> end</p>',
    "secl": '<p>he said <secl>so it is told</secl> nothing</p>',
    "space": '<p>ich<space quantity="3" unit="chars"/>stand</p>',
    "gap": ('<p>and <gap reason="illegible" quantity="1" unit="chars"/> then '
            '<gap reason="lost" quantity="3" unit="line"/></p>'),
    "supplied": '<p>I have <supplied reason="omitted">been</supplied> there</p>',
    "sic in choice": '<p>the <choice><sic>goverment</sic><corr>government</corr></choice> will</p>',
    "corr in choice": '<p>the <choice><sic>goverment</sic><corr>government</corr></choice> will</p>',
    "abbr in choice": '<p>last <choice><abbr>yrs.</abbr><expan>years</expan></choice> ago</p>',
    "expan in choice": '<p>last <choice><abbr>yrs.</abbr><expan>years</expan></choice> ago</p>',
    "orig in choice": '<p>a <choice><orig>vvise</orig><reg>wise</reg></choice> man</p>',
    "reg in choice": '<p>a <choice><orig>vvise</orig><reg>wise</reg></choice> man</p>',
    "am": '<p><choice><abbr>D<am>r</am></abbr><expan>D<ex>octo</ex>r</expan></choice> King</p>',
    "ex": '<p><choice><abbr>D<am>r</am></abbr><expan>D<ex>octo</ex>r</expan></choice> King</p>',
    "lb": '<p>the Ver-<lb break="no" n="2"/>waltung and<lb n="3"/>the court</p>',
    "pb": '<p>end of one<pb n="2"/> page</p>',
    "cb": '<p>one column<cb n="b"/> the next</p>',
    "milestone": '<p>first<milestone unit="section" n="2"/> second</p>',
    "fw": '<p>text <fw type="catch">fol-</fw> goes on</p>',
    "note": '<p>A letter.<note xml:id="n1" place="foot">Now lost.</note> More.</p>',
    "app": '<p>The <app><lem wit="#A">quiet</lem><rdg wit="#B">silent</rdg></app> fields</p>',
    "lem": '<p>The <app><lem wit="#A">quiet</lem><rdg wit="#B">silent</rdg></app> fields</p>',
    "rdg": '<p>The <app><lem>quiet</lem><rdg wit="#B">silent</rdg><rdg resp="#ed" cause="conjecture">still</rdg>'
           '<rdg wit="#C" type="omission"/></app> fields</p>',
    "rdgGrp": '<p>The <app><lem>quiet</lem><rdgGrp><rdg wit="#B">silent</rdg></rdgGrp></app> fields</p>',
    "witDetail": '<p>The <app><lem wit="#A">quiet</lem><rdg wit="#B">silent</rdg>'
                 '<witDetail wit="#B">in the margin</witDetail></app> fields</p>',
    "listApp": '<p n="1">The quiet fields</p><listApp><app loc="1"><rdg wit="#B">silent</rdg></app></listApp>',
    "figDesc": '<p>See <figure><graphic url="images/map.png"/><figDesc>a map of the river</figDesc></figure></p>',
    "teiHeader": '<p>(the header is read for the page\'s metadata)</p>',
    "facsimile": '<p>(page images: shown beside the text)</p>',
    "standOff": '<p>(stand-off annotation: registers and links)</p>',
    "index": '<p>Finance<index><term>Finanzwesen</term></index> first.</p>',
    "interpGrp": '<p>Words<interpGrp><interp>topic</interp></interpGrp> only.</p>',
    "linkGrp": '<p>Words<linkGrp><link target="#a #b"/></linkGrp> only.</p>',
    "link": '<p>Words<link target="#a #b"/> only.</p>',
    "spanGrp": '<p>Words<spanGrp><span>a span</span></spanGrp> only.</p>',
    "timeline": '<p>Words<timeline unit="s"><when xml:id="t0"/></timeline> only.</p>',
}


def key(rule: Rendering) -> str:
    return f"{rule.element} in {rule.within}" if rule.within else rule.element


def render(body: str, transformer: Transformer) -> lxml.html.HtmlElement:
    html = transformer.to_html(TEI.format(body=body).encode(), "example.xml")
    return lxml.html.fragment_fromstring(html)


def view_text(fragment: lxml.html.HtmlElement, view: str) -> str:
    """What a reader sees in a view, as text: the other view's elements removed, line breaks as ' / '."""
    tree = lxml.html.fragment_fromstring(lxml.html.tostring(fragment, encoding="unicode"))
    hidden = "v-diplomatic-only" if view == READING else "v-reading-only"
    for element in tree.xpath(f"//*[contains(concat(' ', @class, ' '), ' {hidden} ')]"):
        element.drop_tree()
    for element in tree.xpath("//*[contains(concat(' ', @class, ' '), ' footnotes ')]/h2"
                              " | //*[contains(concat(' ', @class, ' '), ' apparatus ')]/h2"):
        element.drop_tree()
    # A reading waits in the text, hidden, for the witness switch; the switch is the page's own.
    for element in tree.xpath("//*[contains(concat(' ', @class, ' '), ' app-rdg ')] | //fieldset"):
        element.drop_tree()
    for section in tree.xpath("//section[@class = 'apparatus']"):
        section.text = " — apparatus: "
    for br in tree.xpath("//br"):
        br.tail = " / " + (br.tail or "")
    for img in tree.xpath("//img"):
        img.tail = f"[image: {img.get('alt')}]" + (img.tail or "")
    text = tree.text_content().replace("↩", "").replace("\u2003", "␣")
    return re.sub(r"\s+", " ", text).strip()


def docs_table(transformer: Transformer | None = None) -> str:
    transformer = transformer or Transformer()
    rows = ["| element | example (TEI) | reading view shows | diplomatic view shows | how it looks |",
            "|---|---|---|---|---|"]
    for rule in RENDERINGS:
        body = EXAMPLES[key(rule)]
        fragment = render(body, transformer)
        cells = [f"`{key(rule)}`", f"`{body}`", view_text(fragment, READING), view_text(fragment, DIPLOMATIC),
                 rule.looks]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows) + "\n"


def write_table(path: Path, table: str) -> bool:
    text = path.read_text(encoding="utf-8")
    start, end = "<!-- views:start -->\n", "<!-- views:end -->"
    if start not in text or end not in text:
        return False
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    path.write_text(before + start + table + end + after, encoding="utf-8")
    return True


def read_table(path: Path) -> str | None:
    match = re.search(r"<!-- views:start -->\n(.*?)<!-- views:end -->", path.read_text(encoding="utf-8"), re.S)
    return match[1] if match else None


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/rendering.md")
    if not write_table(target, docs_table()):
        sys.exit(f"{target}: no <!-- views:start --> … <!-- views:end --> markers")
    print(f"wrote the views table of {target}")
