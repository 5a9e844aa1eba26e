"""One entry per person, place and organisation of the edition, merged only on evidence.

Every document reports keys (`scope#id`, authority ids: edition/tei/entities.py); the
registers (persons.toml, places.toml, orgs.toml) add theirs (`persons.toml#gorbachev`).
Two keys are one entity only when

- they share an authority id (Wikidata, VIAF, GND, GeoNames, ORCID, LCNAF), in a register,
  an `idno`, or a name's `@ref`; or
- the editor says so: `same_as` in a register; or a document of the edition's own points at
  a register id (`@who="#gorbachev"`).

Names alike are never evidence. They are reported as candidates, with the line to add.
Speeches are counted here too: `sp`/`u` with `@who`, and FRUS-style labelled paragraphs
resolved through the document's participants list and the register (by office and date).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from edition.core.diagnostics import Diagnostic, warning
from edition.encode.speakers import match_label
from edition.project.register import AUTHORITIES, REGISTER_FILES, Register, RegisterEntry
from edition.site.indexes import Speech, speakers_of
from edition.tei.entities import AUTHORITY_URLS, DocumentEntities, Participant
from edition.tei.metadata import DocumentMeta

_KINDS = ("person", "place", "org")
_TITLES = {"the", "mr", "mrs", "ms", "dr", "general", "gen", "ambassador", "amb", "secretary", "chairman",
           "president", "minister", "counselor", "director", "col", "colonel", "marshal", "fm", "deputy",
           "depfonmin", "brig", "maj", "lt", "ltg", "adm", "admiral", "senator", "general secretary"}
_CANDIDATES_SHOWN = 25
_NAMED = 5  # entries named in one candidate's message


@dataclass(slots=True)  # not frozen: made once a speech (300,000 for 20,000 documents), three times faster
class Spoken:
    """One speech of an entity: where, how long, how it opens."""

    anchor: str
    words: int
    opening: str


@dataclass
class Entity:
    id: str  # the page name: a register id, else made from the first key
    kind: str
    name: str
    keys: list[str]
    variants: list[str] = field(default_factory=list)
    role: str = ""
    birth: str = ""
    death: str = ""
    bio: str = ""  # Markdown, from a register
    note: str = ""  # one line from a document's declaration
    authorities: dict[str, str] = field(default_factory=dict)  # 'wikidata' → 'Q30487'
    lat: float | None = None
    long: float | None = None
    speeches: dict[str, list[Spoken]] = field(default_factory=dict)  # document id → speeches, in order
    mentions: dict[str, list[str]] = field(default_factory=dict)  # document id → anchors
    registered: bool = False

    @property
    def speech_count(self) -> int:
        return sum(len(s) for s in self.speeches.values())

    @property
    def words(self) -> int:
        return sum(s.words for speeches in self.speeches.values() for s in speeches)

    @property
    def authority_links(self) -> list[tuple[str, str, str]]:
        """(authority, id, URL) for the records this entry is; a link for readers, never fetched."""
        return [(name, value, AUTHORITY_URLS[name].format(value)) for name, value in sorted(self.authorities.items())
                if name in AUTHORITY_URLS]

    @property
    def dates(self) -> str:
        return f"{self.birth}–{self.death}" if self.birth or self.death else ""

    @property
    def summary(self) -> str:
        """One line for a card: the role, else the first sentence of the biography or note."""
        line = self.role or re.split(r"(?<=[.!?])\s", (self.bio or self.note).strip())[0]
        return line[:200]


@dataclass
class Entities:
    entities: list[Entity]  # sorted by kind, then name
    by_key: dict[str, Entity]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    speakers: dict[str, list[str]] = field(default_factory=dict)  # document → entity ids, in order of first speech
    mentioned: dict[str, list[str]] = field(default_factory=dict)  # document → entity ids mentioned
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # document → speaker label → entity id

    def of_kind(self, kind: str) -> list[Entity]:
        return [e for e in self.entities if e.kind == kind]

    def get(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def links(self, doc_id: str, scope: str) -> dict[str, str]:
        """What a document's pointers and speaker labels lead to: '#p_GMS_1' / 'label:The President' → entity id."""
        found = {}
        for key, entity in self.by_key.items():
            if key.startswith(f"{scope}#"):
                found["#" + key[len(scope) + 1:]] = entity.id
            found[key] = entity.id
        for label, entity_id in self.labels.get(doc_id, {}).items():
            found[f"label:{label}"] = entity_id
        return found


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        # The keys by their scope (what stands before '#'): asked of each document, a search of all
        # keys took time quadratic in the number of documents (20,000: some two minutes).
        self.scoped: defaultdict[str, dict[str, None]] = defaultdict(dict)

    def find(self, key: str) -> str:
        if key not in self.parent:
            self.parent[key] = key
            if "#" in key:
                self.scoped[key.split("#", 1)[0]][key] = None
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, a: str, b: str) -> None:
        first, second = sorted((self.find(a), self.find(b)))
        self.parent[second] = first


