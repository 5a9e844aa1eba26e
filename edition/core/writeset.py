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
import secrets
from pathlib import Path

from edition.core.diagnostics import EditionError
from edition.core.folder import EditionFolder, _relative, write_atomic


def write_all(folder: EditionFolder, files: dict[str, bytes]) -> None:
    """Replace every file of `files` (relative path → bytes), or none of them."""
    targets = {}
    for relative, data in files.items():
        path = _checked(folder, relative)
        targets[path] = data
    originals = {path: path.read_bytes() if path.is_file() else None for path in targets}
    temporaries: dict[Path, Path] = {}
    renamed: list[Path] = []
    try:
        for path, data in targets.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            temporaries[path] = _write_beside(path, data)
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


def _checked(folder: EditionFolder, relative: str) -> Path:
    """The path to write, refused (EditionError) when it or a folder on the way leaves the edition."""
    inside = _relative(relative)
    for parent in reversed(inside.parents):
        if str(parent) != "." and (problem := folder.problem(parent, "folder")):
            raise EditionError([problem])
    if problem := folder.problem(inside, "file"):
        raise EditionError([problem])
    return folder.path(inside)


def _write_beside(path: Path, data: bytes) -> Path:
    temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.new"
    # Not mkstemp: its files are 0600, so a new ledger or releases.json would ignore the umask.
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.is_file():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _restore(path: Path, original: bytes | None) -> None:
    if original is None:
        path.unlink(missing_ok=True)
    else:
        write_atomic(path, original)
