"""The persons, places and organisations one TEI document declares, names and lets speak.

A document's ids are its own: `#p_GMS_1` in a FRUS document means the person of that
volume's persons list, `#hamlet` in a play means that play's Hamlet. So every pointer is
read as a *key*, `scope#id`, whose scope is where the id was declared — the FRUS volume,
the document, or the register file a pointer names (`Personography.xml#Meir`) — and an
authority URI is read as its authority id (`gnd:118540238`). Which keys are one entity is
decided later, for the whole edition, on evidence only (edition/site/entities.py).

Nothing here knows the edition's register: this reads one tree and returns small values a
worker process can send back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import msgspec
from lxml import etree

from edition.tei.provenance import is_frus
from edition.tei.xml import XML_ID, text_of, xpath

_FRUS_VOLUME = re.compile(r"^(frus\d{4}(?:-\d{2,4})?v[\w-]+?)-(?:d\d+\w*|ch\d+|index|persons|terms)$")
# Authority records, by URI: the evidence two keys are one entity.
_AUTHORITIES = (
    ("wikidata", re.compile(r"wikidata\.org/(?:wiki|entity)/(Q\d+)")),
    ("viaf", re.compile(r"viaf\.org/viaf/(\d+)")),
    ("gnd", re.compile(r"d-nb\.info/gnd/([\dX-]+)")),
    ("geonames", re.compile(r"geonames\.org/(\d+)")),
    ("orcid", re.compile(r"orcid\.org/(\d{4}-\d{4}-\d{4}-\d{3}[\dX])")),
    ("lcnaf", re.compile(r"id\.loc\.gov/authorities/names/(n[a-z]?\d+)")),
)
AUTHORITY_URLS = {
    "wikidata": "https://www.wikidata.org/wiki/{}", "viaf": "https://viaf.org/viaf/{}",
    "gnd": "https://d-nb.info/gnd/{}", "geonames": "https://www.geonames.org/{}",
    "orcid": "https://orcid.org/{}", "lcnaf": "https://id.loc.gov/authorities/names/{}",
}
_NAME_ELEMENTS = {"persName": "person", "placeName": "place", "orgName": "org", "geogName": "place"}
# rs/@type and name/@type values, as the projects in use write them.
_TYPED = {"person": "person", "persName": "person", "people": "person", "place": "place", "placeName": "place",
          "country": "place", "settlement": "place", "city": "place", "region": "place", "org": "org",
          "orgName": "org", "organisation": "org", "organization": "org", "institution": "org"}
_ENTITY_ELEMENTS = {"person": "person", "personGrp": "person", "place": "place", "org": "org"}
_LABEL_MAX = 60  # the stylesheet's limit for an italic speaker label (xslt/speech.xsl)


class Declared(msgspec.Struct, frozen=True):
    """An entity as one document describes it (a person element, a castList role, a FRUS list entry)."""

    key: str
    kind: str
    names: tuple[str, ...]
    role: str = ""
    birth: str = ""
    death: str = ""
    note: str = ""
    authorities: tuple[str, ...] = ()  # 'wikidata:Q30487'
    lat: float | None = None
    long: float | None = None
    line: int = 0


@dataclass(frozen=True)
class Mention:
    """A name in the text that points at an entity."""

    key: str
    kind: str
    name: str
    anchor: str  # the nearest element with an id: the place in the page
    evidence: tuple[str, ...] = ()  # other keys the same name points at (an authority URI beside a local id)


@dataclass(frozen=True)
class Participant:
    """One entry of a FRUS-style participants list: who, as named, and the office beside the name."""

    key: str  # '' when the entry names no one the volume lists ('The President', 'Aleksandr Yakovlev')
    name: str
    office: str


@dataclass(frozen=True)
class Labelled:
    """A paragraph that opens with an italic speaker label ('The President:'), FRUS style."""

    label: str
    key: str  # the person the label itself points at (a persName inside it), else ''
    anchor: str
    words: int
    opening: str
    line: int


@dataclass(frozen=True)
class DocumentEntities:
    scope: str
    date: str  # the document's earliest day, to know who held an office
    declared: tuple[Declared, ...] = ()
    mentions: tuple[Mention, ...] = ()
    participants: tuple[Participant, ...] = ()
    labelled: tuple[Labelled, ...] = ()


def scope_of(doc_id: str, root: etree._Element) -> str:
    """Where the document's ids live: its FRUS volume (ids such as p_BA_1 are the volume's), else itself."""
    if is_frus(root):
        volume = text_of(next(iter(xpath(root, "tei:teiHeader//tei:sourceDesc/tei:bibl[@type='frus-volume-id']")),
                              None))
        if volume:
            return volume
        if match := _FRUS_VOLUME.match(doc_id):
            return match[1]
    return doc_id


def authority_key(uri: str) -> str:
    """'https://d-nb.info/gnd/118540238' → 'gnd:118540238'; '' for anything else."""
    for name, pattern in _AUTHORITIES:
        if match := pattern.search(uri):
            return f"{name}:{match[1]}"
    return ""


def pointer_key(token: str, scope: str) -> str:
    """One pointer as a key: '#x' → 'scope#x', 'file.xml#x' → 'file.xml#x', an authority URI → 'gnd:…'."""
    token = token.strip()
    if token.startswith("/http"):  # a slip seen in the wild: '/http://id.loc.gov/…'
        token = token[1:]
    if token.startswith(("http://", "https://")):
        return authority_key(token) or token
    if token.startswith("#"):
        return f"{scope}#{token[1:]}" if len(token) > 1 else ""
    if "#" in token:
        file, _, local = token.partition("#")
        return f"{file.rsplit('/', 1)[-1]}#{local}" if local else ""
    return f"{scope}#{token}" if token else ""


def _clean(text: str) -> str:
    return " ".join(text.split())


def _name(element: etree._Element) -> str:
    """A name's words, leaving out dates, ids and notes inside it."""
    parts = [element.text or ""]
    for child in element:
        if etree.QName(child).localname not in ("idno", "date", "note", "birth", "death"):
            parts.append(_name(child))
        parts.append(child.tail or "")
    return _clean(" ".join(parts))


