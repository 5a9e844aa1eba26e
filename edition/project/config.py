"""edition.toml → a typed Config; every problem is collected, then reported once.

Each option is declared once, as a field of `Config` made with `option(...)`:
its name, type, default (none: required), help and example. The checks below,
the commented edition.toml that `edition new` writes and the table of options
in docs/website.md are derived from that declaration (`OPTIONS`). Regenerate
the table with `python -m edition.project.config docs/website.md`.
"""

from __future__ import annotations

import json
import sys
import typing
import urllib.parse
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from typing import Any

from edition.core.diagnostics import Diagnostic, EditionError, error, warning
from edition.core.docsections import regenerate
from edition.core.folder import EditionFolder
from edition.core.langtag import EXAMPLES as LANGUAGE_EXAMPLES
from edition.core.langtag import is_language_tag
from edition.core.xmlchars import HINT, describe, non_xml_characters
from edition.encode import ORIGINAL_LANGUAGE
from edition.project.register import is_person_id
from edition.project.sources import is_document_id
from edition.project.tomllines import KeyLines, load_toml

CONFIG_FILE = "edition.toml"


@dataclass(frozen=True)
class Rule:
    """What a text option must look like beyond being a text (an empty text always passes)."""

    code: str
    valid: Callable[[str], bool]
    must: str  # completes "'key' must …"
    hint: str


def _is_web_url(text: str) -> bool:
    parts = urllib.parse.urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and text.isprintable() and " " not in text


WEB_URL = Rule("config-url", _is_web_url, "be an http:// or https:// address",
               'write the whole address, e.g. "https://example.org/my-edition/"')


def _is_site_address(text: str) -> bool:
    """Every page's address is this + its path: a ?query or #fragment would land inside each one, and
    a user:password@ would be published in every citation."""
    parts = urllib.parse.urlsplit(text)
    return _is_web_url(text) and not (parts.query or parts.fragment or "@" in parts.netloc or "?" in text
                                      or "#" in text)


SITE_ADDRESS = Rule("config-url", _is_site_address,
                    "be the http:// or https:// address of the site's folder, without ?query, #fragment "
                    "or user:password@", 'write the address the site will have, e.g. "https://example.org/my-edition/"')


def _is_address_prefix(text: str) -> bool:
    """A site and a folder on it, ending in "/": without it, "https://iiif.example.org" would also allow
    https://iiif.example.org.elsewhere.net/."""
    parts = urllib.parse.urlsplit(text)
    return _is_web_url(text) and text.endswith("/") and not (parts.query or parts.fragment or "@" in parts.netloc)


ADDRESS_PREFIX = Rule("config-url", _is_address_prefix, "be an http:// or https:// address ending in /",
                      'write the address of the image server\'s folder, e.g. "https://iiif.example.org/"')
LANGUAGE_TAG = Rule("config-language", is_language_tag, "be a language tag (BCP 47)", LANGUAGE_EXAMPLES)


