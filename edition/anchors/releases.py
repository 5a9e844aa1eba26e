"""`edition release VERSION`: mark the current anchors as published and record the release."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass

from edition.anchors.ledger import LIVE, Ledger
from edition.core.folder import EditionFolder

RELEASES_FILE = "releases.json"


@dataclass(frozen=True)
class Release:
    version: str = ""
    date: str = ""
    note: str = ""


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
    """The release date: SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return time.strftime("%Y-%m-%d", time.gmtime(int(epoch) if epoch else None))


def load_releases(folder: EditionFolder) -> list[Release]:
    if not folder.is_file(RELEASES_FILE) and not folder.problem(RELEASES_FILE):
        return []
    return [Release(**item) for item in json.loads(folder.read_text(RELEASES_FILE))]


def save_releases(folder: EditionFolder, releases: list[Release]) -> None:
    data = [{"version": r.version, "date": r.date, "note": r.note} for r in releases]
    folder.write_bytes(RELEASES_FILE, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode())
