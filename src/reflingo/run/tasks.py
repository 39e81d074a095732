"""Work done on one item group, in a worker process; each returns plain, cacheable data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from reflingo.corpus import build_corpus
from reflingo.findings import Finding
from reflingo.render.stubs import item_facts
from reflingo.reports.model import item_json
from reflingo.reports.stats import ItemStats, PageStats, item_stats, page_stats
from reflingo.run.cache import Plain
from reflingo.run.discover import SourceFile, parse_group
from reflingo.selection import Decider, inline_ignores

if TYPE_CHECKING:
    from reflingo.checks.context import CheckContext
    from reflingo.render.site import SiteInputs


def stats_task(group: Sequence[SourceFile]
               ) -> tuple[list[PageStats], list[Finding], list[ItemStats]]:
    """Per-page statistics, the pages' reading problems, and per-item figures."""
    pages = parse_group(group)
    items = build_corpus(pages).items
    return ([page_stats(p) for p in pages], [f for p in pages for f in p.problems],
            [item_stats(i) for i in items])


def model_task(group: Sequence[SourceFile]) -> tuple[list[bytes], list[Finding]]:
    """The merged items of the group, each as JSON text in UTF-8 (sent, cached and written as
    they are; a lone surrogate as its JSON escape), and the pages' reading problems."""
    pages = parse_group(group)
    corpus = build_corpus(pages)
    return ([item_json(item).encode("utf-8", "backslashreplace") for item in corpus.items],
            [f for p in pages for f in p.problems])


def stubs_task(group: Sequence[SourceFile]) -> tuple[list[dict], list[Finding]]:
    """What the stubs read of the group's items (:func:`reflingo.render.stubs.item_facts`,
    plain data, every locale's text), and the pages' reading problems."""
    pages = parse_group(group)
    facts = (f for item in build_corpus(pages).items if (f := item_facts(item)) is not None)
    return Plain(facts), [f for p in pages for f in p.problems]


def check_task(group: Sequence[SourceFile], ctx: CheckContext | None = None,
               codes: Sequence[str] | None = None) -> tuple[list[Finding], list[Finding], dict]:
    """The checks' findings on the group's items (all checks, or those in `codes`, with the
    corpus-wide `ctx`), the pages' reading problems, and the pages' inline `reflingo-ignore`
    comments (path -> line -> codes) for :class:`reflingo.selection.Decider`. Bind `ctx` and
    `codes` with functools.partial to run it through :func:`reflingo.run.pool.run`."""
    # Imported here, not at the top: the check families cost ~50 ms to import, which the parse
    # commands (the other tasks) have no use for. The arrow still points down the layers.
    from reflingo.checks.runner import check_corpus
    corpus = build_corpus(parse_group(group))
    findings, problems = check_corpus(corpus, ctx, codes)
    ignores = {p.path: marks for p in corpus.pages if (marks := inline_ignores(p.lines))}
    return findings, problems, ignores


TASKS = {"stats": stats_task, "model": model_task, "stubs": stubs_task, "check": check_task}


def site_task(group: Sequence[SourceFile], ctx: CheckContext | None = None,
              codes: Sequence[str] | None = None, decider: Decider | None = None,
              inputs: SiteInputs | None = None, digest: str | None = None
              ) -> tuple[dict[str, bytes], Plain, list[Finding], dict]:
    """The site's pages of the group's items (parsed, merged and checked here, each page's
    findings placed on it), the items' summaries, the raw findings and reading problems (for
    the site-wide decision), and the pages' inline ignore comments. Pages come back as UTF-8
    (sent to the writer as they are: a pipe carries them faster than zlib packs them)."""
    from reflingo.checks.runner import check_corpus
    from reflingo.render.site import render_group
    corpus = build_corpus(parse_group(group))
    findings, problems = check_corpus(corpus, ctx, codes)
    ignores = {p.path: marks for p in corpus.pages if (marks := inline_ignores(p.lines))}
    raw = findings + problems
    shown = decider.decide(raw, ignores) if decider is not None else raw
    files, summaries = render_group(corpus.items, shown, inputs, digest)
    encoded = {path: html.encode("utf-8", "surrogatepass") for path, html in files.items()}
    return encoded, Plain(summaries), raw, ignores
