"""Write several files of an edition all or nothing.

A release rewrites every ledger and releases.json together. Written one by
one, a failure halfway left ledgers naming a release that releases.json did
not know, and every later build crashed on it. Here every new file is first
written and synced beside its target; only when all are on disk are they
renamed over their targets. If anything fails, the temporaries are removed
and the files already renamed get their old bytes back.
"""

from __future__ import annotations

import os
from pathlib import Path

from edition.core.folder import EditionFolder, write_atomic, write_beside


def write_all(folder: EditionFolder, files: dict[str, bytes]) -> None:
    """Replace every file of `files` (relative path → bytes), or none of them."""
    targets = {}
    for relative, data in files.items():
        path = folder.writable(relative)
        targets[path] = data
    originals = {path: path.read_bytes() if path.is_file() else None for path in targets}
    temporaries: dict[Path, Path] = {}
    renamed: list[Path] = []
    try:
        for path, data in targets.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            temporaries[path] = write_beside(path, data)
        for path, temporary in temporaries.items():
            os.replace(temporary, path)
            renamed.append(path)
    except BaseException:
        for path, temporary in temporaries.items():
            if path not in renamed:
                temporary.unlink(missing_ok=True)
        for path in renamed:
            _restore(path, originals[path])
        raise


def _restore(path: Path, original: bytes | None) -> None:
    if original is None:
        path.unlink(missing_ok=True)
    else:
        write_atomic(path, original)
