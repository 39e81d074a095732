"""The house: layers as import-linter contracts, module sizes, no I/O in the pure stages,
documented findings, and a check module that fails to import failing loudly."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "reflingo"
MAX_LINES = 400


def modules(under: Path = PACKAGE) -> list[Path]:
    return sorted(p for p in under.rglob("*.py") if "__pycache__" not in p.parts)


def test_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    assert lint.exists(), "import-linter is a test dependency"
    done = subprocess.run([str(lint), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_over_the_size_limit(path):
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{path.name}: {lines} lines"


_IO_CALLS = {"open", "print", "input"}
_IO_METHODS = {"read_text", "read_bytes", "write_text", "write_bytes", "mkdir", "unlink",
               "rmdir", "touch", "iterdir", "rglob", "glob"}
_IO_MODULES = {"pathlib", "shutil", "tempfile", "io", "subprocess", "sys", "os", "socket"}


def io_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            fn = node.func
            if isinstance(fn, ast.Name) and fn.id in _IO_CALLS:
                found.append(f"{fn.id}() on line {node.lineno}")
            elif isinstance(fn, ast.Attribute) and fn.attr in _IO_METHODS:
                found.append(f".{fn.attr}() on line {node.lineno}")
        elif isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if a.name.split(".")[0] in _IO_MODULES]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in _IO_MODULES:
            found.append(f"from {node.module} import ...")
    return found


@pytest.mark.parametrize("stage", ["checks", "render"])
def test_checks_and_renderers_do_no_file_io_and_never_print(stage):
    offenders = {p.name: uses for p in modules(PACKAGE / stage) if (uses := io_uses(p))}
    assert offenders == {}


def test_the_io_scan_sees_io():
    bad = PACKAGE.parent.parent / "tests" / "_io_sample.py"
    try:
        bad.write_text("import os\nprint(open('x').read())\nfrom pathlib import Path\n"
                       "Path('y').write_text('z')\n", encoding="utf-8")
        assert len(io_uses(bad)) == 5
    finally:
        bad.unlink()


def test_cli_holds_argparse_and_dispatch_only():
    tree = ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reflingo")}
    assert imported <= {"reflingo", "reflingo.commands", "reflingo.errors", "reflingo.run.cache",
                        "reflingo.config"}
    functions = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    assert "main" in functions and not any(f.startswith(("cmd_", "run")) for f in functions)


@pytest.mark.parametrize("cls", ["Finding", "Fix", "Rule"])
def test_every_field_of_the_finding_records_has_a_docstring(cls):
    tree = ast.parse((PACKAGE / "findings.py").read_text(encoding="utf-8"))
    [node] = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls]
    body = node.body
    fields = [(i, s.target.id) for i, s in enumerate(body) if isinstance(s, ast.AnnAssign)]
    assert fields
    undocumented = [name for i, name in fields
                    if not (i + 1 < len(body) and isinstance(body[i + 1], ast.Expr)
                            and isinstance(body[i + 1].value, ast.Constant)
                            and isinstance(body[i + 1].value.value, str))]
    assert undocumented == []


def _package_copy(tmp_path: Path) -> Path:
    """A copy of the package and its locale tables that a test may break."""
    shutil.copytree(PACKAGE, tmp_path / "reflingo", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "locales", tmp_path / "reflingo" / "locales")
    return tmp_path


def _reflingo(pythonpath: Path, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    return subprocess.run([sys.executable, "-m", "reflingo", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("breakage", ["import reflingo_no_such_module\n", "def broken(:\n",
                                      "raise RuntimeError('boom at import')\n"])
def test_a_check_module_that_fails_to_import_fails_check_loudly(tmp_path, breakage):
    root = _package_copy(tmp_path / "pkg")
    family = root / "reflingo" / "checks" / "markup.py"
    family.write_text(breakage + family.read_text(encoding="utf-8"), encoding="utf-8")
    done = _reflingo(root, "check", "--no-cache", "--no-progress", str(ROOT / "content"))
    assert done.returncode == 2, done.stderr
    assert "reflingo.checks.markup" in done.stderr
    assert "Traceback" not in done.stderr
    # the command is not silently gone: the parser still knows it
    assert _reflingo(root, "check", "--help").returncode == 0


def test_the_copied_package_works_when_intact(tmp_path):
    root = _package_copy(tmp_path / "pkg")
    done = _reflingo(root, "check", "--no-cache", "--no-progress", "--select", "RL1",
                     str(ROOT / "content"))
    assert done.returncode in (0, 1), done.stderr
    assert "finding" in done.stdout
