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

import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import lxml.html
from lxml import etree

from edition.anchors.changes import DocumentChanges, document_changes
from edition.anchors.ledger import unknown_releases
from edition.anchors.tombstones import keep_published_anchors
from edition.build.cache import BuildCache
from edition.build.crossdoc import Declaration, declarations
from edition.build.inputs import document_inputs
from edition.build.prepare import NO_CACHE, Prepared, encode_options, prepare
from edition.build.timings import Timings
from edition.core.diagnostics import Diagnostic, EditionError, has_errors
from edition.core.folder import EditionFolder
from edition.core.outputs import DocumentFiles
from edition.project.edition import Edition
from edition.project.notes import Note, read_notes
from edition.project.sources import Source, read_source_bytes
from edition.site.cite import Citable, bibtex, citations, csl_json, json_ld, meta_tags, ris
from edition.site.entitylinks import link_entities
from edition.site.formulas import convert_formulas, tex_formula_finder
from edition.site.indexes import Summary, summarise
from edition.site.pageimages import publish_images
from edition.site.render import Renderer, safe
from edition.site.search import Page, search_digest, search_names
from edition.site.transform import Transformer
from edition.site.writer import write_file
from edition.tei.coverage import unhandled
from edition.tei.entities import pointer_key
from edition.tei.metadata import DocumentMeta
from edition.tei.plaintext import to_text
from edition.tei.validate import Locate, Validator
from edition.tei.xml import serialize


@dataclass(frozen=True)
class Shared:
    """What every worker needs, sent to each process once."""

    edition: Edition
    site: Path  # the staging folder the files go into
    previous: Path | None  # the site it replaces: unchanged files are linked, not written
    cache_secret: bytes = b""  # signs cache entries; empty: no cache
    strict: bool = False
    environment: str = ""  # what every output shares (build/inputs.py); empty: nothing is recorded for a rebuild


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
    images: dict[str, str] = field(default_factory=dict)  # site path → image in the edition, copied by the build
    derived: dict[str, str] = field(default_factory=dict)  # smaller copies of images, written by the worker
    inputs: str = ""  # the digest of what it was made from (build/inputs.py); empty: made again on every build
    cached: list[str] = field(default_factory=list)  # the cache entries it was made with (kept while it is)


@dataclass(frozen=True)
class PageJob:
    meta: DocumentMeta
    previous: DocumentMeta | None
    following: DocumentMeta | None
    page: bytes
    scope: str = ""  # where the document's ids live, and the entries its names link to (entitylinks.py)
    links: dict[str, dict[str, str]] = field(default_factory=dict)
    parallels: tuple[tuple[str, str, str], ...] = ()  # side-by-side pages: (path, other's title, relation)


class _Worker:
    def __init__(self, shared: Shared):
        self.shared = shared
        self.edition = shared.edition
        self.options = encode_options(self.edition.config, self.edition.register)
        self.validator = Validator(self.edition.register.ids)
        self.cache = BuildCache(self.edition, shared.cache_secret) if shared.cache_secret else NO_CACHE
        self.renderer = Renderer(self.edition)
        self.transformer: Transformer | None = None  # compiled on the first document the cache lacks

    def to_html(self, tei: bytes, document: Prepared) -> str:
        fragment = self.cache.fragment(document.cache_key) if document.cache_key else None
        if fragment is None:
            self.transformer = self.transformer or _compiled(self.edition, self.shared.environment)
            fragment = self.transformer.to_html(tei, document.meta.id)
            for key in document.cache_keys:  # the last is the one the next build reads (prepare.py)
                self.cache.store_fragment(key, fragment, needed=key == document.cache_keys[-1])
        return fragment


_worker: _Worker | None = None
# Compiled stylesheets, by the environment they were compiled in (which covers the stylesheets):
# `edition serve` builds again and again in one process, and compiling takes most of a second.
_TRANSFORMERS: dict[str, Transformer] = {}


def _compiled(edition: Edition, environment: str) -> Transformer:
    if not environment:
        return Transformer(edition)
    if environment not in _TRANSFORMERS:
        _TRANSFORMERS.clear()  # the environment changed: the old one will not come back soon
        _TRANSFORMERS[environment] = Transformer(edition)
    return _TRANSFORMERS[environment]


