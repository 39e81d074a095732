"""The check registry: every rule under a stable code, with its category and default severity.

A check is a function `(item, locale, ctx) -> Iterable[Finding]` registered with :func:`check`.
Its first docstring line is the rule's summary (`reflingo checks`, SARIF `rules[]`).
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Callable, Iterable

from reflingo.checks.context import CheckContext
from reflingo.findings import Category, Finding, Fix, Severity, at
from reflingo.model import ApiItem, Page

CheckFn = Callable[[ApiItem, str, CheckContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Check:
    """A registered rule."""

    code: str
    category: Category
    severity: Severity
    fn: CheckFn
    name: str

    @property
    def summary(self) -> str:
        return (self.fn.__doc__ or "").strip().split("\n", 1)[0]

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.fn.__doc__ or "")


REGISTRY: dict[str, Check] = {}


def check(code: str, category: Category, severity: Severity) -> Callable[[CheckFn], CheckFn]:
    """Register a check function under a stable code."""

    def register(fn: CheckFn) -> CheckFn:
        if code in REGISTRY:
            raise ValueError(f"check code {code} registered twice")
        if not (fn.__doc__ or "").strip():
            raise ValueError(f"check {code} has no docstring")
        REGISTRY[code] = Check(code=code, category=category, severity=severity, fn=fn,
                               name=fn.__name__.replace("_", "-"))
        return fn

    return register


def finding(check_code: str, page: Page, line: int, message: str, *, item: ApiItem | None = None,
            column: int | None = None, expected: str | None = None, actual: str | None = None,
            fix: Fix | None = None, end_line: int | None = None) -> Finding:
    """A finding of a registered check (category and severity come from the registry)."""
    c = REGISTRY[check_code]
    return Finding(code=c.code, category=c.category, severity=c.severity, locale=page.locale,
                   span=at(page.path, line, end_line), column=column,
                   item=item.name if item else page.name, message=message, expected=expected,
                   actual=actual, fix=fix)