def option(help: str, example: str = "", default: Any = MISSING, rule: Rule | None = None) -> Any:
    """A field of Config that is an option of edition.toml; without a default it is required.

    `example` is written as in edition.toml: a value, or for a table the lines under its
    [name]; left out, it is the default. `rule` is what a text value must look like.
    """
    metadata = {"help": help, "example": example, "rule": rule}
    if isinstance(default, dict):
        return field(default_factory=dict, metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Config:
    title: str = option("The edition's title, on every page and in citations.", '"My edition"')
    editors: tuple[str, ...] = option("Who edited it, named on every page and in citations.",
                                      '["Jane Doe", "John Roe"]', ())
    publisher: str = option("Who publishes it, on every page and in citations; left out, the title stands in "
                            "for it in citations and TEI headers.", '"My university"', "")
    licence: str = option("The licence of the texts, on every page and in each document's TEI header.",
                          '"CC BY 4.0"', "")
    licence_url: str = option("Where the licence is written out; the licence's name links there.",
                              '"https://creativecommons.org/licenses/by/4.0/"', "", WEB_URL)
    base_url: str = option("Where the site will be published, for absolute URLs in BibTeX, RIS and CSL-JSON.",
                           '"https://example.org/my-edition/"', "", SITE_ADDRESS)
    language: str = option("The language of the pages and of the texts, as a language tag.", default="en",
                           rule=LANGUAGE_TAG)
    original_language: str = option("The language of words in square brackets that are not English, "
                                    "as a language tag; a transcript's front matter may name another.",
                                    default=ORIGINAL_LANGUAGE, rule=LANGUAGE_TAG)
    speakers: dict[str, str] = option("Speaker labels that name a person differently, mapped to the person's id.",
                                      '"THE PRESIDENT" = "bush"', {})
    moved: dict[str, str] = option("Documents that were published and then renamed or removed: old id = new id.",
                                   '"old-document" = "new-document"', {})
    remote_images: tuple[str, ...] = option(
        "Image servers the pages may load page images from: each page image whose address starts with one of "
        "these is shown beside the text (a IIIF image service at a reading size). Left empty, no request leaves "
        "the site: remote page images are only linked (docs/images.md).", '["https://iiif.example.org/iiif/"]', (),
        ADDRESS_PREFIX)
    document_types: dict[str, str] = option("The type a document is shown as, for a type its TEI gives (text/@type, "
                                            "a div/@type or a heading's genre words; docs/metadata.md).",
                                            '"Brief" = "Letter"', {})
    parallel: dict[str, str] = option("Records of one event, or a text and its translation, shown side by side: a "
                                      "document id = the id of the other (several ids: separated by spaces). "
                                      "@corresp on TEI or text says the same in a document (docs/website.md).",
                                      '"gorbachev-baker-1990-02-09" = "frus1989-92v18-d12"', {})


@dataclass(frozen=True)
class Option:
    """One option of edition.toml, as a field of Config declares it."""

    name: str
    kind: type  # the TOML value it takes: str, list, or dict (a table)
    default: Any
    required: bool
    help: str
    example: str  # as written in edition.toml
    rule: Rule | None = None

    @property
    def is_table(self) -> bool:
        return self.kind is dict


def _declared() -> tuple[Option, ...]:
    hints = typing.get_type_hints(Config)
    declared = []
    for f in fields(Config):
        origin = typing.get_origin(hints[f.name]) or hints[f.name]
        default = f.default_factory() if callable(f.default_factory) else f.default
        required = default is MISSING
        default = None if required else default
        example = f.metadata["example"] or json.dumps(default, ensure_ascii=False)
        declared.append(Option(f.name, list if origin is tuple else origin, default, required,
                               f.metadata["help"], example, f.metadata["rule"]))
    return tuple(declared)


OPTIONS = _declared()
_BY_NAME = {o.name: o for o in OPTIONS}
_EXAMPLES: dict[type, str] = {list: 'a list is written ["first", "second"]',
                              dict: "a table is written [name] on a line of its own",
                              str: 'a text is written in quotes: "…"'}


def load_config(folder: EditionFolder) -> tuple[Config, list[Diagnostic]]:
    """Read edition.toml; raises EditionError when it cannot be used."""
    name = folder.shown(CONFIG_FILE)
    if not folder.is_file(CONFIG_FILE) and not folder.problem(CONFIG_FILE):
        raise EditionError([error(name, 1, 1, "config-missing", f"no {CONFIG_FILE} in {folder.root}",
                                  "create it with at least: title = \"My edition\" (or run `edition new DIR`)")])
    text = folder.read_text(CONFIG_FILE)
    data = load_toml(text, name, "config-syntax", 'write key = "value", one per line')

    lines = KeyLines(text)
    problems: list[Diagnostic] = [error(name, *lines.of(*path), "control-character", describe(path, character), HINT)
                                  for path, character in non_xml_characters(data)]
    for key, value in data.items():
        if key not in _BY_NAME:
            problems.append(warning(name, *lines.of(key), "config-unknown-key",
                                    f"unknown key '{key}'", "known keys: " + ", ".join(sorted(_BY_NAME))))
            continue
        expected, rule = _BY_NAME[key].kind, _BY_NAME[key].rule
        if not isinstance(value, expected):
            problems.append(error(name, *lines.of(key), "config-type",
                                  f"'{key}' must be a {expected.__name__}, not {type(value).__name__}",
                                  _EXAMPLES.get(expected, "")))
        elif rule is not None and isinstance(value, str) and value and not rule.valid(value):
            problems.append(error(name, *lines.of(key), rule.code, f"'{key}' must {rule.must}, not {value!r}",
                                  rule.hint))
        elif rule is not None and isinstance(value, list):
            problems += [error(name, *lines.of(key), rule.code, f"each of '{key}' must {rule.must}, not {item!r}",
                               rule.hint) for item in value if not isinstance(item, str) or not rule.valid(item)]
    for required in (o.name for o in OPTIONS if o.required and o.name not in data):
        problems.append(error(name, 1, 1, "config-required", f"'{required}' is required",
                              f'add a line: {required} = "…"'))
    speakers = data.get("speakers", {})
    if isinstance(speakers, dict):
        for label, person in speakers.items():
            if not isinstance(person, str) or not is_person_id(person):
                problems.append(error(name, *lines.of("speakers", label), "config-speaker",
                                      f"speakers: {person!r} is not a person id",
                                      "map the label to the id of a person, as in persons.toml: "
                                      '"THE PRESIDENT" = "bush"'))
    moved = data.get("moved", {})
    for old, new in moved.items() if isinstance(moved, dict) else []:
        for value in (old, new):
            if not isinstance(value, str) or not is_document_id(value):
                problems.append(error(name, *lines.of("moved", str(old)), "config-moved",
                                      f"moved: '{value}' is not a document id",
                                      "a document id is a source's file name without .txt or .xml"))
    parallel = data.get("parallel", {})
    for first, others in parallel.items() if isinstance(parallel, dict) else []:
        for value in [first, *(others.split() if isinstance(others, str) else [others])]:
            if not isinstance(value, str) or not is_document_id(value):
                problems.append(error(name, *lines.of("parallel", str(first)), "config-parallel",
                                      f"parallel: '{value}' is not a document id",
                                      "a document id is a source's file name without .txt or .xml"))
    if any(p.severity.value == "error" for p in problems):
        raise EditionError(problems)
    config = Config(**{o.name: _value(o, data[o.name]) for o in OPTIONS if o.name in data})
    return config, problems


def _value(option: Option, value: Any) -> Any:
    """A checked TOML value as Config holds it: lists as tuples of text, tables as text → text."""
    if option.kind is list:
        return tuple(str(item) for item in value)
    if option.is_table:
        return {str(key): str(item) for key, item in value.items()}
    return value


_KINDS: dict[type, str] = {str: "text", list: "list of texts", dict: "table"}


def docs_table() -> str:
    """The table of docs/website.md between <!-- options:start --> and <!-- options:end -->."""
    rows = ["| option | value | default | what it is for | example |", "|---|---|---|---|---|"]
    for o in OPTIONS:
        name, example = (f"`[{o.name}]`", f"`[{o.name}]`<br>`{o.example}`") if o.is_table \
            else (f"`{o.name}`", f"`{o.name} = {o.example}`")
        default = "required" if o.required else f"`{json.dumps(o.default, ensure_ascii=False)}`" if o.default \
            else "none"
        rows.append(f"| {name} | {_KINDS[o.kind]} | {default} | {o.help} | {example} |")
    return "\n".join(rows) + "\n"


def main(argv: list[str]) -> int:
    return regenerate(argv, "options", docs_table(), "python -m edition.project.config")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
