"""`reflingo parse --stats`: pages per kind and locale, mapped share, signature mismatches."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Sequence

from reflingo.lang.locales import ENGLISH
from reflingo.model import ApiItem, Page, PageKind, PropertyItem

#: Kinds whose body is expected to map into model fields almost entirely.
API_KINDS = (PageKind.METHOD, PageKind.FUNCTION, PageKind.MACRO, PageKind.STRUCTURE, PageKind.PROPERTY)
SIGNATURE_KINDS = (PageKind.METHOD, PageKind.FUNCTION, PageKind.MACRO)


@dataclass(frozen=True, slots=True)
class PageStats:
    """What `--stats` needs of one page (plain data, cached)."""

    path: str
    locale: str
    kind: str
    rel_path: str
    mapped: int
    other: int
    errors: int
    mismatch: str | None


@dataclass(frozen=True, slots=True)
class ItemStats:
    """What `--stats` needs of one merged item (plain data, cached)."""

    kind: str
    locale: str
    """The reference locale of the item (en-US, else the first locale)."""
    declares_base: bool
    """An interface whose pages declare a base (title `X : Y` or an "Inherits from" row)."""
    has_base: bool
    vtable: tuple[str | None, ...]
    """An interface's vtable entries: the page each links to (None without a link)."""
    property_parsed: bool
    """A property with an id (tagged), a long id or a name (named), and a data type."""
    flags: int
    flags_described: int
    values: int
    values_described: int
    overloads: int
    bulleted: int = 0
    """Parameters on the reference page whose flags are written as a bulleted list."""


def item_stats(item: ApiItem) -> ItemStats:
    """The figures of one item."""
    loc = item.reference_locale or (item.locales[0] if item.locales else "und")
    page = item.pages.get(loc)
    title = page.title.text if page is not None and page.title else ""
    declares = ":" in title or any(r.key == "inherits-from" for r in (page.properties if page else ()))
    flags = [f for p in item.parameters for f in p.flags]
    return ItemStats(
        kind=item.kind.value, locale=loc,
        declares_base=item.kind is PageKind.INTERFACE and declares,
        has_base=bool(getattr(item, "bases", ())),
        vtable=tuple(e.path for e in getattr(item, "vtable", ())),
        property_parsed=isinstance(item, PropertyItem) and bool(item.property_types) and (
            item.property_id is not None or item.long_id is not None or bool(item.property_name)),
        flags=len(flags), flags_described=sum(1 for f in flags if f.descriptions.get(loc)),
        values=len(item.return_values),
        values_described=sum(1 for v in item.return_values if v.descriptions.get(loc)),
        overloads=len(getattr(item, "overloads", ())),
        bulleted=sum(1 for p in (page.parameters if page else ()) if any(f.bulleted for f in p.flags)))


def render_items(items: Sequence[ItemStats], pages: Sequence[PageStats]) -> str:
    """The model's figures: interfaces with a base, vtables resolved to method items, parsed
    property tags, described flags and return values, overloads."""
    kinds = {(r.locale, r.rel_path): r.kind for r in pages}
    ifaces = [i for i in items if i.kind == PageKind.INTERFACE.value]
    entries = [(i.locale, path) for i in ifaces for path in i.vtable]
    linked = [e for e in entries if e[1]]
    to_methods = sum(1 for e in linked if kinds.get(e) == PageKind.METHOD.value)
    to_items = sum(1 for e in linked if e in kinds)
    props = [i for i in items if i.kind == PageKind.PROPERTY.value]
    flags, fdesc = sum(i.flags for i in items), sum(i.flags_described for i in items)
    values, vdesc = sum(i.values for i in items), sum(i.values_described for i in items)
    declared = sum(1 for i in ifaces if i.declares_base)
    return "\n".join([
        "Model facts (canonical items)", "",
        f"  interfaces with a base: {sum(1 for i in ifaces if i.has_base)} of {len(ifaces)} "
        f"({declared} declare one)",
        f"  vtable entries: {len(entries)}; linked to a page: {len(linked)}; resolved to an item: "
        f"{to_items} ({_share(to_items, len(linked))} of linked), to a method item: {to_methods}",
        f"  properties with a parsed tag (id, LID or name) and type: "
        f"{sum(1 for i in props if i.property_parsed)} of {len(props)}",
        f"  flags with a description: {fdesc} of {flags} ({_share(fdesc, flags)})",
        f"  return values with a description: {vdesc} of {values} ({_share(vdesc, values)})",
        f"  parameters whose flags are a bulleted list: {sum(i.bulleted for i in items)}",
        f"  overloads (further declarations on one page): {sum(i.overloads for i in items)}",
    ])


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def page_stats(page: Page) -> PageStats:
    mismatch = signature_mismatch(page) if page.locale == ENGLISH else None
    errors = sum(1 for p in page.problems if p.severity == "error")
    return PageStats(page.path, page.locale, page.kind.value, page.rel_path, page.mapped_lines,
                     page.other_lines, errors, mismatch)


