"""Work done on one item group, in a worker process; each returns plain, cacheable data."""

from __future__ import annotations

from typing import Sequence

from reflingo.corpus import build_corpus
from reflingo.loader import SourceFile, parse_group
from reflingo.serialize import item_data
from reflingo.stats import PageStats, page_stats


def stats_task(group: Sequence[SourceFile]) -> tuple[list[PageStats], list]:
    """Per-page statistics and the pages' reading problems."""
    pages = parse_group(group)
    return [page_stats(p) for p in pages], [f for p in pages for f in p.problems]


def model_task(group: Sequence[SourceFile]) -> tuple[list[dict], list]:
    """The merged items of the group as JSON-ready data, and the pages' reading problems."""
    pages = parse_group(group)
    corpus = build_corpus(pages)
    return ([item_data(item, corpus.param_maps) for item in corpus.items],
            [f for p in pages for f in p.problems])


def check_task(group: Sequence[SourceFile], ctx=None, codes: Sequence[str] | None = None) -> tuple[list, list]:
    """The checks' findings on the group's items (all checks, or those in `codes`, with the
    corpus-wide `ctx`: a :class:`reflingo.checks.CheckContext`) and the pages' reading
    problems, less those inline `reflingo-ignore` comments suppress. Bind `ctx` and `codes`
    with functools.partial to run it through :func:`reflingo.loader.run`."""
    from reflingo.checks.context import check_corpus
    return check_corpus(build_corpus(parse_group(group)), ctx, codes)


TASKS = {"stats": stats_task, "model": model_task, "check": check_task}
