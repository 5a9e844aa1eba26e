"""Cross-document pages (persons, glossary) from small per-document summaries.

A summary keeps only what those pages need, so whole trees need not stay in
memory once a document is rendered.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import msgspec
from lxml import etree

from edition.core.langtag import to_bcp47
from edition.project.register import Register, RegisterEntry
from edition.tei.entities import DocumentEntities, read_entities
from edition.tei.metadata import DocumentMeta
from edition.tei.xml import NSMAP, XML_ID, XML_LANG, q, text_of

_WORDS_OF_SPEECH = {q(name) for name in ("p", "seg", "l", "ab", "lg")}  # a speech's words, not its speaker


class Speech(msgspec.Struct, frozen=True):
    anchor: str
    persons: tuple[str, ...]
    words: int
    opening: str  # the first words, to recognise the speech in a list


def speakers_of(speeches: Iterable[Speech]) -> list[str]:
    """The ids of the persons who speak, each once, in the order of their first speech (a
    document has hundreds of speeches and a few speakers: what is asked per person is asked once)."""
    return list(dict.fromkeys(person for speech in speeches for person in speech.persons))


@dataclass(frozen=True)
class Occurrence:
    document: str
    anchor: str  # the paragraph (or nearest ancestor with an id) holding the term


@dataclass(frozen=True)
class Summary:
    meta: DocumentMeta
    speeches: tuple[Speech, ...]
    terms: tuple[tuple[str, str, str], ...]  # (term, language, anchor)
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # person id → names in this document
    entities: DocumentEntities | None = None  # who and what the document declares, names and lets speak


def _nearest_anchor(element: etree._Element) -> str:
    for ancestor in element.iterancestors():
        if anchor := ancestor.get(XML_ID):
            return str(anchor)
    return ""


def summarise(meta: DocumentMeta, tree: etree._ElementTree) -> Summary:
    root = tree.getroot()
    speeches = []
    for speech in root.xpath("tei:text//tei:sp[@who] | tei:text//tei:u[@who]", namespaces=NSMAP):
        parts = [child for child in speech if child.tag in _WORDS_OF_SPEECH]
        words = " ".join("".join(part.itertext()) for part in parts).split() or text_of(speech).split()
        speeches.append(Speech(
            anchor=speech.get(XML_ID, ""),
            persons=tuple(t.lstrip("#") for t in speech.get("who", "").split()),
            words=len(words),
            opening=" ".join(words[:12]),
        ))
    terms = tuple(
        (text_of(foreign), to_bcp47(foreign.get(XML_LANG, "")), _nearest_anchor(foreign))
        for foreign in root.xpath("tei:text//tei:foreign", namespaces=NSMAP)
    )
    names = {
        person.get(XML_ID): tuple(text_of(n) for n in person.xpath("tei:persName", namespaces=NSMAP) if text_of(n))
        for person in root.xpath("tei:teiHeader//tei:listPerson/tei:person[@xml:id]", namespaces=NSMAP)
    }
    if not names:  # FRUS-style participants lists
        names = {person.id: (person.name,) for person in meta.persons}
    return Summary(meta, tuple(speeches), terms, names, read_entities(meta.id, tree, meta.date_when))


@dataclass
class PersonEntry:
    id: str
    name: str
    variants: list[str]
    role: str = ""
    bio_html: str = ""
    wikidata: str = ""
    viaf: str = ""
    words: int = 0
    # per document: (meta, [speeches])
    documents: list[tuple[DocumentMeta, list[Speech]]] = field(default_factory=list)

    @property
    def speech_count(self) -> int:
        return sum(len(speeches) for _, speeches in self.documents)


def persons_index(summaries: list[Summary], register: Register,
                  render_markdown: Callable[[str], str]) -> list[PersonEntry]:
    entries: dict[str, PersonEntry] = {}
    for person in register.persons.values():
        entries[person.id] = PersonEntry(person.id, person.name, list(person.variants), person.role,
                                         render_markdown(person.bio) if person.bio else "", person.wikidata,
                                         person.viaf)
    for summary in summaries:
        for person_id, names in summary.names.items():
            entry = entries.setdefault(person_id, PersonEntry(person_id, names[0] if names else person_id, []))
            for name in names:
                if name != entry.name and name not in entry.variants:
                    entry.variants.append(name)
        by_person: dict[str, list[Speech]] = defaultdict(list)
        for speech in summary.speeches:
            for person_id in speech.persons:
                by_person[person_id].append(speech)
        for person_id, speeches in by_person.items():
            entry = entries.setdefault(person_id, PersonEntry(person_id, person_id, []))
            entry.documents.append((summary.meta, speeches))
            entry.words += sum(s.words for s in speeches)
    return sorted(entries.values(), key=lambda e: (_sort_name(e.name), e.id))


def _sort_name(name: str) -> str:
    """'M.S. Gorbachev' sorts under G."""
    words = name.split()
    return (words[-1] if words else name).lower()


@dataclass
class GlossaryEntry:
    term: str
    language: str
    occurrences: list[tuple[DocumentMeta, str]] = field(default_factory=list)
    meaning: str = ""  # from glossary.toml
    variants: tuple[str, ...] = ()
    note: str = ""  # glossary.toml's bio: Markdown, rendered by the page


def glossary(summaries: list[Summary], terms: dict[str, RegisterEntry] | None = None) -> list[GlossaryEntry]:
    """The original-language words of the texts, each with every place it occurs; a word that
    glossary.toml names (by its name or a variant, any case; in its language when it gives one)
    joins that term's entry, with its meaning. A term no text uses yet is listed too."""
    entries: dict[tuple[str, str], GlossaryEntry] = {}
    spellings: dict[str, list[tuple[str, GlossaryEntry]]] = {}  # a spelling → (language, entry)
    for entry in (terms or {}).values():
        glossed = GlossaryEntry(entry.name, entry.language, meaning=entry.meaning, variants=entry.variants,
                                note=entry.bio)
        entries[("#" + entry.id, entry.language)] = glossed
        for spelling in (entry.name, *entry.variants):
            spellings.setdefault(spelling.casefold(), []).append((entry.language, glossed))
    for summary in summaries:
        for term, language, anchor in summary.terms:
            known = [g for lang, g in spellings.get(term.casefold(), []) if not lang or lang == language]
            found = known[0] if known else entries.setdefault((term.lower(), language), GlossaryEntry(term, language))
            found.occurrences.append((summary.meta, anchor))
    return sorted(entries.values(), key=lambda e: (e.term.lower(), e.language))
