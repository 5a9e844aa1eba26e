"""Full-text search: Pagefind indexes the written document pages, in bundles that stay put.

Pagefind indexes a bundle whole (it has no incremental mode) and holds all it
indexes in memory until it writes (about 14× the HTML). So the document pages
are split into K bundles by a stable hash of each page's path (that is, of the
document's id): an edit, an insertion or a removal anywhere changes one
bundle, and only that bundle is indexed again. K is a power of two chosen from
the edition's size (`bundle_count`), so that it changes seldom, and when it
does each bundle splits in two. The search page merges the bundles
(Pagefind's mergeIndex), fetching them in parallel.

A bundle records what it was made from (DIGEST): the Pagefind release, the
tool's version, and for each page the digest of what Pagefind reads of it —
the page without its `data-pagefind-ignore="all"` parts (the links to the
previous and next document), which Pagefind skips whole. A new neighbour
therefore leaves a bundle as it was.

Only the first bundle carries Pagefind's scripts (pagefind.js and its worker);
the others carry their index and the WASM Pagefind fetches beside each index.
Pagefind's ready-made interfaces are not shipped: the search page is our own.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from edition import __version__
from edition.core.diagnostics import EditionError, error
from edition.project.register import Register
from edition.site.derivatives import Computed
from edition.site.remover import mark_as_staging, remove_staging
from edition.site.writer import link_or_copy
from edition.tei.metadata import DocumentMeta

DOCUMENTS_PER_BUNDLE = 125  # 1,000 documents: 8 bundles; one re-indexed in about 0.4 s
MAX_BUNDLES = 32  # each bundle costs the search page a few requests; beyond this, bundles grow
# … and at most this much HTML a bundle on average. Pagefind holds some 14 times what it indexes
# in memory, and writes its index on one core, so that two bundles of a large edition index side
# by side faster than one (the 24 MB of the 37 DraCor plays on 2 cores: 2.8 s as one, 1.9 s as two).
BUNDLE_HTML = 16 * 2**20
DIGEST = "edition-pages.sha256"  # in each bundle: what it was made from, so a rebuild can reuse it
SCRIPTS = ("pagefind.js", "pagefind-worker.js")  # in the first bundle only
# What the search page fetches from a bundle; Pagefind's other output (its UIs) is not kept.
INDEX_FILES = ("pagefind-entry.json", "*.pf_meta", "wasm.*.pagefind", "index", "fragment", "filter", "words.txt")
WORDS = "words.txt"  # in each bundle: its words and their counts, for the search page's "did you mean"
WORDS_KEPT = 20_000  # the most frequent of a bundle's words (seen at least twice)
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]")


class Page(NamedTuple):
    """A written document page: its path in the site, its size, and the digest of what
    Pagefind reads of it (`search_digest`)."""

    path: str
    size: int
    digest: str


class Bundle(NamedTuple):
    name: str  # its folder in the site: pagefind/, pagefind-2/, …
    pages: list[Page]
    primary: bool  # carries Pagefind's scripts


_IGNORED_ALL = b' data-pagefind-ignore="all"'
_TAG_NAME = re.compile(rb"<([a-zA-Z][a-zA-Z0-9-]*)")


def search_digest(page: bytes) -> str:
    """The SHA-256 of the page as Pagefind reads it: without its data-pagefind-ignore="all"
    elements, which Pagefind leaves out whole (text, metadata, filters). Found by their tags
    rather than by parsing the page (a parse costs some 5 ms a page: minutes for 20,000); an
    element whose end cannot be found leaves the page whole, which only indexes it more often."""
    kept, start = [], 0
    found = page.find(_IGNORED_ALL)
    while found != -1:
        opening = page.rfind(b"<", start, found)
        name = _TAG_NAME.match(page, opening) if opening != -1 else None
        end = _element_end(page, name.group(1), found) if name else None
        if end is None:
            return hashlib.sha256(page).hexdigest()
        kept.append(page[start:opening])
        start = end
        found = page.find(_IGNORED_ALL, start)
    kept.append(page[start:])
    return hashlib.sha256(b"".join(kept)).hexdigest()


def _element_end(page: bytes, name: bytes, position: int) -> int | None:
    """Where the element opened just before `position` ends, counting nested ones of its name."""
    tags = re.compile(rb"<(/?)" + re.escape(name) + rb"\b[^>]*>", re.IGNORECASE)
    depth = 1
    for tag in tags.finditer(page, position):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    return None


def search_names(meta: DocumentMeta, register: Register) -> str:
    """The names of the document's persons with every variant the register knows, indexed with the
    page (data-pagefind-index-attrs), so that "Akhromeyev" finds the record that says "Akhromeev"."""
    names: dict[str, None] = {}
    for person in meta.persons:
        entry = register.persons.get(person.id)
        for name in (person.name, *((entry.name, *entry.variants) if entry else ())):
            names[name] = None
    return " · ".join(names)


def bundle_count(pages: list[Page]) -> int:
    """K: the smallest power of two that gives each bundle at most DOCUMENTS_PER_BUNDLE pages
    (at most MAX_BUNDLES bundles), and at most BUNDLE_HTML of HTML on average."""
    wanted = max(min(len(pages) / DOCUMENTS_PER_BUNDLE, MAX_BUNDLES), sum(p.size for p in pages) / BUNDLE_HTML)
    count = 1
    while count < wanted:
        count *= 2
    return count


def bucket(path: str, count: int) -> int:
    """The bundle a page belongs to: stable whatever other pages exist."""
    return int.from_bytes(hashlib.sha256(path.encode("utf-8")).digest()[:8], "big") % count


def bundle_name(number: int) -> str:
    return "pagefind" if number == 0 else f"pagefind-{number + 1}"


def plan_bundles(pages: list[Page]) -> list[Bundle]:
    """The non-empty bundles, pages in site order within each; the first carries the scripts."""
    count = bundle_count(pages)
    buckets: dict[int, list[Page]] = {}
    for page in pages:
        buckets.setdefault(bucket(page.path, count), []).append(page)
    numbers = sorted(buckets) or [0]  # an edition without documents still has a (empty) search index
    return [Bundle(bundle_name(n), sorted(buckets.get(n, []), key=lambda p: p.path), n == numbers[0])
            for n in numbers]


def reuse_bundles(bundles: list[Bundle], previous: Path | None) -> tuple[list[Bundle], list[str]]:
    """The bundles left to make, and the files of those the previous site has made from the same
    pages (by the same Pagefind), for the caller to link rather than make them again (a build of
    20,000 documents keeps 31 bundles of 32: 20,000 files, linked by `Staging.link_later`)."""
    unmade: list[Bundle] = []
    kept: list[str] = []
    for bundle in bundles:
        files = _reusable(previous / bundle.name, _digest(bundle)) if previous is not None else None
        if files is None:
            unmade.append(bundle)
        else:
            kept += [f"{bundle.name}/{path}" for path in files]
    return unmade, kept


def uncached(kind: str, material: bytes, compute: Callable[[], bytes]) -> bytes:
    """A `Computed` without a cache (`--no-cache`)."""
    return compute()


def index_site(site: Path, bundles: list[Bundle], views: dict[str, Path], computed: Computed = uncached,
               processes: int = 2) -> None:
    """Make the bundles `reuse_bundles` left: one Pagefind run per bundle, over its view
    (`link_views`), so that the URLs in the index are the pages' own paths in the site; two runs
    at a time (Pagefind uses about 1.5 cores, and each holds its bundle in memory)."""
    with ThreadPoolExecutor(processes) as runs:
        list(runs.map(lambda b: _make(site, b, views[b.name], computed), bundles))


def stand_in(site: Path, bundles: list[Bundle], previous: Path | None) -> None:
    """`edition serve`: the bundles `reuse_bundles` left are made by `index_later` once the site
    is in place; meanwhile the previous site's bundle of the same name stands in for each."""
    for bundle in bundles:
        old = previous / bundle.name if previous is not None else None
        if old is None or not _reuse(old, _digest_in(old), site / bundle.name):
            (site / bundle.name).mkdir(exist_ok=True)
    _write_status(site, updating=bool(bundles))


