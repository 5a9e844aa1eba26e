"""The files a declared schema names, checked through the resolver before any parser reads them.

A TEI source may declare its own schema (<?xml-model href="schema.rng"?>), and
that schema may name others: RELAX NG `<include href>` and `<externalRef href>`,
compact syntax `include "…"`. libxml2 and rnc2rng follow those names by
themselves — to any path, and rnc2rng to any URL — so every name is checked
here first, module by module: it must be a relative path to a file inside the
edition (no URL, no absolute path, no '..' out of it, no link leaving it, no
xml:base moving it). Only then is the schema compiled. Each refusal is located
at the line that names the file.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from pathlib import Path

from edition.core.diagnostics import Diagnostic, EditionError, error
from edition.core.folder import EditionFolder
from edition.tei.xml import XML_NS, parse

RELAXNG_NS = "http://relaxng.org/ns/structure/1.0"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def schema_reference_problems(folder: EditionFolder, schema: str | Path) -> list[Diagnostic]:
    """Why the schema `schema` (a path in the edition), or a schema it names, would be read from outside
    the edition or from the network; [] when every file it names, at any depth, lies inside it."""
    found: list[Diagnostic] = []
    pending, seen = [Path(schema).as_posix()], set()
    while pending:
        relative = pending.pop(0)
        if relative in seen:
            continue
        seen.add(relative)
        if problem := folder.problem(relative):
            found.append(problem)
            continue
        if not folder.is_file(relative):
            continue  # a missing file: compiling the schema says so
        shown = folder.shown(relative)
        try:
            data = folder.read_bytes(relative)
            references = list(_compact_references(data) if relative.endswith(".rnc") else _xml_references(data, shown))
        except EditionError as failure:
            found += failure.diagnostics
            continue
        for line, href in references:
            target = _target(relative, href)
            problem = _refusal(shown, line, href, target)
            if problem is None and (outside := folder.problem(target)):
                problem = error(shown, line, 1, outside.code, f"the schema names '{href}': {outside.message}",
                                outside.hint)
            if problem is not None:
                found.append(problem)
            else:
                pending.append(target)
    return found


def _target(relative: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(relative), href))


def _refusal(shown: str, line: int, href: str, target: str) -> Diagnostic | None:
    if _SCHEME.match(href) or href.startswith("//"):
        return error(shown, line, 1, "schema-url", f"the schema names '{href}': schemas are never fetched",
                     "save that schema in the edition and name it by a relative path")
    if not href.strip() or href.startswith("/") or target == ".." or target.startswith("../"):
        return error(shown, line, 1, "outside-edition", f"the schema names '{href}', which is not a file inside "
                     "the edition", "copy that schema into the edition and name it by a path relative to this one")
    return None


def _xml_references(data: bytes, shown: str) -> Iterator[tuple[int, str]]:
    """(line, href) of every include and externalRef of a RELAX NG module; xml:base and DOCTYPE refused."""
    try:
        tree = parse(data, shown)
    except EditionError:
        return  # not well-formed: libxml2 reads nothing through it, and compiling reports it
    if tree.docinfo.doctype:
        raise EditionError([error(shown, 1, 1, "schema-doctype", "the schema declares a DOCTYPE",
                                  "remove the <!DOCTYPE …>: its entities could name files outside the edition")])
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.get(f"{{{XML_NS}}}base") is not None:
            raise EditionError([error(shown, element.sourceline or 1, 1, "schema-xml-base",
                                      "xml:base would move where the schema's includes are read from",
                                      "remove the xml:base attribute")])
        if element.tag in (f"{{{RELAXNG_NS}}}include", f"{{{RELAXNG_NS}}}externalRef"):
            yield element.sourceline or 1, (element.get("href") or "").strip()


def _compact_references(data: bytes) -> Iterator[tuple[int, str]]:
    """(line, href) of every `include "…"` of a compact-syntax module, found with rnc2rng's own lexer, so
    that what is checked is what rnc2rng would open. Up to a lexing error: rnc2rng may open an include
    before it meets one further on."""
    from rnc2rng.parser import lex
    from rply.errors import LexingError

    try:
        text = data.decode("utf-16" if data[:2] in (b"\xfe\xff", b"\xff\xfe") else "utf-8")
    except UnicodeDecodeError:
        return  # rnc2rng cannot read it either
    tokens = []
    try:
        tokens.extend(lex(text))
    except LexingError:
        pass  # the tokens before the error are those rnc2rng may act on
    for at, token in enumerate(tokens[:-1]):
        if token.name == "INCLUDE" and tokens[at + 1].name == "LITERAL":
            href, after = tokens[at + 1].value, at + 2
            while after + 1 < len(tokens) and tokens[after].name == "TILDE" and tokens[after + 1].name == "LITERAL":
                href, after = href + tokens[after + 1].value, after + 2  # include "a" ~ "b.rnc"
            yield tokens[at + 1].getsourcepos().lineno, href
