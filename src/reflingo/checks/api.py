"""API facts against the reference: parameters, flags, return values, signature, structure.

Each locale's page is compared with its reference: the en-US page when the item has one,
otherwise the canonical model built from the signature, or the other locales (a difference is
reported when most of them agree on it). A difference that most other translations share is not
a translation defect: the English source changed after translation, or has it too. Those are
reported once, as notes, by RL490 (RL505 for links).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Callable, Iterator, Sequence

from reflingo import translit
from reflingo.checks import CheckContext, check, finding
from reflingo.corpus import match_parameters
from reflingo.findings import Category, Finding, Fix, Severity
from reflingo.locales import ENGLISH
from reflingo.model import ApiItem, Direction, Page, Section, Signature
from reflingo.parse.docfx import plain


# --------------------------------------------------------------------------------------------
# Differences from a reference, and how they become findings
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True, kw_only=True)
class Difference:
    """One way a page differs from a reference page, before it becomes a finding."""

    code: str
    """The check that reports it."""
    key: tuple
    """Locale-neutral identity, to find the same difference on other locales' pages."""
    line: int
    message: str
    expected: str | None = None
    actual: str | None = None
    column: int | None = None
    fix: Fix | None = None
    source_change: bool = True
    """Whether a change of the English source can explain it (not so for damaged text)."""


PairFn = Callable[[Page, Page, ApiItem], list[Difference]]
"""Differences of a page (first) from a reference page (second)."""
CanonicalFn = Callable[[Page, ApiItem], list[Difference]]
"""Differences of a page from the item's canonical model."""

_MEMO: dict[tuple, tuple[ApiItem, list]] = {}


def _memo(item: ApiItem, key: tuple, compute: Callable[[], list]) -> list:
    """compute(), remembered while the same item is being checked (every check of a family
    needs the same comparisons)."""
    hit = _MEMO.get(key)
    if hit is None or hit[0] is not item:
        if len(_MEMO) > 1024:
            _MEMO.clear()
        hit = _MEMO[key] = (item, compute())
    return hit[1]


def differences(item: ApiItem, locale: str, ctx: CheckContext, pair: PairFn,
                canonical: CanonicalFn | None = None) -> list[tuple[Difference, bool]]:
    """The locale's differences, each with whether it comes from the source (stale).

    A translation is compared with the en-US page when there is one, else with the canonical
    model when `canonical` is given; a difference that most other translations share comes
    from the English source (it changed after translation, or has the defect itself). Without
    either, the page is compared with the other pages, keeping what more than half of them (at
    least two) disagree with. The en-US page itself is only compared with the canonical model.
    """
    return _memo(item, (id(item), locale, pair, canonical),
                 lambda: list(_differences(item, locale, ctx, pair, canonical)))


def _differences(item, locale, ctx, pair, canonical) -> Iterator[tuple[Difference, bool]]:
    page = item.pages.get(locale)
    if page is None:
        return
    ref = ctx.reference(item, locale)
    if ref is not None:
        def compare(loc: str) -> list[Difference]:
            return _memo(item, (id(item), loc, "ref", pair), lambda: pair(item.pages[loc], ref, item))
    elif canonical is not None:
        def compare(loc: str) -> list[Difference]:
            return _memo(item, (id(item), loc, "canonical", canonical),
                         lambda: canonical(item.pages[loc], item))
    else:
        if locale != ENGLISH and ENGLISH not in item.pages:
            yield from ((d, False) for d in consensus(page, item, pair))
        return
    others = [o for o in item.locales if o not in (locale, ENGLISH)] if locale != ENGLISH else []
    other_keys = [{d.key for d in compare(o)} for o in others]
    for d in compare(locale):
        shared = sum(d.key in keys for keys in other_keys)
        yield d, d.source_change and bool(others) and 2 * shared > len(others)


