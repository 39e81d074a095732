"""casefolded_utf8: the same bytes as casefolding the text and encoding it, on every path."""

from __future__ import annotations

import random

import pytest

from reflingo.checks.casefold import FEW_CHANGED, FEW_NON_ASCII, casefolded_utf8


def expected(text: str) -> tuple[bytes, str]:
    data = text.casefold().encode("utf-8", "surrogatepass")
    return data, data.translate(None, bytes(range(128))).decode("utf-8", "surrogatepass")


PLAIN = "Returns the Message Store of the PROFILE. " * 20


@pytest.mark.parametrize("text", [
    "", "ASCII Only, Mixed CASE", PLAIN,
    PLAIN + "línea más",                                  # non-ASCII characters casefolding keeps
    PLAIN + "Straße STRASSE Äpfel",                       # a few it changes, one of them to two
    PLAIN + "\u212a Kelvin",                              # a character folded to an ASCII letter
    PLAIN + "İstanbul \u0345 ΐ ﬁ ŉ ς Σ",                 # folds into several characters
    PLAIN + "\ud800 lone \udfff surrogates \ufffd",
    PLAIN + "ÀÁÂÃÄÅÆÇÈÉÊË",                               # more changed characters than are replaced
    "Страница СТРАНИЦА страница",                         # mostly not ASCII: casefolded whole
    "a" * (FEW_NON_ASCII - 2) + "Ä",                      # at the bound of the share
    "a" * (FEW_NON_ASCII - 3) + "Ä",
])
def test_the_same_as_casefolding(text):
    assert casefolded_utf8(text) == expected(text)


def test_random_texts_are_the_same_as_casefolding():
    rng = random.Random(621)
    pieces = ["word ", "WORD ", "\n", "Straße ", "SS ", "İ", "\u0345", "Ä", "ä", "Σ", "ς", "К", "к",
              "\u212a", "ﬁ", "\ufffd", "\ud800", "’", "(x) ", "http://a ", "\t"]
    for _ in range(2000):
        text = PLAIN[:rng.randint(0, len(PLAIN))] + "".join(
            rng.choice(pieces) for _ in range(rng.randint(0, 3 * FEW_CHANGED)))
        assert casefolded_utf8(text) == expected(text), repr(text)
