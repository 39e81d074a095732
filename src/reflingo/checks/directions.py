"""Parameter direction tags: `[in]`, `[out]`, `[in, out]` and their accepted translations.

A tag is read against the locale's accepted tags (`[directions]` of its table, the English
tags, and any `directions` override in the locale's settings) and compared with the canonical
direction of the parameter it documents (matched with :func:`reflingo.corpus.match_parameters`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, Mapping

from reflingo.checks.context import CheckContext
from reflingo.checks.registry import check, finding
from reflingo.checks.api_differences import matched
from reflingo.checks.text import per_item
from reflingo.findings import Category, Finding, Fix, Severity
from reflingo.lang.locales import ENGLISH, norm
from reflingo.model import ApiItem, Direction, Page, Parameter
from reflingo.lang.locales import english_direction

# Where a description's tag starts: after the blockquote marks and a bilingual span opener.
_QUOTE_PREFIX = re.compile(r'^[ \t]*(?:>[ \t]?)*[ \t]*(?:<span data-ttu-id="[^"]*">)?[ \t]*')
_WORD_TAG = re.compile(r"^[^\W\d_A-Z][^\W\d_]*$")


@dataclass(frozen=True, slots=True)
class DirectionTags:
    """The tags a locale accepts and the ones known as damage, by direction."""

    accepted: Mapping[Direction, tuple[str, ...]]
    damaged: Mapping[Direction, tuple[str, ...]]
    _meanings: dict[str, Direction] = field(init=False, repr=False, compare=False)
    """Normalised accepted tag -> the first direction that accepts it."""
    _damaged: frozenset[str] = field(init=False, repr=False, compare=False)
    """The damaged tags, normalised."""

    def __post_init__(self) -> None:
        meanings: dict[str, Direction] = {}
        for direction, tags in self.accepted.items():
            for tag in tags:
                meanings.setdefault(norm(tag), direction)
        object.__setattr__(self, "_meanings", meanings)
        object.__setattr__(self, "_damaged",
                           frozenset(norm(t) for tags in self.damaged.values() for t in tags))

    def meaning(self, tag: str) -> Direction | None:
        """The direction an accepted tag means (any bracketed English spelling, such as
        `[in,out]`, is accepted too), or None."""
        found = self._meanings.get(norm(tag))
        if found is None and tag.startswith("[") and not self.is_damaged(tag):
            english = english_direction(tag)
            found = english if english is not Direction.UNKNOWN else None
        return found

    def is_damaged(self, tag: str) -> bool:
        return norm(tag) in self._damaged

    def preferred(self, direction: Direction) -> str | None:
        tags = self.accepted.get(direction, ())
        return tags[0] if tags else None


def _setting(ctx: CheckContext, locale: str, name: str) -> Mapping[str, object] | None:
    """`settings[locale][name]` (`[tool.reflingo.locales.es-ES] directions.in = [...]`), or
    `settings[name][locale]`, or `settings[name]`; `-` and `_` in `name` are alike."""
    per_locale = ctx.settings.get(locale)
    for key in (name, name.replace("-", "_")):
        if isinstance(per_locale, Mapping) and isinstance(per_locale.get(key), Mapping):
            return per_locale[key]
    value = ctx.settings.get(name)
    if isinstance(value, Mapping):
        inner = value.get(locale)
        if isinstance(inner, Mapping):
            return inner
        if any(k in value for k in Direction):
            return value
    return None


def _by_direction(table: Mapping[str, tuple[str, ...]]) -> dict[Direction, tuple[str, ...]]:
    result = {}
    for key, tags in table.items():
        if key.replace("_", "-") in set(Direction):
            result[Direction(key.replace("_", "-"))] = (tags,) if isinstance(tags, str) else tuple(tags)
    return result


_known_tags: list = [None, None, {}]
"""The tables and the settings the tags were last read from (held, so that their identities are
not reused), and the tags of each locale read from them."""


def direction_tags(ctx: CheckContext, locale: str) -> DirectionTags:
    """The locale's table, overridden per direction by its settings, plus the English tags
    (read once per locale for as long as the tables and settings are the same: a worker's
    contexts differ group by group in what they know of the corpus, not in these)."""
    if _known_tags[0] is not ctx.tables or _known_tags[1] is not ctx.settings:
        _known_tags[:] = [ctx.tables, ctx.settings, {}]
    by_locale = _known_tags[2]
    if locale not in by_locale:
        by_locale[locale] = _direction_tags(ctx, locale)
    return by_locale[locale]


def _direction_tags(ctx: CheckContext, locale: str) -> DirectionTags:
    table = ctx.tables.get(locale)
    accepted = _by_direction(table.directions)
    accepted.update(_by_direction(_setting(ctx, locale, "directions") or {}))
    damaged = _by_direction(table.damaged_directions)
    damaged.update(_by_direction(_setting(ctx, locale, "damaged-directions") or {}))
    for direction, tags in _by_direction(ctx.tables.english.directions).items():
        own = accepted.get(direction, ())
        accepted[direction] = own + tuple(t for t in tags if t not in own)
    return DirectionTags(accepted=accepted, damaged=damaged)


def _documented(item: ApiItem, locale: str) -> list[tuple[Parameter, Direction, int]]:
    """(written parameter, canonical direction, canonical index) for the parameters of the
    locale's page that stand for a canonical one of known direction (once per page)."""
    return per_item(item, ("documented", locale), _map_documented, item, item.pages[locale])


