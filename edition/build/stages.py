"""build(): the stage order.

Every file goes into a staging folder beside the output folder, which is
swapped in whole at the end; a failed build leaves the previous site untouched.

1. Per document, in worker processes (edition.build.pipeline): read or encode,
   anchor, validate, transform, write the document's files. The main process
   keeps only a small summary of each.
2. Across documents: the edition-wide id check; stop here on any error.
3. Per document again: the page, now that the reading order is known.
4. The pages across documents, from the summaries; the TEI download.
5. The search index, then the swap; the anchor ledgers are saved last.

At each step, an output whose inputs are those the last build recorded for it is
linked from the previous site instead (edition.build.reuse): a rebuild makes only
what changed.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from edition.anchors.ledger import ANCHORS_DIR, write_ledger
from edition.anchors.promise import missing_ledgers
from edition.build.cache import CACHE_DIR, signing_key
from edition.build.crossdoc import check_entity_ids
from edition.build.pipeline import Outcome, PageJob, Shared, check_and_transform, render_page, start_worker
from edition.build.pool import Workers
from edition.build.progress import SILENT, Progress
from edition.build.reuse import Reuse
from edition.build.timings import NO_TIMINGS, Timings
from edition.core.diagnostics import Diagnostic, EditionError, error, has_errors
from edition.core.folder import EditionFolder
from edition.core.lock import edition_lock
from edition.core.outputs import DOCUMENTS, PARALLEL, TEI_ZIP_PATH, DocumentFiles
from edition.project.config import CONFIG_FILE
from edition.project.edition import TEMPLATES_DIR, XSLT_DIR, Edition, load_edition
from edition.project.notes import NOTES_DIR
from edition.project.pages import PAGES_DIR as PAGES
from edition.project.sources import SOURCE_DIR, Source
from edition.project.tomllines import KeyLines
from edition.site.assemble import edition_page_groups, moved_documents
from edition.site.cite import relative_urls_warning
from edition.site.derivatives import Computed
from edition.site.downloads import zip_files
from edition.site.entities import Entities, edition_entities
from edition.site.entitypages import document_links
from edition.site.images import MAX_IMAGE_BYTES
from edition.site.indexes import Summary
from edition.site.parallel import Pair, links_by_document, parallel_pages, parallel_pairs
from edition.site.search import Bundle, Page, index_site, link_views, plan_bundles, reuse_bundles, stand_in
from edition.site.writer import Staging, remove_replaced
from edition.tei.metadata import DocumentMeta


@dataclass
class BuildResult:
    documents: list[DocumentMeta] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unhandled: dict[str, list[str]] = field(default_factory=dict)  # document → TEI elements without a rule
    processes: int = 1
    search_later: list[Bundle] = field(default_factory=list)  # left for search.index_later (search="later")
    # What the next `edition serve` preview needs: each document page's context (its job without
    # its text), the edition and the environment it was built in.
    pages: dict[str, PageJob] = field(default_factory=dict)
    edition: Edition | None = None
    environment: str = ""


def _summary(outcome: Outcome) -> Summary:
    """The summary of a document that was built (the only kind of outcome `done` holds)."""
    if outcome.summary is None:
        raise ValueError(f"{outcome.source} failed and has no summary")
    return outcome.summary


def _reading_order(outcome: Outcome) -> tuple[str, str]:
    meta = _summary(outcome).meta
    return meta.dating.sort_key, meta.id  # the earliest possible day; undated last


def build(edition_dir: Path, out_dir: Path, strict: bool = False, timings: Timings = NO_TIMINGS,
          search: bool | Literal["later"] = True, progress: Progress = SILENT, incremental: bool = True,
          jobs: int | None = None) -> BuildResult:
    """Build the edition into out_dir with `jobs` processes (default: one per core), holding the
    edition's lock: a release must not rewrite the ledgers this build reads and writes. With
    search="later" the site goes in before the search bundles that changed are made: the result
    names them, and the previous site's stand in meanwhile (`edition serve`)."""
    with edition_lock(EditionFolder(edition_dir), "build"), _collector_paused():
        return _build(edition_dir, out_dir, strict, timings, search, progress, incremental, jobs)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while this process builds. A build makes
    millions of objects that live until it ends (the summaries, the record) and almost no cycles,
    and the collector walked the live ones again and again as they grew: a third of a rebuild of
    1,000 documents (2.5–2.9 s → 2.1 s, the same peak memory), half of decoding 20,000 summaries.
    After the build it runs again and frees what the build left (`edition serve` builds on)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# The folders of an edition that a build reads: a site written into one (an empty notes/, a
