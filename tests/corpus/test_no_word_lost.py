"""No word of a parameter's description is lost: over every page of every locale of the shared
corpus, each word written in a parameter's description block (the quote under its name and the
text that continues it) is in the model's text for that page: the direction tag, the description
(and its English source on bilingual pages) or the flags read from it."""

from __future__ import annotations

import re

import pytest

from reflingo.parse import parse_file
from reflingo.parse.inline import plain

pytestmark = pytest.mark.corpus

_WORD = re.compile(r"\w+")
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)*")


def words(text: str | None) -> set[str]:
    return set(_WORD.findall(plain((text or "").replace("\\", " ")).casefold()))


def model_words(param) -> set[str]:
    found = words(param.direction_tag) | words(param.description.text) | \
        words(param.description.source) | words(param.description.markdown)
    for flag in param.flags:
        found |= words(flag.name) | words(flag.description.text) | words(flag.description.markdown)
    return found


def test_no_word_of_a_parameter_description_is_lost(corpus_dir):
    pages = descriptions = 0
    lost: list[str] = []
    for path in sorted(corpus_dir.glob("*/docs/**/*.md")):
        page = parse_file(path)
        pages += 1
        for param in page.parameters:
            span = param.description.span
            if span.line_start == param.name_span.line_start:     # a table row or inline name
                continue
            descriptions += 1
            written = set()
            for line in page.lines[span.line_start - 1:span.line_end]:
                line = _QUOTE.sub("", line, count=1)
                if not line.lstrip().startswith(("```", "~~~")):    # a fence and its language
                    written |= words(line)
            missing = written - model_words(param)
            if missing:
                lost.append(f"{path}:{span.line_start} {param.name}: {sorted(missing)[:5]}")
    assert pages > 10_000 and descriptions > 10_000
    assert lost == []