def link_views(site: Path, bundles: list[Bundle], scratch: Path | None = None) -> dict[str, Path]:
    """Per bundle, the folder Pagefind reads: hard links to its pages at their paths in the site.
    Made in the calling thread: a thread of its own would wait for the interpreter after each of
    hundreds of links while the build's thread renders (1,000 documents: 0.4 s for 125 links).
    Inside `scratch` (index_later's work folder) when given; else named after the staging folder,
    so that a killed build's leftovers go with it. Never a folder of its own beside the served site."""
    views = {}
    for bundle in bundles:
        view = views[bundle.name] = Path(tempfile.mkdtemp(prefix=f"{site.name}.search-", dir=scratch or site.parent))
        mark_as_staging(view)
        for page in bundle.pages:
            target = view / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(site / page.path, target)
    return views


STATUS = "search-status.json"  # written by `edition serve` only: whether the index is catching up


def _write_status(site: Path, updating: bool) -> None:
    temporary = site / f".{STATUS}.new"
    temporary.write_text(json.dumps({"updating": updating}) + "\n", encoding="utf-8")
    temporary.replace(site / STATUS)


def _digest_in(bundle: Path) -> str:
    try:
        return (bundle / DIGEST).read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def index_later(site: Path, bundles: list[Bundle], still_current: Callable[[], AbstractContextManager[bool]],
                computed: Computed = uncached, processes: int = 2) -> bool:
    """Make the bundles `stand_in` stood in for, from the pages of the site now in place,
    and swap each in for the one standing in. `still_current()` holds the site still while the
    bundles go in and says whether it is the site they were planned for; when a newer build has
    replaced it, nothing is changed (that build plans its own). True when they went in."""
    work = Path(tempfile.mkdtemp(prefix=f".{site.name}.index-", dir=site.parent))
    mark_as_staging(work)
    try:
        views = link_views(site, bundles, scratch=work)
        with ThreadPoolExecutor(processes) as runs:
            list(runs.map(lambda b: _make(site, b, views[b.name], computed, work / b.name), bundles))
        with still_current() as current:
            if not current:
                return False
            for bundle in bundles:
                old = work / f"{bundle.name}.old"
                if (site / bundle.name).exists():
                    (site / bundle.name).rename(old)
                (work / bundle.name).rename(site / bundle.name)
            _write_status(site, updating=False)
            return True
    finally:
        remove_staging(work)


