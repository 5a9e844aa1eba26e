"""schema/edition.rnc (the readable source) → schema/edition.rng (what lxml loads).

Run `python -m edition.tei.schemagen` (or `make schema`) after editing the .rnc;
a test fails while the two disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rnc2rng import dumps, load

from edition.core.resources import data_dir

HEADER = "<!-- Generated from edition.rnc by `python -m edition.tei.schemagen`: edit the .rnc, not this file. -->\n"


def generate(rnc: Path) -> str:
    xml: str = dumps(load(str(rnc)))
    declaration, _, rest = xml.partition("\n") if xml.startswith("<?xml") else ("", "", xml)
    return (declaration + "\n" if declaration else "") + HEADER + rest


def main() -> int:
    folder = data_dir("schema")
    (folder / "edition.rng").write_text(generate(folder / "edition.rnc"), encoding="utf-8")
    print(f"wrote {folder / 'edition.rng'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
