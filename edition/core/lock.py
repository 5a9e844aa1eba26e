"""One command at a time writes an edition: `build`, `release`, `ids --write` and `serve` rebuilds
take an exclusive lock on <edition>/.edition-lock.

Without it, a release run while a build is running saw ledgers the build was
rewriting and published fewer anchors than the site had. The lock is an
advisory `flock` on a small file inside the edition, opened through the
resolver's checks (a link that leaves the edition is refused); the kernel
drops it when the process ends, so a killed build never leaves the edition
locked. A second command waits a little, then refuses, naming what holds it.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from edition.core.diagnostics import EditionError, error
from edition.core.folder import EditionFolder

LOCK_FILE = ".edition-lock"
WAIT_SECONDS = 10.0  # long enough for a small build to finish, short enough to say why nothing happens
_UNLOCKABLE = (errno.ENOENT, errno.EACCES, errno.EPERM, errno.EROFS)


@contextmanager
def edition_lock(folder: EditionFolder, command: str, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the edition's lock for the block; EditionError (edition-busy) when another command keeps it.
    A folder that cannot be written (absent, read-only) is not locked: nothing can write it either."""
    if problem := folder.problem(LOCK_FILE):
        raise EditionError([problem])
    path = folder.path(LOCK_FILE)
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, 0o644)
    except OSError as exc:
        if exc.errno in _UNLOCKABLE:
            yield
            return
        raise EditionError([error(str(path), 1, 1, "edition-lock", f"cannot open the lock file: {exc.strerror}",
                                  "remove it; it holds nothing but the name of the command that locked it")]) from None
    try:
        _acquire(handle, str(path), wait)
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"edition {command} (process {os.getpid()})\n".encode(), 0)
        yield
    finally:
        os.close(handle)  # closing drops the lock


def _acquire(handle: int, shown: str, wait: float) -> None:
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = os.pread(handle, 200, 0).decode("utf-8", "replace").strip() or "another edition command"
                raise EditionError([error(shown, 1, 1, "edition-busy",
                                          f"the edition is in use by {holder}; waited {wait:.0f} s",
                                          "wait for it to finish and run this again (the lock goes when the "
                                          "other command ends)")]) from None
            time.sleep(0.05)
