"""The TEI zip: deterministic bytes, and a rebuild that copies the unchanged members' compressed
bytes from the previous archive still gives the bytes of an archive made afresh."""

from __future__ import annotations

import zipfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from edition.site.downloads import zip_files

NAMES = ["a.xml", "b.xml", "é-ü.xml", "empty.xml", "big.xml", "z.xml"]


def write(site: Path, files: dict[str, bytes]) -> list[str]:
    for name, data in files.items():
        (site / "documents").mkdir(parents=True, exist_ok=True)
        (site / "documents" / name).write_bytes(data)
    return [f"documents/{name}" for name in files]


def contents(number: int, name: str) -> bytes:
    if name == "empty.xml":
        return b""
    if name == "big.xml":
        return (f"<TEI n='{number}'>" + "word " * 40_000 + "</TEI>").encode()
    return f"<TEI xml:id='{name}' n='{number}'>Text {number} of {name}</TEI>".encode()


@settings(max_examples=25, deadline=None)
@given(st.sets(st.sampled_from(NAMES), min_size=1), st.sets(st.sampled_from(NAMES), min_size=1),
       st.sets(st.sampled_from(NAMES)))
def test_copying_unchanged_members_gives_the_bytes_of_a_fresh_archive(tmp_path_factory, first: set[str],
                                                                      second: set[str], edited: set[str]) -> None:
    work = tmp_path_factory.mktemp("zip")
    old_site, new_site, fresh_site = work / "old", work / "new", work / "fresh"
    old_paths = write(old_site, {name: contents(1, name) for name in sorted(first)})
    zip_files(old_site, old_paths, old_site / "tei.zip")
    now = {name: contents(2 if name in edited else 1, name) for name in sorted(second)}
    paths = write(new_site, now)
    write(fresh_site, now)
    # The caller names as unchanged the members whose bytes are the same; a wrong claim for a
    # member the old archive lacks is ignored.
    unchanged = frozenset(name for name in second if name not in edited)
    zip_files(new_site, paths, new_site / "tei.zip", old_site / "tei.zip", unchanged)
    zip_files(fresh_site, paths, fresh_site / "tei.zip")
    assert (new_site / "tei.zip").read_bytes() == (fresh_site / "tei.zip").read_bytes()
    with zipfile.ZipFile(new_site / "tei.zip") as archive:
        assert archive.testzip() is None
        assert {info.filename: archive.read(info) for info in archive.infolist()} == now


def test_unchanged_members_are_copied_and_only_the_edited_one_compressed(tmp_path: Path, monkeypatch) -> None:
    from edition.site import downloads

    files = {name: contents(1, name) for name in NAMES}
    paths = write(tmp_path / "old", files)
    zip_files(tmp_path / "old", paths, tmp_path / "old.zip")
    files["b.xml"] = contents(2, "b.xml")
    write(tmp_path / "new", files)
    compressed: list[str] = []
    compress = downloads._compress
    monkeypatch.setattr(downloads, "_compress", lambda archive, site, path: compressed.append(path)
                        or compress(archive, site, path))
    zip_files(tmp_path / "new", paths, tmp_path / "new.zip", tmp_path / "old.zip",
              frozenset(name for name in NAMES if name != "b.xml"))
    assert compressed == ["documents/b.xml"]
    with zipfile.ZipFile(tmp_path / "new.zip") as archive:
        assert archive.read("b.xml") == contents(2, "b.xml") and archive.read("a.xml") == contents(1, "a.xml")


def test_members_whose_bytes_in_the_previous_archive_are_not_as_written_are_compressed_afresh(
        tmp_path: Path) -> None:
    files = {name: contents(1, name) for name in NAMES}
    paths = write(tmp_path, files)
    zip_files(tmp_path, paths, tmp_path / "old.zip")
    zip_files(tmp_path, paths, tmp_path / "fresh.zip")
    damaged = bytearray((tmp_path / "old.zip").read_bytes())
    at = damaged.index(b"PK\x03\x04", 1)  # the second member's local header…
    damaged[at + 30] ^= 0x20  # …names another file (its name's first letter changed)
    (tmp_path / "old.zip").write_bytes(bytes(damaged))
    zip_files(tmp_path, paths, tmp_path / "new.zip", tmp_path / "old.zip", frozenset(NAMES))
    assert (tmp_path / "new.zip").read_bytes() == (tmp_path / "fresh.zip").read_bytes()


def test_a_previous_archive_that_is_not_a_zip_only_costs_compressing_afresh(tmp_path: Path) -> None:
    paths = write(tmp_path, {"a.xml": b"<TEI/>"})
    (tmp_path / "old.zip").write_bytes(b"PK\x03\x04 not a zip")
    zip_files(tmp_path, paths, tmp_path / "tei.zip", tmp_path / "old.zip", frozenset({"a.xml"}))
    with zipfile.ZipFile(tmp_path / "tei.zip") as archive:
        assert archive.read("a.xml") == b"<TEI/>"
