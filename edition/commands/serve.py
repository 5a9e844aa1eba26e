"""`edition serve`: build, serve the site on this machine, rebuild when a file changes,
and reload the open page.

The server binds 127.0.0.1 unless told otherwise and serves only the site
folder. When a change breaks the build, the terminal and the open page show
the diagnostics, and the last good site stays up.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path

from edition.core.diagnostics import EditionError

STATUS_PATH = "/__edition/status"
# Polls the build counter; reloads on a new build; shows the diagnostics of a failed one.
RELOAD_SCRIPT = b"""<script>
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
    }).catch(function () {}).then(function () { setTimeout(poll, 700); });
  }
  poll();
})();
</script>""" % STATUS_PATH.encode()


@dataclass
class BuildState:
    build: int = 0  # counts successful builds
    errors: str = ""  # the diagnostics of the last failed build, if it failed
    lock: threading.Lock = field(default_factory=threading.Lock)


def rebuild(edition_dir: Path, out_dir: Path, state: BuildState, report) -> None:
    from edition.build.stages import build

    try:
        result = build(edition_dir, out_dir)
    except EditionError as failure:
        text = "\n".join(d.format() for d in failure.diagnostics)
        with state.lock:
            state.errors = text
        report(text + "\nbuild failed; the last good site is still served")
        return
    with state.lock:
        state.build += 1
        state.errors = ""
    report(f"built {len(result.documents)} documents (build {state.build})")


class _Handler(http.server.SimpleHTTPRequestHandler):
    state: BuildState

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.split("?")[0] == STATUS_PATH:
            with self.state.lock:
                body = json.dumps({"build": self.state.build, "errors": self.state.errors}).encode()
            self._send(200, "application/json", body)
            return
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            page = target.read_bytes()
            page = page.replace(b"</body>", RELOAD_SCRIPT + b"</body>", 1)
            self._send(200, "text/html; charset=utf-8", page)
            return
        super().do_GET()

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def watched(edition_dir: Path) -> list[Path]:
    names = ["sources", "pages", "notes", "templates", "xslt", "edition.toml", "persons.toml"]
    return [edition_dir / name for name in names if (edition_dir / name).exists()]


def serve(edition_dir: Path, out_dir: Path, host: str, port: int, report=print) -> None:
    from watchfiles import watch

    state = BuildState()
    rebuild(edition_dir, out_dir, state, report)
    out_dir.mkdir(parents=True, exist_ok=True)
    handler = type("Handler", (_Handler,), {"state": state})
    server = http.server.ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(out_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    report(f"serving {out_dir} at http://{host}:{server.server_address[1]}/ (Ctrl-C to stop)")
    try:
        for _changes in watch(*watched(edition_dir), debounce=300, step=100):
            rebuild(edition_dir, out_dir, state, report)
    finally:
        server.shutdown()
