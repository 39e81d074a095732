"""The multilingual reference site, rendered from the canonical model.

Pure: it takes items, findings and the site-wide :class:`SiteInputs`, and returns
`{relative_path: text}`; the commands' writer writes it. Item pages are rendered per item group
(:func:`render_group`, in the worker that parsed and checked the group), the few site-wide
pages from the items' summaries (:func:`render_site`).

    render_group(items, findings, inputs) -> ({path: html}, [summary, ...])
    render_site(summaries, findings, inputs) -> {path: text}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Sequence

from reflingo.findings import Finding
from reflingo.render.site.inputs import SiteInputs, nav_tuples
from reflingo.render.site.shards import (PAGEFIND, bundle_locale, search_bundle, shard_count,
                                         shard_of)
from reflingo.render.site.urls import page_path, safe_parts

if TYPE_CHECKING:
    from reflingo.model import ApiItem

_LAZY = {"make_env": "env", "sanitise": "markup", "render_site": "sitewide"}


def __getattr__(name: str):
    """The renderer's heavy parts (Jinja2, Pygments, nh3) load on first use: a rebuild that
    finds nothing changed never needs them."""
    if name in _LAZY:
        import importlib
        return getattr(importlib.import_module(f"reflingo.render.site.{_LAZY[name]}"), name)
    raise AttributeError(name)


def render_group(items: Iterable["ApiItem"], findings: Sequence[Finding], inputs: SiteInputs,
                 digest: str | None = None) -> tuple[dict[str, str], list[dict]]:
    """The pages of the items (every locale of the site, and the side-by-side views) and each
    item's summary. `findings` are the items' findings; `digest` is `inputs.digest()`."""
    from reflingo.render.site.pages import item_summary, render_item
    digest = digest or inputs.digest()
    files: dict[str, str] = {}
    summaries = []
    by_page: dict[str, list[Finding]] = {}
    for f in findings:
        by_page.setdefault(f.path, []).append(f)
    for item in items:
        mine = [f for p in item.pages.values() for f in by_page.get(p.path, ())]
        for path, html in render_item(item, mine, inputs, digest).items():
            files.setdefault(path, html)
        summaries.append(item_summary(item, mine, inputs))
    return files, summaries


__all__ = ["PAGEFIND", "SiteInputs", "bundle_locale", "make_env", "nav_tuples", "page_path",
           "render_group", "render_site", "safe_parts", "sanitise", "search_bundle", "shard_count",
           "shard_of"]
