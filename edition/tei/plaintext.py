"""TEI → the archive's plain-text conventions (labels, brackets, parentheses).

The inverse of the encoder's body rules: for an encoded transcript it gives
back the source text, whitespace aside.
"""

from __future__ import annotations

from lxml import etree

from edition.tei.xml import local_name, q


def _inline(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        name = local_name(child)
        inner = _inline(child)
        if name in ("supplied", "foreign"):
            parts.append(f"[{inner}]")
        elif name == "gap":
            desc = child.find(q("desc"))
            parts.append(f"[{_inline(desc) if desc is not None else ''}]")
        elif name == "incident":
            desc = child.find(q("desc"))
            parts.append(f"({_inline(desc) if desc is not None else ''})")
        elif name == "note":
            parts.append(f"[{inner}]")
        else:
            parts.append(inner)
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def to_text(tree: etree._ElementTree) -> str:
    """The body of a TEI document as paragraphs separated by blank lines."""
    body = tree.getroot().find(f"{q('text')}/{q('body')}")
    paragraphs: list[str] = []
    if body is None:
        return ""
    for element in body.iter(q("head"), q("opener"), q("speaker"), q("p")):
        if local_name(element) == "p" and element.getparent().tag == q("sp") and _first_p(element):
            continue  # joined to its speaker label below
        text = _inline(element)
        if local_name(element) == "speaker":
            first = element.getparent().find(q("p"))
            text = f"{text} {_inline(first)}" if first is not None else text
        paragraphs.append(text.strip())
    return "\n\n".join(paragraphs) + "\n"


def _first_p(p: etree._Element) -> bool:
    return p.getparent().find(q("p")) is p