def _make(site: Path, bundle: Bundle, view: Path, computed: Computed, output: Path | None = None) -> None:
    """Index the bundle's view (removed after) into `output`, by default its folder in the site."""
    output = output or site / bundle.name
    try:
        _pagefind(view, output)
    finally:
        remove_staging(view)  # its marker last: a build killed meanwhile leaves it for the next to remove
    _keep_only(output, INDEX_FILES + (SCRIPTS if bundle.primary else ()))
    (output / WORDS).write_text(_words(output, computed), encoding="utf-8")
    (output / DIGEST).write_text(_digest(bundle) + "\n", encoding="utf-8")


def _words(bundle: Path, computed: Computed) -> str:
    """The words Pagefind indexed in this bundle, each in its commonest spelling, with its count:
    read from the text it keeps of each page (its fragment), so they are its words by
    construction, names from the indexed attributes included. Each fragment's are counted once,
    by the digest of its bytes, and kept in the build's cache: a rebuild that makes one bundle
    again counts the pages that changed, not hundreds (a count is some 2 ms a page; parsing the
    pages' HTML for it instead took twice as long, beside Pagefind's own work)."""
    counts: Counter[str] = Counter()
    for fragment in sorted((bundle / "fragment").iterdir()):
        data = fragment.read_bytes()
        counted = computed("words", hashlib.sha256(data).digest(), partial(_count_words, data, fragment))
        counts.update(dict(_decode_counts(counted)))
    spelling: dict[str, tuple[int, str]] = {}
    total: Counter[str] = Counter()
    for word, count in counts.items():
        key = word.casefold()
        total[key] += count
        spelling[key] = max(spelling.get(key, (0, word)), (count, word))
    kept = sorted([key for key, count in total.most_common() if count > 1][:WORDS_KEPT])
    return "".join(f"{spelling[key][1]}\t{total[key]}\n" for key in kept)


