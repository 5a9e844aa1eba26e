"""RELAX NG + Schematron → Diagnostics with file:line:col.

Schemas are compiled once per process. Positions come from a `locate` callback
so that TEI encoded from a .txt source reports lines of the .txt.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from lxml import etree, isoschematron

from edition.diagnostics import Diagnostic, error
from edition.resources import data_dir
from edition.tei import TEI_NS

Locate = Callable[[etree._Element], tuple[int, int]]
_POINTER_RULES = {"who-resolves": "who", "resp-resolves": "resp"}
_NS_BRACES = re.compile(r"\{" + re.escape(TEI_NS) + r"\}")


def default_locate(element: etree._Element) -> tuple[int, int]:
    return element.sourceline or 1, 1


@lru_cache(maxsize=8)
def _relaxng(path: Path) -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(path)))


@lru_cache(maxsize=8)
def _schematron(path: Path) -> isoschematron.Schematron:
    return isoschematron.Schematron(etree.parse(str(path)), store_report=True)


class Validator:
    """The edition's schema pair: schema/edition.rng and schema/edition.sch."""

    def __init__(self, schema_dir: Path | None = None):
        folder = schema_dir or data_dir("schema")
        self.relaxng = _relaxng(folder / "edition.rng")
        self.schematron = _schematron(folder / "edition.sch")

    def validate(self, tree: etree._ElementTree, filename: str,
                 locate: Locate = default_locate) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        if not self.relaxng.validate(tree):
            for entry in self.relaxng.error_log:
                element = _at_path(tree, entry.path)
                line, col = locate(element) if element is not None else (entry.line or 1, 1)
                found.append(error(filename, line, col, "schema", _readable(entry.message),
                                   "see docs/encoding.md for what the edition's TEI allows"))
        if not self.schematron.validate(tree):
            report = self.schematron.validation_report
            for failure in report.iter("{http://purl.oclc.org/dsdl/svrl}failed-assert"):
                element = _at_path(tree, failure.get("location"))
                line, col = locate(element) if element is not None else (1, 1)
                message = " ".join("".join(failure.itertext()).split())
                rule = failure.get("id") or "schematron"
                found.append(error(filename, line, col, rule, message, _hint(rule, element, tree)))
        return sorted(set(found))


def _hint(rule: str, element: etree._Element | None, tree: etree._ElementTree) -> str:
    """For a pointer that resolves nowhere: the nearest known ids."""
    if element is None or rule not in _POINTER_RULES:
        return "see docs/validation.md"
    known = sorted(set(tree.xpath("//tei:person/@xml:id", namespaces={"tei": TEI_NS}))) if rule == "who-resolves" \
        else sorted(set(tree.xpath("//@xml:id")))
    wanted = [t.lstrip("#") for t in (element.get(_POINTER_RULES[rule]) or "").split()]
    unknown = [t for t in wanted if t not in known]
    close = difflib.get_close_matches(unknown[0], known, n=1, cutoff=0.6) if unknown else []
    if close:
        return f"did you mean #{close[0]}?"
    return "known: " + ", ".join(f"#{k}" for k in known[:12]) if known else "declare the person in listPerson"


def _at_path(tree: etree._ElementTree, path: str | None) -> etree._Element | None:
    if not path:
        return None
    try:
        nodes = tree.xpath(path)
    except etree.XPathError:
        return None
    return nodes[0] if nodes and isinstance(nodes[0], etree._Element) else None


def _readable(message: str) -> str:
    return _NS_BRACES.sub("", message).replace("{", "").replace("}", "")
