"""`reflingo parse --stats`: pages per kind and locale, mapped share, signature mismatches."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Sequence

from reflingo.lang.locales import ENGLISH
from reflingo.model import Page, PageKind

#: Kinds whose body is expected to map into model fields almost entirely.
API_KINDS = (PageKind.METHOD, PageKind.FUNCTION, PageKind.MACRO, PageKind.STRUCTURE, PageKind.PROPERTY)
SIGNATURE_KINDS = (PageKind.METHOD, PageKind.FUNCTION, PageKind.MACRO)


@dataclass(frozen=True, slots=True)
class PageStats:
    """What `--stats` needs of one page (plain data, cached)."""

    path: str
    locale: str
    kind: str
    mapped: int
    other: int
    errors: int
    mismatch: str | None


def page_stats(page: Page) -> PageStats:
    mismatch = signature_mismatch(page) if page.locale == ENGLISH else None
    errors = sum(1 for p in page.problems if p.severity == "error")
    return PageStats(page.path, page.locale, page.kind.value, page.mapped_lines, page.other_lines,
                     errors, mismatch)


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

