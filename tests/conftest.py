"""Shared fixtures. Tests read ../shared/ only through the `shared` fixture."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
SEED = CONTENT / "sources" / "gorbachev-baker-1990-02-09.txt"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only reference material beside the checkout (corpora, official TEI schema)."""
    if not (SHARED / "README.md").is_file():
        pytest.skip(f"../shared/ is absent ({SHARED}): reference corpora and tei_all.rng are not available")
    return SHARED


@pytest.fixture(scope="session")
def tei_all(shared: Path) -> etree.RelaxNG:
    """The official TEI P5 schema, compiled once per session (it takes ~10 s)."""
    return etree.RelaxNG(etree.parse(str(shared / "tei" / "tei_all.rng")))


@pytest.fixture
def edition_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled edition that a test may change."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (never a browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # The flags keep Chromium from reaching for the network this machine does not have.
        launched = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled edition, built once for every test that only reads the site."""
    from edition.build.stages import build

    out = tmp_path_factory.mktemp("built") / "site"
    build(CONTENT, out)
    return out


@pytest.fixture(scope="module")
def page(browser):
    """One browser tab for a whole test module, for checks that visit many pages in turn
    (a module may define its own, as test_browser.py does for a fresh tab per test)."""
    context = browser.new_context()
    opened = context.new_page()
    yield opened
    context.close()
