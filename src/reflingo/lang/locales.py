"""Per-locale tables kept under `locales/`: section headings, direction tags, labels.

One TOML file per locale (`locales/es-ES.toml`); see `locales/README.md` for the format.
The English table is always consulted as a fallback, since untranslated headings are common.
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from reflingo.model import Direction

ENGLISH = "en-US"

#: Section keys recognised even when no table lists them (DocFX anchor names).
KNOWN_SECTIONS = (
    "parameters", "members", "return-value", "return-values", "remarks", "description",
    "notes-to-callers", "notes-to-implementers", "mfcmapi-reference", "see-also",
    "related-resources", "vtable-order", "quick-info", "in-this-section", "related-sections",
    "header-files", "protocol-specifications", "values",
)


def locales_dir() -> Path:
    """Where the tables are: $REFLINGO_LOCALES, the package's bundled copy, or the source tree."""
    env = os.environ.get("REFLINGO_LOCALES")
    if env:
        return Path(env)
    package = Path(__file__).resolve().parents[1]
    bundled = package / "locales"
    return bundled if bundled.is_dir() else package.parents[1] / "locales"


@functools.lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """Casefolded, accent-kept, markup- and punctuation-trimmed form used for lookups."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = _MARKS.sub("", text)
    return _SPACES.sub(" ", text).strip()


_MARKS = re.compile(r"[*_`\"'«»„“”:：]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class LocaleTable:
    """One locale's table."""

    locale: str
    headings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    directions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    damaged_directions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    properties: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    table_headers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    date: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    damaged_headings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    damaged_properties: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @functools.cached_property
    def heading_lookup(self) -> dict[str, str]:
        return {norm(t): key for key, texts in self.headings.items() for t in texts}

    @functools.cached_property
    def damaged_heading_lookup(self) -> dict[str, str]:
        """Normalised damaged heading -> the section key it stands for (first listed wins)."""
        return _first_keys(self.damaged_headings)

    @functools.cached_property
    def damaged_property_lookup(self) -> dict[str, str]:
        """Normalised damaged property label -> the property key it stands for."""
        return _first_keys(self.damaged_properties)

    @functools.cached_property
    def direction_lookup(self) -> dict[str, Direction]:
        return {norm(t): Direction(key) for key, texts in self.directions.items() for t in texts}

    @functools.cached_property
    def damaged_lookup(self) -> dict[str, Direction]:
        """Normalised damaged tag -> the direction it stands for (first listed wins)."""
        out: dict[str, Direction] = {}
        for key, texts in self.damaged_directions.items():
            if key.replace("_", "-") in set(Direction):
                for t in texts:
                    out.setdefault(norm(t), Direction(key.replace("_", "-")))
        return out

    @functools.cached_property
    def property_lookup(self) -> dict[str, str]:
        return {norm(t): key for key, texts in self.properties.items() for t in texts}

    def label_texts(self, key: str) -> tuple[str, ...]:
        return self.labels.get(key, ())


def _first_keys(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Normalised form -> the first key that lists it."""
    out: dict[str, str] = {}
    for key, texts in table.items():
        for t in texts:
            out.setdefault(norm(t), key)
    return out


class Tables:
    """All locale tables, by BCP-47 tag; unknown locales get an empty table."""

    def __init__(self, tables: Mapping[str, LocaleTable]) -> None:
        self._tables = dict(tables)
        self._merged: dict[tuple[str, str], dict[str, str]] = {}

    def get(self, locale: str) -> LocaleTable:
        if locale in self._tables:
            return self._tables[locale]
        lang = locale.split("-")[0].lower()
        for tag, table in self._tables.items():
            if tag.split("-")[0].lower() == lang:
                return table
        return LocaleTable(locale=locale)

    @property
    def english(self) -> LocaleTable:
        return self.get(ENGLISH)

    def with_english(self, locale: str, lookup: str) -> dict[str, str]:
        """One lookup of the locale's table (`heading_lookup`, `property_lookup`) together
        with the English table's: the forms either one knows, the locale's key where both
        know a form. Merged once per locale."""
        merged = self._merged.get((locale, lookup))
        if merged is None:
            merged = self._merged[(locale, lookup)] = {**getattr(self.english, lookup),
                                                       **getattr(self.get(locale), lookup)}
        return merged

    def __contains__(self, locale: str) -> bool:
        return locale in self._tables

    def locales(self) -> tuple[str, ...]:
        return tuple(sorted(self._tables))


def _table(data: dict, locale: str) -> LocaleTable:
    def section(name: str) -> dict[str, tuple[str, ...]]:
        raw = data.get(name, {})
        return {k: tuple(v) if isinstance(v, list) else (str(v),) for k, v in raw.items()}

    return LocaleTable(
        locale=locale, headings=section("headings"), directions=section("directions"),
        damaged_directions=section("damaged-directions"), labels=section("labels"),
        properties=section("properties"), table_headers=section("table-headers"),
        date=section("date"), damaged_headings=section("damaged-headings"),
        damaged_properties=section("damaged-properties"))


@functools.lru_cache(maxsize=4)
def load_tables(directory: str | None = None) -> Tables:
    """Load every `*.toml` table in the directory (default: :func:`locales_dir`)."""
    root = Path(directory) if directory else locales_dir()
    tables = {}
    for path in sorted(root.glob("*.toml")) if root.is_dir() else ():
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        locale = data.get("locale", path.stem)
        tables[locale] = _table(data, locale)
    return Tables(tables)


_ENGLISH_TAG_WORDS = frozenset({"in", "out", "inout", "optional", "opt", "retval"})


def english_direction(tag: str) -> Direction:
    """`[in]`, `[out]`, `[in, out]`, `[in/out]`, `[out, in]`, `[in,out]` -> Direction."""
    words = set(re.findall(r"[a-z]+", tag.lower()))
    if not words or not words <= _ENGLISH_TAG_WORDS:
        return Direction.UNKNOWN
    has_in, has_out = "in" in words or "inout" in words, "out" in words or "inout" in words
    if has_in and has_out:
        return Direction.IN_OUT
    return Direction.IN if has_in else Direction.OUT if has_out else Direction.UNKNOWN
