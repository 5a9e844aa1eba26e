"""Characters XML cannot hold, found in values an editor writes in TOML (edition.toml,
persons.toml, front matter). TOML lets `"\u0000"` or `"\u0007"` through as escapes; left
there, such a value reaches a TEI header or a page and stops the build far from its line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
HINT = "delete it (in TOML it is written as an escape such as \\u0000); it is usually left over from a copy"


def non_xml_characters(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    """(the key path, the first character XML cannot hold) for each key or text in `value` that has one."""
    if isinstance(value, str):
        if match := NOT_XML.search(value):
            yield path, match[0]
    elif isinstance(value, dict):
        for key, item in value.items():
            if match := NOT_XML.search(key):
                yield (*path, key), match[0]
            yield from non_xml_characters(item, (*path, key))
    elif isinstance(value, list):
        for item in value:
            yield from non_xml_characters(item, path)


def describe(path: tuple[str, ...], character: str) -> str:
    shown = NOT_XML.sub(lambda match: f"\\u{ord(match[0]):04x}", ".".join(path))  # never the character itself
    return f"character U+{ord(character):04X} in '{shown}' cannot appear in XML or on a page"
