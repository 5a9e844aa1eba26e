"""The commands in the editors' getting-started page work, in order, as written."""

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
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_every_command_of_getting_started_runs(tmp_path: Path) -> None:
    found = commands(GUIDE.read_text(encoding="utf-8"))
    assert [c.split()[1] for c in found] == ["new", "validate", "build", "check", "serve", "release", "build"]
    for command in found:
        words = shlex.split(command)
        assert words[0] == "edition"
        if words[1] == "serve":
            continue  # runs until stopped: tests/test_serve.py drives it
        done = subprocess.run([sys.executable, "-m", "edition", *words[1:]], cwd=tmp_path, capture_output=True,
                              text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
        assert done.returncode == 0, (command, done.stderr)
    assert (tmp_path / "my-edition" / "site" / "documents" / "example.html").is_file()
    assert "Release 1.0 of" in (tmp_path / "my-edition" / "site" / "index.html").read_text(encoding="utf-8")
