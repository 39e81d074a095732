"""`reflingo check`: run the checks on every locale of every item and report the findings.

The corpus-wide context is computed here, once, from the files' bytes, then travels with the
task to the workers; its digest is part of the cache key. Which findings are reported is the
:class:`~reflingo.selection.Decider`'s call.
"""

from __future__ import annotations

import argparse
import functools
from collections import Counter
from dataclasses import dataclass

from reflingo.checks import all_checks
from reflingo.commands import EXIT_FINDINGS, EXIT_OK
from reflingo.commands.common import run_task, sources, vocabulary
from reflingo.commands.writer import write_output
from reflingo.config import load_config
from reflingo.findings import Finding
from reflingo.reports import render, rules
from reflingo.run.cache import ResultCache
from reflingo.run.discover import SourceFile
from reflingo.run.pool import TaskFailure
from reflingo.run.scan import build_context, context_digest, source_locale
from reflingo.run.tasks import check_task
from reflingo.selection import Decider


@dataclass(frozen=True, slots=True)
class CheckRun:
    """What one run of the checks produced."""

    findings: list[Finding]
    """Reported findings (as the decider kept them), sorted."""
    sources: list[SourceFile]
    """The files read."""
    decider: Decider
    """The funnel that chose them, with the configuration in effect."""


def decider_for(args: argparse.Namespace) -> Decider:
    """The configuration file's settings, overridden by the command line's."""
    config = load_config(args.config).override(select=args.select, ignore=args.ignore,
                                               fail_on=getattr(args, "fail_on", None))
    return Decider(config)


def run_checks(args: argparse.Namespace) -> CheckRun:
    """Read the configuration and the inputs, build the context, run the checks everywhere."""
    decider = decider_for(args)
    codes = tuple(c.code for c in all_checks() if decider.selects(c.code))
    found = sources(args)
    cache = None if args.no_cache else ResultCache(args.cache_dir)
    ctx = build_context(found, decider.config, vocabulary(cache))
    if cache is not None:
        cache.flush()
    task = functools.partial(check_task, ctx=ctx, codes=codes)
    results = run_task(args, f"check:{context_digest(ctx, codes)}", task=task, found=found)
    findings: list[Finding] = []
    ignores: dict = {}
    for r in results:
        if isinstance(r, TaskFailure):
            findings.extend(r.findings())
        else:
            found_findings, problems, marks = r
            findings.extend(found_findings)
            findings.extend(problems)
            ignores.update(marks)
    pages = Counter(source_locale(s) for s in found)
    return CheckRun(findings=decider.decide(findings, ignores, pages), sources=found,
                    decider=decider)


def run(args: argparse.Namespace) -> int:
    """Report the findings; exit 1 when one is at or above --fail-on."""
    done = run_checks(args)
    text = render(args.format, done.findings, rules=rules(all_checks()), pages=len(done.sources))
    write_output(text, args.output)
    return EXIT_FINDINGS if done.decider.fails(done.findings) else EXIT_OK
