"""Relative links to pages that do not exist in the page's own locale (RL504).

A relative link is resolved against the page's folder and looked up among the pages the run
read in that locale (:attr:`reflingo.checks.CheckContext.existing`). Paths are resolved once per
folder and target, and a page whose targets are all known to resolve is settled with one set
comparison.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator, Mapping
from urllib.parse import unquote

from reflingo.checks.context import CheckContext
from reflingo.checks.registry import check, finding
from reflingo.checks.links import link_targets, split_url, target_column
from reflingo.checks.text import per_page
from reflingo.findings import Category, Finding, Severity
from reflingo.model import ApiItem, Link, Page

@check("RL504", Category.LINK, Severity.ERROR)
def relative_link_broken(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A relative link points to a page that does not exist in this locale.

    Judged only when the run knows the locale's pages (`ctx.existing`) and the setting
    `check-relative-links` is not false. Not judged either, since the run then holds part of
    the documentation set only: a target in a folder with no known page, a target that other
    pages of the item link to and that exists in no locale, and the links of a page most of
    whose targets (two or more) are missing.
    Bad:  `[IMAPISession::Logoff](imapisession-logof.md)`
    Good: `[IMAPISession::Logoff](imapisession-logoff.md)`
    """
    page = item.pages.get(locale)
    existing = ctx.existing.get(locale)
    if page is None or not existing or not _enabled(ctx, locale, "check-relative-links"):
        return
    known = _known(existing)
    if known.cannot_break(page):
        return  # the usual case, told without resolving the page's links one by one
    folders, lowered = known.folders, known.lowered
    judged = [(link, path) for link, path in _relative_links(page) if _folder(path) in folders]
    broken = [(link, path) for link, path in judged if path.lower() not in lowered]
    unresolved = {path for _, path in broken}
    if len(unresolved) >= 2 and 2 * len(unresolved) > len({path for _, path in judged}):
        return  # most targets are missing: the run holds part of the documentation set
    shared = _shared_targets(item, locale)
    for link, path in broken:
        elsewhere = [loc for loc, pages in ctx.existing.items()
                     if loc != locale and path.lower() in _known(pages).lowered]
        if not elsewhere and path in shared:
            continue
        where = f"; it exists in {', '.join(sorted(elsewhere))}" if elsewhere else ""
        yield finding("RL504", page, link.span.line_start,
                      f"link `{link.text}` points to {link.target}, which does not exist ({path}){where}",
                      item=item, column=target_column(page, link), actual=link.target)