# templates/ not made yet) would be read back as notes, templates or sources by the next build.
_INPUT_FOLDERS = (SOURCE_DIR, NOTES_DIR, PAGES, TEMPLATES_DIR, XSLT_DIR, ANCHORS_DIR, CACHE_DIR)


def _refuse_output_among_inputs(folder: EditionFolder, out_dir: Path) -> None:
    out = Path(os.path.realpath(out_dir))  # unlike Path.resolve(), never raises on a link loop
    for name in _INPUT_FOLDERS:
        inputs = Path(os.path.realpath(folder.path(name)))
        if out == inputs or inputs in out.parents:
            raise EditionError([error(str(out_dir), 1, 1, "output-in-edition",
                                      f"the output folder is the edition's {name}/ folder, or inside it, "
                                      "which builds read",
                                      f"choose a folder of its own, such as {folder.shown('site')}; "
                                      "nothing was changed")])


def _build(edition_dir: Path, out_dir: Path, strict: bool, timings: Timings, search: bool | Literal["later"],
           progress: Progress, incremental: bool, jobs: int | None) -> BuildResult:
    edition, diagnostics = load_edition(edition_dir)
    _refuse_output_among_inputs(edition.folder, out_dir)
    diagnostics += missing_ledgers(edition.folder, edition.releases, edition.config.moved)
    diagnostics += [w for w in [relative_urls_warning(edition.config, edition.folder.shown(CONFIG_FILE))] if w]
    sources = edition.sources
    try:
        with Staging(out_dir) as staging:
            secret = signing_key() if incremental else b""
            with timings.stage("reuse"):
                reuse = Reuse(edition, out_dir, secret, staging)
                kept = reuse.kept_documents(sources)
            shared = Shared(edition, staging.root, staging.previous, secret, strict, reuse.environment)
            changed = [source for source in sources if source.name not in kept]
            with Workers(jobs, len(changed), start_worker, shared) as workers:
                outcomes: list[Outcome] = []
                said = set(diagnostics)
                progress.start("checking and transforming", len(sources))
                built = workers.map(check_and_transform, changed)
                for source in sources:  # in source order, kept or built
                    outcome = kept.get(source.name) or next(built)
                    reuse.built(outcome)
                    outcomes.append(outcome)
                    # A problem of a file every document uses (the stylesheet, a template) is said once.
                    diagnostics += [d for d in outcome.diagnostics if d not in said]
                    said.update(outcome.diagnostics)
                    timings.add(outcome.seconds)
                    progress.advance()
                with timings.stage("validate"):
                    diagnostics += check_entity_ids([o.declarations for o in outcomes], edition.register)
                done = sorted((o for o in outcomes if o.summary is not None), key=_reading_order)
                metas = [_summary(o).meta for o in done]
                for outcome in done:
                    for path in DocumentFiles(_summary(outcome).meta.id).all:
                        staging.claim(path, outcome.source)
                moved, problems = moved_documents(edition, {source.id for source in sources})  # failed is not gone
                diagnostics += problems
                if has_errors(diagnostics, strict):
                    raise EditionError(diagnostics)
                names = {source.id: source.name for source in sources}  # document id → its source file
                entities = edition_entities(edition.register, [_summary(o) for o in done], names)
                diagnostics += entities.diagnostics
                pairs, problems = parallel_pairs(metas, edition.config.parallel, edition.folder.shown(CONFIG_FILE),
                                                 _config_key_locator(edition, "parallel"))
                diagnostics += problems
                pages, page_jobs = _render_pages(workers, done, timings, progress, entities, pairs, reuse,
                                                 {source.name: source for source in sources})
                shards = plan_bundles(pages)
                staging.settle()  # the unchanged documents' files are all linked before the zip and Pagefind read them
            # Pagefind reads only the document pages, and the TEI zip only the TEI files: both are made
            # while the rest of the site is written (Pagefind in its own process, the zip mostly in zlib).
            with ThreadPoolExecutor(2) as background:
                unmade, kept_bundles = reuse_bundles(shards, staging.previous) if search else ([], [])
                staging.link_later(kept_bundles)
                later = unmade if search == "later" else []  # made by serve once the site is in place
                if search == "later":
                    stand_in(staging.root, later, staging.previous)  # (and says whether search is updating)
                indexing = background.submit(_index, staging.root, unmade, link_views(staging.root, unmade),
                                             reuse.computed) if search is True else None
                teis = [DocumentFiles(meta.id).tei for meta in metas]
                tei_digests = reuse.digests(teis, done)
                tei_zip, members = reuse.group_inputs(teis, tei_digests), reuse.archive_parts(teis, tei_digests)
                zipping = None if reuse.kept_group("zip", tei_zip, _owner) else background.submit(
                    zip_files, staging.root, teis, staging.root / TEI_ZIP_PATH,
                    *reuse.unchanged_parts("zip", TEI_ZIP_PATH, members))
                with timings.stage("render"):
                    groups = edition_page_groups(edition, [_summary(o) for o in done], [o.changes for o in done],
                                                 moved, [bundle.name for bundle in shards], entities)
                    recorded, earlier = reuse.recorded(done), dict[str, str]()
                    for group in groups:
                        inputs = earlier[group.name] = reuse.page_group_inputs(group, recorded, earlier)
                        if not reuse.kept_group(group.name, inputs, _owner):
                            files = group.make()
                            _write_pages(staging, files)
                            reuse.made_group(group.name, inputs, sorted(files))
                    _write_pages(staging, parallel_pages(edition, pairs, staging.root, entities,
                                                         {_summary(o).meta.id: _scope(o) for o in done}))
                    _copy_images(edition.folder, staging, done)
                    if zipping is not None:
                        zipping.result()
                        reuse.made_group("zip", tei_zip, [TEI_ZIP_PATH], members)
                reuse.encode()  # (while Pagefind may still run)
                if indexing is not None:
                    timings.add(indexing.result())
            replaced = staging.commit()
    finally:
        progress.stop()
    with timings.stage("write"), ThreadPoolExecutor(8) as writers:
        if replaced is not None:
            writers.submit(remove_replaced, replaced, len(done))
        sweeping = writers.submit(reuse.sweep_cache)
        # Each ledger is synced to disk (it is the editor's record); syncs in parallel queue better.
        # A kept document's ledger is the one in anchors/ already (it is among its inputs).
        list(writers.map(lambda meta: write_ledger(edition.folder, meta.id,
                                                   (out_dir / DocumentFiles(meta.id).ledger).read_bytes()),
                         [_summary(o).meta for o in done if o.source not in kept]))
        reuse.save()
        sweeping.result()
    return BuildResult(metas, diagnostics, {_summary(o).meta.id: o.unhandled for o in done if o.unhandled},
                       workers.processes, later, {job.meta.id: job for job in page_jobs}, edition, reuse.environment)


