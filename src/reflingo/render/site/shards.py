"""The search index's shards: each locale's pages are indexed in a few bundles, a page's bundle
chosen by a hash of its output path, so that a rebuild re-indexes only the shards whose pages
changed (the search page merges a locale's shards)."""

from __future__ import annotations

import hashlib

PAGEFIND = "pagefind"
"""The folder of the search bundles: one per locale and shard, `pagefind/<locale>/<n>/`."""
SHARD_PAGES = 150
"""About this many pages per search shard: a changed page re-indexes its shard only (about
0.2 s of Pagefind's time for 150 pages, 0.12 s for 75, 0.45 s for 300), and each shard costs a
Pagefind run of its own (the five locales of the shared corpus index in 13.7 s as 15 shards a
locale, in 15.7 s as 30)."""
LISTED = "listed:yes"
"""The Pagefind filter (`key:value`) on the indexed element of every page of the site: the
search page selects it, so that a page indexed beside the site's pages but not one of them (the
page of API names each shard holds) is never listed."""
MAX_SHARDS = 32
"""At most this many shards per locale: the search page loads every shard's index, so each
one more is more requests for each query (30 shards answer as fast as 23 in Chromium on the
shared corpus: about 1 s a query, page load included)."""


def shard_count(pages: int) -> int:
    """How many search shards a locale of `pages` indexed pages has."""
    return max(1, min(MAX_SHARDS, pages // SHARD_PAGES))


def shard_of(path: str, count: int) -> int:
    """The shard a page's output path is indexed in (stable across builds)."""
    return hashlib.blake2b(path.encode("utf-8", "surrogatepass"), digest_size=4).digest()[0] % count


def search_bundle(locale: str, shard: int) -> str:
    """The folder of one search shard."""
    return f"{PAGEFIND}/{locale}/{shard}"


def bundle_locale(bundle: str) -> str:
    """The locale of a search shard's folder (:func:`search_bundle`)."""
    return bundle.split("/")[1]
