"""The register pages: an index per kind of entity, a page per entity, and the links into them.

No page grows with the edition: an entity's speeches and mentions are on its own page, and
an index longer than `LETTERS_FROM` entries is cut into one page per initial letter (the
37 DraCor plays stay far below 300 KB a page).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from edition.core.outputs import DocumentFiles, entity_page, register_index
from edition.site.entities import Entities, Entity, sort_name
from edition.site.entitylinks import card
from edition.site.indexes import Summary
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


def entity_pages(entities: Entities, summaries: list[Summary], render: Callable[..., bytes],
                 markdown: Callable[[str], str]) -> dict[str, bytes]:
    """Every register page; `render(template, path, **context)` renders a page at `path`."""
    metas = {s.meta.id: s.meta for s in summaries}
    files: dict[str, bytes] = {}
    for kind, (plural, singular) in KIND_WORDS.items():
        listed = entities.of_kind(kind)
        if not listed and kind != "person":
            continue
        letters = sorted({letter_of(e) for e in listed}) if len(listed) > LETTERS_FROM else []
        others = [(KIND_WORDS[k][0], register_index(k)) for k in KIND_WORDS if k != kind and entities.of_kind(k)]
        if letters:
            files[register_index(kind)] = render("register.html", register_index(kind), kind=kind, plural=plural,
                                                 entries=[], letters=letters, letter="", others=others)
            for letter in letters:
                files[register_index(kind, letter)] = render(
                    "register.html", register_index(kind, letter), kind=kind, plural=plural, letters=letters,
                    letter=letter, others=others, entries=[e for e in listed if letter_of(e) == letter])
        else:
            files[register_index(kind)] = render("register.html", register_index(kind), kind=kind, plural=plural,
                                                 entries=listed, letters=[], letter="", others=others)
        for entity in listed:
            appearances = [Appearance(metas[doc], entity.speeches.get(doc, []),
                                      sum(s.words for s in entity.speeches.get(doc, [])), entity.mentions.get(doc, []))
                           for doc in metas if doc in entity.speeches or doc in entity.mentions]
            path = entity_page(kind, entity.id)
            files[path] = render("entity.html", path, entity=entity, singular=singular, plural=plural,
                                 appearances=appearances, bio_html=markdown(entity.bio) if entity.bio else "",
                                 map_link=map_link(entity))
    return files


def document_links(entities: Entities, summary: Summary) -> dict[str, dict[str, str]]:
    """The cards a document's page needs, keyed as its marked names point (entitylinks.py)."""
    found = summary.entities
    if found is None:
        return {}
    keys = {m.key for m in found.mentions} | {k for m in found.mentions for k in m.evidence}
    keys |= {f"{found.scope}#{person}" for speech in summary.speeches for person in speech.persons}
    links = {}
    for key in keys:
        if (entity := entities.by_key.get(key)) is not None:
            links[key] = _card(entity)
    for label, entity_id in entities.labels.get(summary.meta.id, {}).items():
        if (entity := entities.get(entity_id)) is not None:
            links[f"label:{label}"] = _card(entity)
    return links


def _card(entity: Entity) -> dict[str, str]:
    return card("../" + entity_page(entity.kind, entity.id), entity.name, entity.dates, entity.summary)


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
