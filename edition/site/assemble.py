"""The pages across documents — home, persons, glossary, search, changes, moved
documents, the editor's pages — and the site's static files.

They are made from small per-document summaries, never from whole documents,
so memory does not grow with the size of the texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from edition.anchors.changes import DocumentChanges, changes
from edition.anchors.ledger import ANCHORS_DIR, load_ledger
from edition.core.diagnostics import Diagnostic, error
from edition.core.folder import EditionFolder
from edition.core.outputs import BEACON, REGISTER_JSON, REGISTER_TEI, DocumentFiles, entity_page, register_index
from edition.core.resources import data_dir
from edition.project.edition import TEMPLATES_DIR, Edition
from edition.project.markdown import render_markdown
from edition.site.entities import Entities, edition_entities
from edition.site.entityexport import beacon, registers_json, registers_tei
from edition.site.entitypages import entity_page_groups, facet_entities
from edition.site.indexes import Summary, glossary
from edition.site.pagegroups import PageGroup
from edition.site.render import Renderer, safe
from edition.tei.metadata import DocumentMeta


@dataclass(frozen=True)
class Moved:
    """A document that is gone: its old URL keeps every published anchor and sends readers on."""

    old: str
    new: str
    anchors: tuple[str, ...]


def moved_documents(edition: Edition, live: set[str]) -> tuple[list[Moved], list[Diagnostic]]:
    """Ledgers of documents that no longer have a source; those ever published need a `moved` entry."""
    moved, problems = [], []
    for path in edition.folder.entries(ANCHORS_DIR):
        doc_id = path.stem
        if path.suffix != ".json" or doc_id in live:
            continue
        published = tuple(load_ledger(edition.folder, doc_id).published)
        if not published:
            continue
        target = edition.config.moved.get(doc_id)
        if target not in live:
            problems.append(error(edition.folder.shown(path), 1, 1, "document-gone",
                                  f"document '{doc_id}' was published but has no source any more"
                                  + (f", and moved target '{target}' is not a document" if target else ""),
                                  f'restore it, or say where it went in edition.toml: [moved] "{doc_id}" = "new-id"'))
            continue
        moved.append(Moved(doc_id, target, published))
    return moved, problems


def edition_page_groups(edition: Edition, summaries: list[Summary], changed: list[list[DocumentChanges]],
                        moved: list[Moved], bundles: list[str], entities: Entities | None = None) -> list[PageGroup]:
    """The pages across documents, from the documents' summaries (in reading order), in groups
    that a rebuild makes again only when what they show changed: the home page (the documents'
    metadata), each register page, the registers' downloads, the glossary, search, changes and
    moved pages, and the pages that show no document at all."""
    renderer = Renderer(edition)
    metas = [s.meta for s in summaries]
    if entities is None:
        entities = edition_entities(edition.register, summaries, {})

    def render_register(template: str, path: str, **context: Any) -> bytes:
        return renderer.render(template, "../" * path.count("/"), current="persons", entity_page=entity_page,
                               register_index=register_index, **context)

    def home() -> dict[str, bytes]:
        return {"index.html": renderer.render("index.html", "", current="index", documents=metas,
                                              introduction=safe(edition.introduction))}

    def glossary_page() -> dict[str, bytes]:
        terms = glossary(summaries, edition.register.terms)
        for term in terms:
            term.note = safe(render_markdown(term.note)) if term.note else ""
        return {"glossary.html": renderer.render("glossary.html", "", current="glossary", entries=terms)}

    def search_page() -> dict[str, bytes]:
        return {"search.html": renderer.render("search.html", "", current="search", bundles=bundles,
                                               facets=search_facets(metas, facet_entities(entities, summaries)))}

    def changes_page() -> dict[str, bytes]:
        return {"changes.html": renderer.render("changes.html", "", current="changes",
                                                releases=changes(list(edition.releases), changed))}

    def moved_pages() -> dict[str, bytes]:
        titles = {meta.id: meta for meta in metas}
        return {DocumentFiles(gone.old).page: renderer.render("moved.html", "../", current="moved", old=gone.old,
                                                              new=titles[gone.new], anchors=gone.anchors)
                for gone in moved}

    documents = tuple(meta.id for meta in metas)
    registers = entity_page_groups(entities, summaries, render_register, lambda text: safe(render_markdown(text)))
    with_terms = [s for s in summaries if s.terms]
    return [PageGroup("index.html", home, metadata_of=documents),
            *registers,
            # The registers' downloads: the JSON shows all an entity is, as its page's group names it
            # (names, speeches, words, mentions); the TEI its names, dates and keys; BEACON its authority ids.
            PageGroup(REGISTER_JSON, lambda: {REGISTER_JSON: registers_json(entities)},
                      includes=tuple(group.name for group in registers)),
            PageGroup(REGISTER_TEI, lambda: {REGISTER_TEI: registers_tei(entities, edition.config.title)}, values=[
                (e.kind, e.id, e.name, e.variants, e.birth, e.death, e.role, e.lat, e.long, e.authorities, e.keys)
                for e in entities.entities]),
            PageGroup(BEACON, lambda: {BEACON: beacon(entities, edition.config)},
                      values=[(e.kind, e.id, e.authorities) for e in entities.entities]),
            PageGroup("glossary.html", glossary_page, values=[(s.meta.id, s.terms) for s in with_terms],
                      metadata_of=tuple(s.meta.id for s in with_terms)),
            # The filters: who speaks and who is named in each document, by entity id and name.
            PageGroup("search.html", search_page, metadata_of=documents, values=(
                bundles, entities.speakers, entities.mentioned, [(e.id, e.kind, e.name) for e in entities.entities])),
            PageGroup("changes.html", changes_page, values=changed),
            PageGroup("moved", moved_pages, values=moved, metadata_of=tuple(gone.new for gone in moved)),
            PageGroup("edition", lambda: _pages_of_no_document(edition, renderer))]


def _pages_of_no_document(edition: Edition, renderer: Renderer) -> dict[str, bytes]:
    """The editor's pages, the static files and the schema: made from the environment alone."""
    files = {page.url: renderer.render("page.html", "../", current=page.url,
                                       page={"title": page.title, "html": safe(page.html)})
             for page in edition.pages}
    files.update(static_files(edition))
    files.update(schema_files())
    return files


