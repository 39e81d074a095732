"""Hostile long lines: each kind the regular expressions once took quadratic time on, as one
100 KB line of a page, parses and checks to completion. Speed is measured by
`benchmarks/bench_hostile.py`; here only "completes" is asserted, with a generous time limit."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from reflingo.checks import CheckContext
from reflingo.checks.runner import check_corpus
from reflingo.corpus import build_corpus
from reflingo.parse import parse_bytes

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "content" / "es-ES" / "outlook" / "mapi" / "imapisession-logoff.md").read_text(
    encoding="utf-8")
ENGLISH = SEED.replace("ms.contentlocale: es-ES", "ms.contentlocale: en-US")
N = 100_000
LIMIT_SECONDS = 60

#: (name, the text put into the page, where: "prose" after the summary, "heading", "code")
HOSTILE = [
    ("guillemets", "‹" * N, "prose"),
    ("link openers", "](" * (N // 2), "prose"),
    ("tag openers", "<a" * (N // 2), "prose"),
    ("emphasis openers", "(*a " * (N // 4), "prose"),
    ("long heading", "#" * N, "heading"),
    ("heading letters", "a" * N, "heading"),
    ("spaces in a declaration", "HRESULT Foo(" + " " * N, "code"),
    ("spaces in code", " " * N, "code"),
    ("unclosed bilingual spans", '<span data-ttu-id="x">' * (N // 22), "prose"),
    ("bold runs", "**a " * (N // 4), "prose"),
    ("underscores", "_" * N, "prose"),
    ("scopes", "A:: " * (N // 4), "prose"),
    ("destructor chains", "a::~" * (N // 4), "prose"),          # found by the fuzzer
    ("a long word beside a lost character", "a" * N + " \ufffd", "prose"),   # likewise
    ("dots", "a. " * (N // 3), "prose"),
    ("one long word", "Ж" * N, "prose"),
    ("table cells", "|" + "a|" * (N // 2), "prose"),
    ("repeated words", "de la " * (N // 6), "prose"),
    ("comments", "<!-- reflingo-ignore RL2 " * (N // 25), "prose"),
    ("opening brackets", "[" * N + " .", "prose"),                # found by the fuzzer
    ("Cyrillic with underscores", "Ж_" * (N // 2) + "_", "prose"),
    ("Cyrillic file stems", "Мапи." * (N // 5) + " h", "prose"),
    ("specification dashes", "MS —" * (N // 4), "prose"),
    ("quotes", '"a/b" ' * (N // 6), "prose"),
    ("blanks before a scope in bold", "**a" + "\t" * N + "b ::**", "prose"),     # likewise
    ("blanks before a scope in a link", "[a" + "\t" * N + "b ::](a.md)", "prose"),   # likewise
]


def hostile_page(text: str, where: str) -> str:
    if where == "heading":
        return SEED.replace("## <a name=\"remarks\">", f"## {text}\n\n## <a name=\"remarks\">", 1)
    if where == "code":
        return SEED.replace("```cpp\n", f"```cpp\n{text}\n", 1)
    return SEED.replace("Finaliza una sesión MAPI.", f"Finaliza una sesión MAPI. {text}", 1)


class TooSlow(Exception):
    pass


def _alarm(signum, frame):
    raise TooSlow


@pytest.mark.parametrize("name, text, where", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_line_parses_and_checks_to_completion(name, text, where):
    page_text = hostile_page(text, where)
    assert len(page_text) > N
    parse_and_check(name, page_text, ENGLISH)


def parse_and_check(name: str, spanish: str, english: str) -> None:
    """Parse and check the item of the two pages within the time limit, with no internal error."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(LIMIT_SECONDS)
    try:
        pages = [parse_bytes(spanish.encode(), "/t/es-ES/outlook/mapi/a.md", locale="es-ES"),
                 parse_bytes(english.encode(), "/t/en-US/outlook/mapi/a.md", locale="en-US")]
        findings, problems = check_corpus(build_corpus(pages), CheckContext())
    except TooSlow:
        pytest.fail(f"{name}: not done after {LIMIT_SECONDS} s")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert not [f for f in findings + problems if f.code == "RL009"]


#: Lines that once took quadratic time when they stood on the reference (en-US) page, which
#: the other locales are read against.
HOSTILE_REFERENCE = [
    ("one long word", "a" * N),                                    # found by the fuzzer
    ("blanks and dots before a link's end", "[x" + " ." * (N // 2) + "x](a.md)"),   # likewise
]


@pytest.mark.parametrize("name, text", HOSTILE_REFERENCE, ids=[h[0] for h in HOSTILE_REFERENCE])
def test_a_hostile_line_on_the_reference_page_checks_to_completion(name, text):
    english = hostile_page(text, "prose").replace("ms.contentlocale: es-ES", "ms.contentlocale: en-US")
    parse_and_check(name, SEED, english)
