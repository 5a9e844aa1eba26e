"""Speaker labels ('M.S. GORBACHEV.', 'BAKER:', '[J. BAKER.]') and the persons they name."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁ"
_INITIAL = rf"[{_UPPER}]\.(?:-[{_UPPER}]\.)?\s?"  # 'M.', or a double name's 'H.-D.' (Hans-Dietrich)
_TITLE = r"(?:Mr|Mrs|Ms|Dr|Gen|Amb|Adm|Col|Sen|Rep|Prof|MR|MRS|MS|DR|GEN|AMB|ADM|COL|SEN|REP|PROF)\.\s"
_WORD = rf"[{_UPPER}][{_UPPER}'’\-]+"
_NAME = rf"(?:{_TITLE})?(?:{_INITIAL}){{0,3}}\s?{_WORD}(?:\s{_WORD}){{0,3}}"
# '[' label ']' with the terminator inside or outside the bracket, or a bare label.
LABEL = re.compile(
    rf"^(?P<open>\[)?(?P<name>{_NAME})(?:(?P<end>[.:])(?P<close>\])?|(?P<close2>\])(?P<end2>[.:]))(?=[\s\u00a0]|$)"
)
_ARTICLES = {"THE", "MR", "MRS", "MS", "DR", "GEN", "AMB", "ADM", "COL", "SEN", "REP", "PROF"}
_LATIN_FOR_CYRILLIC = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch  y  e yu ya".split(" ")
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _LATIN_FOR_CYRILLIC, strict=True))


@dataclass(frozen=True)
class LabelMatch:
    text: str  # the label as written, brackets excluded ('M.S. GORBACHEV.')
    name: str  # without terminator ('M.S. GORBACHEV')
    end: int  # offset just after the label (and its closing bracket)
    supplied: bool  # the label stands in square brackets

    @property
    def key(self) -> str:
        """The label normalised for lookups in configuration ('M.S. GORBACHEV')."""
        return " ".join(self.name.split())


def match_label(text: str) -> LabelMatch | None:
    match = LABEL.match(text)
    if not match:
        return None
    opened = bool(match["open"])
    closed = bool(match["close"] or match["close2"])
    if opened != closed:
        return None
    end_mark = match["end"] or match["end2"]
    if end_mark == "." and " " not in match["name"] and len(match["name"]) < 3:
        return None  # 'OK.' or 'NO.' opening a sentence is not a label
    return LabelMatch(
        text=match["name"] + end_mark,
        name=match["name"],
        end=match.end(),
        supplied=opened,
    )


def _ascii(text: str) -> str:
    text = "".join(_CYRILLIC.get(ch, ch) for ch in text.lower())
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isascii() and (ch.isalnum() or ch == "-"))


def _name_words(name: str) -> list[str]:
    """The words of a name, initials alone ('H.-D. GENSCHER' → H, D, GENSCHER)."""
    return [w.strip(".-") for w in name.replace(".", ". ").split() if w.strip(".-")]


def _surname_words(name: str) -> list[str]:
    return [w for w in _name_words(name) if len(w) > 1 and w.upper() not in _ARTICLES]


def _initials(name: str) -> str:
    return "".join(w for w in _name_words(name) if len(w) == 1).lower()


def display_name(name: str) -> str:
    """'M.S. GORBACHEV' → 'M.S. Gorbachev'; initials and short titles stay as written."""
    def fix(word: str) -> str:
        core = word.rstrip(".")
        if len(core) <= 1 or "." in core:
            return word
        return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))
    return " ".join(fix(w) for w in name.split())


@dataclass
class Person:
    id: str
    names: list[str] = field(default_factory=list)  # display names, fullest first


class PersonRegistry:
    """Gives every distinct speaker one readable, stable id; merges name variants."""

    def __init__(self, overrides: dict[str, str] | None = None, registered: dict[str, str] | None = None):
        self.overrides = {" ".join(k.upper().split()): v for k, v in (overrides or {}).items()}
        self.registered = registered or {}  # a person the register knows is named as the register names them
        self.persons: dict[str, Person] = {}
        self._by_surname: dict[str, dict[str, str]] = {}  # surname → initials → id

    def resolve(self, label: LabelMatch) -> tuple[str, str]:
        """Person id for a label, and a warning text when the choice was a guess."""
        name = display_name(label.name)
        override = self.overrides.get(label.key.upper())
        if override:
            # A role label mapped to an id: later labels with that surname are the same person.
            self._by_surname.setdefault(override, {}).setdefault("", override)
            return self._add(override, name), ""
        words = _surname_words(label.name)
        surname = _ascii("-".join(words)) or _ascii(label.name) or "speaker"
        initials = _initials(label.name)
        known = self._by_surname.setdefault(surname, {})
        # 'M. GORBACHEV' and 'M.S. GORBACHEV' agree; 'A. SMITH' and 'B. SMITH' do not.
        compatible = {pid for ini, pid in known.items() if ini.startswith(initials) or initials.startswith(ini)}
        warning = ""
        if initials in known:
            person_id = known[initials]
        elif len(compatible) == 1:
            person_id = compatible.pop()
        elif compatible:
            person_id = next(pid for pid in known.values() if pid in compatible)  # the first one met
            warning = f"'{label.key}' could be any of {', '.join(sorted(compatible))}"
            return self._add(person_id, name), warning
        else:
            person_id = f"{initials}-{surname}" if known and initials else surname
            while person_id in self.persons:
                person_id += "-2"
        known.setdefault(initials, person_id)
        return self._add(person_id, name), warning

    def _add(self, person_id: str, name: str) -> str:
        person = self.persons.setdefault(person_id, Person(person_id))
        if name not in person.names:
            person.names.append(name)
            # A personal name with initials is shown before a role ('H. Kohl' before 'Federal Chancellor').
            person.names.sort(key=lambda n: (not _initials(n), -len(n), n))
        if (registered := self.registered.get(person_id)) and person.names[0] != registered:
            person.names[:] = [registered, *(n for n in person.names if n != registered)]
        return person_id
