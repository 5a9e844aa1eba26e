"""Command line: argument parsing and exit codes only; the work is done elsewhere.

Exit codes: 0 ok, 1 invalid input, 2 usage error.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path
from typing import NoReturn

from edition import __version__
from edition.core.diagnostics import Diagnostic, EditionError, Severity, has_errors

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)


def _summary(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def cmd_build(args: argparse.Namespace) -> int:
    from edition.build.progress import for_this_terminal
    from edition.build.stages import build
    from edition.build.timings import Timings
    from edition.tei.coverage import summary as coverage_summary

    started = time.perf_counter()
    edition_dir, out_dir = Path(args.edition), Path(args.out)
    timings = Timings()
    gc.disable()  # (the build pauses the collector anyway; here it stays paused after it too)
    try:
        result = build(edition_dir, out_dir, strict=args.strict, timings=timings, progress=for_this_terminal(),
                       incremental=not args.no_cache, jobs=args.jobs)
    except EditionError as failure:
        _print_diagnostics(failure.diagnostics)
        print(f"build failed ({_summary(failure.diagnostics)}); {out_dir} was not changed", file=sys.stderr)
        return EXIT_INVALID
    finally:
        # The command ends with the build: what the build made and still holds goes with the
        # process. Frozen out of the collector's sight, it is not walked first (1.1 s after a
        # rebuild of 20,000 documents, whose millions of objects the collector had never seen).
        gc.freeze()
        gc.enable()
    _print_diagnostics(result.diagnostics)
    speeches = sum(d.speeches for d in result.documents)
    persons = len({p.id for d in result.documents for p in d.persons})
    print(f"built {len(result.documents)} documents, {speeches} speeches, {persons} persons "
          f"({_summary(result.diagnostics)}) in {time.perf_counter() - started:.2f} s")
    for document, names in result.unhandled.items():
        for clause in coverage_summary(names):
            print(f"  {document}: {clause}")
    if args.timings:
        spread = f", summed over {result.processes} processes" if result.processes > 1 else ""
        print(f"time per stage{spread}:\n" + timings.report())
    print(f"open {out_dir / 'index.html'}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from edition.commands.checking import validate_paths

    diagnostics, checked = validate_paths([Path(p) for p in args.paths],
                                          Path(args.tei_all) if args.tei_all else None)
    _print_diagnostics(diagnostics)
    failed = has_errors(diagnostics, args.strict)
    print(f"{checked} file{'s' * (checked != 1)} checked: {_summary(diagnostics)}",
          file=sys.stderr if failed else sys.stdout)
    return EXIT_INVALID if failed else EXIT_OK


def cmd_encode(args: argparse.Namespace) -> int:
    from edition.commands.checking import encode_file

    diagnostics, tei = encode_file(Path(args.source))
    _print_diagnostics(diagnostics)
    if tei is None or has_errors(diagnostics, args.strict):
        return EXIT_INVALID
    if args.output:
        from edition.core.folder import write_atomic

        write_atomic(Path(args.output), tei)
    else:
        sys.stdout.buffer.write(tei)
    return EXIT_OK


def cmd_text(args: argparse.Namespace) -> int:
    from edition.commands.checking import tei_as_text

    diagnostics, text = tei_as_text(Path(args.file))
    _print_diagnostics(diagnostics)
    if text is None:
        return EXIT_INVALID
    sys.stdout.write(text)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from edition.site.linkcheck import check_site

    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{site}: error[no-site]: no index.html here; give the folder a build wrote", file=sys.stderr)
        return EXIT_USAGE
    problems, checked = check_site(site)
    _print_diagnostics(problems)
    print(f"{checked} links checked: {len(problems)} problem{'s' * (len(problems) != 1)}",
          file=sys.stderr if problems else sys.stdout)
    return EXIT_INVALID if problems else EXIT_OK


def cmd_release(args: argparse.Namespace) -> int:
    from edition.commands.release import make_release

    published, documents = make_release(Path(args.edition), args.version, args.note)
    print(f"release {args.version}: {published} anchors published for the first time in {documents} documents")
    print("build again to publish the site of this release")
    return EXIT_OK


def cmd_ids(args: argparse.Namespace) -> int:
    from edition.commands.ids import give_ids

    path = Path(args.file)
    added = give_ids(path, write=args.write)
    verb = "added" if args.write else "would add"
    print(f"{path}: {verb} {len(added)} xml:id{'s' * (len(added) != 1)}" + (f" ({', '.join(added[:8])}"
          + (", …" if len(added) > 8 else "") + ")" if added else ""))
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from edition.commands.scaffold import new_edition

    folder = Path(args.folder)
    new_edition(folder)
    print(f"created an edition in {folder}: edit {folder / 'sources' / 'example.txt'}, then run")
    print(f"  edition build {folder} --out {folder / 'site'}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from edition.commands.serve import serve

    edition_dir = Path(args.edition)
    out_dir = Path(args.out) if args.out else edition_dir / "site"
    serve(edition_dir, out_dir, args.host, args.port, report=lambda text: print(text, flush=True))
    return EXIT_OK


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of at least 1")
    return int(text)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="edition", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"edition {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = commands.add_parser("new", help="create a new edition folder with an example transcript")
    new.add_argument("folder", help="a new (or empty) folder")
    new.set_defaults(run=cmd_new)

    build = commands.add_parser("build", help="build an edition folder into a static site")
    build.add_argument("edition", nargs="?", default=".", help="edition folder (with edition.toml)")
    build.add_argument("--out", default="site", help="output folder (default: site)")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--timings", action="store_true", help="print the time spent in each stage")
    build.add_argument("--jobs", "-j", type=_positive, metavar="N",
                       help="worker processes for the per-document stages (default: one per core)")
    build.add_argument("--no-cache", action="store_true",
                       help="rebuild every document (the cache in .edition-cache/ is neither read nor written)")
    build.set_defaults(run=cmd_build)

    serve = commands.add_parser("serve", help="preview: build, serve on this machine, rebuild on every change")
    serve.add_argument("edition", nargs="?", default=".", help="edition folder (with edition.toml)")
    serve.add_argument("--out", help="output folder (default: site/ in the edition)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    serve.set_defaults(run=cmd_serve)

    validate = commands.add_parser("validate", help="check sources or TEI files without building")
    validate.add_argument("paths", nargs="+", help=".txt or .xml files, or edition folders")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.add_argument("--tei-all", metavar="RNG", help="also check against the official TEI schema at this path")
    validate.set_defaults(run=cmd_validate)

    encode = commands.add_parser("encode", help="encode a plain-text transcript as TEI")
    encode.add_argument("source", help="the transcript (.txt)")
    encode.add_argument("-o", "--output", help="write the TEI here (default: standard output)")
    encode.add_argument("--strict", action="store_true", help="treat warnings as errors")
    encode.set_defaults(run=cmd_encode)

    check = commands.add_parser("check", help="check that every link and anchor of a built site resolves")
    check.add_argument("site", nargs="?", default="site", help="the built site (default: site)")
    check.set_defaults(run=cmd_check)

    release = commands.add_parser("release", help="publish the current anchors under a version number")
    release.add_argument("version", help="the release, e.g. 1.0")
    release.add_argument("edition", nargs="?", default=".", help="edition folder (with edition.toml)")
    release.add_argument("--note", default="", help="what this release brings, for the Changes page")
    release.set_defaults(run=cmd_release)

    ids = commands.add_parser("ids", help="give the citable elements of a TEI source the xml:ids they lack")
    ids.add_argument("file", help="a TEI file")
    ids.add_argument("--write", action="store_true", help="change the file in place (atomically)")
    ids.set_defaults(run=cmd_ids)

    text = commands.add_parser("text", help="render TEI back to the archive's plain-text conventions")
    text.add_argument("file", help="a TEI file")
    text.set_defaults(run=cmd_text)
    return parser


def run(argv: list[str] | None = None) -> NoReturn:
    """The `edition` command: `main`, then out of the process at once. The interpreter's own
    teardown frees a large build's objects one by one (0.3 s of a 2.5 s rebuild of 1,000
    documents); by now every file is written and closed, so only the streams are flushed."""
    code = main(argv)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (`edition build | head`): nothing left to tell
        code = code or EXIT_INTERNAL
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code not in (0, None) else EXIT_OK
    try:
        code: int = args.run(args)
        return code
    except EditionError as failure:
        _print_diagnostics(failure.diagnostics)
        return EXIT_INVALID
    except OSError as exc:
        print(f"{exc.filename or ''}: error[io]: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug in edition, not in the user's files
        if os.environ.get("EDITION_DEBUG"):
            raise
        print(f"internal error: {type(exc).__name__}: {exc}\n"
              "This is a bug in edition; run again with EDITION_DEBUG=1 for details.", file=sys.stderr)
        return EXIT_INTERNAL
