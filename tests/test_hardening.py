"""The smaller hardening cases of issue 15 that a golden bad/ case cannot hold: folders beside
the output, FIFOs, case-only duplicate names, `text` and `encode` on the wrong kind of file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from edition.build.stages import build
from edition.core.diagnostics import EditionError
from edition.site.writer import STAGING_MARKER


def small_edition(folder: Path, **sources: str) -> Path:
    (folder / "sources").mkdir(parents=True)
    (folder / "edition.toml").write_text('title = "Small"\n', encoding="utf-8")
    for name, text in (sources or {"doc.txt": "Doc\n\n1990-01-01\n\nJ. BAKER. Fine.\n"}).items():
        (folder / "sources" / name).write_text(text, encoding="utf-8")
    return folder


def edition(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "edition", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)


def test_a_build_removes_only_the_staging_folders_it_marked(tmp_path: Path) -> None:
    folder = small_edition(tmp_path / "ed")
    mine = tmp_path / ".docs.new-mine"  # the user's own folder, named like a staging folder
    (mine / "keep").mkdir(parents=True)
    (mine / "keep" / "notes.txt").write_text("mine\n", encoding="utf-8")
    stale = tmp_path / ".docs.new-abc123"  # left by a killed build: it carries the marker
    stale.mkdir()
    (stale / STAGING_MARKER).write_text("", encoding="utf-8")
    (stale / "index.html").write_text("half a site", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"  # a marked folder reached through a link is not removed either
    elsewhere.mkdir()
    (elsewhere / STAGING_MARKER).write_text("", encoding="utf-8")
    (tmp_path / ".docs.new-link").symlink_to(elsewhere)
    build(folder, tmp_path / "docs")
    build(folder, tmp_path / "docs")  # a second build swaps a site in place of the first
    assert (mine / "keep" / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert not stale.exists()
    assert (elsewhere / STAGING_MARKER).is_file()
    assert not (tmp_path / "docs" / STAGING_MARKER).exists()  # the published site does not carry it
    left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".docs."))
    assert left == [".docs.new-link", ".docs.new-mine"]
