"""What every page of the site needs beyond its own item: the site's locales, the pages that
exist, each locale's table of contents, the UI catalogs. Small, plain and picklable: it travels
to the worker processes, and its digest is part of each page's cache key.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from reflingo.model import NavNode
from reflingo.render.site.urls import page_path, page_stem

NavTuple = tuple
"""A navigation entry as plain data: (title, path or None, href or None, children)."""

DEFAULT_LOCALE = "en-US"


def nav_tuples(nodes: Sequence[NavNode]) -> tuple[NavTuple, ...]:
    """Navigation nodes as nested tuples (cheap to pickle and to hash)."""
    return tuple((n.title, n.path, n.href, nav_tuples(n.children)) for n in nodes)


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteInputs:
    """The site-wide facts a page depends on."""

    locales: tuple[str, ...]
    """The site's locales, sorted; every item gets a page in each (a fallback where missing)."""
    default_locale: str = DEFAULT_LOCALE
    """The locale of `x-default` and of the fallback text."""
    paths: Mapping[str, str] = field(default_factory=dict)
    """Lower-cased page path below the locale root -> the path as found (any locale)."""
    nav: Mapping[str, tuple[NavTuple, ...]] = field(default_factory=dict)
    """Locale -> its table of contents as nested tuples."""
    catalogs: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Locale -> UI message -> its translation (from the compiled gettext catalogs)."""

    def digest(self) -> str:
        """A hash of everything here: part of every page's cache key."""
        data = json.dumps([self.locales, self.default_locale, sorted(self.paths.items()),
                           sorted(self.nav.items()), sorted((k, sorted(v.items()))
                                                            for k, v in self.catalogs.items())],
                          ensure_ascii=False, default=list)
        return hashlib.blake2b(data.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()

    def exists(self, rel_path: str) -> str | None:
        """The page path as found, when some locale has a page there."""
        return self.paths.get(rel_path.lower())


@dataclass(frozen=True, slots=True, kw_only=True)
class NavEntry:
    """One entry of a page's sidebar."""

    title: str
    """The entry's title in the locale."""
    target: str | None
    """The output path it links to (None: a folder, or a page the site does not hold)."""
    current: bool = False
    """Whether it is the page being shown."""
    children: tuple["NavEntry", ...] = ()
    """Shown children (only along the path to the current page)."""
    more: int = 0
    """Children left out of a long list."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """Where a page stands in its locale's table of contents."""

    crumbs: tuple[tuple[str, str | None], ...] = ()
    """Titles (and output paths) of the entries above it."""
    sidebar: tuple[NavEntry, ...] = ()
    """The sidebar: the top entries, with the branch of the current page open."""
    prev: tuple[str, str] | None = None
    """The previous page in reading order: (title, output path)."""
    next: tuple[str, str] | None = None
    """The next page in reading order."""


WINDOW = 12
"""A list of more than twice this many children shows this many on each side of the current."""


class NavIndex:
    """One locale's table of contents, indexed for placing pages (built once per process)."""

    def __init__(self, locale: str, nodes: tuple[NavTuple, ...], inputs: SiteInputs) -> None:
        self.locale, self.nodes, self.inputs = locale, nodes, inputs
        self.chain: dict[str, tuple[int, ...]] = {}   # page path -> index path in the tree
        self.order: list[tuple[str, str]] = []        # (title, output path) in reading order
        self.position: dict[str, int] = {}
        self._walk(nodes, ())

    def _target(self, path: str | None) -> str | None:
        found = self.inputs.exists(path) if path else None
        return page_path(self.locale, found) if found else None

    def _walk(self, nodes: tuple[NavTuple, ...], at: tuple[int, ...]) -> None:
        for i, (title, path, _href, children) in enumerate(nodes):
            target = self._target(path)
            if target and page_stem(path) not in self.chain:
                self.chain[page_stem(path)] = at + (i,)
                self.position[target] = len(self.order)
                self.order.append((title, target))
            self._walk(children, at + (i,))

    def place(self, rel_path: str) -> Place:
        """The breadcrumbs, sidebar and neighbours of the page at `rel_path`."""
        chain = self.chain.get(page_stem(rel_path), ())
        crumbs, nodes = [], self.nodes
        for i in chain[:-1]:
            title, path, _href, children = nodes[i]
            crumbs.append((title, self._target(path)))
            nodes = children
        target = page_path(self.locale, rel_path)
        n = self.position.get(target)
        prev = self.order[n - 1] if n else None
        nxt = self.order[n + 1] if n is not None and n + 1 < len(self.order) else None
        return Place(crumbs=tuple(crumbs), sidebar=self._entries(self.nodes, chain, target),
                     prev=prev, next=nxt)

    def _entries(self, nodes: tuple[NavTuple, ...], chain: tuple[int, ...], current: str
                 ) -> tuple[NavEntry, ...]:
        here = chain[0] if chain else None
        lo, hi, more = 0, len(nodes), 0
        if len(nodes) > 2 * WINDOW + 1:
            mid = here if here is not None else 0
            lo, hi = max(0, mid - WINDOW), min(len(nodes), mid + WINDOW + 1)
            more = len(nodes) - (hi - lo)
        out = []
        for i in range(lo, hi):
            title, path, _href, children = nodes[i]
            target = self._target(path)
            open_ = i == here and len(chain) > 1
            kids = self._entries(children, chain[1:], current) if open_ else ()
            out.append(NavEntry(title=title, target=target, current=target == current,
                                children=kids, more=more if i == hi - 1 else 0))
        return tuple(out)


_MEMO: dict[tuple[str, str], NavIndex] = {}


def nav_index(inputs: SiteInputs, locale: str, digest: str) -> NavIndex:
    """The locale's navigation index, built once per process and set of inputs."""
    key = (digest, locale)
    if key not in _MEMO:
        if len(_MEMO) > 16:
            _MEMO.clear()
        _MEMO[key] = NavIndex(locale, inputs.nav.get(locale, ()), inputs)
    return _MEMO[key]
