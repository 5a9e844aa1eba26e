"""Incremental builds: each document's expensive results, keyed by everything that shapes them.

The key hashes the tool's version and code, the bundled and the edition's schema and
XSLT, edition.toml, persons.toml, the source and its anchor ledger. A hit
skips encoding, anchoring, validation and the XSLT transform; everything
across documents is redone, so the site is byte-identical to a clean build.
The cache holds JSON and HTML only (never pickles: an edition may come from
anyone), lives in <edition>/.edition-cache/, and deleting it is always safe.

Every edit, and every new version of the tool, adds entries; so once a day a build removes
those that no build has used for UNUSED_DAYS and that the site it made does not need (`sweep`).

An edition may be shipped with a `.edition-cache/` whose HTML was edited to
carry a script. So every entry is signed with a key that only this machine's
user holds (in the user's cache folder, never in the edition): an entry made
elsewhere, or changed since, fails the check and the document is built again.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from edition import __version__
from edition.anchors.ledger import read_ledger_bytes
from edition.core.diagnostics import Diagnostic, EditionError, Severity
from edition.core.folder import MAX_FILE_BYTES, EditionFolder
from edition.core.resources import data_dir
from edition.project.edition import XSLT_DIR, Edition
from edition.project.sources import Source, read_source_bytes

CACHE_DIR = ".edition-cache"
# An entry unused this long is removed, unless the site in place was made with it: a fortnight
# keeps the entries of another branch or output folder built now and then.
UNUSED_DAYS = 14
_SWEEP_EVERY = 24 * 3600  # seconds between sweeps
_SWEPT = "swept"  # its modification time is the last sweep's
_PACKAGE = Path(__file__).resolve().parent.parent  # edition/
_KEY_BYTES = 32


@dataclass(frozen=True)
class Cached:
    tei: bytes
    ledger: bytes
    diagnostics: list[Diagnostic]
    pointer_severity: Severity


def signing_key() -> bytes:
    """This user's secret for signing cache entries, made on first use; a key for this process alone
    where the user's cache folder cannot be written (the cache then serves this build only)."""
    path = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "edition" / "cache-key"
    for _ in range(2):
        try:
            key = path.read_bytes()
            if len(key) == _KEY_BYTES:
                return key
            path.unlink()  # damaged: make a new one
        except FileNotFoundError:
            pass
        except OSError:
            break
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(handle, "wb") as stream:
                stream.write(secrets.token_bytes(_KEY_BYTES))
        except FileExistsError:
            continue  # another build made it first: read theirs
        except OSError:
            break
    return secrets.token_bytes(_KEY_BYTES)


