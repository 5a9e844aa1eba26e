"""The edition-wide persons register: content/persons.toml.

Each table is one person, keyed by the id that `@who` points to:

    [gorbachev]
    name = "Mikhail Sergeyevich Gorbachev"
    variants = ["M.S. Gorbachev", "Gorbachev"]
    role = "General Secretary of the CPSU"
    wikidata = "Q30487"
    viaf = "…"
    bio = "Markdown text"
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field

from edition.core.diagnostics import Diagnostic, EditionError, error, toml_position, warning
from edition.core.folder import EditionFolder
from edition.core.xmlchars import HINT, describe, non_xml_characters
from edition.project.tomllines import KeyLines

REGISTER_FILE = "persons.toml"
_ID = re.compile(r"^[A-Za-z_][\w.-]*$")
_FIELDS = {"name", "variants", "role", "wikidata", "viaf", "bio"}


def is_person_id(text: str) -> bool:
    """What `@who` may point at: an XML id of letters, digits, '_', '-', '.'."""
    return bool(_ID.match(text))


@dataclass(frozen=True)
class RegisterPerson:
    id: str
    name: str
    variants: tuple[str, ...] = ()
    role: str = ""
    wikidata: str = ""
    viaf: str = ""
    bio: str = ""


@dataclass(frozen=True)
class Register:
    persons: dict[str, RegisterPerson] = field(default_factory=dict)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(self.persons)


def load_register(folder: EditionFolder) -> tuple[Register, list[Diagnostic]]:
    if not folder.is_file(REGISTER_FILE) and not folder.problem(REGISTER_FILE):
        return Register(), []
    name = folder.shown(REGISTER_FILE)
    text = folder.read_text(REGISTER_FILE)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col = toml_position(exc)
        raise EditionError([error(name, line, col, "register-syntax", f"{REGISTER_FILE} is not valid TOML: "
                                  f"{str(exc).split(' (at')[0]}",
                                  "each person is a table: [id] followed by name = \"…\"")]) from None
    lines = KeyLines(text)
    persons: dict[str, RegisterPerson] = {}
    problems: list[Diagnostic] = [error(name, *lines.of(*path), "control-character", describe(path, character), HINT)
                                  for path, character in non_xml_characters(data)]
    for person_id, entry in data.items():
        if not _ID.match(person_id) or not isinstance(entry, dict):
            problems.append(error(name, *lines.of(person_id), "register-entry",
                                  f"'{person_id}' is not a person table with an id",
                                  "write [id] on its own line (letters, digits, '-', '_'), then name = \"…\""))
            continue
        unknown = sorted(set(entry) - _FIELDS)
        if unknown:
            problems.append(warning(name, *lines.of(person_id, unknown[0]), "register-unknown-key",
                                    f"[{person_id}] has unknown keys: {', '.join(unknown)}",
                                    "known keys: " + ", ".join(sorted(_FIELDS))))
        variants = entry.get("variants", [])
        persons[person_id] = RegisterPerson(
            id=person_id,
            name=str(entry.get("name", person_id)),
            variants=tuple(str(v) for v in variants) if isinstance(variants, list) else (),
            role=str(entry.get("role", "")),
            wikidata=str(entry.get("wikidata", "")),
            viaf=str(entry.get("viaf", "")),
            bio=str(entry.get("bio", "")),
        )
    if any(p.severity.value == "error" for p in problems):
        raise EditionError(problems)
    return Register(persons), problems
