"""Recognise page furniture: what belongs in the teiHeader, not in the text.

Two layouts are known. The Wilson Center Digital Archive page, copied as it is:
'Skip to content', a date line, the title, 'This document was made possible
with support from …', the text, a one-paragraph summary, then a 'Document
Information' block. And a plain transcript: a title line, a date line, the text.
"""

from __future__ import annotations

import re

from edition.encode.blocks import Block
from edition.encode.dates import parse_date
from edition.encode.model import Layout, Meta
from edition.encode.speakers import match_label

SKIP_LINE = "skip to content"
DOCUMENT_INFORMATION = "document information"
ARCHIVE_NAME = "Wilson Center Digital Archive"
_SUPPORT = re.compile(r"^This document was made possible with support from (?P<funder>.+?)\.?$", re.I)

# Field labels of the archive's 'Document Information' block, lower-cased → our key.
_INFO_LABELS = {
    "source": "source",
    "rights": "rights",
    "original uploaded date": "uploaded",
    "type": "type",
    "record id": "record",
    "language": "language",
    "original archive": "archive",
    "donors": "funder",
    "donor": "funder",
    "funders": "funder",
    "funder": "funder",
}
_TRANSLATED_BY = re.compile(r"\bTranslated (?:for [^.]*? )?by (?P<name>[^.;]+?)\s*(?:\.|;|$)", re.I)
_RECORD_ID = re.compile(r"^[\w.\-/]*\d[\w.\-/]*$")


def recognise(blocks: list[Block]) -> Layout:
    meta = Meta()
    start = 0
    archive_layout = bool(blocks) and blocks[0].plain.lower() == SKIP_LINE
    if archive_layout:
        start = 1
    start = _read_title_and_date(blocks, start, meta)
    if start < len(blocks) and (support := _SUPPORT.match(blocks[start].plain)):
        meta.funder = support["funder"].strip()
        archive_layout = True
        start += 1

    end = len(blocks)
    info = _last_index(blocks, DOCUMENT_INFORMATION)
    if info is not None and info >= start:
        archive_layout = True
        _read_document_information(blocks[info + 1:], meta)
        end = info
        if end - 1 >= start and _is_summary(blocks[end - 1]):
            meta.summary = blocks[end - 1].plain
            end -= 1
    if archive_layout:
        meta.archive = meta.archive or ARCHIVE_NAME

    body = blocks[start:end]
    heading_length = _heading_length(body)
    return Layout(meta=meta, heading=body[:heading_length], body=body[heading_length:])


def _read_title_and_date(blocks: list[Block], index: int, meta: Meta) -> int:
    """A date line and a title line, in either order, before the text."""
    for _ in range(2):
        if index >= len(blocks) or match_label(blocks[index].text):
            break
        block = blocks[index]
        when = parse_date(block.plain)
        if when and not meta.date_when:
            meta.date_text, meta.date_when = block.plain, when
        elif not meta.title and _is_title_line(block):
            meta.title = block.plain
        else:
            break
        index += 1
    return index


def _is_title_line(block: Block) -> bool:
    return "\n" not in block.text and len(block.plain) <= 300 and not block.plain.startswith(("[", "("))


def _last_index(blocks: list[Block], lowered: str) -> int | None:
    for index in range(len(blocks) - 1, -1, -1):
        if blocks[index].plain.lower() == lowered:
            return index
    return None


def _is_summary(block: Block) -> bool:
    """The archive's summary is a plain paragraph: no speaker label, not a bracket."""
    text = block.plain
    return not match_label(block.text) and not text.startswith(("[", "(")) and len(text) > 20


def _read_document_information(blocks: list[Block], meta: Meta) -> None:
    """Fields with or without their labels (copies often lose the labels)."""
    label: str | None = None
    unlabelled = "source"
    for block in blocks:
        text = block.plain
        key = _INFO_LABELS.get(text.lower().rstrip(":"))
        if key:
            label = key
            unlabelled = {"uploaded": "type", "type": "type", "record": "funder"}.get(key, unlabelled)
            continue
        if label == "uploaded" and not parse_date(text):
            label = None  # the uploaded date was left empty
        if label == "record" and not _RECORD_ID.match(text):
            label = None  # the record id was left empty
        field = label or unlabelled
        _store(meta, field, text)
        if field == "source":
            unlabelled = "rights"
        if label in ("uploaded", "record", "type", "source"):
            label = None


def _store(meta: Meta, field: str, text: str) -> None:
    if field == "source":
        meta.source = text
        if translated := _TRANSLATED_BY.search(text):
            meta.translator = meta.translator or translated["name"]
    elif field == "rights":
        meta.rights.append(text)
    elif field == "uploaded":
        meta.uploaded = text
    elif field == "type":
        meta.document_type = meta.document_type or text
    elif field == "record":
        meta.record_id = text
    elif field == "archive":
        meta.archive = text
    elif field == "funder":
        meta.funder = meta.funder or text
    elif field == "language":
        pass  # the language of the transcript is the edition's, not the original's


def _heading_length(body: list[Block]) -> int:
    """Leading short blocks up to a date line ('between … and …', '(with staff)', '9 February 1990')."""
    for index, block in enumerate(body[:6]):
        if match_label(block.text) or not _is_heading_like(block):
            # Heading-like blocks directly before the first speech are a heading too.
            return index if index and match_label(block.text) else 0
        if parse_date(block.plain):
            return index + 1
    return 0


def _is_heading_like(block: Block) -> bool:
    text = block.plain
    return len(text) <= 200 and not re.search(r"[a-z]{2}[.!?…]\s+[A-Z]", text) and not text.startswith("[")
