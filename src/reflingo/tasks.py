"""Work done on one item group, in a worker process; each returns plain, cacheable data."""

from __future__ import annotations

from typing import Sequence

from reflingo.corpus import build_corpus
from reflingo.loader import SourceFile, parse_group
from reflingo.serialize import item_data, to_data
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


TASKS = {"stats": stats_task, "model": model_task}
