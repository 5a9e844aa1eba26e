"""What pages and citations need to know about a document, read from its TEI header and text.

One reader for every kind of TEI the edition takes (its own encoded transcripts, FRUS, letters,
manuscripts, parliaments, plays). Each field follows the rules of docs/metadata.md, in order; a
field no rule finds is left empty — never filled with a guess or an id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import msgspec
from lxml import etree

from edition.core.langtag import to_bcp47
from edition.core.outputs import DocumentFiles
from edition.tei.dating import Dating, dating_of, frus_dating
from edition.tei.provenance import FRUS_NS, Provenance, read_provenance
from edition.tei.witnesses import Witness, read_witnesses
from edition.tei.xml import XML_ID, XML_LANG, text_of, xpath


class Person(msgspec.Struct, frozen=True):
    id: str
    name: str


@dataclass(frozen=True)
class Agent:
    """Someone who wrote, sent or received the document, and where."""

    name: str
    place: str = ""


@dataclass(frozen=True)
class Licence:
    name: str = ""
    url: str = ""


@dataclass(frozen=True)
class DocumentMeta:
    id: str
    title: str
    subtitle: str = ""
    dating: Dating = field(default_factory=Dating)
    summary: str = ""
    document_type: str = ""
    authors: tuple[Agent, ...] = ()
    senders: tuple[Agent, ...] = ()
    recipients: tuple[Agent, ...] = ()
    editors: tuple[str, ...] = ()
    translators: tuple[str, ...] = ()
    source: Provenance = field(default_factory=Provenance)
    licence: Licence = field(default_factory=Licence)  # the document's own; empty: the edition's applies
    rights: tuple[str, ...] = ()
    language: str = ""  # BCP 47; empty: the edition's
    funder: str = ""
    persons: tuple[Person, ...] = ()  # identified persons (the persons index links them)
    participants: tuple[str, ...] = ()  # everyone the document names as taking part, as it names them
    speeches: int = 0
    witnesses: tuple[Witness, ...] = ()  # a critical text's listWit, siglum and description
    corresp: tuple[str, ...] = ()  # what @corresp on TEI or text points at: other records of the same event
    translation: bool = False  # TEI/@type or text/@type says the document is a translation

    @property
    def url(self) -> str:
        return DocumentFiles(self.id).page

    @property
    def date_when(self) -> str:
        """The earliest possible day, ISO ('1989-12-02', '1790'); '' when undated."""
        return self.dating.earliest

    @property
    def date_text(self) -> str:
        return self.dating.words

    @property
    def year(self) -> str:
        return self.dating.year

    @property
    def people(self) -> tuple[str, ...]:
        """Who the home page lists: the participants, else senders, recipients and authors, else persons."""
        named = self.participants or tuple(a.name for a in (*self.senders, *self.recipients, *self.authors))
        return tuple(dict.fromkeys(named or (p.name for p in self.persons)))


_HEADER = "tei:teiHeader"
_TITLES = f"{_HEADER}/tei:fileDesc/tei:titleStmt/tei:title"
_PROFILE = f"{_HEADER}/tei:profileDesc"
_SOURCE = f"{_HEADER}/tei:fileDesc/tei:sourceDesc"
_NOT_THE_DOCUMENT = {"s", "j", "m"}  # series, journal and volume titles (@level)
_FRUS_NUMBER = re.compile(r"^\s*\d+[A-Z]?\.\s+")
# Leading words of a FRUS (or similar) heading that name the kind of document.
_GENRES = ("Memorandum of Conversation", "Memorandum for the Record", "Memorandum", "Record of Conversation",
           "Editorial Note", "Telegram", "Letter", "Minutes", "Note", "Paper", "Message", "Report", "Airgram",
           "Diary Entry", "Summary of Conversation", "Transcript", "Briefing Paper", "Cable", "Backchannel Message",
           "Information Memorandum", "Action Memorandum", "Record of Meeting", "Memorandum of Telephone Conversation")
# div/@type values that say how a text is cut up, not what it is.
_STRUCTURAL = {"document", "edition", "textpart", "transcript", "section", "chapter", "part", "div", "body",
               "translation", "commentary", "apparatus", "bibliography", "writingsession", "debatesection",
               "stueck", "act", "scene", "regest", "agenda_item", "issue_title_line"}
_ROLES_ONLY = re.compile(r"(?:an? )?(?:interpreters?|notetakers?|note-takers?|translators?)", re.I)


def _first(node: etree._Element, path: str) -> etree._Element | None:
    found = xpath(node, path)
    return found[0] if found else None


def _clean(text: str) -> str:
    return " ".join(text.split()).strip()


def read_metadata(doc_id: str, tree: etree._ElementTree,
                  document_types: dict[str, str] | None = None) -> DocumentMeta:
    root = tree.getroot()
    language = read_language(root)
    title, subtitle = read_title(root, language)
    senders, recipients = read_correspondents(root)
    return DocumentMeta(
        id=doc_id,
        title=title,
        subtitle=subtitle,
        dating=read_dating(root),
        summary=text_of(_first(root, f"{_PROFILE}/tei:abstract")),
        document_type=read_document_type(root, document_types or {}),
        authors=tuple(Agent(_person_name(a)) for a in xpath(root, f"{_HEADER}/tei:fileDesc/tei:titleStmt/tei:author")
                      if _person_name(a)),
        senders=senders,
        recipients=recipients,
        editors=_names(root, f"{_HEADER}/tei:fileDesc/tei:titleStmt/tei:editor[not(@role='translator')]"),
        translators=_translators(root),
        source=read_provenance(root, title),
        licence=read_licence(root),
        rights=_rights(root),
        language=language,
        funder=text_of(_first(root, f"{_HEADER}/tei:fileDesc/tei:titleStmt/tei:funder")),
        persons=declared_persons(root),
        participants=read_participants(root),
        speeches=len(xpath(root, "tei:text//tei:sp | tei:text//tei:u")),
        witnesses=read_witnesses(root),
        corresp=tuple(dict.fromkeys(token for value in xpath(root, "@corresp | tei:text/@corresp")
                                    for token in str(value).split())),
        translation=any("translation" in str(t).split() for t in xpath(root, "@type | tei:text/@type")),
    )


# Title ----------------------------------------------------------------------------------------------

def read_title(root: etree._Element, language: str) -> tuple[str, str]:
    """(title, subtitle): the main title of the header, else the first heading of the text."""
    titles = [t for t in xpath(root, _TITLES) if _clean(text_of(t))]
    candidates = [t for t in titles if t.get("level") == "a"] \
        or [t for t in titles if t.get("type") == "main" and t.get("level") not in _NOT_THE_DOCUMENT] \
        or [t for t in titles if t.get("type") in (None, "main", "alt") and t.get("level") not in _NOT_THE_DOCUMENT] \
        or [t for t in titles if t.get("type") != "sub"]
    if candidates:
        chosen = next((t for t in candidates if _lang_of(t) == language), candidates[0])
        subtitles = [t for t in titles if t.get("type") == "sub" and t.get("level") not in _NOT_THE_DOCUMENT]
        subtitle = next((t for t in subtitles if _lang_of(t) in ("", language)), None)
        return _without_number(_clean(text_of(chosen)), root), _clean(text_of(subtitle))
    head = _first(root, "tei:text/tei:body//tei:head[normalize-space()]")
    if head is None:
        return "", ""
    return _without_number(_heading_text(head), root), ""


def _heading_text(head: etree._Element) -> str:
    """A heading's words without its footnotes."""
    copy = etree.fromstring(etree.tostring(head))
    etree.strip_elements(copy, "{http://www.tei-c.org/ns/1.0}note", with_tail=False)
    return _clean("".join(copy.itertext()))