def _declared_names(element: etree._Element) -> tuple[str, ...]:
    names = [_name(n) for n in xpath(element, "tei:persName | tei:placeName | tei:orgName | tei:name "
                                              "| tei:geogName | tei:settlement | tei:country")]
    names = [n for n in dict.fromkeys(names) if n]
    return tuple(names) or ((_name(element),) if _name(element) else ())


def _authorities(element: etree._Element) -> tuple[str, ...]:
    found = []
    for idno in xpath(element, "tei:idno | */tei:idno"):
        value, kind = _clean(text_of(idno)), (idno.get("type") or "").lower()
        key = authority_key(value) or (f"{kind}:{value}" if kind in AUTHORITY_URLS and value else "")
        found.append(key)
    for attribute in ("ref", "sameAs", "corresp", "key"):
        for node in (element, *xpath(element, "tei:persName | tei:placeName | tei:orgName")):
            found += [authority_key(t) for t in (node.get(attribute) or "").split()]
    return tuple(dict.fromkeys(k for k in found if k))


def _first_text(element: etree._Element, path: str) -> str:
    found = xpath(element, path)
    return _clean(text_of(found[0])) if found else ""


def _date(element: etree._Element, path: str) -> str:
    found = xpath(element, path)
    if not found:
        return ""
    date = found[0]
    return date.get("when") or date.get("notBefore") or date.get("from") or _clean(text_of(date))


def _coordinates(element: etree._Element) -> tuple[float | None, float | None]:
    geo = _first_text(element, "tei:location/tei:geo")
    numbers = re.findall(r"-?\d+(?:\.\d+)?", geo)
    if len(numbers) == 2:
        return float(numbers[0]), float(numbers[1])
    return None, None


def _declarations(root: etree._Element, scope: str) -> list[Declared]:
    found: list[Declared] = []
    for element in xpath(root, "//tei:person[@xml:id] | //tei:personGrp[@xml:id] | //tei:place[@xml:id] "
                               "| //tei:org[@xml:id]"):
        kind = _ENTITY_ELEMENTS[etree.QName(element).localname]
        lat, long = _coordinates(element) if kind == "place" else (None, None)
        found.append(Declared(
            f"{scope}#{element.get(XML_ID)}", kind, _declared_names(element),
            role=_first_text(element, "tei:occupation | tei:roleName | tei:state | tei:desc | tei:placeName/@type"),
            birth=_date(element, "tei:birth[@when or @notBefore] | tei:birth/tei:date | tei:birth"),
            death=_date(element, "tei:death[@when or @notBefore] | tei:death/tei:date | tei:death"),
            note=_first_text(element, "tei:note"), authorities=_authorities(element), lat=lat, long=long,
            line=element.sourceline or 0))
    for role in xpath(root, "//tei:castList//tei:role[@xml:id]"):
        description = role.xpath("following-sibling::*[local-name()='roleDesc'][1]")
        found.append(Declared(f"{scope}#{role.get(XML_ID)}", "person", (_name(role),) if _name(role) else (),
                              role=_clean(text_of(description[0])) if description else "",
                              line=role.sourceline or 0))
    # FRUS: the volume's persons list ('Adelman, Kenneth L., Director of ACDA').
    for name in xpath(root, "//tei:list[@type='persons']//tei:persName[@xml:id]"):
        item = name.xpath("ancestor::*[local-name()='item'][1]")
        rest = _clean("".join(item[0].itertext()))[len(_name(name)):].lstrip(" ,") if item else ""
        found.append(Declared(f"{scope}#{name.get(XML_ID)}", "person", (_inverted(_name(name)),), role=rest,
                              line=name.sourceline or 0))
    return found


def _inverted(name: str) -> str:
    """'Adelman, Kenneth L.' → 'Kenneth L. Adelman', as the text names people."""
    surname, comma, given = name.partition(", ")
    return f"{given} {surname}" if comma and given and "," not in given else name


