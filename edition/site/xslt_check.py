"""What an edition's own stylesheet may do, checked before Saxon ever reads it.

An edition's xslt/tei-to-html.xsl may come from a stranger's repository, and
XSLT can read any file or URL (unparsed-text, doc, collection, …), read the
machine's environment (environment-variable), write files
(xsl:result-document) and build new code at run time (xsl:evaluate,
function-lookup, transform). Saxon runs restricted as well (no URI scheme at
all once compiled: see transform.py), but the compilation itself reads the
modules an edition imports, and a located error is worth more than Saxon's
refusal halfway through a build. So every module of the edition's stylesheet
is read through the resolver and parsed with the safe parser, and:

- every xsl:import/xsl:include names a file in the edition's xslt/ folder
  (or "edition:default", the bundled stylesheet), and no xml:base moves it;
- no function that reads outside the document, no instruction that writes or
  evaluates, no extension namespace (saxon:, java:, EXPath), no shadow
  attribute (which would build an expression from strings at compile time)
  and no DOCTYPE (whose entities Saxon's parser would load).

The bundled stylesheet is the tool's own code and is not checked here.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from lxml import etree

from edition.core.diagnostics import Diagnostic, EditionError, error
from edition.core.folder import EditionFolder
from edition.core.resources import DEFAULT_HREF
from edition.tei.xml import XML_NS, parse

XSL_NS = "http://www.w3.org/1999/XSL/Transform"
FN_NS = "http://www.w3.org/2005/xpath-functions"
XSLT_FOLDER = "xslt"

_READS = "reads files or URLs"
_ENVIRONMENT = "reads the environment of the machine that builds the edition"
_CODE = "runs code made from strings, which the build cannot check"
REFUSED_FUNCTIONS = {
    "unparsed-text": _READS, "unparsed-text-lines": _READS, "unparsed-text-available": _READS,
    "doc": _READS, "document": _READS, "doc-available": _READS, "collection": _READS,
    "uri-collection": _READS, "json-doc": _READS, "parse-xml": _READS, "parse-xml-fragment": _READS,
    "environment-variable": _ENVIRONMENT, "available-environment-variables": _ENVIRONMENT,
    "function-lookup": _CODE, "load-xquery-module": _CODE, "transform": _CODE,
}
REFUSED_INSTRUCTIONS = {
    "result-document": "writes a file", "source-document": _READS, "evaluate": _CODE,
    "import-schema": _READS, "use-package": _READS,
}
REFUSED_NAMESPACES = ("http://saxon.sf.net/", "http://saxonica.com/", "java:", "clitype:", "http://expath.org/")
_HINT = "a stylesheet may read only the document it transforms: put the data it needs in the stylesheet itself"

# A function call or a named function reference: name, optionally prefixed or in Q{…} form, then ( or #.
_CALL = re.compile(r"(?<![\w.\-$@:}])(?:(?P<prefix>[A-Za-z_][\w.-]*):|Q\{(?P<uri>[^}]*)\})?"
                   r"(?P<name>" + "|".join(sorted(map(re.escape, REFUSED_FUNCTIONS), key=len, reverse=True))
                   + r")\s*[(#]")
_COMMENT = re.compile(r"\(:(?:(?!\(:|:\)).)*:\)", re.DOTALL)  # innermost first, so nesting is removed
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def check_stylesheet(folder: EditionFolder, main: str) -> list[Diagnostic]:
    """Every problem in the edition's stylesheet `main` (a path in the edition) and the modules it imports."""
    found: list[Diagnostic] = []
    pending, seen = [main], {main}
    while pending:
        relative = pending.pop(0)
        try:
            module = _Module(folder, relative)
        except EditionError as failure:
            found += failure.diagnostics
            continue
        found += module.problems()
        for imported in module.imports:
            if imported not in seen:
                seen.add(imported)
                pending.append(imported)
    return found


