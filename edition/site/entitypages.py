"""The register pages: an index per kind of entity, a page per entity, and the links into them.

No page grows with the edition: an entity's speeches and mentions are on its own page, and
an index longer than `LETTERS_FROM` entries is cut into one page per initial letter (the
37 DraCor plays stay far below 300 KB a page).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from edition.core.outputs import DocumentFiles, entity_page, register_index
from edition.site.entities import Entities, Entity, sort_name
from edition.site.entitylinks import card
from edition.site.indexes import Summary, speakers_of
from edition.site.pagegroups import PageGroup
from edition.tei.metadata import DocumentMeta

LETTERS_FROM = 400  # entries: a longer index is one page per letter
KIND_WORDS = {"person": ("Persons", "person"), "place": ("Places", "place"), "org": ("Organisations", "organisation")}


@dataclass(frozen=True)
class Appearance:
    """One document in an entity's page: its speeches there and how often it names the entity."""

    meta: DocumentMeta
    speeches: list[Any]
    words: int
    mentions: list[str]


def letter_of(entity: Entity) -> str:
    first = sort_name(entity.name)[:1]
    return first if first.isascii() and first.isalpha() else "other"


def map_link(entity: Entity) -> str:
    """An outbound link to the place on OpenStreetMap: a link the reader follows, no tiles fetched."""
    if entity.lat is None or entity.long is None:
        return ""
    return f"https://www.openstreetmap.org/?mlat={entity.lat}&mlon={entity.long}#map=12/{entity.lat}/{entity.long}"


def entity_page_groups(entities: Entities, summaries: list[Summary], render: Callable[..., bytes],
                       markdown: Callable[[str], str]) -> list[PageGroup]:
    """Every register page, each made on its own; `render(template, path, **context)` renders a
    page at `path`. An entity's page shows the entity and the metadata of the documents it
    appears in (in reading order), and nothing of any other; an index, what its entries' show."""
    metas = {s.meta.id: s.meta for s in summaries}
    order = {doc: number for number, doc in enumerate(metas)}
    groups = []
    for kind, (plural, singular) in KIND_WORDS.items():
        listed = entities.of_kind(kind)
        if not listed and kind != "person":
            continue
        for entity in listed:
            # Its documents in reading order, found from the entity (not by asking every document of every entity).
            documents = sorted({*entity.speeches, *entity.mentions} & order.keys(), key=order.__getitem__)
            path = entity_page(kind, entity.id)
            groups.append(PageGroup(path, partial(_entity_page, render, markdown, path, entity, singular, plural,
                                                  [metas[doc] for doc in documents]),
                                    values=entity, metadata_of=tuple(documents)))
        groups += _index_groups(kind, plural, listed, entities, render)
    return groups


def _index_groups(kind: str, plural: str, listed: list[Entity], entities: Entities,
                  render: Callable[..., bytes]) -> list[PageGroup]:
    """A kind's index: one page, or one per initial letter beside a page of letters."""
    by_letter: dict[str, list[Entity]] = {}
    if len(listed) > LETTERS_FROM:
        for entity in listed:  # (each name folded once: per letter and entity took 0.47 s for DraCor's 1,433)
            by_letter.setdefault(letter_of(entity), []).append(entity)
    letters = sorted(by_letter)
    others = [(KIND_WORDS[k][0], register_index(k)) for k in KIND_WORDS if k != kind and entities.of_kind(k)]
    shown = {"kind": kind, "plural": plural, "letters": letters, "others": others}
    if not letters:
        return [_index_group(render, register_index(kind), shown, listed, "")]
    return [_index_group(render, register_index(kind), shown, [], ""),
            *(_index_group(render, register_index(kind, letter), shown, by_letter[letter], letter)
              for letter in letters)]


def _index_group(render: Callable[..., bytes], path: str, shown: dict[str, Any], entries: list[Entity],
                 letter: str) -> PageGroup:
    # Made from what the entries' own pages are made from: an edition's register.html may show any of it.
    return PageGroup(path, lambda: {path: render("register.html", path, entries=entries, letter=letter, **shown)},
                     values=(shown, letter), includes=tuple(entity_page(e.kind, e.id) for e in entries))


def _entity_page(render: Callable[..., bytes], markdown: Callable[[str], str], path: str, entity: Entity,
                 singular: str, plural: str, metas: list[DocumentMeta]) -> dict[str, bytes]:
    appearances = [Appearance(meta, spoken, sum(s.words for s in spoken), entity.mentions.get(meta.id, []))
                   for meta in metas for spoken in [entity.speeches.get(meta.id, [])]]
    return {path: render("entity.html", path, entity=entity, singular=singular, plural=plural, appearances=appearances,
                         bio_html=markdown(entity.bio) if entity.bio else "", map_link=map_link(entity))}


def document_links(entities: Entities, summary: Summary,
                   cards: dict[str, dict[str, str]] | None = None) -> dict[str, dict[str, str]]:
    """The cards a document's page needs, keyed as its marked names point (entitylinks.py);
    `cards` keeps each entity's card for the next document (by entity id)."""
    found = summary.entities
    if found is None:
        return {}
    cards = {} if cards is None else cards
    keys = {m.key for m in found.mentions} | {k for m in found.mentions for k in m.evidence}
    keys |= {f"{found.scope}#{person}" for person in speakers_of(summary.speeches)}
    links = {}
    for key in keys:
        if (entity := entities.by_key.get(key)) is not None:
            links[key] = _card(entity, cards)
    for label, entity_id in entities.labels.get(summary.meta.id, {}).items():
        if (entity := entities.get(entity_id)) is not None:
            links[f"label:{label}"] = _card(entity, cards)
    return links


def _card(entity: Entity, cards: dict[str, dict[str, str]]) -> dict[str, str]:
    found = cards.get(entity.id)
    if found is None:
        found = cards[entity.id] = card("../" + entity_page(entity.kind, entity.id), entity.name, entity.dates,
                                        entity.summary)
    return found


def facet_entities(entities: Entities, summaries: list[Summary]) -> dict[str, dict[str, list[dict[str, str]]]]:
    """Per document (by URL): the canonical persons who speak, and the persons, places and
    organisations it mentions, as {id, name} — one entry per entity, for the search filters."""
    def named(ids: list[str], kind: str | None = None) -> list[dict[str, str]]:
        chosen = [entities.get(i) for i in ids]
        return [{"id": e.id, "name": e.name} for e in chosen if e is not None and (kind is None or e.kind == kind)]
    return {DocumentFiles(s.meta.id).page: {
        "speakers": named(entities.speakers.get(s.meta.id, [])),
        "persons": named(entities.mentioned.get(s.meta.id, []), "person"),
        "places": named(entities.mentioned.get(s.meta.id, []), "place"),
        "orgs": named(entities.mentioned.get(s.meta.id, []), "org"),
    } for s in summaries}
