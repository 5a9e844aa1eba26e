"""The search page's filters are on entities (one entry per person, place, organisation), not name strings."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html


def _facets(site: Path) -> tuple[list[dict], dict[str, list[str]]]:
    page = lxml.html.parse(str(site / "search.html"))
    documents = json.loads(page.xpath("//script[@id='search-facets']")[0].text)
    choices = {select.get("name"): select.xpath("option/@value")[1:] for select in page.xpath("//select")}
    return documents, choices


def test_a_filter_for_gorbachev_finds_every_document_he_speaks_in(built_site: Path) -> None:
    documents, choices = _facets(built_site)
    speaking = sorted(d["url"] for d in documents if "gorbachev" in d["speaker"])
    # Read off the sources by hand: he speaks in d60 and d61 ("Chairman Gorbachev:") and in the Soviet record.
    assert speaking == ["documents/frus1989-92v31-d60.html", "documents/frus1989-92v31-d61.html",
                        "documents/gorbachev-baker-1990-02-09.html"]
    # One choice per person: Bush (named "The President" in FRUS) among them, no spelling twice.
    assert "bush" in choices["speaker"] and len(choices["speaker"]) == len(set(choices["speaker"]))
    labels = lxml.html.parse(str(built_site / "search.html")).xpath("//select[@name='speaker']/option/text()")[1:]
    assert len(labels) == len(set(labels))


def test_mentions_are_a_filter_of_their_own(built_site: Path) -> None:
    documents, choices = _facets(built_site)
    assert "person" in choices
    mentioned = {d["url"] for d in documents if "reagan" in d["person"]}
    assert mentioned and not {d["url"] for d in documents if "reagan" in d["speaker"]}
