"""Findings: one immutable record per problem, whoever found it (parser or check)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a finding is; the values are SARIF levels."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        return {"note": 0, "warning": 1, "error": 2}[self.value]


class Category(StrEnum):
    """The fixed vocabulary of finding categories, used in every output."""

    ENCODING = "encoding"
    IDENTIFIER = "identifier"
    DIRECTION = "direction"
    PARAMETER = "parameter"
    FLAG = "flag"
    RETURN_VALUE = "return-value"
    SIGNATURE = "signature"
    LINK = "link"
    STRUCTURE = "structure"
    MARKUP = "markup"
    METADATA = "metadata"
    STALENESS = "staleness"
    UNTRANSLATED = "untranslated"
    DATE = "date"
    DUPLICATE = "duplicate"
    FORMATTING = "formatting"


@dataclass(frozen=True, slots=True, kw_only=True)
class Fix:
    """An exact, safe replacement: on line `line`, the text at `column` (1-based) reading `old`
    becomes `new`."""

    line: int
    column: int
    old: str
    new: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One problem on one page."""

    code: str
    """Stable code, e.g. `RL201`."""
    category: Category
    severity: Severity
    locale: str
    path: str
    line: int
    column: int | None = None
    item: str | None = None
    """The API item, e.g. `IMAPISession::Logoff`."""
    message: str
    expected: str | None = None
    """What the canonical model says."""
    actual: str | None = None
    """What the page says."""
    fix: Fix | None = None
    """An exact replacement, when one is certain."""
    end_line: int | None = None

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column or 0, self.code, self.message)
