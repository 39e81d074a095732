"""Translation checks: a registry of small functions, one per rule, each with a stable code.

A check takes an :class:`~reflingo.model.ApiItem`, the locale to check and a
:class:`CheckContext`, and yields :class:`~reflingo.findings.Finding` values. Its first docstring
line is the rule's summary (`reflingo checks`, SARIF `rules[]`). Checks do no I/O.

Each family is one module, imported here explicitly and in order (importing a family registers
its checks); :data:`FAMILIES` lists them for the reader and the tests.
"""

from __future__ import annotations

from reflingo.checks import (api, bold_identifiers, code_tokens, dates, directions, encoding,
                             headings, identifiers, links, markup, metadata, relative_links,
                             repetitions, vocabulary)
from reflingo.checks.context import CheckContext
from reflingo.checks.registry import REGISTRY, Check, CheckFn, check, finding

#: The check families, in the order their checks run on a page.
FAMILIES = (encoding, identifiers, code_tokens, bold_identifiers, vocabulary, directions, api,
            links, relative_links, markup, headings, repetitions, metadata, dates)


def all_checks() -> list[Check]:
    """Every registered check, sorted by code."""
    return [REGISTRY[c] for c in sorted(REGISTRY)]


__all__ = ["FAMILIES", "REGISTRY", "Check", "CheckContext", "CheckFn", "all_checks", "check",
           "finding"]
