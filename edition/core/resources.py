"""Where the bundled schema/, xslt/ and templates/ are.

In a wheel they are package data under edition/_data/; in a source checkout
they sit at the top of the repository, beside the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # edition/

DEFAULT_HREF = "edition:default"  # how an edition's stylesheet imports the bundled one


def data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} is missing from the installation")
