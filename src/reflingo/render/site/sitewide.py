"""The site-wide pages: the home page, each locale's index by kind, search and status pages,
and the static files. They are drawn from the items' summaries and the reported findings, so
they are rebuilt every time (they are few) while the item pages come from the cache."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Container, Iterable, Mapping, Sequence

from reflingo.findings import Category, Finding
from reflingo.render.site.charts import share_bar, stacked_bars
from reflingo.render.site.env import (CATEGORY_NAMES, Catalog, highlight_css, make_env, number,
                                      static_source)
from reflingo.render.site.frame import layout
from reflingo.render.site.inputs import SiteInputs
from reflingo.render.site.urls import STATIC, href, page_path

KINDS = ("interface", "method", "function", "macro", "structure", "property", "conceptual")
SEVERITIES = ("error", "warning", "note")
WORST = 20
def static_files() -> dict[str, str]:
    """The stylesheet (with the highlighting rules) and the script of the site."""
    return {f"{STATIC}/site.css": static_source("_static/site.css") + "\n" + highlight_css() + "\n",
            f"{STATIC}/site.js": static_source("_static/site.js")}


def render_site(summaries: Sequence[dict], findings: Iterable[Finding], inputs: SiteInputs,
                skip: Container[str] = (), search: Mapping[str, Sequence[str]] | None = None
                ) -> dict[str, str]:
    """Output path -> text of the site-wide pages (but those in `skip`, which the caller knows
    to be unchanged). `search`: locale -> the folders of its search index's shards, the first
    the one the search page loads (a locale without any has a search page that says so)."""
    search = search or {}
    out = static_files()
    by_locale: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_locale[f.locale].append(f)
    entries = []
    for loc in inputs.locales:
        if f"{loc}/index.html" not in skip:
            out[f"{loc}/index.html"] = _index(loc, summaries, inputs)
        if f"{loc}/status.html" not in skip:
            out[f"{loc}/status.html"] = _status(loc, summaries, by_locale.get(loc, []), inputs)
        here = f"{loc}/search.html"
        bundles = [href(here, b + "/x")[:-1] for b in search.get(loc, ())]
        out[here] = make_env(inputs.catalogs.get(loc, {})).get_template("search.html").render(
            layout=layout(inputs, loc, here, "Search"), bundle=bundles[0] if bundles else None,
            merge=" ".join(bundles[1:]))
        entries.append((loc, f"{loc}/index.html", f"{loc}/status.html"))
    here = "index.html"
    frame = layout(inputs, inputs.default_locale, here, "MAPI reference",
                   {l: (f"{l}/index.html", True) for l in inputs.locales})
    out[here] = make_env(inputs.catalogs.get(inputs.default_locale, {})).get_template(
        "home.html").render(layout=frame, entries=entries)
    return out


def _name(s: dict, loc: str) -> str:
    """An item's name in lists: an article's title in the locale, an API item's name."""
    if s["kind"] == "conceptual":
        return (s["locales"].get(loc) or next(iter(s["locales"].values()), {})).get("title") or s["name"]
    return s["name"]


def _url(here: str, s: dict, loc: str) -> tuple[str, bool]:
    mine = s["locales"].get(loc)
    return href(here, mine["path"] if mine else page_path(loc, s["rel_path"])), mine is not None


def _index(loc: str, summaries: Sequence[dict], inputs: SiteInputs) -> str:
    here = f"{loc}/index.html"
    by_path = {s["rel_path"].lower(): s for s in summaries}
    groups: dict[str, list[dict]] = defaultdict(list)
    for s in sorted(summaries, key=lambda s: (s["name"].lower(), s["key"])):
        url, real = _url(here, s, loc)
        methods = []
        for name, path in s.get("vtable", ()):
            target = by_path.get((path or "").lower())
            methods.append((name, _url(here, target, loc)[0] if target else None))
        groups[s["kind"]].append({"name": _name(s, loc), "url": url, "real": real,
                                  "methods": methods})
    ordered = [(k, groups[k]) for k in KINDS if groups.get(k)]
    translated = sum(1 for s in summaries if loc in s["locales"])
    env = make_env(inputs.catalogs.get(loc, {}))
    return env.get_template("index.html").render(
        layout=layout(inputs, loc, here, "Index"), groups=ordered, total=len(summaries),
        translated=translated)


def _status(loc: str, summaries: Sequence[dict], findings: list[Finding],
            inputs: SiteInputs) -> str:
    here = f"{loc}/status.html"
    env = make_env(inputs.catalogs.get(loc, {}))
    gettext = Catalog(inputs.catalogs.get(loc, {})).gettext
    fmt = lambda n: number(n, loc)   # noqa: E731 - a formatter handed to the charts
    cats: dict[str, Counter] = defaultdict(Counter)
    pages: dict[str, Counter] = defaultdict(Counter)
    for f in findings:
        cats[f.category.value][f.severity.value] += 1
        pages[f.path][f.severity.value] += 1
    present = [s for s in summaries if loc in s["locales"]]
    mt = sum(1 for s in present if s["locales"][loc]["mt"])
    stale = sorted((s for s in present if s["locales"][loc]["stale"]), key=lambda s: s["name"])
    cat_rows = [(gettext(CATEGORY_NAMES[c]), [cats[c.value][v] for v in SEVERITIES])
                for c in Category if sum(cats[c.value].values())]
    sev = Counter(f.severity.value for f in findings)
    worst = sorted(pages.items(), key=lambda kv: (-kv[1]["error"], -kv[1]["warning"],
                                                  -sum(kv[1].values()), kv[0]))[:WORST]
    source_of = {s["locales"][loc]["source"]: s for s in present}
    worst_rows = []
    for path, counts in worst:
        s = source_of.get(path)
        if s is None:
            continue
        worst_rows.append((_name(s, loc), _url(here, s, loc)[0], [counts[v] for v in SEVERITIES]))
    legend = [gettext("error"), gettext("warning"), gettext("note")]
    coverage = share_bar([(gettext("translated"), len(present) - mt, "#2e7d32"),
                          (gettext("machine-translated"), mt, "#8fbf5a"),
                          (gettext("missing"), len(summaries) - len(present), "#bbbbbb")],
                         gettext("Pages"))
    return env.get_template("status.html").render(
        layout=layout(inputs, loc, here, "Status"), total=len(summaries), present=len(present),
        mt=mt, stale=[(_name(s, loc), _url(here, s, loc)[0]) for s in stale],
        severities=[(v, sev[v]) for v in SEVERITIES], findings=len(findings),
        by_category=stacked_bars(cat_rows, SEVERITIES, gettext("Findings by category"), fmt,
                                 legend),
        by_severity=stacked_bars([(gettext(v), [sev[v] if v == w else 0 for w in SEVERITIES])
                                  for v in SEVERITIES], SEVERITIES,
                                 gettext("Findings by severity"), fmt, legend),
        coverage=coverage, worst=worst_rows, categories=cat_rows)
