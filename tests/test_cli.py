"""The command line: arguments checked up front, unreadable paths reported while the rest runs,
file names that are not UTF-8, exit codes (documented in --help)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from reflingo import cli

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
SEED = CONTENT / "es-ES" / "outlook" / "mapi" / "imapisession-logoff.md"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main([*argv])
    out, err = capsys.readouterr()
    return code, out, err


def page_copy(folder: Path, name: str = "a.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    target.write_bytes(SEED.read_bytes())
    return target


@pytest.mark.parametrize("jobs", ["0", "-1", "x"])
def test_jobs_below_one_is_a_usage_error(capsys, jobs):
    with pytest.raises(SystemExit) as exc:
        cli.main(["parse", "-j", jobs, str(CONTENT)])
    assert exc.value.code == 2
    assert "-j" in capsys.readouterr().err


def test_an_unknown_locale_tag_is_a_usage_error(capsys, tmp_path):
    page_copy(tmp_path)
    code, _, err = run(capsys, "parse", "--no-cache", "--locale", f"xx-QQ={tmp_path}")
    assert code == 2 and "'xx-QQ' is not a known BCP-47 locale tag" in err


def test_the_same_locale_twice_with_different_roots_is_a_usage_error(capsys, tmp_path):
    page_copy(tmp_path / "a")
    page_copy(tmp_path / "b")
    code, _, err = run(capsys, "parse", "--no-cache", "--locale", f"es-ES={tmp_path / 'a'}",
                       "--locale", f"es-ES={tmp_path / 'b'}")
    assert code == 2 and "--locale es-ES given twice" in err


def test_unreadable_paths_are_reported_and_the_rest_runs(capsys, tmp_path):
    good = page_copy(tmp_path / "es-ES")
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    sock_path = tmp_path / "s.md"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    try:
        code, out, err = run(capsys, "parse", "--no-cache", "--no-progress", str(tmp_path / "nope"),
                             str(fifo), str(loop), str(sock_path), str(good))
    finally:
        server.close()
    assert code == 2
    assert "IMAPISession::Logoff" in out                    # the good page was parsed
    assert f"{tmp_path / 'nope'}: no such file or directory" in err
    assert f"{fifo}: a FIFO, not a page" in err
    assert f"{loop}: symbolic link loop" in err
    assert f"{sock_path}: a socket, not a page" in err


def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path):
    folder = tmp_path / "es-ES"
    folder.mkdir()
    raw = os.fsencode(str(folder)) + b"/caf\xe9.md"
    with open(raw, "wb") as fh:
        fh.write(SEED.read_bytes())
    out = tmp_path / "r.json"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for args in (["check", "--format", "json", "-o", str(out)], ["check", "--format", "sarif"],
                 ["check"], ["parse", "-o", str(tmp_path / "m.txt")], ["fix"],
                 ["check", "--cache-dir", str(tmp_path / "c")], ["check", "--cache-dir", str(tmp_path / "c")]):
        cache = [] if "--cache-dir" in args else ["--no-cache"]
        done = subprocess.run([sys.executable, "-m", "reflingo", *args, *cache,
                               "--no-progress", str(tmp_path)], capture_output=True, timeout=120,
                              env=env)
        assert done.returncode in (0, 1), (args, done.stderr)
        assert b"Traceback" not in done.stderr
    findings = json.loads(out.read_text(encoding="utf-8"))
    assert findings and all(f["file"].endswith("caf\udce9.md") for f in findings)
    assert (tmp_path / "m.txt").read_text(encoding="utf-8").startswith("IMAPISession::Logoff")


def test_exit_codes_are_documented_in_help(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    text = capsys.readouterr().out
    for line in ("0    clean", "1    findings", "2    usage or I/O error", "3    internal error"):
        assert line in text
    with pytest.raises(SystemExit):
        cli.main(["check", "--help"])
    assert "3    internal error" in capsys.readouterr().out


def test_an_internal_error_exits_3_without_a_traceback(capsys, monkeypatch):
    from reflingo.commands import parse as parse_command

    def broken(args):
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(parse_command, "run", broken)
    code, _, err = run(capsys, "parse", "--no-cache", str(CONTENT))
    assert code == 3
    assert "internal error: ZeroDivisionError: simulated bug" in err and "Traceback" not in err
