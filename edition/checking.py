"""`edition validate` and `edition encode`: the stages of a build, for single files."""

from __future__ import annotations

from pathlib import Path

from edition.config import CONFIG_FILE, Config, load_config
from edition.diagnostics import Diagnostic, error
from edition.encode import EncodeOptions
from edition.site import encode_options, prepare
from edition.sources import SUFFIXES, Source, discover
from edition.tei import serialize
from edition.validate import Validator


def _options_for(path: Path) -> EncodeOptions:
    """Use the edition.toml of the edition a file belongs to, if any."""
    for folder in [path.parent, *path.parent.parents][:3]:
        if (folder / CONFIG_FILE).is_file():
            config, _ = load_config(folder)
            return encode_options(config)
    return encode_options(Config(title=""))


def validate_paths(paths: list[Path]) -> tuple[list[Diagnostic], int]:
    validator = Validator()
    diagnostics: list[Diagnostic] = []
    sources: list[tuple[Source, EncodeOptions]] = []
    for path in paths:
        if path.is_dir():
            config, problems = load_config(path)
            found, more = discover(path)
            diagnostics += problems + more
            sources += [(s, encode_options(config)) for s in found]
        elif path.is_file() and path.suffix in SUFFIXES:
            sources.append((Source(path.stem, path, path.suffix[1:]), _options_for(path)))
        else:
            diagnostics.append(error(str(path), 1, 1, "no-such-source",
                                     "not a .txt or .xml file, nor an edition folder",
                                     "give the path of a transcript, a TEI file or an edition folder"))
    for source, options in sources:
        diagnostics += prepare(source, options, validator)[1]
    return diagnostics, len(sources)


def encode_file(path: Path) -> tuple[list[Diagnostic], bytes | None]:
    if not path.is_file():
        return [error(str(path), 1, 1, "no-such-source", "no such file")], None
    validator = Validator()
    prepared, diagnostics = prepare(Source(path.stem, path, "txt"), _options_for(path), validator)
    return diagnostics, serialize(prepared.tree) if prepared else None
