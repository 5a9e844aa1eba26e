"""schema/, xslt/ and templates/ ship inside the wheel: an installed wheel builds an edition."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

from conftest import CONTENT, REPO


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600)


def test_wheel_installed_in_a_fresh_venv_builds_the_edition(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    done = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(REPO), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    wheel = next(wheels.glob("edition-*.whl"))

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    done = run(str(python), "-m", "pip", "install", "--quiet", str(wheel), cwd=tmp_path)
    assert done.returncode == 0, done.stderr

    work = tmp_path / "elsewhere"
    shutil.copytree(CONTENT, work / "content")
    done = run(str(env_dir / "bin" / "edition"), "build", "content", "--out", "out", cwd=work)
    assert done.returncode == 0, done.stderr
    page = (work / "out" / "documents" / "gorbachev-baker-1990-02-09.html").read_text(encoding="utf-8")
    assert 'class="tei-sp"' in page and "static/edition.css" in page
    assert (work / "out" / "static" / "edition.css").is_file()
    # The installed package is used, not the checkout.
    where = run(str(python), "-c", "import edition, sys; print(edition.__file__)", cwd=work)
    assert str(REPO) not in where.stdout