def consensus(page: Page, item: ApiItem, pair: PairFn) -> list[Difference]:
    """Differences from the other pages that more than half of them (at least two) show."""
    others = [p for loc, p in sorted(item.pages.items()) if loc != page.locale]
    if len(others) < 2:
        return []
    votes: dict[tuple, int] = {}
    first: dict[tuple, Difference] = {}
    for other in others:
        for d in {d.key: d for d in pair(page, other, item)}.values():
            votes[d.key] = votes.get(d.key, 0) + 1
            first.setdefault(d.key, d)
    return sorted((first[k] for k, n in votes.items() if n >= 2 and 2 * n > len(others)),
                  key=lambda d: (d.line, d.code))


def report(item: ApiItem, locale: str, ctx: CheckContext, code: str, pair: PairFn,
           canonical: CanonicalFn | None = None) -> Iterator[Finding]:
    """Findings of check `code`: the locale's differences that are not stale."""
    page = item.pages.get(locale)
    for d, stale in differences(item, locale, ctx, pair, canonical):
        if d.code == code and not stale:
            yield as_finding(d, page, item)


def as_finding(d: Difference, page: Page, item: ApiItem, code: str | None = None,
               message: str | None = None) -> Finding:
    return finding(code or d.code, page, d.line, message or d.message, item=item,
                   column=d.column, expected=d.expected, actual=d.actual,
                   fix=None if code else d.fix)


def source_message(d: Difference) -> str:
    return (f"{d.message} (most other translations have the same difference: the English source "
            f"changed after translation or has it too) [{d.code}]")


def column_of(page: Page, line: int, text: str) -> int | None:
    """1-based column of the first `text` on the line, or None."""
    at = page.line(line).find(text) if text else -1
    return at + 1 if at >= 0 else None


def exact_fix(page: Page, line: int, old: str, new: str) -> Fix | None:
    """A fix replacing `old` on the line, when it occurs there exactly once."""
    text = page.line(line)
    if not old or old == new or text.count(old) != 1:
        return None
    return Fix(line=line, column=text.index(old) + 1, old=old, new=new)


# --------------------------------------------------------------------------------------------
# Parameters
# --------------------------------------------------------------------------------------------

def _param_section(page: Page) -> Section | None:
    return page.section("parameters") or page.section("members")


def _clean_name(name: str) -> str:
    """A documented name without escapes, emphasis and array bounds (`\\*p`, `a[MAPI_DIM]`)."""
    name = plain(name.replace("\\", "")).strip("* ")
    return re.sub(r"\s*\[[^\]]*\]$", "", name)


def _parameter_differences(page: Page, names: Sequence[str], item: ApiItem,
                           from_signature: bool) -> list[Difference]:
    """Documented parameters against the expected names, in order."""
    if not names:
        return []
    section = _param_section(page)
    heading = section.span.line_start if section else 1
    written = page.parameters
    if not written:
        if section is None or page.locale == ENGLISH:
            return []
        return [Difference(code="RL400", key=("param-none",), line=heading,
                           message=f"no parameter is documented; expected {', '.join(names)}",
                           expected=", ".join(names))]
    mapping = match_parameters(written, names)
    out = list(_missing_parameters(page, names, mapping, heading, item))
    out += _extra_parameters(page, names, mapping, item)
    mapped = [(i, j) for i, j in enumerate(mapping) if j is not None]
    for n, (i, j) in enumerate(mapped):
        if any(j < jj for _, jj in mapped[:n]):
            order = [written[ii].name for ii, _ in mapped]
            out.append(Difference(
                code="RL402", key=("param-order",), line=written[i].name_span.line_start,
                message=f"parameters are documented in another order than {_source(from_signature)}",
                expected=", ".join(names[jj] for _, jj in sorted(mapped, key=lambda m: m[1])),
                actual=", ".join(order)))
            break
    if from_signature and page.locale == ENGLISH:
        out += _renamed_parameters(page, names, mapping)
    return out


def _source(from_signature: bool) -> str:
    return "the signature" if from_signature else "the reference"


