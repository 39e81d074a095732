"""The QA overlay: each finding of a page placed beside the element it concerns (the parameter,
flag, return value or paragraph whose lines hold it), the rest at the top of the page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from reflingo.findings import Category, Finding, Severity


@dataclass(slots=True)
class Anchor:
    """An element of a page that findings can stand beside."""

    ident: str
    """The element's HTML id."""
    start: int
    """First source line of the element."""
    end: int
    """Last source line of the element."""
    findings: list[Finding] = field(default_factory=list)
    """The findings placed beside it, in line order."""


class Overlay:
    """Collects a page's anchors while it is rendered, then places its findings."""

    def __init__(self) -> None:
        self.anchors: list[Anchor] = []
        self.rest: list[Finding] = []

    def anchor(self, ident: str, start: int, end: int) -> Anchor:
        a = Anchor(ident=ident, start=start, end=max(start, end))
        self.anchors.append(a)
        return a

    def place(self, findings: Iterable[Finding]) -> None:
        """Each finding beside the narrowest element whose lines hold its first line."""
        for f in sorted(findings, key=lambda f: f.sort_key()):
            best = None
            for a in self.anchors:
                if a.start <= f.line <= a.end and (best is None or a.end - a.start < best.end - best.start):
                    best = a
            (best.findings if best is not None else self.rest).append(f)


def is_stale(findings: Sequence[Finding]) -> bool:
    """Whether a page's findings say it was translated from an older source version."""
    return any(f.category is Category.STALENESS and f.severity.rank >= Severity.WARNING.rank
               for f in findings)
