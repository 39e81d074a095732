"""The corpus: every page read, merged into canonical items, with indexes by key, name and path.

:mod:`.merge` merges the pages of one item into its canonical facts.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping, Sequence, TypeVar

from reflingo.corpus.merge import canonical_name, match_parameters, merge
from reflingo.model import ApiItem, InterfaceItem, NavNode, Page


@dataclass(frozen=True, slots=True, kw_only=True)
class Corpus:
    """Every page read, and the canonical items they merge into."""

    pages: tuple[Page, ...]
    """Every page read, in the order given."""
    items: tuple[ApiItem, ...]
    """The canonical items, sorted by relative path and key."""
    by_key: Mapping[str, ApiItem] = field(default_factory=dict)
    """Item key -> item."""
    by_name: Mapping[str, ApiItem] = field(default_factory=dict)
    """Canonical API name (`IMAPISession::Logoff`) -> item (the first, when names repeat)."""
    by_path: Mapping[tuple[str, str], ApiItem] = field(default_factory=dict)
    """(locale, page path relative to the locale root) -> item: a relative link resolves in O(1)."""
    navigation: Mapping[str, tuple[NavNode, ...]] = field(default_factory=dict)
    """Locale -> its table of contents (`TOC.yml`), entries resolved to items."""

    @property
    def locales(self) -> tuple[str, ...]:
        return tuple(sorted({p.locale for p in self.pages}))

    def item(self, name_or_key: str) -> ApiItem | None:
        """The item with this key, else with this canonical name."""
        return self.by_key.get(name_or_key) or self.by_name.get(name_or_key)


def index_corpus(pages: Sequence[Page], items: Iterable[ApiItem],
                 navigation: Mapping[str, tuple[NavNode, ...]] | None = None) -> Corpus:
    """A corpus of `items` (in order) with its indexes; vtable entries and navigation entries
    are resolved to the items their pages document."""
    items = tuple(items)
    keys = {(loc, page.rel_path): item.key for item in items for loc, page in item.pages.items()}
    paths = {path: key for (loc, path), key in sorted(keys.items(), reverse=True)}
    items = tuple(_resolved(item, keys, paths) for item in items)
    by_name: dict[str, ApiItem] = {}
    by_path: dict[tuple[str, str], ApiItem] = {}
    for item in items:
        by_name.setdefault(item.name, item)
        for loc, page in item.pages.items():
            by_path.setdefault((loc, page.rel_path), item)
    nav = {loc: resolve_navigation(nodes, loc, keys) for loc, nodes in (navigation or {}).items()}
    return Corpus(pages=tuple(pages), items=items, by_key={i.key: i for i in items},
                  by_name=by_name, by_path=by_path, navigation=nav)


def _resolved(item: ApiItem, keys: Mapping[tuple[str, str], str],
              paths: Mapping[str, str]) -> ApiItem:
    """An interface item whose vtable entries name the method items they link to."""
    if not isinstance(item, InterfaceItem) or not item.vtable:
        return item
    loc = item.reference_locale or next(iter(sorted(item.pages)))
    entries = tuple(dataclasses.replace(e, key=keys.get((loc, e.path)) or paths.get(e.path))
                    if e.path else e for e in item.vtable)
    return dataclasses.replace(item, vtable=entries)


def resolve_navigation(nodes: Sequence[NavNode], locale: str,
                       keys: Mapping[tuple[str, str], str]) -> tuple[NavNode, ...]:
    """Navigation nodes whose page is in the corpus, with the key of the item it documents."""
    return tuple(dataclasses.replace(n, key=keys.get((locale, n.path)) if n.path else None,
                                     children=resolve_navigation(n.children, locale, keys))
                 for n in nodes)


T = TypeVar("T")


def item_groups(entries: Iterable[T], asset_of: Callable[[T], str | None],
                rel_of: Callable[[T], str]) -> dict[str, list[T]]:
    """Entries of one API item: same assetid; one without an assetid joins the group that holds
    its relative path, else a group of its own. Keys are lower-case assetids or paths."""
    groups: dict[str, list[T]] = {}
    by_rel: dict[str, str] = {}
    keyed = [(asset_of(e), e) for e in entries]
    for asset, entry in sorted(keyed, key=lambda ke: not ke[0]):     # stable: assetids first
        rel = rel_of(entry)
        key = asset or by_rel.get(rel, rel)
        by_rel.setdefault(rel, key)
        groups.setdefault(key, []).append(entry)
    return groups


def _assetid(page: Page) -> str | None:
    return (page.front.assetid or "").strip().lower() or None


def group_pages(pages: Iterable[Page]) -> list[list[Page]]:
    """Pages of one API item (:func:`item_groups`), one page per locale: a second page of a
    locale starts a group of its own."""
    ordered = sorted(pages, key=lambda p: (p.rel_path, p.locale, p.path))
    out: dict[str, list[Page]] = {}
    for key, group in item_groups(ordered, _assetid, lambda p: p.rel_path).items():
        for page in group:
            k = key
            if any(p.locale == page.locale for p in out.get(k, ())):
                k = f"{key}|{page.rel_path}" if _assetid(page) else f"{page.rel_path}|{page.path}"
            out.setdefault(k, []).append(page)
    return list(out.values())


def build_corpus(pages: Sequence[Page],
                 navigation: Mapping[str, tuple[NavNode, ...]] | None = None) -> Corpus:
    """Group pages into items and merge each group."""
    used: set[str] = set()
    items = [merge(group, used) for group in group_pages(pages)]
    items.sort(key=lambda i: (i.rel_path, i.key))
    return index_corpus(pages, items, navigation)


__all__ = ["Corpus", "build_corpus", "canonical_name", "group_pages", "index_corpus",
           "item_groups", "match_parameters", "merge"]