def search_facets(metas: list[DocumentMeta], named: dict[str, dict[str, list[dict[str, str]]]]) -> dict[str, Any]:
    """What the search page filters by — who speaks, who and what is named (one entry per entity,
    from the registers), the document type and the year — and which document has which. A
    filter's values are ids, never spellings of a name; the choices pair each id with its label."""
    labels: dict[str, str] = {}
    documents = []
    for meta in metas:
        entities = named.get(meta.url, {})
        document: dict[str, Any] = {"url": meta.url, "title": meta.title,
                                    "type": [meta.document_type] if meta.document_type else [],
                                    "year": [meta.date_when[:4]] if meta.date_when else []}
        for facet, kind in _ENTITY_FACETS:
            document[facet] = [entity["id"] for entity in entities.get(kind, [])]
            labels.update((entity["id"], entity["name"]) for entity in entities.get(kind, []))
        documents.append(document)
    choices = [(name, label, sorted({(value, labels.get(value, value)) for d in documents for value in d[name]},
                                    key=lambda choice: (choice[1].casefold(), choice[0])))
               for name, label in _FACET_LABELS]
    return {"documents": documents, "choices": [choice for choice in choices if choice[2]]}


_ENTITY_FACETS = (("speaker", "speakers"), ("person", "persons"), ("place", "places"), ("org", "orgs"))
_FACET_LABELS = (("speaker", "Speaker"), ("person", "Person named"), ("place", "Place"),
                 ("org", "Organisation"), ("type", "Type"), ("year", "Year"))


def schema_files() -> dict[str, bytes]:
    """The edition's schema beside the TEI it describes, for readers who validate what they download."""
    folder = data_dir("schema")
    return {f"schema/{name}": (folder / name).read_bytes() for name in ("edition.rnc", "edition.rng", "edition.sch")}


def static_files(edition: Edition) -> dict[str, bytes]:
    """Bundled static assets, overridden file by file by the edition's templates/static/."""
    files: dict[str, bytes] = {}
    bundled = data_dir("templates") / "static"
    for path in sorted(bundled.rglob("*")):
        if path.is_file():
            files["static/" + path.relative_to(bundled).as_posix()] = path.read_bytes()
    files.update(_own_static_files(edition.folder, f"{TEMPLATES_DIR}/static", "static"))
    return files


def _own_static_files(folder: EditionFolder, relative: str, prefix: str) -> dict[str, bytes]:
    """The edition's static files, through the resolver: a link leaving the edition is an error."""
    files: dict[str, bytes] = {}
    for path in folder.entries(relative):
        name = f"{prefix}/{path.name}"
        if folder.is_dir(path):
            files.update(_own_static_files(folder, path.as_posix(), name))
        else:
            files[name] = folder.read_bytes(path)
    return files
