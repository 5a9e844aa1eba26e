"""Find an edition's sources and read them as text, with clear errors for bad files."""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from edition.core.diagnostics import Diagnostic, Severity, error, warning
from edition.core.folder import EditionFolder

SOURCE_DIR = "sources"
MAX_SOURCE_BYTES = 20 * 1024 * 1024  # a page larger than this is unreadable on line; split the source
SUFFIXES = (".txt", ".xml")
# Document ids become file names and URL paths: letters (any script), digits, '-', '_', '.'.
_DOCUMENT_ID = re.compile(r"^[^\W_][\w.-]*$")
# Images a TEI source may name beside it (as edition/site/images.py copies them).
_IMAGE = re.compile(r"\.(png|jpe?g|gif|webp|avif|svg)$", re.IGNORECASE)
# Device names Windows reserves, whatever follows the first dot (con.txt, aux.html, lpt1.x).
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    id: str
    path: Path  # as shown to the user
    kind: str  # "txt" | "xml"
    relative: str = ""  # inside the edition folder ("" for a file named on the command line)

    @property
    def name(self) -> str:
        return str(self.path)


def discover(folder: EditionFolder) -> tuple[list[Source], list[Diagnostic]]:
    """The sources of the edition, and why any other name in sources/ is not one."""
    shown = folder.shown(SOURCE_DIR)
    if problem := folder.problem(SOURCE_DIR, "folder"):
        return [], [problem]
    if not folder.is_dir(SOURCE_DIR):
        return [], [error(shown, 1, 1, "no-sources", f"no {SOURCE_DIR}/ folder in {folder.root}",
                          f"put transcripts (.txt) or TEI files (.xml) in {shown}")]
    found: dict[str, Source] = {}  # by id with case folded: Doc and doc are one file on many disks and in URLs
    problems: list[Diagnostic] = []
    plain = folder.regular_files(SOURCE_DIR)
    for relative in folder.entries(SOURCE_DIR):
        if relative.name.startswith("."):
            continue  # hidden: .DS_Store, .gitkeep, an editor's swap file
        if relative.suffix not in SUFFIXES:
            problems.extend(problem for problem in [_not_read(folder, relative)] if problem)
            continue
        doc_id = relative.stem
        first = found.get(doc_id.casefold())
        problem = _unusable(folder, relative, plain.get(relative.name)) \
            or (_duplicate(folder, relative, first) if first else None)
        if problem:
            problems.append(problem)
            continue
        found[doc_id.casefold()] = Source(doc_id, folder.path(relative), relative.suffix[1:], relative.as_posix())
    if not found and not any(p.severity is Severity.ERROR for p in problems):
        problems.append(error(shown, 1, 1, "no-sources", f"{shown} holds no .txt or .xml sources",
                              "add a transcript (.txt) or a TEI file (.xml)"))
    return list(found.values()), problems


def _not_read(folder: EditionFolder, relative: Path) -> Diagnostic | None:
    """A warning for a name in sources/ that is not a source, saying why: the editor may have meant one.
    None for an image, or a folder without sources: TEI names its images relative to itself
    (`<graphic url="img/a.png"/>` in sources/letter.xml is sources/img/a.png)."""
    name, shown = relative.name, folder.shown(relative)
    if _IMAGE.search(name) and folder.is_file(relative):
        return None
    if folder.is_dir(relative):
        if not any(entry.suffix in SUFFIXES for entry in folder.entries(relative)):
            return None
        return warning(shown, 1, 1, "source-name", "folders in sources/ are not read",
                       "put every source directly in sources/")
    if name != name.strip():
        return warning(shown, 1, 1, "source-name", f"'{name}': the name begins or ends with a space; "
                       "this file is not read", f"rename it to '{name.strip()}'")
    if relative.suffix.lower() in SUFFIXES:
        return warning(shown, 1, 1, "source-name", f"'{name}': the suffix must be .txt or .xml in lower case; "
                       "this file is not read", f"rename it to '{relative.stem}{relative.suffix.lower()}'")
    if name.endswith(("~", ".bak", ".swp", ".tmp")) or name.startswith("#"):
        return warning(shown, 1, 1, "source-name", f"'{name}' looks like a backup or temporary file; "
                       "it is not read", "remove it, or move it out of sources/")
    return warning(shown, 1, 1, "source-name", f"'{name}': only .txt transcripts and .xml TEI files are "
                   "read from sources/", "pages go in pages/, notes in notes/; move other files out of sources/")


def _duplicate(folder: EditionFolder, relative: Path, first: Source) -> Diagnostic:
    same = first.id == relative.stem
    return error(folder.shown(relative), 1, 1, "duplicate-document",
                 f"two sources share the id '{relative.stem}': {first.path.name} and {relative.name}" if same else
                 f"the ids '{first.id}' ({first.path.name}) and '{relative.stem}' differ only in case: on macOS, "
                 "on Windows and on many web servers they name one file",
                 "rename one of them; each document needs its own id")


def is_document_id(text: str) -> bool:
    return bool(_DOCUMENT_ID.match(text))


def name_other_systems_refuse(stem: str) -> tuple[str, str] | None:
    """Why a name this system accepts breaks on another (a checkout, a zip, a web server), and the fix."""
    if _WINDOWS_RESERVED.match(stem):
        device = stem.split(".")[0]
        return (f"Windows reserves '{device}' for a device, whatever the suffix ({stem}.html too)",
                f"rename the file, for example to '{device}-1{stem[len(device):]}'")
    composed = unicodedata.normalize("NFC", stem)
    if composed != stem:
        return ("its accents are stored apart from their letters (Unicode NFD, as some macOS tools write "
                "names), so the same name typed on a keyboard is another file and another URL",
                f"retype the file name as '{composed}' (NFC)")
    return None


def _unusable(folder: EditionFolder, relative: Path, plain: os.stat_result | None) -> Diagnostic | None:
    """Why a file in sources/ cannot be a document, or None; `plain` is its status when it is a
    regular file, not a link (`regular_files`): anything else is checked through the resolver."""
    name = folder.shown(relative)
    if plain is None:
        if problem := folder.problem(relative):
            if problem.code == "outside-edition":
                return error(name, 1, 1, "source-outside", "this source links to a file outside the edition",
                             "copy the file into sources/ instead of linking to it")
            return problem
    size = (plain or folder.path(relative).stat()).st_size
    if size > MAX_SOURCE_BYTES:
        return error(name, 1, 1, "source-too-large", f"{size / 1e6:.0f} MB is more than one page can "
                     f"carry (limit {MAX_SOURCE_BYTES // 2**20} MiB)", "split the source into several documents")
    if refused := name_other_systems_refuse(relative.stem):
        why, fix = refused
        return error(name, 1, 1, "document-id", f"'{relative.stem}' cannot be a document id: {why}", fix)
    if not is_document_id(relative.stem):
        return error(name, 1, 1, "document-id", f"'{relative.stem}' cannot be a document id (it becomes a URL)",
                     "rename the file using letters, digits, '-', '_' or '.', without spaces")
    return None


def read_source_bytes(source: Source, folder: EditionFolder | None) -> bytes:
    """A source's bytes: through the edition's resolver, or as named on the command line."""
    if folder is not None and source.relative:
        return folder.read_bytes(source.relative, MAX_SOURCE_BYTES)
    return source.path.read_bytes()


def decode_transcript(data: bytes, name: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode a transcript: UTF-8 (BOM allowed) or UTF-16 with a BOM; anything else is an error."""
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
