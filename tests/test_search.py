"""Search as a scholar uses it, in Debian's Chromium over HTTP (Pagefind does not run from file://):
every matching paragraph under its document, "did you mean" rather than hits for other words, the
register's name variants, find-in-document, a missing bundle reported, a narrow screen, the keyboard."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CONTENT
from playwright.sync_api import Browser, Page, expect

DOC = "documents/gorbachev-baker-1990-02-09.html"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/edition/"


@pytest.fixture(scope="module")
def served(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("www")
    shutil.copytree(built_site, root / "edition")
    server, url = _serve(root)
    yield url
    server.shutdown()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


def _search(page: Page, served: str, query: str) -> None:
    page.goto(served + "search.html")
    page.fill("#search-input", query)
    page.press("#search-input", "Enter")
    expect(page.locator("#search-status")).not_to_have_text("")
    expect(page.locator("#search-status")).not_to_have_text("Searching…")


def test_every_paragraph_with_the_words_is_listed_under_its_document(page: Page, served: str) -> None:
    _search(page, served, "cruise missiles")
    record = page.locator(".search-document", has=page.locator(f"h2 a[href='{served + DOC}']"))
    expect(record.locator(".search-count")).to_have_text("9 paragraphs")
    links = record.locator(".search-paragraphs a").evaluate_all("links => links.map((a) => a.href)")
    assert links == [f"{served}{DOC}#p{n}" for n in (7, 8, 10, 12, 13, 16, 22, 25, 27)]
    expect(record.locator(".search-paragraphs mark").first).to_have_text("cruise", ignore_case=True)
    record.locator(".search-paragraphs a").nth(3).click()
    expect(page.locator(":target")).to_have_attribute("id", "p12")
    expect(page.locator(":target")).to_contain_text("cruise missiles", ignore_case=True)


def test_a_misspelt_name_offers_the_index_word_not_hits_for_other_words(page: Page, served: str) -> None:
    _search(page, served, "Gorbachov")  # Pagefind alone answers with six documents for "going" and "go"
    expect(page.locator(".search-document")).to_have_count(0)
    expect(page.locator("#search-status")).to_contain_text("No results for “Gorbachov”. Did you mean Gorbachev?")
    page.click("#search-status a")
    expect(page.locator(".search-document").first).to_be_visible()
    assert page.locator(".search-document").count() >= 5


def test_a_variant_in_the_persons_register_finds_the_person(page: Page, served: str) -> None:
    _search(page, served, "Akhromeyev")  # the Soviet record spells him Akhromeev; persons.toml knows both
    expect(page.locator(f".search-document h2 a[href='{served + DOC}']")).to_be_visible()


def test_find_in_the_document_highlights_each_occurrence_in_turn(page: Page, served: str) -> None:
    page.goto(served + DOC)
    page.fill("#find-input", "cruise missiles")
    hits = page.locator("mark.find-hit")
    expect(hits.first).to_be_visible()
    total = page.locator("#find-status").text_content().split(" of ")[1]
    assert int(total) >= 9
    expect(page.locator("#find-status")).to_have_text(f"1 of {total}")
    page.press("#find-input", "Enter")
    expect(page.locator("#find-status")).to_have_text(f"2 of {total}")
    expect(page.locator("mark.find-current").first).to_be_in_viewport()
    expect(page.locator("mark.find-current").first).to_have_text("cruise missiles", ignore_case=True)
    page.press("#find-input", "Escape")
    expect(hits).to_have_count(0)
    expect(page.locator("#p7")).to_contain_text("air-based cruise missiles")  # the text is whole again


def test_a_missing_bundle_is_reported_and_the_others_are_searched(page: Page, tmp_path: Path,
                                                                  monkeypatch) -> None:
    from edition.build.stages import build
    from edition.site import search

    monkeypatch.setattr(search, "DOCUMENTS_PER_BUNDLE", 1)  # 16 buckets by id for 9 documents
    root = tmp_path / "www"
    build(CONTENT, root / "edition", jobs=1)
    bundles = sorted(p.parent for p in (root / "edition").glob("pagefind*/pagefind-entry.json"))
    assert len(bundles) >= 4 and len(list((root / "edition").glob("pagefind*/pagefind.js"))) == 1
    holding = next(b for b in bundles if not (b / "pagefind.js").exists())
    shutil.rmtree(holding)
    server, served = _serve(root)
    try:
        _search(page, served, "Geneva")
        expect(page.locator("#search-warning")).to_contain_text("1 of")
        expect(page.locator(".search-document").first).to_be_visible()
    finally:
        server.shutdown()


def test_search_at_360_pixels_by_keyboard_only(browser: Browser, served: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(served + "search.html")
    expect(page.locator("#search-form")).to_be_visible()
    page.keyboard.press("Tab")  # the skip link
    for _ in range(30):
        if page.evaluate("document.activeElement.id") == "search-input":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "search-input"
    page.keyboard.type("cruise missiles")
    page.keyboard.press("Enter")
    expect(page.locator(".search-paragraphs a").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.keyboard.press("Tab")  # from the form onwards, the results are reached in order
    for _ in range(10):
        if page.evaluate("document.activeElement.closest('#search-results') !== null"):
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#search-results') !== null")
    context.close()


def test_a_filter_with_a_long_choice_does_not_widen_the_page(browser: Browser, served: str) -> None:
    """DraCor's speaker filter offers 'Carriers, Ostlers, Chamberlain, Travelers, Sheriff, …' (the
    page was 2,600 px wide); a select is narrowed to the page, which a fieldset does not do by itself."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(served + "search.html")
    page.evaluate("""() => {
        const select = document.querySelector('#search-filters select');
        select.add(new Option(Array(40).fill('Carriers, Ostlers, Chamberlain').join(', '), 'x'));
    }""")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_a_published_search_page_asks_for_nothing_the_site_lacks(page: Page, served: str) -> None:
    failed: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    _search(page, served, "cruise missiles")
    expect(page.locator(".search-paragraphs a").first).to_be_visible()
    assert failed == []  # (it asked for search-status.json, which only `edition serve` writes)
