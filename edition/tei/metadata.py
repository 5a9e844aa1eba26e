"""What pages need to know about a document, read from its TEI header and text."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from edition.core.outputs import DocumentFiles
from edition.tei.xml import XML_ID, text_of, xpath


@dataclass(frozen=True)
class Person:
    id: str
    name: str


@dataclass(frozen=True)
class DocumentMeta:
    id: str
    title: str
    date_when: str = ""
    date_text: str = ""
    summary: str = ""
    document_type: str = ""
    source: str = ""
    archive: str = ""
    record_id: str = ""
    translator: str = ""
    rights: tuple[str, ...] = ()
    funder: str = ""
    persons: tuple[Person, ...] = field(default_factory=tuple)
    speeches: int = 0

    @property
    def url(self) -> str:
        return DocumentFiles(self.id).page


_PUBLICATION = "tei:teiHeader/tei:fileDesc/tei:publicationStmt"
_PROFILE = "tei:teiHeader/tei:profileDesc"
_OTHER_DATES = (f"{_PROFILE}/tei:creation/tei:date/@notBefore | {_PROFILE}/tei:settingDesc//tei:date/@when"
                f" | {_PROFILE}/tei:settingDesc//tei:date/@notBefore | tei:teiHeader//tei:sourceDesc//tei:date/@when")


def _first(node: etree._Element, path: str) -> etree._Element | None:
    found = xpath(node, path)
    return found[0] if found else None


def read_metadata(doc_id: str, tree: etree._ElementTree) -> DocumentMeta:
    root = tree.getroot()
    date = _first(root, "tei:teiHeader/tei:profileDesc/tei:creation/tei:date")
    when = (date.get("when") or date.get("from") or "") if date is not None else ""
    if not when:  # FRUS and others: the date of the meeting, where there is one
        when = str(next(iter(xpath(root, _OTHER_DATES)), ""))[:10]
    return DocumentMeta(
        id=doc_id,
        title=text_of(_first(root, "tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title")) or doc_id,
        date_when=when,
        date_text=text_of(date) if date is not None else "",
        summary=text_of(_first(root, "tei:teiHeader/tei:profileDesc/tei:abstract")),
        document_type=text_of(_first(root, f"{_PROFILE}/tei:textClass/tei:keywords/tei:term[@type='document-type']")),
        source=text_of(_first(root, "tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl/tei:note[@type='source']")),
        archive=text_of(_first(root, "tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl/tei:publisher")),
        record_id=text_of(_first(root, "tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl/tei:idno")),
        translator=text_of(_first(root, "tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl/tei:respStmt/tei:name")),
        rights=tuple(text_of(p) for p in xpath(root, f"{_PUBLICATION}/tei:availability/tei:p")),
        funder=text_of(_first(root, "tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:funder")),
        persons=declared_persons(root),
        speeches=len(xpath(root, "tei:text//tei:sp | tei:text//tei:u")),
    )


def declared_persons(root: etree._Element) -> tuple[Person, ...]:
    """Persons of the header's listPerson; else FRUS-style participants (persName with @corresp)."""
    persons = [Person(p.get(XML_ID), text_of(_first(p, "tei:persName")) or p.get(XML_ID))
               for p in xpath(root, f"{_PROFILE}/tei:particDesc/tei:listPerson/tei:person[@xml:id]")]
    if not persons:
        seen: set[str] = set()
        for name in xpath(root, "tei:text//tei:list[@type='participants']//tei:persName[starts-with(@corresp, '#')]"):
            person_id = name.get("corresp")[1:].split()[0]
            if person_id not in seen:
                seen.add(person_id)
                persons.append(Person(person_id, text_of(name)))
    return tuple(persons)
