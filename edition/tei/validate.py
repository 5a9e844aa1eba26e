"""RELAX NG + Schematron → Diagnostics with file:line:col.

Schemas are compiled once per process. Positions come from a `locate` callback
so that TEI encoded from a .txt source reports lines of the .txt.

Two profiles: the edition's own TEI is checked against schema/edition.rng and
every pattern of schema/edition.sch; TEI from elsewhere against the schema it
declares (<?xml-model?>, when that file is in the edition) and the Schematron
"site" phase: what the site needs to work.
"""

from __future__ import annotations

import difflib
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from edition.core.diagnostics import Diagnostic, EditionError, Severity, error, warning
from edition.core.resources import data_dir
from edition.tei.pageids import reserved_id_problems
from edition.tei.schematron import Schematron
from edition.tei.xml import NSMAP, TEI_NS, safe_parser

Locate = Callable[[etree._Element], tuple[int, int]]
RELAXNG_NS = "http://relaxng.org/ns/structure/1.0"
_POINTER_RULES = {"who-resolves": "who", "resp-resolves": "resp", "corresp-resolves": "corresp",
                  "target-resolves": "target"}


def default_locate(element: etree._Element) -> tuple[int, int]:
    return element.sourceline or 1, 1


@dataclass(frozen=True)
class Profile:
    """Which checks a document gets: a RELAX NG schema (or none) and a Schematron phase."""

    relaxng: Path | None
    phase: str  # "edition" | "site"
    # In TEI from elsewhere an unresolved @who is shown as its id: a warning, not an error.
    pointer_severity: Severity = Severity.ERROR


def edition_profile() -> Profile:
    return Profile(data_dir("schema") / "edition.rng", "edition")


def site_profile(relaxng: Path | None = None) -> Profile:
    return Profile(relaxng, "site", Severity.WARNING)


@lru_cache(maxsize=16)
def compile_relaxng(path: Path) -> etree.RelaxNG:
    if path.suffix == ".rnc":
        return etree.RelaxNG(etree.fromstring(_compact_to_xml(path), safe_parser()))
    return etree.RelaxNG(etree.parse(str(path), safe_parser()))


def schema_problems(path: Path, hint: str) -> list[Diagnostic]:
    """Why a schema an edition declares cannot be used, located in the schema file; [] when it compiles.
    The schema is the editor's file: a broken one is their error to fix, not a crash."""
    shown = str(path)
    try:
        compile_relaxng(path)
    except EditionError as failure:
        return failure.diagnostics
    except etree.XMLSyntaxError as exc:
        line, col = exc.position
        message = _POSITION_SUFFIX.sub("", exc.msg)
        return [error(shown, line or 1, col or 1, "declared-schema", f"not well-formed XML: {message}", hint)]
    except etree.RelaxNGParseError as exc:
        entry = exc.error_log[0] if exc.error_log else None
        message = _foreign_root(path) or (entry.message if entry else str(exc))
        line = entry.line if entry and path.suffix != ".rnc" else _line_naming(path, message)
        return [error(shown, max(line or 1, 1), 1, "declared-schema", f"not a RELAX NG schema: {message}", hint)]
    except _CompactSyntaxError as exc:
        return [error(shown, exc.line, exc.col, "declared-schema", f"not RELAX NG compact syntax: {exc}", hint)]
    except UnicodeDecodeError:
        return [error(shown, 1, 1, "declared-schema", "the schema is not UTF-8", "save it as UTF-8")]
    except OSError as exc:  # an included schema (a file the user names: shown from the schema's folder)
        named = os.path.relpath(exc.filename, path.parent.absolute()) if exc.filename else "it"
        return [error(shown, 1, 1, "declared-schema", f"cannot read {named}: {exc.strerror}", hint)]
    return []


def _foreign_root(path: Path) -> str:
    """libxml2 says "schemas is empty" of an XML file that is not RELAX NG: say what it is instead."""
    if path.suffix == ".rnc":
        return ""
    root = etree.parse(str(path), safe_parser()).getroot()
    name = etree.QName(root)
    if name.namespace == RELAXNG_NS:
        return ""
    return f"the root element is <{name.localname}> in {name.namespace or 'no namespace'}, not RELAX NG's"


_POSITION_SUFFIX = re.compile(r", line \d+, column \d+$")


class _CompactSyntaxError(Exception):
    def __init__(self, message: str, line: int, col: int):
        super().__init__(message)
        self.line, self.col = line, col


def _compact_to_xml(path: Path) -> bytes:
    """A .rnc schema as RELAX NG XML. rnc2rng fails in several ways on a broken file (a parse error,
    a lexing error, an AttributeError at an early end), all of them a problem of the file."""
    from rnc2rng import dumps, load  # RELAX NG compact syntax, converted once
    from rnc2rng.parser import ParseError
    from rply.errors import LexingError

    try:
        converted: str = dumps(load(str(path)))
        return converted.encode("utf-8")
    except ParseError as exc:
        _, line, col = exc.location
        raise _CompactSyntaxError(f"unexpected {exc.token.value!r}", line + 1, col + 1) from None
    except LexingError as exc:
        where = exc.getsourcepos()
        raise _CompactSyntaxError("a character the syntax does not allow", where.lineno, where.colno) from None
    except AttributeError:  # rnc2rng reaches the end of the file without a token to blame
        lines = path.read_text(encoding="utf-8").count("\n") or 1
        raise _CompactSyntaxError("the schema ends before it is complete", lines, 1) from None


