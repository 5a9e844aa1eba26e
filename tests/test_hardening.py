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
from edition.site.remover import STAGING_MARKER
from edition.site.writer import MARKER as SITE_MARKER


def small_edition(folder: Path, **sources: str) -> Path:
    (folder / "sources").mkdir(parents=True)
    (folder / "edition.toml").write_text('title = "Small"\nbase_url = "https://example.org/"\n', encoding="utf-8")
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
    # Killed between making the folder and marking it: empty.
    unmarked = tmp_path / ".docs.new-empty"
    unmarked.mkdir()
    # Killed during the swap: a whole site, its staging marker already replaced by the site marker.
    swapped = tmp_path / ".docs.old-swapped"
    swapped.mkdir()
    (swapped / SITE_MARKER).write_text("", encoding="utf-8")
    (swapped / "index.html").write_text("a whole site", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"  # a marked folder reached through a link is not removed either
    elsewhere.mkdir()
    (elsewhere / STAGING_MARKER).write_text("", encoding="utf-8")
    (tmp_path / ".docs.new-link").symlink_to(elsewhere)
    build(folder, tmp_path / "docs")
    build(folder, tmp_path / "docs")  # a second build swaps a site in place of the first
    assert (mine / "keep" / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert not stale.exists() and not unmarked.exists() and not swapped.exists()
    assert (elsewhere / STAGING_MARKER).is_file()
    assert not (tmp_path / "docs" / STAGING_MARKER).exists()  # the published site does not carry it
    left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".docs."))
    assert left == [".docs.new-link", ".docs.new-mine"]


def test_a_fifo_or_a_device_in_the_edition_is_refused_without_opening_it(tmp_path: Path) -> None:
    folder = small_edition(tmp_path / "ed")
    os.mkfifo(folder / "sources" / "pipe.txt")  # opening it for reading would wait for a writer forever
    os.mkfifo(folder / "sources" / "pipe")
    (folder / "notes").mkdir()
    os.mkfifo(folder / "notes" / "doc.md")
    (folder / "sources" / "null.txt").symlink_to(os.devnull)  # outside the edition, and a device
    done = edition("build", ".", "--out", str(tmp_path / "site"), cwd=folder)
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines()[:8] == [
        "sources/null.txt:1:1: error[source-outside]: this source links to a file outside the edition",
        "    hint: copy the file into sources/ instead of linking to it",
        "sources/pipe:1:1: warning[source-name]: 'pipe': only .txt transcripts and .xml TEI files are read "
        "from sources/",
        "    hint: pages go in pages/, notes in notes/; move other files out of sources/",
        "sources/pipe.txt:1:1: error[not-a-file]: this is a pipe, socket or device, not a regular file",
        "    hint: the edition reads plain files only; remove it or replace it by a file",
        "notes/doc.md:1:1: error[not-a-file]: this is a pipe, socket or device, not a regular file",
        "    hint: the edition reads plain files only; remove it or replace it by a file",
    ]
    assert not (tmp_path / "site").exists()


def test_names_git_cannot_hold_on_every_system_are_reported(tmp_path: Path) -> None:
    """Doc.txt beside doc.txt, and a name ending in a space: a fixture in git would break a checkout
    on macOS or Windows, so the files are made here."""
    text = "Doc\n\n1990-01-01\n\nJ. BAKER. Fine.\n"
    folder = small_edition(tmp_path / "ed", **{"Doc.txt": text, "doc.txt": text, "trailing.txt ": text})
    with pytest.raises(EditionError) as failure:
        build(folder, tmp_path / "site")
    found = [(d.file.rsplit("/", 1)[-1], d.code, d.message) for d in failure.value.diagnostics]
    assert found == [
        ("doc.txt", "duplicate-document", "the ids 'Doc' (Doc.txt) and 'doc' differ only in case: on macOS, "
         "on Windows and on many web servers they name one file"),
        ("trailing.txt ", "source-name", "'trailing.txt ': the name begins or ends with a space; "
         "this file is not read"),
    ]


@pytest.mark.parametrize(("line", "code"), [
    ('licence_url = "javascript:alert(1)"', "config-url"),
    ('licence_url = "JavaScript:alert(1)"', "config-url"),
    ('base_url = "file:///etc/passwd"', "config-url"),
    ('base_url = "//example.org/"', "config-url"),
    ('base_url = "https://"', "config-url"),
    ('base_url = "https://example.org/a b"', "config-url"),
    ('language = "English"', "config-language"),
    ('original_language = "ru_RU"', "config-language"),
    ('original_language = "x-klingon"', "config-language"),
])
def test_unsafe_urls_and_bad_language_tags_in_config_are_located_errors(tmp_path: Path, line: str,
                                                                         code: str) -> None:
    from edition.core.folder import EditionFolder
    from edition.project.config import load_config

    (tmp_path / "edition.toml").write_text(f'title = "T"\n\n{line}\n', encoding="utf-8")
    with pytest.raises(EditionError) as failure:
        load_config(EditionFolder(tmp_path))
    [problem] = failure.value.diagnostics
    assert (problem.line, problem.col, problem.code) == (3, 1, code)
    assert problem.message.startswith(f"'{line.split()[0]}' must be")


