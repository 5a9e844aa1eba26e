"""Cases from trying issue 15's promises again as a hostile or unlucky user, that a golden
bad/ case cannot hold: names git cannot carry to every system, links, concurrency, serve."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO

DOC = "Doc\n\n1990-01-01\n\nJ. BAKER. Fine.\n"


def small_edition(folder: Path, **sources: str) -> Path:
    (folder / "sources").mkdir(parents=True)
    (folder / "edition.toml").write_text('title = "Small"\nbase_url = "https://example.org/"\n', encoding="utf-8")
    for name, text in (sources or {"doc.txt": DOC}).items():
        (folder / "sources" / name).write_text(text, encoding="utf-8")
    return folder


def edition(*args: str, cwd: Path | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "edition", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=timeout)


def test_names_windows_reserves_or_stored_decomposed_are_refused_with_the_fix(tmp_path: Path) -> None:
    """con.txt builds documents/con.html, which no Windows checkout or unzip can create; a name in NFD
    (as macOS tools may write it) is a different file and URL from the same name typed."""
    decomposed = "cafe\u0301"
    folder = small_edition(tmp_path / "ed", **{"con.txt": DOC, "lpt1.x.txt": DOC, f"{decomposed}.txt": DOC,
                                                "caf\u00e9.txt": DOC, "console.txt": DOC})
    done = edition("build", str(folder), "--out", str(tmp_path / "site"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if "error[" in line]
    assert len(errors) == 3, done.stderr
    assert "sources/con.txt:1:1: error[document-id]: 'con' cannot be a document id: Windows reserves 'con'" \
        in done.stderr
    assert "hint: rename the file, for example to 'lpt1-1.x'" in done.stderr
    assert f"sources/{decomposed}.txt:1:1: error[document-id]: '{decomposed}' cannot be a document id: " \
           "its accents are stored apart from their letters (Unicode NFD" in done.stderr
    assert "hint: retype the file name as 'caf\u00e9' (NFC)" in done.stderr
    assert not (tmp_path / "site").exists()


def test_a_site_is_never_written_into_a_folder_the_build_reads(tmp_path: Path) -> None:
    """`edition new` makes an empty notes/: a site built there (or into a templates/ not made yet)
    would be read back by the next build as notes or as templates."""
    folder = small_edition(tmp_path / "ed")
    (folder / "notes").mkdir()
    for out in ("notes", "templates", "sources/site", ".edition-cache"):
        done = edition("build", ".", "--out", out, cwd=folder)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert done.stderr.startswith(f"{out}:1:1: error[output-in-edition]: the output folder is the edition's "
                                      f"{out.split('/')[0]}/ folder, or inside it, which builds read\n"), done.stderr
    assert sorted(p.name for p in folder.iterdir()) == [".edition-lock", "edition.toml", "notes", "sources"]
    assert not any((folder / "notes").iterdir())
    assert edition("build", ".", "--out", "site", cwd=folder).returncode == 0  # a folder of its own is fine


def test_an_output_that_is_a_link_a_loop_or_a_file_is_refused_clearly(tmp_path: Path) -> None:
    """A link named by --out used to be swapped for a folder (the folder it named kept the old site),
    a dangling link or a file gave a bare OS error, and a link loop an internal error."""
    folder = small_edition(tmp_path / "ed")
    (tmp_path / "www").mkdir()
    (folder / "to-www").symlink_to(tmp_path / "www")
    (folder / "dangling").symlink_to(tmp_path / "nowhere")
    (folder / "loop").symlink_to("loop")
    (folder / "a-file").write_text("mine\n", encoding="utf-8")
    expected = {"to-www": "error[output-link]: the output folder is a link (to ",
                "dangling": "error[output-link]: the output folder is a link (to ",
                "loop": "error[output-link]: the output folder is a link (to loop)",
                "a-file": f"error[output-not-folder]: {folder / 'a-file'} is a file, not a folder",
                "a-file/site": f"error[output-not-folder]: {folder / 'a-file'} is a file, not a folder"}
    for out, message in expected.items():
        done = edition("build", ".", "--out", out, cwd=folder)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert done.stderr.startswith(f"{out}:1:1: {message}"), done.stderr
    assert (folder / "to-www").is_symlink() and not any((tmp_path / "www").iterdir())
    assert (folder / "a-file").read_text(encoding="utf-8") == "mine\n"
    assert edition("build", ".", "--out", str(tmp_path / "www"), cwd=folder).returncode == 0  # the folder itself


def test_check_reports_what_was_planted_in_a_site_without_reading_or_blocking(tmp_path: Path) -> None:
    """A FIFO blocked `edition check` for ever; a link loop, an empty page or a broken ledger in
    site/anchors/ ended in an internal error; a link to /etc was walked into."""
    folder = small_edition(tmp_path / "ed")
    site = tmp_path / "site"
    assert edition("build", str(folder), "--out", str(site)).returncode == 0
    (site / "static" / "pw.txt").symlink_to("/etc/passwd")
    (site / "etc").symlink_to("/etc")
    (site / "loop").symlink_to("loop")
    os.mkfifo(site / "fifo.html")
    (site / "empty.html").write_bytes(b"")
    (site / "anchors").mkdir(exist_ok=True)
    (site / "anchors" / "cut.json").write_text('{"anchors": {', encoding="utf-8")
    index = site / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "</main>", '<a href="static/pw.txt">a</a><a href="loop">b</a><a href="fifo.html">c</a></main>'),
        encoding="utf-8")
    done = edition("check", str(site), timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    for line in ("etc:1:1: error[site-not-file]: a link to /etc: a site edition builds holds only files and folders",
                 "fifo.html:1:1: error[site-not-file]: not a regular file",
                 "loop:1:1: error[site-not-file]: a link to loop",
                 "static/pw.txt:1:1: error[site-not-file]: a link to /etc/passwd",
                 "empty.html:1:1: error[empty-page]: this page holds no HTML",
                 "error[broken-link]: static/pw.txt: points outside the site",
                 "error[broken-link]: loop: no such file",
                 "anchors/cut.json:1:1: error[anchor-ledger]: not a ledger edition wrote"):
        assert line in done.stderr, (line, done.stderr)
    assert "root:x:" not in done.stderr + done.stdout


TEI = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
       '<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>'
       '<text><body><p>one</p><p>two</p></body></text></TEI>\n')


def test_ids_and_encode_write_through_links_refuse_fifos_and_respect_the_umask(tmp_path: Path) -> None:
    """`ids --write` on a FIFO waited for ever; on a link, and `encode -o` to a link, replaced the
    link with a file (the file it named unchanged); new files were 0600 whatever the umask."""
    (tmp_path / "real.xml").write_text(TEI, encoding="utf-8")
    (tmp_path / "link.xml").symlink_to("real.xml")
    os.mkfifo(tmp_path / "pipe.xml")
    (tmp_path / "t.txt").write_text(DOC, encoding="utf-8")
    (tmp_path / "out.xml").symlink_to("encoded.xml")
    done = edition("ids", "--write", "pipe.xml", cwd=tmp_path, timeout=30)
    assert done.returncode == 1 and done.stderr.startswith("pipe.xml:1:1: error[no-such-source]:"), done.stderr
    done = edition("encode", "t.txt", "-o", "pipe.xml", cwd=tmp_path, timeout=30)
    assert done.returncode == 1 and done.stderr.startswith("pipe.xml:1:1: error[not-a-file]:"), done.stderr
    assert edition("ids", "--write", "link.xml", cwd=tmp_path).returncode == 0
    assert (tmp_path / "link.xml").is_symlink() and 'xml:id="p2"' in (tmp_path / "real.xml").read_text("utf-8")
    assert edition("encode", "t.txt", "-o", "out.xml", cwd=tmp_path).returncode == 0
    assert (tmp_path / "out.xml").is_symlink() and (tmp_path / "encoded.xml").read_bytes().startswith(b"<?xml")
    umask = os.umask(0o022)
    os.umask(umask)
    assert (tmp_path / "encoded.xml").stat().st_mode & 0o777 == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_20000_notes_are_attached_in_linear_time() -> None:
    """Each note searched the whole page for its anchor: 10,000 notes on one document took over 300 s."""
    import time

    from edition.build.pipeline import attach_note_markers
    from edition.project.notes import Note

    count = 20_000
    html = "<div>" + "".join(f'<p id="p{n}">Words {n}.</p>' for n in range(1, count + 1)) + "</div>"
    notes = [Note(f"p{n}", "", "<p>note</p>", n) for n in range(1, count + 1)]
    started = time.perf_counter()
    marked = attach_note_markers(html, notes)
    assert time.perf_counter() - started < 10  # the search per note took minutes
    assert marked.count('class="note-ref"') == count
    assert '<p id="p20000">Words 20000.<a class="note-ref" id="note-ref-p20000" href="#note-p20000" ' \
           'aria-label="Note 20000"><sup>20000</sup></a></p>' in marked


def test_new_names_a_file_or_a_dangling_link_clearly(tmp_path: Path) -> None:
    """`edition new` over a file or a link to nothing gave a bare OS error with no place or fix."""
    (tmp_path / "a-file").write_text("mine\n", encoding="utf-8")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    for target, message in (("a-file", "a-file is a file, not a folder"),
                            ("a-file/ed", "a-file is a file, not a folder"),
                            ("dangling", "dangling is a link to nothing")):
        done = edition("new", target, cwd=tmp_path)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert done.stderr == f"{target}:1:1: error[new-not-folder]: {message}\n" \
                              "    hint: choose a new folder; nothing was changed\n", done.stderr
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "mine\n" and not (tmp_path / "nowhere").exists()
