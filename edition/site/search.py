"""Full-text search: Pagefind indexes the written document pages.

Pagefind holds everything it indexes in memory until it writes (about 14× the
HTML), so a large edition is indexed in shards of at most SHARD_BYTES of HTML,
one Pagefind run each: bundles pagefind/, pagefind-2/, … that the search page
merges (Pagefind's mergeIndex). Memory stays bounded however large the edition,
and a rebuild runs Pagefind only for the bundles whose pages changed.
"""

from __future__ import annotations

import hashlib
import shutil
import stat
import subprocess
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import NamedTuple

from edition import __version__
from edition.core.diagnostics import EditionError, error
from edition.site.writer import link_or_copy, mark_as_staging

SHARD_BYTES = 48 * 2**20
DIGEST = "edition-pages.sha256"  # in each bundle: what it was made from, so a rebuild can reuse it


class Page(NamedTuple):
    """A written document page: its path in the site, its size and the SHA-256 of its bytes."""

    path: str
    size: int
    digest: str


def plan_bundles(pages: list[Page]) -> list[list[Page]]:
    """Split pages into consecutive shards of at most SHARD_BYTES (at least one page each)."""
    shards: list[list[Page]] = []
    shard_bytes = size = SHARD_BYTES  # "full" at the start, so the first page opens a shard
    for page in pages:
        if size + page.size > shard_bytes:
            shards.append([])
            size = 0
        shards[-1].append(page)
        size += page.size
    return shards or [[]]


def bundle_names(count: int) -> list[str]:
    return ["pagefind", *(f"pagefind-{number}" for number in range(2, count + 1))]


def index_site(site: Path, shards: list[list[Page]], previous: Path | None = None) -> None:
    """One Pagefind run per shard, over a folder of hard links to that shard's pages, so that
    the URLs in the index are the pages' own paths in the site. A bundle of the previous site
    made from the same pages (by the same Pagefind) is linked instead of made again."""
    for name, pages in zip(bundle_names(len(shards)), shards, strict=True):
        bundle, digest = site / name, _digest(pages)
        if previous is not None and _reuse(previous / name, digest, bundle):
            continue
        # Named after the staging folder, so that a killed build's leftovers go with it.
        view = Path(tempfile.mkdtemp(prefix=f"{site.name}.search-", dir=site.parent))
        mark_as_staging(view)
        try:
            for page in pages:
                target = view / page.path
                target.parent.mkdir(parents=True, exist_ok=True)
                link_or_copy(site / page.path, target)
            _pagefind(view, bundle)
        finally:
            shutil.rmtree(view, ignore_errors=True)
        (bundle / DIGEST).write_text(digest + "\n", encoding="utf-8")


def _digest(pages: list[Page]) -> str:
    """What a bundle is made from: the Pagefind release, and each page's path and bytes."""
    digest = hashlib.sha256(f"{_pagefind_release()}\0{__version__}\0".encode())
    for page in pages:
        digest.update(f"{page.path}\0{page.digest}\0".encode())
    return digest.hexdigest()


def _pagefind_release() -> str:
    for package in ("pagefind_bin", "pagefind_extended", "pagefind"):
        try:
            return f"{package} {version(package)}"
        except PackageNotFoundError:
            continue
    return "unknown"


def _reuse(old: Path, digest: str, bundle: Path) -> bool:
    """Link the old bundle's files into the new site when it was made from the same pages.
    Regular files only: anything else in the old site means it is not reused."""
    try:
        if (old / DIGEST).read_text(encoding="utf-8").strip() != digest:
            return False
        files = [path for path in sorted(old.rglob("*")) if not path.is_dir() or path.is_symlink()]
        if not all(stat.S_ISREG(path.lstat().st_mode) for path in files):
            return False
        for path in files:
            target = bundle / path.relative_to(old)
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(path, target)
        return True
    except OSError:
        shutil.rmtree(bundle, ignore_errors=True)
        return False


def _pagefind(view: Path, bundle: Path) -> None:
    """Run the Pagefind binary (from the pagefind[bin] package)."""
    done = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(view), "--output-path", str(bundle), "--quiet"],
        capture_output=True, text=True, timeout=3600,
    )
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().splitlines()
        raise EditionError([error(str(bundle), 1, 1, "search-index",
                                  f"Pagefind failed: {message[-1] if message else 'no output'}",
                                  "check that the pagefind[bin] package is installed")])
