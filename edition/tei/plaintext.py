"""TEI → the archive's plain-text conventions (labels, brackets, parentheses).

The inverse of the encoder's body rules: for an encoded transcript it gives
back the source text, whitespace aside.
"""

from __future__ import annotations

from lxml import etree

from edition.tei.conventions import BY_ELEMENT, DATELINE, HEADING, PARAGRAPH, SPEAKER, SPEECH
from edition.tei.xml import local_name, q

_P = q(PARAGRAPH.element)


def _inline(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        convention = BY_ELEMENT.get(local_name(child))
        if convention is None or not convention.brackets:
            parts.append(_inline(child))
        else:
            words = child.find(q(convention.words_in)) if convention.words_in else child
            parts.append(convention.wrap(_inline(words) if words is not None else ""))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def to_text(tree: etree._ElementTree) -> str:
    """The body of a TEI document as paragraphs separated by blank lines."""
    body = tree.getroot().find(f"{q('text')}/{q('body')}")
    paragraphs: list[str] = []
    if body is None:
        return ""
    for element in body.iter(*(q(c.element) for c in (HEADING, DATELINE, SPEAKER, PARAGRAPH))):
        if element.tag == _P and element.getparent().tag == q(SPEECH.element) and _first_p(element):
            continue  # joined to its speaker label below
        text = _inline(element)
        if local_name(element) == SPEAKER.element:
            first = element.getparent().find(_P)
            text = f"{text} {_inline(first)}" if first is not None else text
        paragraphs.append(text.strip())
    return "\n\n".join(paragraphs) + "\n"


def _first_p(p: etree._Element) -> bool:
    return p.getparent().find(_P) is p
