"""Fidelity on every file of ../shared/corpora/: each view shows the TEI's words under that view's
rules — none lost, none duplicated, none glued — and the .txt is the reading view (tests/fidelity.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fidelity import CORPORA, DocumentReport, build_corpora, check_document
from playwright.sync_api import Page


@pytest.fixture(scope="session")
def corpus_sites(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_corpora(shared, tmp_path_factory.getbasetemp() / "corpora")


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_every_page_shows_every_word_of_its_tei_in_both_views(corpus: str, corpus_sites: dict[str, Path],
                                                              page: Page) -> None:
    documents = sorted((corpus_sites[corpus] / "documents").glob("*.html"))
    assert documents, f"the {corpus} corpus built no document page"
    reports: list[DocumentReport] = [check_document(page, html) for html in documents]
    unfaithful = [report for report in reports if report.total]
    summary = "\n".join(str(report) for report in unfaithful)
    assert not unfaithful, f"{len(unfaithful)} of {len(reports)} {corpus} documents differ:\n{summary}"
