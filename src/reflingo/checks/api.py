"""API facts against the reference: parameters, flags, return values, signature, structure.

Each locale's page is compared with its reference: the en-US page when the item has one,
otherwise the canonical model built from the signature, or the other locales (a difference is
reported when most of them agree on it). A difference that most other translations share is not
a translation defect: the English source changed after translation, or has it too. Those are
reported once, as notes, by RL490 (RL505 for links).

This module holds the checks of documented parameters, flags and return values (RL400-RL423)
and RL490. The signature and structure checks (RL430-RL442) live in
:mod:`reflingo.checks.api_structure`; what all of them share, in
:mod:`reflingo.checks.api_differences` (re-exported here for the link checks).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from reflingo.lang import translit
from reflingo.checks.context import CheckContext
from reflingo.checks.registry import check, check_table
from reflingo.checks.api_differences import (CanonicalFn, Difference, PairFn, as_finding,
                                             column_of, compare_values, differences, matched,
                                             report, source_message, value_keys)
from reflingo.checks.api_structure import (signature_canonical, signature_pair,
                                           structure_pair)
from reflingo.findings import Category, Finding, Severity
from reflingo.lang.locales import ENGLISH
from reflingo.model import ApiItem, Direction, Page, Section
from reflingo.parse.inline import plain

# --------------------------------------------------------------------------------------------
# Parameters
# --------------------------------------------------------------------------------------------

def _param_section(page: Page) -> Section | None:
    return page.section("parameters") or page.section("members")


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1 << 12)
def _clean_name(name: str) -> str:
    """A documented name without escapes, emphasis and array bounds (`\\*p`, `a[MAPI_DIM]`)."""
    name = plain(name.replace("\\", "")).strip("* ")
    return _without_bounds(name)


def _without_bounds(name: str) -> str:
    """`name` without a final `[...]` and the blanks before it (`\\s*\\[[^\\]]*\\]$`, in
    linear time: that pattern rescans from every `[` of a long run)."""
    if not name.endswith("]"):
        return name
    start = name.find("[", name.rfind("]", 0, len(name) - 1) + 1, len(name) - 1)
    return name if start < 0 else name[:start].rstrip()


@lru_cache(maxsize=1 << 12)
def _words(code: str) -> frozenset[str]:
    """The words of a declaration."""
    return frozenset(_WORD.findall(code))


def _parameter_differences(page: Page, names: tuple[str, ...], item: ApiItem,
                           from_signature: bool) -> list[Difference]:
    """Documented parameters against the expected names, in order."""
    if not names:
        return []
    written = page.parameters
    mapping = matched(item, page, names)
    renaming = from_signature and page.locale == ENGLISH
    if mapping == tuple(range(len(names))) and not renaming:
        return []  # each parameter documented in its place
    section = _param_section(page)
    heading = section.span.line_start if section else 1
    if not written:
        if section is None or page.locale == ENGLISH:
            return []
        return [Difference(code="RL400", key=("param-none",), line=heading,
                           message=f"no parameter is documented; expected {', '.join(names)}",
                           expected=", ".join(names))]
    out = list(_missing_parameters(page, names, mapping, heading, item))
    out += _extra_parameters(page, names, mapping, item)
    mapped = [(i, j) for i, j in enumerate(mapping) if j is not None]
    highest = -1  # of the names documented so far
    for i, j in mapped:
        if j < highest:
            order = [written[ii].name for ii, _ in mapped]
            out.append(Difference(
                code="RL402", key=("param-order",), line=written[i].name_span.line_start,
                message=f"parameters are documented in another order than {_source(from_signature)}",
                expected=", ".join(names[jj] for _, jj in sorted(mapped, key=lambda m: m[1])),
                actual=", ".join(order)))
            break
        highest = j
    if renaming:
        out += _renamed_parameters(page, names, mapping)
    return out


def _source(from_signature: bool) -> str:
    return "the signature" if from_signature else "the reference"


def _missing_parameters(page, names, mapping, heading, item) -> Iterator[Difference]:
    documented = set(mapping)
    undocumented = [j for j in range(len(names)) if j not in documented]
    aggregates = _aggregates(page, names, mapping, item) if undocumented else set()
    # The names in order, with the last documented parameter (in page order) of an earlier name.
    by_name = sorted((m, i) for i, m in enumerate(mapping) if m is not None)
    last, k, seen = -1, 0, set()
    for j, name in enumerate(names):
        while k < len(by_name) and by_name[k][0] < j:
            last = max(last, by_name[k][1])
            k += 1
        twice = " (it is declared twice in the signature)" if name in seen else ""
        seen.add(name)
        if j in documented or name in aggregates:
            continue
        line = page.parameters[last].name_span.line_start if last >= 0 else heading
        yield Difference(code="RL400", key=("param-missing", name), line=line,
                         message=f"parameter `{name}` is not documented{twice}", expected=name)


def _aggregates(page, names, mapping, item) -> set[str]:
    """Union or structure members of the signature whose own members the page documents instead."""
    sig = item.signature
    if sig is None:
        return set()
    words = _words(sig.code)
    nested = any(m is None and _clean_name(p.name) in words for p, m in zip(page.parameters, mapping))
    return {p.name for p in sig.params if nested and p.type in ("union", "struct")}


def _extra_parameters(page, names, mapping, item) -> Iterator[Difference]:
    if None not in mapping:
        return
    code = item.signature.code if item.signature else ""
    code_words = _words(code)
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
    return _parameter_differences(page, tuple(p.name for p in ref.parameters), item, False)


def _parameters_canonical(page: Page, item: ApiItem) -> list[Difference]:
    if not item.parameters:
        return []
    origin = item.parameters[0].support.origin
    if origin == "consensus" and len(item.pages) < 3:
        return []
    return _parameter_differences(page, tuple(p.name for p in item.parameters), item,
                                  origin == "signature")


def _params(item, locale, ctx, code) -> Iterator[Finding]:
    return report(item, locale, ctx, code, _parameters_pair, _parameters_canonical)


check_table(_params, (
    ("RL400", Category.PARAMETER, Severity.ERROR, "parameter-missing",
     """A parameter of the reference (or the signature) is not documented.

     Bad:  the signature declares `ulReserved`, the page documents `ulUIParam` and `ulFlags` only.
     Good: `_ulReserved_` is documented after `_ulFlags_`.
     """),
    ("RL401", Category.PARAMETER, Severity.ERROR, "parameter-extra",
     """A documented parameter stands for no parameter of the reference (or the signature).

     Bad:  `_pwszFileName_` documented while the signature is `IsAttachmentBlocked(BOOL *pfBlocked)`.
     Good: every documented parameter is declared in the signature.
     """),
    ("RL402", Category.PARAMETER, Severity.WARNING, "parameter-order",
     """Parameters are documented in another order than the reference's.

     Bad:  `_ulFlags_` documented before `_ulUIParam_`.
     Good: `_ulUIParam_`, `_ulFlags_`, `_ulReserved_`, as in the signature.
     """),
    ("RL403", Category.PARAMETER, Severity.ERROR, "parameter-name-differs",
     """An English page names a parameter differently from its signature.

     Bad:  `_pulCapablities_` documented for `ULONG *pulCapabilities`.
     Good: `_pulCapabilities_`.
     """),
))


# --------------------------------------------------------------------------------------------
# Flags and return values: named values listed under a parameter or the return value
# --------------------------------------------------------------------------------------------

def _canonical_names(page: Page, item: ApiItem) -> list[str]:
    """The canonical name of each parameter documented on the page (else the name as written)."""
    names = tuple(p.name for p in item.parameters)
    mapping = matched(item, page, names)
    return [names[j] if j is not None else p.name for p, j in zip(page.parameters, mapping)]


def _flags_pair(page: Page, ref: Page, item: ApiItem) -> list[Difference]:
    out: list[Difference] = []
    if not page.parameters or not (any(p.flags for p in page.parameters)
                                   or any(r.flags for r in ref.parameters)):
        return out  # no parameter pair has a flag to compare
    mapping = matched(item, page, tuple(p.name for p in ref.parameters))
    scopes = _canonical_names(ref, item)
    for p, j in zip(page.parameters, mapping):
        if j is None or not (p.flags or ref.parameters[j].flags):
            continue
        out += compare_values("flag", scopes[j], ref.parameters[j].flags, p.flags, page,
                              ("RL410", "RL411", "RL412", "RL413"), p.name_span.line_start)
    return out


def _flags(item, locale, ctx, code) -> Iterator[Finding]:
    return report(item, locale, ctx, code, _flags_pair)


check_table(_flags, (
    ("RL410", Category.FLAG, Severity.ERROR, "flag-missing",
     """A flag listed under a parameter in the reference is missing.

     Bad:  `_ulFlags_` lists `MAPI_LOGOFF_SHARED` only; the reference also lists `MAPI_LOGOFF_UI`.
     Good: both flags are listed.
     """),
    ("RL411", Category.FLAG, Severity.ERROR, "flag-extra",
     """A flag is listed under a parameter that the reference does not list there.

     Bad:  `MAPI_DIALOG` listed under `_ulFlags_` of `IMAPISession::Logoff`.
     Good: only the reference's flags are listed.
     """),
    ("RL412", Category.FLAG, Severity.ERROR, "flag-renamed",
     """A flag stands where the reference has another name: renamed, translated or damaged.

     Bad:  `FEHLGESCHLAGEN` where the reference lists `FAILED`.
     Good: `FAILED`.
     """),
    ("RL413", Category.FLAG, Severity.WARNING, "flag-order",
     """The flags of a parameter are listed in another order than in the reference.

     Bad:  `MAPI_LOGOFF_UI` before `MAPI_LOGOFF_SHARED`.
     Good: `MAPI_LOGOFF_SHARED`, then `MAPI_LOGOFF_UI`.
     """),
))


def _values_pair(page: Page, ref: Page, item: ApiItem) -> list[Difference]:
    if value_keys(ref.return_values) == value_keys(page.return_values):
        return []  # nothing differs (see compare_values): spare the section lookup
    section = page.section("return-value") or page.section("return-values")
    fallback = section.span.line_start if section else 1
    return list(compare_values(
        "return value", "", ref.return_values, page.return_values, page,
        ("RL420", "RL421", "RL422", "RL423"), fallback))


def _values(item, locale, ctx, code) -> Iterator[Finding]:
    return report(item, locale, ctx, code, _values_pair)


check_table(_values, (
    ("RL420", Category.RETURN_VALUE, Severity.ERROR, "return-value-missing",
     """A return value documented by the reference is missing.

     Bad:  only `S_OK` where the reference also documents `MAPI_E_NO_ACCESS`.
     Good: `S_OK` and `MAPI_E_NO_ACCESS`.
     """),
    ("RL421", Category.RETURN_VALUE, Severity.ERROR, "return-value-extra",
     """A return value is documented that the reference does not document.

     Bad:  `MAPI_E_CALL_FAILED` listed where the reference lists `S_OK` only.
     Good: `S_OK` only.
     """),
    ("RL422", Category.RETURN_VALUE, Severity.ERROR, "return-value-renamed",
     """A return value stands where the reference has another name: translated or damaged.

     Bad:  `STIMMT` where the reference documents `true`.
     Good: `true`.
     """),
    ("RL423", Category.RETURN_VALUE, Severity.WARNING, "return-value-order",
     """Return values are listed in another order than in the reference.

     Bad:  `MAPI_E_NO_ACCESS` before `S_OK`.
     Good: `S_OK`, then `MAPI_E_NO_ACCESS`.
     """),
))


# --------------------------------------------------------------------------------------------
# Differences that every translation shares
# --------------------------------------------------------------------------------------------

FAMILIES: tuple[tuple[PairFn, CanonicalFn | None], ...] = (
    (_parameters_pair, _parameters_canonical), (_flags_pair, None), (_values_pair, None),
    (signature_pair, signature_canonical), (structure_pair, None))


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