def _participants(root: etree._Element, scope: str) -> list[Participant]:
    found = []
    for item in xpath(root, "tei:text//tei:list[@type='participants']//tei:item[not(tei:list)]"):
        words = _clean("".join(item.itertext()))
        names = xpath(item, ".//tei:persName[@corresp]")
        # The persName names the participant only when the entry opens with it (not 'Aide to Chairman Gorbachev').
        if names and words.startswith(_name(names[0])):
            name = _name(names[0])
            key = pointer_key(names[0].get("corresp", "").split()[0], scope)
        else:
            name, key = re.split(r"[,(]", words)[0].strip(), ""
        office = words[len(name):].lstrip(" ,")
        if name:
            office = re.sub(r"\s*\((?:notetaker|interpreter)\)\s*$", "", office, flags=re.I)
            found.append(Participant(key, name, office))
    return found


def _participant_declarations(participants: list[Participant], line_of: dict[str, int]) -> list[Declared]:
    """A participants list describes whom it names: the name as written, the office beside it."""
    return [Declared(p.key, "person", (p.name,), role=p.office, line=line_of.get(p.key, 0))
            for p in participants if p.key]


def _nearest_anchor(element: etree._Element) -> str:
    for node in (element, *element.iterancestors()):
        if anchor := node.get(XML_ID):
            return str(anchor)
    return ""


def _kind_of_name(element: etree._Element) -> str:
    local = etree.QName(element).localname
    if local in _NAME_ELEMENTS:
        return _NAME_ELEMENTS[local]
    return _TYPED.get((element.get("type") or "").split()[0] if element.get("type") else "", "")


def name_pointers(element: etree._Element, scope: str) -> list[str]:
    """The keys a name points at, local ids before authority ids (@ref, @key, @corresp, in that order)."""
    keys = [pointer_key(token, scope) for attribute in ("ref", "key", "corresp")
            for token in (element.get(attribute) or "").split()]
    keys = list(dict.fromkeys(k for k in keys if k))
    return sorted(keys, key=lambda k: ":" in k.split("#")[0] and "#" not in k)


def _mentions(root: etree._Element, scope: str) -> list[Mention]:
    found = []
    for element in xpath(root, "tei:text//*[self::tei:persName or self::tei:placeName or self::tei:orgName "
                               "or self::tei:geogName or self::tei:name or self::tei:rs][@ref or @key or @corresp]"):
        kind = _kind_of_name(element)
        keys = name_pointers(element, scope)
        if kind and keys:
            found.append(Mention(keys[0], kind, _name(element), _nearest_anchor(element), tuple(keys[1:])))
    # A pointer left as its register's bare prefix ('persons.xml#pers' beside '#pers27576') names no one.
    pointers = {m.key for m in found}
    placeholders = {k for k in pointers
                    if "#" in k and any(o.startswith(k) and o[len(k):][:1].isdigit() for o in pointers)}
    return [m for m in found if m.key not in placeholders]


def _labelled(root: etree._Element, scope: str) -> list[Labelled]:
    found = []
    for paragraph in xpath(root, "tei:text//tei:p[tei:hi[contains(@rend, 'italic')]]"):
        nodes = [n for n in paragraph.xpath("node()") if not (isinstance(n, str) and not n.strip())]
        label = nodes[0] if nodes and not isinstance(nodes[0], str) else None
        if label is None or etree.QName(label).localname != "hi" or "italic" not in (label.get("rend") or ""):
            continue
        words = _clean("".join(label.itertext()))
        if not (words.endswith(":") or (label.tail or "").lstrip().startswith(":")) or len(words) > _LABEL_MAX:
            continue
        spoken = _clean((label.tail or "").lstrip().removeprefix(":") + " " + " ".join(
            "".join(n.itertext()) + (n.tail or "") for n in label.itersiblings())).split()
        pointed = xpath(label, ".//tei:persName[@corresp or @ref]")
        key = name_pointers(pointed[0], scope)[0] if pointed and name_pointers(pointed[0], scope) else ""
        found.append(Labelled(words.rstrip(":").strip(), key, _nearest_anchor(paragraph), len(spoken),
                              " ".join(spoken[:12]), paragraph.sourceline or 0))
    return found


def read_entities(doc_id: str, tree: etree._ElementTree, date: str = "") -> DocumentEntities:
    root = tree.getroot()
    scope = scope_of(doc_id, root)
    declared = _declarations(root, scope)
    participants = _participants(root, scope)
    lines = {pointer_key(n.get("corresp", "").split()[0], scope): n.sourceline or 0
             for n in reversed(xpath(root, "tei:text//tei:list[@type='participants']//tei:persName[@corresp]"))}
    declared += _participant_declarations(participants, lines)
    return DocumentEntities(scope, date, tuple(declared), tuple(_mentions(root, scope)), tuple(participants),
                            tuple(_labelled(root, scope)))
