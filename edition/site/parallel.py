"""Two records of one event side by side, their speeches aligned by speaker.

The Soviet and the US record of one conversation each write down who said what, in their own
words, labels and paragraphs. Declared as a pair (edition.toml `[parallel]`, or `@corresp` on
`TEI` or `text` naming the other document), they get a page of their own
(`parallel/<a>--<b>.html`) where a row holds a speech of the same person from each record.

Speeches are read in document order: an `sp` (its `speaker` as written, `@who` for the
person), or, FRUS style, a paragraph opening with an italic label ("Chairman Gorbachev:")
with the unlabelled paragraphs after it. The person is the register's entity
(edition/site/entities.py), so "M.S. GORBACHEV." and "Chairman Gorbachev:" are one speaker
when persons.toml says so (`same_as`). The two sequences of speakers are aligned with
difflib's SequenceMatcher: speeches of the same person in the same order share a row; the
others stand alone in their column. Each cell links to the speech's permanent anchor on its
document page; the page itself gives no element an id of a document's. A pair in which one is
the other's translation is aligned by paragraph instead (edition/site/translated.py).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from edition.core.diagnostics import Diagnostic, warning
from edition.core.langtag import language_name
from edition.core.outputs import DocumentFiles, entity_page, parallel_page
from edition.project.edition import Edition
from edition.site.entities import Entities
from edition.site.render import Renderer
from edition.site.translated import align_blocks, points_into, reading_text
from edition.tei.entities import pointer_key
from edition.tei.metadata import DocumentMeta
from edition.tei.xml import XML_ID, parse, q, xpath

_WORDS = {q(name) for name in ("p", "ab", "l", "lg", "seg", "u")}  # what a speech says, not its label
_LABEL_MAX = 60  # as edition/tei/entities.py: a longer italic opening is emphasis, not a label
_DOCUMENT_FILE = re.compile(r"\.(?:xml|txt)$")


@dataclass(frozen=True)
class Pair:
    """Two documents shown side by side, in reading order."""

    first: DocumentMeta
    second: DocumentMeta

    @property
    def path(self) -> str:
        return parallel_page(self.first.id, self.second.id)

    @property
    def is_translation(self) -> bool:
        """One is the other's translation rather than another record: one says so (type="translation"
        on TEI or text), or the two are in different languages (xml:lang, else the header's langUsage)."""
        return self.first.translation != self.second.translation or bool(
            self.first.language and self.second.language and self.first.language != self.second.language)

    def other(self, doc_id: str) -> DocumentMeta:
        return self.second if doc_id == self.first.id else self.first


@dataclass(frozen=True)
class Speech:
    anchor: str  # the permanent anchor on the document page
    speaker: str  # the entity id, '' when no entry resolves the label
    label: str  # as the record writes it
    paragraphs: tuple[str, ...]  # the reading text


@dataclass(frozen=True)
class Row:
    first: Speech | None
    second: Speech | None


def document_of(token: str, ids: set[str]) -> str:
    """A pointer to a document of the edition, as @corresp or edition.toml writes it: 'd60',
    '#d60', 'd60.xml', 'sources/d60.xml'. '' when it names none (another file, a URL, an element)."""
    if "://" in token:
        return ""
    name = _DOCUMENT_FILE.sub("", token.removeprefix("#").rsplit("/", 1)[-1])
    return name if name in ids else ""


def parallel_pairs(metas: Sequence[DocumentMeta], declared: Mapping[str, str], config_file: str,
                   locate: Callable[[str], tuple[int, int]] = lambda key: (1, 1),
                   ) -> tuple[list[Pair], list[Diagnostic]]:
    """The pairs the edition declares (edition.toml, then each document's @corresp), in reading order.
    `locate` gives the line and column of a key of edition.toml's [parallel] table."""
    order = {meta.id: i for i, meta in enumerate(metas)}
    by_id = {meta.id: meta for meta in metas}
    wanted: list[tuple[str, str]] = []
    problems = []
    for first, others in sorted(declared.items()):
        for other in [first, *others.split()]:
            if other not in order:
                problems.append(warning(config_file, *locate(first), "parallel-unknown",
                                        f"parallel: '{other}' is not a document of the edition",
                                        "name a document by its id: its source's file name without .txt or .xml"))
        wanted += [(first, other) for other in others.split()]
    for meta in metas:
        for token in meta.corresp:
            other = document_of(token, set(order))
            if other and other != meta.id:
                wanted.append((meta.id, other))
    pairs: dict[tuple[str, str], Pair] = {}
    for a, b in wanted:
        if a in order and b in order and a != b:
            first, second = sorted((a, b), key=order.__getitem__)
            pairs.setdefault((first, second), Pair(by_id[first], by_id[second]))
    return sorted(pairs.values(), key=lambda p: (order[p.first.id], order[p.second.id])), problems


def links_by_document(pairs: Sequence[Pair]) -> dict[str, list[tuple[str, str, str]]]:
    """Document id → (page, other document's title, what the other is to it) for each pair it is in."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for pair in pairs:
        for meta in (pair.first, pair.second):
            other = pair.other(meta.id)
            found.setdefault(meta.id, []).append((pair.path, other.title, _relation(pair, meta, other)))
    return found


def _relation(pair: Pair, this: DocumentMeta, other: DocumentMeta) -> str:
    """How the document page names its partner: a record of the same event, or, for a translation
    pair, the translation or the original: the one that says it is a translation is one, else the
    one whose @corresp names the other (a translation points at its original)."""
    if not pair.is_translation:
        return "Other record of this event"
    this_points = any(document_of(token, {other.id}) for token in this.corresp)
    other_points = any(document_of(token, {this.id}) for token in other.corresp)
    if (other.translation, other_points) > (this.translation, this_points):
        return "Translation"
    if (this.translation, this_points) > (other.translation, other_points):
        return "Original"
    return "In another language"


# Reading the speeches ------------------------------------------------------------------------------

def speeches(tree: etree._ElementTree, doc_id: str, scope: str, entities: Entities) -> list[Speech]:
    """The document's speeches in order, each with its speaker resolved through the registers."""
    found: list[Speech] = []
    open_label: Speech | None = None  # a FRUS-style speech that unlabelled paragraphs continue
    labels = entities.labels.get(doc_id, {})
    body = [e for e in xpath(tree.getroot(), "tei:text//tei:sp | tei:text//tei:p[not(ancestor::tei:sp) and "
                                              "not(ancestor::tei:note)]")]
    for element in body:
        if element.tag == q("sp"):
            open_label = None
            who = (element.get("who") or "").split()
            entity = entities.by_key.get(pointer_key(who[0], scope)) if who else None
            label = " ".join(word for s in xpath(element, "tei:speaker") for word in "".join(s.itertext()).split())
            texts = tuple(t for t in (_reading(part) for part in element if part.tag in _WORDS) if t)
            found.append(Speech(element.get(XML_ID, ""), entity.id if entity else "", label, texts))
            continue
        label, key = _italic_label(element, scope)
        if label:
            entity_id = labels.get(label) or (entities.by_key[key].id if key in entities.by_key else "")
            open_label = Speech(element.get(XML_ID, ""), entity_id, label, (_reading(element, without_label=True),))
            found.append(open_label)
        elif open_label is not None and (text := _reading(element)):
            open_label = Speech(open_label.anchor, open_label.speaker, open_label.label,
                                (*open_label.paragraphs, text))
            found[-1] = open_label
    return found


def _italic_label(paragraph: etree._Element, scope: str) -> tuple[str, str]:
    """('Chairman Gorbachev', key of the person it points at) when the paragraph opens with a label."""
    first = next((n for n in paragraph.xpath("node()") if not (isinstance(n, str) and not n.strip())), None)
    if first is None or isinstance(first, str) or first.tag not in (q("hi"), q("persName")):
        return "", ""
    italic = first if first.tag == q("hi") else next(iter(xpath(first, "tei:hi")), None)
    if italic is None or "italic" not in (italic.get("rend") or ""):
        return "", ""
    words = " ".join("".join(first.itertext()).split())
    if not (words.endswith(":") or (first.tail or "").lstrip().startswith(":")) or len(words) > _LABEL_MAX:
        return "", ""
    pointed = [first] if first.tag == q("persName") else xpath(first, ".//tei:persName[@corresp or @ref]")
    key = next((pointer_key(t, scope) for p in pointed for t in (p.get("corresp") or p.get("ref") or "").split()), "")
    return words.rstrip(":").strip(), key


def _reading(element: etree._Element, without_label: bool = False) -> str:
    """The element's words in the reading view (notes left to the document page)."""
    if not without_label:
        return reading_text(element)
    copy = etree.fromstring(etree.tostring(element))
    label = next((n for n in copy if n.tag in (q("hi"), q("persName"))), None)
    if label is not None:
        tail = (label.tail or "").lstrip().removeprefix(":")
        copy.remove(label)
        copy.text = (copy.text or "") + tail
    return reading_text(copy)


# Aligning them --------------------------------------------------------------------------------------

def align(first: Sequence[Speech], second: Sequence[Speech]) -> list[Row]:
    """Rows of speeches: the same speaker in the same order side by side, the rest alone."""
    def keys(side: str, found: Sequence[Speech]) -> list[str]:
        return [s.speaker or f"?{side}{i}" for i, s in enumerate(found)]  # an unknown speaker matches no one
    matcher = difflib.SequenceMatcher(None, keys("a", first), keys("b", second), autojunk=False)
    rows = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [Row(a, b) for a, b in zip(first[i1:i2], second[j1:j2], strict=True)]
        else:
            rows += [Row(a, None) for a in first[i1:i2]] + [Row(None, b) for b in second[j1:j2]]
    return rows


# The pages ------------------------------------------------------------------------------------------

def parallel_pages(edition: Edition, pairs: Sequence[Pair], site: Path, entities: Entities,
                   scopes: Mapping[str, str]) -> dict[str, bytes]:
    """Each pair's page, from the TEI the build staged in `site` (with its anchors)."""
    renderer = Renderer(edition)
    return {pair.path: renderer.render("parallel.html", "../", current="parallel",
                                       **parallel_context(pair, site, entities, scopes)) for pair in pairs}


def parallel_context(pair: Pair, site: Path, entities: Entities, scopes: Mapping[str, str]) -> dict[str, object]:
    """What templates/parallel.html needs for one pair, from the TEI the build staged (with its anchors)."""
    trees = {}
    for meta in (pair.first, pair.second):
        files = DocumentFiles(meta.id)
        trees[meta.id] = parse((site / files.tei).read_bytes(), files.tei)
    if pair.is_translation:
        return translation_context(pair, trees)
    found = [speeches(trees[meta.id], meta.id, scopes.get(meta.id, meta.id), entities)
             for meta in (pair.first, pair.second)]
    names = {entity.id: (entity.name, entity_page(entity.kind, entity.id)) for entity in entities.entities}
    return {"pair": pair, "rows": align(*found), "names": names,
            "first_url": DocumentFiles(pair.first.id).page, "second_url": DocumentFiles(pair.second.id).page}


def translation_context(pair: Pair, trees: Mapping[str, etree._ElementTree]) -> dict[str, object]:
    """A text and its translation: the original's column first, paragraphs in aligned rows
    (edition/site/translated.py)."""
    ids = {pair.first.id, pair.second.id}

    def named(token: str) -> str:
        return document_of(token, ids)

    original, translation = pair.first, pair.second
    if original.translation != translation.translation:  # one says it is the translation
        original, translation = (translation, original) if original.translation else (original, translation)
    elif points_into(trees[original.id], trees[translation.id], translation.id, named) > \
            points_into(trees[translation.id], trees[original.id], original.id, named):
        original, translation = translation, original  # the first's paragraphs name the second's
    cells = align_blocks(trees[original.id], trees[translation.id], original.id, named)
    columns = [(meta, DocumentFiles(meta.id).page, "Original" if meta is original else "Translation", found)
               for meta, found in zip((original, translation), cells, strict=True)]
    return {"pair": pair, "columns": columns, "languages": {meta.id: language_name(meta.language)
                                                            for meta in (original, translation) if meta.language}}
