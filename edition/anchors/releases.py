"""`edition release VERSION`: mark the current anchors as published and record the release."""

from __future__ import annotations

import datetime
import difflib
import json
import os
import re
import time
from dataclasses import dataclass, fields
from typing import Any, cast

from edition.anchors.ledger import LIVE, Ledger
from edition.core.diagnostics import EditionError, error
from edition.core.folder import EditionFolder
from edition.core.jsonfile import Problems, describe, parse_json

RELEASES_FILE = "releases.json"
# A version is cited and shown on every page: one short word of letters, digits, '.', '-', '_', '+'.
VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z._+-]{0,39}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Release:
    version: str = ""
    date: str = ""
    note: str = ""
    documents: tuple[str, ...] = ()  # the documents it published (empty in releases.json files before 2026-12)


def publish_anchors(ledger: Ledger, version: str) -> None:
    """Every live anchor is published (first in `version`); texts that changed join the history;
    anchors removed since the last release are marked removed in `version`."""
    for entry in ledger.anchors.values():
        if entry.status == LIVE:
            entry.published = entry.published or version
            if not entry.history or entry.history[-1][1] != entry.text:
                entry.history.append([version, entry.text])
        elif entry.published and not entry.removed_in:
            entry.removed_in = version


def today() -> str:
    """The release date: SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC).
    EditionError when SOURCE_DATE_EPOCH is not a whole number of seconds a date can be made of."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        return time.strftime("%Y-%m-%d", time.gmtime(int(epoch) if epoch else None))
    except (ValueError, OverflowError, OSError):
        raise EditionError([error("SOURCE_DATE_EPOCH", 1, 1, "source-date-epoch",
                                  f"SOURCE_DATE_EPOCH is '{epoch}', not a number of seconds since 1970",
                                  "set it to a whole number (e.g. $(git log -1 --format=%ct)) or unset it")]) from None


def load_releases(folder: EditionFolder) -> list[Release]:
    """The releases so far, oldest first; none before the first. EditionError (located) when
    releases.json is broken: it is the record of what was published, never guessed at."""
    if not folder.is_file(RELEASES_FILE) and not folder.problem(RELEASES_FILE):
        return []
    text, shown = folder.read_text(RELEASES_FILE), folder.shown(RELEASES_FILE)
    data = parse_json(text, shown, "releases",
                      "keep every release of both sides, each once and oldest first, then delete the marker lines",
                      f"restore it from version control (git checkout -- {shown}); it is a list of releases "
                      'like {"version": "1.0", "date": "2026-01-31", "note": ""}')
    problems = Problems(text, shown, "releases-shape", f"edition release writes this file: undo the hand edit "
                        f"(git diff {shown} shows it) or correct the value")
    _check_releases(data, problems)
    problems.raise_if_any()
    return [Release(item["version"], item.get("date", ""), item.get("note", ""), tuple(item.get("documents", ())))
            for item in cast(list[dict[str, Any]], data)]


_RELEASE_FIELDS = {f.name: f.type for f in fields(Release)}  # "str" or "tuple[str, ...]" (annotations as text)


def _check_releases(data: object, problems: Problems) -> None:
    if not isinstance(data, list):
        problems.add((), f"releases.json holds {describe(data)}, not a list of releases")
        return
    seen: dict[str, int] = {}
    for number, item in enumerate(data):
        if not isinstance(item, dict):
            problems.add((number,), f"release {number + 1} is {describe(item)}, "
                         'not an object like {"version": "1.0", "date": "2026-01-31", "note": ""}')
            continue
        problems.duplicates((number,), item, f"in release {number + 1}, the field")
        for key, value in item.items():
            if key not in _RELEASE_FIELDS:
                close = difflib.get_close_matches(key, list(_RELEASE_FIELDS), n=1, cutoff=0.6)
                problems.add((number, key), f'release {number + 1}: "{key}" is not a field of a release'
                             + (f' (did you mean "{close[0]}"?)' if close else ""), at_key=True)
            elif _RELEASE_FIELDS[key] == "str" and not isinstance(value, str):
                problems.add((number, key), f'release {number + 1}: "{key}" is {describe(value)}, not a string')
            elif _RELEASE_FIELDS[key] != "str" and not (isinstance(value, list)
                                                       and all(isinstance(each, str) for each in value)):
                problems.add((number, key), f'release {number + 1}: "{key}" is {describe(value)}, '
                             "not a list of strings")
        version = item.get("version")
        if "version" not in item or version == "":
            problems.add((number,), f'release {number + 1} has no "version"')
        elif not isinstance(version, str):
            continue  # reported above
        elif version in seen:
            problems.add((number, "version"), f"release {version} is listed twice (first as release {seen[version]})",
                         "keep one of the two")
        else:
            seen[version] = number + 1
            if not VERSION.fullmatch(version):
                problems.add((number, "version"), f'release {number + 1}: "{version}" is not a version: one short '
                             "word of letters, digits and '.', '-', '_' or '+'")
        date = item.get("date")
        if isinstance(date, str) and date and not _is_date(date):  # every citation takes its year from it
            problems.add((number, "date"), f'release {number + 1}: "date" is {date!r}, not a date like "2026-01-31"')


def _is_date(text: str) -> bool:
    try:
        return bool(_DATE.fullmatch(text)) and datetime.date.fromisoformat(text) is not None
    except ValueError:
        return False


def releases_json(releases: list[Release]) -> bytes:
    """releases.json: a list of {version, date, note, documents}; `documents` only when known."""
    data = [{"version": r.version, "date": r.date, "note": r.note}
            | ({"documents": sorted(r.documents)} if r.documents else {}) for r in releases]
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()


def save_releases(folder: EditionFolder, releases: list[Release]) -> None:
    folder.write_bytes(RELEASES_FILE, releases_json(releases))
