"""`edition serve`: build, serve the site on this machine, rebuild when a file changes,
and reload the open page.

The server binds 127.0.0.1 unless told otherwise and serves only the site
folder, and only once a build has written it: a first build that fails stops
the command with its diagnostics. When a later change breaks the build, the
terminal and the open page show the diagnostics, and the last good site stays up.

A page in the reader's browser can make it ask this server for anything
(DNS rebinding: evil.example resolving to 127.0.0.1), so a request is answered
only when its Host names the address the server listens on; a path is answered
only when it names a regular file inside the site folder.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import re
import stat
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from edition.anchors.ledger import ANCHORS_DIR
from edition.build.cache import CACHE_DIR
from edition.core.diagnostics import EditionError
from edition.core.lock import LOCK_FILE
from edition.site.search import index_later, uncached

if TYPE_CHECKING:
    from watchfiles import Change

    from edition.build.stages import BuildResult

STATUS_PATH = "/__edition/status"
# Polls the build counter; reloads on a new build; shows the diagnostics of a failed one.
RELOAD_SCRIPT = b"""<script>
window.editionServe = true;  // (the search page then asks whether its index is catching up)
(function () {
  var seen = null;
  function poll() {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (seen !== null && s.build !== seen && !s.errors) { location.reload(); return; }
      seen = s.build;
      var box = document.getElementById("edition-errors");
      if (s.errors && !box) {
        box = document.createElement("pre");
        box.id = "edition-errors";
        box.setAttribute("role", "alert");
        box.style.cssText = "position:fixed;bottom:0;left:0;right:0;max-height:40%%;overflow:auto;margin:0;" +
          "padding:1em;background:#fff3f0;color:#5a0000;border-top:3px solid #a00;font-size:13px;z-index:99";
        document.body.appendChild(box);
      }
      if (box && s.errors) { box.textContent = "The build failed; this is the last good version.\\n\\n" + s.errors; }
      else if (box) { box.remove(); }
    }).catch(function () {}).then(function () { setTimeout(poll, 250); });
  }
  poll();
})();
</script>""" % STATUS_PATH.encode()


@dataclass
class BuildState:
    build: int = 0  # counts successful builds
    errors: str = ""  # the diagnostics of the last failed build, if it failed
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Held by a build, and by the search index going into the site: never both at once.
    site: threading.Lock = field(default_factory=threading.Lock)
    # Makes the search bundles a build left, one batch at a time, while the editor goes on.
    indexer: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1))
    last: BuildResult | None = None  # the last good build, which a preview renders the edited pages against


def rebuild(edition_dir: Path, out_dir: Path, state: BuildState, report: Callable[[str], None],
            changed: set[Path] | None = None) -> None:
    """Build again after a change; a failure is shown, and the last good site stays up. When only
    sources changed, their pages go live first (build/preview.py); the new site goes in before
    its search index is brought up to date, in the background."""
    with state.site:
        if state.last is not None and changed and (shown := _preview(state.last, out_dir, changed)):
            with state.lock:
                state.build += 1  # the open page reloads
            report(f"updated {', '.join(shown)}; building the rest")
        try:
            result = _build(edition_dir, out_dir)
        except EditionError as failure:
            text = "\n".join(d.format() for d in failure.diagnostics)
            with state.lock:
                state.errors = text
            report(text + "\nbuild failed; the last good site is still served")
            return
        with state.lock:
            state.build += 1
            state.errors = ""
            state.last = result
            number = state.build
    report(f"built {len(result.documents)} documents (build {number})")
    if result.search_later:
        state.indexer.submit(_index_later, out_dir, result, state, number, report)


def rebuild_first(edition_dir: Path, out_dir: Path, state: BuildState, report: Callable[[str], None]) -> None:
    """The first build: its failure is raised (there is no good site to keep serving)."""
    result = _build(edition_dir, out_dir)
    state.build, state.last = 1, result
    report(f"built {len(result.documents)} documents (build 1)")
    if result.search_later:
        state.indexer.submit(_index_later, out_dir, result, state, 1, report)


def _preview(last: BuildResult, out_dir: Path, changed: set[Path]) -> list[str]:
    from edition.build.cache import signing_key
    from edition.build.preview import preview

    try:
        return preview(last, out_dir, changed, signing_key())
    except (EditionError, OSError):
        return []  # the build that follows says what is wrong


def _build(edition_dir: Path, out_dir: Path) -> BuildResult:
    from edition.build.stages import build

    return build(edition_dir, out_dir, search="later")


def _index_later(out_dir: Path, result: BuildResult, state: BuildState, number: int,
                 report: Callable[[str], None]) -> None:
    from edition.build.cache import BuildCache, signing_key

    @contextlib.contextmanager
    def still_current() -> Iterator[bool]:
        with state.site:  # no build swaps a site in while the bundles go in
            yield state.build == number

    bundles = result.search_later
    try:
        # The build's cache keeps each page's words, so a bundle made again counts only its new pages.
        computed = BuildCache(result.edition, signing_key()).computed if result.edition else uncached
        if index_later(out_dir, bundles, still_current, computed):
            report(f"search index updated (build {number}, {len(bundles)} of its bundles)")
    except (EditionError, OSError) as failure:
        report(f"the search index could not be updated: {failure}")


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The Host values a browser sends for this server: the loopback names and the --host given."""
    names = {"127.0.0.1", "localhost", "[::1]", f"[{host}]" if ":" in host else host}
    hosts = {f"{name}:{port}" for name in names}
    if port == 80:  # a browser leaves the default port out
        hosts |= names
    return frozenset(name.lower() for name in hosts)