def start_worker(shared: Shared) -> None:
    global _worker
    _worker = _Worker(shared)


def _this_worker() -> _Worker:
    """The process's worker, made by start_worker before any document is handed to it."""
    if _worker is None:
        raise RuntimeError("start_worker was not called in this process")
    return _worker


def check_and_transform(source: Source) -> Outcome:
    timings = Timings()
    outcome = Outcome(source.name, [])
    try:
        _first_pass(source, outcome, timings)
    except EditionError as failure:
        outcome.diagnostics += failure.diagnostics
        outcome.summary = None
    outcome.seconds = dict(timings.seconds)
    outcome.cached = _this_worker().cache.take_used()
    return outcome


def _first_pass(source: Source, outcome: Outcome, timings: Timings) -> None:
    worker = _this_worker()
    shared = worker.shared
    document, outcome.diagnostics = prepare(source, worker.edition.folder, worker.options, worker.validator,
                                            timings, worker.cache, worker.edition.config.document_types)
    if document is None:
        return
    versions = {release.version for release in worker.edition.releases}
    outcome.diagnostics += unknown_releases(worker.edition.folder, document.ledger, versions)
    tree, meta = document.tree, document.meta
    with timings.stage("validate"):
        outcome.declarations = declarations(source.name, tree, document.locate, document.profile.pointer_severity)
    anchors = tree.getroot().xpath("//@xml:id")
    notes, problems = read_notes(worker.edition.folder, meta.id, set(anchors))
    outcome.diagnostics += problems
    if has_errors(outcome.diagnostics, shared.strict):
        return  # the build will fail: no need to write this document
    with timings.stage("transform"):
        tei = document.tei or serialize(tree)
        html = worker.to_html(tei, document)
        # After the cache: warnings are said on every build, and images are read from the folder as it is now.
        locate = _locator(document, worker.edition.folder)
        html, problems = convert_formulas(html, source.name, tex_formula_finder(tree, locate))
        images = publish_images(html, tree, source, worker.edition, meta, locate, worker.cache.computed,
                                shared.site, shared.previous)
        html = images.html
        outcome.diagnostics += problems + images.diagnostics
        outcome.images, outcome.derived = images.copies, images.derived
        notes = order_notes(notes, list(anchors))
        html = attach_note_markers(html, notes)
        html, lost = keep_published_anchors(html, document.ledger, meta.id)
    outcome.diagnostics += lost
    if lost:
        return
    with timings.stage("render"):
        _write_document_files(document, tei)
        outcome.page = zlib.compress(json.dumps({"html": html, "page_images": images.pane, "notes": [
            {"anchor": n.anchor, "title": n.title, "html": n.html} for n in notes]}).encode("utf-8"), 1)
        outcome.summary = summarise(meta, tree)
        outcome.changes = document_changes(list(worker.edition.releases), meta.id, meta.title, document.ledger)
        outcome.unhandled = unhandled(tree, worker.edition.stylesheet)
    # A document made from its own files alone (no XInclude, no image read from the folder) can be
    # kept by the next build while they are unchanged; its page is rendered from what it keeps here.
    if shared.environment and document.cache_keys and not outcome.images and not outcome.derived:
        outcome.inputs = document_inputs(shared.environment, source, worker.edition.folder,
                                         document.ledger_json or document.ledger.to_json())
        worker.cache.keep_waiting_page(outcome.inputs, outcome.page)


def _write_document_files(document: Prepared, tei: bytes) -> None:
    shared, meta = _this_worker().shared, document.meta
    citable = _citable(meta)
    files = DocumentFiles(meta.id)
    for path, data in {
        files.tei: tei,
        files.text: _plain_text(meta, document.tree),
        files.bibtex: bibtex(citable).encode("utf-8"),
        files.ris: ris(citable).encode("utf-8"),
        files.csl_json: csl_json(citable).encode("utf-8"),
        files.ledger: document.ledger_json or document.ledger.to_json(),
    }.items():
        write_file(shared.site, path, data, shared.previous)


