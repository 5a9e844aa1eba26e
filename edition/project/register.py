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
from pathlib import Path

from edition.core.diagnostics import Diagnostic, EditionError, error, toml_position, warning

REGISTER_FILE = "persons.toml"
_ID = re.compile(r"^[A-Za-z_][\w.-]*$")
_FIELDS = {"name", "variants", "role", "wikidata", "viaf", "bio"}


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


def load_register(edition_dir: Path) -> tuple[Register, list[Diagnostic]]:
    path = edition_dir / REGISTER_FILE
    if not path.is_file():
        return Register(), []
    name = str(path)
    if not path.resolve().is_relative_to(edition_dir.resolve()):
        raise EditionError([error(name, 1, 1, "outside-edition", f"{REGISTER_FILE} links to a file outside the edition",
                                  "copy the file into the edition instead of linking to it")])
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        line, col = toml_position(exc)
        raise EditionError([error(name, line, col, "register-syntax", f"{REGISTER_FILE} is not valid TOML",
                                  "each person is a table: [id] followed by name = \"…\"")]) from None
    persons: dict[str, RegisterPerson] = {}
    problems: list[Diagnostic] = []
    for person_id, entry in data.items():
        if not _ID.match(person_id) or not isinstance(entry, dict):
            problems.append(error(name, 1, 1, "register-entry", f"'{person_id}' is not a person table with an id",
                                  "write [id] on its own line (letters, digits, '-', '_'), then name = \"…\""))
            continue
        unknown = sorted(set(entry) - _FIELDS)
        if unknown:
            problems.append(warning(name, 1, 1, "register-unknown-key",
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
