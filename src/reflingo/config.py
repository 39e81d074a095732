"""Configuration: which findings to report, when to fail, per-locale settings for the checks.

Read from `--config FILE`, else `reflingo.toml`, else `[tool.reflingo]` in `pyproject.toml`, in
the current folder::

    [tool.reflingo]
    select = ["RL1", "RL2"]          # code prefixes, like flake8 (default: everything)
    ignore = ["RL205"]
    fail-on = "warning"              # error (default) | warning | note
    per-path-ignores = { "content/de-DE/**" = ["RL7"] }

    [tool.reflingo.locales.es-ES]    # passed to the checks as CheckContext.settings["es-ES"]
    directions.in = ["[in]", "[entrada]"]
    check-relative-links = false

A page line (or the line above it) holding `<!-- reflingo-ignore RL201 RL3 -->` suppresses the
findings on that line whose code starts with one of the codes; without codes, all of them.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import logging
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from reflingo.findings import Finding, Severity
from reflingo.loader import InputError

log = logging.getLogger("reflingo")

CONFIG_FILE = "reflingo.toml"
PYPROJECT = "pyproject.toml"
KEYS = ("select", "ignore", "per-path-ignores", "fail-on", "locales")
_CODE = re.compile(r"^RL\d{0,3}$")
# A comment that is never closed: the rest of the text, group 1 None (no later one closes either).
_INLINE = re.compile(r"<!--\s*reflingo-ignore\b(?:(.*?)-->|.*)", re.S)


class ConfigError(InputError):
    """The configuration file cannot be read or holds a wrong value (exit code 2)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    """The settings in effect (file, then command line)."""

    select: tuple[str, ...] = ()
    """Code prefixes to report; empty: every code."""
    ignore: tuple[str, ...] = ()
    """Code prefixes not to report (the longer of a matching select and ignore prefix wins)."""
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(glob pattern, code prefixes) pairs."""
    fail_on: Severity = Severity.ERROR
    """The lowest severity that makes `reflingo check` exit with 1."""
    locales: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    """Per-locale check settings, locale -> table."""
    path: str | None = None
    """The file the configuration came from."""

    def selects(self, code: str) -> bool:
        """Whether findings with this code are reported at all (select/ignore, flake8's rule)."""
        chosen = _longest(code, self.select) if self.select else ""
        if chosen is None:
            return False
        ignored = _longest(code, self.ignore)
        return ignored is None or len(chosen) > len(ignored)

    def keeps(self, f: Finding) -> bool:
        """Whether a finding is reported: its code is selected and no per-path ignore hits it."""
        if not self.selects(f.code):
            return False
        if not self.per_path_ignores:
            return True
        names = _path_forms(f.path, self.path)
        return not any(_longest(f.code, codes) is not None and
                       any(fnmatch.fnmatchcase(n, pattern) for n in names)
                       for pattern, codes in self.per_path_ignores)

    def override(self, *, select: Sequence[str] | None = None, ignore: Sequence[str] | None = None,
                 fail_on: str | None = None) -> "Config":
        """The command line's --select/--ignore/--fail-on replace the file's values."""
        changes: dict[str, object] = {}
        if select is not None:
            changes["select"] = tuple(select)
        if ignore is not None:
            changes["ignore"] = tuple(ignore)
        if fail_on is not None:
            changes["fail_on"] = Severity(fail_on)
        return dataclasses.replace(self, **changes)


def _longest(code: str, prefixes: Iterable[str]) -> str | None:
    """The longest prefix of `code` among `prefixes`, or None."""
    hits = [p for p in prefixes if code.startswith(p)]
    return max(hits, key=len) if hits else None


def _path_forms(path: str, config_path: str | None) -> list[str]:
    """The path as given, and relative to the configuration's folder and to the current one."""
    forms = [Path(os.path.normpath(path)).as_posix()]
    absolute = Path(os.path.abspath(path))
    for base in ((Path(config_path).resolve().parent,) if config_path else ()) + (Path.cwd(),):
        try:
            forms.append(absolute.relative_to(base).as_posix())
        except ValueError:
            pass
    return forms


def parse_codes(text: str) -> tuple[str, ...]:
    """Code prefixes separated by commas or spaces (`RL2,RL301`); ValueError if one is not."""
    out = []
    for code in filter(None, re.split(r"[\s,]+", text.strip())):
        if not _CODE.match(code.upper()):
            raise ValueError(f"{code!r} is not a code or code prefix like RL2 or RL201")
        out.append(code.upper())
    return tuple(out)


def find_config(explicit: str | None = None, cwd: str | os.PathLike[str] | None = None) -> Path | None:
    """The configuration file to read: --config, else reflingo.toml, else pyproject.toml."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{explicit}: configuration file not found")
        return path
    here = Path(cwd) if cwd is not None else Path.cwd()
    for name in (CONFIG_FILE, PYPROJECT):
        if (here / name).is_file():
            return here / name
    return None


def load_config(explicit: str | None = None, cwd: str | os.PathLike[str] | None = None) -> Config:
    """Read the configuration (defaults when there is no file or no `[tool.reflingo]`)."""
    path = find_config(explicit, cwd)
    if path is None:
        return Config()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_toml_error(path, text, str(exc))) from exc
    table = data.get("tool", {}).get("reflingo")
    if table is None:
        if path.name == PYPROJECT and not explicit:
            return Config()
        table = data
    return _from_table(table, path, text)


def _toml_error(path: Path, text: str, message: str) -> str:
    """`file:line:column: invalid TOML: reason` from tomllib's `reason (at line L, column C)`."""
    m = re.search(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)", message)
    if not m:
        return f"{path}: invalid TOML: {message}"
    reason = message[:m.start()] + message[m.end():]
    where = f"{m.group(1)}:{m.group(2)}" if m.group(1) else f"{len(text.rstrip().splitlines()) or 1}"
    return f"{path}:{where}: invalid TOML: {reason}"


def _from_table(table: dict, path: Path, text: str) -> Config:
    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(f"{path}:{_line_of(text, key)}: {message}")

    for key in table:
        if key not in KEYS:
            raise fail(key, f"unknown setting {key!r} (known: {', '.join(KEYS)})")
    values: dict[str, object] = {"path": str(path)}
    for key, attr in (("select", "select"), ("ignore", "ignore")):
        if key in table:
            values[attr] = tuple(_code_list(table[key], key, fail))
    if "fail-on" in table:
        if table["fail-on"] not in tuple(Severity):
            raise fail("fail-on", f"fail-on must be one of error, warning, note; got {table['fail-on']!r}")
        values["fail_on"] = Severity(table["fail-on"])
    if "per-path-ignores" in table:
        raw = table["per-path-ignores"]
        if not isinstance(raw, dict):
            raise fail("per-path-ignores", "per-path-ignores must be a table of pattern = [codes]")
        values["per_path_ignores"] = tuple(
            (pattern, tuple(_code_list(codes, pattern, fail))) for pattern, codes in raw.items())
    if "locales" in table:
        raw = table["locales"]
        if not isinstance(raw, dict) or not all(isinstance(v, dict) for v in raw.values()):
            raise fail("locales", "locales must hold one table per locale, e.g. [tool.reflingo.locales.es-ES]")
        values["locales"] = {tag: dict(settings) for tag, settings in raw.items()}
    return Config(**values)


def _code_list(value: object, key: str, fail) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(key, f"{key} must be a list of code prefixes, e.g. [\"RL2\", \"RL301\"]")
    try:
        return [code for v in value for code in parse_codes(v)]
    except ValueError as exc:
        raise fail(key, str(exc)) from None


def _line_of(text: str, key: str) -> int:
    """The line defining `key` (a `key =` line or a `[...key]` table header), else 1."""
    k = re.escape(key)
    pattern = re.compile(rf"""^[ \t]*(?:["']?{k}["']?\s*=|\[[^\]]*\b{k}["']?\s*\])""", re.M)
    m = pattern.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else 1


# -- inline suppression ----------------------------------------------------------------------

def inline_codes(line: str) -> tuple[str, ...] | None:
    """The code prefixes a `reflingo-ignore` comment on this line names; () for all; None if
    the line has no such comment."""
    found: list[str] = []
    any_comment = False
    for m in _INLINE.finditer(line):
        if m.group(1) is None:
            break
        any_comment = True
        codes = [c.upper() for c in re.split(r"[\s,]+", m.group(1).strip()) if c]
        if not codes:
            return ()
        found.extend(codes)
    return tuple(found) if any_comment else None


def suppressed(f: Finding, lines: Sequence[str]) -> bool:
    """Whether an inline comment on the finding's line or the line above suppresses it."""
    return _hidden(f, lambda n: _line_codes(lines, n))


def _line_codes(lines: Sequence[str], n: int) -> tuple[str, ...] | None:
    """:func:`inline_codes` of line `n` (None also when there is no such line)."""
    if 0 < n <= len(lines) and "reflingo-ignore" in lines[n - 1]:
        return inline_codes(lines[n - 1])
    return None


def _hidden(f: Finding, codes_at: Callable[[int], tuple[str, ...] | None]) -> bool:
    for n in (f.line, f.line - 1):
        codes = codes_at(n)
        if codes is not None and (not codes or _longest(f.code, codes) is not None):
            return True
    return False


def without_suppressed(findings: Iterable[Finding], lines: Mapping[str, Sequence[str]]) -> list[Finding]:
    """The findings no inline comment suppresses; `lines` maps each page's path to its lines.
    (Each line is read once, however many findings it holds.)"""
    comments: dict[tuple[str, int], tuple[str, ...] | None] = {}

    def codes_at(path: str, n: int) -> tuple[str, ...] | None:
        if (path, n) not in comments:
            comments[path, n] = _line_codes(lines.get(path, ()), n)
        return comments[path, n]

    return [f for f in findings if not _hidden(f, lambda n: codes_at(f.path, n))]
