"""The editor's loop: `edition new`, then `edition serve` while editing — the served page
changes, a broken source shows its errors while the last good site stays up."""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO
from playwright.sync_api import Browser, expect


def edition(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "edition", *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, **kwargs)


def test_new_creates_an_edition_that_builds_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "my-edition"
    assert edition("new", str(folder)).returncode == 0
    for name in ("edition.toml", "sources/example.txt", "pages/index.md", "persons.toml", "README.md"):
        assert (folder / name).is_file(), name
    assert (folder / "notes").is_dir()
    assert "# editors = " in (folder / "edition.toml").read_text(encoding="utf-8")  # options explained
    built = edition("build", str(folder), "--out", str(folder / "site"))
    # Its one warning is the next thing to set: where the site will live, for absolute citation URLs.
    assert built.returncode == 0 and "0 errors, 1 warning" in built.stdout
    assert "warning[citation-relative-urls]" in built.stderr
    again = edition("new", str(folder))
    assert again.returncode == 1 and "error[new-not-empty]" in again.stderr


def start_serve(folder: Path, *args: str) -> tuple[subprocess.Popen, str]:
    """`edition serve` on a free port, and the URL it says it serves at."""
    process = subprocess.Popen([sys.executable, "-m", "edition", "serve", str(folder), "--port", "0", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONPATH": str(REPO)})
    url = ""
    deadline = time.monotonic() + 60
    while not url and time.monotonic() < deadline:
        line = process.stdout.readline()
        if match := re.search(r"at (http://127\.0\.0\.1:\d+/)", line):
            url = match[1]
    assert url, "edition serve did not start"
    return process, url


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    folder = tmp_path / "ed"
    assert edition("new", str(folder)).returncode == 0
    process, url = start_serve(folder)
    try:
        yield folder, url
    finally:
        process.terminate()
        process.wait(timeout=20)


def get(url: str, path: str, host: str = "") -> tuple[int, str]:
    address = url.split("//")[1].rstrip("/")
    connection = http.client.HTTPConnection(address, timeout=10)
    connection.request("GET", path, headers={"Host": host or address})  # sent as written, '..' and all
    response = connection.getresponse()
    return response.status, response.read().decode("utf-8", errors="replace")


def wait_for(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_serve_rebuilds_on_change_and_keeps_the_last_good_site(served) -> None:
    folder, url = served
    status, page = get(url, "/documents/example.html")
    assert status == 200 and "__edition/status" in page and "Welcome to the talks." in page
    assert get(url, "/../../etc/passwd")[0] == 404
    assert get(url, "/%2e%2e/%2e%2e/etc/passwd")[0] == 404
    source = folder / "sources" / "example.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("Welcome to the talks.", "Welcome, all."),
                      encoding="utf-8")
    wait_for(lambda: "Welcome, all." in get(url, "/documents/example.html")[1])
    source.write_text(source.read_text(encoding="utf-8") + "\nJ. SMITH. Bell\x07.\n", encoding="utf-8")
    wait_for(lambda: json.loads(get(url, "/__edition/status")[1])["errors"])
    errors = json.loads(get(url, "/__edition/status")[1])["errors"]
    assert "error[control-character]" in errors and "example.txt" in errors
    assert "Welcome, all." in get(url, "/documents/example.html")[1]  # the last good site stays up


def test_a_register_made_after_serve_started_is_watched_and_the_ledgers_it_writes_are_not(served) -> None:
    folder, url = served
    (folder / "glossary.toml").write_text(
        '[luchshe]\nname = "luchshe pozdno, chem nikogda"\nlanguage = "ru-Latn"\nmeaning = "better late than never"\n',
        encoding="utf-8")
    wait_for(lambda: "better late than never" in get(url, "/glossary.html")[1])
    # The build writes anchors/, .edition-cache/, the lock and site/ (all in the edition folder)
    # itself: that must not set off another build. (Saving may take two: creating, then writing.)
    time.sleep(2)
    builds = json.loads(get(url, "/__edition/status")[1])["build"]
    time.sleep(3)
    assert json.loads(get(url, "/__edition/status")[1])["build"] == builds


def test_the_open_page_reloads_and_shows_errors(served, browser: Browser) -> None:
    folder, url = served
    page = browser.new_page()
    page.goto(url + "documents/example.html")
    expect(page.locator("#p1")).to_contain_text("Welcome to the talks.")
    source = folder / "sources" / "example.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("Welcome to the talks.", "Welcome, reloaded."),
                      encoding="utf-8")
    expect(page.locator("#p1")).to_contain_text("Welcome, reloaded.", timeout=30_000)
    source.write_text(source.read_text(encoding="utf-8") + "\nJ. SMITH. Bell\x07.\n", encoding="utf-8")
    expect(page.locator("#edition-errors")).to_contain_text("error[control-character]", timeout=30_000)
    expect(page.locator("#p1")).to_contain_text("Welcome, reloaded.")
    page.close()


def test_under_serve_the_search_page_says_when_its_index_is_catching_up(served, browser: Browser) -> None:
    folder, url = served
    status = folder / "site" / "search-status.json"  # as `edition serve` writes it (search.py, index_later)
    status.write_text('{"updating": true}\n', encoding="utf-8")
    page = browser.new_page()
    page.goto(url + "search.html")
    expect(page.locator("#search-updating")).to_be_visible()
    status.write_text('{"updating": false}\n', encoding="utf-8")
    expect(page.locator("#search-updating")).to_be_hidden(timeout=10_000)
    page.close()


def test_long_builds_show_a_progress_bar_in_a_terminal_only(tmp_path: Path) -> None:
    import shutil

    sys.path.insert(0, str(REPO / "bench"))
    from synthetic import write_edition

    folder = write_edition(tmp_path / "big", 25)
    command = f"{sys.executable} -m edition build {folder} --out {tmp_path / 'site'}"
    environment = {key: value for key, value in os.environ.items() if key != "CI"} | {"PYTHONPATH": str(REPO)}
    in_terminal = subprocess.run(["script", "-qec", command, "/dev/null"], capture_output=True, text=True,
                                 env=environment)
    assert in_terminal.returncode == 0 and "checking and transforming" in in_terminal.stdout
    shutil.rmtree(tmp_path / "site")
    piped = subprocess.run(command.split(), capture_output=True, text=True, env=environment)
    assert piped.returncode == 0 and "checking and transforming" not in piped.stdout + piped.stderr
    assert re.match(r"built 25 documents, \d+ speeches, \d+ persons \(0 errors, 0 warnings\) in [\d.]+ s\n",
                    piped.stdout)


def test_serve_refuses_to_start_when_the_first_build_fails(tmp_path: Path) -> None:
    folder = tmp_path / "ed"
    assert edition("new", str(folder)).returncode == 0
    (folder / "edition.toml").write_text("title = \n", encoding="utf-8")
    done = edition("serve", str(folder), "--port", "0", timeout=60)
    assert done.returncode == 1
    assert "edition.toml:1:9: error[config-syntax]" in done.stderr and "serving" not in done.stdout
    assert not (folder / "site").exists()
    # A build refused because --out is the edition folder must not serve that folder either.
    (folder / "edition.toml").write_text('title = "T"\n', encoding="utf-8")
    done = edition("serve", str(folder), "--out", str(folder), "--port", "0", timeout=60)
    assert done.returncode == 1 and "error[output-not-site]" in done.stderr and "serving" not in done.stdout


def test_serve_answers_only_its_own_host_and_only_files_of_the_site(tmp_path: Path) -> None:
    folder = tmp_path / "ed"
    assert edition("new", str(folder)).returncode == 0
    process, url = start_serve(folder)
    try:
        port = url.rstrip("/").rsplit(":", 1)[1]
        assert get(url, "/", host=f"localhost:{port}")[0] == 200
        assert get(url, "/", host=f"127.0.0.1:{port}")[0] == 200
        # DNS rebinding: a page of evil.example whose name now resolves to 127.0.0.1.
        assert get(url, "/documents/example.html", host=f"evil.example:{port}")[0] == 421
        assert get(url, "/__edition/status", host="evil.example")[0] == 421
        assert get(url, "/", host=f"127.0.0.1:{int(port) + 1}")[0] == 421
        assert get(url, "/%00")[0] == 400
        assert get(url, "/documents/%00.html")[0] == 400
        assert get(url, "/%ff%fe")[0] == 400
        (folder / "site" / "leak.txt").symlink_to("/etc/passwd")
        assert get(url, "/leak.txt")[0] == 404
        assert get(url, "/..%2f..%2f..%2fetc/passwd")[0] == 404
        status, page = get(url, "/documents/example.html")
        assert status == 200 and "Welcome to the talks." in page
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0]
    assert "Traceback" not in output