def signature_mismatch(page: Page) -> str | None:
    """How the documented parameters differ from the signature's, or None when they agree.

    Only method, function and macro pages with a parsed signature are compared."""
    sig = page.signature
    if page.kind not in SIGNATURE_KINDS or sig is None or sig.kind not in ("function", "macro"):
        return None
    declared = [p.name for p in sig.params if p.name and p.name != "..."]
    documented = [p.name for p in page.parameters]
    if declared == documented:
        return None
    missing = [n for n in declared if n not in documented]
    extra = [n for n in documented if n not in declared]
    parts = []
    if missing:
        parts.append("undocumented: " + ", ".join(missing))
    if extra:
        parts.append("documented but not declared: " + ", ".join(extra))
    if not parts:
        parts.append("order differs: declared " + ", ".join(declared) + "; documented "
                     + ", ".join(documented))
    return "; ".join(parts)


def render(rows: Sequence[PageStats]) -> str:
    """The text report."""
    locales = sorted({r.locale for r in rows})
    kinds = [k.value for k in PageKind]
    count = Counter((r.kind, r.locale) for r in rows)
    out = ["Pages per kind and locale", ""]
    header = f"{'kind':<12}" + "".join(f"{loc:>8}" for loc in locales) + f"{'total':>8}"
    out += [header, "-" * len(header)]
    for k in kinds:
        out.append(f"{k:<12}" + "".join(f"{count[(k, loc)]:>8}" for loc in locales)
                   + f"{sum(count[(k, loc)] for loc in locales):>8}")
    out.append(f"{'total':<12}" + "".join(f"{sum(1 for r in rows if r.locale == loc):>8}" for loc in locales)
               + f"{len(rows):>8}")
    out += ["", "Body lines mapped into model fields (the rest kept as 'other')", ""]
    header = f"{'kind':<12}{'mapped':>10}{'other':>10}{'share':>9}"
    out += [header, "-" * len(header)]
    mapped, other = defaultdict(int), defaultdict(int)
    for r in rows:
        mapped[r.kind] += r.mapped
        other[r.kind] += r.other
    for k in kinds:
        total = mapped[k] + other[k]
        share = f"{100 * mapped[k] / total:.1f}%" if total else "-"
        out.append(f"{k:<12}{mapped[k]:>10}{other[k]:>10}{share:>9}")
    api_m = sum(mapped[k.value] for k in API_KINDS)
    api_o = sum(other[k.value] for k in API_KINDS)
    if api_m + api_o:
        out.append(f"{'API pages':<12}{api_m:>10}{api_o:>10}{100 * api_m / (api_m + api_o):>8.1f}%")
    mism = sorted((r for r in rows if r.mismatch), key=lambda r: r.path)
    compared = sum(1 for r in rows if r.locale == ENGLISH and r.kind in {k.value for k in SIGNATURE_KINDS})
    out += ["", f"en-US pages whose documented parameters differ from the signature: "
                f"{len(mism)} of {compared} method/function/macro pages", ""]
    out += [f"  {r.path}: {r.mismatch}" for r in mism]
    bad = sum(1 for r in rows if r.errors)
    out += ["", f"Pages with input errors: {bad}"]
    return "\n".join(out)

