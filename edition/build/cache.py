"""Incremental builds: each document's expensive results, keyed by everything that shapes them.

The key hashes the tool's version, the bundled and the edition's schema and
XSLT, edition.toml, persons.toml, the source and its anchor ledger. A hit
skips encoding, anchoring, validation and the XSLT transform; everything
across documents is redone, so the site is byte-identical to a clean build.
The cache holds JSON and HTML only (never pickles: an edition may come from
anyone), lives in <edition>/.edition-cache/, and deleting it is always safe.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from edition import __version__
from edition.anchors.ledger import ledger_path
from edition.core.diagnostics import Diagnostic, Severity
from edition.core.fileio import write_atomic
from edition.core.resources import data_dir

CACHE_DIR = ".edition-cache"


@dataclass(frozen=True)
class Cached:
    tei: bytes
    ledger: bytes
    diagnostics: list[Diagnostic]
    pointer_severity: Severity


def _digest_files(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in paths if p.is_file()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class BuildCache:
    def __init__(self, edition_dir: Path):
        self.folder = edition_dir / CACHE_DIR
        self.edition_dir = edition_dir
        shaping = [*data_dir("schema").glob("*"), *data_dir("xslt").glob("*"),
                   *(edition_dir / "xslt").glob("*"), edition_dir / "edition.toml", edition_dir / "persons.toml"]
        self.environment = __version__ + _digest_files(shaping)

    def key(self, doc_id: str, source: Path, ledger: bytes | None = None) -> str:
        """The key of a source built with a ledger (by default, the one in anchors/ now)."""
        if ledger is None:
            path = ledger_path(self.edition_dir, doc_id)
            ledger = path.read_bytes() if path.is_file() else b""
        # The path too: cached diagnostics name the file.
        digest = hashlib.sha256(f"{self.environment}\0{source}\0".encode() + source.read_bytes() + b"\0")
        digest.update(ledger)
        return digest.hexdigest()

    def load(self, key: str) -> Cached | None:
        path = self.folder / f"{key}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Cached(data["tei"].encode("utf-8"), data["ledger"].encode("utf-8"),
                          [Diagnostic(*d[:6], Severity(d[6])) for d in data["diagnostics"]],
                          Severity(data["pointer_severity"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent or unreadable: build the document again

    def store(self, key: str, cached: Cached) -> None:
        data = {"tei": cached.tei.decode("utf-8"), "ledger": cached.ledger.decode("utf-8"),
                "diagnostics": [[d.file, d.line, d.col, d.code, d.message, d.hint, d.severity.value]
                                for d in cached.diagnostics],
                "pointer_severity": cached.pointer_severity.value}
        write_atomic(self.folder / f"{key}.json", json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def fragment(self, key: str) -> str | None:
        path = self.folder / f"{key}.html"
        return path.read_text(encoding="utf-8") if path.is_file() else None

    def store_fragment(self, key: str, html: str) -> None:
        write_atomic(self.folder / f"{key}.html", html.encode("utf-8"))


class NoCache(BuildCache):
    """For validate and encode, and builds asked not to use the cache."""

    def __init__(self) -> None:
        pass

    def key(self, doc_id: str, source: Path, ledger: bytes | None = None) -> str:
        return ""

    def load(self, key: str) -> Cached | None:
        return None

    def store(self, key: str, cached: Cached) -> None:
        pass

    def fragment(self, key: str) -> str | None:
        return None

    def store_fragment(self, key: str, html: str) -> None:
        pass
