"""Time spent per build stage, for `edition build --timings` and the benchmarks."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager


class Timings:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - started

    def report(self) -> str:
        total = sum(self.seconds.values()) or 1.0
        return "\n".join(f"  {name:<10} {seconds:8.3f} s  {100 * seconds / total:5.1f} %"
                         for name, seconds in self.seconds.items())


NO_TIMINGS = Timings()
