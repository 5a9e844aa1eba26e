"""TEI sources (.xml): parse safely, check it is TEI, and choose how to validate it.

A source that declares its schema with <?xml-model href="…"?> is validated
against that schema when the file lies inside the edition (RELAX NG, XML or
compact syntax); a schema named edition.rng means the edition's own rules.
Otherwise the Schematron "site" phase checks what the site needs.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from lxml import etree

from edition.core.diagnostics import Diagnostic, EditionError, error, warning
from edition.core.folder import EditionFolder
from edition.tei.schema_refs import schema_reference_problems
from edition.tei.validate import RELAXNG_NS, Locate, Profile, edition_profile, schema_problems, site_profile
from edition.tei.xml import TEI_NS, local_name, parse


def read_tei(data: bytes, name: str) -> tuple[etree._ElementTree | None, Locate | None, list[Diagnostic]]:
    if not data.strip():
        return None, None, [error(name, 1, 1, "empty-file", "the file is empty",
                                  "put a TEI document in it, or remove it from sources/")]
    if declared := _foreign_encoding(data):
        return None, None, [error(name, 1, 1, "encoding", f"the file declares encoding=\"{declared}\"",
                                  "save it as UTF-8 and declare encoding=\"UTF-8\" (or none)")]
    try:
        tree = parse(data, name)
    except EditionError as failure:
        return None, None, failure.diagnostics
    root = tree.getroot()
    if local_name(root) != "TEI" or etree.QName(root).namespace != TEI_NS:
        found = etree.QName(root).namespace or "no namespace"
        return None, None, [error(name, root.sourceline or 1, 1, "not-tei",
                                  f"the root element is <{local_name(root)}> in {found}, not TEI",
                                  f'a TEI document starts with <TEI xmlns="{TEI_NS}">')]
    text = data.decode("utf-8", errors="replace")
    if too_deep := _too_deep(root, name):
        return None, None, [too_deep]
    return tree, _locator(text), _unsupported_features(tree, text, name)


# The stylesheet's XML reader (Saxon's, in Java) stops at elements nested deeper than this, with a
# message about jdk.xml.maxElementDepth and no place in the source: say it here, at the element.
MAX_DEPTH = 100


def _too_deep(root: etree._Element, name: str) -> Diagnostic | None:
    depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > MAX_DEPTH:
            return error(name, element.sourceline or 1, 1, "xml-too-deep",
                         f"<{local_name(element)}> is nested {depth} elements deep; the stylesheet reads at "
                         f"most {MAX_DEPTH}", "flatten the structure: close divisions, lists or notes sooner")
    return None


_DECLARATION = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _foreign_encoding(data: bytes) -> str:
    """An encoding declaration other than UTF-8/UTF-16: sources are read as Unicode only,
    since a wrong declaration silently garbles every non-ASCII letter."""
    match = _DECLARATION.match(data)
    if match and match[1].decode("ascii").upper().replace("_", "-") not in ("UTF-8", "UTF8", "UTF-16", "UTF16"):
        return match[1].decode("ascii")
    return ""


def _unsupported_features(tree: etree._ElementTree, text: str, name: str) -> list[Diagnostic]:
    """DTDs and entities are never loaded: say so rather than lose text silently (XIncludes: tei/xinclude.py)."""
    problems = []
    if tree.docinfo.doctype:
        line = text.count("\n", 0, max(text.find("<!DOCTYPE"), 0)) + 1
        problems.append(error(name, line, 1, "doctype",
                              "the file declares a DOCTYPE; DTDs are never loaded and entities never expanded",
                              "remove the <!DOCTYPE …> and write the characters that entity references stood for"))
    return problems


def _locator(text: str) -> Locate:
    """Line from the parser; column by finding the element's start tag on that line."""
    lines = text.split("\n")

    def locate(element: etree._Element) -> tuple[int, int]:
        line = element.sourceline or 1
        source_line = lines[line - 1] if line <= len(lines) else ""
        tag = "<" + (f"{element.prefix}:" if element.prefix else "") + local_name(element)
        found = source_line.find(tag)
        return line, found + 1 if found >= 0 else 1

    return locate


def choose_profile(tree: etree._ElementTree, path: Path, folder: EditionFolder) -> tuple[Profile, list[Diagnostic]]:
    for pi in _xml_models(tree):
        href = pi.get("href") or ""
        if pi.get("schematypens", RELAXNG_NS) != RELAXNG_NS and not href.endswith((".rng", ".rnc")):
            continue
        if Path(href).name == "edition.rng":
            return edition_profile(), []
        if not href.strip() or "://" in href:
            continue  # a schema on the web is never fetched
        outside = warning(str(path), pi.sourceline or 1, 1, "schema-outside",
                          f"the declared schema {href} lies outside the edition and is not read",
                          "copy the schema into the edition folder")
        relative = Path(os.path.relpath(path.parent / href, folder.root))  # by name: links are checked next
        if relative.parts[:1] == ("..",):
            if (path.parent / href).is_file():  # a stat only: nothing outside is read
                return site_profile(), [outside]
            continue
        if problem := folder.problem(relative):  # a link out of the edition, a loop, a folder
            return site_profile(), [outside if problem.code == "outside-edition" else problem]
        if not folder.is_file(relative):
            continue
        schema = folder.path(relative)
        # Every file the schema names is checked before libxml2 or rnc2rng follows it.
        if problems := schema_reference_problems(folder, relative) or schema_problems(
                schema, f"{path} declares this schema with <?xml-model?>: correct the "
                "schema, or remove the declaration to check the source with the site's rules"):
            return site_profile(), problems
        return site_profile(schema), []
    return site_profile(), []


def _xml_models(tree: etree._ElementTree) -> list[etree._ProcessingInstruction]:
    found = []
    node = tree.getroot().getprevious()
    while node is not None:
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model":
            found.append(node)
        node = node.getprevious()
    return list(reversed(found))
