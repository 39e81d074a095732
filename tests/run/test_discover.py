"""Reading the input files."""

from __future__ import annotations

import os

import pytest

from reflingo.run import discover as discover_module
from reflingo.run.discover import discover, read_file


@pytest.mark.parametrize("size", [0, 1, 4095, 70_000, 3 * 2**20 + 7])
def test_read_file_returns_every_byte(tmp_path, size):
    data = os.urandom(size)
    (tmp_path / "p.md").write_bytes(data)
    assert read_file(str(tmp_path / "p.md")) == data


def test_read_file_reads_on_after_a_short_read_or_a_grown_file(tmp_path, monkeypatch):
    (tmp_path / "p.md").write_bytes(b"abcdefghij")
    real = os.read
    monkeypatch.setattr(discover_module.os, "read", lambda fd, n: real(fd, min(n, 3)))
    assert read_file(str(tmp_path / "p.md")) == b"abcdefghij"
    fake = os.stat_result((0,) * 6 + (4,) + (0,) * 3)          # a size of 4 bytes
    monkeypatch.setattr(discover_module.os, "fstat", lambda fd: fake)
    assert read_file(str(tmp_path / "p.md")) == b"abcdefghij"   # said 4 bytes, holds 10


def test_discover_reads_the_pages_as_they_are(tmp_path):
    (tmp_path / "es-ES").mkdir()
    page = "---\ntitle: x\n---\n# Título\n".encode()
    (tmp_path / "es-ES" / "a.md").write_bytes(page)
    (found,) = discover([str(tmp_path)])
    assert found.data == page and found.locale == "es-ES" and found.rel_path == "a.md"
