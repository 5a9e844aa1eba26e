"""Which TEI elements of a document the stylesheet has no rule for.

They are not lost — the fallback template shows their text in a span classed
tei-NAME — but the build summary names them, so an editor knows where the page
may not do the encoding justice.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from lxml import etree

from edition.tei.xml import TEI_NS, q

# Elements rendered by their parent's rule rather than a rule of their own.
_THROUGH_PARENT = {"desc", "lem", "rdg", "sic", "corr", "abbr", "expan", "orig", "reg"}
_MATCHED = re.compile(r"tei:([A-Za-z]+)")


@lru_cache(maxsize=8)
def handled_elements(xslt_dir: Path) -> frozenset[str]:
    names: set[str] = set(_THROUGH_PARENT)
    for path in xslt_dir.glob("*.xsl"):
        for template in etree.parse(str(path)).getroot().iter("{http://www.w3.org/1999/XSL/Transform}template"):
            names.update(_MATCHED.findall(template.get("match", "")))
    return frozenset(names)


def unhandled(tree: etree._ElementTree, xslt_dir: Path) -> list[str]:
    text = tree.getroot().find(q("text"))
    if text is None:
        return []
    known = handled_elements(xslt_dir)
    counts = Counter(etree.QName(e).localname for e in text.iter(f"{{{TEI_NS}}}*")
                     if etree.QName(e).localname not in known)
    return [f"{name} ({count})" for name, count in sorted(counts.items())]