def _scope(outcome: Outcome) -> str:
    found = _summary(outcome).entities
    return found.scope if found else ""


def _owner(path: str) -> str:
    """What makes a page across documents, for a collision's diagnostic."""
    folder, _, name = path.partition("/")
    return {"pages": f"{PAGES}/{name.removesuffix('.html')}.md", DOCUMENTS: "edition.toml [moved]",
            "static": "templates/static/", PARALLEL: "edition.toml [parallel] or @corresp"}.get(
                folder, "the edition's own pages")


def _copy_images(folder: EditionFolder, staging: Staging, done: list[Outcome]) -> None:
    """The images the pages show, each once however many documents show it (its owner is its path
    in the edition, so only two images meeting at one path in the site collide)."""
    images = {path: relative for outcome in done for path, relative in outcome.images.items()}
    for path in sorted(images):
        staging.write(path, folder.read_bytes(images[path], MAX_IMAGE_BYTES), images[path])
    for outcome in done:  # their smaller copies, written by the workers
        for path, relative in outcome.derived.items():
            staging.claim(path, relative)


def _index(site: Path, bundles: list[Bundle], views: dict[str, Path], computed: Computed) -> dict[str, float]:
    timings = Timings()
    with timings.stage("search"):
        index_site(site, bundles, views, computed)
    return dict(timings.seconds)


