"""When a document was made, as its TEI says it: the one date a page shows, sorts by and cites.

TEI dates a document in many places (the header's creation, a letter's correspAction, the text's
docDate or dateline, FRUS's own attributes) and in several attributes (@when, @from/@to,
@notBefore/@notAfter and their -iso twins). `Dating` keeps the earliest and the latest possible
day as the source gives them (a year, a month or a day; BCE years are negative) — never a guess —
and says them in words. docs/metadata.md lists the places in the order they are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from edition.tei.xml import text_of

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
# An ISO 8601 date as TEI writes it: a (signed) year, then month and day; a time after it is ignored.
_ISO = re.compile(r"(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_YEAR_ONLY = re.compile(r"\s*(\d{4})\.?\s*")


def iso_date(value: str | None) -> str:
    """'1989-12-02T04:00:00-05:00' → '1989-12-02' (the day as written); '' when it is no ISO date."""
    match = _ISO.fullmatch((value or "").strip())
    if not match or not 1 <= int(match.group(2) or 1) <= 12 or not 1 <= int(match.group(3) or 1) <= 31:
        return ""
    return "-".join(part for part in match.groups() if part)


@dataclass(frozen=True)
class Dating:
    earliest: str = ""  # ISO: "1989-12-02", "1989-12", "1790", "-0050"
    latest: str = ""  # only when the source gives a range that ends on another day
    open_start: bool = False  # only notAfter is known
    open_end: bool = False  # only notBefore is known

    def __bool__(self) -> bool:
        return bool(self.earliest)

    @property
    def sort_key(self) -> str:
        """The earliest possible day as text that sorts in time order (years -9999…9999)."""
        if not self.earliest:
            return "~"  # after every date
        year, month, day = _parts(self.earliest)
        return f"{year + 10000:05d}-{month or 1:02d}-{day or 1:02d}"

    @property
    def year(self) -> str:
        return str(_parts(self.earliest)[0]) if self.earliest else ""

    @property
    def parts(self) -> list[int]:
        """CSL-JSON date-parts of the earliest day."""
        return [part for part in _parts(self.earliest) if part]

    @property
    def words(self) -> str:
        """'2 December 1989', '9–12 December 1989', '401–404', 'after 1000', '50 BCE – 50 CE'."""
        if not self.earliest:
            return ""
        if self.open_start:
            return f"not after {_words(self.earliest)}"
        if self.open_end:
            return f"not before {_words(self.earliest)}"
        if not self.latest:
            return _words(self.earliest)
        start, end = _parts(self.earliest), _parts(self.latest)
        if start[0] == end[0] and start[0] > 0 and start[1] and start[1] == end[1] and start[2] and end[2]:
            return f"{start[2]}–{end[2]} {_MONTHS[start[1] - 1]} {start[0]}"
        if start[0] > 0 and not start[1] and not end[1]:
            return f"{start[0]}–{end[0]}"
        return f"{_words(self.earliest)} – {_words(self.latest)}"


def _parts(iso: str) -> tuple[int, int, int]:
    match = _ISO.fullmatch(iso)
    if not match:
        return (0, 0, 0)
    return int(match.group(1)), int(match.group(2) or 0), int(match.group(3) or 0)


def _words(iso: str) -> str:
    year, month, day = _parts(iso)
    shown = f"{-year} BCE" if year < 0 else str(year)
    if year < 100 and year > 0 and not month:
        shown = f"{year} CE"
    if month and day:
        return f"{day} {_MONTHS[month - 1]} {shown}"
    if month:
        return f"{_MONTHS[month - 1]} {shown}"
    return shown


def _attribute(element: etree._Element, name: str) -> str:
    return iso_date(element.get(name) or element.get(f"{name}-iso"))


def dating_of(element: etree._Element) -> Dating:
    """The dating an element's attributes give; without them, a bare year as its whole text."""
    when = _attribute(element, "when")
    if when:
        return Dating(when)
    start, end = _attribute(element, "from"), _attribute(element, "to")
    if not start:
        start, end = _attribute(element, "notBefore"), _attribute(element, "notAfter")
    if start and end:
        return Dating(start, end if end != start else "")
    if start:
        return Dating(start, open_end=True)
    if end:
        return Dating(end, open_start=True)
    bare = _YEAR_ONLY.fullmatch(text_of(element))  # <dateline>1790</dateline>, DTA's <date type="publication">
    return Dating(bare.group(1)) if bare else Dating()


def frus_dating(element: etree._Element, namespace: str) -> Dating:
    """FRUS's frus:doc-dateTime-min/-max on the document's div."""
    start = iso_date(element.get(f"{{{namespace}}}doc-dateTime-min"))
    end = iso_date(element.get(f"{{{namespace}}}doc-dateTime-max"))
    return Dating(start, end if end and end != start else "") if start else Dating()
