"""Encoder speed: the seed (target ≤ 50 ms) and a 1 MB transcript (target ≤ 2 s).

Run: .venv/bin/python bench/bench_encode.py
Prints cold (first call in the process: word lists load) and warm figures.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import transcript  # noqa: E402

from edition.encode import encode_transcript  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "content" / "sources" / "gorbachev-baker-1990-02-09.txt"


def timed(text: str, name: str) -> float:
    started = time.perf_counter()
    encode_transcript(text, name)
    return time.perf_counter() - started


def main() -> None:
    seed = SEED.read_text(encoding="utf-8")
    cold = timed(seed, "seed")
    warm = [timed(seed, "seed") for _ in range(20)]
    median = statistics.median(warm)
    print(f"seed ({len(seed.encode()) / 1024:.1f} KiB): cold {cold * 1000:.1f} ms (loads word lists), "
          f"warm median {median * 1000:.1f} ms  [target ≤ 50 ms; ratio {median / 0.05:.2f}]")
    big = transcript(7, target_chars=1_000_000)
    runs = [timed(big, "big") for _ in range(3)]
    print(f"synthetic transcript ({len(big.encode()) / 1e6:.2f} MB): median {statistics.median(runs):.2f} s "
          f"[target ≤ 2 s; ratio {statistics.median(runs) / 2:.2f}]")


if __name__ == "__main__":
    main()
