"""Every path the site has, in one place: nothing else formats an output path.

A document `d` gives `documents/d.html` (its page), `.xml`, `.txt`, `.bib`,
`.ris`, `.csl.json` beside it, and `anchors/d.json` (its published ledger).
An image of the edition folder at `sources/img/a.png` is published at
`images/sources/img/a.png`: its path in the edition, so two images never meet; a
smaller size of it made by the build at `image-sizes/display/sources/img/a.png.jpg`
(and `image-sizes/thumbnail/…`), a folder no edition path can reach.
These paths are URLs too, so they are part of the anchor promise: changing
one breaks every citation of the edition.
"""

from __future__ import annotations

from dataclasses import dataclass

DOCUMENTS = "documents"
PAGES = "pages"
ANCHORS = "anchors"
DOWNLOADS = "downloads"
IMAGES = "images"
IMAGE_SIZES = "image-sizes"  # derivatives of large images, by size name
TEI_ZIP = "edition-tei.zip"  # every document's TEI, in downloads/


@dataclass(frozen=True)
class DocumentFiles:
    """The output paths of one document, relative to the site's top."""

    id: str

    def _beside(self, suffix: str) -> str:
        return f"{DOCUMENTS}/{self.id}{suffix}"

    @property
    def page(self) -> str:
        return self._beside(".html")

    @property
    def tei(self) -> str:
        return self._beside(".xml")

    @property
    def text(self) -> str:
        return self._beside(".txt")

    @property
    def bibtex(self) -> str:
        return self._beside(".bib")

    @property
    def ris(self) -> str:
        return self._beside(".ris")

    @property
    def csl_json(self) -> str:
        return self._beside(".csl.json")

    @property
    def manifest(self) -> str:
        """The IIIF Presentation 3 manifest of the document's page images (only where it has some)."""
        return self._beside(".manifest.json")

    @property
    def ledger(self) -> str:
        return f"{ANCHORS}/{self.id}.json"

    @property
    def all(self) -> tuple[str, ...]:
        """Every path the document may have (claimed for it even where it has no manifest)."""
        return (self.page, self.tei, self.text, self.bibtex, self.ris, self.csl_json, self.manifest, self.ledger)


def editor_page(name: str) -> str:
    """An editor's Markdown page pages/<name>.md."""
    return f"{PAGES}/{name}.html"


def image_file(relative: str) -> str:
    """The copy of the edition's image `relative` (a POSIX path inside the edition folder)."""
    return f"{IMAGES}/{relative}"


def image_size_file(relative: str, size: str) -> str:
    """A smaller copy of the edition's image `relative`, made by the build: size "display" or "thumbnail"."""
    return f"{IMAGE_SIZES}/{size}/{relative}.jpg"


TEI_ZIP_PATH = f"{DOWNLOADS}/{TEI_ZIP}"


# Registers of persons, places and organisations: an index per kind (letter pages when long),
# a page per entity, and the merged registers for reuse.
ENTITY_FOLDERS = {"person": "persons", "place": "places", "org": "organisations"}
REGISTER_TEI = f"{DOWNLOADS}/registers.xml"
REGISTER_JSON = f"{DOWNLOADS}/registers.json"
BEACON = f"{DOWNLOADS}/beacon.txt"


def entity_page(kind: str, entity_id: str) -> str:
    """One entity's page: persons/gorbachev.html."""
    return f"{ENTITY_FOLDERS[kind]}/{entity_id}.html"


def register_index(kind: str, letter: str = "") -> str:
    """A register's index (persons.html), or one letter of a long one (persons/letters/g.html)."""
    return f"{ENTITY_FOLDERS[kind]}/letters/{letter}.html" if letter else f"{ENTITY_FOLDERS[kind]}.html"


PARALLEL = "parallel"


def parallel_page(first: str, second: str) -> str:
    """Two records of one event (or a text and its translation) side by side: parallel/a--b.html,
    the documents in the order the edition reads them."""
    return f"{PARALLEL}/{first}--{second}.html"