def _without_number(title: str, root: etree._Element) -> str:
    """FRUS headings carry the document number ('60. Memorandum…'), which pages show on their own."""
    return _FRUS_NUMBER.sub("", title) if FRUS_NS in root.nsmap.values() else title


def _lang_of(element: etree._Element) -> str:
    return normalise_language(element.get(XML_LANG, ""))


# Date -----------------------------------------------------------------------------------------------

# Where a document's date is read, first match wins (docs/metadata.md).
_DATE_PLACES = (
    f"{_PROFILE}/tei:creation/tei:date[@type='sent' or not(@type) or @type='sortDate']",
    f"{_PROFILE}/tei:creation//tei:date[not(@type='received')]",
    f"{_PROFILE}/tei:correspDesc/tei:correspAction[@type='sent' or @type='sentBy']/tei:date",
    f"{_SOURCE}/tei:msDesc/tei:history/tei:origin//*[self::tei:origDate or self::tei:date]",
    f"{_PROFILE}/tei:settingDesc/tei:setting/tei:date",
    "tei:text//tei:docDate",
    "tei:text//tei:dateline//tei:date",
    "tei:text//tei:opener/tei:date",
    "tei:text/tei:body/tei:div/tei:head/tei:date",
    "tei:text//tei:dateline",
    f"{_SOURCE}/tei:bibl/tei:date",
    f"{_SOURCE}/tei:biblFull/tei:publicationStmt/tei:date[@type='publication']",  # DTA: the printed original
)


