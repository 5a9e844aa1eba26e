"""Golden tests: each case in fixtures/invalid/ (a file, or an edition folder) is paired with
<case>.expected, the exact diagnostics `edition validate` prints for it (checked by hand)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

INVALID = Path(__file__).parent / "fixtures" / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if p.suffix in (".xml", ".txt") or p.is_dir())


def test_there_are_at_least_twenty_cases() -> None:
    assert len(CASES) >= 20
    assert all((INVALID / f"{Path(case).stem}.expected").is_file() for case in CASES)


@pytest.mark.parametrize("case", CASES)
def test_diagnostics_are_exactly_as_expected(case: str) -> None:
    done = subprocess.run([sys.executable, "-m", "edition", "validate", case], cwd=INVALID,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    expected = (INVALID / f"{Path(case).stem}.expected").read_text(encoding="utf-8")
    diagnostics = "".join(line + "\n" for line in done.stderr.splitlines() if " checked: " not in line)
    assert diagnostics == expected
    errors = any(": error[" in line for line in expected.splitlines())
    assert done.returncode == (1 if errors else 0)
    assert "Traceback" not in done.stderr
