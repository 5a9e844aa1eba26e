"""Where a document comes from: the archive that holds the original, the publication it was
first printed or put online in, and a link back to it wherever the TEI gives one.

Read from `sourceDesc` (msIdentifier for a manuscript, bibl/biblStruct for a printed or online
source) and, for FRUS, from the volume and document number the file names and the source note
FRUS puts in the document's heading. docs/metadata.md lists the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from edition.tei.xml import text_of, xpath

FRUS_NS = "http://history.state.gov/frus/ns/1.0"
_FRUS_VOLUME = re.compile(r"frus(\d{4})(?:-(\d{2,4}))?v(\d+)(?:p(\d+))?")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_LINK_TYPES = ("uri", "url", "doi", "handle", "hdl")
_SOURCE = "tei:teiHeader/tei:fileDesc/tei:sourceDesc"
# A template's sentence left unfinished ("this letter was previously published in"): it names no source.
_UNFINISHED = re.compile(r"\b(?:in|of|by|at|from|and|see)\s*[:,]?\s*$|[:,]\s*$", re.I)


@dataclass(frozen=True)
class Provenance:
    holding: str = ""  # the archive and collection that hold the original: "Bodleian Library, MS. Eng. lett. c. 717"
    publication: str = ""  # where it was first published: "Foreign Relations of the United States, …, vol. XXXI"
    number: str = ""  # its number there: "60"
    printed: str = ""  # a printed source described in words (sourceDesc/bibl text)
    url: str = ""  # the original, where the TEI says where it is
    url_label: str = ""  # "history.state.gov"

    @property
    def publication_with_number(self) -> str:
        return f"{self.publication}, doc. {self.number}" if self.publication and self.number else self.publication


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def frus_volume_title(volume_id: str) -> str:
    """'frus1989-92v31' → 'Foreign Relations of the United States, 1989–1992, vol. XXXI' (the id says no more)."""
    match = _FRUS_VOLUME.fullmatch(volume_id)
    if not match:
        return ""
    first, last, volume, part = match.groups()
    years = first
    if last:
        years += "–" + (first[: 4 - len(last)] + last)
    title = f"Foreign Relations of the United States, {years}, vol. {_roman(int(volume))}"
    return title + (f", pt. {int(part)}" if part else "")


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,.;")


def _holding(root: etree._Element) -> str:
    """settlement, institution, repository, collection, idno of msIdentifier, in that order."""
    identifier = next(iter(xpath(root, f"{_SOURCE}/tei:msDesc/tei:msIdentifier")), None)
    if identifier is None:
        return ""
    parts = []
    for name in ("settlement", "institution", "repository", "collection", "idno"):
        for element in xpath(identifier, f"tei:{name}"):
            kind = element.get("type", "")  # MRP's "MRZ 137": an abbreviation says what the number is
            parts.append(f"{kind} {_clean(text_of(element))}" if name == "idno" and kind.isupper()
                         else _clean(text_of(element)))
    parts = [part for part in parts if not part.startswith(("http://", "https://"))]
    if not any(parts):  # IOSPE keeps them in one altIdentifier per language
        for name in ("repository", "idno"):
            parts += [_clean(text_of(e)) for e in xpath(identifier, f"tei:altIdentifier[1]/tei:{name}")]
    seen: list[str] = []
    for part in parts:
        if part and part not in seen:
            seen.append(part)
    return ", ".join(seen)


def _link(root: etree._Element) -> str:
    """The first idno of type URI/URL/DOI/handle, or ref/@target, in the sourceDesc."""
    for idno in xpath(root, f"{_SOURCE}//tei:idno[@type]"):
        kind, value = idno.get("type", "").lower(), text_of(idno).strip()
        if kind == "doi" and value:
            return value if value.startswith("http") else f"https://doi.org/{value}"
        if kind in ("handle", "hdl") and value:
            return value if value.startswith("http") else f"https://hdl.handle.net/{value}"
        if (kind in _LINK_TYPES or kind.startswith("url")) and value.startswith(("http://", "https://")):
            return value
    for ref in xpath(root, f"{_SOURCE}//tei:ref[@target]"):
        if ref.get("target", "").startswith(("http://", "https://")):
            return str(ref.get("target"))
    return ""


def _frus(root: etree._Element) -> tuple[str, str, str, str]:
    """FRUS: (volume title, document number, archival source, history.state.gov URL)."""
    bibl = {b.get("type"): text_of(b).strip() for b in xpath(root, f"{_SOURCE}/tei:bibl[@type]")}
    document = next(iter(xpath(root, "tei:text/tei:body/tei:div[@type='document']")), None)
    if document is None and not bibl.get("frus-volume-id"):
        return "", "", "", ""
    volume = bibl.get("frus-volume-id", "")
    number = bibl.get("frus-document-number") or (document.get("n", "") if document is not None else "")
    doc_id = bibl.get("frus-document-id") or (document.get("{http://www.w3.org/XML/1998/namespace}id", "")
                                              if document is not None else "")
    title = frus_volume_title(volume) or "Foreign Relations of the United States"
    note = next(iter(xpath(root, "tei:text/tei:body/tei:div[@type='document']/tei:head/tei:note[@type='source']")),
                None)
    archive = ""
    if note is not None:  # "Source: Department of State, Central Foreign Policy File, … Secret; Priority."
        first = re.split(r"(?<=[^A-Z])\.\s+(?=[A-Z])", _clean(text_of(note)), maxsplit=1)[0]
        archive = _clean(re.sub(r"^Source:\s*", "", first))
    url = f"https://history.state.gov/historicaldocuments/{volume}/{doc_id}" \
        if _FRUS_VOLUME.fullmatch(volume) and re.fullmatch(r"d\d+", doc_id) else ""
    return title, number, archive, url


def is_frus(root: etree._Element) -> bool:
    return FRUS_NS in root.nsmap.values() or bool(xpath(root, f"{_SOURCE}/tei:bibl[@type='frus-volume-id']"))


def read_provenance(root: etree._Element, title: str = "") -> Provenance:
    """`title` is the document's: a source bibl that only repeats it names no publication."""
    if is_frus(root):
        publication, number, archive, url = _frus(root)
        return Provenance(archive, publication, number, "", url, "history.state.gov" if url else "")
    holding = _holding(root)
    bibl = next(iter(xpath(root, f"{_SOURCE}/tei:bibl[1] | {_SOURCE}/tei:biblStruct[1]")), None)
    publication, printed = "", ""
    if bibl is not None:
        publisher = _clean(text_of(next(iter(xpath(bibl, ".//tei:publisher | tei:name")), None)))
        note = _clean(text_of(next(iter(xpath(bibl, "tei:note[@type='source']")), None)))
        if note and not holding:  # "Copy from National Security Archive, George Washington University."
            holding = re.sub(r"^(?:a )?copy (?:from|held by|at)\s+", "", note, flags=re.I)
        imprint = xpath(bibl, ".//tei:imprint")
        if imprint or (bibl.tag.endswith("biblStruct") and not publisher):  # a printed book
            titles = [_clean(text_of(t)) for t in xpath(bibl, ".//tei:title[1]")]
            printed = ". ".join(part for part in (
                _clean(text_of(next(iter(xpath(bibl, ".//tei:author")), None))), titles[0] if titles else "",
                _clean(" ".join(text_of(e) for e in xpath(bibl, ".//tei:imprint/*")))) if part)
        elif publisher or xpath(bibl, "tei:title"):  # an archive or a series that published it
            publication = publisher or _clean(text_of(xpath(bibl, "tei:title")[0]))
            if title and title.startswith(publication):
                publication = ""
        elif not _UNFINISHED.search(text_of(bibl)):
            printed = _clean(text_of(bibl))
    url = _link(root)
    host = re.sub(r"^www\.", "", url.split("/")[2]) if url.count("/") >= 2 else ""
    return Provenance(holding, publication, "", printed, url, publication or host)
