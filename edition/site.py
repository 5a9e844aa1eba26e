"""build(): the stage order.

Phase 1 reads, encodes, anchors and validates every source before anything
is written; phase 2 transforms, renders and publishes in one atomic swap.
A failed build leaves the previous site untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition.anchors import assign_anchors
from edition.config import Config, load_config
from edition.diagnostics import Diagnostic, EditionError, Severity, has_errors
from edition.encode import EncodeOptions, Publication, encode_transcript
from edition.metadata import DocumentMeta, read_metadata
from edition.render import RenderedDocument, Renderer
from edition.resources import data_dir
from edition.sources import Source, discover, read_text
from edition.tei import local_name, parse, serialize
from edition.transform import Transformer
from edition.validate import Locate, Validator
from edition.writer import publish


@dataclass
class Prepared:
    source: Source
    tree: etree._ElementTree
    meta: DocumentMeta


@dataclass
class BuildResult:
    documents: list[DocumentMeta] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]


def encode_options(config: Config) -> EncodeOptions:
    return EncodeOptions(
        publication=Publication(config.publisher or config.title or Publication.publisher,
                                config.licence, config.licence_url),
        original_language=config.original_language,
        speakers=config.speakers,
    )


def load_source(source: Source, options: EncodeOptions) -> tuple[etree._ElementTree | None, Locate, list[Diagnostic]]:
    """A source as a TEI tree, with a way to locate its elements in the source file."""
    if source.kind == "txt":
        text, problems = read_text(source.path)
        if text is None:
            return None, _no_locate, problems
        encoded = encode_transcript(text, source.name, options)
        columns = encoded.columns
        return encoded.tree, lambda el: (el.sourceline or 1, columns.get(el, 1)), problems + encoded.diagnostics
    try:
        tree = parse(source.path.read_bytes(), source.name)
    except EditionError as failure:
        return None, _no_locate, failure.diagnostics
    return tree, xml_locator(source.path.read_text(encoding="utf-8", errors="replace")), []


def _no_locate(element: etree._Element) -> tuple[int, int]:
    return 1, 1


def xml_locator(text: str) -> Locate:
    """Line from the parser; column by finding the element's start tag on that line."""
    lines = text.split("\n")

    def locate(element: etree._Element) -> tuple[int, int]:
        line = element.sourceline or 1
        source_line = lines[line - 1] if line <= len(lines) else ""
        found = source_line.find("<" + (element.prefix + ":" if element.prefix else "") + local_name(element))
        return line, found + 1 if found >= 0 else 1

    return locate


def prepare(source: Source, options: EncodeOptions, validator: Validator) -> tuple[Prepared | None, list[Diagnostic]]:
    tree, locate, diagnostics = load_source(source, options)
    if tree is None:
        return None, diagnostics
    assign_anchors(tree)
    diagnostics += validator.validate(tree, source.name, locate)
    return Prepared(source, tree, read_metadata(source.id, tree)), diagnostics


def _sort_key(meta: DocumentMeta) -> tuple[str, str]:
    return meta.date_when or "9999", meta.id


def build(edition_dir: Path, out_dir: Path, strict: bool = False) -> BuildResult:
    config, diagnostics = load_config(edition_dir)
    sources, problems = discover(edition_dir)
    diagnostics += problems
    options = encode_options(config)
    validator = Validator()
    prepared: list[Prepared] = []
    for source in sources:
        document, found = prepare(source, options, validator)
        diagnostics += found
        if document is not None:
            prepared.append(document)
    if has_errors(diagnostics, strict):
        raise EditionError(diagnostics)

    prepared.sort(key=lambda d: _sort_key(d.meta))
    transformer = Transformer()
    renderer = Renderer(config, edition_dir)
    files: dict[str, bytes] = {}
    metas = [d.meta for d in prepared]
    for index, document in enumerate(prepared):
        tei = serialize(document.tree)
        html = transformer.to_html(tei, document.source.name)
        previous = metas[index - 1] if index else None
        following = metas[index + 1] if index + 1 < len(metas) else None
        files[f"documents/{document.meta.id}.html"] = renderer.document(
            RenderedDocument(document.meta, html), previous, following)
        files[f"documents/{document.meta.id}.xml"] = tei
    files["index.html"] = renderer.index(metas)
    files.update(_static_files(edition_dir))
    publish(files, out_dir)
    return BuildResult(metas, diagnostics)


def _static_files(edition_dir: Path) -> dict[str, bytes]:
    """Bundled static assets, overridden file by file by the edition's templates/static/."""
    files: dict[str, bytes] = {}
    for folder in (data_dir("templates") / "static", edition_dir / "templates" / "static"):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    files["static/" + path.relative_to(folder).as_posix()] = path.read_bytes()
    return files
