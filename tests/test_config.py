"""Configuration: files, values, command-line overrides, code lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflingo.config import Config, ConfigError, load_config, parse_codes
from reflingo.findings import Category, Finding, Severity, at


def f(code: str, path: str = "content/es-ES/a.md", line: int = 3) -> Finding:
    return Finding(code=code, category=Category.DIRECTION, severity=Severity.ERROR,
                   locale="es-ES", span=at(path, line), message="m")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- files ---------------------------------------------------------------------------------

def test_no_file_gives_the_defaults(tmp_path):
    assert load_config(cwd=tmp_path) == Config()


def test_pyproject_without_a_reflingo_table_gives_the_defaults(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert load_config(cwd=tmp_path) == Config()


def test_pyproject_table(tmp_path):
    write(tmp_path / "pyproject.toml", """\
[tool.reflingo]
select = ["RL1", "rl2"]
ignore = ["RL205"]
fail-on = "warning"
per-path-ignores = { "content/de-DE/**" = ["RL7"] }

[tool.reflingo.locales.es-ES]
directions.in = ["[in]", "[entrada]"]
check-relative-links = false
""")
    config = load_config(cwd=tmp_path)
    assert (config.select, config.ignore, config.fail_on) == (("RL1", "RL2"), ("RL205",),
                                                              Severity.WARNING)
    assert config.per_path_ignores == (("content/de-DE/**", ("RL7",)),)
    assert config.locales == {"es-ES": {"directions": {"in": ["[in]", "[entrada]"]},
                                        "check-relative-links": False}}


def test_reflingo_toml_wins_and_takes_top_level_keys(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.reflingo]\nselect = ["RL1"]\n')
    write(tmp_path / "reflingo.toml", 'select = ["RL3"]\n')
    assert load_config(cwd=tmp_path).select == ("RL3",)


def test_explicit_file(tmp_path):
    path = write(tmp_path / "ci.toml", '[tool.reflingo]\nignore = ["RL6"]\n')
    assert load_config(str(path), cwd=tmp_path).ignore == ("RL6",)
    with pytest.raises(ConfigError, match="missing.toml: configuration file not found"):
        load_config(str(tmp_path / "missing.toml"))


@pytest.mark.parametrize("text, where, message", [
    ('[tool.reflingo]\nselect = ["RL1"\nignore = []\n', ":3:1:", "invalid TOML: Unclosed array"),
    ('[tool.reflingo]\nselect = ["RL1"\n', ":2:", "invalid TOML: Unclosed array"),
    ('[tool.reflingo]\n\nselct = ["RL1"]\n', ":3:", "unknown setting 'selct'"),
    ('[tool.reflingo]\nselect = ["RL1"]\nignore = [3]\n', ":3:", "ignore must be a list"),
    ('[tool.reflingo]\nfail-on = "fatal"\n', ":2:", "fail-on must be one of error, warning, note"),
    ('[tool.reflingo]\nselect = ["E501"]\n', ":2:", "'E501' is not a code"),
    ('[tool.reflingo]\n\n[tool.reflingo.per-path-ignores]\n"a/**" = "RL1 X"\n', ":4:",
     "'X' is not a code"),
    ('[tool.reflingo]\nlocales = 3\n', ":2:", "locales must hold one table per locale"),
])
def test_errors_name_the_file_and_line(tmp_path, text, where, message):
    write(tmp_path / "pyproject.toml", text)
    with pytest.raises(ConfigError) as exc:
        load_config(cwd=tmp_path)
    assert f"pyproject.toml{where}" in str(exc.value) and message in str(exc.value)


# -- values --------------------------------------------------------------------------------

def test_command_line_overrides():
    config = Config(select=("RL2",), ignore=("RL201",)).override(select=("RL3",), fail_on="note")
    assert (config.select, config.ignore, config.fail_on) == (("RL3",), ("RL201",), Severity.NOTE)


def test_parse_codes():
    assert parse_codes("rl1, RL201 RL3") == ("RL1", "RL201", "RL3")
    with pytest.raises(ValueError):
        parse_codes("RL1,W605")
