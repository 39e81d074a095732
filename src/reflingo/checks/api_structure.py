"""API page shape against the reference: the C declaration, the sections and their tables.

Part of the API checks (see :mod:`reflingo.checks.api`, which imports this module): each
locale's page is compared with the reference page, and differences that most translations share
are left to RL490.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Iterator

from reflingo.checks.registry import check_table
from reflingo.checks.api_differences import Difference, looks_like_identifier, report
from reflingo.checks.text import per_page
from reflingo.findings import Category, Finding, Severity
from reflingo.lang.locales import ENGLISH
from reflingo.model import ApiItem, Page, Section, Signature, Table
from reflingo.parse.inline import plain
from reflingo.parse.signature import without_comments

# --------------------------------------------------------------------------------------------
# Signature
# --------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+|[^\w\s]")


@lru_cache(maxsize=1 << 12)
def code_tokens(code: str) -> tuple[str, ...]:
    """The code's tokens, comments dropped: whitespace changes do not count, joined words do."""
    return tuple(_TOKEN.findall(without_comments(code)))


def _signature_differences(page: Page, expected: Signature | None) -> list[Difference]:
    if expected is None:
        return []
    sig = page.signature
    if sig is None:
        line = _signature_gap(page)
        return [Difference(code="RL431", key=("signature-missing",), line=line,
                           message=f"the signature of `{expected.name or 'the API'}` is missing",
                           expected=expected.code)]
    if code_tokens(sig.code) == code_tokens(expected.code):
        return []
    line = sig.span.line_start + 1 + _first_different_line(sig.code, expected.code)
    detail = _signature_detail(sig, expected)
    return [Difference(code="RL430", key=("signature", code_tokens(sig.code)), line=line,
                       message=f"the signature differs from the reference{detail}",
                       expected=expected.code, actual=sig.code)]


def _signature_gap(page: Page) -> int:
    lead = page.sections[0] if page.sections else None
    fence = next((b for b in lead.blocks if b.kind == "fence"), None) if lead else None
    if fence is not None:
        return fence.span.line_start
    following = page.sections[1] if len(page.sections) > 1 else None
    return following.span.line_start if following else 1


def _first_different_line(actual: str, expected: str) -> int:
    a, e = actual.splitlines(), expected.splitlines()
    for n, line in enumerate(a):
        if n >= len(e) or code_tokens(line) != code_tokens(e[n]):
            return n
    return max(len(a) - 1, 0)


def _signature_detail(sig: Signature, expected: Signature) -> str:
    if sig.name != expected.name:
        return f": declares `{sig.name}` instead of `{expected.name}`"
    if sig.return_type != expected.return_type:
        if not sig.return_type:
            return f": the return type `{expected.return_type}` is missing"
        return f": returns `{sig.return_type}` instead of `{expected.return_type}`"
    got = [(p.type, p.name) for p in sig.params]
    want = [(p.type, p.name) for p in expected.params]
    if len(got) != len(want):
        return f": {len(got)} parameters instead of {len(want)}"
    for (gt, gn), (wt, wn) in zip(got, want):
        if (gt, gn) != (wt, wn):
            return f": `{gt} {gn}` instead of `{wt} {wn}`"
    return ""


def signature_pair(page: Page, ref: Page, item: ApiItem) -> list[Difference]:
    """The page's declaration against the reference page's."""
    return _signature_differences(page, ref.signature)


def signature_canonical(page: Page, item: ApiItem) -> list[Difference]:
    """The page's declaration against the item's, when most pages agree with the item's."""
    if page.locale == ENGLISH or item.signature is None:
        return []
    want = code_tokens(item.signature.code)
    agree = sum(1 for p in item.pages.values() if p.signature and code_tokens(p.signature.code) == want)
    if agree < 2 or 2 * agree <= len(item.pages):
        return []
    return _signature_differences(page, item.signature)


def _signatures(item, locale, ctx, code) -> Iterator[Finding]:
    return report(item, locale, ctx, code, signature_pair, signature_canonical)


check_table(_signatures, (
    ("RL430", Category.SIGNATURE, Severity.ERROR, "signature-differs",
     """The page's C declaration differs from the reference's (whitespace and comments aside).

     Bad:  `HrGetOneProp(LPMAPIPROP pmp, ...)` where the reference declares `HRESULT HrGetOneProp(...)`.
     Good: the declaration exactly as in the reference.
     """),
    ("RL431", Category.SIGNATURE, Severity.ERROR, "signature-missing",
     """The reference has a C declaration and this page has none.

     Bad:  no ```` ```cpp ```` block on a method page.
     Good: the declaration in a code block after the summary.
     """),
))


# --------------------------------------------------------------------------------------------
# Structure: sections and tables
# --------------------------------------------------------------------------------------------

_SAME_SECTION = {"return-values": "return-value", "members": "parameters"}


def _section_slot(section: Section) -> str:
    if section.key.startswith("other:"):
        return "other:"
    return _SAME_SECTION.get(section.key, section.key)


def _slots(page: Page) -> tuple[str, ...]:
    """The slot of each of the page's sections (see :func:`_section_slot`)."""
    return tuple(map(_section_slot, page.sections))


def _section_name(section: Section) -> str:
    return section.heading.text if section.heading else "lead (before the first heading)"


