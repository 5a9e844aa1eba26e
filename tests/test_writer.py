"""The one writer writes each output path once: a collision is an error naming both sides."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from conftest import REPO

from edition.build.stages import build
from edition.core.diagnostics import EditionError
from edition.site import writer
from edition.site.remover import remove_staging
from edition.site.writer import Staging, write_file

TRANSCRIPT = REPO / "tests" / "fixtures" / "transcripts" / "colon-labels.txt"


def test_a_second_owner_of_a_path_is_refused_with_both_named(tmp_path: Path):
    with Staging(tmp_path / "site") as staging:
        staging.write("documents/a.html", b"one", "sources/a.txt")
        with pytest.raises(EditionError) as failure:
            staging.write("documents/A.html", b"two", "sources/A.txt")
    message = failure.value.diagnostics[0].format()
    assert "output-collision" in message and "sources/a.txt" in message and "sources/A.txt" in message


def test_a_file_is_never_overwritten_even_across_processes(tmp_path: Path):
    write_file(tmp_path, "documents/a.xml", b"first")
    with pytest.raises(EditionError) as failure:
        write_file(tmp_path, "documents/a.xml", b"second")
    assert failure.value.diagnostics[0].code == "output-collision"
    assert (tmp_path / "documents" / "a.xml").read_bytes() == b"first"


def test_two_documents_whose_ids_differ_only_in_case_do_not_build(tmp_path: Path):
    edition = tmp_path / "edition"
    (edition / "sources").mkdir(parents=True)
    (edition / "edition.toml").write_text('title = "Case"\n', encoding="utf-8")
    shutil.copy(TRANSCRIPT, edition / "sources" / "Talk.txt")
    shutil.copy(TRANSCRIPT, edition / "sources" / "talk.txt")
    with pytest.raises(EditionError) as failure:
        build(edition, tmp_path / "site", search=False, jobs=1)
    text = "\n".join(d.format() for d in failure.value.diagnostics)
    assert "Talk.txt" in text and "talk.txt" in text
    assert not (tmp_path / "site").exists()


def test_a_broken_stylesheet_is_reported_once_however_many_documents_use_it(tmp_path: Path):
    edition = tmp_path / "edition"
    (edition / "sources").mkdir(parents=True)
    (edition / "xslt").mkdir()
    (edition / "edition.toml").write_text('title = "X"\nbase_url = "https://example.org/"\n', encoding="utf-8")
    for number in range(6):
        shutil.copy(TRANSCRIPT, edition / "sources" / f"doc{number}.txt")
    (edition / "xslt" / "tei-to-html.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:import href="edition:default"/><xsl:template match="/"><xsl:value-of select="$nope"/>'
        "</xsl:template></xsl:stylesheet>", encoding="utf-8")
    with pytest.raises(EditionError) as failure:
        build(edition, tmp_path / "site", search=False, jobs=2)
    assert [d.code for d in failure.value.diagnostics] == ["xslt-compile"]


def test_a_commit_hands_over_the_replaced_site_and_leaves_nothing_else_beside_it(tmp_path: Path):
    out = tmp_path / "site"
    for text in (b"old", b"new"):
        with Staging(out) as staging:
            staging.write("index.html", text, "pages")
            replaced = staging.commit()
    assert (out / "index.html").read_bytes() == b"new"
    assert replaced is not None and (replaced / "index.html").read_bytes() == b"old"  # not removed on leaving
    remove_staging(replaced)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_build_removes_the_site_it_replaced(tmp_path: Path):
    edition = tmp_path / "edition"
    shutil.copytree(REPO / "content", edition, ignore=shutil.ignore_patterns(".edition-cache", "site"))
    for _ in range(2):
        build(edition, tmp_path / "out", search=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edition", "out"]


def test_a_large_replaced_site_is_removed_by_a_process_the_build_does_not_wait_for(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(writer, "REMOVED_APART", 0)  # as if the bundled edition were a large one
    edition = tmp_path / "edition"
    shutil.copytree(REPO / "content", edition, ignore=shutil.ignore_patterns(".edition-cache", "site"))
    build(edition, tmp_path / "out", search=False)
    removing = []
    real_remove = writer.remove_staging
    monkeypatch.setattr(writer, "remove_staging", lambda folder: removing.append(folder) or real_remove(folder))
    build(edition, tmp_path / "out", search=False)
    assert removing == []  # not removed by the build's own process
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and sorted(p.name for p in tmp_path.iterdir()) != ["edition", "out"]:
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edition", "out"]
    assert (tmp_path / "out" / "index.html").is_file()


def _site_with(out: Path, files: dict[str, bytes]) -> None:
    with Staging(out) as staging:
        for path, data in files.items():
            staging.write(path, data, "pages")
        staging.commit()


def test_files_linked_in_the_linker_process_are_the_previous_sites_and_a_collision_is_refused(tmp_path: Path):
    out = tmp_path / "site"
    _site_with(out, {"documents/a.xml": b"a", "documents/b.xml": b"b", "anchors/a.json": b"{}"})
    with Staging(out) as staging:
        staging.link_later(["documents/a.xml", "anchors/a.json"])
        staging.settle()
        assert all((staging.root / path).stat().st_ino == (out / path).stat().st_ino
                   for path in ("documents/a.xml", "anchors/a.json"))
        staging.write("documents/c.xml", b"c", "sources/c.txt")
        staging.link_later(["documents/b.xml", "documents/c.xml"])  # c: made by this build already
        with pytest.raises(EditionError) as failure:
            staging.settle()
    assert failure.value.diagnostics[0].code == "output-collision"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # the failed build left nothing beside it


def test_the_links_are_made_all_the_same_when_the_linker_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from edition.site import writer

    out = tmp_path / "site"
    _site_with(out, {"documents/a.xml": b"a", "documents/b.xml": b"b"})
    failing = tmp_path / "failing.py"
    failing.write_text("import sys\nsys.exit(3)\n", encoding="utf-8")
    monkeypatch.setattr(writer, "linker", type("Linker", (), {"__file__": str(failing)}))
    with Staging(out) as staging:
        staging.link_later(["documents/a.xml", "documents/b.xml"])
        staging.settle()
        assert [(staging.root / "documents" / name).stat().st_ino for name in ("a.xml", "b.xml")] == \
            [(out / "documents" / name).stat().st_ino for name in ("a.xml", "b.xml")]


@pytest.mark.parametrize("path", ["../x", "/etc/passwd", "a//b", "a/./b", "a/..", "a\\b", "", "a/", "a\0b"])
def test_a_path_sent_to_the_linker_is_checked_as_any_written_path_is(path: str, tmp_path: Path):
    _site_with(tmp_path / "site", {"documents/a.xml": b"a"})
    with Staging(tmp_path / "site") as staging, pytest.raises(EditionError) as failure:
        staging.link_later(["documents/a.xml", path])
    assert [d.code for d in failure.value.diagnostics] == ["output-path"]


def test_names_that_only_look_like_dots_are_linked(tmp_path: Path):
    names = ["documents/..b.xml", "documents/.hidden", "a.b/c..d"]
    _site_with(tmp_path / "site", dict.fromkeys(names, b"x"))
    with Staging(tmp_path / "site") as staging:
        staging.link_later(names)
        staging.settle()
        assert all((staging.root / name).stat().st_ino == (tmp_path / "site" / name).stat().st_ino for name in names)
