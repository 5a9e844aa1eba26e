"""Diagnostics are values: every stage returns them, the CLI prints them once."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        text = f"{self.file}:{self.line}:{self.col}: {self.severity.value}[{self.code}]: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


def error(file: str, line: int, col: int, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(file, line, col, code, message, hint, Severity.ERROR)


def warning(file: str, line: int, col: int, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(file, line, col, code, message, hint, Severity.WARNING)


def has_errors(diagnostics: list[Diagnostic], strict: bool = False) -> bool:
    return any(d.severity is Severity.ERROR or strict for d in diagnostics)


class EditionError(Exception):
    """A user error that stops the current command; carries its diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("\n".join(d.format() for d in diagnostics))
        self.diagnostics = diagnostics


def toml_position(exc: Exception) -> tuple[int, int]:
    """Line and column that tomllib names in its error message."""
    import re

    match = re.search(r"line (\d+), column (\d+)", str(exc))
    return (int(match[1]), int(match[2])) if match else (1, 1)
