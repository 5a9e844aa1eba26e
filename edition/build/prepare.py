"""Phase 1 for one document: read or encode it, assign anchors, validate, read its metadata.

A cache hit skips all of that and parses the TEI the cache kept. `prepare_all`
is phase 1 for many documents at once, for the commands that stop there
(validate, encode, release); a build runs `prepare` in worker processes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from edition.anchors.assign import assign_anchors
from edition.anchors.ledger import Ledger, ledger_from_json, load_ledger, unknown_releases
from edition.anchors.promise import moved_anchors
from edition.build.cache import BuildCache, Cached, NoCache
from edition.build.crossdoc import check_entity_ids, declarations
from edition.build.progress import SILENT, Progress
from edition.build.timings import NO_TIMINGS, Timings
from edition.core.diagnostics import Diagnostic, EditionError, Severity
from edition.core.folder import EditionFolder
from edition.encode import EncodeOptions, Publication, encode_transcript
from edition.project.config import Config
from edition.project.edition import Edition
from edition.project.register import Register
from edition.project.sources import Source, decode_transcript, read_source_bytes
from edition.tei.metadata import DocumentMeta, read_metadata
from edition.tei.source import choose_profile, read_tei
from edition.tei.validate import Locate, Profile, Validator, edition_profile, site_profile
from edition.tei.viewtext import no_text
from edition.tei.xinclude import XI_NS, resolve_includes
from edition.tei.xml import parse, serialize

NO_CACHE = NoCache()


@dataclass
class Loaded:
    tree: etree._ElementTree | None
    locate: Locate
    profile: Profile
    diagnostics: list[Diagnostic]
    cacheable: bool = True  # False when other files went into it (XIncludes): the cache keys on the source alone


@dataclass
class Prepared:
    source: Source
    tree: etree._ElementTree
    meta: DocumentMeta
    locate: Locate
    profile: Profile
    ledger: Ledger
    cache_key: str = ""  # the key it was looked up by
    cache_keys: tuple[str, ...] = ()  # the keys its results are stored under (when not a hit)
    # Serialised once when the cache needs them; phase 2 reuses them instead of serialising again.
    tei: bytes | None = None
    ledger_json: bytes | None = None


def encode_options(config: Config, register: Register) -> EncodeOptions:
    return EncodeOptions(
        publication=Publication(config.publisher or config.title or Publication.publisher,
                                config.licence, config.licence_url),
        original_language=config.original_language,
        speakers=config.speakers,
        registered={person.id: person.name for person in register.persons.values()},
    )


def load_source(source: Source, options: EncodeOptions, folder: EditionFolder) -> Loaded:
    """A source as a TEI tree, how to locate its elements in the file, and how to validate it."""
    try:
        data = read_source_bytes(source, folder)
    except EditionError as failure:
        return Loaded(None, _no_locate, edition_profile(), failure.diagnostics)
    if source.kind == "txt":
        text, problems = decode_transcript(data, source.name)
        if text is None:
            return Loaded(None, _no_locate, edition_profile(), problems)
        encoded = encode_transcript(text, source.name, options)
        return Loaded(encoded.tree, encoded.locate, edition_profile(),
                      problems + encoded.diagnostics)
    tree, locate, problems = read_tei(data, source.name)
    if tree is None or locate is None:
        return Loaded(None, _no_locate, site_profile(), problems)
    includes = next(tree.iter(f"{{{XI_NS}}}include"), None) is not None
    problems += resolve_includes(tree, source.path, source.name, folder)
    if missing := no_text(tree, source.name, locate):
        return Loaded(None, _no_locate, site_profile(), problems + [missing])
    profile, more = choose_profile(tree, source.path, folder)
    return Loaded(tree, locate, profile, problems + more, cacheable=not includes)


def _no_locate(element: etree._Element) -> tuple[int, int]:
    return 1, 1


def prepare(source: Source, folder: EditionFolder, options: EncodeOptions, validator: Validator,
            timings: Timings = NO_TIMINGS, cache: BuildCache = NO_CACHE,
            document_types: dict[str, str] | None = None) -> tuple[Prepared | None, list[Diagnostic]]:
    """One source through phase 1; `folder` is the edition it belongs to (sources, ledgers, schemas);
    `document_types` is edition.toml's [document_types], how the metadata names a document's type."""
    key = cache.key(source)
    if cached := cache.load(key):
        with timings.stage("read"):
            tree = parse(cached.tei, source.name)
            meta = read_metadata(source.id, tree, document_types)
        profile = site_profile() if cached.pointer_severity is Severity.WARNING else edition_profile()
        return Prepared(source, tree, meta, _no_locate, profile, ledger_from_json(cached.ledger, source.id),
                        cache_key=key, cache_keys=(key,), tei=cached.tei,
                        ledger_json=cached.ledger), list(cached.diagnostics)
    with timings.stage("read"):
        loaded = load_source(source, options, folder)
    if loaded.tree is None:
        return None, loaded.diagnostics
    with timings.stage("anchors"):
        try:
            ledger = assign_anchors(loaded.tree, load_ledger(folder, source.id))
        except EditionError as failure:  # a broken ledger: the document cannot keep its anchors
            return None, loaded.diagnostics + failure.diagnostics
    with timings.stage("validate"):
        diagnostics = loaded.diagnostics + validator.validate(loaded.tree, source.name, loaded.locate,
                                                              loaded.profile)
        diagnostics += moved_anchors(loaded.tree, ledger, source.name, loaded.locate)
    with timings.stage("metadata"):
        meta = read_metadata(source.id, loaded.tree, document_types)
    prepared = Prepared(source, loaded.tree, meta, loaded.locate, loaded.profile, ledger, key)
    if key and loaded.cacheable and not any(d.severity is Severity.ERROR for d in diagnostics):
        prepared.tei, prepared.ledger_json = serialize(loaded.tree), ledger.to_json()
        cached = Cached(prepared.tei, prepared.ledger_json, diagnostics, loaded.profile.pointer_severity)
        # The next build reads the ledger this one writes; the same text with its own ledger gets the
        # same anchors, so the result is stored under that key too and the next build is a hit.
        # (Under the key with the ledger read, it serves a build run again before this one's ledgers
        # are written; the site made does not need it.)
        settled = cache.key(source, prepared.ledger_json)
        prepared.cache_keys = tuple(dict.fromkeys((key, settled)))
        for each in prepared.cache_keys:
            cache.store(each, cached, needed=each == settled)
    return prepared, diagnostics


def prepare_all(edition: Edition, sources: Sequence[Source] | None = None, timings: Timings = NO_TIMINGS,
                progress: Progress = SILENT) -> tuple[list[Prepared], list[Diagnostic]]:
    """Phase 1 for the edition's sources (or the given ones): each document, then the checks across documents."""
    sources = edition.sources if sources is None else sources
    options = encode_options(edition.config, edition.register)
    with timings.stage("validate"):
        validator = Validator(edition.register.ids)
    prepared: list[Prepared] = []
    diagnostics: list[Diagnostic] = []
    versions = {release.version for release in edition.releases}
    progress.start("checking sources", len(sources))
    for source in sources:
        document, found = prepare(source, edition.folder, options, validator, timings,
                                  document_types=edition.config.document_types)
        diagnostics += found
        if document is not None:
            prepared.append(document)
            diagnostics += unknown_releases(edition.folder, document.ledger, versions)
        progress.advance()
    with timings.stage("validate"):
        diagnostics += check_entity_ids([declarations(d.source.name, d.tree, d.locate, d.profile.pointer_severity)
                                         for d in prepared], edition.register)
    return prepared, diagnostics


