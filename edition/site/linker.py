"""Hard links made in a process of their own while the build goes on (`Staging.link_later`).

A rebuild of 20,000 documents links the 140,000 files of its unchanged documents from the
previous site into the new one: some 2.8 s of system calls. A thread cannot make them beside the
build's own work: after each call it waits for the interpreter's lock, which the build's thread
holds for milliseconds at a time (measured: 120,000 links took 2.0 s alone, and made no progress
while the main thread computed). This process reads `source\\0target\\0…` from its input, links
each pair, and writes the targets it could not link (`\\0` apart); the build makes or refuses
those itself, with its usual checks. Paths arrive checked (writer._inside).
"""

from __future__ import annotations

import os
import sys


def link_all(pairs: bytes) -> bytes:
    names = pairs.split(b"\0")
    failed = []
    for source, target in zip(names[0::2], names[1::2], strict=False):
        try:
            os.link(source, target)
        except OSError:
            failed.append(target)
    return b"\0".join(failed)


if __name__ == "__main__":
    sys.stdout.buffer.write(link_all(sys.stdin.buffer.read()))
