"""`reflingo stubs`: writes the package, prints the summary, and refuses bad arguments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reflingo.cli import main

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "render" / "stubs" / "pages"


def _table(tmp_path: Path) -> Path:
    path = tmp_path / "table.json"
    path.write_text(json.dumps({"WIDGET_READONLY": {"value": 1}, "WIDGET_SHARED": {"value": 2},
                                "PR_WIDGET_LABEL": {"value": 0x6A01001E}}), encoding="utf-8")
    return path


def test_stubs_writes_the_package_and_the_summary(tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["stubs", str(PAGES), "--out", str(out), "--name", "widgets", "--no-cache",
                 "--no-progress", "--constants", str(_table(tmp_path))])
    printed = capsys.readouterr().out
    assert code == 0
    assert (out / "pyproject.toml").is_file()
    assert sorted(p.name for p in (out / "widgets").iterdir()) == [
        "__init__.py", "__init__.pyi", "constants.py", "constants.pyi", "functions.pyi",
        "interfaces.pyi", "py.typed", "structures.pyi"]
    assert "from widgets.constants import OpenWidget_ulFlags" in \
        (out / "widgets" / "interfaces.pyi").read_text(encoding="utf-8")
    for line in ("interfaces                    1", "methods                       2",
                 "functions                     1", "structures                    3",
                 "properties                    1"):
        assert line in printed
    assert "disagreements with the constants table: 1" in printed
    assert "PR_WIDGET_LABEL: computed 0x6A01001F, table 0x6A01001E" in printed
    assert "type: 1 names, 1 uses (LPFNWIDGETCALLBACK)" in printed


def test_a_second_run_writes_the_same_files(tmp_path, capsys):
    args = ["stubs", str(PAGES), "--no-progress", "--cache-dir", str(tmp_path / "cache"),
            "--constants", str(_table(tmp_path))]
    assert main(args + ["--out", str(tmp_path / "a")]) == 0
    assert main(args + ["--out", str(tmp_path / "b"), "--locale", "en-US"]) == 0   # cached
    a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*")
         if p.is_file()}
    b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*")
         if p.is_file()}
    assert a == b and len(a) == 9


def test_headers_give_the_values(tmp_path, capsys):
    (tmp_path / "h").mkdir()
    (tmp_path / "h" / "widget.h").write_text("#define WIDGET_READONLY 0x1\n"
                                              "#define WIDGET_SHARED (WIDGET_READONLY << 1)\n")
    assert main(["stubs", str(PAGES), "--no-cache", "--no-progress", "--out",
                 str(tmp_path / "o"), "--headers", str(tmp_path / "h")]) == 0
    text = (tmp_path / "o" / "mapi_types" / "constants.py").read_text(encoding="utf-8")
    assert "WIDGET_SHARED: Final = 0x00000002" in text


def test_bad_arguments_exit_2(tmp_path, capsys):
    base = ["stubs", str(PAGES), "--no-cache", "--no-progress", "--out", str(tmp_path)]
    assert main(base + ["--name", "not-a-name"]) == 2
    assert main(base + ["--locale", "xx-NOPE"]) == 2
    assert main(base + ["--constants", str(tmp_path / "missing.json")]) == 2
    assert "not a Python package name" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(base + ["--constants", "a.json", "--headers", "h"])
    assert exc.value.code == 2
    assert "not allowed with argument --constants" in capsys.readouterr().err


def test_the_package_installs(tmp_path, capsys):
    import subprocess
    import sys
    out = tmp_path / "out"
    assert main(["stubs", str(PAGES), "--out", str(out), "--no-cache", "--no-progress",
                 "--constants", str(_table(tmp_path))]) == 0
    target = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                           "--no-index", "--no-build-isolation", "--target", str(target),
                           str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    installed = {p.name for p in (target / "mapi_types").iterdir()}
    assert {"py.typed", "interfaces.pyi", "constants.py", "constants.pyi"} <= installed
    check = subprocess.run([sys.executable, "-c", "from mapi_types.constants import "
                            "OpenWidget_ulFlags as F; print(int(F.WIDGET_SHARED))"],
                           env={"PYTHONPATH": str(target)}, capture_output=True, text=True)
    assert check.stdout.strip() == "2", check.stderr