def test_serve_puts_the_edited_page_live_before_search_catches_up(tmp_path: Path, monkeypatch) -> None:
    """The order of events, with a slowed Pagefind: the page is live and the status file says
    "updating" while the index is made; then the index goes in and the status says so."""
    import threading

    from edition.commands import serve
    from edition.site import search

    sys.path.insert(0, str(REPO / "bench"))
    from synthetic import write_edition

    folder, site = write_edition(tmp_path / "ed", 12), tmp_path / "site"
    released = threading.Event()
    original = search._pagefind

    def slow_pagefind(view: Path, bundle: Path) -> None:
        released.wait(60)  # until the test has looked at the site
        original(view, bundle)

    events: list[str] = []
    state = serve.BuildState()
    released.set()
    serve.rebuild_first(folder, site, state, events.append)
    state.indexer.submit(lambda: None).result()  # the first index is in
    before = {path.parent.name: path.read_text() for path in site.glob("pagefind*/edition-pages.sha256")}
    monkeypatch.setattr(search, "_pagefind", slow_pagefind)
    released.clear()
    source = folder / "sources" / "doc-00003.txt"
    source.write_text(source.read_text(encoding="utf-8").replace(" \u00a0", " A new sentence. \u00a0", 1),
                      encoding="utf-8")
    saved = time.perf_counter()
    serve.rebuild(folder, site, state, events.append)
    live = time.perf_counter() - saved
    assert "A new sentence." in (site / "documents" / "doc-00003.html").read_text(encoding="utf-8")
    assert json.loads((site / "search-status.json").read_text()) == {"updating": True}
    assert not any("search index updated (build 2" in event for event in events)
    released.set()
    state.indexer.submit(lambda: None).result()
    assert json.loads((site / "search-status.json").read_text()) == {"updating": False}
    assert [e.split(" (")[0] for e in events[-2:]] == ["built 12 documents", "search index updated"], events
    after = {path.parent.name: path.read_text() for path in site.glob("pagefind*/edition-pages.sha256")}
    assert len([name for name in after if after[name] != before[name]]) == 1  # the edited page's bundle, made again
    print(f"\nsave → page live in a 12-document edition: {live:.2f} s (search caught up after)")


