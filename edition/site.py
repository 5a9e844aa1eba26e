"""build(): the stage order.

Phase 1 reads, encodes, anchors and validates every source before anything
is written; phase 2 transforms, renders and publishes in one atomic swap.
A failed build leaves the previous site untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition.anchors import assign_anchors
from edition.assemble import Ready, assemble, moved_documents, order_notes
from edition.cache import BuildCache, Cached, NoCache
from edition.config import Config, load_config
from edition.coverage import unhandled
from edition.crossdoc import check_entity_ids
from edition.diagnostics import Diagnostic, EditionError, Severity, has_errors
from edition.encode import EncodeOptions, Publication, encode_transcript
from edition.ledger import Ledger, ledger_from_json, load_ledger, save_ledger
from edition.metadata import DocumentMeta, read_metadata
from edition.notes import read_notes
from edition.progress import SILENT, Progress
from edition.register import Register, load_register
from edition.release import current_release
from edition.resources import data_dir
from edition.search import index_site
from edition.sources import Source, discover, read_text
from edition.tei import parse, serialize
from edition.timings import NO_TIMINGS, Timings
from edition.validate import Locate, Profile, Validator, edition_profile, site_profile
from edition.writer import publish
from edition.xmlsource import choose_profile, read_tei

NO_CACHE = NoCache()


@dataclass
class Loaded:
    tree: etree._ElementTree | None
    locate: Locate
    profile: Profile
    diagnostics: list[Diagnostic]


@dataclass
class Prepared:
    source: Source
    tree: etree._ElementTree
    meta: DocumentMeta
    locate: Locate
    profile: Profile
    ledger: Ledger
    cache_key: str = ""
    # Serialised once when the cache needs them; phase 2 reuses them instead of serialising again.
    tei: bytes | None = None
    ledger_json: bytes | None = None


@dataclass
class BuildResult:
    documents: list[DocumentMeta] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unhandled: dict[str, list[str]] = field(default_factory=dict)  # document → TEI elements without a rule


def encode_options(config: Config) -> EncodeOptions:
    return EncodeOptions(
        publication=Publication(config.publisher or config.title or Publication.publisher,
                                config.licence, config.licence_url),
        original_language=config.original_language,
        speakers=config.speakers,
    )


def load_source(source: Source, options: EncodeOptions, edition_root: Path) -> Loaded:
    """A source as a TEI tree, how to locate its elements in the file, and how to validate it."""
    if source.kind == "txt":
        text, problems = read_text(source.path)
        if text is None:
            return Loaded(None, _no_locate, edition_profile(), problems)
        encoded = encode_transcript(text, source.name, options)
        columns = encoded.columns
        return Loaded(encoded.tree, lambda el: (el.sourceline or 1, columns.get(el, 1)), edition_profile(),
                      problems + encoded.diagnostics)
    tree, locate, problems = read_tei(source.path)
    if tree is None:
        return Loaded(None, _no_locate, site_profile(), problems)
    profile, more = choose_profile(tree, source.path, edition_root)
    return Loaded(tree, locate, profile, problems + more)


def _no_locate(element: etree._Element) -> tuple[int, int]:
    return 1, 1


def prepare(source: Source, options: EncodeOptions, validator: Validator, edition_root: Path,
            timings: Timings = NO_TIMINGS, cache: BuildCache = NO_CACHE) -> tuple[Prepared | None, list[Diagnostic]]:
    key = cache.key(source.id, source.path)
    if cached := cache.load(key):
        with timings.stage("read"):
            tree = parse(cached.tei, source.name)
            meta = read_metadata(source.id, tree)
        profile = site_profile() if cached.pointer_severity is Severity.WARNING else edition_profile()
        return Prepared(source, tree, meta, _no_locate, profile, ledger_from_json(cached.ledger, source.id),
                        key, cached.tei, cached.ledger), list(cached.diagnostics)
    with timings.stage("read"):
        loaded = load_source(source, options, edition_root)
    if loaded.tree is None:
        return None, loaded.diagnostics
    with timings.stage("anchors"):
        ledger = assign_anchors(loaded.tree, load_ledger(edition_root, source.id))
    with timings.stage("validate"):
        diagnostics = loaded.diagnostics + validator.validate(loaded.tree, source.name, loaded.locate,
                                                              loaded.profile)
    with timings.stage("metadata"):
        meta = read_metadata(source.id, loaded.tree)
    prepared = Prepared(source, loaded.tree, meta, loaded.locate, loaded.profile, ledger, key)
    if key and not any(d.severity is Severity.ERROR for d in diagnostics):
        prepared.tei, prepared.ledger_json = serialize(loaded.tree), ledger.to_json()
        cache.store(key, Cached(prepared.tei, prepared.ledger_json, diagnostics, loaded.profile.pointer_severity))
    return prepared, diagnostics


def prepare_all(sources: list[Source], options: EncodeOptions, register: Register, edition_root: Path,
                timings: Timings = NO_TIMINGS, progress: Progress = SILENT,
                cache: BuildCache = NO_CACHE) -> tuple[list[Prepared], list[Diagnostic]]:
    """Phase 1 for a set of sources: each document, then the checks across documents."""
    with timings.stage("validate"):
        validator = Validator(register.ids)
    prepared: list[Prepared] = []
    diagnostics: list[Diagnostic] = []
    progress.start("checking sources", len(sources))
    for source in sources:
        document, found = prepare(source, options, validator, edition_root, timings, cache)
        diagnostics += found
        if document is not None:
            prepared.append(document)
        progress.advance()
    with timings.stage("validate"):
        diagnostics += check_entity_ids(
            [(d.source.name, d.tree, d.locate, d.profile.pointer_severity) for d in prepared], register)
    return prepared, diagnostics


def _sort_key(meta: DocumentMeta) -> tuple[str, str]:
    return meta.date_when or "9999", meta.id


def build(edition_dir: Path, out_dir: Path, strict: bool = False, timings: Timings = NO_TIMINGS,
          search: bool = True, progress: Progress = SILENT, incremental: bool = True) -> BuildResult:
    """Phase 1 (read, encode, anchor, validate everything), then phase 2 (render, publish).
    The anchor ledgers in content/anchors/ are updated only after a successful publish."""
    config, diagnostics = load_config(edition_dir)
    register, problems = load_register(edition_dir)
    diagnostics += problems
    sources, problems = discover(edition_dir)
    diagnostics += problems
    cache = BuildCache(edition_dir) if incremental else NO_CACHE
    try:
        prepared, problems = prepare_all(sources, encode_options(config), register, edition_dir, timings, progress,
                                         cache)
        diagnostics += problems
        ready, problems, moved = _ready(edition_dir, config, prepared)
        diagnostics += problems
        if has_errors(diagnostics, strict):
            raise EditionError(diagnostics)
        files = assemble(config, edition_dir, ready, register, moved, current_release(edition_dir), timings, progress,
                         cache)
    finally:
        progress.stop()
    with timings.stage("write"):
        publish(files, out_dir, finish=_search_index(timings) if search else None)
        for document in ready:
            save_ledger(edition_dir, document.ledger, files[f"anchors/{document.meta.id}.json"])
    xslt = data_dir("xslt")
    gaps = {d.meta.id: names for d in ready if (names := unhandled(d.tree, xslt))}
    return BuildResult([d.meta for d in ready], diagnostics, gaps)


def _ready(edition_dir: Path, config: Config, prepared: list[Prepared]):
    """Documents in date order with their notes; the documents that moved away."""
    diagnostics: list[Diagnostic] = []
    ready = []
    for document in sorted(prepared, key=lambda d: _sort_key(d.meta)):
        anchors = document.tree.getroot().xpath("//@xml:id")
        notes, problems = read_notes(edition_dir, document.meta.id, set(anchors))
        diagnostics += problems
        ready.append(Ready(document.meta, document.tree, order_notes(notes, list(anchors)), document.ledger,
                           document.cache_key, document.tei, document.ledger_json))
    moved, problems = moved_documents(edition_dir, config, {d.meta.id for d in ready})
    return ready, diagnostics + problems, moved


def _search_index(timings: Timings):
    def finish(staging: Path) -> None:
        with timings.stage("search"):
            index_site(staging)
    return finish
