"""A rebuild makes only what changed (build/reuse.py), and its site is byte-identical to a clean
build's after any sequence of edits; a record or site tampered with only costs work."""

from __future__ import annotations

import hashlib
import shutil
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edition.build import stages
from edition.build.cache import CACHE_DIR
from edition.build.record import record_name
from edition.build.stages import build
from edition.core.outputs import REGISTER_JSON, REGISTER_TEI
from edition.site import downloads

sys.path.insert(0, str(REPO / "bench"))
from synthetic import transcript, write_edition  # noqa: E402

PARAGRAPHS = "\n\n\n"


def site_digests(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def small_edition(folder: Path, documents: int) -> Path:
    write_edition(folder, 0)
    for number in range(documents):
        add_document(folder, number)
    return folder


def add_document(folder: Path, number: int) -> None:
    (folder / "sources" / f"doc-{number:05d}.txt").write_text(transcript(number, 1500), encoding="utf-8")


def edit_paragraph(folder: Path, number: int, seed: int) -> None:
    path = folder / "sources" / f"doc-{number:05d}.txt"
    lines = path.read_text(encoding="utf-8").split(PARAGRAPHS)
    lines[7] += f" An added sentence number {seed}."
    path.write_text(PARAGRAPHS.join(lines), encoding="utf-8")


def retitle(folder: Path, number: int, seed: int) -> None:
    path = folder / "sources" / f"doc-{number:05d}.txt"
    lines = path.read_text(encoding="utf-8").split(PARAGRAPHS)
    lines[2] = f"Record of Talks, part {seed}"
    path.write_text(PARAGRAPHS.join(lines), encoding="utf-8")


def edit_persons(folder: Path, seed: int) -> None:
    with (folder / "persons.toml").open("a", encoding="utf-8") as stream:
        stream.write(f'\n[someone{seed}]\nname = "A. Someone{seed}"\n')


EDITS = st.lists(st.tuples(st.sampled_from(["paragraph", "title", "add", "remove", "persons"]),
                           st.integers(0, 1000)), min_size=1, max_size=3)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EDITS)
def test_after_any_edits_the_rebuilt_site_equals_a_clean_build(edits: list[tuple[str, int]]) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        folder = small_edition(work / "ed", 4)
        build(folder, work / "site", search=False, jobs=1)
        for step, (kind, seed) in enumerate(edits):
            present = sorted(int(p.stem.split("-")[1]) for p in (folder / "sources").glob("*.txt"))
            number = present[seed % len(present)]
            if kind == "paragraph":
                edit_paragraph(folder, number, seed)
            elif kind == "title":
                retitle(folder, number, seed)
            elif kind == "add":
                add_document(folder, max(present) + 1 + seed % 3)
            elif kind == "remove" and len(present) > 2:
                (folder / "sources" / f"doc-{number:05d}.txt").unlink()
            elif kind == "persons":
                edit_persons(folder, seed)
            build(folder, work / "site", search=False, jobs=1)
            build(folder, work / f"clean-{step}", search=False, jobs=1, incremental=False)
            assert site_digests(work / "site") == site_digests(work / f"clean-{step}"), (kind, step)


