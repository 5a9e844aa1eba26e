"""Every broken file an editor can hand the tool is their error to fix, never "a bug in edition".

`edition build` and `edition validate` run on every case of fixtures/bad/ (editions) and of
fixtures/invalid/ (files, put in a one-file edition, and editions; test_invalid_golden validates
the files themselves). Whatever the input, the answer is diagnostics and exit 0 or 1: never exit
70 (the internal-error handler, kept for real bugs), never a traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

FIXTURES = Path(__file__).parent / "fixtures"
BAD = sorted(p.name for p in (FIXTURES / "bad").iterdir() if p.is_dir())
INVALID = sorted(p.name for p in (FIXTURES / "invalid").iterdir() if p.is_dir() or p.suffix in (".txt", ".xml"))
EXIT_INTERNAL = 70


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "EDITION_DEBUG"}
    return subprocess.run([sys.executable, "-m", "edition", *args], cwd=cwd, capture_output=True, text=True,
                          env={**env, "PYTHONPATH": str(REPO)}, timeout=600)


def assert_handled(done: subprocess.CompletedProcess, what: str) -> None:
    output = done.stdout + done.stderr
    assert done.returncode != EXIT_INTERNAL, f"{what}: internal error\n{output}"
    assert done.returncode in (0, 1), f"{what}: exit {done.returncode}\n{output}"
    assert "Traceback" not in output and "internal error" not in output, f"{what}\n{output}"


def edition_of(case: Path, into: Path) -> Path:
    """A copy of an edition case, or a one-file edition around a file case (links kept as links)."""
    if case.is_dir():
        shutil.copytree(case, into, symlinks=True)
    else:
        (into / "sources").mkdir(parents=True)
        (into / "edition.toml").write_text('title = "One file"\n', encoding="utf-8")
        shutil.copy(case, into / "sources" / case.name)
    return into


@pytest.mark.parametrize("case", [f"bad/{name}" for name in BAD] + [f"invalid/{name}" for name in INVALID])
def test_build_and_validate_answer_with_diagnostics(case: str, tmp_path: Path) -> None:
    edition = edition_of(FIXTURES / case, tmp_path / "edition")
    assert_handled(run(["build", ".", "--out", str(tmp_path / "site")], edition), f"build {case}")
    assert_handled(run(["validate", "."], edition), f"validate {case}")


def test_the_cases_cover_every_editor_owned_file_that_used_to_crash() -> None:
    """The cases of issue 15 that ended in "internal error" each have a golden case."""
    wanted = {"ledger-merge-conflict", "ledger-cut-short", "ledger-empty", "ledger-wrong-shape",
              "ledger-anchors-not-an-object", "releases-not-json", "releases-not-a-list", "releases-items-not-objects",
              "releases-unknown-and-missing-keys", "releases-wrong-types", "release-missing-from-releases",
              "schema-declared-not-xml", "schema-declared-rnc-broken", "schema-declared-does-not-compile",
              "schema-declared-link-loop", "transcript-over-65535-lines", "symlink-loop-source", "symlink-loop-folder"}
    assert wanted <= set(BAD)


def test_a_real_bug_still_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    """The handler stays for bugs: an unexpected exception is reported as one, with exit 70."""
    from edition import cli
    from edition.site import linkcheck

    def broken(site: Path) -> tuple[list, int]:
        raise KeyError("a bug")

    monkeypatch.delenv("EDITION_DEBUG", raising=False)
    monkeypatch.setattr(linkcheck, "check_site", broken)
    (tmp_path / "index.html").write_text("<html></html>", encoding="utf-8")
    assert cli.main(["check", str(tmp_path)]) == EXIT_INTERNAL
    assert "internal error: KeyError: 'a bug'" in capsys.readouterr().err
