"""Run the checks on every item of a corpus: what a check worker does with its group.

Every check runs under one guard: an exception becomes an RL009 finding that names the check and
the page, and the other checks still run. Which findings are *reported* is decided later, in one
place (:mod:`reflingo.selection`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Iterable, Sequence

from reflingo.checks import CheckFn, all_checks
from reflingo.checks.context import CheckContext
from reflingo.checks.dates import us_date
from reflingo.corpus import Corpus
from reflingo.findings import Category, Finding, Severity
from reflingo.model import ApiItem
from reflingo.parse.problems import problem

log = logging.getLogger("reflingo")


def check_corpus(corpus: Corpus, ctx: CheckContext | None = None,
                 codes: Sequence[str] | None = None) -> tuple[list[Finding], list[Finding]]:
    """Run the checks (all, or those in `codes`) on every locale of every item; return their
    findings and the pages' reading problems."""
    checks = [(c.code, c.fn) for c in all_checks() if codes is None or c.code in codes]
    ctx = ctx or CheckContext()
    ctx = dataclasses.replace(ctx, latest={**ctx.latest, **latest_commits(corpus.items)})
    findings: list[Finding] = []
    for item in corpus.items:
        for locale in item.locales:
            check_page(checks, item, locale, ctx, findings)
    return findings, [f for p in corpus.pages for f in p.problems]


def check_page(checks: Sequence[tuple[str, CheckFn]], item: ApiItem, locale: str,
               ctx: CheckContext, findings: list[Finding]) -> None:
    """Run the checks, (code, function) pairs, on one page, adding their findings to
    `findings`. A check that raises becomes an internal-error finding naming the check and the
    page. The reference page is its own source: nothing on it is "restored", so its findings
    carry no fix."""
    reference = locale == item.reference_locale
    for code, fn in checks:
        before = len(findings)
        try:
            findings.extend(fn(item, locale, ctx))
        except Exception as exc:
            del findings[before:]  # what the check found before it failed is not reported
            log.debug("check %s failed on %s", code, item.pages[locale].path, exc_info=True)
            findings.append(problem(
                "RL009", Category.FORMATTING, Severity.ERROR, item.pages[locale].path, 1,
                f"internal error in check {code}: {type(exc).__name__}: {exc}", locale=locale))
            continue
        if reference and len(findings) > before:
            findings[before:] = [dataclasses.replace(f, fix=None) if f.fix is not None else f
                                 for f in findings[before:]]


def latest_commits(items: Iterable[ApiItem]) -> dict[str, str]:
    """Item key -> the ms.sourcegitcommit of its most recently handed-off translation.

    All pages of an item are in one group, so this is exact when computed in the worker.
    """
    out = {}
    for item in items:
        dated = [(us_date(p.front.lasthandoff) or dt.date.min, p.front.sourcegitcommit)
                 for p in item.pages.values() if p.front.sourcegitcommit]
        if dated:
            out[item.key] = max(dated)[1]
    return out
