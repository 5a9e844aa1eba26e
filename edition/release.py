"""`edition release VERSION`: mark the current anchors as published and record the release."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from edition.fileio import write_atomic
from edition.ledger import LIVE, Ledger

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



def make_release(edition_dir: Path, version: str, note: str = "") -> tuple[int, int]:
    """Publish every current anchor under `version` and record the release.
    Returns (anchors published for the first time, documents)."""
    from edition.config import load_config
    from edition.diagnostics import EditionError, error, has_errors
    from edition.ledger import save_ledger
    from edition.prepare import encode_options, prepare_all
    from edition.register import load_register
    from edition.sources import discover

    releases = load_releases(edition_dir)
    if not version.strip() or any(ch.isspace() for ch in version):
        raise EditionError([error(version, 1, 1, "release-version", "a version is one word, like 1.0 or 2026-11",
                                  "edition release 1.0")])
    if any(r.version == version for r in releases):
        raise EditionError([error(str(edition_dir / RELEASES_FILE), 1, 1, "release-exists",
                                  f"release {version} exists already", "choose the next version number")])
    config, diagnostics = load_config(edition_dir)
    register, problems = load_register(edition_dir)
    sources, more = discover(edition_dir)
    prepared, found = prepare_all(sources, encode_options(config), register, edition_dir)
    diagnostics += problems + more + found
    if has_errors(diagnostics):
        raise EditionError(diagnostics)
    first_time = 0
    for document in prepared:
        first_time += sum(entry.status == LIVE and not entry.published for entry in document.ledger.anchors.values())
        publish_anchors(document.ledger, version)
        save_ledger(edition_dir, document.ledger)
    save_releases(edition_dir, [*releases, Release(version, today(), note)])
    return first_time, len(prepared)
