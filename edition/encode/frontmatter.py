"""Optional TOML front matter between '+++' lines; it overrides what the encoder infers."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from typing import Any

from edition.core.diagnostics import Diagnostic, error, toml_position, warning
from edition.core.langtag import EXAMPLES as LANGUAGE_EXAMPLES
from edition.core.langtag import is_language_tag
from edition.core.xmlchars import HINT, describe, non_xml_characters
from edition.encode.model import Meta

_FENCE = "+++"
_STRING_KEYS = {
    "title": "title", "date": "date_text", "summary": "summary", "source": "source",
    "type": "document_type", "record_id": "record_id", "archive": "archive",
    "funder": "funder", "translator": "translator", "language": "language",
    "original_language": "original_language", "uploaded": "uploaded",
}
KNOWN_KEYS = sorted([*_STRING_KEYS, "rights", "speakers"])


@dataclass
class FrontMatter:
    values: dict[str, Any] = field(default_factory=dict)
    body_line: int = 1  # first line of the text after the front matter
    body: str = ""
    lines: list[str] = field(default_factory=list)  # the front matter's own lines

    def line_of(self, key: str) -> int:
        """The file line where a key is set (the opening '+++' is line 1)."""
        for number, line in enumerate(self.lines, start=2):
            if line.split("=", 1)[0].strip().strip('"') == key or line.strip() == f"[{key}]":
                return number
        return 2


def split_front_matter(text: str, filename: str) -> tuple[FrontMatter, list[Diagnostic]]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != _FENCE:
        return FrontMatter(body=text), []
    for index in range(1, len(lines)):
        if lines[index].strip() == _FENCE:
            break
    else:
        return FrontMatter(body=text), [error(
            filename, 1, 1, "front-matter", "front matter opened with '+++' is never closed",
            "end the front matter with a line holding only '+++'")]
    source = "\n".join(lines[1:index])
    matter = FrontMatter(body_line=index + 2, body="\n".join(lines[index + 1:]), lines=lines[1:index])
    try:
        matter.values = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        line, col = toml_position(exc)
        return matter, [error(filename, line + 1, col, "front-matter",
                              f"front matter is not valid TOML: {str(exc).split(' (at')[0]}",
                              'write key = "value" pairs, one per line')]
    return matter, []



def apply_front_matter(meta: Meta, matter: FrontMatter, filename: str) -> list[Diagnostic]:
    unusable = dict(non_xml_characters(matter.values))
    problems: list[Diagnostic] = [error(filename, matter.line_of(path[0]), 1, "control-character",
                                        describe(path, character), HINT) for path, character in unusable.items()]
    for key, value in matter.values.items():
        if any(path[0] == key for path in unusable):
            continue  # reported above; kept out of the TEI header, which cannot hold it
        if key in ("language", "original_language") and not (isinstance(value, str) and is_language_tag(value)):
            problems.append(error(filename, matter.line_of(key), 1, "front-matter-language",
                                  f"'{key}' must be a language tag (BCP 47), not {value!r}", LANGUAGE_EXAMPLES))
        elif key in _STRING_KEYS and isinstance(value, str | int):
            setattr(meta, _STRING_KEYS[key], str(value))
        elif key == "rights" and isinstance(value, str | list):
            meta.rights = [value] if isinstance(value, str) else [str(v) for v in value]
        elif key == "speakers" and isinstance(value, dict):
            meta.speakers.update({str(k): str(v) for k, v in value.items()})
        elif key in KNOWN_KEYS:
            problems.append(error(filename, matter.line_of(key), 1, "front-matter", f"'{key}' has the wrong type",
                                  "speakers is a table of label = id; rights a string or list; others strings"))
        else:
            problems.append(warning(filename, matter.line_of(key), 1, "front-matter-key",
                                    f"unknown front matter key '{key}'",
                                    "known keys: " + ", ".join(KNOWN_KEYS)))
    return problems
