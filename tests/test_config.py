"""Configuration: files, selection by code prefix, per-path ignores, inline suppression."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflingo.config import Config, ConfigError, inline_codes, load_config, parse_codes, suppressed
from reflingo.findings import Category, Finding, Severity


def f(code: str, path: str = "content/es-ES/a.md", line: int = 3) -> Finding:
    return Finding(code=code, category=Category.DIRECTION, severity=Severity.ERROR,
                   locale="es-ES", path=path, line=line, message="m")


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


# -- selection -----------------------------------------------------------------------------

def test_select_and_ignore_by_prefix():
    config = Config(select=("RL2", "RL301"), ignore=("RL20",))
    assert [c for c in ("RL201", "RL210", "RL301", "RL302", "RL004") if config.selects(c)] == \
        ["RL210", "RL301"]
    assert Config().selects("RL004")
    assert not Config(ignore=("RL",)).selects("RL101")
    assert Config(select=("RL101",), ignore=("RL1",)).selects("RL101")   # longer prefix wins


def test_command_line_overrides():
    config = Config(select=("RL2",), ignore=("RL201",)).override(select=("RL3",), fail_on="note")
    assert (config.select, config.ignore, config.fail_on) == (("RL3",), ("RL201",), Severity.NOTE)


def test_parse_codes():
    assert parse_codes("rl1, RL201 RL3") == ("RL1", "RL201", "RL3")
    with pytest.raises(ValueError):
        parse_codes("RL1,W605")


def test_per_path_ignores(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = Config(per_path_ignores=(("content/de-DE/**", ("RL7",)),))
    assert not config.keeps(f("RL701", "content/de-DE/outlook/a.md"))
    assert not config.keeps(f("RL701", "./content/de-DE/a.md"))
    assert not config.keeps(f("RL701", str(tmp_path / "content/de-DE/a.md")))
    assert config.keeps(f("RL601", "content/de-DE/a.md"))
    assert config.keeps(f("RL701", "content/es-ES/a.md"))


def test_per_path_patterns_are_relative_to_the_configuration(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    config = Config(per_path_ignores=(("docs/*.md", ("RL",)),), path=str(tmp_path / "reflingo.toml"))
    assert not config.keeps(f("RL101", str(tmp_path / "docs" / "a.md")))
    assert config.keeps(f("RL101", str(tmp_path / "other" / "a.md")))


# -- inline suppression --------------------------------------------------------------------

def test_inline_codes():
    assert inline_codes("text <!-- reflingo-ignore RL201, rl3  RL4 --> more") == ("RL201", "RL3", "RL4")
    assert inline_codes("<!--reflingo-ignore-->") == ()
    assert inline_codes("<!-- reflingo-ignore RL1 --> <!-- reflingo-ignore RL2 -->") == ("RL1", "RL2")
    assert inline_codes("<!-- a comment --> reflingo-ignore RL1") is None


@pytest.mark.parametrize("lines, line, code, hidden", [
    (["a", "x <!-- reflingo-ignore RL201 -->", "c"], 2, "RL201", True),   # same line
    (["a", "<!-- reflingo-ignore RL2 -->", "c"], 3, "RL201", True),       # line above, prefix
    (["<!-- reflingo-ignore RL2 -->", "b", "c"], 3, "RL201", False),      # two lines above
    (["a", "b", "c <!-- reflingo-ignore RL201 -->"], 2, "RL201", False),  # the line below
    (["a", "<!-- reflingo-ignore RL3 -->", "c"], 3, "RL201", False),      # another code
    (["a", "b", "c <!-- reflingo-ignore -->"], 3, "RL201", True),         # all codes
])
def test_suppressed(lines, line, code, hidden):
    assert suppressed(f(code, line=line), lines) is hidden
