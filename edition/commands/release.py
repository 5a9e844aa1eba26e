"""`edition release VERSION`: mark the current anchors as published and record the release.

Everything is checked before anything is written — the version, the date
(SOURCE_DATE_EPOCH), every document and the anchor promise — and then every
ledger and releases.json are written all or nothing (edition.core.writeset),
under the edition's lock so that no build reads or writes a ledger meanwhile.
"""

from __future__ import annotations

from pathlib import Path

from edition.anchors.ledger import LIVE, ledger_file, read_ledger_bytes
from edition.anchors.promise import missing_ledgers
from edition.anchors.releases import RELEASES_FILE, VERSION, Release, publish_anchors, releases_json, today
from edition.build.prepare import prepare_all
from edition.core.diagnostics import EditionError, error, has_errors
from edition.core.folder import EditionFolder
from edition.core.lock import edition_lock
from edition.core.writeset import write_all
from edition.project.edition import load_edition


def make_release(edition_dir: Path, version: str, note: str = "") -> tuple[int, int]:
    """Publish every current anchor under `version` and record the release.
    Returns (anchors published for the first time, documents)."""
    if not VERSION.fullmatch(version):
        raise EditionError([error(version or "''", 1, 1, "release-version",
                                  "a version is one short word of letters, digits and '.', '-', '_' or '+'",
                                  "for example: edition release 1.0")])
    date = today()  # a bad SOURCE_DATE_EPOCH stops the release here, before anything is read or written
    with edition_lock(EditionFolder(edition_dir), "release"):
        return _release(edition_dir, Release(version, date, note))


def _release(edition_dir: Path, release: Release) -> tuple[int, int]:
    edition, diagnostics = load_edition(edition_dir)
    releases = list(edition.releases)
    if any(r.version == release.version for r in releases):
        raise EditionError([error(edition.folder.shown(RELEASES_FILE), 1, 1, "release-exists",
                                  f"release {release.version} exists already", "choose the next version number")])
    diagnostics += missing_ledgers(edition.folder, releases, edition.config.moved)
    prepared, found = prepare_all(edition)
    diagnostics += found
    if has_errors(diagnostics):
        raise EditionError(diagnostics)
    first_time = 0
    files: dict[str, bytes] = {}
    for document in prepared:
        ledger = document.ledger
        first_time += sum(entry.status == LIVE and not entry.published for entry in ledger.anchors.values())
        publish_anchors(ledger, release.version)
        data = ledger.to_json()
        if data != read_ledger_bytes(edition.folder, document.source.id):
            files[ledger_file(document.source.id)] = data
    # A release vouches for every ledger published so far: the documents it built, and those of
    # earlier releases (moved ones keep their old page, which their ledger makes).
    documents = {d.source.id for d in prepared} | {doc for r in releases for doc in r.documents}
    recorded = Release(release.version, release.date, release.note, tuple(sorted(documents)))
    files[RELEASES_FILE] = releases_json([*releases, recorded])
    write_all(edition.folder, files)
    return first_time, len(prepared)
