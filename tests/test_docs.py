"""The commands in the documentation work, in order, as written: the README's and the
editors' getting-started page. (`make site` and `make test` are what CI itself runs;
`edition serve`, which runs until stopped, is driven by tests/test_serve.py.)"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from conftest import REPO

GUIDE = REPO / "docs" / "getting-started.md"


def commands(text: str) -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    lines = [re.sub(r"\s+#.*$", "", line).strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line]


def run(command: str, where: Path) -> subprocess.CompletedProcess:
    words = shlex.split(command)
    assert words[0] == "edition", command
    return subprocess.run([sys.executable, "-m", "edition", *words[1:]], cwd=where, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(REPO)})


def test_every_command_of_the_readme_runs(tmp_path: Path) -> None:
    import shutil

    from conftest import CONTENT, SEED

    found = commands((REPO / "README.md").read_text(encoding="utf-8"))
    assert found[:2] == ["make site", "make test"]
    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copy(SEED, tmp_path / "transcript.txt")  # the files the examples name
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "doc.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
        '<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>'
        "<text><body><p>Paragraph without an id.</p></body></text></TEI>\n", encoding="utf-8")
    ran = []
    for command in found[2:]:
        if command.startswith("edition serve"):
            continue
        done = run(command, tmp_path)
        assert done.returncode == 0, (command, done.stderr)
        ran.append(command.split()[1])
    assert ran == ["new", "build", "build", "validate", "encode", "text", "check", "release", "ids"]
    assert 'xml:id="p1"' in (tmp_path / "sources" / "doc.xml").read_text(encoding="utf-8")
    assert "J. BAKER. Let us carry on the discussion." in run("edition text doc.xml", tmp_path).stdout


def test_every_command_of_getting_started_runs(tmp_path: Path) -> None:
    found = commands(GUIDE.read_text(encoding="utf-8"))
    assert [c.split()[1] for c in found] == ["new", "validate", "build", "check", "serve", "release", "build"]
    for command in found:
        if command.startswith("edition serve"):
            continue  # runs until stopped: tests/test_serve.py drives it
        done = run(command, tmp_path)
        assert done.returncode == 0, (command, done.stderr)
    assert (tmp_path / "my-edition" / "site" / "documents" / "example.html").is_file()
    assert "Release 1.0 of" in (tmp_path / "my-edition" / "site" / "index.html").read_text(encoding="utf-8")