def rendered_pages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The document pages rendered by the next builds (jobs=1 renders in this process)."""
    rendered: list[str] = []
    original = stages.render_page

    def counting(job):  # type: ignore[no-untyped-def]
        rendered.append(job.meta.id)
        return original(job)

    monkeypatch.setattr(stages, "render_page", counting)
    return rendered


def test_one_edit_renders_its_page_and_only_the_neighbours_a_new_title_concerns(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = small_edition(tmp_path / "ed", 6)
    build(folder, tmp_path / "site", search=False, jobs=1)
    rendered = rendered_pages(monkeypatch)
    build(folder, tmp_path / "site", search=False, jobs=1)
    assert rendered == []  # nothing changed: every page is the previous site's
    edit_paragraph(folder, 2, 1)
    build(folder, tmp_path / "site", search=False, jobs=1)
    assert rendered == ["doc-00002"]
    rendered.clear()
    retitle(folder, 2, 2)
    build(folder, tmp_path / "site", search=False, jobs=1)
    # with its neighbours in reading order (by date: one or two, whose links show its title)
    assert rendered[0] == "doc-00002" and len(rendered) in (2, 3)
    build(folder, tmp_path / "clean", search=False, jobs=1, incremental=False)
    assert site_digests(tmp_path / "site") == site_digests(tmp_path / "clean")


def test_one_edit_makes_again_only_the_pages_across_documents_that_show_what_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, site = small_edition(tmp_path / "ed", 6), tmp_path / "site"
    build(folder, site, search=False, jobs=1)
    made: list[str] = []
    original = stages.edition_page_groups

    def recording(*args, **options):  # type: ignore[no-untyped-def]
        return [replace(group, make=lambda group=group: made.append(group.name) or group.make())
                for group in original(*args, **options)]

    monkeypatch.setattr(stages, "edition_page_groups", recording)
    compressed: list[str] = []
    compress = downloads._compress
    monkeypatch.setattr(downloads, "_compress", lambda archive, site, path: compressed.append(path)
                        or compress(archive, site, path))
    build(folder, site, search=False, jobs=1)
    assert made == [] and compressed == []  # the zip too is the previous site's
    before = site_digests(site)
    edit_paragraph(folder, 2, 1)  # one speech is longer: its speaker's page and count change, nothing else's
    build(folder, site, search=False, jobs=1)
    after = site_digests(site)
    persons = {path for path in after if path.startswith("persons/")}
    changed = {path for path in persons if before[path] != after[path]}
    assert "index.html" not in made and "persons.html" in made
    assert set(made) & persons == changed and 0 < len(changed) < len(persons)
    # The registers' JSON counts the words; their TEI, the search filters, glossary and changes show none of it.
    assert REGISTER_JSON in made
    assert not {REGISTER_TEI, "search.html", "glossary.html", "changes.html", "edition"} & set(made)
    assert compressed == ["documents/doc-00002.xml"]  # the TEI zip compresses one file, and copies the rest
    made.clear()
    retitle(folder, 2, 2)  # the title shows on the home page and on the page of everyone in the document
    build(folder, site, search=False, jobs=1)
    showing = {path for path in persons if "doc-00002.html" in (site / path).read_text(encoding="utf-8")}
    assert "index.html" in made and showing and showing <= set(made)
    build(folder, tmp_path / "clean", search=False, jobs=1, incremental=False)
    assert site_digests(site) == site_digests(tmp_path / "clean")


def test_a_record_not_signed_here_or_a_changed_site_file_only_costs_work(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = small_edition(tmp_path / "ed", 5)
    site = tmp_path / "site"
    build(folder, site, search=False, jobs=1)
    page = site / "documents" / "doc-00001.html"
    page.write_bytes(page.read_bytes().replace(b"<main", b"<script>alert(1)</script><main"))
    rendered = rendered_pages(monkeypatch)
    build(folder, site, search=False, jobs=1)
    assert rendered == ["doc-00001"] and b"alert(1)" not in page.read_bytes()
    # A record from elsewhere (another user's key, or edited) is ignored: everything is made again.
    record = folder / CACHE_DIR / record_name(site)
    signature, _, payload = record.read_bytes().partition(b"\n")
    record.write_bytes(b"0" * len(signature) + b"\n" + payload)
    rendered.clear()
    build(folder, site, search=False, jobs=1)
    assert len(rendered) == 5
    shutil.rmtree(folder / CACHE_DIR)  # a lost cache is the same
    rendered.clear()
    build(folder, site, search=False, jobs=1)
    assert len(rendered) == 5
    build(folder, tmp_path / "clean", search=False, jobs=1, incremental=False)
    assert site_digests(site) == site_digests(tmp_path / "clean")


def test_a_neighbour_whose_kept_page_text_is_gone_is_built_again(tmp_path: Path) -> None:
    """A new title re-renders the neighbours' pages from what their last build kept in the cache;
    when that is gone, the neighbour is built again from its source, with the same result."""
    folder = small_edition(tmp_path / "ed", 5)
    build(folder, tmp_path / "site", search=False, jobs=1)
    for kept in (folder / CACHE_DIR).glob("page-*.z"):
        kept.unlink()
    retitle(folder, 2, 7)
    build(folder, tmp_path / "site", search=False, jobs=1)
    build(folder, tmp_path / "clean", search=False, jobs=1, incremental=False)
    assert site_digests(tmp_path / "site") == site_digests(tmp_path / "clean")


def test_a_new_process_tells_unchanged_files_by_their_identity_and_changed_ones_by_their_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The record keeps the digests the build knew by file identity (device, inode, size, mtime), so
    the next build, in a new process, checks an unchanged edition without hashing a source or a site
    file again; a file whose identity changed is read, and a tampered page is made again."""
    from edition.build import inputs
    from edition.site import writer

    # Files changed in the last two seconds are always read (another change in the same clock tick
    # would not show); the test's files are as if written long ago.
    monkeypatch.setattr(inputs, "RACY_NS", 0)
    monkeypatch.setattr(writer, "_RACY_NS", 0)
    folder = small_edition(tmp_path / "ed", 4)
    site = tmp_path / "site"
    build(folder, site, search=False, jobs=1)

    def new_process() -> list[str]:
        monkeypatch.setattr(inputs, "_INPUTS", {})
        monkeypatch.setattr(writer, "_DIGESTS", {})
        hashed: list[str] = []
        real = inputs._document_inputs
        monkeypatch.setattr(inputs, "_document_inputs", lambda e, source, *rest: hashed.append(source.id) or real(
            e, source, *rest))
        return hashed

    hashed = new_process()
    rendered = rendered_pages(monkeypatch)
    real_sha256 = writer.hashlib.sha256
    read: list[int] = []
    monkeypatch.setattr(writer.hashlib, "sha256", lambda data=b"": read.append(len(data)) or real_sha256(data))
    build(folder, site, search=False, jobs=1)
    assert hashed == [] and rendered == []
    assert not [size for size in read if size > 200]  # no page or document file was hashed again
    monkeypatch.setattr(writer.hashlib, "sha256", real_sha256)

    page = site / "documents" / "doc-00001.html"
    status = page.stat()
    page.write_bytes(page.read_bytes().replace(b"<main", b"<script>alert(1)</script><main"))
    assert page.stat().st_ino == status.st_ino  # changed in place: its identity is its last change
    new_process()
    rendered.clear()
    build(folder, site, search=False, jobs=1)
    assert rendered == ["doc-00001"] and b"alert(1)" not in page.read_bytes()
    # A new environment (here the configuration) makes every page again: what was known under the
    # last one is not taken for this one.
    with (folder / "edition.toml").open("a", encoding="utf-8") as config:
        config.write('editors = ["A. New Editor"]\n')
    new_process()
    rendered.clear()
    build(folder, site, search=False, jobs=1)
    assert len(rendered) == 4
    build(folder, tmp_path / "clean", search=False, jobs=1, incremental=False)
    assert site_digests(site) == site_digests(tmp_path / "clean")