def _map_documented(item: ApiItem, page: Page) -> list[tuple[Parameter, Direction, int]]:
    if not page.parameters:
        return []
    names = tuple(p.name for p in item.parameters)
    return [(written, item.parameters[j].direction, j)
            for written, j in zip(page.parameters, matched(item, page, names))
            if j is not None and item.parameters[j].direction is not Direction.UNKNOWN]


def _reference_tags(item: ApiItem, ref: Page) -> dict[int, str | None]:
    """Canonical parameter index -> the direction tag the reference page writes for it (once
    per item)."""
    return per_item(item, ("reference-tags", id(ref)), _read_reference_tags, item, ref)[1]


def _read_reference_tags(item: ApiItem, ref: Page) -> tuple[Page, dict[int, str | None]]:
    names = tuple(p.name for p in item.parameters)
    return ref, {j: p.direction_tag for p, j in zip(ref.parameters, matched(item, ref, names))
                 if j is not None}  # `ref` is held with the tags: its id is in their key


def written_tag(page: Page, param: Parameter, tags: DirectionTags) -> str | None:
    """The tag as written: the parsed one unless it is a capitalised word (the description's
    first word, no tag), or a known damaged tag the parser does not read (`[]`)."""
    tag = param.direction_tag
    if tag and not tag.startswith("[") and not tag[:1].islower():
        tag = None
    if tag is None:
        line = page.line(param.description.span.line_start)
        start = _QUOTE_PREFIX.match(line).end()
        tag = next((t for ts in tags.damaged.values() for t in ts
                    if t.startswith("[") and line.startswith(t, start)), None)
    return tag


def tag_position(page: Page, param: Parameter, tag: str | None) -> tuple[int, int] | None:
    """(line, 0-based column) of the parameter's direction tag as written."""
    if not tag:
        return None
    first = param.description.span.line_start
    last = param.description.span.line_end
    for number in range(min(first, param.name_span.line_start), last + 1):
        line = page.line(number)
        if tag.startswith("["):
            col = line.find(tag)
            if col >= 0:
                return number, col
            continue
        prefix = _QUOTE_PREFIX.match(line)
        if prefix and line.startswith(tag, prefix.end()) and number >= first:
            return number, prefix.end()
    return None


@check("RL301", Category.DIRECTION, Severity.ERROR)
def direction_tag_damaged(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A parameter's direction tag is damaged or means no direction.

    Bad:  `> a Identificador ...` (es) where the source has `[in]`
    Good: `> [in] Identificador ...`
    """
    page = item.pages[locale]
    tags = direction_tags(ctx, locale)
    for written, canonical, _ in _documented(item, locale):
        tag = written_tag(page, written, tags)
        if not tag or tags.meaning(tag) is not None:
            continue
        where = tag_position(page, written, tag)
        number, col = where if where else (written.description.span.line_start, None)
        wanted = tags.preferred(canonical)
        certain = tags.is_damaged(tag) or (not tag.startswith("[") and _WORD_TAG.match(tag))
        fix = Fix(line=number, column=col + 1, old=tag, new=wanted) \
            if where and wanted and certain else None
        kind = "a known mistranslation" if tags.is_damaged(tag) else "not a direction tag"
        yield finding("RL301", page, number,
                      f"direction tag {tag!r} of {written.name!r} is {kind}; "
                      f"the parameter is {canonical.value}", item=item,
                      column=col + 1 if col is not None else None,
                      expected=wanted or canonical.value, actual=tag, fix=fix)


@check("RL302", Category.DIRECTION, Severity.ERROR)
def direction_tag_mismatch(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A parameter's direction tag names another direction than the canonical one.

    Bad:  `> [out] Reserved; must be zero.` where the source has `[in]`
    Good: `> [in] Reserved; must be zero.`
    """
    page = item.pages[locale]
    tags = direction_tags(ctx, locale)
    for written, canonical, _ in _documented(item, locale):
        tag = written_tag(page, written, tags)
        meaning = tags.meaning(tag) if tag else None
        if meaning is None or meaning is canonical:
            continue
        where = tag_position(page, written, tag)
        number, col = where if where else (written.description.span.line_start, None)
        yield finding("RL302", page, number,
                      f"direction tag {tag!r} of {written.name!r} means {meaning.value}; "
                      f"the reference says {canonical.value}", item=item,
                      column=col + 1 if col is not None else None,
                      expected=tags.preferred(canonical) or canonical.value, actual=tag)


@check("RL303", Category.DIRECTION, Severity.WARNING)
def direction_tag_missing(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A parameter has no direction tag where the reference has one.

    Bad:  `> Reserved; must be zero.` where the source has `> [in] Reserved; must be zero.`
    Good: `> [in] Reserved; must be zero.`
    """
    if locale == ENGLISH:
        return
    page = item.pages[locale]
    tags = direction_tags(ctx, locale)
    ref = ctx.reference(item, locale)
    ref_tags = _reference_tags(item, ref) if ref is not None else {}
    for written, canonical, j in _documented(item, locale):
        if written_tag(page, written, tags) or (ref is not None and not ref_tags.get(j)):
            continue
        line = written.description.span.line_start
        expected = (ref_tags.get(j) if ref is not None else None) or tags.preferred(canonical)
        yield finding("RL303", page, line,
                      f"{written.name!r} has no direction tag; the reference has {expected!r}",
                      item=item, expected=expected)
