"""The digests a rebuild compares: what every page shares, and what one document is made from.

The environment is deliberately wide: the tool's code and bundled files, and every file of the
edition but its sources, ledgers, notes and hidden files (configuration, registers, templates,
stylesheets, Markdown pages, releases, images). A change there makes every output again, as a
clean build would; only a change to one document's own files is worth telling apart.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from pathlib import Path
from typing import Any

from edition.anchors.ledger import ANCHORS_DIR, ledger_file, read_ledger_bytes
from edition.core.diagnostics import EditionError
from edition.core.folder import EditionFolder
from edition.core.resources import data_dir
from edition.project.notes import NOTES_DIR
from edition.project.sources import SOURCE_DIR, Source, read_source_bytes

_OWN_FILES = (SOURCE_DIR, ANCHORS_DIR, NOTES_DIR)  # told apart per document (document_inputs)


def environment_digest(folder: EditionFolder, cache_environment: str, out_dir: Path) -> str:
    """What every output of the edition depends on (`cache_environment` covers the tool's code, the
    schemas and stylesheets); the output folder, when inside the edition, is not an input."""
    digest = hashlib.sha256(cache_environment.encode() + b"\0")
    for bundled in ("templates",):
        for path in sorted(data_dir(bundled).rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(data_dir(bundled)).as_posix().encode() + b"\0" + path.read_bytes())
    skipped = Path(os.path.realpath(out_dir))
    for relative in _edition_files(folder.root, skipped):
        digest.update(b"\0" + relative.encode("utf-8", "surrogateescape") + b"\0" + _contents(folder, relative))
    return digest.hexdigest()


def _edition_files(root: Path, skipped: Path) -> list[str]:
    found = []
    for here, folders, files in os.walk(root):
        place = Path(here)
        folders[:] = sorted(name for name in folders if not name.startswith(".")
                            and not (place == root and name in _OWN_FILES)
                            and Path(os.path.realpath(place / name)) != skipped)
        found += [(place / name).relative_to(root).as_posix() for name in sorted(files) if not name.startswith(".")]
    return sorted(found)


def _contents(folder: EditionFolder, relative: str) -> bytes:
    """A file's bytes through the resolver; what is not a readable file inside the edition (a link
    out, a FIFO) counts by its kind and size, since the build refuses or skips it on its own."""
    try:
        return folder.read_bytes(relative)
    except EditionError:
        try:
            status = os.lstat(folder.path(relative))
            return f"\0unreadable {stat.S_IFMT(status.st_mode)} {status.st_size}".encode()
        except OSError:
            return b"\0gone"


def document_inputs(environment: str, source: Source, folder: EditionFolder, ledger: bytes | None = None) -> str:
    """A document's own files — its source, its anchor ledger (by default the one in anchors/
    now) and its notes — with the environment. Within one process (`edition serve`), files
    whose identity and last change are as when last read are not read again."""
    notes = f"{NOTES_DIR}/{source.id}.md"
    try:
        seen = (environment, str(source.path), ledger,
                *(_identity(folder.path(relative)) for relative in (source.relative, ledger_file(source.id), notes)))
    except _Racy:
        return _document_inputs(environment, source, folder, ledger)
    if (found := _INPUTS.get(seen)) is not None:
        return found
    if len(_INPUTS) >= _INPUTS_KEPT:
        _INPUTS.clear()
    found = _INPUTS[seen] = _document_inputs(environment, source, folder, ledger)
    return found


_INPUTS: dict[tuple[object, ...], str] = {}
_INPUTS_KEPT = 100_000


def known_inputs(environment: str) -> list[list[Any]]:
    """The digests this process knows of documents' own files as they are in anchors/ (no ledger
    given), under this environment: [source path, identities…, digest] each, for the next build's
    `remember_inputs` (a rebuild then tells the unchanged documents without reading them again)."""
    return [[key[1], *key[3:], found] for key, found in _INPUTS.items() if key[0] == environment and key[2] is None]


def remember_inputs(environment: str, known: list[list[Any]]) -> None:
    """Take digests from `known_inputs` (from a signed record: only this machine's builds wrote them)."""
    for entry in known[:_INPUTS_KEPT - len(_INPUTS)]:
        path, *identities, found = entry
        if isinstance(path, str) and isinstance(found, str) and len(identities) == 3 and all(
                identity is None or (isinstance(identity, list) and all(type(v) is int for v in identity))
                for identity in identities):
            _INPUTS[(environment, path, None, *(tuple(i) if i is not None else None for i in identities))] = found


def _identity(path: Path) -> tuple[int, ...] | None:
    """A file's identity and last change, of the name and of what it names (None: absent, or
    changed so recently that another change in the same clock tick would look the same)."""
    try:
        named = os.lstat(path)
        pointed = os.stat(path) if stat.S_ISLNK(named.st_mode) else named
    except OSError:
        return None
    if time.time_ns() - max(named.st_mtime_ns, pointed.st_mtime_ns, named.st_ctime_ns) < RACY_NS:
        raise _Racy
    return tuple(value for status in (named, pointed)
                 for value in (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_mode))


RACY_NS = 2 * 10**9  # file times tick coarsely (milliseconds): a file changed this recently is read again


class _Racy(Exception):
    pass


def _document_inputs(environment: str, source: Source, folder: EditionFolder, ledger: bytes | None) -> str:
    if ledger is None:
        try:
            ledger = read_ledger_bytes(folder, source.id)
        except EditionError:  # a broken ledger: the build says so, and this document is built again
            ledger = b"\0broken"
    notes = f"{NOTES_DIR}/{source.id}.md"
    digest = hashlib.sha256(f"{environment}\0{source.path}\0".encode())
    own_notes = _contents(folder, notes) if os.path.lexists(folder.path(notes)) else b""
    for part in (_read_source(source, folder), ledger, own_notes):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def _read_source(source: Source, folder: EditionFolder) -> bytes:
    try:
        return read_source_bytes(source, folder)
    except EditionError as failure:
        return ("\0" + "\n".join(d.format() for d in failure.diagnostics)).encode()
