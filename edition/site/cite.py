"""How to cite a document or a paragraph, from one record.

Each document's CSL-JSON item (`csl_item`) is the single source of its citation: the text the
page shows is that item rendered by a CSL processor (edition.site.citation_styles), and BibTeX,
RIS, the Highwire `citation_*` tags Zotero reads and the JSON-LD carry the same fields.

A document first published elsewhere is cited as that publication "in" this edition: the
publication and its number (FRUS volume and document) and the archive that holds the original
go into the item's `archive`, `archive_location` and `source` (CMOS 14.111: documents in
published collections are cited with the information of the collection; see docs/metadata.md).

URLs are absolute when edition.toml sets `base_url`. Without it they are relative to the
document's page, which is also where its downloads sit (`x.html`, not `documents/x.html`, which a
reader's software would resolve to documents/documents/x.html); the build warns once.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

from edition.core.diagnostics import Diagnostic, warning
from edition.project.config import Config
from edition.site.citation_styles import STYLES, render
from edition.tei.metadata import DocumentMeta

CHANGES_PAGE = "changes.html"
PARAGRAPH = "{paragraph}"  # stand-ins the page's script replaces for a paragraph's citation
ANCHOR = "{anchor}"


@dataclass(frozen=True)
class Citable:
    config: Config
    doc: DocumentMeta
    version: str  # the release the citation names, e.g. "1.0"; "" before the first release
    year: str  # the release year

    @property
    def base(self) -> str:
        return self.config.base_url.rstrip("/")

    @property
    def url(self) -> str:
        """The page: absolute with base_url, else relative to the page itself."""
        return f"{self.base}/{self.doc.url}" if self.base else self.doc.url.rsplit("/", 1)[-1]

    def beside(self, name: str) -> str:
        """A file next to the page (its .bib, .xml …), as `url` is written."""
        return f"{self.base}/{self.doc.url.rsplit('/', 1)[0]}/{name}" if self.base else name

    @property
    def changes_url(self) -> str:
        return f"{self.base}/{CHANGES_PAGE}" if self.base else f"../{CHANGES_PAGE}"

    @property
    def licence_url(self) -> str:
        return self.doc.licence.url or self.config.licence_url

    @property
    def licence(self) -> str:
        return self.doc.licence.name or self.config.licence


def relative_urls_warning(config: Config, config_file: str) -> Diagnostic | None:
    """Once per build: without base_url, every citation and export carries a relative URL."""
    if config.base_url:
        return None
    return warning(config_file, 1, 1, "citation-relative-urls",
                   "no base_url: citations, BibTeX, RIS, CSL-JSON and the Zotero metadata will carry URLs "
                   "relative to each page", 'add the address the site will have: base_url = "https://example.org/edition/"')


def _person(name: str) -> dict[str, str]:
    """'Villanueva, Faustin' → family and given; any other form stays as written."""
    family, comma, given = name.partition(", ")
    return {"family": family, "given": given} if comma and given and "," not in given else {"literal": name}


def csl_item(c: Citable) -> dict[str, Any]:
    """The document's CSL-JSON item: what every citation of it is made from."""
    doc, source = c.doc, c.doc.source
    title = f"{doc.title}: {doc.subtitle}" if doc.subtitle else doc.title
    authors = [a.name for a in doc.authors] or [a.name for a in doc.senders]
    item: dict[str, Any] = {
        "id": doc.id,
        "type": "document",
        "title": title,
        "author": [_person(name) for name in authors],
        "recipient": [_person(a.name) for a in doc.recipients],
        # The edition's editors as editors of the container; with no author, styles would put them
        # in the author's place, so they are named only when the document has one.
        "editor": [_person(e) for e in c.config.editors] if authors else [],
        "container-title": c.config.title,
        # A publisher that only repeats the edition's title is left out rather than said twice.
        "publisher": c.config.publisher if c.config.publisher != c.config.title else "",
        "version": c.version,
        "URL": c.url,
        "genre": doc.document_type if doc.document_type.lower() not in title.lower() else "",
        "archive": source.publication or source.holding,
        "archive_location": f"doc. {source.number}" if source.publication and source.number
        else (source.holding if source.publication else ""),
        "source": source.holding if source.publication and source.number else "",
        "language": doc.language,
        "abstract": doc.summary,
        "license": c.licence_url or c.licence,
    }
    item.update(_dates(c))
    return {key: value for key, value in item.items() if value}


def _dates(c: Citable) -> dict[str, Any]:
    """The document's date is its `original-date` and the release's year is `issued`, so styles
    say when the document was made and when this edition published it apart (Chicago: "December 2,
    1989; The edition project, 2026", as CMOS cites a reprint; MLA's original date after the title;
    APA's "Original work published"). Before the first release there is no publication date: the
    document's date is then `issued`, where every style shows a date."""
    dates: dict[str, Any] = {}
    if c.doc.dating:
        parts = [c.doc.dating.parts]
        if c.doc.dating.latest:
            parts.append([int(p) for p in re.findall(r"-?\d+", c.doc.dating.latest)][:3])
        dates["original-date" if c.year else "issued"] = {"date-parts": parts}
    if c.year:
        dates["issued"] = {"date-parts": [[int(c.year)]]}
    return dates


