"""Pieces of a page that stand for the same content in every locale, so that a line of a
translation can be read beside the reference's text for it.

Units are the parameter and flag descriptions, the return values, then the blocks of each
section (by section key and occurrence, block by block).
"""

from __future__ import annotations

from collections import Counter

from reflingo.checks.text import per_item
from reflingo.model import ApiItem, Page
from reflingo.parse.inline import strip_bilingual


_BLOCK_KINDS = frozenset(("paragraph", "blockquote", "list", "table"))
"""The kinds of blocks a section's unit holds."""


def units(page: Page, item: ApiItem) -> dict[str, list[tuple[int, int]]]:
    """Comparable pieces of a page, keyed so that the same key means the same content in every
    locale: parameter and flag descriptions, return values, then the blocks of each section."""
    return per_item(item, ("units", id(page)), _page_units, page, item)  # the item holds the page


def _page_units(page: Page, item: ApiItem) -> dict[str, list[tuple[int, int]]]:
    units: dict[str, list[tuple[int, int]]] = {}
    for p, j in zip(page.parameters, item.parameter_maps[page.locale]):
        if j is None:
            continue
        units[f"param:{j}"] = [(p.description.span.line_start, p.description.span.line_end)]
        for f in p.flags:
            units[f"flag:{j}:{f.name}"] = [(f.description.span.line_start, f.description.span.line_end)]
    for v in page.return_values:
        units[f"value:{v.name}"] = [(v.description.span.line_start, v.description.span.line_end)]
    seen: dict[str, int] = {}
    skipped = (("parameters", "members") if page.parameters else ()) + \
        (("return-value", "return-values") if page.return_values else ())
    for s in page.sections:
        key = s.key
        seen[key] = occurrence = seen.get(key, 0) + 1
        if key in skipped:
            continue
        units[f"section:{key}#{occurrence}"] = [
            (b.span.line_start, b.span.line_end) for b in s.blocks if b.kind in _BLOCK_KINDS]
    return units


def aligned_text(item: ApiItem, page: Page, ref: Page, line: int) -> str | None:
    """The reference's text for the unit (or the section block) that holds `line` of `page`,
    or None when the line stands in no unit both pages have. A bilingual line's embedded English
    source is its own reference."""
    source = strip_bilingual(page.line(line))[1]
    if source:
        return source
    heading = _heading_of(page, ref, line)
    if heading is not None:
        return heading
    mine, theirs = units(page, item), units(ref, item)
    for key, spans in mine.items():
        for index, (start, end) in enumerate(spans):
            if start <= line <= end:
                other = theirs.get(key)
                if other is None or (len(other) != len(spans) and len(other) <= index):
                    return None
                if len(other) != len(spans) and not key.startswith(("param:", "flag:", "value:")):
                    return None
                s, e = other[min(index, len(other) - 1)]
                return "\n".join(ref.line(n) for n in range(s, e + 1))
    return None


def _heading_of(page: Page, ref: Page, line: int) -> str | None:
    """The reference's heading for a section heading on `line` (same key, same occurrence)."""
    seen: Counter[str] = Counter()
    for s in page.sections:
        seen[s.key] += 1
        if s.heading is not None and s.heading.span.line_start == line:
            same = [r for r in ref.sections if r.key == s.key]
            if len(same) >= seen[s.key] and same[seen[s.key] - 1].heading is not None:
                return ref.line(same[seen[s.key] - 1].heading.span.line_start)
            return None
    return None
