"""Edition-wide checks that no single document can answer.

Persons, places and organisations are edition-level entities: the same xml:id
may be declared in several documents only for the same entity (the persons
page merges them), and must agree with the persons register. Every other
xml:id is scoped to its document (its URL), where XML already keeps it unique.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from edition.diagnostics import Diagnostic, Severity, error, warning
from edition.register import Register
from edition.tei import NSMAP, XML_ID, text_of
from edition.validate import Locate

ENTITY_ELEMENTS = "//tei:person[@xml:id] | //tei:personGrp[@xml:id] | //tei:place[@xml:id] | //tei:org[@xml:id]"
_WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class Declared:
    filename: str
    kind: str
    names: tuple[str, ...]
    severity: Severity = Severity.ERROR


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


def check_entity_ids(documents: list[tuple[str, etree._ElementTree, Locate, Severity]],
                     register: Register) -> list[Diagnostic]:
    """Severity per document: TEI from elsewhere often reuses ids on purpose (DraCor's cross-play
    characters), and names there are not reliable enough to call a clash an error."""
    seen = {p.id: Declared("persons.toml", "person", (p.name, *p.variants)) for p in register.persons.values()}
    problems: list[Diagnostic] = []
    for filename, tree, locate, severity in documents:
        for element in tree.xpath(ENTITY_ELEMENTS, namespaces=NSMAP):
            entity_id = element.get(XML_ID)
            kind = etree.QName(element).localname
            declared = Declared(filename, kind, _names(element), severity)
            first = seen.setdefault(entity_id, declared)
            if first is declared or first.filename == filename or _same_entity(first, declared):
                continue
            line, col = locate(element)
            # An error when either declaration is the edition's own TEI.
            strict = Severity.ERROR in (severity, first.severity)
            make = error if strict else warning
            problems.append(make(
                filename, line, col, "id-unique-edition",
                f"xml:id '{entity_id}' declares {kind} '{'; '.join(declared.names)}' here "
                f"but {first.kind} '{'; '.join(first.names)}' in {first.filename}",
                "one id names one entity across the edition: rename one of them, or map the speaker in [speakers]"))
    return problems
