"""The one guarded writer: a complete new site beside the old one, then an atomic swap.

Paths never leave the output folder, and a folder that `edition` did not
write is never replaced.
"""

from __future__ import annotations

import ctypes
import glob
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from edition.core.diagnostics import Diagnostic, EditionError, error
from edition.site import linker, remover
from edition.site.remover import STAGING_MARKER, mark_as_staging, remove_staging

MARKER = ".edition-site"
_RENAME_EXCHANGE = 2
# A replaced site of more documents than this is removed by a process the build does not wait
# for (remover.py): below it, removing takes under 0.3 s, less than is worth leaving behind.
REMOVED_APART = 2_000


def _inside(site: Path, path: str) -> str:
    """`path` in `site`, as a string for the os calls: a rebuild of 20,000 documents makes some
    360,000 of them, and building each path with pathlib cost more than the call. Refused when
    it could leave `site` (absolute, '..', a backslash) or names no file ('', '.')."""
    if "\\" in path or "\0" in path or not _NOT_NAMES.isdisjoint(path.split("/")):
        raise EditionError([error(path, 1, 1, "output-path", f"refusing to write '{path}' outside the site",
                                  "output paths are relative and stay inside the output folder")])
    return f"{site}/{path}"


_NOT_NAMES = frozenset(("", ".", ".."))  # ("" also where the path starts with "/")
_NOT_A_NAME = re.compile(r"(?:^|[\0/])\.{0,2}(?:[\0/]|$)")  # one of those, among paths joined by "\0"


def _checked_paths(paths: list[str]) -> list[str]:
    """The paths, each as `_inside` would take it: checked at once over all of them (140,000 at a
    20,000-document rebuild), and one by one only when something is wrong, to name it."""
    joined = "\0".join(paths)
    if "\\" in joined or joined.count("\0") != len(paths) - 1 or _NOT_A_NAME.search(joined):
        for path in paths:
            _inside(Path("."), path)
    return paths


def write_file(site: Path, path: str, data: bytes, previous: Path | None = None) -> None:
    """One file of a site being written (by the main process or a worker), inside `site` only,
    and only once: a second write to the same path is an error, never a silent overwrite.
    When the previous site has the same bytes at the same path, the file is a hard link to it:
    a rebuild writes only what changed (writing costs far more than reading on most disks)."""
    target = Path(_inside(site, path))
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() or target.is_symlink():
        raise EditionError([_collision(path, "another file of this build")])
    old = Path(_inside(previous, path)) if previous is not None else None
    if old is not None and _same_file(old, data):
        link_or_copy(old, target)
    else:
        with open(target, "xb") as stream:  # exclusive: two processes writing one path cannot both succeed
            stream.write(data)


def _collision(path: str, first: str, second: str = "") -> Diagnostic:
    return error(second or path, 1, 1, "output-collision", f"'{path}' would be written twice: by {first}"
                 + (f" and by {second}" if second else ""),
                 "rename one of them (a document's id is its file name; case does not count in URLs)")


