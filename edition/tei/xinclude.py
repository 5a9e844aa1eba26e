"""XInclude, inside the edition only: follow what resolves there, fall back (with a warning) otherwise.

Editions split a TEI document into files (a shared header, an encoding
description) and join them with `xi:include`. The builder follows an include
whose file lies inside the edition folder, read through its resolver, parsed
with the safe parser. Nothing else is read: an address on the web is never
fetched, a path leaving the edition is never opened. Such an include, or one
whose file is missing, is replaced by its `xi:fallback` with a warning; with
no fallback it is an error naming the file and line, so no text is lost
without a word.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from edition.core.diagnostics import Diagnostic, EditionError, Severity
from edition.core.folder import EditionFolder
from edition.tei.xml import XML_ID, parse

XI_NS = "http://www.w3.org/2001/XInclude"
_INCLUDE, _FALLBACK = f"{{{XI_NS}}}include", f"{{{XI_NS}}}fallback"
_MAX_DEPTH = 16  # includes within included files; deeper is a loop in all but name
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_SHORTHAND = re.compile(r"^[^\W\d][\w.-]*$")  # an xpointer that names an xml:id


@dataclass(frozen=True)
class _Refusal:
    code: str
    message: str
    hint: str


def resolve_includes(tree: etree._ElementTree, file: Path, name: str, folder: EditionFolder) -> list[Diagnostic]:
    """Replace every xi:include of `tree` (read from `file`, shown as `name`) in place; what could not be done."""
    boundary = folder if _inside(file, folder.root) else EditionFolder(file.parent)
    return _resolve(tree.getroot(), file, name, boundary, (file.resolve(),))


def _resolve(root: etree._Element, file: Path, name: str, folder: EditionFolder,
             stack: tuple[Path, ...]) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    # One at a time in document order: a fallback's own includes come next, in this file's context.
    while (include := next(root.iterdescendants(_INCLUDE), None)) is not None:
        href = (include.get("href") or "").strip()
        parse_as, xpointer = include.get("parse", "xml"), include.get("xpointer")
        target, refusal = _locate(href, file, folder, stack, xpointer, parse_as)
        nodes: list[etree._Element | str] = []
        if target is not None:
            nodes, refusal, more = _read(target, folder, xpointer, parse_as, stack)
            diagnostics += more
        if refusal is not None:
            nodes, diagnostic = _fall_back(include, refusal, name)
            diagnostics.append(diagnostic)
        _replace(include, nodes)
    return diagnostics


def _fall_back(include: etree._Element, refusal: _Refusal, name: str) -> tuple[list[etree._Element | str], Diagnostic]:
    """The include's xi:fallback content with a warning; nothing, and an error, when it has none."""
    line = include.sourceline or 1
    fallback = include.find(_FALLBACK)
    if fallback is None:
        return [], Diagnostic(name, line, 1, refusal.code, refusal.message,
                              refusal.hint + "; or give the include an <xi:fallback>", Severity.ERROR)
    nodes: list[etree._Element | str] = ([fallback.text] if fallback.text else []) + list(fallback)
    return nodes, Diagnostic(name, line, 1, refusal.code, refusal.message + "; its xi:fallback is used",
                             refusal.hint, Severity.WARNING)


def _locate(href: str, file: Path, folder: EditionFolder, stack: tuple[Path, ...], xpointer: str | None,
            parse_as: str) -> tuple[Path | None, _Refusal | None]:
    shown = repr(href) if href else "of this same document"
    if parse_as not in ("xml", "text"):
        return None, _Refusal("xinclude-unsupported", f'XInclude {shown} has parse="{parse_as}"',
                              'use parse="xml" or parse="text"')
    if not href:
        return None, _Refusal("xinclude-unsupported", f"XInclude {shown} (xpointer {xpointer!r}) is not followed",
                              "include another file of the edition by its path")
    if _SCHEME.match(href) or href.startswith("//"):
        return None, _Refusal("xinclude-remote", f"XInclude of {href!r} is not fetched: the build reads nothing "
                              "from the network", "copy the file into the edition folder and include it by its path")
    target = file.parent / href
    relative = Path(os.path.relpath(target, folder.root))
    if relative.parts[:1] == ("..",) or (problem := folder.problem(relative)) and problem.code == "outside-edition":
        return None, _Refusal("xinclude-outside", f"XInclude of {href!r} points outside the edition and is not read",
                              "copy the file into the edition folder and include it from there")
    if problem:
        return None, _Refusal(problem.code, f"XInclude of {href!r}: {problem.message}", problem.hint)
    if not folder.is_file(relative):
        return None, _Refusal("xinclude-missing", f"XInclude of {href!r}: no such file in the edition",
                              f"put the file at {folder.shown(relative)}, or correct the href")
    if target.resolve() in stack or len(stack) > _MAX_DEPTH:
        return None, _Refusal("xinclude-loop", f"XInclude of {href!r} includes itself, directly or through others",
                              "break the loop of includes")
    return target, None


def _read(target: Path, folder: EditionFolder, xpointer: str | None, parse_as: str,
          stack: tuple[Path, ...]) -> tuple[list[etree._Element | str], _Refusal | None, list[Diagnostic]]:
    relative = Path(os.path.relpath(target, folder.root))
    shown = folder.shown(relative)
    try:
        data = folder.read_bytes(relative)
        if parse_as == "text":
            return [data.decode("utf-8-sig")], None, []
        included = parse(data, shown).getroot()
    except UnicodeDecodeError:
        return [], _Refusal("xinclude-broken", f"XInclude of {shown}: the file is not UTF-8 text",
                            "save it as UTF-8"), []
    except EditionError as failure:  # unreadable or not well-formed: say where, in that file
        first = failure.diagnostics[0]
        return [], _Refusal("xinclude-broken", f"XInclude of {shown}: line {first.line}, column {first.col}: "
                            f"{first.message}", first.hint), []
    if xpointer is not None:
        if not _SHORTHAND.match(xpointer.strip()):
            return [], _Refusal("xinclude-unsupported", f"XInclude xpointer {xpointer!r} is not followed",
                                "point at an element by its xml:id (xpointer=\"the-id\") or include the whole file"), []
        found = next((e for e in included.iter() if e.get(XML_ID) == xpointer.strip()), None)
        if found is None:
            return [], _Refusal("xinclude-missing", f"XInclude: no element with xml:id {xpointer!r} in {shown}",
                                "correct the xpointer"), []
        included = found
    diagnostics = _resolve(included, target, shown, folder, (*stack, target.resolve()))
    return [included], None, diagnostics


def _replace(include: etree._Element, nodes: list[etree._Element | str]) -> None:
    """Put `nodes` (elements, comments or strings) where `include` is, keeping the text around it."""
    parent = include.getparent()
    if parent is None:
        raise ValueError("an XInclude at the root of a document")  # the reader refuses a non-TEI root first
    tail = include.tail or ""
    previous = include.getprevious()
    index = parent.index(include)
    parent.remove(include)
    for node in nodes:
        if isinstance(node, str):
            if previous is None:
                parent.text = (parent.text or "") + node
            else:
                previous.tail = (previous.tail or "") + node
            continue
        node.tail = node.tail or ""
        parent.insert(index, node)
        index += 1
        previous = node
    if previous is None:
        parent.text = (parent.text or "") + tail
    else:
        previous.tail = (previous.tail or "") + tail


def _inside(file: Path, root: Path) -> bool:
    try:
        return file.resolve().is_relative_to(root.resolve())
    except OSError:
        return False
