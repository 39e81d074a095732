"""What a check may consult beyond the item it checks: tables, the corpus around it, settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from reflingo.lang.locales import ENGLISH, Tables, load_tables
from reflingo.model import ApiItem, Page


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
