"""The one thin layer over lxml: a safe parser, namespaces and small helpers.

Every XML parse in the tool goes through `parse`: no network, no DTD loading,
no entity expansion, so a hostile source cannot read local files or explode.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from edition.core.diagnostics import EditionError, error

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {"tei": TEI_NS}
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"


def q(local: str) -> str:
    """Clark name of a TEI element: q("sp") == "{http://www.tei-c.org/ns/1.0}sp"."""
    return f"{{{TEI_NS}}}{local}"


def local_name(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def safe_parser() -> etree.XMLParser:
    """No network, no DTD, no entity expansion: for every XML the tool reads (sources, schemas, stylesheets)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse(data: bytes, filename: str) -> etree._ElementTree:
    """Parse XML bytes safely; malformed input raises EditionError with line and column."""
    try:
        root = etree.fromstring(data, safe_parser(), base_url=None)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (1, 1)
        message = _readable_syntax_error(exc.msg or "malformed XML")
        if message.endswith("already defined"):
            code, hint = "duplicate-id", "each xml:id may appear once in a file: rename one of them"
        else:
            code, hint = "xml-syntax", "fix the markup at this position; the file must be well-formed XML"
        raise EditionError([error(filename, line or 1, col or 1, code, message, hint)]) from None
    return root.getroottree()


_POSITION = re.compile(r",? line \d+, column \d+.*$")
_MISMATCH = re.compile(r"^Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)")


def _readable_syntax_error(message: str) -> str:
    message = _POSITION.sub("", message.split(" (<string>", 1)[0]).strip()
    if match := _MISMATCH.match(message):
        return f"<{match[1]}> opened on line {match[2]} is not closed before </{match[3]}>"
    return message


def serialize(tree: etree._ElementTree | etree._Element) -> bytes:
    """Deterministic UTF-8 serialisation with an XML declaration."""
    body: bytes = etree.tostring(tree, encoding="UTF-8")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def xpath(node: etree._Element, path: str) -> list[Any]:
    found: list[Any] = node.xpath(path, namespaces=NSMAP)
    return found


def text_of(element: etree._Element | None) -> str:
    """All text below an element with whitespace collapsed."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())
