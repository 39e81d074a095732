"""The side-by-side view of one item: every locale in a column, aligned by section and by
canonical parameter, flag and return value (through the item's maps)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Mapping, Sequence

from markupsafe import Markup

from reflingo.findings import Finding
from reflingo.model import ApiItem, Text
from reflingo.render.site.env import make_env
from reflingo.render.site.frame import layout
from reflingo.render.site.inputs import SiteInputs
from reflingo.render.site.markup import Links, safe_html, text_html
from reflingo.render.site.urls import compare_path, href, page_path


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    """One aligned row: a label and each locale's cell."""

    label: str
    """What the row holds (a section key, a parameter's canonical name)."""
    kind: str
    """`title`, `summary`, `section`, `parameter`, `flag` or `value`."""
    cells: tuple[Markup | None, ...]
    """Each locale's text (None where the locale has none), in column order."""


def _cell(t: Text | None, links: Links | None) -> Markup | None:
    if t is None or links is None:
        return None
    source = t.markdown if t.markdown is not None else t.text
    links.at(t.span.line_start, source)
    return safe_html(text_html(source, links), source)


def rows(item: ApiItem, locales: Sequence[str], links: Mapping[str, Links]) -> list[Row]:
    """The aligned rows of the view."""
    out = [Row(label="title", kind="title", cells=tuple(
        Markup.escape(item.pages[l].title.text) if l in item.pages and item.pages[l].title else None
        for l in locales))]
    out.append(Row(label="summary", kind="summary",
                   cells=tuple(_cell(item.summary.get(l), links.get(l)) for l in locales)))
    for p in item.parameters:
        cells = []
        for l in locales:
            d = p.descriptions.get(l)
            if d is None:
                cells.append(None)
                continue
            name = p.aliases.get(l, p.name)
            page = item.pages[l]
            tag = next((q.direction_tag for q in page.parameters if q.name == name), None)
            head = Markup("<code>{}</code> {}").format(name, f"{tag} " if tag else "")
            cells.append(head + (_cell(d, links.get(l)) or Markup("")))
        out.append(Row(label=p.name, kind="parameter", cells=tuple(cells)))
        for f in p.flags:
            out.append(Row(label=f.name, kind="flag", cells=tuple(
                _cell(f.descriptions.get(l), links.get(l)) for l in locales)))
    for v in item.return_values:
        out.append(Row(label=v.name, kind="value", cells=tuple(
            _cell(v.descriptions.get(l), links.get(l)) for l in locales)))
    for key in item.sections:
        if key in ("lead",):
            continue
        cells = []
        for l in locales:
            s = item.pages[l].section(key) if l in item.pages else None
            cells.append(_cell(s.heading, links.get(l)) if s is not None and s.heading else None)
        out.append(Row(label=key, kind="section", cells=tuple(cells)))
    return out


def render_compare(item: ApiItem, findings: Mapping[str, list[Finding]],
                   inputs: SiteInputs) -> str:
    """The side-by-side page of `item`, in the site's default locale."""
    here = compare_path(item.rel_path)
    locales = [l for l in inputs.locales]
    links = {l: Links(here=here, rel_path=item.pages[l].rel_path, locale=l, exists=inputs.exists)
             for l in locales if l in item.pages}
    counts = {l: len(findings.get(item.pages[l].path, [])) if l in item.pages else None
              for l in locales}
    pages = {l: href(here, page_path(l, item.pages[l].rel_path if l in item.pages else item.rel_path))
             for l in locales}
    frame = layout(inputs, inputs.default_locale, here, item.name,
                   {l: (page_path(l, item.rel_path), l in item.pages) for l in locales})
    frame = dataclasses.replace(frame, languages=(), x_default=None)
    env = make_env(inputs.catalogs.get(inputs.default_locale, {}))
    return env.get_template("compare.html").render(
        layout=frame, item=item, locales=locales, rows=rows(item, locales, links),
        counts=counts, pages=pages)
