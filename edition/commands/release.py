"""`edition release VERSION`: mark the current anchors as published and record the release."""

from __future__ import annotations

from pathlib import Path

from edition.anchors.ledger import LIVE, save_ledger
from edition.anchors.releases import RELEASES_FILE, Release, publish_anchors, save_releases, today
from edition.build.prepare import prepare_all
from edition.core.diagnostics import EditionError, error, has_errors
from edition.project.edition import load_edition


def make_release(edition_dir: Path, version: str, note: str = "") -> tuple[int, int]:
    """Publish every current anchor under `version` and record the release.
    Returns (anchors published for the first time, documents)."""
    edition, diagnostics = load_edition(edition_dir)
    releases = list(edition.releases)
    if not version.strip() or any(ch.isspace() for ch in version):
        raise EditionError([error(version, 1, 1, "release-version", "a version is one word, like 1.0 or 2026-11",
                                  "edition release 1.0")])
    if any(r.version == version for r in releases):
        raise EditionError([error(edition.folder.shown(RELEASES_FILE), 1, 1, "release-exists",
                                  f"release {version} exists already", "choose the next version number")])
    prepared, found = prepare_all(edition)
    diagnostics += found
    if has_errors(diagnostics):
        raise EditionError(diagnostics)
    first_time = 0
    for document in prepared:
        first_time += sum(entry.status == LIVE and not entry.published for entry in document.ledger.anchors.values())
        publish_anchors(document.ledger, version)
        save_ledger(edition.folder, document.ledger)
    save_releases(edition.folder, [*releases, Release(version, today(), note)])
    return first_time, len(prepared)
