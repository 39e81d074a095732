"""The writer: atomic replacement that keeps modes, symbolic links and hard links."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time

import pytest

from reflingo.commands.writer import (STALE_TEMP_SECONDS, write_atomic, write_chunks, write_output,
                                      write_tree)


def test_replaces_content_and_keeps_the_mode(tmp_path):
    page = tmp_path / "a.md"
    page.write_bytes(b"old\n")
    os.chmod(page, 0o640)
    write_atomic(str(page), b"new\n")
    assert page.read_bytes() == b"new\n"
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_writes_through_a_symbolic_link_and_keeps_the_link(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "a.md"
    target.write_bytes(b"old\n")
    link = tmp_path / "a.md"
    link.symlink_to(target)
    write_atomic(str(link), b"new\n")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == b"new\n"


def test_keeps_hard_links(tmp_path):
    first = tmp_path / "a.md"
    first.write_bytes(b"old content\n")
    second = tmp_path / "b.md"
    os.link(first, second)
    write_atomic(str(first), b"new\n")
    assert second.read_bytes() == b"new\n" and first.read_bytes() == b"new\n"
    assert first.stat().st_ino == second.stat().st_ino and first.stat().st_nlink == 2


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_write_leaves_the_file_and_no_temporary(tmp_path, monkeypatch, error):
    page = tmp_path / "a.md"
    page.write_bytes(b"old\n")

    def boom(*args):
        raise error

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(type(error)):
        write_atomic(str(page), b"new\n")
    assert page.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_a_temporary_left_by_a_killed_run_is_removed_later(tmp_path):
    page = tmp_path / "a.md"
    page.write_bytes(b"old\n")
    stray = tmp_path / ".a.md.x1y2.tmp"
    stray.write_bytes(b"half")
    old = time.time() - STALE_TEMP_SECONDS - 5
    os.utime(stray, (old, old))
    fresh = tmp_path / ".a.md.z9.tmp"      # maybe another run's, still writing: kept
    fresh.write_bytes(b"busy")
    write_atomic(str(page), b"new\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".a.md.z9.tmp", "a.md"]


def test_output_file_is_created_and_written_whole(tmp_path):
    out = tmp_path / "report.json"
    write_output("[]", str(out))
    assert out.read_text(encoding="utf-8") == "[]\n"


def test_sigterm_during_a_run_leaves_no_temporary_file(tmp_path):
    """SIGTERM ends a run like Ctrl-C, so the writer's cleanup runs."""
    page = tmp_path / "a.md"
    page.write_bytes(b"old\n")
    script = (
        "import os, sys, time\n"
        "from reflingo.commands import writer\n"
        "real = os.replace\n"
        "def slow(a, b):\n"
        "    print('ready', flush=True); time.sleep(30); real(a, b)\n"
        "os.replace = slow\n"
        "from reflingo.cli import _terminate\n"
        "import signal; signal.signal(signal.SIGTERM, _terminate)\n"
        "try:\n"
        f"    writer.write_atomic({str(page)!r}, b'new')\n"
        "except KeyboardInterrupt:\n"
        "    sys.exit(130)\n")
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=20) == 130
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"] and page.read_bytes() == b"old\n"


def test_text_and_utf8_bytes_are_written_in_order(tmp_path):
    out = tmp_path / "r.json"
    write_chunks(["[", b'"\xc3\xa9"', ",", b"1", "]"], str(out))
    assert out.read_text(encoding="utf-8") == '["é",1]\n'


def test_output_to_dev_stdout_reaches_a_pipe():
    """`-o /dev/stdout` writes into the pipe the command's output goes to (it names no file
    that a temporary could be placed beside)."""
    code = ("from reflingo.commands.writer import write_chunks;"
            "write_chunks(['a', b'b', 'c'], '/dev/stdout')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == b"abc\n"


def test_tree_files_get_the_umask_mode_and_leave_no_temporary(tmp_path):
    mask = os.umask(0o027)
    try:
        assert write_tree(tmp_path, [("a/page.html", b"<p>1"), ("a/b/other.html", b"<p>2")]) \
            == ["a/page.html", "a/b/other.html"]
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "a" / "page.html").stat().st_mode) == 0o640
    assert (tmp_path / "a" / "b" / "other.html").read_bytes() == b"<p>2"
    assert [p.name for p in tmp_path.rglob("*.tmp")] == []


def test_a_tree_file_is_written_when_this_process_temporary_name_is_taken(tmp_path):
    (tmp_path / "page.html").write_bytes(b"old")
    taken = tmp_path / f".page.html.{os.getpid()}.tmp"
    taken.write_bytes(b"left by a killed run")
    assert write_tree(tmp_path, [("page.html", b"new")]) == ["page.html"]
    assert (tmp_path / "page.html").read_bytes() == b"new"
    assert taken.read_bytes() == b"left by a killed run"      # not ours: left alone


def test_a_failed_tree_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    (tmp_path / "page.html").write_bytes(b"old")

    def refuse(src, dst):
        raise OSError("disk full")
    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_tree(tmp_path, [("page.html", b"new")])
    assert (tmp_path / "page.html").read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_the_folders_found_inside_are_remembered_across_calls(tmp_path):
    folders: dict[str, bool] = {}
    write_tree(tmp_path, [("x/one.html", b"1")], folders)
    assert folders == {str(tmp_path.resolve() / "x"): True}
    assert write_tree(tmp_path, [("x/two.html", b"2")], folders) == ["x/two.html"]
    assert (tmp_path / "x" / "two.html").read_bytes() == b"2"


def test_a_new_tree_file_that_fails_to_write_is_not_left_half_written(tmp_path, monkeypatch):
    import io as io_module

    real_fdopen = os.fdopen

    class Full(io_module.BufferedWriter):
        def write(self, data):
            raise OSError("disk full")

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Full(real_fdopen(fd, "wb", buffering=0)))
    with pytest.raises(OSError):
        write_tree(tmp_path, [("new.html", b"<p>")])
    assert list(tmp_path.iterdir()) == []


def test_a_dangling_link_is_replaced_by_the_new_file(tmp_path):
    (tmp_path / "page.html").symlink_to(tmp_path / "gone.html")
    assert write_tree(tmp_path, [("page.html", b"<p>")]) == ["page.html"]
    assert not (tmp_path / "page.html").is_symlink()
    assert (tmp_path / "page.html").read_bytes() == b"<p>"
