"""The search index's shards: each locale's pages are indexed in a few bundles, a page's bundle
chosen by a hash of its output path, so that a rebuild re-indexes only the shards whose pages
changed (the search page merges a locale's shards)."""

from __future__ import annotations

import hashlib

PAGEFIND = "pagefind"
"""The folder of the search bundles: one per locale and shard, `pagefind/<locale>/<n>/`."""
SHARD_PAGES = 100
"""About this many pages per search shard: a changed page re-indexes its shard only."""
MAX_SHARDS = 24


def shard_count(pages: int) -> int:
    """How many search shards a locale of `pages` indexed pages has."""
    return max(1, min(MAX_SHARDS, pages // SHARD_PAGES))


def shard_of(path: str, count: int) -> int:
    """The shard a page's output path is indexed in (stable across builds)."""
    return hashlib.blake2b(path.encode("utf-8", "surrogatepass"), digest_size=4).digest()[0] % count


def search_bundle(locale: str, shard: int) -> str:
    """The folder of one search shard."""
    return f"{PAGEFIND}/{locale}/{shard}"
