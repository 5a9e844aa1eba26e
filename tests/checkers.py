"""The two page checkers every page test runs, in one place: the Nu Html Checker (one JVM start
reads many pages) and axe-core in the page a real Chromium shows, all rules, keeping what is
serious or critical. `make test` installs both (tests/browser/package.json)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from conftest import REPO
from playwright.sync_api import Page

CHECKERS = REPO / "tests" / "browser" / "node_modules"
VNU = CHECKERS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = CHECKERS / "axe-core" / "axe.min.js"


def nu_errors(pages: Iterable[Path], timeout: int = 1800) -> list[dict[str, Any]]:
    """The Nu Html Checker's errors (fatal ones included) on these pages, read in one run."""
    done = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
                          capture_output=True, text=True, timeout=timeout)
    messages: list[dict[str, Any]] = json.loads(done.stderr or '{"messages": []}')["messages"]
    return [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]


def described(errors: list[dict[str, Any]], most: int = 15) -> list[str]:
    """Nu errors as 'page.html:line: message', for an assertion's message."""
    return [f"{Path(m.get('url', '?')).name}:{m.get('lastLine', '?')}: {m['message']}" for m in errors[:most]]


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the page as it stands now (after any clicks),
    each with how many elements it holds and the first of them."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['id']} ({v['impact']}, {len(v['nodes'])}×: {v['nodes'][0]['target']})" for v in violations
            if v["impact"] in ("serious", "critical")]


def serious_violations_at_widths(page: Page, paths: Iterable[Path], widths: Iterable[int] = (1280, 360),
                                 ) -> dict[str, list[str]]:
    """The serious and critical violations of each page at each window width, as 'page.html@360'."""
    found: dict[str, list[str]] = {}
    for path in paths:
        for width in widths:
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(path.as_uri())
            if serious := serious_violations(page):
                found[f"{path.name}@{width}"] = serious
    return found
