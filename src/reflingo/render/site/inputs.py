"""What every page of the site needs beyond its own item: the site's locales, the pages that
exist, each locale's table of contents, the UI catalogs. Small, plain and picklable: it travels
to the worker processes, and its digest is part of each page's cache key.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from reflingo.model import NavNode
from markupsafe import escape

from reflingo.render.site.urls import href, page_path, page_stem

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
class Place:
    """Where a page stands in its locale's table of contents."""

    crumbs: tuple[tuple[str, str | None], ...] = ()
    """Titles (and output paths) of the entries above it."""
    sidebar: str = ""
    """The sidebar as HTML: the top entries, with the branch of the current page open."""
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
        self._sidebars: dict[tuple, str] = {}
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
        return Place(crumbs=tuple(crumbs), sidebar=self.sidebar(chain, target),
                     prev=prev, next=nxt)

    def sidebar(self, chain: tuple[int, ...], here: str) -> str:
        """The sidebar of the page at output path `here` (its place `chain` in the tree): the
        pages of one folder share it, so it is drawn once per folder and branch, and the
        current entry is marked in the copy."""
        key = (chain[:-1], chain[-1] // (2 * WINDOW) if chain else -1, posixpath.dirname(here))
        html = self._sidebars.get(key)
        if html is None:
            html = self._sidebars[key] = self._list(self.nodes, chain, here)
        mark = f'<li><a href="{escape(href(here, here))}">'
        return html.replace(mark, '<li class="current"><a aria-current="page" href="'
                            f'{escape(href(here, here))}">', 1) if chain else html

    def _list(self, nodes: tuple[NavTuple, ...], chain: tuple[int, ...], here: str) -> str:
        at = chain[0] if chain else None
        lo, hi = 0, len(nodes)
        if len(nodes) > 2 * WINDOW + 1:
            block = (at or 0) // (2 * WINDOW)
            lo, hi = block * 2 * WINDOW, min(len(nodes), (block + 1) * 2 * WINDOW)
        out = ["<ul>"]
        if lo:
            out.append(f'<li class="more">… {lo}</li>')
        for i in range(lo, hi):
            title, path, _href, children = nodes[i]
            target = self._target(path)
            if target:
                out.append(f'<li><a href="{escape(href(here, target))}">{escape(title)}</a>')
            else:
                out.append(f'<li><span class="folder">{escape(title)}</span>')
            if i == at and len(chain) > 1 and children:
                out.append(self._list(children, chain[1:], here))
            out.append("</li>")
        if hi < len(nodes):
            out.append(f'<li class="more">… {len(nodes) - hi}</li>')
        out.append("</ul>")
        return "".join(out)


_MEMO: dict[tuple[str, str], NavIndex] = {}


def nav_index(inputs: SiteInputs, locale: str, digest: str) -> NavIndex:
    """The locale's navigation index, built once per process and set of inputs."""
    key = (digest, locale)
    if key not in _MEMO:
        if len(_MEMO) > 16:
            _MEMO.clear()
        _MEMO[key] = NavIndex(locale, inputs.nav.get(locale, ()), inputs)
    return _MEMO[key]