def _line_naming(path: Path, message: str) -> int:
    """For a .rnc schema, libxml2 counts lines in the XML it was converted to: find the name instead."""
    name = re.search(r"Reference (\S+) has no matching definition", message)
    if name:
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            if re.search(rf"(?<![\w.-]){re.escape(name[1])}(?![\w.-])", line):
                return number
    return 1


@lru_cache(maxsize=4)
def _schematron(path: Path, phase: str) -> Schematron:
    return Schematron(path, phase)


class Validator:
    def __init__(self, register_ids: Iterable[str] = ()):
        self.schematron_path = data_dir("schema") / "edition.sch"
        self._register = " " + " ".join(sorted(register_ids)) + " "
        # Compile the edition's schemas now: once per process, not per document.
        compile_relaxng(edition_profile().relaxng)
        _schematron(self.schematron_path, "edition")

    def validate(self, tree: etree._ElementTree, filename: str, locate: Locate = default_locate,
                 profile: Profile | None = None) -> list[Diagnostic]:
        profile = profile or edition_profile()
        found: list[Diagnostic] = []
        if profile.relaxng is not None:
            found += self._relaxng(tree, filename, locate, compile_relaxng(profile.relaxng))
        found += self._rules(tree, filename, locate, profile)
        found += reserved_id_problems(tree, filename, locate)
        return sorted(set(found))

    @staticmethod
    def _relaxng(tree: etree._ElementTree, filename: str, locate: Locate, schema: etree.RelaxNG) -> list[Diagnostic]:
        if schema.validate(tree):
            return []
        found: dict[tuple[int, int], Diagnostic] = {}
        entries = list(schema.error_log)
        specific = [e for e in entries if not _SUMMARY.match(e.message)] or entries
        at_path = _PathFinder(tree)
        for entry in specific:
            element = at_path(entry.path)
            line, col = locate(element) if element is not None else (entry.line or 1, 1)
            # libxml2 often reports one mistake twice; the first words it at that position are kept.
            found.setdefault((line, col), error(filename, line, col, "schema", _readable(entry.message, element),
                                                "see docs/encoding.md for what the edition's TEI allows"))
        return list(found.values())

    def _rules(self, tree: etree._ElementTree, filename: str, locate: Locate, profile: Profile) -> list[Diagnostic]:
        found = []
        hints = _PointerHints(tree)
        for failure in _schematron(self.schematron_path, profile.phase).validate(
                tree, register=self._register):
            element = failure.node if isinstance(failure.node, etree._Element) else None
            line, col = locate(element) if element is not None else (1, 1)
            severity = profile.pointer_severity if failure.role in _POINTER_RULES else Severity.ERROR
            make = error if severity is Severity.ERROR else warning
            found.append(make(filename, line, col, failure.role, failure.message, hints.hint(failure.role, element)))
        return found


_CANDIDATES = {
    "who-resolves": "//tei:person/@xml:id | //tei:personGrp/@xml:id",
    "resp-resolves": "//tei:person/@xml:id | //tei:respStmt/@xml:id | //tei:editor/@xml:id"
                     " | //tei:name/@xml:id",
}
# libxml2's summaries of errors it also reports in detail.
_SUMMARY = re.compile(r"^Element \S+ failed to validate (attributes|content)$")


class _PointerHints:
    """Hints for pointers that resolve nowhere: the nearest known id, else some known ids.

    The ids a rule's pointers may name are collected once per document and each unknown id
    is looked up once (collected per failure, 25,000 broken pointers took over a minute)."""

    def __init__(self, tree: etree._ElementTree):
        self.tree = tree
        self._known: dict[str, tuple[list[str], set[str], _NearestId]] = {}
        self._close: dict[tuple[str, str], str | None] = {}

    def hint(self, rule: str, element: etree._Element | None) -> str:
        if element is None or rule not in _POINTER_RULES:
            return "see docs/validation.md"
        tokens = (element.get(_POINTER_RULES[rule]) or "").split()
        if bare := [t for t in tokens if not t.startswith("#")]:
            return f'a pointer starts with "#": write {_POINTER_RULES[rule]}="#{bare[0]}"'
        known, known_set, nearest = self._ids(rule)
        unknown = [t[1:] for t in tokens if t[1:] not in known_set]
        if unknown:
            key = (rule, unknown[0])
            if key not in self._close:
                self._close[key] = nearest(unknown[0])
            if self._close[key]:
                return f"did you mean #{self._close[key]}?"
        if known:
            return "known: " + ", ".join(f"#{k}" for k in known[:12])
        return "declare the person in particDesc/listPerson or in persons.toml"

    def _ids(self, rule: str) -> tuple[list[str], set[str], _NearestId]:
        if rule not in self._known:
            known = sorted(set(self.tree.xpath(_CANDIDATES.get(rule, "//@xml:id"), namespaces=NSMAP)))
            self._known[rule] = known, set(known), _NearestId(known)
        return self._known[rule]


