"""Typed Python stubs from the canonical model: an installable PEP 561 package.

:func:`render_stubs` takes the corpus and a constants table (`{NAME: value}`, the headers'
`#define`s) and returns the package's files as `{relative_path: text}` with a report of what
disagreed with the table and what could not be typed; it reads and writes nothing. The layout
(`mapi_types/` by default): `py.typed`, `interfaces.pyi`, `functions.pyi`, `structures.pyi`,
and the runtime module `constants.py` with its `constants.pyi`.

The stages: :mod:`.facts` (what is read of each item; cacheable), :mod:`.typemap` (the one
C-to-Python type table), :mod:`.tags` (property tags), :mod:`.callables`, :mod:`.interfaces`,
:mod:`.structures`, :mod:`.constmod`, :mod:`.docstrings`, assembled by :mod:`.package`.
"""

from __future__ import annotations

from typing import Mapping

from reflingo.corpus import Corpus
from reflingo.render.stubs.context import (Disagreement, StubOptions, StubPackage, StubReport,
                                           Unknown)
from reflingo.render.stubs.facts import ItemFacts, item_facts
from reflingo.render.stubs.package import render_package


def corpus_facts(corpus: Corpus) -> list[ItemFacts]:
    """The facts of every item of the corpus that has a stub."""
    return [f for item in corpus.items if (f := item_facts(item)) is not None]


def render_stubs(corpus: Corpus, constants: Mapping[str, int],
                 options: StubOptions | None = None) -> StubPackage:
    """The package generated from `corpus` with the values of `constants`."""
    return render_package(corpus_facts(corpus), constants, options)


__all__ = ["Disagreement", "ItemFacts", "StubOptions", "StubPackage", "StubReport", "Unknown",
           "corpus_facts", "item_facts", "render_package", "render_stubs"]
