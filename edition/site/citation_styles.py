"""A document's CSL-JSON record rendered as Chicago, MLA and APA by a CSL processor (citeproc-py).

The official CSL styles ship with the tool (styles/, CC BY-SA 3.0; see styles/README.md). Chicago
is shown as its full note (notes and bibliography, 18th edition); MLA and APA as their
works-cited and reference-list entries, which is what a reader pastes. Two things citeproc-py
0.11 leaves undone are finished here: American punctuation inside closing quotation marks
(the en-US locale's punctuation-in-quote), and a title that a style moved to the author's place
when there is no author is not repeated after it.
"""

from __future__ import annotations

import html
import re
import warnings
from dataclasses import dataclass
from functools import cache
from typing import Any

import citeproc.model
import nh3
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.model import CitationStylesElement
from citeproc.source import Locator
from citeproc.source.json import CiteProcJSON

from edition.core.resources import data_dir


@dataclass(frozen=True)
class Style:
    key: str
    label: str
    file: str
    note: bool  # shown as a note (with the paragraph as locator) rather than a bibliography entry


STYLES = (
    Style("chicago", "Chicago", "chicago-notes-bibliography.csl", True),
    Style("mla", "MLA", "modern-language-association.csl", False),
    Style("apa", "APA", "apa.csl", False),
)


def _remember(owner: type, name: str) -> None:
    """Keep the answers of `owner.name(element, *arguments)` per element and arguments."""
    method = owner.__dict__[name]
    answers: dict[tuple[Any, ...], Any] = {}

    def remembered(element: CitationStylesElement, *arguments: Any) -> Any:
        key = (element, *arguments)  # the element itself: kept alive here, so its identity stays its own
        if key not in answers:
            answers[key] = method(element, *arguments)
        return answers[key]

    remembered.__wrapped__ = method  # type: ignore[attr-defined]
    setattr(owner, name, remembered)


# citeproc-py asks the style the same questions again for each citation: which element an XPath
# expression finds (macros, terms, inherited options), whether an element calls a variable (which
# walks its macros), an element's root and named children, the locale's options. The answers
# depend on the style alone: its trees are parsed once per process (`_style`) and do not change
# while citations render, so each answer is kept. A document's three citations took 27 ms, and
# 8 ms once the first two were kept; the others save a further 12 % (11.2 → 9.8 ms on a slower
# hour of the machine). Checked on 600 records from every shared corpus — the same HTML with and
# without — and by tests/test_citation.py, which unwraps REMEMBERED.
REMEMBERED = [(CitationStylesElement, "xpath_search"), (CitationStylesElement, "get_root"),
              (citeproc.model.SomewhatObjectifiedElement, "__getattr__"),
              (CitationStylesElement, "get_locale_option"), (citeproc.model.Locale, "get_option")] + [
    (kind, "calls_variable") for kind in vars(citeproc.model).values()
    if isinstance(kind, type) and "calls_variable" in kind.__dict__]
for _owner, _name in REMEMBERED:
    _remember(_owner, _name)


class _Item(CitationItem):  # type: ignore[misc]  # (citeproc-py has no type hints)
    """A cited item that finds its reference once. citeproc-py reads it for every variable a
    style tests, each time through three attribute lookups written in Python (a third of its
    time); the reference does not change while a citation renders."""

    @property
    def reference(self) -> Any:
        found = self.__dict__.get("_reference")  # beside the dict's items, which are the item's options
        if found is None:
            found = self.__dict__["_reference"] = CitationItem.reference.fget(self)
        return found


@cache
def _style(file: str) -> CitationStylesStyle:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(str(data_dir("styles") / file), validate=False)


def render(item: dict[str, Any], style: Style, paragraph: str = "") -> str:
    """The citation as HTML (titles in <i>); `paragraph` is the locator of a paragraph's citation.
    citeproc-py's HTML formatter does not escape the record's text, and titles come from sources
    anyone may write: every string is escaped before it goes in, and only the formatter's own
    tags may come out."""
    with warnings.catch_warnings():  # citeproc-py warns about CSL variables it does not know
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(_style(style.file), CiteProcJSON([_escaped(item)]),
                                                  formatter.html)
        locator = Locator("paragraph", paragraph) if paragraph and style.note else None
        citation = Citation([_Item(item["id"], locator=locator)] if locator else [_Item(item["id"])])
        bibliography.register(citation)
        text = str(bibliography.cite(citation, lambda _: None)) if style.note \
            else str(bibliography.bibliography()[0])
    return nh3.clean(_finish(text), tags=_FORMATTER_TAGS, attributes={})


_FORMATTER_TAGS = {"i", "b", "span", "sup", "sub"}  # what citeproc-py's HTML formatter writes


def _escaped(value: Any) -> Any:
    """A CSL-JSON record whose every string is HTML-escaped (ids and keys aside)."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k == "id" else _escaped(v) for k, v in value.items()}
    return value


def _finish(text: str) -> str:
    text = re.sub(r"”([.,])", r"\1”", text)  # punctuation-in-quote, as the en-US locale asks
    # A title that stood in for the author is said once ("“T.” “T.” Letter." → "“T.” Letter.").
    text = re.sub(r"^(“[^”]+”|[^.“]+\.) \1 ", r"\1 ", text)
    text = re.sub(r"^(.+?\.) (\((?:\d|n\.d\.)[^)]*\)\.) \1 ", r"\1 \2 ", text)  # APA: "T. (2026). T. In …"
    return " ".join(text.split())
