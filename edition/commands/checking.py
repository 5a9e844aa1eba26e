"""`edition validate`, `edition encode` and `edition text`: phase 1 of a build, for files or edition
folders, and the way back from TEI to a transcript. Each refuses the wrong kind of file with a hint
to the command that takes it."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from edition.build.prepare import Prepared, encode_options, prepare, prepare_all
from edition.core.diagnostics import Diagnostic, error
from edition.project.config import CONFIG_FILE, Config
from edition.project.edition import Edition, bare_edition, load_edition
from edition.project.sources import SUFFIXES, Source
from edition.tei.plaintext import to_text
from edition.tei.validate import Validator, compile_relaxng
from edition.tei.xml import TEI_NS, parse, serialize


def edition_of(path: Path) -> Path | None:
    """The edition folder a file belongs to: the nearest parent with an edition.toml."""
    for folder in [path.parent, *path.parent.parents][:3]:
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def _edition_around(path: Path) -> tuple[Edition, list[Diagnostic]]:
    """The edition a file belongs to, or a bare one (no config, no register) for a file on its own."""
    folder = edition_of(path)
    return load_edition(folder) if folder is not None else (bare_edition(path.parent, Config(title="")), [])


def validate_paths(paths: list[Path], tei_all: Path | None = None) -> tuple[list[Diagnostic], int]:
    """Every problem of every path, in one run. Returns diagnostics and how many sources were checked."""
    diagnostics: list[Diagnostic] = []
    if tei_all is not None and not tei_all.is_file():
        return [error(str(tei_all), 1, 1, "no-such-schema", "no such schema file",
                      "give the path of tei_all.rng (from the TEI Consortium)")], 0
    checked = 0
    for path in paths:
        if path.is_dir():
            edition, problems = load_edition(path)
            sources = list(edition.sources)
        elif path.is_file() and path.suffix in SUFFIXES:
            edition, problems = _edition_around(path)
            sources = [Source(path.stem, path, path.suffix[1:])]
        else:
            diagnostics.append(error(str(path), 1, 1, "no-such-source",
                                     "not a .txt or .xml file, nor an edition folder",
                                     "give the path of a transcript, a TEI file or an edition folder"))
            continue
        prepared, found = prepare_all(edition, sources)
        diagnostics += problems + found
        if tei_all is not None:
            diagnostics += _check_tei_all(prepared, tei_all)
        checked += len(sources)
    return diagnostics, checked


def _check_tei_all(prepared: list[Prepared], schema_path: Path) -> list[Diagnostic]:
    schema = compile_relaxng(schema_path.resolve())
    found = []
    for document in prepared:
        if not schema.validate(document.tree):
            for entry in schema.error_log:
                found.append(error(document.source.name, entry.line or 1, entry.column or 1, "tei-all",
                                   entry.message, f"the document is not valid against {schema_path.name}"))
    return found


def encode_file(path: Path) -> tuple[list[Diagnostic], bytes | None]:
    if not path.is_file():
        return [error(str(path), 1, 1, "no-such-source", "no such file")], None
    if _looks_like_xml(path):
        return [error(str(path), 1, 1, "not-a-transcript", "this is XML, not a plain-text transcript",
                      f"it needs no encoding: `edition validate {path}` checks it, "
                      f"`edition text {path}` shows it as a transcript")], None
    edition, problems = _edition_around(path)
    options = encode_options(edition.config, edition.register)
    prepared, diagnostics = prepare(Source(path.stem, path, "txt"), edition.folder, options,
                                    Validator(edition.register.ids))
    return problems + diagnostics, serialize(prepared.tree) if prepared else None


def tei_as_text(path: Path) -> tuple[list[Diagnostic], str | None]:
    """A TEI file rendered back to the archive's plain-text conventions; anything else is refused."""
    if not path.is_file():
        return [error(str(path), 1, 1, "no-such-source", "no such file")], None
    if not _looks_like_xml(path):
        return [error(str(path), 1, 1, "not-tei", "this is not XML, so not a TEI file",
                      f"a transcript is already text; `edition encode {path}` turns it into TEI")], None
    tree = parse(path.read_bytes(), str(path))
    root = tree.getroot()
    if root.tag != f"{{{TEI_NS}}}TEI":
        return [error(str(path), root.sourceline or 1, 1, "not-tei",
                      f"the root element is <{etree.QName(root).localname}>"
                      + (f" in {etree.QName(root).namespace}" if etree.QName(root).namespace else " in no namespace")
                      + f", not <TEI> in {TEI_NS}",
                      "give a TEI file: its root is <TEI xmlns=\"http://www.tei-c.org/ns/1.0\">")], None
    return [], to_text(tree)


def _looks_like_xml(path: Path) -> bool:
    """XML by its name or by its first bytes (a byte-order mark and white space allowed)."""
    if path.suffix.lower() == ".xml":
        return True
    with path.open("rb") as stream:
        start = stream.read(256)
    return start.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<")
