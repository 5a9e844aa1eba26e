"""Time spent per build stage, for `edition build --timings` and the benchmarks.

Stages may nest (the search index is built while the site is written): time
spent in an inner stage counts for it alone, not for the stage around it.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager


class Timings:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._inner: list[float] = []  # time spent in nested stages, per open stage

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        self._inner.append(0.0)
        try:
            yield
        finally:
            spent = time.perf_counter() - started
            inner = self._inner.pop()
            self.seconds[name] += spent - inner
            if self._inner:
                self._inner[-1] += spent

    def add(self, seconds: dict[str, float]) -> None:
        """Time measured elsewhere (in a worker process)."""
        for name, spent in seconds.items():
            self.seconds[name] += spent

    def report(self) -> str:
        total = sum(self.seconds.values()) or 1.0
        return "\n".join(f"  {name:<10} {seconds:8.3f} s  {100 * seconds / total:5.1f} %"
                         for name, seconds in self.seconds.items())


NO_TIMINGS = Timings()