def _missing_parameters(page, names, mapping, heading, item) -> Iterator[Difference]:
    documented = set(mapping)
    aggregates = _aggregates(page, names, mapping, item)
    for j, name in enumerate(names):
        if j in documented or name in aggregates:
            continue
        before = [p for p, m in zip(page.parameters, mapping) if m is not None and m < j]
        line = before[-1].name_span.line_start if before else heading
        twice = " (it is declared twice in the signature)" if name in names[:j] else ""
        yield Difference(code="RL400", key=("param-missing", name), line=line,
                         message=f"parameter `{name}` is not documented{twice}", expected=name)


def _aggregates(page, names, mapping, item) -> set[str]:
    """Union or structure members of the signature whose own members the page documents instead."""
    sig = item.signature
    if sig is None:
        return set()
    words = set(re.findall(r"\w+", sig.code))
    nested = any(m is None and _clean_name(p.name) in words for p, m in zip(page.parameters, mapping))
    return {p.name for p in sig.params if nested and p.type in ("union", "struct")}


def _extra_parameters(page, names, mapping, item) -> Iterator[Difference]:
    code = item.signature.code if item.signature else ""
    code_words = set(re.findall(r"\w+", code))
    mapped = [p for p, m in zip(page.parameters, mapping) if m is not None]
    directed = any(p.direction is not Direction.UNKNOWN for p in mapped)
    for p, m in zip(page.parameters, mapping):
        if m is not None:
            continue
        name = _clean_name(p.name)
        if name in code_words and (code.count("{") > 1 or code.count("(") > 1):
            continue  # a member of a nested structure or a callback's parameter, documented in place
        if directed and p.direction is Direction.UNKNOWN and not (p.direction_tag or "").startswith("["):
            continue  # a value of the previous parameter, styled as a parameter
        twice = any(translit.skeleton(q.name) == translit.skeleton(p.name) for q in mapped)
        what = ("is documented twice" if twice else
                "is not a parameter of the declaration as parsed (is the declaration malformed?)"
                if name in code_words else "does not exist")
        yield Difference(code="RL401", key=("param-extra", translit.skeleton(p.name)),
                         line=p.name_span.line_start, column=column_of(page, p.name_span.line_start, p.name),
                         message=f"documented parameter `{p.name}` {what}", actual=p.name)


def _renamed_parameters(page, names, mapping) -> Iterator[Difference]:
    for p, j in zip(page.parameters, mapping):
        if j is None or _clean_name(p.name) == names[j]:
            continue
        line = p.name_span.line_start
        yield Difference(code="RL403", key=("param-name", names[j]), line=line,
                         column=column_of(page, line, p.name),
                         message=f"parameter `{p.name}` is named `{names[j]}` in the signature",
                         expected=names[j], actual=p.name)


def _parameters_pair(page: Page, ref: Page, item: ApiItem) -> list[Difference]:
    return _parameter_differences(page, [p.name for p in ref.parameters], item, False)


def _parameters_canonical(page: Page, item: ApiItem) -> list[Difference]:
    if not item.parameters:
        return []
    origin = item.parameters[0].support.origin
    if origin == "consensus" and len(item.pages) < 3:
        return []
    return _parameter_differences(page, [p.name for p in item.parameters], item,
                                  origin == "signature")


def _params(item, locale, ctx, code) -> Iterator[Finding]:
    return report(item, locale, ctx, code, _parameters_pair, _parameters_canonical)


