"""The website in a real browser: Debian's Chromium driven by Playwright.

The site is opened from file:// and over HTTP under a sub-path (/edition/),
as a publisher would put it on any static host.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from checkers import described, nu_errors, serious_violations
from conftest import REPO
from playwright.sync_api import Browser, Page, expect

DOC = "documents/gorbachev-baker-1990-02-09.html"
PAGE_TYPES = ["index.html", DOC, "persons.html", "glossary.html", "search.html", "pages/method.html"]


@pytest.fixture(scope="session")
def served(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site over HTTP on 127.0.0.1, under the sub-path /edition/."""
    root = tmp_path_factory.mktemp("www")
    shutil.copytree(built_site, root / "edition")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/edition/"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    opened = context.new_page()
    yield opened
    context.close()


def test_document_from_file_url_shows_speeches_and_switches_views(page: Page, built_site: Path) -> None:
    page.goto((built_site / DOC).as_uri())
    expect(page.locator(".tei-sp")).to_have_count(22)
    bracket = page.locator("#p3 .tei-supplied .mark").first
    expect(bracket).to_be_visible()
    # Keyboard only: focus the view switch and move to the reading view with an arrow key.
    page.focus("#view-diplomatic")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#view-reading")).to_be_checked()
    expect(bracket).to_be_hidden()
    expect(page.locator("#p3 .tei-supplied")).to_contain_text("less than ideal")
    expect(page.locator("#gap1 .reading")).to_be_visible()
    # The choice is remembered on the next page load.
    page.reload()
    expect(page.locator("#view-reading")).to_be_checked()


def test_without_javascript_the_diplomatic_view_is_shown(browser: Browser, built_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((built_site / DOC).as_uri())
    expect(page.locator("#view-diplomatic")).to_be_checked()
    expect(page.locator("#p3 .tei-supplied .mark").first).to_be_visible()
    expect(page.locator("#gap1 .diplomatic")).to_have_text("[two pages omitted in the original]")
    page.goto((built_site / "search.html").as_uri())
    expect(page.locator("#search-no-script")).to_be_visible()
    expect(page.locator("#search-form")).to_be_hidden()
    context.close()


def test_paragraph_number_links_to_its_permanent_anchor(page: Page, served: str) -> None:
    page.goto(served + DOC)
    page.click("#p7 > a.pnum")
    assert page.url.endswith(DOC + "#p7")
    assert page.evaluate("document.querySelector(':target').id") == "p7"
    expect(page.locator("#p7")).to_contain_text("Now on concrete issues")


def test_search_lands_on_the_paragraph(page: Page, served: str) -> None:
    page.goto(served + "search.html")
    page.fill("#search-input", "cruise missiles")
    page.click("#search-form button[type=submit]")
    first = page.locator("#search-results .search-paragraphs a").first
    expect(first).to_be_visible()
    href = first.get_attribute("href")
    assert href.startswith(served + DOC + "#p"), href
    first.click()
    page.wait_for_url(href)
    expect(page.locator(":target")).to_contain_text("cruise missiles", ignore_case=True)  # waits for the load


def test_search_filters_by_speaker(page: Page, served: str) -> None:
    page.goto(served + "search.html")
    expect(page.locator("select[name=speaker]")).to_be_visible()
    page.select_option("select[name=speaker]", "akhromeev")  # by id, whatever the name shown
    page.fill("#search-input", "movement")
    page.click("#search-form button[type=submit]")
    expect(page.locator("#search-status")).to_have_text("1 document, 2 paragraphs")


def test_cite_a_paragraph_and_copy_it(browser: Browser, served: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(served + DOC)
    page.hover("#p3")
    page.click("#p3 .cite-paragraph")
    dialog = page.locator("#cite-dialog")
    expect(dialog).to_be_visible()
    text = page.locator("#cite-dialog-text").text_content()
    # Chicago, from the document's CSL record: headline-style title, comma inside the quotation marks
    assert text.startswith("“Soviet Record of Conversation Between M.S. Gorbachev and US Secretary of State "
                           "J. Baker,” in ")
    assert "February 9, 1990, para. 3, National Security Archive" in text
    assert served + DOC + "#p3." in text
    page.click("#cite-copy")
    expect(page.locator("#cite-status")).to_have_text("Copied.")
    assert page.evaluate("navigator.clipboard.readText()") == text
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    context.close()


def test_no_request_leaves_the_site(page: Page, served: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in PAGE_TYPES:
        page.goto(served + path)
        page.wait_for_load_state("networkidle")
    page.goto(served + "search.html")
    page.fill("#search-input", "verification")
    page.click("#search-form button[type=submit]")
    expect(page.locator("#search-results li").first).to_be_visible()
    assert requested and all(url.startswith(served) for url in requested), requested


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_fits_a_360_pixel_phone(browser: Browser, served: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(served + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_axe_finds_no_serious_accessibility_violations(page: Page, served: str, path: str) -> None:
    page.goto(served + path)
    assert serious_violations(page) == []


def test_nu_html_checker_finds_no_errors(built_site: Path) -> None:
    assert described(nu_errors(built_site / path for path in PAGE_TYPES)) == []


def test_edition_check_passes_on_the_bundled_site(built_site: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "edition", "check", str(built_site)], cwd=REPO,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert " links checked: 0 problems" in done.stdout


def test_document_list_sorts_without_a_server(page: Page, built_site: Path) -> None:
    page.goto((built_site / "index.html").as_uri())
    titles = page.locator("table.document-list tbody tr td:nth-child(2) a")
    dates = page.locator("table.document-list tbody tr td:nth-child(1)")
    by_date = [cell.get_attribute("data-value") for cell in dates.all()]  # the earliest possible day
    assert by_date == sorted(by_date) and len(by_date) == 9  # built in date order
    page.click("table.document-list th:nth-child(2) button")
    expect(page.locator("th:nth-child(2)")).to_have_attribute("aria-sort", "ascending")
    shown = titles.all_text_contents()
    assert shown == sorted(shown, key=str.casefold) or shown == sorted(shown)
    page.click("table.document-list th:nth-child(2) button")
    assert titles.all_text_contents() == list(reversed(shown))


def test_search_spans_every_bundle_of_a_sharded_index(page: Page, tmp_path: Path, monkeypatch) -> None:
    """A large edition's index comes in several Pagefind bundles; here one per document."""
    from conftest import CONTENT

    from edition.build.stages import build
    from edition.site import search

    monkeypatch.setattr(search, "DOCUMENTS_PER_BUNDLE", 1)  # 16 buckets by id for 9 documents
    root = tmp_path / "www"
    build(CONTENT, root / "edition")
    assert len(list((root / "edition").glob("pagefind*/pagefind-entry.json"))) >= 4
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    served = f"http://127.0.0.1:{server.server_address[1]}/edition/"
    try:
        def results(query: str) -> list[str]:
            page.goto(served + "search.html?q=" + query)
            expect(page.locator("#search-results .search-paragraphs a").first).to_be_visible()
            return page.locator("#search-results .search-paragraphs a").evaluate_all(
                "links => links.map((a) => a.href)")

        # Each bundle scores its own hits, so the merged order may differ from one index; the hits do not.
        assert any(href.startswith(served + DOC + "#p") for href in results("cruise missiles"))
        assert any(href.startswith(served + "documents/frus1981-88v06-d155.html#") for href in results("Afghanistan"))
        assert len({href.split("#")[0] for href in results("Geneva")}) >= 2  # several bundles, one list
    finally:
        server.shutdown()
