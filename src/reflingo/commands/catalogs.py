"""The site's UI catalogs: gettext `.po` files under `locales/site/<ll_CC>/LC_MESSAGES/`,
extracted and compiled with Babel (`make catalogs`). A compiled `.mo` is read when it is newer
than its `.po`; otherwise the `.po` itself is read with Babel, so a fresh clone builds a
translated site with no compile step."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path
from typing import Iterable

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from reflingo.lang.locales import locales_dir
from reflingo.render.site.catalog import PLURAL, plural_key

DOMAIN = "site"


def catalog_dir() -> Path:
    """Where the site's catalogs are (`locales/site/`)."""
    return locales_dir() / "site"


def catalog_file(locale: str, suffix: str) -> Path:
    """The catalog file of a locale tag (`es-ES` -> `es_ES/LC_MESSAGES/site.po`)."""
    return catalog_dir() / locale.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def read_catalog(locale: str) -> dict[str, str]:
    """msgid -> msgstr of the locale's catalog (plural forms under `plural_key`); empty when
    the locale has none."""
    po, mo = catalog_file(locale, ".po"), catalog_file(locale, ".mo")
    try:
        if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
            with open(mo, "rb") as fh:
                catalog = read_mo(fh)
        elif po.is_file():
            with open(po, "rb") as fh:
                catalog = read_po(fh, locale=locale.replace("-", "_"))
        else:
            return {}
    except (OSError, ValueError):
        return {}
    out: dict[str, str] = {}
    for m in catalog:
        if not m.id or not m.string or m.fuzzy:
            continue
        if isinstance(m.id, (tuple, list)):
            for form, text in enumerate(m.string):
                if text:
                    out[plural_key(m.id[0], form)] = text
        else:
            out[m.id] = m.string
    if catalog.plural_expr:
        out[PLURAL] = catalog.plural_expr
    return out


def load_catalogs(locales: Iterable[str]) -> dict[str, dict[str, str]]:
    """Each locale's catalog (a locale without one shows the English strings)."""
    return {loc: read_catalog(loc) for loc in locales}


def site_assets_digest() -> str:
    """A hash of the templates, stylesheet and script shipped with the renderer: part of the
    site's cache key (the code fingerprint covers Python files only)."""
    h = hashlib.blake2b(digest_size=10)
    root = resources.files("reflingo.render.site") / "templates"
    for path in sorted(_walk(root), key=str):
        h.update(str(path).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _walk(folder) -> list:
    found = []
    for entry in folder.iterdir():
        if entry.is_dir():
            found += _walk(entry)
        else:
            found.append(entry)
    return found
