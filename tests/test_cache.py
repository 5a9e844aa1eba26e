"""The build cache keeps slow results that depend only on their input, signed by this user."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from conftest import CONTENT, REPO

from edition.build import pipeline
from edition.build.cache import CACHE_DIR, BuildCache, signing_key, sweep
from edition.build.record import record_name
from edition.build.stages import build
from edition.core.folder import EditionFolder
from edition.project.edition import load_edition

sys.path.insert(0, str(REPO / "bench"))
from synthetic import transcript, write_edition  # noqa: E402


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

    def refuse(*_: object) -> None:
        raise AssertionError("citations rendered again though the cache holds them")

    monkeypatch.setattr(pipeline, "citations", refuse)  # jobs=1 renders in this process
    build(content, tmp_path / "second", search=False, jobs=1)
    for page in (tmp_path / "first" / "documents").glob("*.html"):
        assert (tmp_path / "second" / "documents" / page.name).read_bytes() == page.read_bytes()


DAY = 24 * 3600


def _age(folder: Path, days: float) -> None:
    """Every cache entry last used `days` ago."""
    when = time.time() - days * DAY
    for entry in folder.iterdir():
        os.utime(entry, (when, when), follow_symlinks=False)


def test_a_build_removes_the_entries_unused_for_a_fortnight_and_keeps_those_its_site_was_made_with(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ed = write_edition(tmp_path / "ed", 0)
    for number in range(4):
        (ed / "sources" / f"doc-{number}.txt").write_text(transcript(number, 1500), encoding="utf-8")
    build(ed, tmp_path / "site", search=False, jobs=1)
    build(ed, tmp_path / "site", search=False, jobs=1)  # the ledgers settled
    edited = ed / "sources" / "doc-1.txt"
    edition, _ = load_edition(ed)
    keys = BuildCache(edition, signing_key())
    before = keys.key(next(s for s in edition.sources if s.path == edited))
    # What each document was stored under before it had a ledger: only a build run again before the
    # first one wrote the ledgers needs that.
    first = {keys.key(source, b"") for source in edition.sources}
    edited.write_text(edited.read_text(encoding="utf-8").replace(".", ". An edit.", 1), encoding="utf-8")
    build(ed, tmp_path / "site", search=False, jobs=1)
    cache = ed / CACHE_DIR
    _age(cache, 30)
    (cache / "made-yesterday.json").write_bytes(b"an entry of another branch, used a day ago")
    _age_one(cache / "made-yesterday.json", 1)
    entries = {p.name for p in cache.iterdir()}

    build(ed, tmp_path / "site", search=False, jobs=1)  # every document kept from the record

    edition, _ = load_edition(ed)
    now = {BuildCache(edition, signing_key()).key(source) for source in edition.sources}
    assert before not in now
    assert not list(cache.glob(f"{before}.*")), "the edited document's old entries stay"
    for key in now:
        assert (cache / f"{key}.json").is_file() and (cache / f"{key}.html").is_file()
    assert (cache / "made-yesterday.json").is_file()
    assert (cache / record_name(tmp_path / "site")).is_file()
    removed = entries - {p.name for p in cache.iterdir()}
    old = {f"{key}.{kind}" for key in (before, *first) for kind in ("json", "html")}
    # Besides, the edited document's old page and citations (its title changed).
    assert old <= removed and sorted(name.partition("-")[0] for name in removed - old) == ["citations", "page"]

    # What is left builds a site elsewhere without one transform, and the same pages.
    monkeypatch.setattr(pipeline, "Transformer", _refuse)
    monkeypatch.setattr(pipeline, "_TRANSFORMERS", {})
    build(ed, tmp_path / "elsewhere", search=False, jobs=1)
    for page in (tmp_path / "site" / "documents").glob("*.html"):
        assert (tmp_path / "elsewhere" / "documents" / page.name).read_bytes() == page.read_bytes()


def _age_one(path: Path, days: float) -> None:
    when = time.time() - days * DAY
    os.utime(path, (when, when))


def _refuse(*_: object) -> None:
    raise AssertionError("a document was transformed again though the cache held it")


def test_the_sweep_runs_once_a_day_and_removes_nothing_outside_the_cache_folder(tmp_path: Path) -> None:
    ed = tmp_path / "ed"
    cache = ed / CACHE_DIR
    (cache / "a-folder").mkdir(parents=True)
    outside = tmp_path / "outside.json"
    outside.write_bytes(b"not the edition's")
    (cache / "link.json").symlink_to(outside)
    for name in ("old.json", "needed.json", "recent.json"):
        (cache / name).write_bytes(b"x")
    _age(cache, 20)
    _age_one(outside, 20)
    _age_one(cache / "recent.json", 13)
    folder = EditionFolder(ed)

    assert sweep(folder, {"needed.json"}, time.time()) == 2  # old.json and the link itself
    assert sorted(p.name for p in cache.iterdir()) == ["a-folder", "needed.json", "recent.json", "swept"]
    assert outside.read_bytes() == b"not the edition's"
    (cache / "old.json").write_bytes(b"x")
    _age_one(cache / "old.json", 20)
    assert sweep(folder, set(), time.time()) == 0, "swept twice in a day"
    assert sweep(folder, set(), time.time() + DAY + 1) == 3  # a day later: old, needed (no more), recent
    (cache / "old.json").write_bytes(b"x")
    _age_one(cache / "old.json", 20)
    _age_one(cache / "swept", -365)  # a stamp from the future does not stop the sweep
    assert sweep(folder, set(), time.time() + DAY + 2) == 1

    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / CACHE_DIR).symlink_to(cache)
    (cache / "old.json").write_bytes(b"x")
    _age_one(cache / "old.json", 20)
    assert sweep(EditionFolder(linked), set(), time.time() + 3 * DAY) == 0  # a cache folder that leaves the edition
    assert (cache / "old.json").is_file()
