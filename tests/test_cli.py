"""The command line: diagnostics as file:line:col, exit codes, and builds that fail safely."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO

FIXTURES = Path(__file__).parent / "fixtures"


def edition(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "edition", *args], cwd=cwd or REPO,
                          capture_output=True, text=True)


def test_validate_valid_transcript_exits_0() -> None:
    done = edition("validate", "content/sources/gorbachev-baker-1990-02-09.txt")
    assert done.returncode == 0, done.stderr
    assert "1 file checked: 0 errors" in done.stdout


def test_validate_reports_file_line_col_and_exits_1() -> None:
    path = FIXTURES / "invalid" / "unknown-speaker.xml"
    done = edition("validate", str(path))
    assert done.returncode == 1
    assert f"{path}:15:5: error[who-resolves]: @who: \"#gorbachov\" names no person" in done.stderr
    assert "hint: did you mean #gorbachev?" in done.stderr
    assert "Traceback" not in done.stderr


def test_usage_error_exits_2() -> None:
    assert edition("validate").returncode == 2
    assert edition("frobnicate").returncode == 2


def test_failed_build_writes_nothing_and_keeps_the_previous_site(edition_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert edition("build", str(edition_copy), "--out", str(out)).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    (edition_copy / "sources" / "broken.xml").write_text("<TEI><unclosed></TEI>", encoding="utf-8")
    done = edition("build", str(edition_copy), "--out", str(out))
    assert done.returncode == 1
    assert f"{edition_copy / 'sources' / 'broken.xml'}:1:" in done.stderr
    assert "was not changed" in done.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".site")]


def test_build_refuses_to_replace_a_folder_it_did_not_write(edition_copy: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.tex").write_text("years of work")
    done = edition("build", str(edition_copy), "--out", str(precious))
    assert done.returncode == 1
    assert "did not write" in done.stderr
    assert (precious / "thesis.tex").read_text() == "years of work"


def test_encode_writes_tei_and_text_gives_back_the_body(tmp_path: Path) -> None:
    out = tmp_path / "seed.xml"
    done = edition("encode", "content/sources/gorbachev-baker-1990-02-09.txt", "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = edition("text", str(out))
    assert text.returncode == 0
    assert text.stdout.startswith("between M.S. Gorbachev and the Secretary of State of the US, J. Baker\n\n")
    assert "M.S. GORBACHEV. Then it will be difficult for us. Perhaps it is more than a symbol. (Everyone laughs)." \
        in text.stdout


def test_validate_against_tei_all_when_pointed_to_it(shared: Path) -> None:
    schema = str(shared / "tei" / "tei_all.rng")
    # The transcript's TEI is valid TEI; the FRUS copies carry FRUS's own attributes and are not.
    assert edition("validate", "content/sources/gorbachev-baker-1990-02-09.txt", "--tei-all", schema).returncode == 0
    done = edition("validate", str(FIXTURES / "invalid" / "unknown-element.xml"), "--tei-all", schema)
    assert done.returncode == 1
    assert "error[tei-all]:" in done.stderr and "blink" in done.stderr


def test_validate_names_a_missing_tei_all_schema(tmp_path: Path) -> None:
    done = edition("validate", "content", "--tei-all", str(tmp_path / "nope.rng"))
    assert done.returncode == 1
    assert "nope.rng:1:1: error[no-such-schema]" in done.stderr