@check("RL506", Category.LINK, Severity.NOTE)
def relative_link_outside(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A relative link points to a page that no locale of the run holds: a site built from the run shows it as text.

    RL504 reports the links it judges broken in the page's own locale; this reports the other
    relative links whose page exists in no locale read: a page of another documentation set,
    or one the whole run lacks. Judged when the run knows the locales' pages (`ctx.existing`)
    and `check-relative-links` is not false; like RL504, not on a page most of whose targets
    (two or more) are missing, since the run then holds part of the documentation set only.
    Bad:  `[Office add-ins](../../office-add-ins.md)` when no locale read holds the page
    Good: a link to a page the run holds, or an absolute URL to one it does not
    """
    page = item.pages.get(locale)
    if page is None or not ctx.existing or not _enabled(ctx, locale, "check-relative-links"):
        return
    everywhere, inside = _everywhere(ctx.existing)
    if _all_settled(page, inside, lambda path: path is None or path.lower() in everywhere):
        return  # every target is no relative page, or one some locale holds: the usual case
    links = _relative_links(page)
    outside = [(link, path) for link, path in links if path.lower() not in everywhere]
    if not outside:
        return
    missing = {path for _, path in outside}
    if len(missing) >= 2 and 2 * len(missing) > len({path for _, path in links}):
        return  # most targets are missing: the run holds part of the documentation set
    reported = {(f.line, f.column) for f in relative_link_broken(item, locale, ctx)}
    for link, path in outside:
        column = target_column(page, link)
        if (link.span.line_start, column) in reported:
            continue
        yield finding("RL506", page, link.span.line_start,
                      f"link `{link.text}` points to {link.target}, a page no locale of the run "
                      f"holds ({path})", item=item, column=column, actual=link.target)


_EVERYWHERE: dict[int, tuple[object, frozenset[str], dict[str, set[str]]]] = {}


def _everywhere(existing: Mapping[str, frozenset[str]]
                ) -> tuple[frozenset[str], dict[str, set[str]]]:
    """The lower-cased paths of the pages any locale holds, and folder -> the link targets seen
    on its pages that are no relative page or one of those (remembered per context)."""
    hit = _EVERYWHERE.get(id(existing))
    if hit is None or hit[0] is not existing:
        lowered = frozenset().union(*(_known(pages).lowered for pages in existing.values()))
        hit = (existing, lowered, {})
        if len(_EVERYWHERE) > 8:
            _EVERYWHERE.clear()
        _EVERYWHERE[id(existing)] = hit
    return hit[1], hit[2]


@per_page
def _target_set(page: Page) -> frozenset[str]:
    """The page's link targets, each once: read by RL504 and RL506."""
    return frozenset(link_targets(page))


def _all_settled(page: Page, settled: dict[str, set[str]],
                 fine: Callable[[str | None], bool]) -> bool:
    """Whether `fine` holds of each of the page's link targets, given the page it resolves to
    (None: no relative page). The verdict on a target depends on the page's folder only, so it
    is remembered per folder in `settled`: a page whose targets were all seen before costs one
    set comparison."""
    targets = _target_set(page)
    folder = _folder(page.rel_path)
    seen = settled.setdefault(folder, set())
    if targets <= seen:
        return True
    for target in targets - seen:
        if fine(_resolve(folder, target)):
            seen.add(target)
    return targets <= seen


def _enabled(ctx: CheckContext, locale: str, name: str) -> bool:
    """A boolean setting: `settings[locale][name]`, else `settings[name]`, default true
    (`-` and `_` in the name are alike)."""
    if not ctx.settings:
        return True  # nothing configured: the default
    keys = (name, name.replace("-", "_"))
    per_locale = ctx.settings.get(locale)
    for scope in (per_locale if isinstance(per_locale, Mapping) else {}, ctx.settings):
        for key in keys:
            if key in scope and not isinstance(scope[key], Mapping):
                return bool(scope[key])
    return True


def _shared_targets(item: ApiItem, locale: str) -> set[str]:
    """Relative pages that the item's other pages link to as well."""
    return {path for loc, other in item.pages.items() if loc != locale
            for _, path in _relative_links(other)}


@per_page
def _relative_links(page: Page) -> tuple[tuple[Link, str], ...]:
    """The page's links to relative pages, each with the path it resolves to (see
    :func:`relative_path`): every locale's check of an item consults every page's."""
    folder = _folder(page.rel_path)
    return tuple((link, path) for link in page.links
                 if (path := _resolve(folder, link.target)) is not None)


@dataclass(frozen=True, slots=True)
class _Known:
    """What a locale's known pages (`ctx.existing[locale]`) tell about relative links."""

    folders: set[str]
    """The folders holding known pages."""
    lowered: set[str]
    """The pages' paths in lower case."""
    safe: dict[str, set[str]]
    """Folder -> link targets seen on its pages that cannot be broken (see `cannot_break`)."""

    def cannot_break(self, page: Page) -> bool:
        """Whether no link of the page can be broken: each target is no relative page, or lies
        in a folder with no known page, or exists (a broken link is none of these)."""
        return _all_settled(page, self.safe, lambda path: path is None or _folder(path)
                            not in self.folders or path.lower() in self.lowered)


_KNOWN: dict[int, tuple[frozenset[str], _Known]] = {}


def _known(existing: frozenset[str]) -> _Known:
    """What the known pages `existing` tell (remembered while the same set is in use)."""
    hit = _KNOWN.get(id(existing))
    if hit is None or hit[0] is not existing:
        hit = (existing, _Known(folders=_folders(existing), lowered={p.lower() for p in existing},
                                safe={}))
        if len(_KNOWN) > 32:
            _KNOWN.clear()
        _KNOWN[id(existing)] = hit
    return hit[1]


def _folders(paths: frozenset[str]) -> set[str]:
    """`posixpath.dirname` of each path. It depends on the path up to its last `/` only, which
    a folder's pages share, so it is worked out once for each such start."""
    return {posixpath.dirname(start) for start in {p[:p.rfind("/") + 1] for p in paths}}


def relative_path(rel_path: str, target: str) -> str | None:
    """The page a relative `.md` target resolves to from `rel_path`, or None when the target is
    absolute, an anchor, not a page, or leaves the locale's root."""
    return _resolve(_folder(rel_path), target)


@lru_cache(maxsize=1 << 14)
def _folder(path: str) -> str:
    """`posixpath.dirname`, remembered: pages share a few folders."""
    return posixpath.dirname(path)


@lru_cache(maxsize=1 << 16)
def _resolve(folder: str, target: str) -> str | None:
    """:func:`relative_path` from a page in `folder` (pages of a folder link to the same few
    targets, so the result is remembered)."""
    parts = split_url(target)
    if parts is None or parts.scheme or parts.netloc or target.startswith(("#", "/")):
        # a target urlsplit cannot read has a host (`//[x/a.md`): it is no relative page
        return None
    path = unquote(parts.path)
    if not path.lower().endswith(".md"):
        return None
    resolved = posixpath.normpath(posixpath.join(folder, path))
    return None if resolved.startswith("..") else resolved
