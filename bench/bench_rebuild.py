"""Issue 20's figures, each against its reference in the same run (best of three unless said).

Run: .venv/bin/python bench/bench_rebuild.py [--parts dracor edit serve big] [--big 20000]

- dracor: the 37 DraCor plays, a full `edition build` (validation and search) against the TEI
  Stylesheets' HTML5 conversion of the same plays under saxonche (their bare `rendition` values
  stripped first, which it cannot take) and against lxml parsing and serialising them.
- edit: 1,000 synthetic documents, one edited document's rebuild as a share of a full build.
- serve: the same edition under `edition serve`: from saving an edit to the page showing it, and
  to the search index catching up.
- big: 20,000 synthetic documents (one run): full build time and peak memory (the build, its
  workers and Pagefind), and one edit's rebuild.
After edit and big, the peer's conversion of the DraCor plays is timed again, as a measure of how
fast the machine was in that part of the run (its targets are absolute).
"""

from __future__ import annotations

import argparse
import compileall
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import DRACOR, lxml_floor  # noqa: E402
from bench_scale import Run, build, first_builds  # noqa: E402
from synthetic import write_edition  # noqa: E402

PEER = Path(__file__).resolve().parent.parent.parent / "shared" / "peers" / "tei-stylesheets"


def best(runs: list[float]) -> float:
    return min(runs)


def peer_conversion(plays: list[Path], work: Path) -> float:
    """The TEI Stylesheets' HTML5 conversion of the plays (compiled once, as a build compiles ours)."""
    from saxonche import PySaxonProcessor

    stripped = work / "peer-input"
    stripped.mkdir(exist_ok=True)
    for play in plays:  # bare rendition values ("inline") stop the peer; "#…" pointers are kept
        tree = etree.parse(str(play))
        for element in tree.iter():
            if isinstance(element.tag, str) and (value := element.get("rendition")) is not None:
                kept = " ".join(token for token in value.split() if token.startswith("#"))
                element.set("rendition", kept) if kept else element.attrib.pop("rendition")
        tree.write(str(stripped / play.name), encoding="utf-8")
    out = work / "peer-output"
    out.mkdir(exist_ok=True)
    started = time.perf_counter()
    with PySaxonProcessor(license=False) as processor:
        compiled = processor.new_xslt30_processor().compile_stylesheet(
            stylesheet_file=str(PEER / "profiles" / "default" / "html5" / "to.xsl"))
        for play in plays:
            compiled.transform_to_file(source_file=str(stripped / play.name),
                                       output_file=str(out / f"{play.stem}.html"))
    return time.perf_counter() - started


def print_machine_speed(work: Path) -> None:
    """The targets of the edit and big parts are absolute, and this machine's speed drifts through
    a day by a third and more: the peer's conversion of the DraCor plays, timed right after, says
    how fast it was."""
    reference = best([peer_conversion(sorted(DRACOR.glob("*.xml")), work) for _ in range(3)])
    print(f"  the machine meanwhile: the TEI Stylesheets convert the 37 DraCor plays in {reference:.2f} s")


def dracor(work: Path) -> None:
    plays = sorted(DRACOR.glob("*.xml"))
    edition = work / "dracor"
    shutil.copytree(DRACOR, edition / "sources")
    (edition / "edition.toml").write_text('title = "ShakeDraCor"\n', encoding="utf-8")
    ours = first_builds(3, edition, work).seconds
    peer = best([peer_conversion(plays, work) for _ in range(3)])
    floor = best([lxml_floor(plays) for _ in range(3)])
    print(f"\nDraCor, 37 plays: edition build (validation + search) {ours:.2f} s; TEI Stylesheets html5 under "
          f"saxonche {peer:.2f} s; lxml parse+serialise {floor:.2f} s")
    print(f"  build / peer = {ours / peer:.2f}× [≤ 1.0×, moonshot 0.5×]; build / lxml = {ours / floor:.1f}× [≤ 10×]")


