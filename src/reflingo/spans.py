"""Where a fact stands in a source file: the one location type shared by the model and findings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceSpan:
    """Where a fact stands in a source file (1-based, inclusive lines)."""

    path: str
    """The file, as given on the command line or found under a directory."""
    line_start: int
    """First line of the fact."""
    line_end: int
    """Last line of the fact."""

    def __str__(self) -> str:
        if self.line_end != self.line_start:
            return f"{self.path}:{self.line_start}-{self.line_end}"
        return f"{self.path}:{self.line_start}"
