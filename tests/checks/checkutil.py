"""Helpers shared by the check-family tests: run one family's checks on an item."""

from __future__ import annotations

from types import ModuleType

from reflingo.checks import REGISTRY, CheckContext


def family(module: ModuleType) -> dict:
    """The family's checks, by code (importing the module registered them)."""
    return {c.code: c for c in REGISTRY.values() if c.fn.__module__ == module.__name__}


def run_family(checks: dict, item, locale: str, prefix: str = "RL") -> list:
    ctx = CheckContext()
    return [f for code in sorted(checks) if code.startswith(prefix)
            for f in checks[code].fn(item, locale, ctx)]


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line containing `needle`."""
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)
