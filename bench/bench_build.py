"""Full builds with the time per stage: the bundled edition and the DraCor plays.

Run: .venv/bin/python bench/bench_build.py (full builds: the incremental cache is not used)
Prints, for each workload: documents, seconds, documents/s, the time per stage,
how much validation adds to the rest of the build (target ≤ 15 %), and for
DraCor the ratio to lxml just parsing and serialising the same files (target ≤ 10×).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

from edition.build.stages import build
from edition.build.timings import Timings

REPO = Path(__file__).resolve().parent.parent
DRACOR = REPO.parent / "shared" / "corpora" / "shakedracor" / "tei"


def lxml_floor(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        etree.tostring(etree.parse(str(path)))
    return time.perf_counter() - started


def run(name: str, edition: Path, floor_paths: list[Path] | None = None) -> None:
    with tempfile.TemporaryDirectory() as out:
        timings = Timings()
        started = time.perf_counter()
        result = build(edition, Path(out) / "site", timings=timings, incremental=False)  # a full build
        seconds = time.perf_counter() - started
    documents = len(result.documents)
    validate = timings.seconds.get("validate", 0.0)
    print(f"\n{name}: {documents} documents in {seconds:.2f} s ({documents / seconds:.1f} documents/s)")
    print(timings.report())
    print(f"  validation adds {100 * validate / (seconds - validate):.1f} % to the rest of the build [target ≤ 15 %]")
    if floor_paths:
        floor = lxml_floor(floor_paths)
        print(f"  lxml parse + serialise of the same files: {floor:.2f} s; build / floor = {seconds / floor:.1f}× "
              "[target ≤ 10×]")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:  # a copy: the benchmark writes nothing into the checkout
        shutil.copytree(REPO / "content", Path(folder) / "content")
        run("bundled edition", Path(folder) / "content")
    if not DRACOR.is_dir():
        print(f"\nDraCor workload skipped: {DRACOR} is absent")
        return
    with tempfile.TemporaryDirectory() as folder:
        edition = Path(folder)
        shutil.copytree(DRACOR, edition / "sources")
        (edition / "edition.toml").write_text('title = "ShakeDraCor"\n', encoding="utf-8")
        run("DraCor (37 plays, 16 MB)", edition, sorted(DRACOR.glob("*.xml")))


if __name__ == "__main__":
    sys.exit(main())
