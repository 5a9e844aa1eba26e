"""Full-text search: Pagefind indexes the written HTML (site/pagefind/)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from edition.diagnostics import EditionError, error


def index_site(site: Path) -> None:
    """Run the Pagefind binary (from the pagefind[bin] package) over a written site."""
    done = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"],
        capture_output=True, text=True, timeout=3600,
    )
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().splitlines()
        raise EditionError([error(str(site), 1, 1, "search-index",
                                  f"Pagefind failed: {message[-1] if message else 'no output'}",
                                  "check that the pagefind[bin] package is installed")])
