"""Find an edition's sources and read them as text, with clear errors for bad files."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from edition.core.diagnostics import Diagnostic, error

SOURCE_DIR = "sources"
MAX_SOURCE_BYTES = 20 * 1024 * 1024  # a page larger than this is unreadable on line; split the source
SUFFIXES = (".txt", ".xml")
# Document ids become file names and URL paths: letters (any script), digits, '-', '_', '.'.
_DOCUMENT_ID = re.compile(r"^[^\W_][\w.-]*$")


@dataclass(frozen=True)
class Source:
    id: str
    path: Path
    kind: str  # "txt" | "xml"

    @property
    def name(self) -> str:
        return str(self.path)


def discover(edition_dir: Path) -> tuple[list[Source], list[Diagnostic]]:
    folder = edition_dir / SOURCE_DIR
    problems: list[Diagnostic] = []
    if not folder.is_dir():
        return [], [error(str(folder), 1, 1, "no-sources", f"no {SOURCE_DIR}/ folder in {edition_dir}",
                          f"put transcripts (.txt) or TEI files (.xml) in {folder}")]
    found: dict[str, Source] = {}
    root = edition_dir.resolve()
    for path in sorted(folder.iterdir()):
        if path.suffix not in SUFFIXES or path.name.startswith(".") or not (path.is_file() or path.is_symlink()):
            continue
        doc_id = path.stem
        problem = _unusable(path, root) or (
            error(str(path), 1, 1, "duplicate-document",
                  f"two sources share the id '{doc_id}': {found[doc_id].path.name} and {path.name}",
                  "rename one of them; each document needs its own id") if doc_id in found else None)
        if problem:
            problems.append(problem)
            continue
        found[doc_id] = Source(doc_id, path, path.suffix[1:])
    if not found and not problems:
        problems.append(error(str(folder), 1, 1, "no-sources", f"{folder} holds no .txt or .xml sources",
                              "add a transcript (.txt) or a TEI file (.xml)"))
    return list(found.values()), problems


def is_document_id(text: str) -> bool:
    return bool(_DOCUMENT_ID.match(text))


def _unusable(path: Path, root: Path):
    """Why a file in sources/ cannot be a document, or None."""
    name = str(path)
    if not path.resolve().is_relative_to(root):
        return error(name, 1, 1, "source-outside", "this source links to a file outside the edition",
                     "copy the file into sources/ instead of linking to it")
    if path.stat().st_size > MAX_SOURCE_BYTES:
        return error(name, 1, 1, "source-too-large", f"{path.stat().st_size / 1e6:.0f} MB is more than one page can "
                     f"carry (limit {MAX_SOURCE_BYTES // 2**20} MiB)", "split the source into several documents")
    if not is_document_id(path.stem):
        return error(name, 1, 1, "document-id", f"'{path.stem}' cannot be a document id (it becomes a URL)",
                     "rename the file using letters, digits, '-', '_' or '.', without spaces")
    return None


def read_text(path: Path) -> tuple[str | None, list[Diagnostic]]:
    """Decode a transcript: UTF-8 (BOM allowed) or UTF-16 with a BOM; anything else is an error."""
    data = path.read_bytes()
    name = str(path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:4096]:
        return None, [error(name, 1, 1, "not-text", "this file is binary or UTF-16 without a byte-order mark",
                            "save the transcript as UTF-8 plain text")]
    if not data.strip():
        return None, [error(name, 1, 1, "empty-file", "the transcript is empty",
                            "paste the transcript into it, or remove it from sources/")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [error(name, line, col, "encoding",
                            f"byte 0x{data[exc.start]:02x} is not UTF-8",
                            "save the file as UTF-8 (for example: iconv -f latin1 -t utf-8)")]