def align_sections(page: Page, ref: Page) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs of (reference, page) section indices, then the unpaired ones of each side.

    An `other:*` section pairs with any section at the same place: a heading this parser does
    not recognise is not a missing section."""
    a, b = _slots(ref), _slots(page)
    if a == b:  # the usual case, and what the matcher would find
        return [(i, i) for i in range(len(a))], [], []
    pairs, missing, extra = [], [], []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pairs += list(zip(range(i1, i2), range(j1, j2)))
            continue
        n = min(i2 - i1, j2 - j1)
        for i, j in zip(range(i1, i1 + n), range(j1, j1 + n)):
            if "other:" in (a[i], b[j]):
                pairs.append((i, j))
            else:
                missing.append(i)
                extra.append(j)
        missing += range(i1 + n, i2)
        extra += range(j1 + n, j2)
    return sorted(pairs), sorted(missing), sorted(extra)


def structure_pair(page: Page, ref: Page, item: ApiItem) -> list[Difference]:
    """The page's sections, and the tables of the sections both have, against the reference's."""
    if _shape(page) == _shape(ref):
        return []  # the same sections in the same order, with as many tables and rows
    pairs, missing, extra = align_sections(page, ref)
    out = []
    last = len(page.lines) or 1
    slots, ref_slots = _slots(page), _slots(ref)
    paired = {slots[j] for _, j in pairs}
    for i in missing:
        s = ref.sections[i]
        if ref_slots[i] in paired and ref_slots[i] != "other:":
            continue  # the reference has it twice, the page once
        after = [j for ii, j in pairs if ii > i]
        line = page.sections[after[0]].span.line_start if after else last
        out.append(Difference(code="RL440", key=("section-missing", ref_slots[i], s.level),
                              line=line, message=f"section `{_section_name(s)}` ({s.key}) is missing",
                              expected=_section_name(s)))
    for j in extra:
        s = page.sections[j]
        twice = any(slots[jj] == slots[j] for _, jj in pairs)
        what = "appears twice" if twice and not s.key.startswith("other:") else "is not in the reference"
        out.append(Difference(code="RL441", key=("section-extra", slots[j], s.level),
                              line=s.span.line_start, message=f"section `{_section_name(s)}` ({s.key}) {what}",
                              actual=_section_name(s)))
    ref_tables, tables = _section_tables(ref), _section_tables(page)
    for i, j in pairs:
        out += _table_differences(ref.sections[i], page.sections[j], ref_tables[i], tables[j])
    return out


@per_page
def _shape(page: Page) -> tuple[tuple[str, ...], tuple[tuple[int, ...], ...]]:
    """The slot of each section and the row counts of each section's tables: what
    :func:`structure_pair` compares (pages of the same shape have no differences)."""
    if not page.tables:
        return _slots(page), ((),) * len(page.sections)
    return _slots(page), tuple(tuple(len(t.rows) for t in tables)
                               for tables in _section_tables(page))


def _section_tables(page: Page) -> tuple[list[Table], ...]:
    """The tables of each of the page's sections, in order: those within the section and not
    within one of its subsections (a section of a higher level that starts inside it)."""
    owned: tuple[list[Table], ...] = tuple([] for _ in page.sections)
    for table in page.tables:
        line = table.span.line_start
        around = [(k, s) for k, s in enumerate(page.sections)
                  if s.span.line_start <= line <= s.span.line_end]
        for k, s in around:
            if not any(o is not s and o.level > s.level and o.span.line_start > s.span.line_start
                       for _, o in around):
                owned[k].append(table)
    return owned


def _table_differences(rsec: Section, psec: Section, rts: list[Table],
                       pts: list[Table]) -> Iterator[Difference]:
    """The tables `pts` of section `psec` against the tables `rts` of reference section `rsec`."""
    name = _section_name(rsec)
    if len(rts) != len(pts):
        yield Difference(code="RL442", key=("tables", _section_slot(rsec), len(rts)),
                         line=(pts[0].span.line_start if pts else psec.span.line_start),
                         message=f"section `{name}` has {len(pts)} table(s); the reference has {len(rts)}",
                         expected=str(len(rts)), actual=str(len(pts)))
        return
    for n, (rt, pt) in enumerate(zip(rts, pts)):
        if len(rt.rows) == len(pt.rows):
            continue
        lost = _lost_rows(rt, pt)
        detail = f" (missing: {', '.join(lost)})" if lost else ""
        yield Difference(code="RL442", key=("table-rows", _section_slot(rsec), n, len(rt.rows)),
                         line=pt.span.line_start,
                         message=f"table {n + 1} of section `{name}` has {len(pt.rows)} row(s); "
                                 f"the reference has {len(rt.rows)}{detail}",
                         expected=str(len(rt.rows)), actual=str(len(pt.rows)))


def _lost_rows(rt: Table, pt: Table) -> list[str]:
    """First cells of reference rows that the page's table lacks, when they are identifiers."""
    have = {plain(r.cells[0]) for r in pt.rows if r.cells}
    firsts = [plain(r.cells[0]) for r in rt.rows if r.cells]
    if not all(looks_like_identifier(f.split("::")[-1]) for f in firsts if f):
        return []
    return [f for f in firsts if f and f not in have]


def _structure(item, locale, ctx, code) -> Iterator[Finding]:
    return report(item, locale, ctx, code, structure_pair)


check_table(_structure, (
    ("RL440", Category.STRUCTURE, Severity.WARNING, "section-missing",
     """A section of the reference page is missing.

     Bad:  no "See also" section where the reference has one.
     Good: the page has the reference's sections, in order (headings may be translated).
     """),
    ("RL441", Category.STRUCTURE, Severity.WARNING, "section-extra",
     """The page has a section that the reference does not have (or has it twice).

     Bad:  `## Remarks` twice.
     Good: each of the reference's sections once.
     """),
    ("RL442", Category.STRUCTURE, Severity.WARNING, "table-rows-differ",
     """A table has another number of rows (or a section another number of tables) than the reference.

     Bad:  the vtable lists 13 methods where the reference lists 14.
     Good: the same rows as the reference, translated.
     """),
))