def test_good_urls_and_language_tags_pass(tmp_path: Path) -> None:
    from edition.core.folder import EditionFolder
    from edition.project.config import load_config

    (tmp_path / "edition.toml").write_text(
        'title = "T"\nlicence_url = "https://creativecommons.org/licenses/by/4.0/"\n'
        'base_url = "http://localhost:8000/"\nlanguage = "de-CH-1901"\noriginal_language = "ru-Latn"\n'
        'publisher = ""\n', encoding="utf-8")
    config, problems = load_config(EditionFolder(tmp_path))
    assert problems == [] and config.original_language == "ru-Latn"


def test_toml_diagnostics_point_at_the_key_in_its_table() -> None:
    from edition.project.tomllines import KeyLines

    lines = KeyLines('title = "T"\nbio = """\n[fake]\nx = 1\n"""\n[speakers]\n"THE PRESIDENT" = "bush"\n'
                     '  SEC = "x"\n[a."b c"]\nk.l = 1\n')
    assert lines.of("speakers", "THE PRESIDENT") == (7, 1)
    assert lines.of("speakers", "SEC") == (8, 3)
    assert lines.of("speakers", "absent") == (6, 1)  # the table it would be in
    assert lines.of("fake") == (1, 1)  # inside a multi-line string: not a table
    assert lines.of("a", "b c", "k", "l") == (10, 1)


def test_text_and_encode_refuse_the_wrong_kind_of_file(tmp_path: Path) -> None:
    transcript = tmp_path / "talk.txt"
    transcript.write_text("Talk\n\n1990-01-01\n\nJ. BAKER. Fine.\n", encoding="utf-8")
    other_xml = tmp_path / "other.xml"
    other_xml.write_text("<root><p>Not TEI.</p></root>\n", encoding="utf-8")
    disguised = tmp_path / "tei.txt"  # TEI under a transcript's name
    disguised.write_text('\ufeff<TEI xmlns="http://www.tei-c.org/ns/1.0"/>\n', encoding="utf-8")
    done = edition("text", str(transcript))
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (f"{transcript}:1:1: error[not-tei]: this is not XML, so not a TEI file\n"
                           f"    hint: a transcript is already text; `edition encode {transcript}` turns it into TEI\n")
    done = edition("text", str(other_xml))
    assert (done.returncode, done.stdout) == (1, "")
    assert "error[not-tei]: the root element is <root> in no namespace, not <TEI>" in done.stderr
    for xml in (other_xml, disguised):
        done = edition("encode", str(xml))
        assert (done.returncode, done.stdout) == (1, "")
        assert f"{xml}:1:1: error[not-a-transcript]: this is XML, not a plain-text transcript" in done.stderr
        assert f"`edition text {xml}`" in done.stderr
    # The right kind of file still works both ways.
    encoded = edition("encode", str(transcript), "-o", str(tmp_path / "talk.xml"))
    assert encoded.returncode == 0, encoded.stderr
    back = edition("text", str(tmp_path / "talk.xml"))
    assert back.returncode == 0 and "Fine." in back.stdout


def test_an_outside_image_is_a_warning_without_strict(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "ed"
    shutil.copytree(Path(__file__).parent / "fixtures" / "bad" / "markdown-outside-image", folder)
    result = build(folder, tmp_path / "site")
    assert [(d.code, d.line, d.col) for d in result.diagnostics if d.code == "outside-image"] == [
        ("outside-image", 5, 14), ("outside-image", 3, 41), ("outside-image", 7, 9), ("outside-image", 4, 12)]
    page = (tmp_path / "site" / "pages" / "about.html").read_text(encoding="utf-8")
    assert "../static/team.jpg" in page  # an image of the site itself is not reported


def test_the_reserved_ids_are_every_fixed_id_the_pages_use() -> None:
    import re

    from edition.tei.pageids import PAGE_IDS

    used = set()
    for template in (REPO / "templates").glob("*.html"):
        used |= set(re.findall(r'\bid="([^"{]+)"', template.read_text(encoding="utf-8")))
    for script in (REPO / "templates" / "static" / "edition.js", REPO / "edition" / "commands" / "serve.py"):
        text = script.read_text(encoding="utf-8")
        used |= set(re.findall(r"""getElementById\(["']([^"']+)["']\)""", text))
        used |= set(re.findall(r"""querySelector(?:All)?\(["']#([\w-]+)""", text))
    assert used >= {"main", "cite-dialog", "search-input", "edition-errors"}  # the patterns still find them
    assert used <= PAGE_IDS, f"add to PAGE_IDS in edition/tei/pageids.py: {sorted(used - PAGE_IDS)}"