def test_an_edited_source_s_page_is_live_before_the_rest_is_built(tmp_path: Path, monkeypatch) -> None:
    """The preview: the page of the edited source replaces the old one before the full build
    starts; the full build then swaps in the same page in a complete site."""
    from edition.commands import serve

    sys.path.insert(0, str(REPO / "bench"))
    from synthetic import write_edition

    folder, site = write_edition(tmp_path / "ed", 12), tmp_path / "site"
    events: list[str] = []
    state = serve.BuildState()
    serve.rebuild_first(folder, site, state, events.append)
    page = site / "documents" / "doc-00005.html"
    seen_by_the_build: list[str] = []
    full_build = serve._build

    def build_after_looking(edition_dir: Path, out_dir: Path):  # type: ignore[no-untyped-def]
        seen_by_the_build.append(page.read_text(encoding="utf-8"))
        return full_build(edition_dir, out_dir)

    monkeypatch.setattr(serve, "_build", build_after_looking)
    source = folder / "sources" / "doc-00005.txt"
    source.write_text(source.read_text(encoding="utf-8").replace(" \u00a0", " Previewed at once. \u00a0", 1),
                      encoding="utf-8")
    serve.rebuild(folder, site, state, events.append, {source})
    assert "Previewed at once." in seen_by_the_build[0]  # live before the full build began
    assert events[-2].startswith("updated documents/doc-00005.html") and events[-1].startswith("built 12")
    previewed = seen_by_the_build[0].encode("utf-8")
    assert page.read_bytes() == previewed  # a paragraph edit: the preview was already the final page
    # Anything but a known source (here a new one) is left to the full build.
    (folder / "sources" / "doc-00099.txt").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    serve.rebuild(folder, site, state, events.append, {folder / "sources" / "doc-00099.txt"})
    assert events[-1].startswith("built 13") and not events[-2].startswith("updated")
    state.indexer.shutdown(wait=True)
