"""`edition release VERSION`: mark the current anchors as published and record the release."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass

from edition.anchors.ledger import LIVE, Ledger
from edition.core.diagnostics import EditionError, error
from edition.core.folder import EditionFolder

RELEASES_FILE = "releases.json"


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
    if not folder.is_file(RELEASES_FILE) and not folder.problem(RELEASES_FILE):
        return []
    return [Release(**item) for item in json.loads(folder.read_text(RELEASES_FILE))]


def releases_json(releases: list[Release]) -> bytes:
    """releases.json: a list of {version, date, note, documents}; `documents` only when known."""
    data = [{"version": r.version, "date": r.date, "note": r.note}
            | ({"documents": sorted(r.documents)} if r.documents else {}) for r in releases]
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()


def save_releases(folder: EditionFolder, releases: list[Release]) -> None:
    folder.write_bytes(RELEASES_FILE, releases_json(releases))
