"""Deterministic archives: the same files give the same bytes (fixed times, sorted names)."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold


def zip_files(site: Path, paths: list[str], archive_path: Path) -> None:
    """Files of the site into a zip, flat (by file name), one at a time (memory stays small), sorted."""
    archive_path.parent.mkdir(parents=True, exist_ok=True)
    # The fastest level: a rebuild makes the zip again after any edit, and level 6 took half as long
    # again (1,000 transcripts: 0.26 s against 0.40 s) to save 8 % of the download.
    with zipfile.ZipFile(archive_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for path in sorted(paths, key=lambda p: PurePosixPath(p).name):
            _add(archive, PurePosixPath(path).name, (site / path).read_bytes())


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data, compresslevel=1)