def _count_words(data: bytes, fragment: Path) -> bytes:
    """A fragment's words and their counts, one "word\tcount" a line. A fragment is gzip-compressed
    JSON after Pagefind's signature; its "content" is the page's text as Pagefind indexed it."""
    try:
        text = gzip.decompress(data)
        if not text.startswith(_FRAGMENT_SIGNATURE):
            raise ValueError("no Pagefind signature")
        content = json.loads(text[len(_FRAGMENT_SIGNATURE):])["content"]
    except (OSError, ValueError, KeyError, TypeError) as exc:  # (gzip and JSON errors are among these)
        raise EditionError([error(str(fragment), 1, 1, "search-index",
                                  f"Pagefind wrote a page's text in a form this tool does not read ({exc})",
                                  f"install the pagefind[bin] release pyproject.toml names (this is "
                                  f"{_pagefind_release()})")]) from None
    counts = Counter(_WORD.findall(content))
    return "".join(f"{word}\t{count}\n" for word, count in sorted(counts.items())).encode("utf-8")


_FRAGMENT_SIGNATURE = b"pagefind_dcd"


def _decode_counts(counted: bytes) -> Iterator[tuple[str, int]]:
    for line in counted.decode("utf-8").splitlines():
        word, _, count = line.partition("\t")
        yield word, int(count)


def _keep_only(folder: Path, patterns: Iterable[str]) -> None:
    kept = {path for pattern in patterns for path in folder.glob(pattern)}
    for path in folder.iterdir():
        if path not in kept:
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()


def _digest(bundle: Bundle) -> str:
    """What a bundle is made from: the Pagefind release, its role, each page's path and digest."""
    digest = hashlib.sha256(f"{_pagefind_release()}\0{__version__}\0{bundle.primary}\0".encode())
    for page in bundle.pages:
        digest.update(f"{page.path}\0{page.digest}\0".encode())
    return digest.hexdigest()


def _pagefind_release() -> str:
    for package in ("pagefind_bin", "pagefind_extended", "pagefind"):
        try:
            return f"{package} {version(package)}"
        except PackageNotFoundError:
            continue
    return "unknown"


def _reusable(old: Path, digest: str) -> list[str] | None:
    """The old bundle's files when it was made from the pages `digest` names; regular files only:
    anything else in the old site means it is not reused."""
    try:
        if (old / DIGEST).read_text(encoding="utf-8").strip() != digest:
            return None
        return _regular_files(old)
    except OSError:
        return None


def _reuse(old: Path, digest: str, bundle: Path) -> bool:
    """Link the old bundle's files into the new site when it was made from the same pages."""
    files = _reusable(old, digest)
    if files is None:
        return False
    try:
        for folder in sorted({PurePosixPath(path).parent for path in files}):
            (bundle / folder).mkdir(parents=True, exist_ok=True)
        for path in files:
            link_or_copy(old / path, bundle / path)
        return True
    except OSError:
        shutil.rmtree(bundle, ignore_errors=True)
        return False


def _regular_files(folder: Path) -> list[str] | None:
    """The paths of the files under `folder` (scanned once: a bundle holds a file per page); None
    when something there is neither a folder nor a regular file, such as a link."""
    found: list[str] = []
    waiting = [""]
    while waiting:
        here = waiting.pop()
        with os.scandir(folder / here) as entries:
            for entry in entries:
                path = f"{here}/{entry.name}" if here else entry.name
                if entry.is_dir(follow_symlinks=False):
                    waiting.append(path)
                elif entry.is_file(follow_symlinks=False):
                    found.append(path)
                else:
                    return None
    return sorted(found)


def _pagefind_command() -> list[str]:
    """The Pagefind binary itself (no Python launcher to start per bundle), or its launcher."""
    try:
        from pagefind_bin import get_executable

        return [str(get_executable())]
    except (ImportError, FileNotFoundError):
        return [sys.executable, "-m", "pagefind"]


def _pagefind(view: Path, bundle: Path) -> None:
    """Run the Pagefind binary (from the pagefind[bin] package)."""
    done = subprocess.run(
        [*_pagefind_command(), "--site", str(view), "--output-path", str(bundle), "--quiet"],
        capture_output=True, text=True, timeout=3600,
    )
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().splitlines()
        raise EditionError([error(str(bundle), 1, 1, "search-index",
                                  f"Pagefind failed: {message[-1] if message else 'no output'}",
                                  "check that the pagefind[bin] package is installed")])
