"""Progress of long builds: a bar in a terminal, nothing in CI or a pipe."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import TaskID


class Progress:
    """Silent: the default, and what CI and pipes get."""

    def start(self, label: str, total: int) -> None:
        pass

    def advance(self) -> None:
        pass

    def stop(self) -> None:
        pass


class _TerminalProgress(Progress):
    def __init__(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bar

        self.bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                       transient=True, console=None)
        self.task: TaskID | None = None

    def start(self, label: str, total: int) -> None:
        if total < 20:
            return  # short builds need no bar
        if self.task is None:
            self.bar.start()
        else:
            self.bar.remove_task(self.task)
        self.task = self.bar.add_task(label, total=total)

    def advance(self) -> None:
        if self.task is not None:
            self.bar.advance(self.task)

    def stop(self) -> None:
        if self.task is not None:
            self.bar.stop()
            self.task = None


def for_this_terminal() -> Progress:
    interactive = sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"
    return _TerminalProgress() if interactive else Progress()


SILENT = Progress()