def csl_json(c: Citable) -> str:
    return json.dumps([csl_item(c)], ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def citations(c: Citable) -> list[dict[str, str]]:
    """Per style: the document's citation and a paragraph's (with PARAGRAPH and ANCHOR to fill in), as HTML.
    A CSL processor takes tens of milliseconds a citation, so each style renders once, the paragraph's
    form, and the document's is that form without the locator and the anchor (tests/test_citation.py
    checks the two ways agree on every shared corpus document)."""
    item = csl_item(c)
    url = item["URL"]
    paragraph_item = dict(item, URL=f"{url}#{ANCHOR}")
    found = []
    for style in STYLES:
        paragraph = render(paragraph_item, style, PARAGRAPH)
        whole = _LOCATOR.sub("", paragraph).replace(html.escape(f"{url}#{ANCHOR}", quote=False),
                                                   html.escape(url, quote=False))
        found.append({"key": style.key, "label": style.label, "html": whole, "paragraph": paragraph})
    return found


_LOCATOR = re.compile(r"[,;:]? (?:para\.|paragraph|¶) " + re.escape(PARAGRAPH))  # as the en-US styles write it


def _names(item: dict[str, Any], role: str) -> list[str]:
    return [n.get("literal") or f"{n['family']}, {n['given']}" for n in item.get(role, [])]


def _date(item: dict[str, Any], separator: str) -> str:
    """The document's own date (what a reference manager files it under), else the release's."""
    parts = (item.get("original-date") or item.get("issued") or {}).get("date-parts", [[]])[0]
    return separator.join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))


_BIBTEX_SPECIAL = {"\\": "\\textbackslash{}", "^": "\\^{}", "~": "\\~{}",
                   **{char: "\\" + char for char in "{}&%$#_"}}


def _bibtex_escape(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in text)


def bibtex(c: Citable) -> str:
    item = csl_item(c)
    fields = {
        "title": item.get("title", ""),
        "author": " and ".join(_names(item, "author")),
        "date": _date(item, "-"),
        "booktitle": item.get("container-title", ""),
        "editor": " and ".join(_names(item, "editor")),
        "publisher": item.get("publisher", ""),
        "version": item.get("version", ""),
        "url": item.get("URL", ""),
        "type": item.get("genre", ""),
        "howpublished": ", ".join(v for v in (item.get("archive", ""), item.get("archive_location", "")) if v),
        "note": item.get("source", ""),
        "langid": item.get("language", ""),
    }
    body = ",\n".join(f"  {key} = {{{_bibtex_escape(value)}}}" for key, value in fields.items() if value)
    return f"@misc{{{c.doc.id},\n{body}\n}}\n"


def ris(c: Citable) -> str:
    item = csl_item(c)
    lines = [("TY", "GEN"), ("TI", item.get("title", ""))]
    lines += [("AU", name) for name in _names(item, "author")]
    lines += [("T2", item.get("container-title", ""))]
    lines += [("ED", name) for name in _names(item, "editor")]
    lines += [("DA", _date(item, "/")), ("PB", item.get("publisher", "")), ("ET", item.get("version", "")),
              ("M3", item.get("genre", "")), ("AN", item.get("archive_location", "")),
              ("DP", item.get("archive", "")), ("AV", item.get("source", "")), ("LA", item.get("language", "")),
              ("UR", item.get("URL", "")), ("ER", "")]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value or tag == "ER")


def meta_tags(c: Citable) -> list[tuple[str, str]]:
    """Highwire Press tags, which Zotero and Google Scholar read."""
    item = csl_item(c)
    tags = [("citation_title", item.get("title", ""))]
    tags += [("citation_author", name) for name in _names(item, "author")]
    tags += [("citation_inbook_title", item.get("container-title", ""))]
    tags += [("citation_editor", name) for name in _names(item, "editor")]
    tags += [("citation_date", _date(item, "/")), ("citation_publisher", item.get("publisher", "")),
             ("citation_public_url", item.get("URL", "")), ("citation_language", item.get("language", "")),
             ("citation_version", item.get("version", "")), ("citation_archive_id", item.get("archive_location", "")),
             ("citation_xml_url", c.beside(f"{c.doc.id}.xml"))]
    return [(name, value) for name, value in tags if value]


def json_ld(c: Citable) -> dict[str, Any]:
    item = csl_item(c)
    doc = c.doc
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ArchiveComponent",
        "@id": item.get("URL", ""),
        "name": item.get("title", ""),
        "author": [{"@type": "Person", "name": n} for n in _names(item, "author")],
        "recipient": [{"@type": "Person", "name": n} for n in _names(item, "recipient")],
        "dateCreated": doc.date_when,
        "description": item.get("abstract", ""),
        "genre": doc.document_type,
        "inLanguage": item.get("language", ""),
        "url": item.get("URL", ""),
        "version": item.get("version", ""),
        "mentions": [{"@type": "Person", "name": name} for name in doc.people],
        "holdingArchive": {"@type": "ArchiveOrganization", "name": doc.source.holding} if doc.source.holding else {},
        "isBasedOn": {"@type": "CreativeWork", "name": doc.source.publication_with_number,
                      **({"url": doc.source.url} if doc.source.url else {})} if doc.source.publication else {},
        "isPartOf": {"@type": "Collection", "name": c.config.title,
                     "editor": [{"@type": "Person", "name": e} for e in c.config.editors],
                     "publisher": {"@type": "Organization", "name": item.get("publisher", "")}},
        "license": c.licence_url,
    }
    return {k: v for k, v in data.items() if v}
