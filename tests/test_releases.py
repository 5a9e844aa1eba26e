"""Releases through the command line: anchors published, kept as tombstones and aliases,
listed on the Changes page, checked in the built site; moved documents keep their URL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import lxml.html

DOC = "gorbachev-baker-1990-02-09"


def edition(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "edition", *args], capture_output=True, text=True,
                          env={"SOURCE_DATE_EPOCH": "1700000000", "PATH": "/usr/bin:/bin"})


def page(site: Path, path: str):
    return lxml.html.parse(str(site / path)).getroot()


def test_release_edit_rebuild_and_release_again(edition_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert edition("build", str(edition_copy), "--out", str(site)).returncode == 0
    done = edition("release", "1.0", str(edition_copy), "--note", "First release")
    assert done.returncode == 0, done.stderr
    assert "anchors published for the first time in 9 documents" in done.stdout
    ledger = json.loads((edition_copy / "anchors" / f"{DOC}.json").read_text())
    assert sum(1 for entry in ledger["anchors"].values() if entry["published"] == "1.0") == 61
    releases = json.loads((edition_copy / "releases.json").read_text())
    documents = sorted(path.stem for path in (edition_copy / "sources").iterdir())
    assert releases == [{"version": "1.0", "date": "2023-11-14", "note": "First release", "documents": documents}]

    source = edition_copy / "sources" / f"{DOC}.txt"
    text = source.read_text(encoding="utf-8")
    removed = next(line for line in text.splitlines()
                   if line.startswith("The problem of air-based cruise missiles"))
    text = text.replace(removed + "\n", "")
    end_of_p13 = "will be equal on both sides."
    text = text.replace(end_of_p13 + " \u00a0\n\n\nAnd so,", end_of_p13 + " And so,")  # merge p13 and p14
    text = text.replace("I think that it can.", "I think that it can be done.")
    source.write_text(text, encoding="utf-8")
    assert edition("build", str(edition_copy), "--out", str(site)).returncode == 0

    document = page(site, f"documents/{DOC}.html")
    tombstone = document.get_element_by_id("p10")
    assert tombstone.get("class") == "tombstone"
    assert tombstone.text_content().startswith("Paragraph p10 of release 1.0 is not in this version.")
    assert tombstone.xpath(".//a/@href") == ["#p9"]
    assert tombstone.getprevious().get("id") == "p9"  # where the text was
    alias = document.get_element_by_id("p14")
    assert alias.get("class") == "alias" and alias.getparent().get("id") == "p13"
    assert "I think that it can be done." in document.get_element_by_id("p17").text_content()
    assert "Release 1.0 of 2023-11-14" in document.xpath("string(//footer)")
    assert "version 1.0" in document.xpath("string(//p[@id='citation-chicago'])")

    changes = page(site, "changes.html")
    pending = changes.xpath("string(//section[1])")
    assert "Not yet released" in pending
    assert "Removed p10: The problem of air-based cruise missiles" in pending
    assert "Merged: p14 is now part of p13" in pending
    # Word-level diffs: p17's edit, and p13 that now also holds p14's words.
    inserted = [el.text_content() for el in changes.xpath("//section[1]//ins")]
    assert inserted[0].startswith("And so, we have recognized your position") and inserted[1] == "can be done."
    assert [el.text_content() for el in changes.xpath("//section[1]//del")] == ["can."]

    assert edition("release", "1.1", str(edition_copy)).returncode == 0
    assert edition("build", str(edition_copy), "--out", str(site)).returncode == 0
    document = page(site, f"documents/{DOC}.html")
    assert document.get_element_by_id("p10").text_content().startswith(
        "Paragraph p10 of release 1.0 was removed in 1.1.")
    changes = page(site, "changes.html")
    assert changes.xpath("string(//section[1]/h2)").startswith("Release 1.1")
    assert "Changed p17" in changes.xpath("string(//section[1])")

    checked = edition("check", str(site))
    assert checked.returncode == 0, checked.stderr
    # A page that lost a published anchor is caught by check.
    html = (site / "documents" / f"{DOC}.html").read_text(encoding="utf-8").replace('id="p10"', 'id="gone"')
    (site / "documents" / f"{DOC}.html").write_text(html, encoding="utf-8")
    broken = edition("check", str(site))
    assert broken.returncode == 1
    assert "error[anchor-missing]: anchor 'p10', published in release 1.0, is not on the page" in broken.stderr

    assert edition("release", "1.1", str(edition_copy)).returncode == 1  # a version is released once


def test_a_published_document_that_moves_keeps_its_old_url(edition_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert edition("release", "1.0", str(edition_copy)).returncode == 0
    source = edition_copy / "sources" / f"{DOC}.txt"
    source.rename(source.with_name("baker-gorbachev.txt"))
    failed = edition("build", str(edition_copy), "--out", str(site))
    assert failed.returncode == 1
    assert f"error[document-gone]: document '{DOC}' was published but has no source any more" in failed.stderr
    with (edition_copy / "edition.toml").open("a", encoding="utf-8") as config:
        config.write(f'\n[moved]\n"{DOC}" = "baker-gorbachev"\n')
    failed = edition("build", str(edition_copy), "--out", str(site))
    assert "error[ledger-not-moved]: '" + DOC + "' moved to 'baker-gorbachev'" in failed.stderr
    ledger = (edition_copy / "anchors" / f"{DOC}.json").read_bytes()
    (edition_copy / "anchors" / "baker-gorbachev.json").write_bytes(ledger)  # as the hint says
    assert edition("build", str(edition_copy), "--out", str(site)).returncode == 0
    old = page(site, f"documents/{DOC}.html")
    assert old.xpath("//li[@id='p7']/a/@href") == ["baker-gorbachev.html#p7"]
    assert 'location.replace("baker-gorbachev.html" + location.hash)' in old.xpath("string(//script[not(@src)])")
    assert page(site, "documents/baker-gorbachev.html").get_element_by_id("p7") is not None
