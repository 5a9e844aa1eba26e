"""What the encoder learns about a transcript before it writes TEI."""

from __future__ import annotations

from dataclasses import dataclass, field

from edition.encode.blocks import Block


@dataclass
class Meta:
    """Header facts: from page furniture, then overridden by front matter."""

    title: str = ""
    date_text: str = ""
    date_when: str = ""
    summary: str = ""
    source: str = ""
    rights: list[str] = field(default_factory=list)
    document_type: str = ""
    record_id: str = ""
    uploaded: str = ""
    archive: str = ""
    funder: str = ""
    translator: str = ""
    language: str = "en"
    original_language: str = ""  # the edition's (EncodeOptions), unless front matter names another
    speakers: dict[str, str] = field(default_factory=dict)  # label → person id


@dataclass
class Layout:
    meta: Meta
    heading: list[Block]
    body: list[Block]
