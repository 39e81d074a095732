"""Translation checks: a registry of small functions, one per rule, each with a stable code.

A check takes an :class:`~reflingo.model.ApiItem`, the locale to check and a
:class:`CheckContext`, and yields :class:`~reflingo.findings.Finding` values. Its first docstring
line is the rule's summary (`reflingo checks`, SARIF `rules[]`). Checks do no I/O.

Check families live in one module each and are imported, in order, by :data:`FAMILIES`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Mapping

from reflingo.findings import Category, Finding, Fix, Severity
from reflingo.locales import ENGLISH, Tables, load_tables
from reflingo.model import ApiItem, Page

CheckFn = Callable[[ApiItem, str, "CheckContext"], Iterable[Finding]]

#: Check family modules, imported in this order to fill the registry.
FAMILIES = ("encoding", "identifiers", "code_tokens", "bold_identifiers", "directions", "api",
            "links", "relative_links", "markup", "metadata")


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
        import inspect
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


def all_checks() -> list[Check]:
    """Every registered check, sorted by code (imports the families on first use)."""
    for family in FAMILIES:
        importlib.import_module(f"reflingo.checks.{family}")
    return [REGISTRY[c] for c in sorted(REGISTRY)]


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What checks may consult beyond the item: tables, the corpus around it, settings."""

    tables: Tables = field(default_factory=load_tables)
    existing: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Locale -> relative paths of the pages that exist in that locale (for relative links)."""
    vocabulary: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Locale -> damaged word (with U+FFFD) -> its only spelling found in the locale's text."""
    latest: Mapping[str, str] = field(default_factory=dict)
    """Item key -> the newest ms.sourcegitcommit seen (for staleness)."""
    settings: Mapping[str, object] = field(default_factory=dict)
    """Per-locale settings from the configuration (`[tool.reflingo.locales.es-ES]`)."""

    def reference(self, item: ApiItem, locale: str) -> Page | None:
        """The page a locale is checked against: en-US when it exists (and is not itself)."""
        if locale != ENGLISH and ENGLISH in item.pages:
            return item.pages[ENGLISH]
        return None


def finding(check_code: str, page: Page, line: int, message: str, *, item: ApiItem | None = None,
            column: int | None = None, expected: str | None = None, actual: str | None = None,
            fix: Fix | None = None, end_line: int | None = None) -> Finding:
    """A finding of a registered check (category and severity come from the registry)."""
    c = REGISTRY[check_code]
    return Finding(code=c.code, category=c.category, severity=c.severity, locale=page.locale,
                   path=page.path, line=line, column=column, item=item.name if item else page.name,
                   message=message, expected=expected, actual=actual, fix=fix, end_line=end_line)


def run_checks(item: ApiItem, ctx: CheckContext, checks: Iterable[Check] | None = None) -> Iterator[Finding]:
    """Run the checks on every locale of the item."""
    selected = list(checks) if checks is not None else all_checks()
    for locale in item.locales:
        for c in selected:
            yield from c.fn(item, locale, ctx)
