"""One document from source to pages, in a worker process.

First pass (`check_and_transform`): phase 1 (read or encode, anchors,
validation, metadata), then the XSLT transform, note markers and tombstones,
and every file of the document except its page, written straight into the
staging site. The main process gets back a summary and, compressed, the
HTML the page still needs.

Second pass (`render_page`): once every document's date is known, the page
with its links to the previous and the next document.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

from edition.anchors.changes import DocumentChanges, document_changes
from edition.anchors.releases import Release, load_releases
from edition.anchors.tombstones import keep_published_anchors
from edition.build.cache import BuildCache
from edition.build.crossdoc import Declaration, declarations
from edition.build.prepare import NO_CACHE, Prepared, encode_options, prepare
from edition.build.timings import Timings
from edition.core.diagnostics import Diagnostic, EditionError, has_errors
from edition.core.resources import data_dir
from edition.project.config import Config
from edition.project.notes import Note, read_notes
from edition.project.pages import read_pages
from edition.project.register import Register
from edition.project.sources import Source
from edition.site.cite import Citable, bibtex, chicago, csl_json, json_ld, meta_tags, ris
from edition.site.downloads import TEI_ZIP
from edition.site.indexes import Summary, summarise
from edition.site.render import Renderer, safe
from edition.site.search import Page
from edition.site.transform import Transformer, edition_stylesheet
from edition.site.writer import write_file
from edition.tei.coverage import unhandled
from edition.tei.metadata import DocumentMeta
from edition.tei.plaintext import to_text
from edition.tei.validate import Validator
from edition.tei.xml import serialize


@dataclass(frozen=True)
class Shared:
    """What every worker needs, sent to each process once."""

    edition_dir: Path
    site: Path  # the staging folder the files go into
    previous: Path | None  # the site it replaces: unchanged files are linked, not written
    config: Config
    register: Register
    release: Release
    strict: bool = False
    incremental: bool = True


@dataclass
class Outcome:
    """What the main process keeps of a document: small, whatever the document's size."""

    source: str
    diagnostics: list[Diagnostic]
    summary: Summary | None = None  # None when the document failed
    declarations: list[Declaration] = field(default_factory=list)
    changes: list[DocumentChanges] = field(default_factory=list)
    unhandled: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    page: bytes = b""  # the text and notes of the page, as zlib-compressed JSON (about a quarter of the HTML)


@dataclass(frozen=True)
class PageJob:
    meta: DocumentMeta
    previous: DocumentMeta | None
    following: DocumentMeta | None
    page: bytes


class _Worker:
    def __init__(self, shared: Shared):
        self.shared = shared
        self.options = encode_options(shared.config)
        self.validator = Validator(shared.register.ids)
        self.cache = BuildCache(shared.edition_dir) if shared.incremental else NO_CACHE
        _, pages = read_pages(shared.edition_dir)
        self.renderer = Renderer(shared.config, shared.edition_dir, pages=pages, release=shared.release,
                                 tei_zip=TEI_ZIP)
        self.releases = load_releases(shared.edition_dir)
        self.transformer: Transformer | None = None  # compiled on the first document the cache lacks

    def to_html(self, tei: bytes, document: Prepared) -> str:
        fragment = self.cache.fragment(document.cache_key) if document.cache_key else None
        if fragment is None:
            self.transformer = self.transformer or Transformer(edition_stylesheet(self.shared.edition_dir))
            fragment = self.transformer.to_html(tei, document.meta.id)
            for key in document.cache_keys:
                self.cache.store_fragment(key, fragment)
        return fragment


_worker: _Worker | None = None


def start_worker(shared: Shared) -> None:
    global _worker
    _worker = _Worker(shared)


def check_and_transform(source: Source) -> Outcome:
    timings = Timings()
    outcome = Outcome(source.name, [])
    try:
        _first_pass(source, outcome, timings)
    except EditionError as failure:
        outcome.diagnostics += failure.diagnostics
        outcome.summary = None
    outcome.seconds = dict(timings.seconds)
    return outcome