def test_a_kept_summary_reads_back_as_the_values_it_was_made_of() -> None:
    """What a rebuild reuses of a document comes back with its types: a changed paragraph's
    word diff is Markup again (the Changes page shows its <ins> and <del> as marks, not as text)."""
    from edition.anchors.changes import DocumentChanges, word_diff
    from edition.build.record import DocumentRecord, Kept, keep, kept_again
    from edition.core.diagnostics import Diagnostic, Severity
    from edition.site.indexes import Summary
    from edition.tei.metadata import DocumentMeta

    diff = word_diff("the old <b> words", "the new <b> words")
    kept = Kept(Summary(DocumentMeta("d", "A <title>"), (), ()),
                [Diagnostic("sources/d.txt", 3, 1, "code", "message", "hint", Severity.WARNING)], [],
                [DocumentChanges("d", "A <title>", changed=[("p1", diff)])], ["tei:foo"])
    text = keep(kept)
    again = kept_again(DocumentRecord("inputs", text, hashlib.sha256(text).hexdigest(), "", {}, []))
    assert again == kept
    changed = again.changes[0].changed[0][1]
    assert type(changed).__name__ == "Markup" and "<ins>new</ins>" in changed and "&lt;b&gt;" in changed


def test_the_files_a_build_wrote_are_known_to_the_next_build_at_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A site file is known by its identity to the next build even when the build wrote it a moment
    ago (nothing else writes a build's staging folder), so the first rebuild after a full build
    reads no page again (it read the whole site: 1.3 GB for 20,000 documents)."""
    from edition.site import writer

    folder = small_edition(tmp_path / "ed", 4)
    site = tmp_path / "site"
    build(folder, site, search=False, jobs=1)  # its files a moment old when digested
    monkeypatch.setattr(writer, "_DIGESTS", {})  # a new process…
    monkeypatch.setattr(writer, "_RACY_NS", 0)  # …a while later (as after the minutes of a large first build)
    real_sha256 = writer.hashlib.sha256
    read: list[int] = []
    monkeypatch.setattr(writer.hashlib, "sha256", lambda data=b"": read.append(len(data)) or real_sha256(data))
    rendered = rendered_pages(monkeypatch)
    build(folder, site, search=False, jobs=1)
    assert rendered == [] and not [size for size in read if size > 200]


def test_a_record_larger_than_an_editors_file_limit_is_read_back(tmp_path: Path) -> None:
    """The record grows by about 7 KB a document, so an edition of some 10,000 documents passes
    the 64 MiB an editor's own file may have; its record is still read (else every build is a full one)."""
    import msgspec

    from edition.build.record import DocumentRecord, SiteRecord, load_record, save_record
    from edition.core.folder import MAX_FILE_BYTES, EditionFolder

    (tmp_path / "edition").mkdir()
    folder, secret = EditionFolder(tmp_path / "edition"), b"k" * 32
    kept = msgspec.Raw(b'"' + b"x" * MAX_FILE_BYTES + b'"')
    save_record(folder, secret, tmp_path / "site", SiteRecord({"a.txt": DocumentRecord("i", kept, "s", "m", {}, [])}),
                [])
    assert load_record(folder, secret, tmp_path / "site")[0].documents["a.txt"].kept == kept
