"""The check registry: every rule under a stable code, with its category and default severity.

A check is a function `(item, locale, ctx) -> Iterable[Finding]` registered with :func:`check`.
Its first docstring line is the rule's summary (`reflingo checks`, SARIF `rules[]`).
"""

from __future__ import annotations

import functools
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
    """The stable code (`RL201`)."""
    category: Category
    """The category of its findings."""
    severity: Severity
    """Their default severity."""
    fn: CheckFn
    """What runs it: `fn(item, locale, ctx)` yields the findings on that locale's page."""
    name: str
    """A kebab-case name (`direction-tag-mismatch`)."""
    description: str | None = None
    """The rule's docstring when it is not `fn`'s own (rules declared in a table)."""

    @property
    def doc(self) -> str:
        """The whole docstring: summary, then a Bad:/Good: example."""
        return inspect.cleandoc(self.description or self.fn.__doc__ or "")

    @property
    def summary(self) -> str:
        """The docstring's first line."""
        return self.doc.split("\n", 1)[0]


REGISTRY: dict[str, Check] = {}


def _register(code: str, category: Category, severity: Severity, fn: CheckFn, name: str,
              description: str | None = None) -> None:
    if code in REGISTRY:
        raise ValueError(f"check code {code} registered twice")
    if not (description or fn.__doc__ or "").strip():
        raise ValueError(f"check {code} has no docstring")
    REGISTRY[code] = Check(code=code, category=category, severity=severity, fn=fn, name=name,
                           description=description)


def check(code: str, category: Category, severity: Severity) -> Callable[[CheckFn], CheckFn]:
    """Register a check function under a stable code."""

    def register(fn: CheckFn) -> CheckFn:
        _register(code, category, severity, fn, fn.__name__.replace("_", "-"))
        return fn

    return register


#: One row of a family's table of rules: code, category, severity, name, docstring.
RuleRow = tuple[str, Category, Severity, str, str]


def check_table(run: Callable[..., Iterable[Finding]], rows: Iterable[RuleRow]) -> None:
    """Register the rules a family reports from one shared pass: `run(item, locale, ctx, code)`
    yields the findings of `code` (the way markdown-it-py declares its rules as data)."""
    for code, category, severity, name, doc in rows:
        _register(code, category, severity, functools.partial(run, code=code), name, doc)


def finding(check_code: str, page: Page, line: int, message: str, *, item: ApiItem | None = None,
            column: int | None = None, expected: str | None = None, actual: str | None = None,
            fix: Fix | None = None, end_line: int | None = None) -> Finding:
    """A finding of a registered check (category and severity come from the registry)."""
    c = REGISTRY[check_code]
    return Finding(code=c.code, category=c.category, severity=c.severity, locale=page.locale,
                   span=at(page.path, line, end_line), column=column,
                   item=item.name if item else page.name, message=message, expected=expected,
                   actual=actual, fix=fix)
