"""Plain-text transcript → TEI. Pure: text in, tree and diagnostics out; no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from edition.core.diagnostics import Diagnostic, error, warning
from edition.encode.blocks import Block, split_blocks, squash
from edition.encode.dates import parse_date
from edition.encode.frontmatter import apply_front_matter, split_front_matter
from edition.encode.furniture import recognise
from edition.encode.header import Publication, build_header
from edition.encode.inline import Segment, Span, parse_inline
from edition.encode.speakers import LabelMatch, PersonRegistry, match_label
from edition.tei.conventions import (
    BY_KIND,
    DATELINE,
    DIVISION,
    FOREIGN,
    GAP,
    HEADING,
    INCIDENT,
    LITERAL,
    NOTE,
    PARAGRAPH,
    SPEAKER,
    SPEECH,
    SUPPLIED,
)
from edition.tei.xml import TEI_NS, XML_LANG, q

__all__ = ["ORIGINAL_LANGUAGE", "EncodeOptions", "Encoded", "Publication", "encode_transcript"]


# The language of words in square brackets unless an edition says otherwise: the archive's
# transcripts are translated from Russian and quote it romanised.
ORIGINAL_LANGUAGE = "ru-Latn"


@dataclass(frozen=True)
class EncodeOptions:
    publication: Publication = Publication()
    original_language: str = ORIGINAL_LANGUAGE
    speakers: dict[str, str] = field(default_factory=dict)  # edition-wide label → person id
    registered: dict[str, str] = field(default_factory=dict)  # person id → the register's name for them


@dataclass
class Encoded:
    tree: etree._ElementTree
    diagnostics: list[Diagnostic]
    # Line and column of each element's origin in the transcript. Not on sourceline: libxml2 keeps
    # a line there in 16 bits, and a transcript may have more than 65,535 lines.
    positions: dict[etree._Element, tuple[int, int]]

    def locate(self, element: etree._Element) -> tuple[int, int]:
        return self.positions.get(element, (1, 1))


class _Builder:
    def __init__(self, filename: str, language: str, registry: PersonRegistry):
        self.filename = filename
        self.language = language
        self.registry = registry
        self.diagnostics: list[Diagnostic] = []
        self.positions: dict[etree._Element, tuple[int, int]] = {}
        self.responsibilities: set[str] = set()

    def element(self, parent: etree._Element, name: str, position: tuple[int, int],
                **attributes: str) -> etree._Element:
        element = etree.SubElement(parent, q(name), {k: v for k, v in attributes.items() if v})
        self.positions[element] = position
        return element

    def body(self, div: etree._Element, heading: list[Block], blocks: list[Block]) -> None:
        for block in heading:
            when = parse_date(block.plain)
            if when:
                opener = self.element(div, DATELINE.element, block.position(0))
                self.element(opener, "date", block.position(0), when=when).text = block.plain
            else:
                self.element(div, HEADING.element, block.position(0), type="sub" if len(div) else "").text = block.plain
        speech: etree._Element | None = None
        for index, block in enumerate(blocks):
            label = match_label(block.text)
            start = 0
            if label:
                speech = self.speech(div, block, label)
                start = label.end
            segments = self.segments(block, start)
            if not label and speech is not None and self._stands_between(segments, blocks, index):
                speech = None
            if label and not any(isinstance(s, Span) or s.strip() for s in segments):
                continue  # a label on a line of its own; the speech continues below
            self.paragraph(speech if speech is not None else div, block, start, segments)
        for empty in div.iter(q(SPEECH.element)):
            if len(empty) == 1:
                line, col = self.positions[empty]
                self.diagnostics.append(warning(self.filename, line, col, "empty-speech",
                                                "this speech has a speaker but no words",
                                                "add the words, or remove the label"))
                self.element(empty, PARAGRAPH.element, (line, col))

    def speech(self, div: etree._Element, block: Block, label: LabelMatch) -> etree._Element:
        person_id, doubt = self.registry.resolve(label)
        if doubt:
            line, col = block.position(0)
            self.diagnostics.append(warning(self.filename, line, col, "ambiguous-speaker", doubt,
                                            'map the label to an id under [speakers] in front matter or edition.toml'))
        position = block.position(0)
        sp = self.element(div, SPEECH.element, position, who=f"#{person_id}")
        speaker = self.element(sp, SPEAKER.element, position)
        if label.supplied:
            supplied = self.element(speaker, SUPPLIED.element, position, reason="speaker-unlabelled-in-original")
            supplied.text = label.text
        else:
            speaker.text = label.text
        return sp

    def segments(self, block: Block, start: int) -> list[Segment]:
        segments, problems = parse_inline(block.text, start, self.language)
        for problem in problems:
            line, col = block.position(problem.offset)
            make = error if problem.is_error else warning
            self.diagnostics.append(make(self.filename, line, col, problem.code, problem.message, problem.hint))
        return segments

    @staticmethod
    def _stands_between(segments: list[Segment], blocks: list[Block], index: int) -> bool:
        """A paragraph that is only a gap or an event, before a new speech or the end, stands between speeches."""
        spans = [s for s in segments if isinstance(s, Span)]
        words = "".join(s for s in segments if isinstance(s, str)).strip(" .;:\u00a0\n")
        if len(spans) != 1 or spans[0].kind not in (GAP.kind, INCIDENT.kind) or words:
            return False
        return index + 1 == len(blocks) or match_label(blocks[index + 1].text) is not None

    def paragraph(self, parent: etree._Element, block: Block, start: int, segments: list[Segment]) -> None:
        p = self.element(parent, PARAGRAPH.element, block.position(start))
        last: etree._Element | None = None
        for number, segment in enumerate(segments):
            if isinstance(segment, str) or segment.kind == LITERAL:
                text = squash_inner(segment if isinstance(segment, str) else segment.content,
                                    first=number == 0, final=number == len(segments) - 1)
                if last is None:
                    p.text = (p.text or "") + text
                else:
                    last.tail = (last.tail or "") + text
                continue
            last = self.span(p, block, segment)

    def span(self, p: etree._Element, block: Block, span: Span) -> etree._Element:
        position = block.position(span.start)
        content = squash(span.content)
        convention = BY_KIND[span.kind]
        element = self.element(p, convention.element, position, **_attributes(span))
        if convention is FOREIGN:
            element.set(XML_LANG, span.lang)
        if convention is NOTE and span.resp:
            self.responsibilities.add(span.resp)
        label = squash(span.label)
        if convention.words_in:
            self.element(element, convention.words_in, position).text = content
        elif label:
            self.element(element, "label", position).text = label
            element[-1].tail = " " + content[len(label):].strip() if content[len(label):].strip() else ""
        else:
            element.text = content
        return element


def _attributes(span: Span) -> dict[str, str]:
    """The attributes of a span's element (empty ones are left out)."""
    if span.kind == GAP.kind:
        return {"reason": span.reason, "quantity": str(span.quantity) if span.quantity else "", "unit": span.unit}
    if span.kind == NOTE.kind:
        return {"type": "editorial", "resp": f"#{span.resp}" if span.resp else ""}
    return {"reason": span.reason}  # a supplied word's; a foreign word or an event has none