class _Module:
    """One stylesheet module of the edition, parsed safely."""

    def __init__(self, folder: EditionFolder, relative: str):
        self.folder = folder
        self.relative = relative
        self.shown = folder.shown(relative)
        data = folder.read_bytes(relative)
        self.tree = parse(data, self.shown)
        self.lines = data.decode("utf-8", errors="replace").split("\n")
        self.imports: list[str] = []

    def problems(self) -> list[Diagnostic]:
        found = []
        if self.tree.docinfo.doctype:
            found.append(error(self.shown, 1, 1, "xslt-unsafe", "the stylesheet declares a DOCTYPE",
                               "remove the <!DOCTYPE …>: its entities could name files outside the edition"))
        for element in self.tree.getroot().iter():
            if isinstance(element.tag, str):
                found += self._element(element)
        return found

    def _element(self, element: etree._Element) -> Iterator[Diagnostic]:
        name = etree.QName(element)
        xslt = name.namespace == XSL_NS
        if xslt and name.localname in ("import", "include"):
            yield from self._import(element, name.localname)
        if xslt and name.localname in REFUSED_INSTRUCTIONS:
            instruction = f"xsl:{name.localname}"
            hint = "a stylesheet's only output is the page's fragment" if name.localname == "result-document" \
                else _HINT
            yield self._error(element, instruction, f"{instruction} {REFUSED_INSTRUCTIONS[name.localname]}", hint)
        parent = element.getparent()
        inherited = set(parent.nsmap.items()) if parent is not None else set()
        for _, uri in set(element.nsmap.items()) - inherited:  # declared on this element
            if uri and uri.startswith(REFUSED_NAMESPACES):
                yield self._error(element, uri, f"the extension namespace {uri} is not allowed",
                                  "use the functions of XPath and of the stylesheet itself")
        for attribute, value in element.attrib.items():
            attribute_name = etree.QName(attribute)
            if attribute_name.namespace == XML_NS and attribute_name.localname == "base":
                yield self._error(element, "xml:base", "xml:base would move where imports and documents are read from",
                                  "remove the xml:base attribute")
            elif xslt and attribute_name.namespace is None and attribute.startswith("_"):
                yield self._error(element, attribute, f"the shadow attribute {attribute} builds an expression from "
                                  "strings when the stylesheet is compiled", "write the expression itself")
            elif xslt or "{" in value:  # an XSLT attribute holds XPath; another one only in { }
                yield from self._calls(element, value)
        for text in (element.text, element.tail):
            if text and "{" in text:  # a text value template
                yield from self._calls(element, text)

    def _import(self, element: etree._Element, kind: str) -> Iterator[Diagnostic]:
        href = (element.get("href") or "").strip()
        if href == DEFAULT_HREF:
            return
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.relative), href)) if href else ""
        if not href or _SCHEME.match(href) or href.startswith("/") \
                or not target.startswith(XSLT_FOLDER + "/"):
            yield self._error(element, "href", f"xsl:{kind} of '{href}': only files in the edition's "
                              f"{XSLT_FOLDER}/ folder or \"{DEFAULT_HREF}\" may be {kind.removesuffix('e')}ed",
                              f"copy the stylesheet into {XSLT_FOLDER}/ and name it relative to this one",
                              code="xslt-outside")
        elif problem := self.folder.problem(target):
            yield self._error(element, "href", f"xsl:{kind} of '{href}': {problem.message}", problem.hint,
                              code=problem.code)
        elif not self.folder.is_file(target):
            yield self._error(element, "href", f"xsl:{kind} of '{href}': no such file in the edition",
                              f"check the name, relative to {self.relative}", code="xslt-missing")
        else:
            self.imports.append(target)

    def _calls(self, element: etree._Element, expression: str) -> Iterator[Diagnostic]:
        text = expression
        while (stripped := _COMMENT.sub(" ", text)) != text:
            text = stripped
        for match in _CALL.finditer(text):
            namespace = match["uri"] if match["uri"] is not None else \
                element.nsmap.get(match["prefix"]) if match["prefix"] else FN_NS
            if namespace == FN_NS:  # a function of the stylesheet's own namespace may have any name
                name = match["name"]
                yield self._error(element, name, f"{name}() {REFUSED_FUNCTIONS[name]}")

    def _error(self, element: etree._Element, what: str, message: str, hint: str = _HINT,
               code: str = "xslt-unsafe") -> Diagnostic:
        line = element.sourceline or 1
        column = self.lines[line - 1].find(what) + 1 if line <= len(self.lines) else 0
        return error(self.shown, line, column or 1, code, message, hint)
