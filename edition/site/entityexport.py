"""The merged registers for reuse: TEI (listPerson, listPlace, listOrg), JSON, and a BEACON file.

The TEI and JSON carry every key an entry was merged from (`scope#id`, authority ids), so
whoever reuses them can see the evidence; BEACON (https://gbv.github.io/beaconspec/) lists
the authority ids the edition has a page for, so other sites can link here.
"""

from __future__ import annotations

import json

from lxml import etree

from edition.core.outputs import entity_page
from edition.project.config import Config
from edition.site.entities import Entities, Entity
from edition.tei.xml import NSMAP, XML_ID

_TEI = NSMAP["tei"]
_LISTS = {"person": ("listPerson", "person", "persName"), "place": ("listPlace", "place", "placeName"),
          "org": ("listOrg", "org", "orgName")}


def _sub(parent: etree._Element, name: str, text: str = "", **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{_TEI}}}{name}", {k: v for k, v in attributes.items() if v})
    element.text = text or None
    return element


def registers_tei(entities: Entities, title: str) -> bytes:
    root = etree.Element(f"{{{_TEI}}}TEI", nsmap={None: _TEI})
    header = _sub(root, "teiHeader")
    description = _sub(header, "fileDesc")
    _sub(_sub(description, "titleStmt"), "title", f"Registers of {title}")
    _sub(_sub(description, "publicationStmt"), "p", "Generated from the edition's registers and documents.")
    _sub(_sub(description, "sourceDesc"), "p", "Merged from persons.toml, places.toml, orgs.toml and the TEI "
                                               "documents; each entry's idno type='key' are the ids merged.")
    back = _sub(_sub(root, "text"), "back")
    for kind, (list_name, entry_name, name_element) in _LISTS.items():
        listed = entities.of_kind(kind)
        if not listed:
            continue
        register = _sub(back, list_name)
        for entity in listed:
            entry = _sub(register, entry_name, **{XML_ID: entity.id})
            _sub(entry, name_element, entity.name)
            for variant in entity.variants:
                _sub(entry, name_element, variant, type="variant")
            if entity.birth:
                _sub(entry, "birth", entity.birth)
            if entity.death:
                _sub(entry, "death", entity.death)
            if entity.role:
                _sub(entry, "occupation" if kind == "person" else "desc", entity.role)
            if entity.lat is not None:
                _sub(_sub(entry, "location"), "geo", f"{entity.lat} {entity.long}")
            for name, _, url in entity.authority_links:
                _sub(entry, "idno", url, type=name)
            for key in entity.keys:
                if "#" in key:
                    _sub(entry, "idno", key, type="key")
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def _as_json(entity: Entity) -> dict[str, object]:
    return {
        "id": entity.id, "kind": entity.kind, "name": entity.name, "variants": entity.variants,
        "role": entity.role, "birth": entity.birth, "death": entity.death,
        "coordinates": [entity.lat, entity.long] if entity.lat is not None else None,
        "authorities": dict(sorted(entity.authorities.items())), "keys": entity.keys,
        "page": entity_page(entity.kind, entity.id),
        "speeches": {doc: len(speeches) for doc, speeches in entity.speeches.items()},
        "words": entity.words, "mentions": {doc: len(anchors) for doc, anchors in entity.mentions.items()},
    }


def registers_json(entities: Entities) -> bytes:
    data = {"entities": [_as_json(entity) for entity in entities.entities]}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


_BEACON_TARGETS = {"gnd": "https://d-nb.info/gnd/{ID}", "viaf": "https://viaf.org/viaf/{ID}",
                   "wikidata": "http://www.wikidata.org/entity/{ID}", "geonames": "https://sws.geonames.org/{ID}/"}


def beacon(entities: Entities, config: Config) -> bytes:
    """BEACON of the authority ids, one line per id: `prefix id || target page`; GND first when there are several."""
    base = config.base_url.rstrip("/") + "/" if config.base_url else ""
    lines = ["#FORMAT: BEACON", f"#NAME: {config.title}", "#RELATION: http://www.w3.org/2000/01/rdf-schema#seeAlso"]
    if base:
        lines.append(f"#TARGET: {base}{{+ID}}")
    rows = []
    for entity in entities.entities:
        for name, value in sorted(entity.authorities.items()):
            if name in _BEACON_TARGETS:
                rows.append(f"{_BEACON_TARGETS[name].replace('{ID}', value)}||{entity_page(entity.kind, entity.id)}")
    lines += sorted(set(rows))
    return ("\n".join(lines) + "\n").encode("utf-8")