def squash_inner(text: str, first: bool, final: bool) -> str:
    """Collapse whitespace but keep one space where text meets an element."""
    squashed = " ".join(text.split())
    if text[:1].isspace() and not first and squashed:
        squashed = " " + squashed
    if text[-1:].isspace() and not final and squashed:
        squashed += " "
    if not squashed and text and not first and not final:
        return " "
    return squashed


SCHEMA_DECLARATION = ('href="../schema/edition.rng" type="application/xml" '
                      'schematypens="http://relaxng.org/ns/structure/1.0"')
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _replace_non_xml(text: str, filename: str) -> tuple[str, list[Diagnostic]]:
    """Characters XML cannot hold are reported (the first few) and replaced by U+FFFD."""
    problems = []
    for match in list(_NOT_XML.finditer(text))[:5]:
        line = text.count("\n", 0, match.start()) + 1
        col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        problems.append(error(filename, line, col, "control-character",
                              f"character U+{ord(match[0]):04X} cannot appear in TEI",
                              "delete it; it is usually left over from a copy or a conversion"))
    return _NOT_XML.sub("\ufffd", text), problems


def encode_transcript(text: str, filename: str, options: EncodeOptions = EncodeOptions()) -> Encoded:
    """Encode one transcript. Never raises on bad text: problems come back as diagnostics."""
    text, diagnostics = _replace_non_xml(text.replace("\r\n", "\n").replace("\r", "\n"), filename)
    matter, more = split_front_matter(text, filename)
    diagnostics += more
    layout = recognise(split_blocks(matter.body, matter.body_line))
    meta = layout.meta
    meta.original_language = options.original_language
    diagnostics += apply_front_matter(meta, matter, filename)
    if "date" in matter.values:
        meta.date_when = parse_date(meta.date_text) or ""
        if not meta.date_when:
            diagnostics.append(error(filename, matter.line_of("date"), 1, "front-matter-date",
                                     f"front matter date '{meta.date_text}' is not a date",
                                     "write it as 1990-02-09 or 9 February 1990"))
    if not meta.title:
        meta.title = filename.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        diagnostics.append(warning(filename, matter.body_line, 1, "no-title",
                                   "no title line found; the file name is used as the title",
                                   "start the transcript with a title line, or set title in front matter"))

    registry = PersonRegistry({**options.speakers, **meta.speakers}, options.registered)
    builder = _Builder(filename, meta.original_language, registry)
    text_element = etree.Element(q("text"))
    body = etree.SubElement(text_element, q("body"))
    div = builder.element(body, DIVISION.element, (matter.body_line, 1), type="transcript")
    builder.body(div, layout.heading, layout.body)
    if not any(True for _ in div.iter(q(PARAGRAPH.element))):
        diagnostics.append(error(filename, matter.body_line, 1, "no-text",
                                 "the transcript has no text after its title and date",
                                 "paste the text below the title and date lines"))
        builder.element(div, PARAGRAPH.element, (matter.body_line, 1))
    elif not any(True for _ in div.iter(q(SPEECH.element))):
        diagnostics.append(warning(filename, matter.body_line, 1, "no-speakers",
                                   "no speaker labels found; the text is encoded as plain paragraphs",
                                   "start a speech with its speaker in capitals: 'J. BAKER. …' or 'BAKER: …'"))

    root = etree.Element(q("TEI"), nsmap={None: TEI_NS})
    root.set(XML_LANG, meta.language or "en")
    root.append(build_header(meta, list(registry.persons.values()), options.publication,
                             builder.responsibilities))
    root.append(text_element)
    # Self-describing TEI: editors' tools (and `edition validate`) find the edition's schema.
    root.addprevious(etree.ProcessingInstruction("xml-model", SCHEMA_DECLARATION))
    return Encoded(root.getroottree(), diagnostics + builder.diagnostics, builder.positions)
