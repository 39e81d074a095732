"""The generated packages pass `mypy --strict`, pyright in strict mode and `mypy.stubtest` (on
the runtime constants); a client that uses them right type-checks, a wrong one does not.

pyright comes from PyPI with its JavaScript bundled and runs on the machine's Node.js; the
environment keeps it from looking for a newer version (no network needed)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CLIENTS = HERE / "clients"
BIN = Path(sys.executable).parent
WRONG_LINES = {10, 14}          # wrong_client.py: a str for ulFlags, a method that is not there


def _env(root: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(root), "PYRIGHT_PYTHON_IGNORE_WARNINGS": "1",
            "MYPYPATH": str(root)}


def mypy(root: Path, *targets: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                           "--cache-dir", os.devnull, *targets], cwd=root, env=_env(root),
                          capture_output=True, text=True, timeout=300)


def pyright(root: Path, *targets: str) -> dict:
    pyright_bin = BIN / "pyright"
    if not pyright_bin.exists() or not shutil.which("node"):
        pytest.skip("pyright (test extra) or Node.js is missing")
    (root / "pyrightconfig.json").write_text(json.dumps({"typeCheckingMode": "strict"}))
    done = subprocess.run([str(pyright_bin), "--outputjson", *targets], cwd=root,
                          env=_env(root), capture_output=True, text=True, timeout=300)
    return json.loads(done.stdout)


def errors(report: dict) -> list[str]:
    return [f"{Path(d['file']).name}:{d['range']['start']['line'] + 1}: {d['message']}"
            for d in report["generalDiagnostics"] if d["severity"] == "error"]


def test_mypy_strict_on_the_seeds_package(seeds_package):
    _, root = seeds_package
    done = mypy(root, "mapi_types")
    assert done.returncode == 0, done.stdout
    assert "Success: no issues found in 5 source files" in done.stdout


@pytest.fixture(scope="module")
def clients(slice_dir) -> Path:
    for script in CLIENTS.glob("*.py"):
        shutil.copy(script, slice_dir / script.name)
    return slice_dir


@pytest.mark.corpus
def test_mypy_strict_on_the_package_and_a_client(clients):
    done = mypy(clients, "mapi_types", "mail_client.py")
    assert done.returncode == 0, done.stdout[-3000:]
    assert "Success: no issues found in 6 source files" in done.stdout


@pytest.mark.corpus
def test_mypy_rejects_the_wrong_client(clients):
    done = mypy(clients, "wrong_client.py")
    assert done.returncode == 1
    lines = {int(line.split(":")[1]) for line in done.stdout.splitlines()
             if line.startswith("wrong_client.py:") and ": error:" in line}
    assert lines == WRONG_LINES, done.stdout
    assert '"str"; expected "Logoff_ulFlags"' in done.stdout
    assert '"IMAPIFolder" has no attribute "GetContentTables"' in done.stdout


@pytest.mark.corpus
def test_pyright_strict(clients):
    report = pyright(clients, "mapi_types", "mail_client.py", "wrong_client.py")
    found = errors(report)
    assert [e for e in found if not e.startswith("wrong_client.py:")] == []
    assert {int(e.split(":")[1]) for e in found} == WRONG_LINES, found
    assert report["summary"]["filesAnalyzed"] >= 7


@pytest.mark.corpus
def test_stubtest_on_the_runtime_constants(clients):
    done = subprocess.run([sys.executable, "-m", "mypy.stubtest", "mapi_types.constants",
                           "--mypy-config-file", os.devnull], cwd=clients, env=_env(clients),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "Success: no issues found in 1 module" in done.stdout