def read_dating(root: etree._Element) -> Dating:
    for place in _DATE_PLACES:
        for element in xpath(root, place):
            if dating := dating_of(element):
                return dating
        if place == f"{_PROFILE}/tei:settingDesc/tei:setting/tei:date":
            for div in xpath(root, "tei:text/tei:body/tei:div[@*[local-name()='doc-dateTime-min']]"):
                if dating := frus_dating(div, FRUS_NS):
                    return dating
    return Dating()


# People ---------------------------------------------------------------------------------------------

def _name_of(element: etree._Element | None) -> str:
    """A name as words: forename and surname apart, an idno or a date inside it left out."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if etree.QName(child).localname not in ("idno", "date", "note", "affiliation"):
            parts.append(_name_of(child))
        parts.append(child.tail or "")
    return _clean(" ".join(p.strip() for p in parts if p.strip()))


def _person_name(element: etree._Element) -> str:
    """The name of an author, editor or translator element: its first persName/name/orgName, else its words."""
    first = _first(element, "tei:persName | tei:name | tei:orgName")
    return _name_of(first) if first is not None else _name_of(element)


def _names(root: etree._Element, path: str) -> tuple[str, ...]:
    names: list[str] = []
    for element in xpath(root, path):
        parts = xpath(element, "tei:persName[not(@xml:lang) or position() = 1] | tei:name | tei:orgName")
        for name in [_name_of(p) for p in parts] if parts else [_name_of(element)]:
            if name and name not in names:
                names.append(name)
    return tuple(names)


def _translators(root: etree._Element) -> tuple[str, ...]:
    translators = list(_names(root, f"{_HEADER}/tei:fileDesc/tei:titleStmt/tei:editor[@role='translator']"))
    for resp in xpath(root, f"{_HEADER}/tei:fileDesc//tei:respStmt[tei:resp[contains(translate(., 'TRANSL', "
                            "'transl'), 'transl')]]"):
        translators += [n for n in _names(resp, "tei:persName | tei:name") if n not in translators]
    return tuple(translators)


def read_correspondents(root: etree._Element) -> tuple[tuple[Agent, ...], tuple[Agent, ...]]:
    """Senders and recipients with their places, from correspDesc (or DTA's creation/persName)."""
    def agents(kinds: str) -> tuple[Agent, ...]:
        found = []
        for action in xpath(root, f"{_PROFILE}/tei:correspDesc/tei:correspAction[{kinds}]"):
            place = _name_of(_first(action, "tei:placeName | tei:settlement"))
            found += [Agent(_name_of(p), place) for p in xpath(action, "tei:persName | tei:orgName | tei:name")
                      if _name_of(p)]
        return tuple(found)
    senders = agents("@type='sent' or @type='sentBy'")
    recipients = agents("@type='received' or @type='deliveredTo'")
    if not senders and not recipients:  # DTA letters: creation/persName[@type='sender'|'addressee']
        senders = tuple(Agent(_name_of(p))
                        for p in xpath(root, f"{_PROFILE}/tei:creation/tei:persName[@type='sender']"))
        recipients = tuple(Agent(_name_of(p))
                           for p in xpath(root, f"{_PROFILE}/tei:creation/tei:persName[@type='addressee']"))
    return senders, recipients


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


def read_participants(root: etree._Element) -> tuple[str, ...]:
    """Every entry of a participants list, as the source names them ('The President', 'Brig Gen Gary L. Curtin')."""
    names: list[str] = []
    for item in xpath(root, "tei:text//tei:list[@type='participants']//tei:item[not(tei:list)]"):
        person = _first(item, ".//tei:persName")
        name = _name_of(person) if person is not None else re.split(r"[,(]", _name_of(item))[0].strip()
        if name and not _ROLES_ONLY.fullmatch(name) and name not in names:
            names.append(name)
    return tuple(names)


# Type, licence, language ----------------------------------------------------------------------------

def read_document_type(root: etree._Element, mapping: dict[str, str]) -> str:
    """The kind of document: the header's term, text/@type, the heading's genre words, the first div's @type.
    `mapping` (edition.toml's [document_types]) names a type as the edition wants it shown; its keys
    match whatever case the TEI writes."""
    named = {key.casefold(): value for key, value in mapping.items()}

    def mapped(raw: str) -> str:
        return named.get(_clean(raw).casefold(), raw)

    def shown(raw: str) -> str:
        raw = _clean(raw)
        if raw.casefold() in named:
            return named[raw.casefold()]
        if raw.lower() in _STRUCTURAL:
            return ""
        words = re.sub(r"(?<=[a-z])(?=[A-Z])|[_-]", " ", raw).strip()
        return words[:1].upper() + words[1:].lower() if words == raw or words.islower() or " " in words \
            else words
    term = text_of(_first(root, f"{_PROFILE}/tei:textClass/tei:keywords/tei:term[@type='document-type']"))
    if term:
        return mapped(term)
    text_type = _first(root, "tei:text[@type]")
    if text_type is not None and (value := shown(text_type.get("type", ""))):
        return value
    head = _first(root, "tei:text/tei:body/tei:div[1]/tei:head[1] | tei:text/tei:body/tei:head[1]")
    if head is not None:
        words = _FRUS_NUMBER.sub("", _heading_text(head))
        genre = next((g for g in sorted(_GENRES, key=len, reverse=True)
                      if re.match(re.escape(g) + r"\b", words, re.I)), "")
        if genre:
            return mapped(genre)
    div = _first(root, "tei:text/tei:body/*[self::tei:div or self::tei:div1][@type][1]")  # div1: older TEI
    return shown(div.get("type", "")) if div is not None else ""


_CC = re.compile(r"creativecommons\.org/(licenses|publicdomain)/([a-z-]+)/(\d\.\d)", re.I)


def licence_name_from_url(url: str) -> str:
    """'https://creativecommons.org/licenses/by-sa/4.0/deed.de' → 'CC BY-SA 4.0'."""
    match = _CC.search(url)
    if not match:
        return ""
    kind, terms, version = match.groups()
    if kind.lower() == "publicdomain":
        return f"CC0 {version}" if terms.lower() == "zero" else f"Public Domain Mark {version}"
    return f"CC {terms.upper()} {version}"


def read_licence(root: etree._Element) -> Licence:
    """availability/licence (its @target, or a URL as its text), else a licence link in availability/p."""
    availability = f"{_HEADER}/tei:fileDesc/tei:publicationStmt/tei:availability"
    for licence in xpath(root, f"{availability}/tei:licence"):
        text = _clean(text_of(licence))
        url = licence.get("target", "") or (text if text.startswith(("http://", "https://")) else "")
        name = licence_name_from_url(url) or (text if text != url else "") or url
        if name:
            return Licence(name, url)
    for ref in xpath(root, f"{availability}/tei:p//tei:ref[contains(@target, 'creativecommons.org') "
                           "or contains(@target, 'licen')]"):
        url = ref.get("target", "")
        return Licence(licence_name_from_url(url) or _clean(text_of(ref)), url)
    return Licence()


def _rights(root: etree._Element) -> tuple[str, ...]:
    """Statements beside the licence; a template's placeholder in capitals is not one."""
    paragraphs = [_clean(text_of(p)) for p in xpath(root, f"{_HEADER}/tei:fileDesc/tei:publicationStmt/"
                                                          "tei:availability/tei:p")]
    return tuple(p for p in paragraphs if p and not p.isupper())


normalise_language = to_bcp47  # one mapping for metadata, glossary and stylesheet (edition.core.langtag)


def read_language(root: etree._Element) -> str:
    """text/@xml:lang, the edition div's (EpiDoc), TEI/@xml:lang, else langUsage's only language."""
    for path in ("tei:text/@xml:lang", "tei:text/tei:body/tei:div[@type='edition'][1]/@xml:lang", "@xml:lang"):
        for value in xpath(root, path):
            if tag := normalise_language(str(value)):
                return tag
    idents = {normalise_language(str(v)) for v in xpath(root, f"{_PROFILE}/tei:langUsage/tei:language/@ident")}
    idents.discard("")
    return idents.pop() if len(idents) == 1 else ""
