"""Edition-wide checks that no single document can answer.

Persons, places and organisations are edition-level entities: the same xml:id
may be declared in several documents only for the same entity (the persons
page merges them), and must agree with the persons register. Every other
xml:id is scoped to its document (its URL), where XML already keeps it unique.
"""

from __future__ import annotations

import functools
import re

import msgspec
from lxml import etree

from edition.core.diagnostics import Diagnostic, Severity, error, warning
from edition.project.register import Register
from edition.tei.validate import Locate
from edition.tei.xml import NSMAP, XML_ID, text_of

ENTITY_ELEMENTS = "//tei:person[@xml:id] | //tei:personGrp[@xml:id] | //tei:place[@xml:id] | //tei:org[@xml:id]"
_WORD = re.compile(r"[^\W\d_]{3,}")


class Declared(msgspec.Struct, frozen=True):
    filename: str
    kind: str
    names: tuple[str, ...]
    severity: Severity = Severity.ERROR


@functools.lru_cache(maxsize=2**16)  # the same few names meet again in every document (20,000: 68,000 times)
def _same_name(a: str, b: str) -> bool:
    """'M.S. Gorbachev' ~ 'Mikhail S. Gorbachev' ~ 'Gorbachev'; 'J. Smith' !~ 'Adam Smith'."""
    words_a, words_b = _WORD.findall(a.lower()), _WORD.findall(b.lower())
    if not words_a or not words_b or words_a[-1] != words_b[-1]:
        return False
    given_a = "".join(w[0] for w in re.findall(r"[^\W\d_]+", a.lower())[:-1])
    given_b = "".join(w[0] for w in re.findall(r"[^\W\d_]+", b.lower())[:-1])
    return given_a.startswith(given_b) or given_b.startswith(given_a)


def _same_entity(first: Declared, other: Declared) -> bool:
    if first.kind != other.kind and {first.kind, other.kind} != {"person", "personGrp"}:
        return False
    if not first.names or not other.names:
        return True
    return any(_same_name(a, b) for a in first.names for b in other.names)


def _names(element: etree._Element) -> tuple[str, ...]:
    names = [text_of(n) for n in element.xpath("tei:persName | tei:placeName | tei:orgName | tei:name",
                                               namespaces=NSMAP)]
    return tuple(n for n in names if n) or ((text_of(element),) if text_of(element) else ())


class Declaration(msgspec.Struct, frozen=True):
    """One entity declared in one document: small enough to send back from a worker process."""

    entity_id: str
    declared: Declared
    line: int
    col: int


def declarations(filename: str, tree: etree._ElementTree, locate: Locate,
                 severity: Severity) -> list[Declaration]:
    """Severity per document: TEI from elsewhere often reuses ids on purpose (DraCor's cross-play
    characters), and names there are not reliable enough to call a clash an error."""
    found = []
    for element in tree.xpath(ENTITY_ELEMENTS, namespaces=NSMAP):
        line, col = locate(element)
        declared = Declared(filename, etree.QName(element).localname, _names(element), severity)
        found.append(Declaration(element.get(XML_ID), declared, line, col))
    return found


def check_entity_ids(documents: list[list[Declaration]], register: Register) -> list[Diagnostic]:
    """The same id declared for different entities in different documents (or the register)."""
    seen = {p.id: Declared("persons.toml", "person", (p.name, *p.variants)) for p in register.persons.values()}
    problems: list[Diagnostic] = []
    for document in documents:
        for found in document:
            declared = found.declared
            first = seen.setdefault(found.entity_id, declared)
            if first is declared or first.filename == declared.filename or _same_entity(first, declared):
                continue
            # An error when either declaration is the edition's own TEI.
            strict = Severity.ERROR in (declared.severity, first.severity)
            make = error if strict else warning
            problems.append(make(
                declared.filename, found.line, found.col, "id-unique-edition",
                f"xml:id '{found.entity_id}' declares {declared.kind} '{'; '.join(declared.names)}' here "
                f"but {first.kind} '{'; '.join(first.names)}' in {first.filename}",
                "one id names one entity across the edition: rename one of them, or map the speaker in [speakers]"))
    return problems
