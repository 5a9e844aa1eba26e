"""`edition release VERSION`: mark the current anchors as published and record the release."""

from __future__ import annotations

from pathlib import Path

from edition.anchors.ledger import LIVE, save_ledger
from edition.anchors.releases import RELEASES_FILE, Release, load_releases, publish_anchors, save_releases, today
from edition.build.prepare import encode_options, prepare_all
from edition.core.diagnostics import EditionError, error, has_errors
from edition.project.config import load_config
from edition.project.register import load_register
from edition.project.sources import discover


def make_release(edition_dir: Path, version: str, note: str = "") -> tuple[int, int]:
    """Publish every current anchor under `version` and record the release.
    Returns (anchors published for the first time, documents)."""

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
