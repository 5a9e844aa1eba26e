"""Every page built from every shared corpus: valid HTML (the Nu Html Checker) and accessible (axe-core).

tests/test_browser.py checks the bundled site; TEI from other projects reaches
many more templates. One Nu Html Checker run reads every page at once (one JVM
start), and one browser opens the pages in sequence for axe.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from checkers import nu_errors, serious_violations
from fidelity import CORPORA, build_corpora
from playwright.sync_api import Browser


@pytest.fixture(scope="session")
def corpus_sites(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_corpora(shared, tmp_path_factory.getbasetemp() / "corpora")


def pages_of(site: Path) -> list[Path]:
    """Every HTML page of a site: the home page, lists, registers, search and each document."""
    return sorted(page for page in site.rglob("*.html") if "pagefind" not in page.parts)


def test_nu_html_checker_finds_no_errors_on_any_corpus_page(corpus_sites: dict[str, Path]) -> None:
    pages = [page for site in corpus_sites.values() for page in pages_of(site)]
    errors = nu_errors(pages)
    by_page = Counter(Path(m.get("url", "?")).name for m in errors)
    first = {}
    for m in errors:
        first.setdefault(m["message"], f"{Path(m.get('url', '?')).name}:{m.get('lastLine', '?')}")
    report = "\n".join(f"  {name}: {count}" for name, count in by_page.most_common())
    kinds = "\n".join(f"  {message[:140]} (first at {where})" for message, where in list(first.items())[:15])
    assert not errors, f"{len(errors)} Nu errors on {len(by_page)} of {len(pages)} pages:\n{report}\n{kinds}"


# A tab that runs axe keeps about 7 MB of each page it ran on (measured on DraCor's register pages:
# 1 GB after 150 pages); on the 1,500 DraCor pages one tab grew past 4 GB and stalled. A fresh tab
# every 50 pages stays near 0.5 GB.
PAGES_PER_TAB = 50


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_axe_finds_no_serious_violations_on_any_corpus_page(corpus: str, corpus_sites: dict[str, Path],
                                                            browser: Browser) -> None:
    found: dict[str, list[str]] = {}
    pages = pages_of(corpus_sites[corpus])
    for start in range(0, len(pages), PAGES_PER_TAB):
        context = browser.new_context()
        page = context.new_page()
        for path in pages[start:start + PAGES_PER_TAB]:
            page.goto(path.as_uri())
            if serious := serious_violations(page):
                found[str(path.relative_to(corpus_sites[corpus]))] = serious
        context.close()
    report = "\n".join(f"  {name}: {'; '.join(kinds)}" for name, kinds in found.items())
    assert not found, f"axe: serious or critical violations on {len(found)} of {len(pages)} {corpus} pages:\n{report}"