def _first_pass(source: Source, outcome: Outcome, timings: Timings) -> None:
    worker, shared = _worker, _worker.shared
    document, outcome.diagnostics = prepare(source, worker.options, worker.validator, shared.edition_dir, timings,
                                            worker.cache)
    if document is None:
        return
    tree, meta = document.tree, document.meta
    with timings.stage("validate"):
        outcome.declarations = declarations(source.name, tree, document.locate, document.profile.pointer_severity)
    anchors = tree.getroot().xpath("//@xml:id")
    notes, problems = read_notes(shared.edition_dir, meta.id, set(anchors))
    outcome.diagnostics += problems
    if has_errors(outcome.diagnostics, shared.strict):
        return  # the build will fail: no need to write this document
    with timings.stage("transform"):
        tei = document.tei or serialize(tree)
        html = worker.to_html(tei, document)
        notes = order_notes(notes, list(anchors))
        html = attach_note_markers(html, notes)
        html, lost = keep_published_anchors(html, document.ledger, meta.id)
    outcome.diagnostics += lost
    if lost:
        return
    with timings.stage("render"):
        _write_document_files(document, tei)
        outcome.page = zlib.compress(json.dumps({"html": html, "notes": [
            {"anchor": n.anchor, "title": n.title, "html": n.html} for n in notes]}).encode("utf-8"), 1)
        outcome.summary = summarise(meta, tree)
        outcome.changes = document_changes(worker.releases, meta.id, meta.title, document.ledger)
        outcome.unhandled = unhandled(tree, data_dir("xslt"))


def _write_document_files(document: Prepared, tei: bytes) -> None:
    shared, meta = _worker.shared, document.meta
    citable = Citable(shared.config, meta, shared.release.version, shared.release.date[:4])
    base = f"documents/{meta.id}"
    for path, data in {
        f"{base}.xml": tei,
        f"{base}.txt": _plain_text(meta, document.tree),
        f"{base}.bib": bibtex(citable).encode("utf-8"),
        f"{base}.ris": ris(citable).encode("utf-8"),
        f"{base}.csl.json": csl_json(citable).encode("utf-8"),
        f"anchors/{meta.id}.json": document.ledger_json or document.ledger.to_json(),
    }.items():
        write_file(shared.site, path, data, shared.previous)


def render_page(job: PageJob) -> tuple[Page, dict[str, float]]:
    """Write the document's page; returns it (for the search index) and the time taken."""
    timings = Timings()
    with timings.stage("render"):
        shared, meta = _worker.shared, job.meta
        waiting = json.loads(zlib.decompress(job.page))
        citable = Citable(shared.config, meta, shared.release.version, shared.release.date[:4])
        page = _worker.renderer.render(
            "document.html", "../", current="document", doc=meta, text=safe(waiting["html"]), notes=[
                {"anchor": n["anchor"], "title": n["title"], "html": safe(n["html"])} for n in waiting["notes"]],
            previous=job.previous, following=job.following, citation=chicago(citable),
            cite_template=chicago(citable, paragraph="{paragraph}", anchor="{anchor}"),
            cite_url=citable.url, meta_tags=meta_tags(citable), json_ld=json_ld(citable),
        )
        path = f"documents/{meta.id}.html"
        write_file(shared.site, path, page, shared.previous)
    return Page(path, len(page), hashlib.sha256(page).hexdigest()), dict(timings.seconds)


def _plain_text(meta: DocumentMeta, tree) -> bytes:
    heading = "\n".join(line for line in (meta.title, meta.date_text or meta.date_when) if line)
    return (heading + "\n\n" + to_text(tree)).encode("utf-8")


def attach_note_markers(html: str, notes: list[Note]) -> str:
    """A numbered marker at the end of each annotated element, linking to its note (and back)."""
    if not notes:
        return html
    fragment = lxml.html.fragment_fromstring(html)
    for number, note in enumerate(notes, start=1):
        targets = fragment.xpath("//*[@id=$anchor]", anchor=note.anchor)
        if not targets:
            continue
        marker = lxml.html.Element("a", {"class": "note-ref", "id": f"note-ref-{note.anchor}",
                                         "href": f"#note-{note.anchor}", "aria-label": f"Note {number}"})
        sup = lxml.html.Element("sup")
        sup.text = str(number)
        marker.append(sup)
        targets[0].append(marker)
    return lxml.html.tostring(fragment, encoding="unicode", method="html")


def order_notes(notes: list[Note], document_order: list[str]) -> list[Note]:
    """Number notes in the order of their anchors in the text."""
    position = {anchor: index for index, anchor in enumerate(document_order)}
    return sorted(notes, key=lambda n: (position.get(n.anchor, len(position)), n.line))