def edit_one(edition: Path, number: int) -> Path:
    """An editor's change: a sentence added to a paragraph of one document (a different one each time)."""
    sources = sorted((edition / "sources").iterdir())
    source = sources[(len(sources) // 2 + 7 * number) % len(sources)]
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace(" \u00a0", f" Edit number {number}. \u00a0", 1), encoding="utf-8")
    return source


def rebuilds(edition: Path, out: Path, tries: int) -> Run:
    build(edition, out)  # the site in place, the record and the cache filled
    build(edition, out)  # settled ledgers
    runs = []
    for number in range(tries):
        edit_one(edition, number)
        runs.append(build(edition, out))
    return min(runs, key=lambda run: run.seconds)


def edit(work: Path, size: int, tries: int) -> None:
    edition = write_edition(work / f"e{size}", size)
    full = first_builds(tries, edition, work)
    edited = rebuilds(edition, work / f"s{size}", tries)
    print(f"\n{size:,} documents: full build {full.seconds:.1f} s (peak RSS {full.peak_rss / 2**20:.0f} MB); "
          f"one edited document {edited.seconds:.2f} s = {100 * edited.seconds / full.seconds:.1f} % of the full build")
    print("  full:    " + full.stages.replace("\n", "\n  "))
    print("  rebuild: " + edited.stages.replace("\n", "\n  "))
    print_machine_speed(work)


def serve(work: Path, size: int, tries: int) -> None:
    edition = write_edition(work / f"v{size}", size)
    out = work / f"v{size}-site"
    process = subprocess.Popen([sys.executable, "-m", "edition", "serve", str(edition), "--out", str(out),
                                "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    said: list[tuple[float, str]] = []  # what serve printed, and when

    def listen() -> None:
        for line in process.stdout or []:
            said.append((time.perf_counter(), line))

    threading.Thread(target=listen, daemon=True).start()
    try:
        url = ""
        while not url:
            if process.poll() is not None:
                raise SystemExit("edition serve stopped:\n" + "".join(line for _, line in said))
            url = next((match[1] for _, line in said if (match := re.search(r"at (http://127\.0\.0\.1:\d+/)", line))),
                       "")
            time.sleep(0.1)
        live, searched = [], []
        for number in range(tries):
            source = edit_one(edition, 100 + number)
            saved = time.perf_counter()
            page = f"{url}documents/{source.stem}.html"
            while f"Edit number {100 + number}." not in fetch(page):
                time.sleep(0.02)
            live.append(time.perf_counter() - saved)
            while not (done := [at for at, line in said if at > saved and "search index updated" in line]):
                time.sleep(0.05)
            searched.append(done[0] - saved)
            time.sleep(1)
        print(f"\nedition serve, {size:,} documents: save → page live {best(live):.2f} s [≤ 1 s] "
              f"(all: {', '.join(f'{s:.2f}' for s in live)}); save → search caught up {best(searched):.2f} s "
              f"(all: {', '.join(f'{s:.2f}' for s in searched)})")
        print("  " + "  ".join(line for at, line in said[-8:]))
    finally:
        process.terminate()
        process.wait(timeout=30)


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return str(answer.read().decode("utf-8", "replace"))
    except OSError:
        return ""


def big(work: Path, size: int) -> None:
    edition = write_edition(work / f"b{size}", size)
    out = work / f"b{size}-site"
    full = build(edition, out)  # a new edition's first build (its cache empty), which fills the cache and the record
    edit_one(edition, 1)
    edited = build(edition, out)
    removed = replaced_site_gone(out)
    print(f"\n{size:,} documents: full build {full.seconds:.0f} s [≤ 300 s], peak RSS {full.peak_rss / 2**30:.2f} GB "
          f"[≤ 2 GB]; one edited document {edited.seconds:.1f} s [< 10 s] (the replaced site removed "
          f"{removed:.1f} s later, in the background)")
    print("  full:    " + full.stages.replace("\n", "\n  "))
    print("  rebuild: " + edited.stages.replace("\n", "\n  "))
    print_machine_speed(work)


def replaced_site_gone(out: Path) -> float:
    """Seconds until the site a rebuild replaced is gone from beside `out`: a large one is removed
    by a process of its own after the build returns (edition/site/remover.py)."""
    started = time.perf_counter()
    while any(out.parent.glob(f".{out.name}.*")):
        time.sleep(0.05)
    return time.perf_counter() - started


def compile_tool() -> None:
    """The tool's bytecode compiled first, as an installed wheel has it. Where PYTHONDONTWRITEBYTECODE
    is set (as on this project's machines) Python would otherwise compile every module of `edition`
    again in each build it times: 0.1–0.2 s, a tenth of one edit's rebuild."""
    import edition

    compileall.compile_dir(Path(edition.__file__).parent, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--parts", nargs="+", default=["dracor", "edit", "serve"],
                        choices=["dracor", "edit", "serve", "big"])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--big", type=int, default=20000)
    args = parser.parse_args()
    compile_tool()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if "dracor" in args.parts:
            dracor(work)
        if "edit" in args.parts:
            edit(work, args.size, 3)
        if "serve" in args.parts:
            serve(work, args.size, 3)
        if "big" in args.parts:
            big(work, args.big)


if __name__ == "__main__":
    main()