def _render_pages(workers: Workers, done: list[Outcome], timings: Timings,
                  progress: Progress, entities: Entities, pairs: list[Pair], reuse: Reuse,
                  sources: dict[str, Source]) -> tuple[list[Page], list[PageJob]]:
    """Each document's page, with its neighbours in reading order and its names linked to their
    entries; a page made from the same inputs as the previous site's is kept."""
    metas = [_summary(outcome).meta for outcome in done]
    parallels = links_by_document(pairs)
    cards: dict[str, dict[str, str]] = {}  # each entity's, made once for all the pages that link to it
    jobs = [PageJob(meta, metas[i - 1] if i else None, metas[i + 1] if i + 1 < len(metas) else None, outcome.page,
                    _scope(outcome), document_links(entities, _summary(outcome), cards),
                    tuple(parallels.get(meta.id, ())))
            for i, (meta, outcome) in enumerate(zip(metas, done, strict=True))]
    # What each page shows of its neighbours: their metadata digests (None where not recorded).
    shown = [record.meta if record else None for record in reuse.recorded(done).values()]
    inputs = [reuse.page_inputs(job, outcome.inputs, shown[i - 1] if i else "",
                                shown[i + 1] if i + 1 < len(done) else "")
              for i, (job, outcome) in enumerate(zip(jobs, done, strict=True))]
    with timings.stage("reuse"):
        pages = reuse.kept_pages([DocumentFiles(job.meta.id).page for job in jobs], inputs)
    redo = [i for i, page in enumerate(pages) if page is None]
    for i in redo:
        if not jobs[i].page:  # a kept document: rendered from what its last build kept, or built again
            waiting = reuse.waiting_page(done[i].inputs)
            if waiting is None:
                reuse.forget(done[i].source)
                again = next(iter(workers.map(check_and_transform, [sources[done[i].source]])))
                reuse.built(again)
                waiting = again.page
            jobs[i] = replace(jobs[i], page=waiting)
    for outcome in done:
        outcome.page = b""  # the job has it now
    progress.start("writing pages", len(redo))
    for i, (page, seconds, cached) in zip(redo, workers.map(render_page, [jobs[i] for i in redo]), strict=True):
        pages[i] = page
        reuse.rendered_page(page, inputs[i], cached)
        timings.add(seconds)
        progress.advance()
    return [page for page in pages if page is not None], [replace(job, page=b"") for job in jobs]


def _write_pages(staging: Staging, files: dict[str, bytes]) -> None:
    for path in sorted(files):
        staging.write(path, files[path], _owner(path))


def _config_key_locator(edition: Edition, table: str) -> Callable[[str], tuple[int, int]]:
    """Where a key of one of edition.toml's tables is written, for a warning found after loading
    (a [parallel] id that names no document); read only when the table has keys."""
    if not getattr(edition.config, table):
        return lambda key: (1, 1)
    try:
        lines = KeyLines(edition.folder.read_text(CONFIG_FILE))
    except (OSError, EditionError):
        return lambda key: (1, 1)
    return lambda key: lines.of(table, key)
