"""Which TEI elements of a document the stylesheet has no rule for, and which it shows nothing of.

An element without a rule is not lost — the fallback template passes its text
through in a span classed tei-NAME — but the build summary names it ("passed
through as text"), so an editor knows where the page may not do the encoding
justice. An element whose only rule shows nothing, while it holds words and
edition/tei/views.py does not declare it as metadata (HIDDEN) or a marker, is
named too ("text not shown"): its words are dropped and no document says why.
The rules are read from the stylesheet that applies — an edition's own
xslt/tei-to-html.xsl with everything it imports — so a rule an edition adds
counts.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from lxml import etree

from edition.core.diagnostics import EditionError
from edition.core.resources import DEFAULT_HREF, data_dir
from edition.tei.conventions import CONVENTIONS
from edition.tei.views import Show, rendering
from edition.tei.xml import TEI_NS, parse, q

_XSL = "{http://www.w3.org/1999/XSL/Transform}"
# Elements rendered by their parent's rule rather than a rule of their own.
_THROUGH_PARENT = {c.words_in for c in CONVENTIONS if c.words_in} | {
    "lem", "rdg", "sic", "corr", "abbr", "expan", "orig", "reg"}
_MATCHED = re.compile(r"tei:([A-Za-z][A-Za-z0-9]*)")  # element names may end in digits (div1, div2)


def _stylesheets(stylesheet: Path) -> list[etree._Element]:
    """The stylesheet and every file it imports or includes; a folder stands for all its .xsl files.

    `edition:default` is the bundled stylesheet (its folder); a file that cannot
    be read is skipped here, since compiling the stylesheet reports it.
    """
    seen: set[Path] = set()
    roots: list[etree._Element] = []
    pending = [stylesheet.resolve()]
    # Only the stylesheet's own folder and the bundled one: an import naming anything else is refused
    # when the stylesheet is compiled, and must not be read here before that.
    allowed = (stylesheet.resolve().parent, data_dir("xslt").resolve())
    while pending:
        path = pending.pop()
        if not any(path.is_relative_to(folder) for folder in allowed):
            continue
        if path.is_dir():
            pending += sorted(path.glob("*.xsl"), reverse=True)
            continue
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        try:
            root = parse(path.read_bytes(), str(path)).getroot()  # the one safe parser: no DTD, no entities
        except (EditionError, OSError):
            continue
        roots.append(root)
        for link in root.iter(f"{_XSL}import", f"{_XSL}include"):
            href = link.get("href", "")
            if href == DEFAULT_HREF:
                pending.append(data_dir("xslt").resolve())
            elif href and ":" not in href.split("/", 1)[0]:  # a path, not a URI
                pending.append((path.parent / href).resolve())
    return roots


@lru_cache(maxsize=8)
def handled_elements(stylesheet: Path) -> frozenset[str]:
    """TEI elements some template matches, in `stylesheet` (a file or a folder) or what it imports."""
    return _rules(stylesheet)[0]


@lru_cache(maxsize=8)
def _rules(stylesheet: Path) -> tuple[frozenset[str], frozenset[str]]:
    """The elements some template matches, and those only empty templates match (they show nothing)."""
    names: set[str] = set(_THROUGH_PARENT)
    shown: set[str] = set(_THROUGH_PARENT)
    for root in _stylesheets(stylesheet):
        for template in root.iter(f"{_XSL}template"):
            matched = _MATCHED.findall(template.get("match", ""))
            names.update(matched)
            if len(template) or (template.text or "").strip():
                shown.update(matched)
    return frozenset(names), frozenset(names - shown)


NOT_SHOWN = "text not shown"


def unhandled(tree: etree._ElementTree, stylesheet: Path) -> list[str]:
    """'name (count)' for each element of the text no template of `stylesheet` matches (its text is
    passed through), then 'name (count, text not shown)' for each whose words only an empty template meets.
    What views.py declares as no text (metadata, markers such as a gap's description) is neither."""
    text = tree.getroot().find(q("text"))
    if text is None:
        return []
    known, silent = _rules(stylesheet)
    passed: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    pending = [text]
    while pending:
        element = pending.pop()
        if not isinstance(element.tag, str) or not element.tag.startswith(f"{{{TEI_NS}}}"):
            continue
        name = etree.QName(element).localname
        rule = rendering(name)
        if rule is not None and Show.TEXT not in (rule.reading, rule.diplomatic) and Show.APART not in (
                rule.reading, rule.diplomatic):
            continue  # not text, as views.py and docs/rendering.md say: nor is anything inside it
        if name in silent and rule is None:  # a declared element's handling is documented (docs/rendering.md)
            if "".join(element.itertext()).strip():
                dropped[name] += 1
            continue
        if name not in known:
            passed[name] += 1
        pending.extend(element)
    return ([f"{name} ({count})" for name, count in sorted(passed.items())]
            + [f"{name} ({count}, {NOT_SHOWN})" for name, count in sorted(dropped.items())])


def summary(entries: list[str]) -> list[str]:
    """The build summary's clauses for a document's `unhandled` entries."""
    passed = [e for e in entries if not e.endswith(f", {NOT_SHOWN})")]
    dropped = [e.replace(f", {NOT_SHOWN})", ")") for e in entries if e.endswith(f", {NOT_SHOWN})")]
    return ([f"passed through as text (no rendering rule): {', '.join(passed)}"] if passed else []) + \
        ([f"{NOT_SHOWN} (a rule shows nothing, and no document says why): {', '.join(dropped)}"] if dropped else [])
