"""Builds at scale: N synthetic transcripts, one edited document, one process against two, DraCor.

Run: .venv/bin/python bench/bench_scale.py [--sizes 100 1000 10000] [--jobs N]

Every build runs `edition build` as its own process (with search index, as a
user runs it); peak RSS is the largest sum of resident memory over that process
and its children (workers, Pagefind), sampled every 20 ms. A full build is that
of a new edition (a fresh copy: no ledgers, no cache) into a new folder; times
are the best of three runs (one for N = 10,000): on a shared machine, the run
least disturbed by others. The edited document is rebuilt with the cache, into
the existing site, as `edition serve` does. Prints, per N:
documents/s, MB/s of sources, peak RSS and the time per stage; then the
targets of issue #10 with the measured figures.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import DRACOR, lxml_floor  # noqa: E402
from synthetic import write_edition  # noqa: E402


class Run:
    def __init__(self, seconds: float, peak_rss: int, output: str):
        self.seconds, self.peak_rss, self.output = seconds, peak_rss, output

    @property
    def stages(self) -> str:
        return self.output[self.output.find("time per stage"):].split("open ")[0].rstrip()


def first_builds(runs: int, edition: Path, work: Path, *options: str) -> Run:
    """Full builds as of a new edition: a fresh copy (no ledgers, no cache), a new output folder."""
    results = []
    for number in range(runs):
        copy, out = work / f"copy-{number}", work / f"site-{number}"
        shutil.copytree(edition, copy, ignore=shutil.ignore_patterns(".edition-cache", "anchors"))
        results.append(build(copy, out, "--no-cache", *options))
        shutil.rmtree(copy)
        shutil.rmtree(out)
    return min(results, key=lambda run: run.seconds)


def build(edition: Path, out: Path, *options: str) -> Run:
    command = [sys.executable, "-m", "edition", "build", str(edition), "--out", str(out), "--timings", *options]
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process))
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    output = process.stdout.read()
    if process.returncode != 0:
        raise SystemExit(f"build failed:\n{output}")
    return Run(seconds, peak, output)


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    try:
        for member in [process, *process.children(recursive=True)]:
            total += member.memory_info().rss
    except psutil.Error:  # a worker ended while we looked
        pass
    return total


def source_megabytes(edition: Path) -> float:
    return sum(p.stat().st_size for p in (edition / "sources").iterdir()) / 2**20


def report(name: str, documents: int, megabytes: float, run: Run) -> None:
    print(f"\n{name}: {documents} documents, {megabytes:.1f} MB of sources")
    print(f"  {run.seconds:.1f} s · {documents / run.seconds:.1f} documents/s · {megabytes / run.seconds:.2f} MB/s · "
          f"peak RSS {run.peak_rss / 2**20:.0f} MB")
    print("  " + run.stages.replace("\n", "\n  "))


def edit_one(edition: Path) -> None:
    """An editor's change: a sentence added to one paragraph of one document."""
    source = sorted((edition / "sources").iterdir())[len(list((edition / "sources").iterdir())) // 2]
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace(" \u00a0", " An added sentence. \u00a0", 1), encoding="utf-8")


def rebuild_after_edits(edition: Path, out: Path, tries: int, *options: str) -> Run:
    """The fastest rebuild after an edit, with the cache filled and the site in place (as `edition serve`)."""
    build(edition, out, *options)
    runs = []
    for _ in range(tries):
        edit_one(edition)
        runs.append(build(edition, out, *options))
    return min(runs, key=lambda run: run.seconds)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--jobs", type=int, default=None, help="processes (default: one per core)")
    args = parser.parse_args()
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    full: dict[int, Run] = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for size in args.sizes:
            edition = write_edition(work / f"e{size}", size)
            full[size] = first_builds(1 if size > 1000 else 3, edition, work, *jobs)
            report(f"N = {size}", size, source_megabytes(edition), full[size])
            if size not in (1000, 10000):
                shutil.rmtree(edition)
        print("\nTargets")
        if 10000 in full:
            big = full[10000]
            print(f"  10,000 documents with search: {big.seconds:.0f} s [≤ 180 s], "
                  f"peak RSS {big.peak_rss / 2**30:.2f} GB [≤ 1.5 GB]")
        if 1000 in full and 10000 in full:
            print(f"  10,000 ÷ 1,000: {full[10000].seconds / full[1000].seconds:.1f}× [≤ 11×]")
        for size, tries in ((1000, 3), (10000, 1)):
            if size in full:
                edited = rebuild_after_edits(work / f"e{size}", work / f"s{size}", tries, *jobs)
                print(f"  one edited document in {size:,}: {edited.seconds:.2f} s = "
                      f"{100 * edited.seconds / full[size].seconds:.1f} % of the full build [≤ 3 % for 1,000]")
                print("  " + edited.stages.replace("\n", "\n  "))
        if 1000 in full:
            edition = work / "e1000"
            one = first_builds(3, edition, work, "--jobs", "1")
            two = first_builds(3, edition, work, "--jobs", "2")
            print(f"  1,000 documents: 1 process {one.seconds:.1f} s, 2 processes {two.seconds:.1f} s = "
                  f"{one.seconds / two.seconds:.2f}× [≥ 1.6×]")
        if DRACOR.is_dir():
            edition = work / "dracor"
            shutil.copytree(DRACOR, edition / "sources")
            (edition / "edition.toml").write_text('title = "ShakeDraCor"\n', encoding="utf-8")
            run = first_builds(3, edition, work, *jobs)
            floor = min(lxml_floor(sorted(DRACOR.glob("*.xml"))) for _ in range(3))
            report("DraCor (37 plays)", 37, source_megabytes(edition), run)
            print(f"  lxml parse + serialise: {floor:.2f} s; build / floor = {run.seconds / floor:.1f}× [≤ 10×]")
        else:
            print(f"\nDraCor workload skipped: {DRACOR} is absent")


if __name__ == "__main__":
    main()
