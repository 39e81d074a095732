"""The run layer: find the inputs, run tasks over item groups in a worker pool, cache results.

:func:`load_corpus` gives a command the whole merged :class:`~reflingo.corpus.Corpus` in this
process (navigation, cross-links and language switchers need all of it).
"""

from __future__ import annotations

from typing import Sequence

from reflingo.corpus import Corpus, build_corpus
from reflingo.run import discover as _discover


def load_corpus(paths: Sequence[str] = (), locale_roots: dict[str, str] | None = None, *,
                sources: Sequence[_discover.SourceFile] | None = None) -> Corpus:
    """Parse and merge everything under `paths` (or the given `sources`) in this process."""
    found = list(sources) if sources is not None else _discover.discover(paths, locale_roots)
    return build_corpus([page for group in _discover.partition(found)
                         for page in _discover.parse_group(group)])
