"""The edition's own registers: persons.toml, places.toml, orgs.toml, and glossary.toml for its terms.

Each table is one entity, keyed by the id that `@who`, `@ref` or `@corresp` point to:

    [gorbachev]
    name = "Mikhail Sergeyevich Gorbachev"
    variants = ["M.S. Gorbachev", "Gorbachev"]
    role = "General Secretary of the CPSU"
    wikidata = "Q30487"
    same_as = ["frus1989-92v31#p_GMS_1"]     # the editor's word that these are one person
    offices = [{ title = "President", from = "1989-01-20", to = "1993-01-20" }]
    bio = "Markdown text"

The files share one list of fields (`FIELDS`); a field meant for another kind of
entry is a warning, as is an unknown key. A glossary term gives its `meaning` and its
`language`; its name and variants are matched with the original-language words of the
texts (the glossary page lists each term with every place it occurs). `same_as` names ids of other scopes (a FRUS
volume, a document, a register file: `scope#id`) that are the same entity: the editor's
declaration, one of the two kinds of evidence on which entities merge (docs/entities.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from edition.core.diagnostics import Diagnostic, EditionError, error, warning
from edition.core.folder import EditionFolder
from edition.core.langtag import EXAMPLES as LANGUAGE_EXAMPLES
from edition.core.langtag import is_language_tag
from edition.core.xmlchars import HINT, describe, non_xml_characters
from edition.project.tomllines import KeyLines, load_toml

REGISTER_FILE = "persons.toml"
REGISTER_FILES = {"person": "persons.toml", "place": "places.toml", "org": "orgs.toml", "term": "glossary.toml"}
_ID = re.compile(r"^[A-Za-z_][\w.-]*$")
_ALL = ("person", "place", "org")  # the entities; a glossary term is an entry, not an entity
_ANY = (*_ALL, "term")
# Every field of every register: (type, the kinds of entity it belongs to). Declared once.
FIELDS: dict[str, tuple[type, tuple[str, ...]]] = {
    "name": (str, _ANY),
    "variants": (list, _ANY),
    "role": (str, _ALL),  # a person's office, a place's or organisation's kind
    "bio": (str, _ANY),  # Markdown
    "birth": (str, ("person",)),
    "death": (str, ("person",)),
    "wikidata": (str, _ANY),
    "viaf": (str, _ALL),
    "gnd": (str, _ALL),
    "geonames": (str, ("place",)),
    "lat": (float, ("place",)),
    "long": (float, ("place",)),
    "same_as": (list, _ALL),
    "offices": (list, ("person",)),
    "meaning": (str, ("term",)),  # a glossary term's meaning, in the edition's language
    "language": (str, ("term",)),  # the term's language (BCP 47), as the texts mark it
}
AUTHORITIES = ("wikidata", "viaf", "gnd", "geonames")


def is_person_id(text: str) -> bool:
    """What `@who` may point at: an XML id of letters, digits, '_', '-', '.'."""
    return bool(_ID.match(text))


@dataclass(frozen=True)
class Office:
    """A title a person held, and when ('The President' in 1989 is Bush)."""

    title: str
    start: str = ""  # ISO dates; empty: open
    end: str = ""

    def held_on(self, day: str) -> bool:
        return bool(day) and (not self.start or self.start <= day) and (not self.end or day <= self.end)


@dataclass(frozen=True)
class RegisterEntry:
    id: str
    name: str
    kind: str = "person"
    variants: tuple[str, ...] = ()
    role: str = ""
    wikidata: str = ""
    viaf: str = ""
    gnd: str = ""
    geonames: str = ""
    bio: str = ""
    birth: str = ""
    death: str = ""
    lat: float | None = None
    long: float | None = None
    same_as: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()
    meaning: str = ""
    language: str = ""
    file: str = ""  # where it is written, for diagnostics that point the editor at it
    line: int = 1


RegisterPerson = RegisterEntry  # the name the encoder and crossdoc checks know it by


@dataclass(frozen=True)
class Register:
    persons: dict[str, RegisterEntry] = field(default_factory=dict)
    places: dict[str, RegisterEntry] = field(default_factory=dict)
    orgs: dict[str, RegisterEntry] = field(default_factory=dict)
    terms: dict[str, RegisterEntry] = field(default_factory=dict)  # glossary.toml: not entities, not pointed at

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(self.persons) | frozenset(self.places) | frozenset(self.orgs)

    def entries(self) -> list[RegisterEntry]:
        return [*self.persons.values(), *self.places.values(), *self.orgs.values()]

    def get(self, entity_id: str) -> RegisterEntry | None:
        return self.persons.get(entity_id) or self.places.get(entity_id) or self.orgs.get(entity_id)


def load_register(folder: EditionFolder) -> tuple[Register, list[Diagnostic]]:
    kinds: dict[str, dict[str, RegisterEntry]] = {}
    problems: list[Diagnostic] = []
    for kind, filename in REGISTER_FILES.items():
        kinds[kind], found = _load_file(folder, kind, filename)
        problems += found
    seen: dict[str, str] = {}
    for kind in _ALL:
        for entry in kinds[kind].values():
            if entry.id in seen:
                problems.append(error(entry.file, entry.line, 1, "register-duplicate",
                                      f"[{entry.id}] is also an entry of {seen[entry.id]}",
                                      "an id names one entity across persons.toml, places.toml and orgs.toml"))
            seen[entry.id] = REGISTER_FILES[kind]
    if any(p.severity.value == "error" for p in problems):
        raise EditionError(problems)
    return Register(kinds["person"], kinds["place"], kinds["org"], kinds["term"]), problems


def _load_file(folder: EditionFolder, kind: str, filename: str) -> tuple[dict[str, RegisterEntry], list[Diagnostic]]:
    if not folder.is_file(filename) and not folder.problem(filename):
        return {}, []
    name = folder.shown(filename)
    text = folder.read_text(filename)
    data = load_toml(text, name, "register-syntax", f"each {kind} is a table: [id] followed by name = \"…\"")
    lines = KeyLines(text)
    entries: dict[str, RegisterEntry] = {}
    problems: list[Diagnostic] = [error(name, *lines.of(*path), "control-character", describe(path, character), HINT)
                                  for path, character in non_xml_characters(data)]
    for entry_id, entry in data.items():
        if not _ID.match(entry_id) or not isinstance(entry, dict):
            problems.append(error(name, *lines.of(entry_id), "register-entry",
                                  f"'{entry_id}' is not a {kind} table with an id",
                                  "write [id] on its own line (letters, digits, '-', '_'), then name = \"…\""))
            continue
        values: dict[str, object] = {}
        for key, value in entry.items():
            declared = FIELDS.get(key)
            if declared is None or kind not in declared[1]:
                fitting = sorted(k for k, (_, kinds) in FIELDS.items() if kind in kinds)
                problems.append(warning(name, *lines.of(entry_id, key), "register-unknown-key",
                                        f"[{entry_id}] has a key {filename} does not know: {key}",
                                        "known keys: " + ", ".join(fitting)))
                continue
            wanted = declared[0]
            if wanted is float and isinstance(value, int | float) and not isinstance(value, bool):
                value = float(value)
            if not isinstance(value, wanted):
                problems.append(warning(name, *lines.of(entry_id, key), "register-value",
                                        f"[{entry_id}] {key} should be a {_TYPE_WORDS[wanted]}",
                                        f'for example {key} = {_EXAMPLES[wanted]}'))
                continue
            if key == "language" and isinstance(value, str) and not is_language_tag(value):
                problems.append(warning(name, *lines.of(entry_id, key), "register-value",
                                        f"[{entry_id}] language '{value}' is not a BCP 47 language tag",
                                        f"write the tag the texts use, {LANGUAGE_EXAMPLES}"))
                continue
            values[key] = value
        offices, found = _offices(values.pop("offices", []), name, lines.of(entry_id, "offices"), entry_id)
        problems += found
        entries[entry_id] = RegisterEntry(
            id=entry_id, kind=kind, name=str(values.pop("name", entry_id)),
            variants=_texts(values.pop("variants", [])),
            same_as=_texts(values.pop("same_as", [])),
            offices=offices, file=name, line=lines.of(entry_id)[0],
            **{key: value for key, value in values.items()},  # type: ignore[arg-type]
        )
    return entries, problems


_TYPE_WORDS = {str: "text in quotes", list: "list in brackets", float: "number"}
_EXAMPLES = {str: '"…"', list: '["…"]', float: "52.52"}


def _offices(raw: object, filename: str, position: tuple[int, int],
             entry_id: str) -> tuple[tuple[Office, ...], list[Diagnostic]]:
    offices, problems = [], []
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("title"), str):
            problems.append(warning(filename, *position, "register-value",
                                    f"[{entry_id}] an office is a table with a title",
                                    'offices = [{ title = "President", from = "1989-01-20", to = "1993-01-20" }]'))
            continue
        offices.append(Office(item["title"], str(item.get("from", "")), str(item.get("to", ""))))
    return tuple(offices), problems


def _texts(value: object) -> tuple[str, ...]:
    """A list of texts from the register (its type was checked above), as a tuple."""
    return tuple(str(v) for v in value) if isinstance(value, list) else ()