def read_signed(folder: EditionFolder, secret: bytes, name: str, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """The payload of .edition-cache/<name>; None when it is absent, unreadable, larger than
    `limit`, or not signed by this user."""
    relative = f"{CACHE_DIR}/{name}"
    try:
        if not folder.is_file(relative):
            return None
        signature, _, payload = folder.read_bytes(relative, limit).partition(b"\n")
    except EditionError:
        return None
    expected = hmac.new(secret, name.encode() + b"\0" + payload, hashlib.sha256).hexdigest()
    return payload if hmac.compare_digest(signature, expected.encode()) else None


def write_signed(folder: EditionFolder, secret: bytes, name: str, payload: bytes, sync: bool = True) -> None:
    signature = hmac.new(secret, name.encode() + b"\0" + payload, hashlib.sha256).hexdigest()
    folder.write_bytes(f"{CACHE_DIR}/{name}", signature.encode() + b"\n" + payload, sync)


@functools.cache
def _code_digest() -> str:
    """The tool's own code: a change to it (a new rule, a fixed bug) must not be hidden by a cached result."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class BuildCache:
    def __init__(self, edition: Edition, secret: bytes):
        self.edition = edition
        self.secret = secret
        folder = edition.folder
        shaping = hashlib.sha256(__version__.encode() + _code_digest().encode())
        for bundled in ("schema", "xslt", "styles"):
            for path in sorted(data_dir(bundled).glob("*")):
                shaping.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        own = [p for p in folder.entries(XSLT_DIR) if folder.is_file(p)]
        for relative in [*own, Path("edition.toml"), Path("persons.toml")]:
            if folder.is_file(relative):
                shaping.update(relative.name.encode() + b"\0" + folder.read_bytes(relative) + b"\0")
        self.environment = shaping.hexdigest()
        self.used: set[str] = set()  # the entries read or written since `take_used`

    def take_used(self) -> list[str]:
        """The names of the entries used since the last call (by one document, in a worker)."""
        used, self.used = sorted(self.used), set()
        return used

    def key(self, source: Source, ledger: bytes | None = None) -> str:
        """The key of a source built with a ledger (by default, the one in anchors/ now)."""
        if ledger is None:
            ledger = read_ledger_bytes(self.edition.folder, source.id)
        # The path too: cached diagnostics name the file.
        digest = hashlib.sha256(f"{self.environment}\0{source.path}\0".encode()
                                + read_source_bytes(source, self.edition.folder) + b"\0")
        digest.update(ledger)
        return digest.hexdigest()

    def _read(self, name: str) -> bytes | None:
        found = read_signed(self.edition.folder, self.secret, name)
        if found is not None:
            self.used.add(name)
            try:  # its modification time says when it was last used (see `sweep`)
                os.utime(self.edition.folder.path(f"{CACHE_DIR}/{name}"), follow_symlinks=False)
            except OSError:
                pass
        return found

    def _write(self, name: str, payload: bytes, needed: bool = True) -> None:
        """`needed`: whether the site made now needs the entry (see `take_used`)."""
        # Not synced: an entry lost or torn by a crash fails its signature and is made again (a
        # full build synced some 3,000 entries of 1,000 documents).
        write_signed(self.edition.folder, self.secret, name, payload, sync=False)
        if needed:
            self.used.add(name)

    def load(self, key: str) -> Cached | None:
        payload = self._read(f"{key}.json")
        if payload is None:
            return None
        try:
            data = json.loads(payload)
            return Cached(data["tei"].encode("utf-8"), data["ledger"].encode("utf-8"),
                          [Diagnostic(str(d[0]), int(d[1]), int(d[2]), str(d[3]), str(d[4]), str(d[5]), Severity(d[6]))
                           for d in data["diagnostics"]],
                          Severity(data["pointer_severity"]))
        except (ValueError, KeyError, TypeError):
            return None  # unreadable: build the document again

    def store(self, key: str, cached: Cached, needed: bool = True) -> None:
        data = {"tei": cached.tei.decode("utf-8"), "ledger": cached.ledger.decode("utf-8"),
                "diagnostics": [[d.file, d.line, d.col, d.code, d.message, d.hint, d.severity.value]
                                for d in cached.diagnostics],
                "pointer_severity": cached.pointer_severity.value}
        self._write(f"{key}.json", json.dumps(data, ensure_ascii=False).encode("utf-8"), needed)

    def fragment(self, key: str) -> str | None:
        payload = self._read(f"{key}.html")
        return payload.decode("utf-8") if payload is not None else None

    def store_fragment(self, key: str, html: str, needed: bool = True) -> None:
        self._write(f"{key}.html", html.encode("utf-8"), needed)

    def waiting_page(self, inputs: str) -> bytes | None:
        """What a document's page is rendered from (Outcome.page), kept under its inputs' digest
        for a rebuild that renders the page of an unchanged document again (a neighbour changed)."""
        return self._read(f"page-{inputs}.z")

    def keep_waiting_page(self, inputs: str, page: bytes) -> None:
        self._write(f"page-{inputs}.z", page)

    def computed(self, kind: str, material: bytes, compute: Callable[[], bytes]) -> bytes:
        """`compute()`, or what it gave last time for the same material (and the same tool, styles,
        schema and stylesheets): for work that is slow and depends on nothing else, such as a
        document's citations in three CSL styles."""
        digest = hashlib.sha256(self.environment.encode() + b"\0" + material).hexdigest()
        name = f"{kind}-{digest}.bin"
        found = self._read(name)
        if found is None:
            found = compute()
            self._write(name, found)
        return found


def sweep(folder: EditionFolder, needed: set[str], now: float) -> int:
    """Remove the entries of .edition-cache/ that are not `needed` and were last used (or made)
    more than UNUSED_DAYS before `now`, once a day; the number removed. Folders and what cannot be
    removed are left; nothing outside the cache folder is touched (it is opened once, not followed
    through links)."""
    if folder.problem(CACHE_DIR, "folder") is not None:
        return 0
    try:
        handle = os.open(folder.path(CACHE_DIR), os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return 0
    removed = 0
    try:
        try:
            # (A stamp from the future, a clock set back or a shipped folder, does not stop the sweep.)
            if 0 <= now - os.stat(_SWEPT, dir_fd=handle, follow_symlinks=False).st_mtime < _SWEEP_EVERY:
                return 0
        except OSError:
            pass
        with os.scandir(handle) as entries:
            for entry in entries:
                if entry.name in needed or entry.name == _SWEPT:
                    continue
                try:
                    if entry.is_dir(follow_symlinks=False) or \
                            now - entry.stat(follow_symlinks=False).st_mtime < UNUSED_DAYS * 24 * 3600:
                        continue
                    os.unlink(entry.name, dir_fd=handle)
                    removed += 1
                except OSError:
                    continue
        try:
            stamp = os.open(_SWEPT, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW, 0o600, dir_fd=handle)
            try:
                os.utime(stamp, (now, now))
            finally:
                os.close(stamp)
        except OSError:
            pass
    finally:
        os.close(handle)
    return removed


class NoCache(BuildCache):
    """For validate and encode, and builds asked not to use the cache."""

    def __init__(self) -> None:
        self.used = set()

    def key(self, source: Source, ledger: bytes | None = None) -> str:
        return ""

    def load(self, key: str) -> Cached | None:
        return None

    def store(self, key: str, cached: Cached, needed: bool = True) -> None:
        pass

    def fragment(self, key: str) -> str | None:
        return None

    def store_fragment(self, key: str, html: str, needed: bool = True) -> None:
        pass

    def waiting_page(self, inputs: str) -> bytes | None:
        return None

    def keep_waiting_page(self, inputs: str, page: bytes) -> None:
        pass

    def computed(self, kind: str, material: bytes, compute: Callable[[], bytes]) -> bytes:
        return compute()
