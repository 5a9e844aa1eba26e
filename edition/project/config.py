"""edition.toml → a typed Config; every problem is collected, then reported once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field

from edition.core.diagnostics import Diagnostic, EditionError, error, toml_position, warning
from edition.core.folder import EditionFolder
from edition.project.sources import is_document_id

CONFIG_FILE = "edition.toml"


@dataclass(frozen=True)
class Config:
    title: str
    editors: tuple[str, ...] = ()
    publisher: str = ""
    licence: str = ""
    licence_url: str = ""
    language: str = "en"
    original_language: str = "ru-Latn"
    speakers: dict[str, str] = field(default_factory=dict)
    base_url: str = ""  # where the site is published, for absolute URLs in citations
    moved: dict[str, str] = field(default_factory=dict)  # old document id → where it went


# key → (type, required)
_SCHEMA: dict[str, tuple[type, bool]] = {
    "title": (str, True),
    "editors": (list, False),
    "publisher": (str, False),
    "licence": (str, False),
    "licence_url": (str, False),
    "language": (str, False),
    "original_language": (str, False),
    "speakers": (dict, False),
    "base_url": (str, False),
    "moved": (dict, False),
}


_EXAMPLES = {list: 'a list is written ["first", "second"]', dict: "a table is written [name] on a line of its own",
             str: 'a text is written in quotes: "…"'}


def load_config(folder: EditionFolder) -> tuple[Config, list[Diagnostic]]:
    """Read edition.toml; raises EditionError when it cannot be used."""
    name = folder.shown(CONFIG_FILE)
    if not folder.is_file(CONFIG_FILE) and not folder.problem(CONFIG_FILE):
        raise EditionError([error(name, 1, 1, "config-missing", f"no {CONFIG_FILE} in {folder.root}",
                                  "create it with at least: title = \"My edition\" (or run `edition new DIR`)")])
    text = folder.read_text(CONFIG_FILE)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col = toml_position(exc)
        raise EditionError([error(name, line, col, "config-syntax", f"{CONFIG_FILE} is not valid TOML: "
                                  f"{str(exc).split(' (at')[0]}", 'write key = "value", one per line')]) from None

    problems: list[Diagnostic] = []
    for key, value in data.items():
        if key not in _SCHEMA:
            problems.append(warning(name, _line_of(text, key), 1, "config-unknown-key",
                                    f"unknown key '{key}'", "known keys: " + ", ".join(sorted(_SCHEMA))))
            continue
        expected, _ = _SCHEMA[key]
        if not isinstance(value, expected):
            problems.append(error(name, _line_of(text, key), 1, "config-type",
                                  f"'{key}' must be a {expected.__name__}, not {type(value).__name__}",
                                  _EXAMPLES.get(expected, "")))
    for key, (_, required) in _SCHEMA.items():
        if required and key not in data:
            problems.append(error(name, 1, 1, "config-required", f"'{key}' is required",
                                  f'add a line: {key} = "…"'))
    speakers = data.get("speakers", {})
    if isinstance(speakers, dict):
        for label, person in speakers.items():
            if not isinstance(person, str):
                problems.append(error(name, _line_of(text, label), 1, "config-type",
                                      f"speakers.'{label}' must be a person id string"))
    moved = data.get("moved", {})
    for old, new in moved.items() if isinstance(moved, dict) else []:
        for value in (old, new):
            if not isinstance(value, str) or not is_document_id(value):
                problems.append(error(name, _line_of(text, str(old)), 1, "config-moved",
                                      f"moved: '{value}' is not a document id",
                                      "a document id is a source's file name without .txt or .xml"))
    if any(p.severity.value == "error" for p in problems):
        raise EditionError(problems)
    editors = data.get("editors", [])
    config = Config(
        title=data["title"],
        editors=tuple(str(e) for e in editors),
        publisher=data.get("publisher", ""),
        licence=data.get("licence", ""),
        licence_url=data.get("licence_url", ""),
        language=data.get("language", "en"),
        original_language=data.get("original_language", "ru-Latn"),
        speakers=dict(speakers) if isinstance(speakers, dict) else {},
        base_url=data.get("base_url", ""),
        moved={str(k): str(v) for k, v in data.get("moved", {}).items()},
    )
    return config, problems


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip().strip('"')
        if stripped.startswith(key) or stripped.startswith(f'"{key}"'):
            return number
    return 1

