"""Hostile pages through parse -> merge -> check: nothing escapes, no check raises (RL009), every
item serialises to strict JSON.

The pages are the seed pages of content/ changed by the mutations of `fuzzing.py` (the ones
`benchmarks/fuzz.py` runs by the hundred thousand), drawn by hypothesis: derandomized and without
an example database, so every run tries the same pages. They stay small so that the test takes
seconds; the fuzzer tries the long lines and the large pages.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

import fuzzing

FAMILIES = fuzzing.families_under(fuzzing.CONTENT)
OTHERS = [page for f in FAMILIES for page in f.pages.values()]
MAX_BYTES = 12_000
"""Pages above this are not tried here: a step that would grow one past it is skipped."""

#: Crashes known and being fixed in their own areas, as (kind, stage, error, file of the site):
#: they are reported by `benchmarks/fuzz.py`; drop an entry once its fix is in.
OPEN: frozenset[tuple[str, str, str, str]] = frozenset()

steps = st.lists(st.tuples(st.sampled_from(sorted(fuzzing.MUTATIONS)), st.integers(0, 2**32 - 1)),
                 min_size=1, max_size=4)


@st.composite
def cases(draw) -> fuzzing.Case:
    family = draw(st.sampled_from(FAMILIES))
    locale = draw(st.sampled_from(sorted(family.pages)))
    chosen = tuple(draw(steps))
    siblings = tuple((loc, data) for loc, data in sorted(family.pages.items()) if loc != locale)
    return fuzzing.Case(
        data=fuzzing.apply(chosen, family.pages[locale], OTHERS, max_bytes=MAX_BYTES),
        locale=locale, rel_path=family.rel_path, steps=chosen,
        siblings=siblings if draw(st.booleans()) else (), trust_front=draw(st.booleans()))


def _open(crash: fuzzing.Crash) -> bool:
    return (crash.kind, crash.stage, crash.error, crash.site.split(":")[0]) in OPEN


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(cases())
def test_hostile_pages_do_not_break_the_library(case):
    crashes = [c for c in fuzzing.run_case(case).crashes if not _open(c)]
    assert not crashes, "\n".join(f"{c.kind} in {c.stage}: {c.error} at {c.site}: {c.message}\n"
                                  f"{c.trace}" for c in crashes)


def test_the_mutations_are_deterministic():
    page = OTHERS[0]
    for name in fuzzing.MUTATIONS:
        assert fuzzing.apply([(name, 7)], page, OTHERS) == fuzzing.apply([(name, 7)], page, OTHERS)


def _with_token(page: bytes, kind: str, token: str) -> bytes:
    """`token` in the front matter (YAML), as a body line (lines) or inside a parameter's
    description (inline)."""
    text = page.decode("utf-8")
    if kind == "yaml":
        return text.replace("\nmanager:", f"\n{token}\nmanager:", 1).encode("utf-8", "surrogatepass")
    at = text.index("\n> ", text.index("_ulFlags_")) + 3
    glue = "\n" if kind == "lines" else ""
    return (text[:at] + glue + token + glue + text[at:]).encode("utf-8", "surrogatepass")


def test_every_hostile_token_once():
    """Each hostile token of the fuzzer, put where it does most harm in a seed page, read alone
    and beside an en-US copy of itself."""
    seed = fuzzing.CONTENT.joinpath("es-ES/outlook/mapi/imapisession-logoff.md").read_bytes()
    failures = []
    for kind, tokens in (("yaml", fuzzing.HOSTILE_YAML), ("lines", fuzzing.HOSTILE_LINES),
                         ("inline", fuzzing.HOSTILE_INLINE)):
        for token in tokens:
            if token == fuzzing.LAUGHS:      # slow (ten million aliases), not a crash: the
                continue                     # fuzzer's to find
            data = _with_token(seed, kind, token)
            case = fuzzing.Case(data=data, locale="es-ES", rel_path="outlook/mapi/x.md",
                                siblings=(("en-US", data),))
            failures += [f"{kind} {token!r}: {c.kind} in {c.stage}: {c.error} at {c.site}: "
                         f"{c.message}" for c in fuzzing.run_case(case).crashes if not _open(c)]
    assert not failures, "\n".join(failures)
