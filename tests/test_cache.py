"""The build cache keeps slow results that depend only on their input, signed by this user."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import CONTENT

from edition.build.cache import CACHE_DIR, BuildCache
from edition.build.stages import build
from edition.project.edition import load_edition


def test_a_computed_result_is_kept_and_an_edited_one_is_computed_again(tmp_path: Path) -> None:
    shutil.copytree(CONTENT, tmp_path / "content")
    edition, _ = load_edition(tmp_path / "content")
    cache = BuildCache(edition, b"k" * 32)
    calls: list[bytes] = []

    def compute() -> bytes:
        calls.append(b"x")
        return b"rendered"

    assert cache.computed("citations", b"record", compute) == b"rendered"
    assert cache.computed("citations", b"record", compute) == b"rendered" and len(calls) == 1
    assert cache.computed("citations", b"other record", compute) == b"rendered" and len(calls) == 2
    for entry in (tmp_path / "content" / CACHE_DIR).glob("citations-*.bin"):
        entry.write_bytes(entry.read_bytes().replace(b"rendered", b"<script>"))
    assert cache.computed("citations", b"record", compute) == b"rendered" and len(calls) == 3


def test_a_rebuild_takes_the_citations_from_the_cache_and_gives_the_same_pages(tmp_path: Path, monkeypatch) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    build(content, tmp_path / "first", search=False, jobs=1)
    from edition.build import pipeline

    def refuse(*_: object) -> None:
        raise AssertionError("citations rendered again though the cache holds them")

    monkeypatch.setattr(pipeline, "citations", refuse)  # jobs=1 renders in this process
    build(content, tmp_path / "second", search=False, jobs=1)
    for page in (tmp_path / "first" / "documents").glob("*.html"):
        assert (tmp_path / "second" / "documents" / page.name).read_bytes() == page.read_bytes()
