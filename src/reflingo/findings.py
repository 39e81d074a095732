"""Findings: one immutable record per problem, whoever found it (parser or check)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from reflingo.spans import SourceSpan


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
    """An exact, safe replacement of one piece of text on one line."""

    line: int
    """The 1-based line the replacement is on."""
    column: int
    """The 1-based column where `old` starts (as the parser read the line: no byte order mark,
    no line ending)."""
    old: str
    """The text the page holds there now."""
    new: str
    """The text that replaces it."""
    also: tuple["Fix", ...] = ()
    """Further replacements made with this one, on later lines: one fix for a condition that
    covers a whole page (bilingual markup on every line). Applied all or none."""

    def pieces(self) -> tuple["Fix", ...]:
        """This replacement and those made with it."""
        return (self, *self.also)


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One problem on one page, whoever found it (the reader or a check)."""

    code: str
    """Stable code, e.g. `RL201`; never reused for another meaning once released."""
    category: Category
    """What kind of fact is damaged (the fixed vocabulary of :class:`Category`)."""
    severity: Severity
    """How bad it is by default; also the SARIF level."""
    locale: str
    """BCP-47 tag of the page's language (`es-ES`); empty when the page's locale is unknown."""
    span: SourceSpan
    """The file and the lines the finding is about."""
    column: int | None = None
    """The 1-based column on the first line, when the finding points at a piece of a line."""
    item: str | None = None
    """The API item, e.g. `IMAPISession::Logoff`."""
    message: str
    """What is wrong, in one sentence (no severity in the text: that is `severity`)."""
    expected: str | None = None
    """What the canonical model (or the reference page) says."""
    actual: str | None = None
    """What the page says."""
    fix: Fix | None = None
    """An exact replacement, when one is certain."""

    @property
    def path(self) -> str:
        """The file the finding is on."""
        return self.span.path

    @property
    def line(self) -> int:
        """The first line the finding is about."""
        return self.span.line_start

    @property
    def end_line(self) -> int | None:
        """The last line, when the finding covers more than one."""
        return self.span.line_end if self.span.line_end != self.span.line_start else None

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column or 0, self.code, self.message)


def at(path: str, line: int, end_line: int | None = None) -> SourceSpan:
    """The span of a finding on `line` (to `end_line`) of `path`."""
    return SourceSpan(path=path, line_start=line, line_end=max(end_line or line, line))


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """What a finding code means: from a registered check, or a reading problem."""

    code: str
    """The finding code, e.g. `RL201`."""
    name: str
    """A short kebab-case name, e.g. `direction-tag-mismatch`."""
    category: Category
    """The category of its findings."""
    severity: Severity
    """The default severity of its findings."""
    summary: str
    """The first line of the check's docstring."""
    doc: str
    """The whole docstring (summary, Bad:/Good: example)."""
    kind: str = "check"
    """`check` (a registered check) or `reading` (reported while reading a page)."""
