"""Phase 2: every file of the site, in memory — pages, downloads, exports.

Input: the validated documents (phase 1). Output: {relative path: bytes} for
the writer. Document pages are rendered one at a time; the cross-document
pages (persons, glossary) use small per-document summaries.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import lxml.html

from edition.cache import BuildCache
from edition.changes import changes
from edition.cite import Citable, bibtex, chicago, csl_json, json_ld, meta_tags, ris
from edition.config import Config
from edition.diagnostics import Diagnostic, EditionError, error
from edition.downloads import zip_files
from edition.indexes import Summary, glossary, persons_index, summarise
from edition.ledger import ANCHORS_DIR, Ledger, load_ledger
from edition.markup import render_markdown
from edition.metadata import DocumentMeta
from edition.notes import Note
from edition.pages import read_pages
from edition.plaintext import to_text
from edition.progress import SILENT, Progress
from edition.register import Register
from edition.release import Release, load_releases
from edition.render import Renderer, safe
from edition.resources import data_dir
from edition.tei import serialize
from edition.timings import NO_TIMINGS, Timings
from edition.tombstones import keep_published_anchors
from edition.transform import Transformer, edition_stylesheet


@dataclass
class Ready:
    """A validated document with what its page needs."""

    meta: DocumentMeta
    tree: object  # lxml ElementTree
    notes: list[Note]
    ledger: Ledger
    cache_key: str = ""
    tei: bytes | None = None  # the serialised tree, when phase 1 made it already
    ledger_json: bytes | None = None


@dataclass(frozen=True)
class Moved:
    """A document that is gone: its old URL keeps every published anchor and sends readers on."""

    old: str
    new: str
    anchors: tuple[str, ...]


def moved_documents(edition_dir: Path, config: Config, live: set[str]) -> tuple[list[Moved], list[Diagnostic]]:
    """Ledgers of documents that no longer have a source; those ever published need a `moved` entry."""
    folder = edition_dir / ANCHORS_DIR
    moved, problems = [], []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        doc_id = path.stem
        if doc_id in live:
            continue
        published = tuple(load_ledger(edition_dir, doc_id).published)
        if not published:
            continue
        target = config.moved.get(doc_id)
        if target not in live:
            problems.append(error(str(path), 1, 1, "document-gone",
                                  f"document '{doc_id}' was published but has no source any more"
                                  + (f", and moved target '{target}' is not a document" if target else ""),
                                  f'restore it, or say where it went in edition.toml: [moved] "{doc_id}" = "new-id"'))
            continue
        moved.append(Moved(doc_id, target, published))
    return moved, problems


TEI_ZIP = "edition-tei.zip"
NO_RELEASE = Release()


def assemble(config: Config, edition_dir: Path, documents: list[Ready], register: Register,
             moved: list[Moved] = (), release: Release = NO_RELEASE,
             timings: Timings = NO_TIMINGS, progress: Progress = SILENT,
             cache: BuildCache | None = None) -> dict[str, bytes]:
    introduction, pages = read_pages(edition_dir)
    transformer = None  # compiled on the first document the cache does not have
    renderer = Renderer(config, edition_dir, pages=pages, release=release, tei_zip=TEI_ZIP)
    files: dict[str, bytes] = {}
    summaries: list[Summary] = []
    metas = [d.meta for d in documents]
    tei_files: dict[str, bytes] = {}
    problems: list[Diagnostic] = []
    progress.start("writing pages", len(documents))
    for index, document in enumerate(documents):
        progress.advance()
        with timings.stage("transform"):
            tei = document.tei or serialize(document.tree)
            fragment = cache.fragment(document.cache_key) if cache and document.cache_key else None
            if fragment is None:
                transformer = transformer or Transformer(edition_stylesheet(edition_dir))
                fragment = transformer.to_html(tei, document.meta.id)
                if cache and document.cache_key:
                    cache.store_fragment(document.cache_key, fragment)
            html = attach_note_markers(fragment, document.notes)
            html, lost = keep_published_anchors(html, document.ledger, document.meta.id)
            problems += lost
        with timings.stage("render"):
            previous = metas[index - 1] if index else None
            following = metas[index + 1] if index + 1 < len(metas) else None
            files.update(_document_files(renderer, config, document, html, tei, release, previous, following))
            summaries.append(summarise(document.meta, document.tree))
        tei_files[f"{document.meta.id}.xml"] = tei
        files[f"anchors/{document.meta.id}.json"] = document.ledger_json or document.ledger.to_json()
    if problems:
        raise EditionError(problems)
    with timings.stage("render"):
        files["index.html"] = renderer.render("index.html", "", current="index", documents=metas,
                                              introduction=safe(introduction))
        persons = persons_index(summaries, register, render_markdown)
        for person in persons:
            person.bio_html = safe(person.bio_html)
        files["persons.html"] = renderer.render("persons.html", "", current="persons", persons=persons)
        files["glossary.html"] = renderer.render("glossary.html", "", current="glossary", entries=glossary(summaries))
        files["search.html"] = renderer.render("search.html", "", current="search", facets=search_facets(metas))
        files["changes.html"] = renderer.render("changes.html", "", current="changes", releases=changes(
            load_releases(edition_dir), [(d.meta.id, d.meta.title, d.ledger) for d in documents]))
        titles = {d.meta.id: d.meta for d in documents}
        for gone in moved:
            files[f"documents/{gone.old}.html"] = renderer.render(
                "moved.html", "../", current="moved", old=gone.old, new=titles[gone.new], anchors=gone.anchors)
        for page in pages:
            files[page.url] = renderer.render("page.html", "../", current=page.url,
                                              page={"title": page.title, "html": safe(page.html)})
        files[f"downloads/{TEI_ZIP}"] = zip_files(tei_files)
        files.update(static_files(edition_dir))
        files.update(schema_files())
    return files


def _document_files(renderer: Renderer, config: Config, document: Ready, html: str, tei: bytes,
                    release: Release, previous, following) -> dict[str, bytes]:
    meta = document.meta
    citable = Citable(config, meta, release.version, release.date[:4])
    base = f"documents/{meta.id}"
    page = renderer.render(
        "document.html", "../", current="document", doc=meta, text=safe(html), notes=[
            {"anchor": n.anchor, "title": n.title, "html": safe(n.html)} for n in document.notes],
        previous=previous, following=following, citation=chicago(citable),
        cite_template=chicago(citable, paragraph="{paragraph}", anchor="{anchor}"),
        cite_url=citable.url, meta_tags=meta_tags(citable), json_ld=json_ld(citable),
    )
    return {
        f"{base}.html": page,
        f"{base}.xml": tei,
        f"{base}.txt": _plain_text(meta, document.tree),
        f"{base}.bib": bibtex(citable).encode("utf-8"),
        f"{base}.ris": ris(citable).encode("utf-8"),
        f"{base}.csl.json": csl_json(citable).encode("utf-8"),
    }


def search_facets(metas: list[DocumentMeta]) -> dict:
    """What the search page filters by: speaker, document type, year — and which document has which."""
    documents = [{"url": meta.url, "title": meta.title, "speaker": [p.name for p in meta.persons],
                  "type": [meta.document_type] if meta.document_type else [],
                  "year": [meta.date_when[:4]] if meta.date_when else []} for meta in metas]
    choices = [(name, label, sorted({value for d in documents for value in d[name]}))
               for name, label in (("speaker", "Speaker"), ("type", "Type"), ("year", "Year"))]
    return {"documents": documents, "choices": choices}


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


def schema_files() -> dict[str, bytes]:
    """The edition's schema beside the TEI it describes, for readers who validate what they download."""
    folder = data_dir("schema")
    return {f"schema/{name}": (folder / name).read_bytes() for name in ("edition.rnc", "edition.rng", "edition.sch")}


def static_files(edition_dir: Path) -> dict[str, bytes]:
    """Bundled static assets, overridden file by file by the edition's templates/static/."""
    files: dict[str, bytes] = {}
    for folder in (data_dir("templates") / "static", edition_dir / "templates" / "static"):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    files["static/" + path.relative_to(folder).as_posix()] = path.read_bytes()
    return files