class _NearestId:
    """difflib's closest match among known ids. Over a long list only the ids that share the
    most three-letter pieces with the unknown one are compared, so each look-up stays cheap."""

    COMPARE_ALL = 500  # up to this many ids, every one is compared
    SHORTLIST = 50
    COMMON = 200  # a piece shared by more ids than this says little about which one is meant

    def __init__(self, known: list[str]):
        self.known = known
        self.by_piece: dict[str, list[str]] = defaultdict(list)
        if len(known) > self.COMPARE_ALL:
            for name in known:
                for piece in _pieces(name):
                    self.by_piece[piece].append(name)

    def __call__(self, unknown: str) -> str | None:
        candidates = self.known if len(self.known) <= self.COMPARE_ALL else self._shortlist(unknown)
        close = difflib.get_close_matches(unknown, candidates, n=1, cutoff=0.6)
        return close[0] if close else None

    def _shortlist(self, unknown: str) -> list[str]:
        shared: Counter[str] = Counter()
        for piece in _pieces(unknown):
            names = self.by_piece.get(piece, ())
            if len(names) <= self.COMMON:
                shared.update(names)
        return [name for name, _ in shared.most_common(self.SHORTLIST)]


def _pieces(name: str) -> set[str]:
    padded = f"  {name} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


class _PathFinder:
    """The element a RELAX NG error's path names ('/*/*[2]/*/*[7]').

    libxml2's paths step through element children by position: each parent's children are
    listed once, so that thousands of errors among thousands of siblings stay linear (as
    XPath, each look-up walked the siblings again). Other paths go to XPath."""

    _STEP = re.compile(r"\*(?:\[(\d+)\])?")

    def __init__(self, tree: etree._ElementTree):
        self.tree = tree
        self._children: dict[etree._Element, list[etree._Element]] = {}

    def __call__(self, path: str | None) -> etree._Element | None:
        if not path or not path.startswith("/"):
            return _at_path(self.tree, path)
        node: etree._Element | None = None
        for step in path[1:].split("/"):
            match = self._STEP.fullmatch(step)
            if match is None:
                return _at_path(self.tree, path)
            siblings = [self.tree.getroot()] if node is None else self._elements(node)
            position = int(match[1] or 1) - 1
            if position >= len(siblings):
                return _at_path(self.tree, path)
            node = siblings[position]
        return node

    def _elements(self, parent: etree._Element) -> list[etree._Element]:
        if parent not in self._children:
            self._children[parent] = list(parent.iterchildren(etree.Element))
        return self._children[parent]


def _at_path(tree: etree._ElementTree, path: str | None) -> etree._Element | None:
    """The element an XPath names."""
    try:
        nodes = tree.xpath(path) if path else []
    except etree.XPathError:
        return None
    return nodes[0] if nodes and isinstance(nodes[0], etree._Element) else None


_MESSAGES = [
    (re.compile(r"^Did not expect element (\S+) there$"), "<{0}> is not allowed here"),
    (re.compile(r"^Element (\S+) has extra content: (\S+)$"), "<{0}> cannot contain <{1}> here"),
    (re.compile(r"^Expecting element (\S+), got (\S+)$"), "expected <{0}> here, found <{1}>"),
    (re.compile(r"^Expecting an element (\S+), got nothing$"), "<{0}> is missing here"),
    (re.compile(r"^Expecting an element , got nothing$"),
     "<{element}> is incomplete: an element it requires is missing"),
    (re.compile(r"^Element (\S+) failed to validate attributes$"), "<{0}> has a missing or wrong attribute"),
    (re.compile(r"^Element (\S+) failed to validate content$"), "<{0}> holds content the schema does not allow"),
    (re.compile(r"^Did not expect text in element (\S+) content$"), "<{0}> cannot hold text directly"),
    (re.compile(r"^Expecting a namespace for element (\S+)$"), "<{0}> is not in the TEI namespace ({ns})"),
    (re.compile(r"^Element (\S+), namespace '([^']*)': .*$"),
     "<{0}> is in namespace '{1}', expected the TEI namespace"),
]
_INVALID_ATTRIBUTE = re.compile(r"^Invalid attribute (\S+) for element (\S+)$")


def _readable(message: str, element: etree._Element | None) -> str:
    message = message.replace("{" + TEI_NS + "}", "")
    if match := _INVALID_ATTRIBUTE.match(message):
        value = element.get(match[1]) if element is not None else None
        shown = f'@{match[1]}="{value}"' if value is not None else f"@{match[1]}"
        return f"{shown} is not allowed on <{match[2]}> or has a wrong value"
    for pattern, template in _MESSAGES:
        if match := pattern.match(message):
            name = etree.QName(element).localname if element is not None else "element"
            return template.format(*match.groups(), ns=TEI_NS, element=name)
    return message