def link_or_copy(source: Path, target: Path) -> None:
    """A hard link (no bytes written), or a copy on a file system without hard links."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


Identity = tuple[int, int, int, int]  # a file's device, inode, size and last change


def unchanged(previous: Path, path: str, sha256: str) -> Identity | None:
    """The identity of the previous site's file at `path` when it is a regular file with exactly
    these bytes (by their SHA-256), else None: what a rebuild checks before it keeps a file it
    did not make again."""
    try:
        identity, found = identified(_inside(previous, path))
    except OSError:
        return None
    return identity if found == sha256 else None


# Digests of files read in this process, by the file's identity and last change: `edition serve`
# checks the same site's files build after build. Bounded, so a long session stays small.
_DIGESTS: dict[Identity, str] = {}
_DIGESTS_KEPT = 400_000
_RACY_NS = 2 * 10**9  # file times tick coarsely (milliseconds)


def identified(path: str | Path, written: bool = False) -> tuple[Identity, str]:
    """A regular file's identity and SHA-256 (OSError for anything else). `written`: a file this
    build has just written into its staging folder, which nothing else writes, so its digest is
    kept by its identity at once; any other file changed in the last two seconds is read again
    next time (another change in the same clock tick would leave its identity as it was)."""
    status = os.lstat(path)
    if not stat.S_ISREG(status.st_mode):
        raise OSError(f"{path} is not a regular file")
    key = (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)
    # (Not the change time: linking a file into the next site changes it.)
    if not written and time.time_ns() - status.st_mtime_ns < _RACY_NS:
        return key, _sha256(path)
    found = _DIGESTS.get(key)
    if found is None:
        if len(_DIGESTS) >= _DIGESTS_KEPT:
            _DIGESTS.clear()
        found = _DIGESTS[key] = _sha256(path)
    return key, found


def _sha256(path: str | Path) -> str:
    with open(path, "rb") as stream:
        return hashlib.sha256(stream.read()).hexdigest()


def known_digests(identities: Iterable[Identity]) -> list[list[int | str]]:
    """Of these files (by the identities `identified` gave when they were checked or written),
    those whose digest this process knows: [device, inode, size, mtime, SHA-256] each, for the
    next build's `remember_digests` (a rebuild then checks an unchanged site without reading
    its files again). A file changed since has another identity, so it is read again then."""
    return [[*key, found] for key in identities if (found := _DIGESTS.get(key)) is not None]


def remember_digests(known: list[list[Any]]) -> None:
    """Take digests from `known_digests` (from a signed record: only this machine's builds wrote them)."""
    for entry in known[:_DIGESTS_KEPT - len(_DIGESTS)]:
        if len(entry) == 5 and all(type(part) is int for part in entry[:4]) and isinstance(entry[4], str):
            _DIGESTS[(entry[0], entry[1], entry[2], entry[3])] = entry[4]


def keep_previous(site: Path, path: str, previous: Path) -> None:
    """The previous site's file at `path`, checked by `unchanged`, linked into the new site."""
    source, target = _inside(previous, path), _inside(site, path)
    try:  # one call for most files (a rebuild of 20,000 documents keeps some 180,000)
        os.link(source, target)
        return
    except FileExistsError:
        raise EditionError([_collision(path, "another file of this build")]) from None
    except OSError:  # its folder is not made yet, or the file system has no hard links
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    if os.path.lexists(target):
        raise EditionError([_collision(path, "another file of this build")])
    link_or_copy(Path(source), Path(target))


def _output(process: subprocess.Popen[bytes]) -> bytes:
    """All a process writes, once it has ended (its input is closed already)."""
    stream = process.stdout  # (a pipe: asked for)
    out = stream.read() if stream else b""
    if stream:
        stream.close()
    process.wait()
    return out


def _same_inode(a: str, b: str) -> bool:
    try:
        first, second = os.lstat(a), os.lstat(b)
    except OSError:
        return False
    return (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino)


def _same_file(old: Path, data: bytes) -> bool:
    try:
        status = old.lstat()
        return stat.S_ISREG(status.st_mode) and status.st_size == len(data) and old.read_bytes() == data
    except OSError:
        return False


def _unusable_output(out_dir: Path, shown: str) -> Diagnostic | None:
    """Why `out_dir` cannot take a site: a link (the swap would replace the link, not the folder it
    names, or it names nothing), a file, or a place no folder can be made."""
    if out_dir.is_symlink():
        return error(shown, 1, 1, "output-link", f"the output folder is a link (to {os.readlink(out_dir)}); "
                     "a build replaces the link with a folder and leaves the folder it names as it was",
                     "name the folder itself with --out, or remove the link; nothing was changed")
    for place in (out_dir, *out_dir.parents):
        if place.is_symlink() or place.exists():
            if place.is_dir():
                return None
            return error(shown, 1, 1, "output-not-folder", f"{place} is a file, not a folder",
                         "choose an empty or new folder with --out; nothing was changed")
    return None


class Staging:
    """A fresh folder beside out_dir that files are written into, one at a time and from any
    process; `commit` swaps it in place of out_dir. Leaving the `with` block without a commit
    (an error, an interrupt) removes it and leaves out_dir as it was."""

    def __init__(self, out_dir: Path):
        self.shown, self.out_dir = str(out_dir), out_dir.absolute()
        self._root: Path | None = None
        self.previous: Path | None = None  # the site being replaced, whose unchanged files are linked
        self.owners: dict[str, str] = {}  # output path (case-folded) → what wrote it
        self._linking: list[tuple[list[str], subprocess.Popen[bytes]]] = []  # (paths, the linker making them)

    def __enter__(self) -> Staging:
        out_dir = self.out_dir
        if problem := _unusable_output(out_dir, self.shown):
            raise EditionError([problem])
        if out_dir.exists() and not (out_dir / MARKER).exists() and any(out_dir.iterdir()):
            raise EditionError([error(self.shown, 1, 1, "output-not-site",
                                      "the output folder holds files that edition did not write",
                                      "choose an empty or new folder with --out; nothing was changed")])
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        for pattern in (".{}.new-*", ".{}.old-*"):
            for stale in out_dir.parent.glob(pattern.format(glob.escape(out_dir.name))):
                if _made_by_a_build(stale):  # left by a build that was killed
                    remove_staging(stale)
        self._root = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
        mark_as_staging(self._root)
        self.previous = out_dir if (out_dir / MARKER).is_file() else None
        return self

    @property
    def root(self) -> Path:
        """The staging folder (made on entering the `with` block)."""
        if self._root is None:
            raise RuntimeError("Staging is used outside its with block")
        return self._root

    def claim(self, path: str, owner: str) -> None:
        """Record who writes `path`; a second owner is an error naming both. Case is folded: two
        paths differing only in case are one file on many disks and web servers."""
        first = self.owners.setdefault(path.casefold(), owner)
        if first != owner:
            raise EditionError([_collision(path, first, owner)])

    def write(self, path: str, data: bytes, owner: str) -> None:
        self.claim(path, owner)
        write_file(self.root, path, data, self.previous)

    def link_later(self, paths: list[str]) -> None:
        """Link the previous site's files at these paths (checked by `unchanged`) into this one, in a
        process of their own (edition/site/linker.py) while this one goes on; `settle` waits for it."""
        if not paths or self.previous is None:
            return
        request = os.fsencode("\0".join((str(self.previous), str(self.root), *_checked_paths(paths))))
        process = subprocess.Popen([sys.executable, "-I", "-S", linker.__file__], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE)
        self._linking.append((paths, process))
        try:
            if process.stdin is not None:  # (a pipe: asked for above)
                with process.stdin as stream:
                    stream.write(request)
        except BrokenPipeError:  # it ended early: `settle` makes the links here
            pass

    def settle(self) -> None:
        """Wait for the links `link_later` asked for; one the linker could not make (a folder or
        hard links missing, a collision) is made, or refused, here as `keep_previous` does."""
        previous = self.previous
        while self._linking:
            paths, process = self._linking.pop()
            failed = set(_output(process).split(b"\0")) - {b""}
            if previous is None or (process.returncode == 0 and not failed):
                continue  # (the usual case: nothing to look at again among 140,000 paths)
            for path in paths:
                if process.returncode != 0 or os.fsencode(path) in failed:
                    if not _same_inode(_inside(previous, path), _inside(self.root, path)):
                        keep_previous(self.root, path, previous)

    def commit(self) -> Path | None:
        """Swap the complete site in place of out_dir; returns the folder now holding the site it
        replaced, marked as staging, for the caller to remove (`remove_replaced`) while it does
        other work: removing the 180,000 files of a 20,000-document site takes over two seconds.
        A build killed before that leaves it to the next build, which removes it on entering."""
        self.settle()
        (self.root / MARKER).write_text("written by edition; replaced whole on every build\n")
        (self.root / STAGING_MARKER).unlink()  # the site is no longer a staging folder
        os.chmod(self.root, 0o755)
        replaced = _swap(self.root, self.out_dir)
        self._root = None  # (its path may now hold the replaced site, which is the caller's to remove)
        return replaced

    def __exit__(self, *exc: object) -> None:
        for _, process in self._linking:  # (a failed build: its links are not wanted)
            process.kill()
            _output(process)
        if self._root is not None and self._root.exists():
            remove_staging(self._root)


def _swap(staging: Path, out_dir: Path) -> Path | None:
    """Put staging in place of out_dir; the folder left holding the old site, if any."""
    if not out_dir.exists():
        staging.rename(out_dir)
        return None
    if _exchange(staging, out_dir):
        mark_as_staging(staging)  # staging now holds the old site, which goes next
        return staging
    retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    retired.rmdir()
    out_dir.rename(retired)
    mark_as_staging(retired)
    staging.rename(out_dir)
    return retired


def remove_replaced(folder: Path, documents: int) -> None:
    """Remove the site a build replaced (`Staging.commit`): in this process when it is small,
    else by a detached process (remover.py), so that the build returns as soon as the new site
    is in place and saved. Either way the folder stays marked until it is gone."""
    if documents <= REMOVED_APART:
        remove_staging(folder)
        return
    try:
        subprocess.run([sys.executable, "-I", "-S", remover.__file__, str(folder)], check=True, timeout=60,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        remove_staging(folder)  # no process to be had: removed here, as a small site is


def _made_by_a_build(folder: Path) -> bool:
    """A real folder (not a link) that a killed build can leave: empty (killed between making it
    and marking it), or carrying the staging marker or the site marker (killed during the swap)
    as a regular file. A folder with other files and neither marker is someone else's."""
    try:
        if not stat.S_ISDIR(folder.lstat().st_mode):
            return False
        if not any(folder.iterdir()):
            return True
        return any(stat.S_ISREG(m.lstat().st_mode) for m in (folder / STAGING_MARKER, folder / MARKER) if m.exists())
    except OSError:
        return False


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)
