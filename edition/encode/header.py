"""Meta → teiHeader."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from edition.encode.dates import parse_date
from edition.encode.model import Meta
from edition.encode.speakers import Person
from edition.tei.xml import XML_ID, q


@dataclass(frozen=True)
class Publication:
    """What the edition says about itself in every header (from edition.toml)."""

    publisher: str = "Unpublished edition"
    licence: str = ""
    licence_url: str = ""


def _add(parent: etree._Element, name: str, text: str = "", **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, q(name), {k: v for k, v in attributes.items() if v})
    if text:
        element.text = text
    return element


def build_header(meta: Meta, persons: list[Person], publication: Publication,
                 responsibilities: set[str]) -> etree._Element:
    header = etree.Element(q("teiHeader"))
    file_desc = _add(header, "fileDesc")
    title_stmt = _add(file_desc, "titleStmt")
    _add(title_stmt, "title", meta.title or "Untitled document")
    if meta.funder:
        _add(title_stmt, "funder", meta.funder)
    for role in sorted(responsibilities | ({"translator"} if meta.translator else set())):
        statement = _add(title_stmt, "respStmt")
        statement.set(XML_ID, role)
        _add(statement, "resp", "translation" if role == "translator" else "editorial notes")
        name = meta.translator if role == "translator" else ""
        _add(statement, "name", name or f"the {role}")

    publication_stmt = _add(file_desc, "publicationStmt")
    _add(publication_stmt, "publisher", publication.publisher)
    availability = _add(publication_stmt, "availability")
    if publication.licence:
        _add(availability, "licence", publication.licence, target=publication.licence_url)
    for paragraph in meta.rights:
        _add(availability, "p", paragraph)
    if not len(availability):
        _add(availability, "p", "Rights not stated.")

    bibl = _add(_add(file_desc, "sourceDesc"), "bibl")
    _add(bibl, "title", meta.title or "Untitled document")
    if meta.archive:
        _add(bibl, "publisher", meta.archive)
    if meta.source:
        _add(bibl, "note", meta.source, type="source")
    if meta.record_id:
        _add(bibl, "idno", meta.record_id, type="record")
    if meta.uploaded:
        _add(bibl, "date", meta.uploaded, type="uploaded", when=parse_date(meta.uploaded) or "")
    if meta.translator:
        translation = _add(bibl, "respStmt")
        _add(translation, "resp", "translated by")
        _add(translation, "name", meta.translator)

    profile = _add(header, "profileDesc")
    creation = _add(profile, "creation")
    _add(creation, "date", meta.date_text or meta.date_when or "undated", when=meta.date_when)
    if meta.summary:
        _add(_add(profile, "abstract"), "p", meta.summary)
    if meta.document_type:
        keywords = _add(_add(profile, "textClass"), "keywords")
        _add(keywords, "term", meta.document_type, type="document-type")
    if persons:
        list_person = _add(_add(profile, "particDesc"), "listPerson")
        for person in persons:
            element = _add(list_person, "person")
            element.set(XML_ID, person.id)
            for index, name in enumerate(person.names):
                _add(element, "persName", name, type="" if index == 0 else "variant")
    return header
