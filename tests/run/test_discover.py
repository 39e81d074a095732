"""Reading the input files."""

from __future__ import annotations

import os
import pickle
import time

import pytest

from reflingo.errors import InputError
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


def _pages(tmp_path, count=3, age=3600):
    """Pages last modified `age` seconds ago (older than a change could hide in)."""
    folder = tmp_path / "es-ES"
    folder.mkdir()
    for n in range(count):
        page = folder / f"p{n}.md"
        page.write_text(f"---\ntitle: p{n}\nms.assetid: Asset{n}\n---\n# P{n}\n", encoding="utf-8")
        os.utime(page, (time.time() - age, time.time() - age))
    return folder


def _counting_reads(monkeypatch):
    reads = []
    real = discover_module.read_file
    monkeypatch.setattr(discover_module, "read_file", lambda p: reads.append(p) or real(p))
    return reads


def test_a_file_unchanged_since_the_last_run_is_not_read_until_its_bytes_are_asked_for(
        tmp_path, monkeypatch):
    folder = _pages(tmp_path)
    seen: dict = {}
    first = discover([str(folder)], seen=seen)
    assert sorted(seen) == sorted(s.path for s in first)
    reads = _counting_reads(monkeypatch)
    again = discover([str(folder)], known=seen)
    assert reads == []
    assert [(s.path, s.digest, s.assetid, s.locale) for s in again] == \
        [(s.path, s.digest, s.assetid, s.locale) for s in first]
    assert again[0].data == first[0].data and len(reads) == 1      # read when asked for
    assert again == first


def test_a_changed_file_is_read_even_with_its_size_and_time_kept(tmp_path, monkeypatch):
    folder = _pages(tmp_path)
    seen: dict = {}
    discover([str(folder)], seen=seen)
    page = folder / "p1.md"
    st = page.stat()
    page.write_bytes(page.read_bytes().replace(b"# P1", b"# Q1"))     # same size
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))               # same time
    reads = _counting_reads(monkeypatch)
    found = {s.path: s for s in discover([str(folder)], known=seen)}
    assert reads == [str(page)]
    assert b"# Q1" in found[str(page)].data


def test_a_file_modified_a_moment_ago_is_not_remembered(tmp_path):
    folder = _pages(tmp_path, age=0)
    seen: dict = {}
    discover([str(folder)], seen=seen)
    assert seen == {}


def test_a_file_that_changes_after_it_was_found_is_an_input_error(tmp_path):
    folder = _pages(tmp_path)
    seen: dict = {}
    discover([str(folder)], seen=seen)
    later = {s.rel_path: s for s in discover([str(folder)], known=seen)}
    (folder / "p2.md").write_text("---\ntitle: other\n---\n", encoding="utf-8")
    with pytest.raises(InputError, match="changed while reflingo was reading"):
        later["p2.md"].data


def test_a_source_not_read_travels_to_a_worker_and_is_read_there(tmp_path):
    folder = _pages(tmp_path)
    seen: dict = {}
    discover([str(folder)], seen=seen)
    lazy = discover([str(folder)], known=seen)[0]
    copy = pickle.loads(pickle.dumps(lazy))
    assert copy._data is None and copy.data == (folder / "p0.md").read_bytes()


def test_remembered_facts_of_the_wrong_shape_are_not_used(tmp_path, monkeypatch):
    folder = _pages(tmp_path, count=1)
    seen: dict = {}
    discover([str(folder)], seen=seen)
    (path,) = seen
    reads = _counting_reads(monkeypatch)
    for bad in (seen[path][:5] + [1, None, None], seen[path][:7], "x", {"a": 1}, None, 3):
        discover([str(folder)], known={path: bad})
    assert len(reads) == 6


def test_a_check_run_reads_no_page_when_nothing_changed_and_only_the_changed_item_else(
        tmp_path, monkeypatch, capsys):
    from reflingo.cli import main

    folder = _pages(tmp_path)
    other = tmp_path / "de-DE"
    other.mkdir()
    for n in range(2):
        page = other / f"p{n}.md"
        page.write_text(f"---\ntitle: p{n}\nms.assetid: Asset{n}\n---\n# P{n}\n", encoding="utf-8")
        os.utime(page, (time.time() - 3600, time.time() - 3600))
    args = ["check", str(tmp_path / "es-ES"), str(other), "--cache-dir", str(tmp_path / "cache"),
            "--no-progress", "--jobs", "1"]
    main(args)
    first = capsys.readouterr().out
    reads = _counting_reads(monkeypatch)
    main(args)
    assert reads == [] and capsys.readouterr().out == first
    page = folder / "p0.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMás texto.\n", encoding="utf-8")
    os.utime(page, (time.time() - 60, time.time() - 60))
    main(args)
    # the changed page and the other page of its item: no other page, not even for the U+FFFD
    # repair vocabulary of its locale
    assert sorted(reads) == sorted([str(page), str(other / "p0.md")])
    assert capsys.readouterr().out == first
