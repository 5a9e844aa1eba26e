"""Worker processes for the per-document stages.

`Workers(jobs, initializer, argument)` maps a function over items in order,
in `jobs` processes (or in this one when jobs is 1, or there is too little
work to pay for starting processes). Each process runs `initializer(argument)`
once, so schemas, stylesheets and templates are compiled once per process.
Results come back in the order of the items, so the output does not depend
on the number of processes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

# Below this many items per process, starting processes costs more than it saves.
MIN_ITEMS_PER_PROCESS = 4


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Workers:
    def __init__(self, jobs: int | None, items: int, initializer: Callable[[Any], None], argument: Any):
        wanted = default_jobs() if not jobs else jobs
        self.processes = max(1, min(wanted, items // MIN_ITEMS_PER_PROCESS))
        self.initializer, self.argument = initializer, argument
        self.executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> Workers:
        if self.processes == 1:
            self.initializer(self.argument)
        else:
            # forkserver: workers start from a clean process, not a copy of this one (which may
            # hold threads, e.g. the file watcher of `edition serve`).
            context = multiprocessing.get_context("forkserver")
            # Imported once in the fork server, so each worker starts with them loaded (wordfreq alone
            # takes half a second to import).
            context.set_forkserver_preload(["edition.build.pipeline", "wordfreq"])
            self.executor = ProcessPoolExecutor(self.processes, mp_context=context,
                                                initializer=self.initializer, initargs=(self.argument,))
        return self

    def map(self, function: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        if self.executor is None:
            return map(function, items)
        items = list(items)
        # Chunks keep the traffic between processes low; small enough to balance the load.
        chunk = max(1, min(16, len(items) // (self.processes * 8)))
        return self.executor.map(function, items, chunksize=chunk)

    def __exit__(self, *exc: object) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
