"""The frame of every page: its language, the links to the same page in the other languages
(switcher and `hreflang` alternates), and the way back to the locale's own pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from reflingo.render.site.inputs import SiteInputs
from reflingo.render.site.urls import STATIC, href


@dataclass(frozen=True, slots=True, kw_only=True)
class Layout:
    """What the frame of every page shows: language, links to the other languages, the way
    back to the site's pages."""

    lang: str
    """The page's locale (`<html lang>`)."""
    here: str
    """The page's output path."""
    title: str
    """The page's title."""
    static: str
    """The URL of the static folder, relative to the page."""
    home: str
    """The URL of the locale's index."""
    search: str
    """The URL of the locale's search page."""
    status: str
    """The URL of the locale's status page."""
    languages: tuple[tuple[str, str, bool], ...]
    """(locale, URL, whether that locale has its own page) for every locale of the site."""
    x_default: str | None
    """The URL of the `x-default` alternate."""


def layout(inputs: SiteInputs, locale: str, here: str, title: str,
           targets: Mapping[str, tuple[str, bool]] | None = None) -> Layout:
    """The frame of a page at `here`; `targets` maps each locale to the output path of the same
    page there and whether it is a real translation (default: the locale's index pages)."""
    targets = targets or {loc: (f"{loc}/{here.split('/', 1)[1]}", True) for loc in inputs.locales}
    default = targets.get(inputs.default_locale) or next(iter(targets.values()), None)
    return Layout(lang=locale, here=here, title=title, static=href(here, f"{STATIC}/x")[:-1],
                  home=href(here, f"{locale}/index.html"),
                  search=href(here, f"{locale}/search.html"),
                  status=href(here, f"{locale}/status.html"),
                  languages=tuple((loc, href(here, t), real) for loc, (t, real) in
                                  sorted(targets.items())),
                  x_default=href(here, default[0]) if default else None)
