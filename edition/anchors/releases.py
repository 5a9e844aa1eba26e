"""`edition release VERSION`: mark the current anchors as published and record the release."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from edition.anchors.ledger import LIVE, Ledger
from edition.core.fileio import write_atomic

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


def load_releases(edition_dir: Path) -> list[Release]:
    path = edition_dir / RELEASES_FILE
    if not path.is_file():
        return []
    return [Release(**item) for item in json.loads(path.read_text(encoding="utf-8"))]


def save_releases(edition_dir: Path, releases: list[Release]) -> None:
    data = [{"version": r.version, "date": r.date, "note": r.note} for r in releases]
    write_atomic(edition_dir / RELEASES_FILE, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode())


def current_release(edition_dir: Path) -> Release:
    releases = load_releases(edition_dir)
    return releases[-1] if releases else Release()
