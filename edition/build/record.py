"""What each output file of a site was made from, kept beside the edition for the next build.

A rebuild compares each output's inputs — a digest of its source, ledger and notes, the
environment every page shares (tool, templates, stylesheets, configuration, registers), and the
summaries of other documents it shows — with the record of the build that made the site it
replaces. An output whose inputs are unchanged is not made again: the previous site's file is
linked, once its bytes are checked against the digest recorded for it.

The record lives in .edition-cache/ (never published: it names the output folder's path) and is
signed like the cache entries, with a key only this machine's user holds. A record made
elsewhere, or edited, is ignored; a signed record whose site was edited since fails the bytes
check. Either way the output is made again: a hostile record or site can cause extra work, never
put content into a page.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec
from markupsafe import Markup

from edition import __version__
from edition.anchors.changes import DocumentChanges
from edition.build.cache import read_signed, write_signed
from edition.build.crossdoc import Declaration
from edition.core.diagnostics import Diagnostic
from edition.core.folder import EditionFolder
from edition.site.indexes import Summary

_FORMAT = 6
# About 7 KB a document (140 MB for 20,000), above the 64 MiB an editor's own file may have; a
# larger record is not read, and the next build is a full one.
_RECORD_LIMIT = 4 * 2**30


@dataclass
class Kept:
    """What the main process learnt of a document in the first pass, reusable while its inputs hold."""

    summary: Summary
    diagnostics: list[Diagnostic]
    declarations: list[Declaration]
    changes: list[DocumentChanges]
    unhandled: list[str]


@dataclass(frozen=True)
class Made:
    """One output: the digest of its inputs and of its bytes."""

    inputs: str
    sha256: str


@dataclass
class DocumentRecord:
    inputs: str  # source, ledger, notes and the environment
    kept: msgspec.Raw  # Kept, as JSON within the record's: decoded when the document is kept
    shown: str  # the digest of `kept` (which reads it back once per process: `kept_again`)
    meta: str  # the digest of its metadata: what its neighbours' pages show of it
    files: dict[str, str]  # the document's files but its page: path → SHA-256 of the bytes
    cached: list[str]  # the cache entries it was made with: kept by the cache's sweep while it stands


def keep(kept: Kept) -> msgspec.Raw:
    return msgspec.Raw(_ENCODER.encode(kept))


def kept_again(record: DocumentRecord) -> Kept:
    """ValueError when the JSON is not a Kept (an older record: the document is built again).
    Read once per process for the same JSON (`edition serve` reads the same record build after build)."""
    found = _KEPT.get(record.shown)
    if found is None or found[0] != record.kept:
        try:
            found = (record.kept, _KEPT_DECODER.decode(record.kept))
        except msgspec.MsgspecError as wrong:
            raise ValueError(str(wrong)) from None
        if len(_KEPT) >= _KEPT_MAX:
            _KEPT.clear()
        _KEPT[record.shown] = found
    return found[1]


def _as_json(value: Any) -> Any:
    """What msgspec does not write by itself: Markup (the word diffs of changed paragraphs), as its text."""
    if isinstance(value, Markup):
        return str(value)
    raise NotImplementedError(f"cannot keep a {type(value).__name__}")


def _as_typed(kind: type, value: Any) -> Any:
    """…and reads back as Markup again (from a record only this machine's builds can sign)."""
    if kind is Markup and isinstance(value, str):
        return Markup(value)
    raise NotImplementedError(f"cannot read a {kind}")


_ENCODER = msgspec.json.Encoder(enc_hook=_as_json)
_ENCODER_SORTED = msgspec.json.Encoder(enc_hook=_as_json, order="deterministic")
_KEPT: dict[str, tuple[msgspec.Raw, Kept]] = {}
_KEPT_DECODER = msgspec.json.Decoder(Kept, dec_hook=_as_typed)
_KEPT_MAX = 50_000


@dataclass
class PageRecord:
    made: Made
    size: int
    search: str  # the digest of what Pagefind reads of it (search.search_digest)
    cached: list[str]  # as DocumentRecord.cached


@dataclass
class GroupRecord:
    """Outputs made together from one set of inputs (the pages across documents; the TEI zip)."""

    inputs: str
    files: dict[str, str]  # path → SHA-256
    parts: dict[str, str] = field(default_factory=dict)  # an archive's members: name → what it was made from


@dataclass
class SiteRecord:
    documents: dict[str, DocumentRecord] = field(default_factory=dict)  # by source name
    pages: dict[str, PageRecord] = field(default_factory=dict)  # the document pages, by path
    groups: dict[str, GroupRecord] = field(default_factory=dict)
    # What the build knew of its outputs' digests by file identity (writer.known_digests), and of its
    # inputs' (saved beside the record: `save_record`), under this environment: the next build checks
    # unchanged files by their identity alone.
    known_environment: str = ""
    known_files: list[Any] = field(default_factory=list)


def record_name(out_dir: Path) -> str:
    """One record per output folder: an edition built into two folders keeps two."""
    where = os.path.realpath(out_dir).encode("utf-8", "surrogateescape")
    return f"site-record-{hashlib.sha256(where).hexdigest()[:24]}.json"


@dataclass
class _Saved:
    format: int
    tool: str
    record: SiteRecord
    known_inputs: list[Any]  # inputs.known_inputs


@dataclass
class _Written:
    """_Saved with its record encoded beforehand (`encode_record`)."""

    format: int
    tool: str
    record: msgspec.Raw
    known_inputs: list[Any]


def load_record(folder: EditionFolder, secret: bytes, out_dir: Path) -> tuple[SiteRecord, list[Any]]:
    """The record of the build that made the site in out_dir and its known inputs; empty when
    there is none to trust."""
    payload = read_signed(folder, secret, record_name(out_dir), _RECORD_LIMIT) if secret else None
    if payload is None:
        return SiteRecord(), []
    try:
        saved = msgspec.json.decode(payload, type=_Saved, dec_hook=_as_typed)
    except msgspec.MsgspecError:  # another format (an older tool's): the site is made again
        return SiteRecord(), []
    if saved.format != _FORMAT or saved.tool != __version__:
        return SiteRecord(), []
    return saved.record, saved.known_inputs


def encode_record(record: SiteRecord) -> msgspec.Raw:
    """The record as JSON, for `save_record`: a build encodes it while Pagefind still runs (0.15 s
    for 20,000 documents); its known inputs, which include the ledgers written after the swap,
    are encoded after them."""
    return msgspec.Raw(_ENCODER.encode(record))


def save_record(folder: EditionFolder, secret: bytes, out_dir: Path, record: SiteRecord | msgspec.Raw,
                known_inputs: list[Any]) -> None:
    # Not compressed: zlib took 0.9 s to write and 0.5 s to read the record of 20,000 documents
    # (39 MB; 142 MB as it is). Not synced: losing it to a crash costs one full build, never a wrong page.
    encoded = record if isinstance(record, msgspec.Raw) else encode_record(record)
    payload = _ENCODER.encode(_Written(_FORMAT, __version__, encoded, known_inputs))
    write_signed(folder, secret, record_name(out_dir), payload, sync=False)


def digest(*parts: Any) -> str:
    """The digest of values made of dataclasses, tuples, lists, dicts and scalars, in a stable
    form (dictionaries by their sorted keys)."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else _ENCODER_SORTED.encode(part)
        hashed.update(len(data).to_bytes(8, "big") + data)
    return hashed.hexdigest()
