"""`reflingo serve`: builds, serves on 127.0.0.1, rebuilds when a page changes and tells the
browser to reload, stops on Ctrl-C (SIGINT) with exit 0."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as r:   # 127.0.0.1 only
        return r.read().decode("utf-8")


def test_serve_rebuilds_a_changed_page_and_bumps_the_version(tmp_path, content_dir):
    content = tmp_path / "content"
    shutil.copytree(content_dir, content)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "reflingo", "serve", str(content), "--out",
                             str(tmp_path / "out"), "--cache-dir", str(tmp_path / "cache"),
                             "--port", "0", "--interval", "0.2", "--no-search"],
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = ""
        deadline = time.monotonic() + 120
        while "serving" not in line and time.monotonic() < deadline:
            line = proc.stderr.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        # the server goes on logging: its stderr is read on, or a full pipe would stop it
        threading.Thread(target=proc.stderr.read, daemon=True).start()
        page = url + "pt-BR/outlook/mapi/imapisession-logoff.html"
        html = fetch(page)
        assert '<script src="/__reflingo/live.js"></script></body>' in html
        assert "location.reload" in fetch(url + "__reflingo/live.js")
        version = fetch(url + "__reflingo/version")
        source = content / "pt-BR" / "outlook" / "mapi" / "imapisession-logoff.md"
        source.write_text(source.read_text(encoding="utf-8").replace("Encerra", "Termina"),
                          encoding="utf-8")
        while fetch(url + "__reflingo/version") == version and time.monotonic() < deadline:
            time.sleep(0.2)
        assert fetch(url + "__reflingo/version") != version
        assert "Termina" in fetch(page)
        on_disk = (tmp_path / "out" / "pt-BR" / "outlook" / "mapi" / "imapisession-logoff.html")
        assert "live.js" not in on_disk.read_text(encoding="utf-8")   # the files stay as built
    finally:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(timeout=30)
    assert code == 0
