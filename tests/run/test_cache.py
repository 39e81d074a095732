"""The result cache: plain data only, never code; anything it did not write itself is ignored."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from reflingo.findings import Category, Finding, Fix, Severity, at
from reflingo.reports.stats import PageStats
from reflingo.run import cache as cache_module
from reflingo.run.cache import (CacheFormatError, Plain, ResultCache, decode, encode,
                                fingerprint, signing_key)
from reflingo.run.discover import discover

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"


@pytest.fixture(autouse=True)
def own_key(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    signing_key.cache_clear()
    yield
    signing_key.cache_clear()


FINDING = Finding(code="RL201", category=Category.IDENTIFIER, severity=Severity.ERROR,
                  locale="ru-RU", span=at("a.md", 3, 4), column=2, item="X::Y", message="m",
                  expected="ulFlags", actual="улфлагс",
                  fix=Fix(line=3, column=2, old="улфлагс", new="ulFlags"))


def test_round_trip_keeps_records_tuples_enums_and_int_keys():
    value = ([FINDING], (1, "a", None), {"p.md": {3: ("RL2",), 4: ()}},
             [PageStats("a.md", "es-ES", "method", "outlook/a.md", 3, 1, 0, None)], Plain([{"x": [1, 2]}]))
    back = decode(json.loads(json.dumps(encode(value))))
    assert back == value
    assert type(back[0][0].category) is Category and isinstance(back[4], Plain)


def test_bytes_are_stored_apart_as_they_are_and_read_back(tmp_path):
    """Bytes of any value (newlines, the separators of the store, invalid UTF-8) come back
    exactly, beside other entries, and a store is still one line per entry to the reader."""
    group = _groups()[0]
    blobs = [b"{\"a\":1}", b"", b"line\nbreak\x1f\t\x1e\xff\xfe", bytes(range(256)) * 3]
    c = ResultCache(tmp_path / "c")
    k1, k2, k3 = (c.key(t, group) for t in ("model", "model:x", "model:y"))
    c.put(k1, (blobs, [FINDING]))
    c.put(k2, {"only": b"\n"})
    c.put(k3, ([], []))
    c.flush()
    again = ResultCache(tmp_path / "c")
    assert again.get(k1) == (blobs, [FINDING])
    assert again.get(k2) == {"only": b"\n"} and again.get(k3) == ([], [])
    again.put(c.key("model:z", group), [b"z"])   # unchanged entries are written back raw
    again.flush()
    third = ResultCache(tmp_path / "c")
    assert third.get(k1) == (blobs, [FINDING]) and third.get(c.key("model:z", group)) == [b"z"]


def test_bytes_cannot_be_encoded_without_a_place_apart():
    with pytest.raises(CacheFormatError):
        encode([b"x"])
    with pytest.raises(CacheFormatError):
        decode({"$b": 1}, [b"x"])   # no such bytes
    with pytest.raises(CacheFormatError):
        decode({"$b": True}, [b"x"])


@pytest.mark.parametrize("tail", [b"\x1f3,x\x1fabc", b"\x1f9\x1fabc", b"\x1f1\x1fabc",
                                  b"\x1f3abc"])
def test_a_signed_entry_whose_lengths_are_wrong_is_not_read(tmp_path, caplog, tail):
    body = b"model:k\t" + json.dumps([{"$b": 0}]).encode() + tail + b"\n"
    _signed_store(tmp_path / "c", "model", body)
    with caplog.at_level("WARNING", logger="reflingo"):
        assert ResultCache(tmp_path / "c").get("model:k") is None
    assert "unreadable" in caplog.text or "malformed" in caplog.text


@pytest.mark.parametrize("data", [
    {"$r": "Popen", "v": {}},                          # a type that is not one of ours
    {"$r": "Finding", "v": {"code": "x", "__class__": "y"}},   # not the list of its values
    {"$r": "Finding", "v": ["RL201", "x"]},                     # too few values
    {"$e": "Severity", "v": "fatal"},
    {"$x": 1},
    {"$m": [[[1], 2]]},
])
def test_decode_refuses_what_it_did_not_write(data):
    with pytest.raises((CacheFormatError, ValueError)):
        decode(data)


def _groups():
    from reflingo.run.discover import partition
    return partition(discover([str(CONTENT)]))


def test_a_store_is_reused_by_this_user_and_rebuilt_when_tampered(tmp_path, caplog):
    group = _groups()[0]
    c = ResultCache(tmp_path / "c")
    key = c.key("check", group)
    c.put(key, ([FINDING], []))
    c.flush()
    assert ResultCache(tmp_path / "c").get(key) == ([FINDING], [])
    store = tmp_path / "c" / "check.json"
    store.write_bytes(store.read_bytes().replace(b"ulFlags", b"ulFlagz"))
    with caplog.at_level("WARNING", logger="reflingo"):
        assert ResultCache(tmp_path / "c").get(key) is None
    assert "damaged or was not written here" in caplog.text


def test_a_store_from_another_version_is_ignored(tmp_path, caplog):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "check.json").write_text(
        json.dumps({"format": cache_module.FORMAT, "fingerprint": "0" * 32}) + "\n{}",
        encoding="utf-8")
    with caplog.at_level("INFO", logger="reflingo"):
        assert ResultCache(tmp_path / "c").get("check:abc") is None
    (said,) = [r for r in caplog.records if "another version" in r.getMessage()]
    assert said.levelname == "INFO"        # an upgrade is no reason for a warning


def _signed_store(folder: Path, name: str, body: bytes) -> None:
    """A store of `body`'s entry lines, signed with this user's key (as if written here)."""
    header = json.dumps({"format": cache_module.FORMAT, "fingerprint": fingerprint()})
    seal = json.dumps({"hmac": cache_module._sign(body)})
    folder.mkdir()
    (folder / f"{name}.json").write_bytes(header.encode() + b"\n" + body + seal.encode())


def test_a_signed_entry_of_unknown_shape_is_recomputed_not_built(tmp_path, caplog):
    body = b"check:k\t" + json.dumps({"$r": "Popen", "v": {"args": "touch x"}}).encode() + b"\n"
    _signed_store(tmp_path / "c", "check", body)
    with caplog.at_level("WARNING", logger="reflingo"):
        assert ResultCache(tmp_path / "c").get("check:k") is None
    assert "malformed" in caplog.text


class _Payload:
    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_or_json_cache_runs_nothing(tmp_path):
    """A docs repository ships .reflingo-cache/ with a malicious pickle under every name the
    cache ever used, and a JSON store signed with someone else's key: nothing runs, the
    findings are the real ones."""
    work = tmp_path / "repo"
    (work / ".reflingo-cache").mkdir(parents=True)
    marker = tmp_path / "PWNED"
    for name in ("check", "model", "stats"):
        for suffix in (".pickle", ".json", ""):
            (work / ".reflingo-cache" / f"{name}{suffix}").write_bytes(
                pickle.dumps({"x": _Payload(str(marker))}))
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg2")}
    for command in (["check", "--format", "json"], ["parse"], ["parse", "--stats"]):
        done = subprocess.run([sys.executable, "-m", "reflingo", *command, "--no-progress",
                               str(CONTENT)], cwd=work, env=env, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode in (0, 1), done.stderr
        assert "Traceback" not in done.stderr
    assert not marker.exists()
    assert "IMAPISession::Logoff" in subprocess.run(
        [sys.executable, "-m", "reflingo", "parse", "--no-progress", str(CONTENT)], cwd=work,
        env=env, capture_output=True, text=True, timeout=120).stdout


def test_a_store_written_again_copies_the_entries_it_read_and_encodes_the_new(tmp_path,
                                                                             monkeypatch):
    groups = _groups()
    c = ResultCache(tmp_path / "c")
    first, second = c.key("check", groups[0]), c.key("check", groups[1])
    c.put(first, ([FINDING], []))
    c.put(second, ([], []))
    c.flush()
    copied = []
    real = cache_module._Encoded.raw
    monkeypatch.setattr(cache_module._Encoded, "raw", lambda e: copied.append(e) or real(e))
    again = ResultCache(tmp_path / "c")
    assert again.get(first) == ([FINDING], []) and again.get(first) == ([FINDING], [])
    again.put(second, ([FINDING], [FINDING]))
    copied.clear()
    again.flush()
    assert len(copied) == 1          # the entry read was copied; the one put anew was encoded
    last = ResultCache(tmp_path / "c")
    assert last.get(first) == ([FINDING], []) and last.get(second) == ([FINDING], [FINDING])