def register_key(entry: RegisterEntry) -> str:
    return f"{REGISTER_FILES[entry.kind]}#{entry.id}"


def fold(text: str) -> str:
    """'Akhromeyev' and 'AKHROMEYEV' alike; accents away."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if ch.isalnum() or ch.isspace()).strip()


_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def _surname(name: str) -> str:
    words = [w for w in fold(name.split(",")[0]).split() if w not in _SUFFIXES]
    return words[-1] if words else ""


@dataclass(frozen=True)
class DocumentInput:
    """What the merge needs of one document."""

    meta: DocumentMeta
    source: str  # the file as shown to the editor, for located warnings
    entities: DocumentEntities
    speeches: tuple[Speech, ...] = ()  # in order: anchor, @who ids, words, opening (indexes.Speech)


def merge(register: Register, documents: list[DocumentInput]) -> Entities:
    union = _Union()
    by_register = {register_key(e): e for e in register.entries()}
    for key, entry in by_register.items():
        union.find(key)
        for authority in AUTHORITIES:
            if value := getattr(entry, authority):
                union.join(key, f"{authority}:{value}")
        for other in entry.same_as:
            target = register.get(other)
            union.join(key, register_key(target) if target else other)
    kinds: dict[str, str] = {}
    for key, entry in by_register.items():
        kinds[key] = entry.kind
    own_ids = {e.id: register_key(e) for e in register.entries()}
    for document in documents:
        found = document.entities
        local = document.meta.id == found.scope  # a document that is its own scope points at the register's ids
        for declared in found.declared:
            union.find(declared.key)
            kinds.setdefault(declared.key, declared.kind)
            for authority in declared.authorities:
                union.join(declared.key, authority)
        for mention in found.mentions:
            union.find(mention.key)
            kinds.setdefault(mention.key, mention.kind)
            for other in mention.evidence:
                union.join(mention.key, other)
        speakers = speakers_of(document.speeches)
        if local:
            for key in list(union.scoped.get(found.scope, ())):
                if (own := own_ids.get(key.split("#", 1)[1])) is not None:
                    union.join(key, own)
            for person in speakers:
                key = f"{found.scope}#{person}"
                union.find(key)
                kinds.setdefault(key, "person")
                if (own := own_ids.get(person)) is not None:
                    union.join(key, own)
        else:
            for person in speakers:
                kinds.setdefault(f"{found.scope}#{person}", "person")
                union.find(f"{found.scope}#{person}")
    groups: dict[str, list[str]] = defaultdict(list)
    for key in sorted(union.parent):
        groups[union.find(key)].append(key)
    entities = _entities(groups, by_register, kinds, documents)
    by_key = {key: entity for entity in entities for key in entity.keys}
    result = Entities(entities, by_key)
    _count(result, register, documents)
    result.diagnostics += candidates(result, register)
    return result


def is_authority(key: str) -> bool:
    """'gnd:118540238' is an authority id; 'scope#id' and a URI of another register are not."""
    name, colon, _ = key.partition(":")
    return bool(colon) and name in AUTHORITY_URLS and "#" not in key


def _slug(key: str) -> str:
    key = re.sub(r"^https?://", "", key)
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", key.replace("#", "-").replace(":", "-")).strip("-.")[:80] or "entity"


def _entities(groups: dict[str, list[str]], by_register: dict[str, RegisterEntry], kinds: dict[str, str],
              documents: list[DocumentInput]) -> list[Entity]:
    declared = defaultdict(list)
    named: dict[str, Counter[str]] = defaultdict(Counter)
    for document in documents:
        for item in document.entities.declared:
            declared[item.key].append(item)
        for mention in document.entities.mentions:
            if mention.name:
                named[mention.key][mention.name] += 1
    entities, taken = [], set()
    for keys in groups.values():
        entries = [by_register[k] for k in keys if k in by_register]
        local = [k for k in keys if "#" in k or not is_authority(k)] or [k for k in keys if k in named]
        if not local:
            continue  # an authority id a register gives but no document names
        kind = next((kinds[k] for k in keys if k in kinds), "person")
        entry = entries[0] if entries else None
        # (.get: an entity of 20,000 documents has a key in each, most of them never declared nor named)
        items = [d for k in keys for d in declared.get(k, ())]
        names = [n for d in items for n in d.names] + [n for k in keys if k in named for n, _ in named[k].most_common()]
        name = entry.name if entry else (max(dict.fromkeys(n for d in items for n in d.names), key=len, default="")
                                         or (names[0] if names else local[0].split("#", 1)[1]))
        slug = entry.id if entry else _slug(local[0])
        while slug in taken:
            slug += "-2"
        taken.add(slug)
        entity = Entity(slug, kind, name, keys, registered=bool(entry))
        entity.variants = [n for n in dict.fromkeys([*(entry.variants if entry else ()), *names]) if n != name]
        entity.role = entry.role if entry and entry.role else next((d.role for d in items if d.role), "")
        entity.bio = entry.bio if entry else ""
        entity.note = next((d.note for d in items if d.note), "")
        entity.birth = entry.birth if entry and entry.birth else next((d.birth for d in items if d.birth), "")
        entity.death = entry.death if entry and entry.death else next((d.death for d in items if d.death), "")
        for key in keys:
            authority, colon, value = key.partition(":")
            if colon and "#" not in key and authority in AUTHORITY_URLS:
                entity.authorities.setdefault(authority, value)
        if entry and entry.lat is not None:
            entity.lat, entity.long = entry.lat, entry.long
        else:
            located = next((d for d in items if d.lat is not None), None)
            entity.lat, entity.long = (located.lat, located.long) if located else (None, None)
        entities.append(entity)
    return sorted(entities, key=lambda e: (_KINDS.index(e.kind) if e.kind in _KINDS else 3, sort_name(e.name), e.id))


def sort_name(name: str) -> str:
    """'M.S. Gorbachev' sorts under G; 'Adelman, Kenneth L.' under A."""
    if "," in name:
        return fold(name)
    words = fold(name).split()
    return " ".join(words[-1:] + words[:-1]) if words else ""


def _count(result: Entities, register: Register, documents: list[DocumentInput]) -> None:
    """Speeches and mentions of every entity, document by document (in reading order)."""
    for document in documents:
        doc_id, scope = document.meta.id, document.entities.scope
        speakers: list[str] = []
        # Each speaker's entity and list of speeches found once, not once a speech.
        spoken = {person: (entity, entity.speeches.setdefault(doc_id, [])) for person in speakers_of(document.speeches)
                  if (entity := result.by_key.get(f"{scope}#{person}")) is not None}
        for speech in document.speeches:
            for person in speech.persons:
                if (found := spoken.get(person)) is not None:
                    found[1].append(Spoken(speech.anchor, speech.words, speech.opening))
                    speakers.append(found[0].id)
        labels: dict[str, str] = {}
        for labelled in document.entities.labelled:
            key = labelled.key or resolve_label(labelled.label, document.entities, register)
            entity = result.by_key.get(key) if key else None
            if entity is None:
                result.diagnostics.append(warning(
                    document.source, labelled.line, 1, "speaker-unresolved",
                    f"the speaker label '{labelled.label}' names no one in the participants list or the register",
                    "list the speaker among the participants, or give the register an office or variant: "
                    f'offices = [{{ title = "{_title(labelled.label)}", from = "…", to = "…" }}]'))
                continue
            labels[labelled.label] = entity.id
            entity.speeches.setdefault(doc_id, []).append(Spoken(labelled.anchor, labelled.words, labelled.opening))
            speakers.append(entity.id)
        result.labels[doc_id] = labels
        result.speakers[doc_id] = list(dict.fromkeys(speakers))
        mentioned = []
        for mention in document.entities.mentions:
            entity = result.by_key.get(mention.key)
            if entity is not None:
                entity.mentions.setdefault(doc_id, []).append(mention.anchor)
                mentioned.append(entity.id)
        result.mentioned[doc_id] = list(dict.fromkeys(mentioned))


def _title(label: str) -> str:
    """'The President' → 'President': the office a label names."""
    return re.sub(r"^(?:the|mr\.?|mrs\.?|ms\.?)\s+", "", label.strip(), flags=re.I)


def resolve_label(label: str, found: DocumentEntities, register: Register) -> str:
    """The key of the person a FRUS speaker label names, by the encoder's label rules; '' if no one.

    In order: a participant named as the label is; a participant of that surname; a participant
    whose office the label names ('The Secretary' → 'James A. Baker, Secretary of State'); a
    register person holding that office on the document's date ('The President' in 1989 → Bush);
    a register person of that surname.
    """
    if match_label(label.upper() + ":") is None:
        return ""
    wanted, surname, title = fold(label), _surname(label), fold(_title(label))
    participants = found.participants
    exact = [p for p in participants if fold(p.name) == wanted]
    if exact and exact[0].key:
        return exact[0].key
    if not exact and surname not in _TITLES:
        by_surname = {p.key for p in participants if p.key and _surname(p.name) == surname}
        if len(by_surname) == 1:
            return by_surname.pop()
    by_office = {p.key for p in participants if p.key and p.office and _holds(p, title)}
    if len(by_office) == 1:
        return by_office.pop()
    holders = {register_key(e) for e in register.persons.values()
               for office in e.offices if fold(office.title) == title and office.held_on(found.date)}
    if len(holders) == 1:
        return holders.pop()
    if surname not in _TITLES:
        named = {register_key(e) for e in register.persons.values()
                 if surname in {_surname(n) for n in (e.name, *e.variants)}}
        if len(named) == 1:
            return named.pop()
    return ""


def _holds(participant: Participant, title: str) -> bool:
    return bool(title) and fold(participant.office).startswith(title)


def _given(name: str) -> str:
    words = [w for w in fold(name).split() if w not in _SUFFIXES]
    return "".join(w[0] for w in words[:-1] if w not in _TITLES)


def _alike(a: str, b: str) -> bool:
    """'Mikhail Gorbachev' ~ 'Mikhail Sergeyevich Gorbachev' ~ 'Gorbachev'; 'J. Smith' !~ 'Adam Smith'."""
    if _surname(a) != _surname(b) or len(_surname(a)) < 3:
        return False
    given_a, given_b = _given(a), _given(b)
    return given_a.startswith(given_b) or given_b.startswith(given_a)


def candidates(result: Entities, register: Register) -> list[Diagnostic]:
    """Entries whose names are alike but that no evidence joins: the editor decides, with the line to add.
    One diagnostic per group (an entry and those alike it), compared with that entry only: the same
    speaker in 10,000 transcripts is one question, not fifty million pairs."""
    found: list[tuple[Entity, list[Entity]]] = []
    for kind in _KINDS:
        by_surname: dict[str, list[Entity]] = defaultdict(list)
        for entity in result.of_kind(kind):
            by_surname[_surname(entity.name)].append(entity)
        for group in by_surname.values():
            keeper = next((e for e in group if e.registered), group[0])
            alike = [other for other in group if other is not keeper and _asks(keeper, other)]
            if alike:
                found.append((keeper, alike))
    diagnostics = []
    for keeper, alike in found[:_CANDIDATES_SHOWN]:
        outside = [k for other in alike for k in other.keys
                   if "#" in k and not k.startswith(tuple(REGISTER_FILES.values()))]
        entry = register.get(keeper.id) if keeper.registered else None
        file = entry.file if entry else REGISTER_FILES[keeper.kind]
        line = entry.line if entry else 1
        if entry:
            hint = f"add to [{keeper.id}] in {REGISTER_FILES[keeper.kind]}: same_as = " \
                   f"{_toml_list([*entry.same_as, *outside])}"
        else:
            every = [k for k in keeper.keys if "#" in k] + outside
            table = _surname(keeper.name) or keeper.id
            hint = f"if they are one, add to {REGISTER_FILES[keeper.kind]} a table [{table}] " \
                   f'with name = "{keeper.name}" and same_as = {_toml_list(every)}'
        named = ", ".join(f"{next((k for k in o.keys if '#' in k), o.id)} ({o.name})" for o in alike[:_NAMED])
        more = f" and {len(alike) - _NAMED} more" if len(alike) > _NAMED else ""
        diagnostics.append(warning(file, line, 1, "entity-candidate",
                                   f"{named}{more} look{'s' * (len(alike) == 1)} like "
                                   f"{keeper.id} ({keeper.name}), but nothing says they are one", hint))
    if len(found) > _CANDIDATES_SHOWN:
        diagnostics.append(warning(REGISTER_FILES["person"], 1, 1, "entity-candidate",
                                   f"and {len(found) - _CANDIDATES_SHOWN} more entries with others alike",
                                   "same_as in the register merges them; names alone never do"))
    return diagnostics


def _asks(keeper: Entity, other: Entity) -> bool:
    """Whether two entries are alike enough to ask the editor about."""
    if len(keeper.name.split()) < 2 and len(other.name.split()) < 2:
        return False  # 'Messenger' and 'Messenger' of two plays are not worth asking about
    return any(_alike(a, b) for a in (keeper.name, *keeper.variants) for b in (other.name, *other.variants))


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(f'"{v}"' for v in dict.fromkeys(values)) + "]"


def edition_entities(register: Register, summaries: list[Any], sources: dict[str, str]) -> Entities:
    """The merged entities of the built documents (their summaries, in reading order).

    `sources` maps a document id to its file as the editor sees it, for located warnings.
    """
    documents = [DocumentInput(s.meta, sources.get(s.meta.id, s.meta.id), s.entities, s.speeches)
                 for s in summaries if s.entities is not None]
    return merge(register, documents)