def render_page(job: PageJob) -> tuple[Page, dict[str, float], list[str]]:
    """Write the document's page; returns it (for the search index), the time taken and the cache
    entries it was made with."""
    timings = Timings()
    with timings.stage("render"):
        shared, meta = _this_worker().shared, job.meta
        waiting = json.loads(zlib.decompress(job.page))
        citable = _citable(meta)
        page = _this_worker().renderer.render(
            "document.html", "../", current="document", doc=meta,
            text=safe(link_entities(waiting["html"], job.scope, job.links)), notes=[
                {"anchor": n["anchor"], "title": n["title"], "html": safe(n["html"])} for n in waiting["notes"]],
            previous=job.previous, following=job.following, citations=_citations(citable), citable=citable,
            parallels=job.parallels,
            meta_tags=meta_tags(citable), json_ld=json_ld(citable), page_images=waiting["page_images"],
            search_names=search_names(meta, _this_worker().edition.register),
            person_pages={person.id: job.links.get(pointer_key(f"#{person.id}", job.scope), {}).get("url", "")
                          for person in meta.persons},
        )
        path = DocumentFiles(meta.id).page
        write_file(shared.site, path, page, shared.previous)
    return Page(path, len(page), search_digest(page)), dict(timings.seconds), _this_worker().cache.take_used()


def _citations(citable: Citable) -> list[dict[str, str]]:
    """The page's citations: rendered by the CSL processor (tens of milliseconds a document), or
    as the cache kept them for the same record."""
    record = csl_json(citable).encode("utf-8")
    rendered = _this_worker().cache.computed("citations", record,
                                             lambda: json.dumps(citations(citable)).encode("utf-8"))
    found: list[dict[str, str]] = json.loads(rendered)
    return found


def _citable(meta: DocumentMeta) -> Citable:
    edition = _this_worker().edition
    return Citable(edition.config, meta, edition.release.version, edition.release.date[:4])


def _plain_text(meta: DocumentMeta, tree: etree._ElementTree) -> bytes:
    heading = "\n".join(line for line in (meta.title, meta.date_text or meta.date_when) if line)
    return (heading + "\n\n" + to_text(tree)).encode("utf-8")


def _locator(document: Prepared, folder: EditionFolder) -> Locate:
    """Where an element is in the source. A cache hit keeps no positions (its locate says 1:1), so
    there the element's @url, @facs or text is looked for in the source file, read when needed."""
    text: list[str] = []

    def locate(element: etree._Element) -> tuple[int, int]:
        line, col = document.locate(element)
        if (line, col) != (1, 1):
            return line, col
        if not text:
            try:
                text.append(read_source_bytes(document.source, folder).decode("utf-8", "replace"))
            except EditionError:
                text.append("")
        needle = element.get("url") or element.get("facs") or "".join(element.itertext()).strip()
        # as written in the file: the text (or attribute) with its markup characters escaped
        offsets = [text[0].find(form) for form in {needle, xml_escape(needle), xml_escape(needle, {'"': "&quot;"})}
                   if needle]
        offset = min((found for found in offsets if found >= 0), default=-1)
        if offset < 0:
            return 1, 1
        return text[0].count("\n", 0, offset) + 1, offset - (text[0].rfind("\n", 0, offset) + 1) + 1
    return locate


def attach_note_markers(html: str, notes: list[Note]) -> str:
    """A numbered marker at the end of each annotated element, linking to its note (and back)."""
    if not notes:
        return html
    fragment = lxml.html.fragment_fromstring(html)
    by_id: dict[str, lxml.html.HtmlElement] = {}  # one pass, not a search per note: 10,000 notes stay linear
    for element in fragment.iter():
        if (anchor := element.get("id")) is not None:
            by_id.setdefault(anchor, element)
    for number, note in enumerate(notes, start=1):
        if (target := by_id.get(note.anchor)) is None:
            continue
        marker = lxml.html.Element("a", {"class": "note-ref", "id": f"note-ref-{note.anchor}",
                                         "href": f"#note-{note.anchor}", "aria-label": f"Note {number}"})
        sup = lxml.html.Element("sup")
        sup.text = str(number)
        marker.append(sup)
        target.append(marker)
    return str(lxml.html.tostring(fragment, encoding="unicode", method="html"))


def order_notes(notes: list[Note], document_order: list[str]) -> list[Note]:
    """Number notes in the order of their anchors in the text."""
    position = {anchor: index for index, anchor in enumerate(document_order)}
    return sorted(notes, key=lambda n: (position.get(n.anchor, len(position)), n.line))
