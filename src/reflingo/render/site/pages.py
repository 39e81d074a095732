"""The pages of one item: its page in every locale of the site (the locale's own text, or the
reference text with a banner where the locale has no page) and its side-by-side view.

:func:`render_item` is what a worker runs per item; it returns the pages' HTML and a small
summary of the item for the site-wide pages (indexes, status).
"""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from markupsafe import Markup

from reflingo.findings import Finding
from reflingo.model import ApiItem, Page
from reflingo.render.site.compare import render_compare
from reflingo.render.site.content import build_body
from reflingo.render.site.env import make_env
from reflingo.render.site.frame import layout
from reflingo.render.site.inputs import SiteInputs, nav_index
from reflingo.render.site.markup import Links
from reflingo.render.site.qa import Overlay, is_stale
from reflingo.render.site.urls import compare_path, href, page_path


def item_summary(item: ApiItem, findings: Sequence[Finding], inputs: SiteInputs) -> dict:
    """What the site-wide pages need of an item (plain data: it is cached with the results)."""
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    locales = {}
    for loc, page in item.pages.items():
        mine = by_path.get(page.path, [])
        locales[loc] = {"title": page.title.text if page.title else item.name,
                        "path": page_path(loc, page.rel_path),
                        "mt": (page.front.translationtype or "").upper() == "MT",
                        "stale": is_stale(mine), "date": page.front.date, "source": page.path}
    vtable = [[e.name, e.path] for e in getattr(item, "vtable", ())]
    return {"key": item.key, "name": item.name, "kind": str(item.kind), "rel_path": item.rel_path,
            "locales": locales, "vtable": vtable, "compare": compare_path(item.rel_path),
            "terms": search_terms(item)}


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*")


def search_terms(item: ApiItem) -> list[str]:
    """The identifiers a reader looks the item up by: its name and each name in it (the
    interface's and the method's), its flags' and return values' names, an interface's bases,
    IID and pointer type, a property's names, types and property set."""
    names = {item.name, *item.name.split("::")}
    for p in item.parameters:
        names.update(f.name for f in p.flags)
    names.update(v.name for v in item.return_values)
    for field in ("bases", "names", "property_types"):
        names.update(getattr(item, field, ()))
    for field in ("interface_identifier", "pointer_type", "property_set"):
        names.add(getattr(item, field, None) or "")
    return sorted(n for n in names if _IDENTIFIER.fullmatch(n))


def render_item(item: ApiItem, findings: Sequence[Finding], inputs: SiteInputs,
                digest: str) -> dict[str, str]:
    """Output path -> HTML of the item's page in every locale of the site and of its
    side-by-side view. `findings` are the item's findings (any page)."""
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    reference = _reference(item, inputs)
    paths = sorted({p.rel_path for p in item.pages.values()})
    out: dict[str, str] = {}
    for locale in inputs.locales:
        page = item.pages.get(locale)
        for rel in ([page.rel_path] if page else paths):
            here = page_path(locale, rel)
            if here in out:
                continue
            source = page or reference
            targets = {loc: (page_path(loc, item.pages[loc].rel_path if loc in item.pages else rel),
                             loc in item.pages) for loc in inputs.locales}
            out[here] = _page(item, source, locale, here, rel, targets,
                              by_path.get(source.path, []) if page else [], inputs, digest,
                              fallback=page is None)
    out[compare_path(item.rel_path)] = render_compare(item, by_path, inputs)
    return out


def _reference(item: ApiItem, inputs: SiteInputs) -> Page:
    for loc in (item.reference_locale, inputs.default_locale):
        if loc in item.pages:
            return item.pages[loc]
    return item.pages[sorted(item.pages)[0]]


def _page(item: ApiItem, page: Page, locale: str, here: str, rel: str,
          targets: Mapping[str, tuple[str, bool]], findings: list[Finding], inputs: SiteInputs,
          digest: str, *, fallback: bool) -> str:
    links = Links(here=here, rel_path=page.rel_path, locale=locale, exists=inputs.exists)
    overlay = Overlay()
    body = build_body(item, page, links, overlay)
    overlay.place(findings)
    place = nav_index(inputs, locale, digest).place(rel)
    frame = layout(inputs, locale, here, body.title, targets)
    env = make_env(inputs.catalogs.get(locale, {}))
    banners = []
    if fallback:
        banners.append(("fallback", page.locale))
    elif (page.front.translationtype or "").upper() == "MT":
        banners.append(("mt", page.locale))
    if not fallback and is_stale(findings):
        banners.append(("stale", page.locale))
    crumbs = [(t, href(here, p) if p else None) for t, p in place.crumbs]
    return env.get_template("item.html").render(
        layout=frame, item=item, kind=str(item.kind), body=body, overlay=overlay,
        content_lang=page.locale, banners=banners, crumbs=crumbs,
        sidebar=Markup(place.sidebar), prev=(place.prev[0], href(here, place.prev[1])) if place.prev else None,
        next=(place.next[0], href(here, place.next[1])) if place.next else None,
        link=lambda target: href(here, target), compare=href(here, compare_path(item.rel_path)),
        missing=links.missing, findings=findings, date=page.front.date,
        bases=getattr(item, "bases", ()))
