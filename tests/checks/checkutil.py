"""Helpers shared by the check-family tests: run one family's checks on an item."""

from __future__ import annotations

from types import ModuleType

from reflingo.checks import REGISTRY, CheckContext


def family(module: ModuleType) -> dict:
    """The family's checks, by code (importing the module registered them)."""
    return {c.code: c for c in REGISTRY.values() if c.fn.__module__ == module.__name__}


def run_family(checks: dict, item, locale: str, prefix: str = "RL") -> list:
    ctx = CheckContext()
    return [f for code in sorted(checks) if code.startswith(prefix)
            for f in checks[code].fn(item, locale, ctx)]


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line containing `needle`."""
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


FRONT = """---
title: IFooBar
ms.assetid: 11111111-2222-3333-4444-555555555555
ms.contentlocale: {locale}
---
"""


def edited(body: str, locale: str, *edits: tuple[str, str]) -> str:
    """`body` under the front matter of `locale`, with each (old, new) edit applied."""
    for old, new in edits:
        assert old in body, old
        body = body.replace(old, new)
    return FRONT.format(locale=locale) + body


def item_from(texts):
    """The one item the page texts merge into (each text names its ms.contentlocale)."""
    from reflingo.corpus import build_corpus
    from reflingo.parse import parse_text

    pages = [parse_text(t, f"/t/{_contentlocale(t)}/outlook/mapi/ifoo-bar.md") for t in texts]
    (item,) = build_corpus(pages).items
    return item


def _contentlocale(text: str) -> str:
    return text.split("ms.contentlocale: ", 1)[1].split("\n", 1)[0]


def run(code: str, item, locale: str = "es-ES", ctx: CheckContext | None = None) -> list:
    """The findings of one registered check."""
    from reflingo.checks import all_checks

    all_checks()
    return list(REGISTRY[code].fn(item, locale, ctx or CheckContext()))