class _Handler(http.server.SimpleHTTPRequestHandler):
    state: BuildState
    site: Path  # the real path of the site folder
    hosts: frozenset[str]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def _answer(self, with_body: bool) -> None:
        if (self.headers.get("Host") or "").strip().lower() not in self.hosts:
            here = min(self.hosts)
            self._send(421, "text/plain; charset=utf-8",
                       f"421 Misdirected Request: this preview answers only at http://{here}/\n".encode(), with_body)
            return
        path = urllib.parse.urlsplit(self.path).path
        if path == STATUS_PATH:
            with self.state.lock:
                body = json.dumps({"build": self.state.build, "errors": self.state.errors}).encode()
            self._send(200, "application/json", body, with_body)
            return
        try:
            name = urllib.parse.unquote(path, errors="strict")
        except UnicodeDecodeError:
            name = "\x00"
        if any(ord(ch) < 32 or ch in "\\\x7f" for ch in name):
            self._send(400, "text/plain; charset=utf-8", b"400 Bad Request\n", with_body)
            return
        target = self._in_site(name)
        if target is not None and target.is_dir():
            if not path.endswith("/"):  # relative links in an index.html need the slash
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = self._in_site(name.rstrip("/") + "/index.html")
        if target is None or not _is_regular(target):
            self._send(404, "text/plain; charset=utf-8", b"404 Not Found\n", with_body)
            return
        data = target.read_bytes()
        if target.suffix == ".html":
            data = data.replace(b"</body>", RELOAD_SCRIPT + b"</body>", 1)
            self._send(200, "text/html; charset=utf-8", data, with_body)
        else:
            self._send(200, self.guess_type(str(target)), data, with_body)

    def _in_site(self, name: str) -> Path | None:
        """The file or folder a URL path names, or None when it is not inside the site folder
        (through '..', or a link that leaves it)."""
        parts = [part for part in name.split("/") if part not in ("", ".")]
        if ".." in parts:
            return None
        real = Path(os.path.realpath(self.site.joinpath(*parts)))
        return real if real.is_relative_to(self.site) else None

    def _send(self, status: int, kind: str, body: bytes, with_body: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if with_body:
            self.wfile.write(body)


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser that drops the connection mid-answer is not worth a traceback


def editor_files(edition_dir: Path, out_dir: Path) -> Callable[[Change, str], bool]:
    """What an editor edits: everything in the edition folder (a register or an image made after
    serve started included) but what the build writes there itself — the anchor ledgers, the
    cache, the lock, the site (serve's default is site/ in the edition) and the work folders made
    beside it (staging, preview, search index: all named '.site.…') — and what editors' tools
    leave (DefaultFilter: .git, swap files, caches)."""
    from watchfiles import DefaultFilter

    edition_dir, out_dir = edition_dir.resolve(), out_dir.resolve()
    default = DefaultFilter(ignore_paths=[edition_dir / ANCHORS_DIR, edition_dir / CACHE_DIR,
                                          edition_dir / LOCK_FILE, out_dir])
    beside_site = re.compile(rf"\.{re.escape(out_dir.name)}\.")
    return lambda change, path: default(change, path) and not any(beside_site.match(p) for p in Path(path).parts)


def serve(edition_dir: Path, out_dir: Path, host: str, port: int, report: Callable[[str], None] = print) -> None:
    """Build, then serve; raises EditionError (nothing is served) when the first build fails."""
    from watchfiles import watch

    state = BuildState()
    try:
        rebuild_first(edition_dir, out_dir, state, report)
    except EditionError:
        report("build failed; nothing is served until the edition builds")
        raise
    server = _Server((host, port), _Handler)
    server.RequestHandlerClass = type("Handler", (_Handler,), {
        "state": state, "site": out_dir.resolve(), "hosts": allowed_hosts(host, server.server_address[1])})
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"serving {out_dir} at http://{host}:{server.server_address[1]}/ (Ctrl-C to stop)"
    try:
        # The first (empty) yield comes once the watcher runs: only then is a save sure to be seen.
        for changes in watch(edition_dir, watch_filter=editor_files(edition_dir, out_dir), debounce=300, step=50,
                             yield_on_timeout=True, rust_timeout=200):
            if address:
                report(address)
                address = ""
            if changes:
                rebuild(edition_dir, out_dir, state, report, {Path(path) for _, path in changes})
    finally:
        server.shutdown()
