"""Hostile or broken input: each case of fixtures/bad/ (an edition) is built over an existing
site; <case>.expected holds the exit code and the exact diagnostics (checked by hand).

For every case: no traceback; on failure the previous site is untouched; sources are never
changed; no secret reaches the site; the only scripts in the site are edition's own.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from conftest import REPO

BAD = Path(__file__).parent / "fixtures" / "bad"
CASES = sorted(p.name for p in BAD.iterdir() if p.is_dir())
ARGS = {"unbalanced-brackets": ["--strict"], "no-speakers": ["--strict"], "markdown-outside-image": ["--strict"]}
SECRET = "root:x:0:0"  # the first line of /etc/passwd
OWN_SCRIPTS = {p.name for p in (REPO / "templates" / "static").glob("*.js")}  # the only scripts a page may load


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def run_build(edition: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "edition", "build", ".", "--out", str(out), *extra], cwd=edition,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=600)


@pytest.fixture(scope="module")
def old_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good site that every failed build must leave as it was."""
    edition = tmp_path_factory.mktemp("good")
    (edition / "sources").mkdir()
    (edition / "edition.toml").write_text('title = "Good"\n', encoding="utf-8")
    (edition / "sources" / "good.txt").write_text("Good\n\n1990-01-01\n\nJ. BAKER. Fine.\n", encoding="utf-8")
    site = edition / "site"
    assert run_build(edition, site).returncode == 0
    return site


def test_the_corpus_has_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30
    assert all((BAD / f"{case}.expected").is_file() for case in CASES)


@pytest.mark.parametrize("case", CASES)
def test_bad_input(case: str, old_site: Path, tmp_path: Path) -> None:
    edition = tmp_path / "edition"
    shutil.copytree(BAD / case, edition, symlinks=True)
    out = tmp_path / "site"
    shutil.copytree(old_site, out)
    before = tree_digest(out)
    sources = tree_digest(edition / "sources")
    # One case points --out at the edition folder itself.
    done = run_build(edition, Path(".") if case == "output-path-is-a-source-folder" else out, *ARGS.get(case, []))
    expected = (BAD / f"{case}.expected").read_text(encoding="utf-8").splitlines()
    assert expected[0] == f"exit {done.returncode}", done.stderr
    diagnostics = [line for line in done.stderr.splitlines() if not line.startswith(("build failed", "built "))]
    assert diagnostics == expected[1:]
    assert "Traceback" not in done.stderr + done.stdout
    assert tree_digest(edition / "sources") == sources  # sources are never modified
    if done.returncode != 0:
        assert tree_digest(out) == before  # the previous site is untouched
        return
    for path in out.rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_bytes().decode("utf-8", errors="replace")
    for page in out.rglob("*.html"):
        for script in lxml.html.parse(str(page)).getroot().iter("script"):
            own = (script.get("src") or "").rpartition("static/")[2] in OWN_SCRIPTS
            data = script.get("type") in ("application/ld+json", "application/json")  # never executed
            assert own or data, (page, lxml.html.tostring(script))
        for element in lxml.html.parse(str(page)).getroot().iter():
            assert not any(name.startswith("on") for name in element.attrib), page
            assert not (element.get("href") or "").lower().startswith("javascript:"), page


def test_a_50_megabyte_transcript_is_refused_clearly(tmp_path: Path, old_site: Path) -> None:
    edition = tmp_path / "edition"
    (edition / "sources").mkdir(parents=True)
    (edition / "edition.toml").write_text('title = "Big"\n', encoding="utf-8")
    line = "J. BAKER. " + "We must talk about verification of cruise missiles. " * 20 + "\n\n"
    with (edition / "sources" / "big.txt").open("w", encoding="utf-8") as big:
        big.write("Big\n\n1990-01-01\n\n")
        while big.tell() < 50 * 1024 * 1024:
            big.write(line)
    out = tmp_path / "site"
    shutil.copytree(old_site, out)
    done = run_build(edition, out)
    assert done.returncode == 1
    assert "sources/big.txt:1:1: error[source-too-large]: 52 MB is more than one page can carry (limit 20 MiB)" \
        in done.stderr


def test_100000_nested_elements_are_refused_clearly(tmp_path: Path) -> None:
    edition = tmp_path / "edition"
    (edition / "sources").mkdir(parents=True)
    (edition / "edition.toml").write_text('title = "Deep"\n', encoding="utf-8")
    deep = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>' + "<div>" * 100_000 + "</div>" * 100_000 \
        + "</body></text></TEI>"
    (edition / "sources" / "deep.xml").write_text(deep, encoding="utf-8")
    done = run_build(edition, tmp_path / "site")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "sources/deep.xml:1:" in done.stderr and "error[xml-syntax]: Excessive depth in document" in done.stderr
    assert not (tmp_path / "site").exists()


def test_an_error_raised_in_a_worker_process_arrives_whole(tmp_path: Path) -> None:
    """A broken template fails in the worker that renders the page; the message is the same as in one process."""
    edition = tmp_path / "edition"
    shutil.copytree(BAD / "missing-template", edition)
    source = edition / "sources" / "doc.txt"
    for number in range(2, 11):  # enough documents for two processes
        shutil.copy(source, edition / "sources" / f"doc{number}.txt")
    done = run_build(edition, tmp_path / "site", "--jobs", "2")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "templates/document.html:1:1: error[template]: template 'no-such-layout.html' does not exist" \
        in done.stderr
    assert not (tmp_path / "site").exists()
