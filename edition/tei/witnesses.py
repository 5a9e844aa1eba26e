"""The witnesses a critical text declares (listWit/witness), for the page's metadata.

An apparatus names witnesses by siglum (`rdg wit="#B"`); a reader needs to know
what B is. The list is read from every `listWit` of the document (in
`sourceDesc` as the Guidelines put it, but also elsewhere in the header or in
`back`), in document order, each witness once. Its siglum is its `@n`, else its
`xml:id` — the same rule xslt/apparatus.xsl uses for the sigla of the apparatus.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from edition.tei.xml import XML_ID, xpath

# characters: a long description is cut (the TEI has it whole); xslt/apparatus.xsl cuts a siglum's title alike
_DESCRIPTION_LIMIT = 300


@dataclass(frozen=True)
class Witness:
    siglum: str  # as the apparatus shows it
    id: str  # the xml:id @wit points at; "" when it has none
    description: str  # the witness's words without its siglum; a msDesc by its identifier


def read_witnesses(root: etree._Element) -> tuple[Witness, ...]:
    found: list[Witness] = []
    seen: set[int] = set()
    for witness in xpath(root, "tei:teiHeader//tei:listWit//tei:witness | tei:text/tei:back//tei:listWit//tei:witness"
                               " | tei:standOff//tei:listWit//tei:witness"):
        if id(witness) in seen:
            continue
        seen.add(id(witness))
        xml_id = witness.get(XML_ID, "").strip()
        siglum = " ".join((witness.get("n") or "").split()) or xml_id
        description = _description(witness)
        if siglum or description:
            found.append(Witness(siglum=siglum, id=xml_id, description=description))
    return tuple(found)


def _description(witness: etree._Element) -> str:
    """Its own words (not the siglum abbr, not a nested msDesc), then the msDesc's place, library and shelfmark."""
    words = "".join(text for text in xpath(witness, ".//text()[not(ancestor::tei:abbr[@type = 'siglum'])"
                                                   " and not(ancestor::tei:msDesc)]"))
    identifiers = [" ".join("".join(part.itertext()).split())
                   for part in xpath(witness, "tei:msDesc/tei:msIdentifier/*")]
    description = " ".join((" ".join(words.split()), ", ".join(i for i in identifiers if i))).strip()
    return description if len(description) <= _DESCRIPTION_LIMIT else description[:_DESCRIPTION_LIMIT - 1] + "…"

