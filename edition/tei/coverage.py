"""Which TEI elements of a document the stylesheet has no rule for.

They are not lost — the fallback template shows their text in a span classed
tei-NAME — but the build summary names them, so an editor knows where the page
may not do the encoding justice. The rules are read from the stylesheet that
applies — an edition's own xslt/tei-to-html.xsl with everything it imports —
so a rule an edition adds counts.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from lxml import etree

from edition.core.resources import DEFAULT_HREF, data_dir
from edition.tei.conventions import CONVENTIONS
from edition.tei.xml import TEI_NS, q

_XSL = "{http://www.w3.org/1999/XSL/Transform}"
# Elements rendered by their parent's rule rather than a rule of their own.
_THROUGH_PARENT = {c.words_in for c in CONVENTIONS if c.words_in} | {
    "lem", "rdg", "sic", "corr", "abbr", "expan", "orig", "reg"}
_MATCHED = re.compile(r"tei:([A-Za-z]+)")


def _stylesheets(stylesheet: Path) -> list[etree._Element]:
    """The stylesheet and every file it imports or includes; a folder stands for all its .xsl files.

    `edition:default` is the bundled stylesheet (its folder); a file that cannot
    be read is skipped here, since compiling the stylesheet reports it.
    """
    seen: set[Path] = set()
    roots: list[etree._Element] = []
    pending = [stylesheet.resolve()]
    while pending:
        path = pending.pop()
        if path.is_dir():
            pending += sorted(path.glob("*.xsl"), reverse=True)
            continue
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        try:
            root = etree.parse(str(path)).getroot()
        except etree.XMLSyntaxError:
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
    names: set[str] = set(_THROUGH_PARENT)
    for root in _stylesheets(stylesheet):
        for template in root.iter(f"{_XSL}template"):
            names.update(_MATCHED.findall(template.get("match", "")))
    return frozenset(names)


def unhandled(tree: etree._ElementTree, stylesheet: Path) -> list[str]:
    """'name (count)' for each element of the text no template of `stylesheet` matches."""
    text = tree.getroot().find(q("text"))
    if text is None:
        return []
    known = handled_elements(stylesheet)
    counts = Counter(etree.QName(e).localname for e in text.iter(f"{{{TEI_NS}}}*")
                     if etree.QName(e).localname not in known)
    return [f"{name} ({count})" for name, count in sorted(counts.items())]
