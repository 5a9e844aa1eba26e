"""Hostile input stays near-linear: each case at 1× and 10× its input, with the ratio.

Run: .venv/bin/python bench/bench_hostile.py [case …] [--limit SECONDS]
A ratio near 10 is linear; near 100 is quadratic (issue 15 measured 130 s, 76 s,
16 s and 55 s for the first four before they were made near-linear). A run that
passes --limit (wall clock) is stopped and shown as "> limit". Times are the
CPU time of this process: every case runs in it, and on a shared machine CPU
time varies far less than the wall clock.
"""

from __future__ import annotations

import random
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lxml import etree  # noqa: E402
from synthetic import WORDS  # noqa: E402

from edition.anchors.assign import assign_anchors  # noqa: E402
from edition.anchors.ledger import Ledger  # noqa: E402
from edition.core.diagnostics import EditionError  # noqa: E402
from edition.encode import encode_transcript  # noqa: E402
from edition.project.markdown import render_markdown  # noqa: E402
from edition.tei.validate import Validator  # noqa: E402
from edition.tei.xml import TEI_NS  # noqa: E402


def speeches(count: int, edited: bool) -> str:
    """A transcript of `count` speeches; `edited`: one word changed in each."""
    rng = random.Random(5)
    lines = ["Record of Conversation", "9 February 1990"]
    for number in range(count):
        words = [rng.choice(WORDS) for _ in range(25)]
        if edited:
            words[number % 25] = "changed"
        lines.append(f"GORBACHEV. Speech {number} " + " ".join(words) + ".")
    return "\n\n".join(lines) + "\n"


def alignment(count: int) -> Callable[[], object]:
    """Rebuild after a one-word edit in each of `count` speeches: align with the first build's ledger."""
    first = encode_transcript(speeches(count, False), "doc.txt").tree
    ledger = assign_anchors(first, Ledger("doc"))
    edited = encode_transcript(speeches(count, True), "doc.txt").tree
    return lambda: assign_anchors(edited, ledger)


def pointer_hints(count: int) -> Callable[[], object]:
    """Validate a document with `count` speeches whose @who names nobody (each gets a hint)."""
    tree = encode_transcript(speeches(3, False), "doc.txt").tree
    division = tree.getroot().find(f".//{{{TEI_NS}}}body")[0]
    for number in range(count):
        speech = etree.SubElement(division, f"{{{TEI_NS}}}sp", who=f"#nobody{number}")
        etree.SubElement(speech, f"{{{TEI_NS}}}speaker").text = "NOBODY."
        etree.SubElement(speech, f"{{{TEI_NS}}}p").text = "Words."
    validator = Validator()
    return lambda: validator.validate(tree, "doc.xml")


def bracket_scan(count: int) -> Callable[[], object]:
    """Encode a transcript with `count` '[' that never close on one line."""
    text = "Record of Conversation\n\n9 February 1990\n\nGORBACHEV. Hello " + "[" * count + " there.\n"
    return lambda: encode_transcript(text, "doc.txt")


def _markdown(text: str) -> Callable[[], object]:
    def render() -> object:
        try:
            return render_markdown(text)
        except EditionError as refused:  # the located diagnostic is the expected answer
            return refused.diagnostics
    return render


def markdown_brackets(size: int) -> Callable[[], object]:
    """Render `size` bytes of '[' (refused with a located diagnostic, or rendered)."""
    return _markdown("[" * size)


def markdown_links(count: int) -> Callable[[], object]:
    """Render a page of `count` ordinary links, a paragraph each: what is accepted still renders linearly."""
    return _markdown("\n\n".join(f"See [note {n}](https://example.org/{n}) and [x]." for n in range(count)))


CASES: dict[str, tuple[Callable[[int], Callable[[], object]], int, str]] = {
    "alignment": (alignment, 200, "speeches, one word edited in each"),
    "pointer-hints": (pointer_hints, 2_500, "unresolved @who"),
    "bracket-scan": (bracket_scan, 16_000, "unclosed '[' on one line"),
    "markdown-brackets": (markdown_brackets, 12_800, "bytes of '['"),
    "markdown-links": (markdown_links, 500, "paragraphs with links"),
}


class _Stopped(Exception):
    pass


def timed(make: Callable[[int], Callable[[], object]], size: int, limit: float) -> float | None:
    """CPU seconds for one run (setup excluded), or None when it passed `limit` seconds of wall clock."""
    run = make(size)

    def stop(*_) -> None:
        raise _Stopped

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, limit)
    started = time.process_time()
    try:
        run()
        return time.process_time() - started
    except _Stopped:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def main(argv: list[str]) -> None:
    limit = 120.0
    if "--limit" in argv:
        at = argv.index("--limit")
        limit = float(argv[at + 1])
        argv = argv[:at] + argv[at + 2:]
    chosen = argv or list(CASES)
    print(f"{'case':<19}{'1× input':>34}{'1×':>10}{'10×':>10}{'ratio':>8}")
    for name in chosen:
        make, size, unit = CASES[name]
        small, large = timed(make, size, limit), timed(make, size * 10, limit)

        def shown(seconds: float | None) -> str:
            return f"{seconds:.3f} s" if seconds is not None else f"> {limit:.0f} s"

        ratio = f"{large / small:.1f}" if small and large else "—"
        print(f"{name:<19}{f'{size:,} {unit}':>34}{shown(small):>10}{shown(large):>10}{ratio:>8}")


if __name__ == "__main__":
    main(sys.argv[1:])
