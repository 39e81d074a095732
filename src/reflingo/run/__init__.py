"""The run layer: find the inputs, run tasks over item groups in a worker pool, cache results.

:func:`load_corpus` gives a command the whole merged :class:`~reflingo.corpus.Corpus` in this
process (navigation, cross-links and language switchers need all of it).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Sequence

from reflingo.corpus import Corpus, build_corpus
from reflingo.model import NavNode
from reflingo.parse.toc import parse_toc
from reflingo.run import discover as _discover

log = logging.getLogger("reflingo")


def load_corpus(paths: Sequence[str] = (), locale_roots: dict[str, str] | None = None, *,
                sources: Sequence[_discover.SourceFile] | None = None) -> Corpus:
    """Parse and merge everything under `paths` (or the given `sources`) in this process."""
    found = list(sources) if sources is not None else _discover.discover(paths, locale_roots)
    pages = [page for group in _discover.partition(found) for page in _discover.parse_group(group)]
    return build_corpus(pages, read_navigation(paths, locale_roots))


def read_navigation(paths: Sequence[str], locale_roots: dict[str, str] | None = None
                    ) -> dict[str, tuple[NavNode, ...]]:
    """Each locale's table of contents (the first TOC file found for it); problems are logged."""
    out: dict[str, tuple[NavNode, ...]] = {}
    for locale, path, base in _discover.find_tocs(paths, locale_roots):
        if locale in out:
            continue
        try:
            text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
        except OSError as exc:
            log.warning("%s: cannot read: %s", path, exc)
            continue
        nodes, problems = parse_toc(text, path, base)
        for p in problems:
            log.warning("%s:%d: %s", p.path, p.line, p.message)
        out[locale] = nodes
    return out
