"""Dates as archives write them → ISO 8601 values for @when."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_PATTERNS = [
    re.compile(r"^(?P<year>\d{4})-(?P<mnum>\d{2})(?:-(?P<day>\d{2}))?$"),
    re.compile(rf"^(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})$"),
    re.compile(rf"^{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})$"),
    re.compile(rf"^{_MONTH},?\s+(?P<year>\d{{4}})$"),
    re.compile(r"^(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>\d{4})$"),
]


def parse_date(text: str) -> str | None:
    """'9 February 1990', 'February 9, 1990', '1990-02-09' → '1990-02-09'; None if not a date."""
    cleaned = " ".join(text.replace("\u00a0", " ").split()).strip(" .")
    for pattern in _PATTERNS:
        match = pattern.match(cleaned)
        if not match:
            continue
        parts = match.groupdict()
        month = int(parts["mnum"]) if parts.get("mnum") else MONTHS.get((parts.get("month") or "").lower())
        if not month:
            return None
        year = int(parts["year"])
        if not parts.get("day"):
            return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
        try:
            return date(year, month, int(parts["day"])).isoformat()
        except ValueError:
            return None
    return None
