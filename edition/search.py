"""Full-text search: Pagefind indexes the written document pages.

Pagefind holds everything it indexes in memory until it writes (about 14× the
HTML), so a large edition is indexed in shards of at most SHARD_BYTES of HTML,
one Pagefind run each: bundles pagefind/, pagefind-2/, … that the search page
merges (Pagefind's mergeIndex). Memory stays bounded however large the edition.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from edition.diagnostics import EditionError, error

SHARD_BYTES = 48 * 2**20


def plan_bundles(pages: list[tuple[str, int]]) -> list[list[str]]:
    """Split (page path, size) into consecutive shards of at most SHARD_BYTES (at least one page each)."""
    shards: list[list[str]] = []
    shard_bytes = size = SHARD_BYTES
    for path, page_size in pages:
        if size + page_size > shard_bytes:
            shards.append([])
            size = 0
        shards[-1].append(path)
        size += page_size
    return shards or [[]]


def bundle_names(count: int) -> list[str]:
    return ["pagefind", *(f"pagefind-{number}" for number in range(2, count + 1))]


def index_site(site: Path, shards: list[list[str]]) -> None:
    """One Pagefind run per shard, over a folder of hard links to that shard's pages, so that
    the URLs in the index are the pages' own paths in the site."""
    for name, pages in zip(bundle_names(len(shards)), shards, strict=True):
        view = Path(tempfile.mkdtemp(prefix=".search-", dir=site.parent))
        try:
            for page in pages:
                target = view / page
                target.parent.mkdir(parents=True, exist_ok=True)
                _link(site / page, target)
            _pagefind(view, site / name)
        finally:
            shutil.rmtree(view, ignore_errors=True)


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copyfile(source, target)


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
