"""Deterministic archives: the same files give the same bytes (fixed times, sorted names)."""

from __future__ import annotations

import zipfile
from pathlib import Path

TEI_ZIP = "edition-tei.zip"  # every document's TEI, in downloads/
_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold


def zip_folder(folder: Path, names: list[str], archive_path: Path) -> None:
    """Files of a folder into a zip, one at a time (memory stays small), sorted by name."""
    archive_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(names):
            _add(archive, name, (folder / name).read_bytes())


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)
