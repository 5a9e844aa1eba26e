"""TeX formulas (`formula notation="TeX"`) as MathML, which browsers render without a script.

The stylesheet marks declared TeX as `<code class="tex tei-formula-tex">`; this pass converts
each with latex2mathml. A formula comes from the edition's sources, which may come from anyone,
and latex2mathml passes some TeX through as markup (`\\href` becomes an `href` attribute, `\\mbox`
copies its text unescaped): so its output is parsed as XML and rebuilt from a list of MathML
elements and attributes, and anything else makes the formula fail. A formula that fails, or
uses a command latex2mathml does not know, stays TeX code and is a located warning. The TeX
source is kept in the MathML as its `annotation`.

TeX guessed from its commands in a formula without `@notation` is not converted: the stylesheet
keeps it as TeX code (a `$` or a backslash is not proof enough).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.html
from latex2mathml.converter import convert
from lxml import etree

from edition.core.diagnostics import Diagnostic, warning
from edition.tei.xml import TEI_NS

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
MARKER = "tei-formula-tex"

# MathML Core's presentation elements (and semantics/annotation, which keep the TeX).
ELEMENTS = frozenset("""math mrow mi mn mo ms mtext mspace msup msub msubsup mfrac msqrt mroot mstyle merror
    mpadded mphantom menclose munder mover munderover mtable mtr mtd mmultiscripts mprescripts none
    semantics annotation""".split())
# Layout attributes only: no href, style, class, id or event handler reaches the page.
ATTRIBUTES = frozenset("""display displaystyle scriptlevel mathvariant mathsize stretchy fence separator form
    largeop movablelimits accent accentunder lspace rspace minsize maxsize symmetric width height depth
    voffset linethickness columnalign rowalign columnspan rowspan columnlines rowlines frame columnspacing
    rowspacing notation encoding dir""".split())
_COLOUR = re.compile(r"^#?[A-Za-z0-9]{1,20}$")  # \color{red}, #c00: never a url()

Where = Callable[[str], tuple[int, int]]


class NotMathML(ValueError):
    """latex2mathml's output holds something that is not plain MathML."""


def tex_to_mathml(tex: str, block: bool = False) -> etree._Element:
    """MathML (an HTML element tree, no namespace) for `tex`; ValueError (any kind) when it cannot be had."""
    try:
        output = convert(tex, display="block" if block else "inline")
    except Exception as exc:  # latex2mathml raises its own and Python's errors on bad input
        raise ValueError(_reason(exc)) from None
    try:
        math = etree.fromstring(output, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        raise NotMathML("the TeX holds markup (such as < or & inside \\mbox or \\text)") from None
    unknown = [mi.text for mi in math.iter(f"{{{MATHML_NS}}}mi") if (mi.text or "").startswith("\\")]
    if unknown:
        raise ValueError(f"{unknown[0]} is not a TeX command latex2mathml knows")
    tree = _rebuilt(math)
    semantics = lxml.html.Element("semantics")  # the formula, then its TeX as the annotation
    children = list(tree)
    if len(children) == 1:
        semantics.append(children[0])
    else:
        row = lxml.html.Element("mrow")
        row.text, tree.text = tree.text, None
        row.extend(children)
        semantics.append(row)
    annotation = lxml.html.Element("annotation", {"encoding": "application/x-tex"})
    annotation.text = tex
    semantics.append(annotation)
    tree.append(semantics)
    return tree


def _rebuilt(element: etree._Element) -> lxml.html.HtmlElement:
    """A copy of `element` made of listed MathML elements and attributes only."""
    name = etree.QName(element)
    if name.namespace != MATHML_NS or name.localname not in ELEMENTS:
        raise NotMathML(f"the TeX makes a {name.localname} element, which is not MathML")
    attributes = {key: value for key, value in element.attrib.items()
                  if key in ATTRIBUTES or (key in ("mathcolor", "mathbackground") and _COLOUR.match(value))}
    copy = lxml.html.Element(name.localname, attributes)
    copy.text = element.text
    for child in element:
        if not isinstance(child.tag, str):
            continue  # a comment or processing instruction
        rebuilt = _rebuilt(child)
        rebuilt.tail = child.tail
        copy.append(rebuilt)
    return copy


def _reason(exc: Exception) -> str:
    name = re.sub(r"(?<!^)(?=[A-Z])", " ", type(exc).__name__).lower().removesuffix(" error")
    detail = str(exc).strip()
    return f"latex2mathml cannot read it ({name}{': ' + detail[:120] if detail else ''})"


def convert_formulas(html: str, source: str, where: Where) -> tuple[str, list[Diagnostic]]:
    """The fragment with each declared TeX formula as MathML; a warning (located by `where`, given the
    TeX) for each formula that stays TeX code."""
    if MARKER not in html:
        return html, []
    fragment = lxml.html.fragment_fromstring(html)
    problems = []
    for code in fragment.xpath("//code[contains(concat(' ', @class, ' '), $marker)]", marker=f" {MARKER} "):
        tex = code.text_content()
        container = code.getparent()
        try:
            math = tex_to_mathml(tex, block=container is not None and container.tag == "div")
        except ValueError as reason:
            line, col = where(tex)
            problems.append(warning(source, line, col, "tex-formula",
                                    f"this TeX formula is shown as TeX code: {reason}",
                                    "correct the TeX, or give the formula as MathML"))
            continue
        math.tail = code.tail
        code.getparent().replace(code, math)
    return str(lxml.html.tostring(fragment, encoding="unicode", method="html")), problems


def tex_formula_finder(tree: etree._ElementTree, locate: Callable[[etree._Element], tuple[int, int]]) -> Where:
    """Where in the source a TeX formula is, by its text (the HTML keeps no line numbers)."""
    def where(tex: str) -> tuple[int, int]:
        wanted = " ".join(tex.split())
        for formula in tree.iter(f"{{{TEI_NS}}}formula"):
            if (formula.get("notation") or "").lower() in ("tex", "latex") and " ".join(
                    "".join(formula.itertext()).split()) == wanted:
                return locate(formula)
        return 1, 1
    return where
