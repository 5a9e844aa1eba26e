"""Names in a document's page become links to their entries, once the whole edition is merged.

The stylesheet runs per document, before anyone knows which entry `#p_GMS_1` of this
FRUS volume belongs to, so it marks each name (and each speaker label) with the pointer
it carries: `<a class="entity-name" data-ref="#p_GMS_1">`. When the page is written the
pointer becomes a plain link to the entry, with what a card shows (name, dates, role)
in data attributes for templates/static/entities.js. A name nobody can resolve stays an
`<a>` without `href`: text, not a broken link.
"""

from __future__ import annotations

import html
import re

from edition.tei.entities import pointer_key

_MARKED = re.compile(r'<a\b([^>]*?)\sdata-ref="([^"]*)"([^>]*)>')
_HREF = re.compile(r'\shref="[^"]*"')


def card(url: str, name: str, dates: str, role: str) -> dict[str, str]:
    """What a link carries: where the entry is and one line about whom it names."""
    return {"url": url, "name": name, "dates": dates, "role": role}


def link_entities(page: str, scope: str, links: dict[str, dict[str, str]]) -> str:
    """`page` with each marked name linked to its entry; `links` maps a key ('scope#id',
    'gnd:…', 'label:The President') to its card, URLs relative to the page."""
    def linked(match: re.Match[str]) -> str:
        before, raw, after = match.groups()
        pointers = html.unescape(raw)
        keys = [pointers] if pointers.startswith("label:") else \
            [pointer_key(token, scope) for token in pointers.split()]
        found = next((links[k] for k in keys if k in links), None)
        attributes = _HREF.sub("", before + after)
        if found is None:  # the stylesheet's provisional href would lead nowhere: text, not a broken link
            return f'<a{attributes} data-ref="{raw}">'
        extra = "".join(f' data-{name}="{html.escape(found[name])}"' for name in ("name", "dates", "role")
                        if found.get(name))
        return f'<a{attributes} href="{html.escape(found["url"])}" data-ref="{raw}"{extra}>'

    return _MARKED.sub(linked, page)
