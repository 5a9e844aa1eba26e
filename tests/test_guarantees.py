"""Guarantees that tests try to break: atomic publishing under SIGKILL, byte-identical builds,
and no exception escaping the TEI reader or the Markdown renderer, whatever the input."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CONTENT, REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from edition.core.diagnostics import EditionError
from edition.project.markdown import render_markdown

sys.path.insert(0, str(REPO / "bench"))
from synthetic import write_edition


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build(edition: Path, out: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "edition", "build", str(edition), "--out", str(out)],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO), **env})


def test_builds_are_byte_identical_across_folders_and_times(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "content", tmp_path / "b" / "elsewhere" / "content"
    shutil.copytree(CONTENT, first)
    shutil.copytree(CONTENT, second)
    assert build(first, tmp_path / "a" / "site", SOURCE_DATE_EPOCH="1").returncode == 0
    time.sleep(1.1)
    assert build(second, tmp_path / "b" / "site", SOURCE_DATE_EPOCH="1800000000").returncode == 0
    assert digest(tmp_path / "a" / "site") == digest(tmp_path / "b" / "site")


def test_sigkill_at_any_moment_leaves_the_old_site_or_the_new_one(tmp_path: Path) -> None:
    old_edition = write_edition(tmp_path / "old", 30, seed=1)
    new_edition = write_edition(tmp_path / "new", 30, seed=2)
    reference = tmp_path / "reference"
    assert build(new_edition, reference / "site").returncode == 0
    new_digest = digest(reference / "site")
    site = tmp_path / "site"
    assert build(old_edition, site).returncode == 0
    old_digest = digest(site)
    started = time.perf_counter()
    assert build(new_edition, tmp_path / "timing" / "site").returncode == 0
    duration = time.perf_counter() - started
    outcomes = set()
    for step in range(12):
        process = subprocess.Popen([sys.executable, "-m", "edition", "build", str(new_edition), "--out", str(site)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                                   env={**os.environ, "PYTHONPATH": str(REPO)})
        time.sleep(duration * (step + 0.5) / 12)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        now = digest(site)
        assert now in (old_digest, new_digest), f"a mix after a kill at {step}/12 of the build"
        outcomes.add("new" if now == new_digest else "old")
        if now == new_digest:  # start again from the old site
            assert build(old_edition, site).returncode == 0
    assert "old" in outcomes  # kills did land before the swap
    # A later build cleans up what the killed ones left behind.
    assert build(new_edition, site).returncode == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.new-")]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000) | st.text(max_size=2000).map(lambda t: t.encode("utf-8")))
def test_the_tei_reader_never_raises_anything_but_diagnostics(data: bytes) -> None:
    from edition.tei.source import read_tei

    document = (b'<?xml version="1.0"?><TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>' + data
                + b"</body></text></TEI>" if data[:1] != b"<" else data)
    try:
        tree, _, problems = read_tei(document, "doc.xml")
    except EditionError:
        raise AssertionError("read_tei reports problems as diagnostics, it does not raise") from None
    assert tree is not None or problems


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500), st.sampled_from(["<script>alert(1)</script>", '<a href="javascript:alert(1)">x</a>',
                                               '<img src=x onerror="alert(1)">', "<svg onload=alert(1)>",
                                               "[x](javascript:alert(1))", "<iframe src=//evil>", ""]))
def test_markdown_renderer_never_lets_a_script_through(text: str, attack: str) -> None:
    import lxml.html

    try:
        html = render_markdown(text + "\n\n" + attack + "\n\n" + text)
    except EditionError as refused:  # a character no page can hold is refused, with where it is
        assert [d.code for d in refused.diagnostics] == ["control-character"]
        return
    for element in lxml.html.fragment_fromstring(html, create_parent="div").iter():
        assert element.tag not in ("script", "iframe", "svg", "object", "embed", "style")
        assert not any(name.lower().startswith("on") for name in element.attrib)
        for name in ("href", "src"):
            assert not (element.get(name) or "").strip().lower().startswith(("javascript:", "data:"))


def test_the_second_build_of_a_new_edition_takes_every_document_from_the_cache(tmp_path: Path) -> None:
    edition = write_edition(tmp_path / "edition", 4)
    assert build(edition, tmp_path / "first").returncode == 0  # writes the anchor ledgers
    second = subprocess.run([sys.executable, "-m", "edition", "build", str(edition), "--out", str(tmp_path / "site"),
                             "--timings"], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert second.returncode == 0 and "transform" in second.stdout
    assert "anchors" not in second.stdout and "read " in second.stdout  # no document encoded or anchored again
    assert digest(tmp_path / "site") == digest(tmp_path / "first")


def test_an_incremental_build_equals_a_clean_one(tmp_path: Path) -> None:
    edition = tmp_path / "content"
    shutil.copytree(CONTENT, edition)
    assert build(edition, tmp_path / "warm").returncode == 0  # fills .edition-cache/
    assert build(edition, tmp_path / "warm").returncode == 0  # anchors settled: every document a hit
    source = edition / "sources" / "gorbachev-baker-1990-02-09.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("I think that it can.", "I think it can."),
                      encoding="utf-8")
    assert build(edition, tmp_path / "warm").returncode == 0  # one document rebuilt, the others from the cache
    clean = tmp_path / "clean"
    shutil.copytree(edition, clean, ignore=shutil.ignore_patterns(".edition-cache"))
    assert build(clean, tmp_path / "clean-site").returncode == 0
    assert digest(tmp_path / "warm") == digest(tmp_path / "clean-site")
    assert "I think it can." in (tmp_path / "warm" / "documents" / "gorbachev-baker-1990-02-09.html").read_text()
    # Deleting the cache is always safe.
    shutil.rmtree(edition / ".edition-cache")
    assert build(edition, tmp_path / "again").returncode == 0
    assert digest(tmp_path / "again") == digest(tmp_path / "clean-site")


def test_the_number_of_processes_does_not_change_a_byte(tmp_path: Path) -> None:
    edition = write_edition(tmp_path / "edition", 12)
    runs = {}
    for jobs in ("1", "2"):
        done = subprocess.run([sys.executable, "-m", "edition", "build", str(edition), "--out", str(tmp_path / jobs),
                               "--no-cache", "--timings", "--jobs", jobs],
                              capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
        assert done.returncode == 0, done.stderr
        runs[jobs] = done.stdout
    assert "summed over 2 processes" in runs["2"] and "summed over" not in runs["1"]
    assert digest(tmp_path / "1") == digest(tmp_path / "2")


def test_a_rebuild_writes_only_the_files_that_changed(tmp_path: Path) -> None:
    edition, site = write_edition(tmp_path / "edition", 10), tmp_path / "site"
    assert build(edition, site).returncode == 0
    unchanged, edited = site / "documents" / "doc-00001.txt", site / "documents" / "doc-00002.txt"
    before = {path: path.stat().st_ino for path in (unchanged, edited)}
    # A symlink planted in the old site is not carried over, even where the bytes would match.
    planted = site / "documents" / "doc-00003.bib"
    real = tmp_path / "outside.bib"
    real.write_bytes(planted.read_bytes())
    planted.unlink()
    planted.symlink_to(real)
    source = edition / "sources" / "doc-00002.txt"
    source.write_text(source.read_text(encoding="utf-8").replace(" \u00a0", " An added sentence. \u00a0", 1),
                      encoding="utf-8")
    assert build(edition, site).returncode == 0
    assert unchanged.stat().st_ino == before[unchanged]  # the same file, linked into the new site
    assert edited.stat().st_ino != before[edited] and "An added sentence." in edited.read_text(encoding="utf-8")
    assert not planted.is_symlink() and planted.read_bytes() == real.read_bytes()
    clean = tmp_path / "clean"
    assert build(edition, clean).returncode == 0
    assert digest(site) == digest(clean)


def test_a_bundle_made_again_counts_the_words_of_its_changed_pages_only(tmp_path: Path, monkeypatch) -> None:
    from edition.build.stages import build as build_here
    from edition.site import search

    edition, site = write_edition(tmp_path / "edition", 6), tmp_path / "site"
    build_here(edition, site, jobs=1)
    build_here(edition, site, jobs=1)  # anchors settled
    assert [p.name for p in site.glob("pagefind*")] == ["pagefind"]  # one bundle of six pages
    counted: list[bytes] = []
    count_words = search._count_words
    monkeypatch.setattr(search, "_count_words",
                        lambda data, fragment: counted.append(data) or count_words(data, fragment))
    source = edition / "sources" / "doc-00003.txt"
    source.write_text(source.read_text(encoding="utf-8").replace(" \u00a0", " Added, and added again. \u00a0", 1),
                      encoding="utf-8")
    build_here(edition, site, jobs=1)
    assert [json.loads(gzip.decompress(data)[len(b"pagefind_dcd"):])["url"] for data in counted] == [
        "/documents/doc-00003.html"]  # the other five pages' words are the cache's
    assert "added\t2\n" in (site / "pagefind" / search.WORDS).read_text(encoding="utf-8")
    clean = tmp_path / "clean"
    build_here(edition, clean, jobs=1, incremental=False)
    assert (site / "pagefind" / search.WORDS).read_bytes() == (clean / "pagefind" / search.WORDS).read_bytes()


def test_the_words_offered_are_those_pagefind_kept_of_a_page_and_an_unreadable_fragment_is_named(
        tmp_path: Path) -> None:
    from edition.site import search

    content = "Akhromeev spoke. Akhromeev left · Sergey Akhromeyev 1990"
    fragment = tmp_path / "en_1.pf_fragment"
    data = gzip.compress(b"pagefind_dcd" + json.dumps({"url": "/documents/a.html", "content": content}).encode())
    assert search._count_words(data, fragment) == b"Akhromeev\t2\nAkhromeyev\t1\nSergey\t1\nleft\t1\nspoke\t1\n"
    with pytest.raises(EditionError) as failure:
        search._count_words(b"not what Pagefind writes", fragment)
    [problem] = failure.value.diagnostics
    assert (problem.file, problem.code) == (str(fragment), "search-index")


def test_a_rebuild_indexes_only_the_search_bundle_of_the_edited_or_inserted_document(tmp_path: Path,
                                                                                     monkeypatch) -> None:
    from edition.build.stages import build as build_here
    from edition.site import search

    monkeypatch.setattr(search, "DOCUMENTS_PER_BUNDLE", 1)  # 8 bundles by the hash of each document's id
    edition, site = write_edition(tmp_path / "edition", 6), tmp_path / "site"
    build_here(edition, site, jobs=1)
    build_here(edition, site, jobs=1)  # anchors settled

    def bundles() -> dict[str, int]:
        return {p.name: (p / "pagefind-entry.json").stat().st_ino
                for p in site.iterdir() if p.name.startswith("pagefind")}

    def remade(before: dict[str, int]) -> list[str]:
        after = bundles()
        return sorted(name for name in after if before.get(name) != after[name])

    before = bundles()
    assert 2 <= len(before) <= 6
    assert len(list(site.glob("pagefind*/pagefind.js"))) == 1  # the scripts once, the UIs never
    assert not list(site.glob("pagefind*/pagefind-ui.js"))
    # A change inside one document re-indexes its bundle only.
    source = edition / "sources" / "doc-00003.txt"
    source.write_text(source.read_text(encoding="utf-8").replace(" \u00a0", " An added sentence. \u00a0", 1),
                      encoding="utf-8")
    build_here(edition, site, jobs=1)
    assert len(remade(before)) == 1
    # A document inserted between two others (new neighbours for both) re-indexes one bundle too.
    before = bundles()
    inserted = edition / "sources" / "doc-00003a.txt"
    inserted.write_text(source.read_text(encoding="utf-8").replace("An added sentence.", "Inserted words."),
                        encoding="utf-8")
    build_here(edition, site, jobs=1)
    assert len(remade(before)) == 1, remade(before)
    clean = tmp_path / "clean"
    shutil.copytree(edition, tmp_path / "clean-edition", ignore=shutil.ignore_patterns(".edition-cache"))
    build_here(tmp_path / "clean-edition", clean, jobs=1)
    assert digest(site) == digest(clean)
