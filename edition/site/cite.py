"""How to cite a document or a paragraph: Chicago text, BibTeX, RIS, CSL-JSON, meta tags, JSON-LD.

Absolute URLs need the edition's `base_url` (edition.toml); without it the
exports carry the site-relative URL and the page's Cite control completes it
from the address the reader is viewing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from edition.project.config import Config
from edition.tei.metadata import DocumentMeta

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]


@dataclass(frozen=True)
class Citable:
    config: Config
    doc: DocumentMeta
    version: str  # the release the citation names, e.g. "1.0"; "" before the first release
    year: str  # the release year

    @property
    def url(self) -> str:
        base = self.config.base_url.rstrip("/")
        return f"{base}/{self.doc.url}" if base else self.doc.url

    @property
    def editors(self) -> str:
        return ", ".join(self.config.editors)


def human_date(when: str) -> str:
    """'1990-02-09' → '9 February 1990' (partial dates stay partial)."""
    parts = when.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return when


def chicago(c: Citable, paragraph: str = "", anchor: str = "") -> str:
    """Chicago notes-bibliography style; the reader adds the access date."""
    date = f", {human_date(c.doc.date_when)}" if c.doc.date_when else ""
    where = f", paragraph {paragraph}" if paragraph else ""
    edited = f", edited by {c.editors}" if c.editors else ""
    version = f", version {c.version}" if c.version else ""
    published = f"{c.config.publisher or c.config.title}{version}{f' ({c.year})' if c.year else ''}"
    url = c.url + (f"#{anchor}" if anchor else "")
    return f"“{c.doc.title}”{date}{where}. In {c.config.title}{edited}. {published}. {url}. Accessed [date]."


_BIBTEX_SPECIAL = {"\\": "\\textbackslash{}", "^": "\\^{}", "~": "\\~{}",
                   **{char: "\\" + char for char in "{}&%$#_"}}


def _bibtex_escape(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in text)


def bibtex(c: Citable) -> str:
    fields = {
        "title": c.doc.title,
        "date": c.doc.date_when,
        "booktitle": c.config.title,
        "editor": " and ".join(c.config.editors),
        "publisher": c.config.publisher,
        "version": c.version,
        "url": c.url,
        "note": c.doc.document_type,
    }
    body = ",\n".join(f"  {key} = {{{_bibtex_escape(value)}}}" for key, value in fields.items() if value)
    return f"@misc{{{c.doc.id},\n{body}\n}}\n"


def ris(c: Citable) -> str:
    lines = [("TY", "GEN"), ("TI", c.doc.title), ("T2", c.config.title)]
    lines += [("ED", editor) for editor in c.config.editors]
    lines += [("DA", c.doc.date_when.replace("-", "/")), ("PB", c.config.publisher), ("ET", c.version),
              ("M3", c.doc.document_type), ("UR", c.url), ("ER", "")]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value or tag == "ER")


def csl_json(c: Citable) -> str:
    item: dict[str, Any] = {
        "id": c.doc.id,
        "type": "document",
        "title": c.doc.title,
        "container-title": c.config.title,
        "editor": [{"literal": e} for e in c.config.editors],
        "publisher": c.config.publisher,
        "version": c.version,
        "URL": c.url,
        "genre": c.doc.document_type,
    }
    if c.doc.date_when:
        item["issued"] = {"date-parts": [[int(p) for p in c.doc.date_when.split("-")]]}
    return json.dumps([{k: v for k, v in item.items() if v}], ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def meta_tags(c: Citable) -> list[tuple[str, str]]:
    """Highwire Press tags, which Zotero and Google Scholar read."""
    tags = [("citation_title", c.doc.title), ("citation_inbook_title", c.config.title)]
    tags += [("citation_editor", e) for e in c.config.editors]
    tags += [("citation_date", c.doc.date_when.replace("-", "/")), ("citation_publisher", c.config.publisher),
             ("citation_public_url", c.url), ("citation_language", c.config.language),
             ("citation_version", c.version)]
    return [(name, value) for name, value in tags if value]


def json_ld(c: Citable) -> dict[str, Any]:
    data = {
        "@context": "https://schema.org",
        "@type": "ArchiveComponent",
        "name": c.doc.title,
        "dateCreated": c.doc.date_when,
        "description": c.doc.summary,
        "genre": c.doc.document_type,
        "inLanguage": c.config.language,
        "url": c.url,
        "version": c.version,
        "mentions": [{"@type": "Person", "name": p.name} for p in c.doc.persons],
        "isPartOf": {"@type": "Collection", "name": c.config.title,
                     "editor": [{"@type": "Person", "name": e} for e in c.config.editors],
                     "publisher": {"@type": "Organization", "name": c.config.publisher or c.config.title}},
        "license": c.config.licence_url,
    }
    return {k: v for k, v in data.items() if v}
