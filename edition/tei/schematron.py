"""A fast runner for ISO Schematron, evaluated with lxml's XPath 1.0.

lxml.isoschematron compiles a schema to XSLT and runs it through libxslt,
which costs ~25 ms per document before any rule fires (it walks every node of
the document once per pattern). This runner evaluates each check set-at-a-time:
one lxml XPath per assert selects the nodes on which it fails (the rule's
lets inlined into the test), so a valid document costs one pass per check.
It implements the part of ISO Schematron that schema/edition.sch uses —
phases, patterns, rules (first match per pattern), let (schema and rule
level, with external parameters), assert, report, value-of and name —
and defines the schema's one extension function, ed:unresolved.
tests/test_schematron_runner.py checks that it reports the same failures as
lxml.isoschematron on every fixture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

SCH = "http://purl.oclc.org/dsdl/schematron"
FUNCTIONS = "urn:edition:functions"


def _unresolved(context: Any, pointers: list[Any] | str, register: str) -> str:
    """ed:unresolved(@who, $register): the first '#id' naming no xml:id of the document
    and no register id, or '' when all resolve. Registered for lxml XPath and XSLT alike."""
    value = pointers if isinstance(pointers, str) else "".join(str(p) for p in pointers[:1])
    tokens = value.split()
    if bad := next((t for t in tokens if not t.startswith("#") or len(t) == 1), None):
        return bad
    wanted = [t[1:] for t in tokens if f" {t[1:]} " not in register]
    found = {element.get(XML_ID) for element in _BY_ID(context.context_node, ids=" ".join(wanted))}
    return next((f"#{target}" for target in wanted if target not in found), "")


_BY_ID = etree.XPath("id($ids)")
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


etree.FunctionNamespace(FUNCTIONS)["unresolved"] = _unresolved


@dataclass(frozen=True)
class Failure:
    node: etree._Element
    role: str
    message: str


@dataclass(frozen=True)
class _Check:
    firing: etree.XPath  # selects, in one pass, the context nodes on which this check fires
    role: str
    message: tuple[str | etree.XPath | None, ...]  # str pieces and compiled XPaths (value-of) or None (name)


@dataclass(frozen=True)
class _Rule:
    context: etree.XPath
    checks: tuple[_Check, ...]


def _split_top_level(expression: str, separator: str = "|") -> list[str]:
    """Split at a separator outside brackets and quotes."""
    parts, depth, quote, current = [], 0, "", ""
    for char in expression:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += char
    return [*parts, current]


def _match_to_xpath(pattern: str) -> str:
    """An XSLT match pattern → an XPath selecting every node it matches ('a | b' → '(//a | //b)')."""
    branches = [b.strip() if b.strip().startswith("/") else "/descendant::" + b.strip()
                for b in _split_top_level(pattern)]
    return "(" + " | ".join(branches) + ")"


def _inline_lets(expression: str, lets: list[tuple[str, str]]) -> str:
    """Replace $name by (its expression), latest let first, so a test can run set-at-a-time."""
    for name, value in reversed(lets):
        expression = re.sub(r"\$" + re.escape(name) + r"(?![\w.-])", f"({value})".replace("\\", r"\\"), expression)
    return expression


class Schematron:
    def __init__(self, path: Path, phase: str):
        schema = etree.parse(str(path)).getroot()
        self.ns = {ns.get("prefix"): ns.get("uri") for ns in schema.iterfind(f"{{{SCH}}}ns")}
        self.globals = [(let.get("name"), self._xpath(let.get("value"))) for let in schema.iterfind(f"{{{SCH}}}let")]
        active = {a.get("pattern") for p in schema.iterfind(f"{{{SCH}}}phase") if p.get("id") == phase
                  for a in p.iterfind(f"{{{SCH}}}active")}
        self.patterns = [
            [self._rule(rule) for rule in pattern.iterfind(f"{{{SCH}}}rule")]
            for pattern in schema.iterfind(f"{{{SCH}}}pattern")
            if not active or pattern.get("id") in active
        ]

    def _xpath(self, expression: str) -> etree.XPath:
        return etree.XPath(expression, namespaces=self.ns, smart_strings=False)

    def _rule(self, rule: etree._Element) -> _Rule:
        context = _match_to_xpath(rule.get("context"))
        let_sources = [(let.get("name"), let.get("value")) for let in rule.iterfind(f"{{{SCH}}}let")]
        checks = []
        for check in rule.iterchildren(f"{{{SCH}}}assert", f"{{{SCH}}}report"):
            test = _inline_lets(check.get("test"), let_sources)
            fires = test if etree.QName(check).localname == "report" else f"not({test})"
            role = check.get("role") or check.get("id") or "schematron"
            checks.append(_Check(self._xpath(f"{context}[{fires}]"), role, self._message(check, let_sources)))
        return _Rule(self._xpath(context), tuple(checks))

    def _message(self, check: etree._Element, lets: list[tuple[str, str]]) -> tuple[str | etree.XPath | None, ...]:
        pieces: list[str | etree.XPath | None] = [check.text or ""]
        for child in check.iterchildren(f"{{{SCH}}}value-of", f"{{{SCH}}}name"):
            name = etree.QName(child).localname
            select = _inline_lets(child.get("select"), lets)
            pieces.append(self._xpath(f"string({select})") if name == "value-of" else None)
            pieces.append(child.tail or "")
        return tuple(pieces)

    def validate(self, tree: etree._ElementTree, **parameters: str) -> list[Failure]:
        root = tree.getroot()
        variables: dict[str, Any] = {}
        for name, expression in self.globals:
            variables[name] = parameters[name] if name in parameters else expression(root, **variables)
        failures: list[Failure] = []
        for rules in self.patterns:
            # Within a pattern only the first rule whose context matches a node fires on it.
            claimed: set[etree._Element] = set()
            for index, rule in enumerate(rules):
                for check in rule.checks:
                    for node in check.firing(root, **variables):
                        if node not in claimed:
                            failures.append(Failure(node, check.role, self._text(check, node, variables)))
                if index + 1 < len(rules):
                    claimed.update(rule.context(root, **variables))
        return failures

    @staticmethod
    def _text(check: _Check, node: etree._Element, variables: dict[str, Any]) -> str:
        out = []
        for piece in check.message:
            if isinstance(piece, str):
                out.append(piece)
            elif piece is None:
                out.append(etree.QName(node).localname)
            else:
                out.append(piece(node, **variables))
        return " ".join("".join(out).split())
