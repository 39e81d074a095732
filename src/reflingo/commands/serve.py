"""`reflingo serve`: build the site, serve it on 127.0.0.1, rebuild what changed when a page
changes, and reload the browser; Ctrl-C stops.

The served pages are the built files; the server adds one script tag to each HTML page it sends
(`/__reflingo/live.js`, which asks `/__reflingo/version` every second and reloads the page when
a rebuild finished), so the files on disk stay exactly what `reflingo build` writes.
"""

from __future__ import annotations

import argparse
import functools
import logging
import os
import signal
import sys
import threading
import time
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from reflingo.commands import EXIT_OK
from reflingo.commands.build import build
from reflingo.run.discover import PAGE_SUFFIXES, TOC_NAMES

log = logging.getLogger("reflingo")
HOST = "127.0.0.1"
LIVE = b"""(function () {
  "use strict";
  var seen = null;
  function poll() {
    fetch("/__reflingo/version", { cache: "no-store" }).then(function (r) { return r.text(); })
      .then(function (v) { if (seen === null) { seen = v; } else if (v !== seen) { location.reload(); } })
      .catch(function () {});
  }
  poll();
  setInterval(poll, 1000);
}());
"""
TAG = b'<script src="/__reflingo/live.js"></script>'


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the output folder, the live-reload script and the build version."""

    server: "SiteServer"

    def log_message(self, format: str, *args: object) -> None:
        log.debug("serve: " + format, *args)

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/__reflingo/version":
            return self._send(str(self.server.version).encode(), "text/plain")
        if path == "/__reflingo/live.js":
            return self._send(LIVE, "text/javascript")
        if self.server.live and (path.endswith(".html") or path.endswith("/")):
            local = Path(self.translate_path(path))
            local = local / "index.html" if local.is_dir() else local
            if local.is_file():
                data = local.read_bytes()
                at = data.rfind(b"</body>")
                data = data[:at] + TAG + data[at:] if at >= 0 else data + TAG
                return self._send(data, "text/html; charset=utf-8")
        super().do_GET()

    def _send(self, data: bytes, kind: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)


class SiteServer(ThreadingHTTPServer):
    """An HTTP server of one folder on the loopback address."""

    daemon_threads = True
    block_on_close = False          # Ctrl-C never waits for a request still being answered
    version = 0
    live = True


def make_server(out: str | os.PathLike[str], port: int = 0, live: bool = True) -> SiteServer:
    """A server of the folder `out` on 127.0.0.1:`port` (0: a free port); not started."""
    handler = functools.partial(SiteHandler, directory=str(out))
    server = SiteServer((HOST, port), handler)
    server.live = live
    return server


def input_state(paths: list[str]) -> tuple:
    """What a change of the inputs changes: every page's and TOC's path, size and mtime."""
    state = []
    for root in paths:
        for folder, _dirs, names in os.walk(root):
            for name in names:
                if name.lower().endswith(PAGE_SUFFIXES) or name.lower() in TOC_NAMES:
                    p = os.path.join(folder, name)
                    try:
                        st = os.stat(p)
                    except OSError:
                        continue
                    state.append((p, st.st_size, st.st_mtime_ns))
    return tuple(sorted(state))


def run(args: argparse.Namespace) -> int:
    """Build, serve, rebuild on change until Ctrl-C."""
    # Ctrl-C stops the server even when it was started with SIGINT ignored (a background job of
    # a non-interactive shell inherits that, and Python then installs no handler of its own).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    report = build(args)
    server = make_server(report.out, args.port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    print(f"serving {report.out}/ at http://{host}:{port}/ (Ctrl-C stops)", file=sys.stderr)
    roots = list(args.paths) or ["content"]
    roots += [p for _tag, p in args.locale]
    state = input_state(roots)
    try:
        while True:
            time.sleep(args.interval)
            now = input_state(roots)
            if now != state:
                state = now
                report = build(args, progress=False)
                server.version += 1
                if not args.quiet:
                    print(f"rebuilt: {len(report.written)} files written in "
                          f"{report.seconds:.2f} s", file=sys.stderr)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        server.shutdown()
        server.server_close()
    return EXIT_OK