@check("RL400", Category.PARAMETER, Severity.ERROR)
def parameter_missing(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A parameter of the reference (or the signature) is not documented.

    Bad:  the signature declares `ulReserved`, the page documents `ulUIParam` and `ulFlags` only.
    Good: `_ulReserved_` is documented after `_ulFlags_`.
    """
    yield from _params(item, locale, ctx, "RL400")


@check("RL401", Category.PARAMETER, Severity.ERROR)
def parameter_extra(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A documented parameter stands for no parameter of the reference (or the signature).

    Bad:  `_pwszFileName_` documented while the signature is `IsAttachmentBlocked(BOOL *pfBlocked)`.
    Good: every documented parameter is declared in the signature.
    """
    yield from _params(item, locale, ctx, "RL401")


@check("RL402", Category.PARAMETER, Severity.WARNING)
def parameter_order(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """Parameters are documented in another order than the reference's.

    Bad:  `_ulFlags_` documented before `_ulUIParam_`.
    Good: `_ulUIParam_`, `_ulFlags_`, `_ulReserved_`, as in the signature.
    """
    yield from _params(item, locale, ctx, "RL402")


@check("RL403", Category.PARAMETER, Severity.ERROR)
def parameter_name_differs(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """An English page names a parameter differently from its signature.

    Bad:  `_pulCapablities_` documented for `ULONG *pulCapabilities`.
    Good: `_pulCapabilities_`.
    """
    yield from _params(item, locale, ctx, "RL403")


# --------------------------------------------------------------------------------------------
# Flags and return values: named values listed under a parameter or the return value
# --------------------------------------------------------------------------------------------

_VALUE = re.compile(r"^(?P<id>[A-Za-z_]\w*|0x[0-9A-Fa-f]+|\d+)\s*(?:\([^()]*\))?\s*[.:]?$")


def value_key(name: str) -> str | None:
    """The identifier a listed value stands for (`SEARCH_REBUILD (0x2)` -> `SEARCH_REBUILD`), or
    None when the entry is prose (`None.`, `A client-defined value`)."""
    m = _VALUE.match(plain(name.replace("\\", "")).strip())
    if not m:
        return None
    ident = m.group("id")
    if ident[0].isdigit() or ident in ("true", "false") or looks_like_identifier(ident):
        return ident
    return None


def looks_like_identifier(word: str) -> bool:
    """`MAPI_E_CALL_FAILED`, `IUnknown`, `lpszName`, `FAILED`: not an ordinary word."""
    return ("_" in word or sum(c.isupper() for c in word) >= 2
            or re.search(r"[a-z][A-Z]", word) is not None)


@dataclass(frozen=True, slots=True)
class _Entry:
    name: str
    line: int


def _compare_values(what: str, scope: str, ref: Sequence[_Entry], written: Sequence[_Entry],
                    page: Page, codes: tuple[str, str, str, str], fallback_line: int,
                    ) -> Iterator[Difference]:
    """Values listed on the page against the reference's; only identifier-like names count.

    codes: (missing, extra, renamed, reordered)."""
    rkeys = [value_key(e.name) for e in ref]
    wkeys = [value_key(e.name) for e in written]
    free = list(range(len(written)))
    pairs: dict[int, int] = {}
    for i, k in enumerate(rkeys):
        j = next((j for j in free if k is not None and wkeys[j] == k), None)
        if j is not None:
            pairs[i] = j
            free.remove(j)
    m_code, x_code, r_code, o_code = codes
    lost = [i for i, k in enumerate(rkeys) if k is not None and i not in pairs]
    renamed = [i for i in lost if len(ref) == len(written) and i in free]
    for i in renamed:
        w = written[i]
        free.remove(i)
        old = plain(w.name)
        yield Difference(code=r_code, key=(r_code, scope, rkeys[i]), line=w.line,
                         column=column_of(page, w.line, old),
                         message=f"{what} `{rkeys[i]}` is written `{plain(w.name)}`",
                         expected=rkeys[i], actual=plain(w.name),
                         fix=exact_fix(page, w.line, old, rkeys[i]) if len(renamed) == 1 else None)
    missing = [i for i in lost if i not in renamed]
    for i in missing:
        before = [written[pairs[p]].line for p in range(i) if p in pairs]
        yield Difference(code=m_code, key=(m_code, scope, rkeys[i]),
                         line=before[-1] if before else fallback_line,
                         message=f"{what} `{rkeys[i]}` is missing", expected=rkeys[i])
    for j in free:
        if wkeys[j] is not None:
            w = written[j]
            yield Difference(code=x_code, key=(x_code, scope, wkeys[j]), line=w.line,
                             column=column_of(page, w.line, wkeys[j]),
                             message=f"{what} `{wkeys[j]}` is not in the reference", actual=wkeys[j])
    order = [pairs[i] for i in sorted(pairs)]
    if order != sorted(order):
        at = next(n for n in range(1, len(order)) if order[n] < max(order[:n]))
        yield Difference(code=o_code, key=(o_code, scope), line=written[order[at]].line,
                         message=f"{what}s are listed in another order than in the reference",
                         expected=", ".join(rkeys[i] for i in sorted(pairs)),
                         actual=", ".join(wkeys[j] for j in sorted(order)))


def _canonical_names(page: Page, item: ApiItem) -> list[str]:
    names = [p.name for p in item.parameters]
    mapping = match_parameters(page.parameters, names)
    return [names[j] if j is not None else p.name for p, j in zip(page.parameters, mapping)]


def _flags_pair(page: Page, ref: Page, item: ApiItem) -> list[Difference]:
    out: list[Difference] = []
    mapping = match_parameters(page.parameters, [p.name for p in ref.parameters])
    scopes = _canonical_names(ref, item)
    for p, j in zip(page.parameters, mapping):
        if j is None:
            continue
        rp = ref.parameters[j]
        out += _compare_values(
            "flag", scopes[j], [_Entry(f.name, f.span.line_start) for f in rp.flags],
            [_Entry(f.name, f.span.line_start) for f in p.flags], page,
            ("RL410", "RL411", "RL412", "RL413"), p.name_span.line_start)
    return out


def _flags(item, locale, ctx, code) -> Iterator[Finding]:
    return report(item, locale, ctx, code, _flags_pair)


@check("RL410", Category.FLAG, Severity.ERROR)
def flag_missing(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A flag listed under a parameter in the reference is missing.

    Bad:  `_ulFlags_` lists `MAPI_LOGOFF_SHARED` only; the reference also lists `MAPI_LOGOFF_UI`.
    Good: both flags are listed.
    """
    yield from _flags(item, locale, ctx, "RL410")


@check("RL411", Category.FLAG, Severity.ERROR)
def flag_extra(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A flag is listed under a parameter that the reference does not list there.

    Bad:  `MAPI_DIALOG` listed under `_ulFlags_` of `IMAPISession::Logoff`.
    Good: only the reference's flags are listed.
    """
    yield from _flags(item, locale, ctx, "RL411")


@check("RL412", Category.FLAG, Severity.ERROR)
def flag_renamed(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A flag stands where the reference has another name: renamed, translated or damaged.

    Bad:  `FEHLGESCHLAGEN` where the reference lists `FAILED`.
    Good: `FAILED`.
    """
    yield from _flags(item, locale, ctx, "RL412")


@check("RL413", Category.FLAG, Severity.WARNING)
def flag_order(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """The flags of a parameter are listed in another order than in the reference.

    Bad:  `MAPI_LOGOFF_UI` before `MAPI_LOGOFF_SHARED`.
    Good: `MAPI_LOGOFF_SHARED`, then `MAPI_LOGOFF_UI`.
    """
    yield from _flags(item, locale, ctx, "RL413")


def _values_pair(page: Page, ref: Page, item: ApiItem) -> list[Difference]:
    section = page.section("return-value") or page.section("return-values")
    fallback = section.span.line_start if section else 1
    return list(_compare_values(
        "return value", "", [_Entry(v.name, v.span.line_start) for v in ref.return_values],
        [_Entry(v.name, v.span.line_start) for v in page.return_values], page,
        ("RL420", "RL421", "RL422", "RL423"), fallback))


def _values(item, locale, ctx, code) -> Iterator[Finding]:
    return report(item, locale, ctx, code, _values_pair)


@check("RL420", Category.RETURN_VALUE, Severity.ERROR)
def return_value_missing(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A return value documented by the reference is missing.

    Bad:  only `S_OK` where the reference also documents `MAPI_E_NO_ACCESS`.
    Good: `S_OK` and `MAPI_E_NO_ACCESS`.
    """
    yield from _values(item, locale, ctx, "RL420")


@check("RL421", Category.RETURN_VALUE, Severity.ERROR)
def return_value_extra(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A return value is documented that the reference does not document.

    Bad:  `MAPI_E_CALL_FAILED` listed where the reference lists `S_OK` only.
    Good: `S_OK` only.
    """
    yield from _values(item, locale, ctx, "RL421")


@check("RL422", Category.RETURN_VALUE, Severity.ERROR)
def return_value_renamed(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A return value stands where the reference has another name: translated or damaged.

    Bad:  `STIMMT` where the reference documents `true`.
    Good: `true`.
    """
    yield from _values(item, locale, ctx, "RL422")


@check("RL423", Category.RETURN_VALUE, Severity.WARNING)
def return_value_order(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """Return values are listed in another order than in the reference.

    Bad:  `MAPI_E_NO_ACCESS` before `S_OK`.
    Good: `S_OK`, then `MAPI_E_NO_ACCESS`.
    """
    yield from _values(item, locale, ctx, "RL423")


# --------------------------------------------------------------------------------------------
# Signature
# --------------------------------------------------------------------------------------------

_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)


def code_tokens(code: str) -> tuple[str, ...]:
    """The code's tokens, comments dropped: whitespace changes do not count, joined words do."""
    return tuple(re.findall(r"\w+|[^\w\s]", _COMMENT.sub(" ", code)))


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


def _signature_pair(page: Page, ref: Page, item: ApiItem) -> list[Difference]:
    return _signature_differences(page, ref.signature)


def _signature_canonical(page: Page, item: ApiItem) -> list[Difference]:
    if page.locale == ENGLISH or item.signature is None:
        return []
    want = code_tokens(item.signature.code)
    agree = sum(1 for p in item.pages.values() if p.signature and code_tokens(p.signature.code) == want)
    if agree < 2 or 2 * agree <= len(item.pages):
        return []
    return _signature_differences(page, item.signature)


def _signatures(item, locale, ctx, code) -> Iterator[Finding]:
    return report(item, locale, ctx, code, _signature_pair, _signature_canonical)


@check("RL430", Category.SIGNATURE, Severity.ERROR)
def signature_differs(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """The page's C declaration differs from the reference's (whitespace and comments aside).

    Bad:  `HrGetOneProp(LPMAPIPROP pmp, ...)` where the reference declares `HRESULT HrGetOneProp(...)`.
    Good: the declaration exactly as in the reference.
    """
    yield from _signatures(item, locale, ctx, "RL430")


@check("RL431", Category.SIGNATURE, Severity.ERROR)
def signature_missing(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """The reference has a C declaration and this page has none.

    Bad:  no ```` ```cpp ```` block on a method page.
    Good: the declaration in a code block after the summary.
    """
    yield from _signatures(item, locale, ctx, "RL431")


# --------------------------------------------------------------------------------------------
# Structure: sections and tables
# --------------------------------------------------------------------------------------------

_SAME_SECTION = {"return-values": "return-value", "members": "parameters"}


def _section_slot(section: Section) -> str:
    if section.key.startswith("other:"):
        return "other:"
    return _SAME_SECTION.get(section.key, section.key)


def _section_name(section: Section) -> str:
    return section.heading.text if section.heading else "lead (before the first heading)"


def align_sections(page: Page, ref: Page) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs of (reference, page) section indices, then the unpaired ones of each side.

    An `other:*` section pairs with any section at the same place: a heading this parser does
    not recognise is not a missing section."""
    a = [_section_slot(s) for s in ref.sections]
    b = [_section_slot(s) for s in page.sections]
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


def _structure_pair(page: Page, ref: Page, item: ApiItem) -> list[Difference]:
    pairs, missing, extra = align_sections(page, ref)
    out = []
    last = len(page.lines) or 1
    paired = {_section_slot(page.sections[j]) for _, j in pairs}
    for i in missing:
        s = ref.sections[i]
        if _section_slot(s) in paired and _section_slot(s) != "other:":
            continue  # the reference has it twice, the page once
        after = [j for ii, j in pairs if ii > i]
        line = page.sections[after[0]].span.line_start if after else last
        out.append(Difference(code="RL440", key=("section-missing", _section_slot(s), s.level),
                              line=line, message=f"section `{_section_name(s)}` ({s.key}) is missing",
                              expected=_section_name(s)))
    for j in extra:
        s = page.sections[j]
        twice = any(_section_slot(page.sections[jj]) == _section_slot(s) for _, jj in pairs)
        what = "appears twice" if twice and not s.key.startswith("other:") else "is not in the reference"
        out.append(Difference(code="RL441", key=("section-extra", _section_slot(s), s.level),
                              line=s.span.line_start, message=f"section `{_section_name(s)}` ({s.key}) {what}",
                              actual=_section_name(s)))
    for i, j in pairs:
        out += _table_differences(page, ref, ref.sections[i], page.sections[j])
    return out


def _tables_in(page: Page, section: Section) -> list:
    own = [s for s in page.sections if s is not section and s.level > section.level
           and section.span.line_start < s.span.line_start <= section.span.line_end]
    return [t for t in page.tables
            if section.span.line_start <= t.span.line_start <= section.span.line_end
            and not any(s.span.line_start <= t.span.line_start <= s.span.line_end for s in own)]


def _table_differences(page, ref, rsec: Section, psec: Section) -> Iterator[Difference]:
    rts, pts = _tables_in(ref, rsec), _tables_in(page, psec)
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


def _lost_rows(rt, pt) -> list[str]:
    """First cells of reference rows that the page's table lacks, when they are identifiers."""
    have = {plain(r.cells[0]) for r in pt.rows if r.cells}
    firsts = [plain(r.cells[0]) for r in rt.rows if r.cells]
    if not all(looks_like_identifier(f.split("::")[-1]) for f in firsts if f):
        return []
    return [f for f in firsts if f and f not in have]


def _structure(item, locale, ctx, code) -> Iterator[Finding]:
    return report(item, locale, ctx, code, _structure_pair)


@check("RL440", Category.STRUCTURE, Severity.WARNING)
def section_missing(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A section of the reference page is missing.

    Bad:  no "See also" section where the reference has one.
    Good: the page has the reference's sections, in order (headings may be translated).
    """
    yield from _structure(item, locale, ctx, "RL440")


@check("RL441", Category.STRUCTURE, Severity.WARNING)
def section_extra(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """The page has a section that the reference does not have (or has it twice).

    Bad:  `## Remarks` twice.
    Good: each of the reference's sections once.
    """
    yield from _structure(item, locale, ctx, "RL441")


@check("RL442", Category.STRUCTURE, Severity.WARNING)
def table_rows_differ(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A table has another number of rows (or a section another number of tables) than the reference.

    Bad:  the vtable lists 13 methods where the reference lists 14.
    Good: the same rows as the reference, translated.
    """
    yield from _structure(item, locale, ctx, "RL442")


# --------------------------------------------------------------------------------------------
# Differences that every translation shares
# --------------------------------------------------------------------------------------------

FAMILIES: tuple[tuple[PairFn, CanonicalFn | None], ...] = (
    (_parameters_pair, _parameters_canonical), (_flags_pair, None), (_values_pair, None),
    (_signature_pair, _signature_canonical), (_structure_pair, None))


@check("RL490", Category.STALENESS, Severity.NOTE)
def api_outdated(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """The page differs from its reference the same way most other translations do.

    The English page changed after the translations were made, or the difference is the
    source's own (a parameter the English page does not document either); it is not this
    translation's defect, but the page needs an update.
    Bad:  the English page lists `MAPI_E_NO_ACCESS`; this and the other translations do not.
    Good: the translation lists what the current English page lists.
    """
    page = item.pages.get(locale)
    for pair, canonical in FAMILIES:
        for d, stale in differences(item, locale, ctx, pair, canonical):
            if stale:
                yield as_finding(d, page, item, code="RL490", message=source_message(d))
