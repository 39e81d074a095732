"""The flat YAML that DocFX writes as front matter, read without a YAML parser.

DocFX front matter is a flat mapping: `key: value` lines, a key with a list of `- item` lines
under it, values plain or quoted on one line. :func:`read_flat` reads exactly that subset and
gives the same value the full loader gives (:func:`reflingo.parse.frontmatter._yaml`); anything
outside it (a comment, a continuation line, a tag, an anchor, an escape, a value that YAML
would read as a number, a date, a boolean or null, a character YAML treats specially) makes it
return None, and the full loader reads the text. A whole corpus page costs it a few
microseconds, where the full loader takes a quarter of a millisecond.
"""

from __future__ import annotations

import re

from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

_RESOLVER = Resolver()
_IMPLICIT = frozenset(Resolver.yaml_implicit_resolvers)
"""The first characters of the plain scalars YAML may read as something other than a string."""
_STR = "tag:yaml.org,2002:str"
_KEY = re.compile(r"([A-Za-z_][\w.\-]*):(?: +|$)")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# What no value of the subset holds: what YAML refuses or reads as a line break, a tab, a BOM
_OUTSIDE = re.compile("[^\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")


def read_flat(text: str) -> dict | None:
    """The mapping of `text` when it is flat DocFX front matter, else None (see the module)."""
    if _OUTSIDE.search(text):
        return None
    data: dict = {}
    items: list | None = None   # the list the `- item` lines go to
    for line in text.split("\n"):
        if not line.strip(" "):
            continue
        if line.startswith("- "):
            if items is None:
                return None
            item = _scalar(line[2:].lstrip(" "))
            if item is None:
                return None
            items.append(item)
            continue
        m = _KEY.match(line)
        if m is None or not _is_str(m.group(1)):
            return None
        if items is not None and not items:
            data[key] = None   # the key before had neither a value nor items: null
        key, rest = m.group(1), line[m.end():]
        items = None
        if not rest.strip(" "):
            items = []
            data[key] = items
            continue
        value = _scalar(rest)
        if value is None:
            return None
        data[key] = value
    if items is not None and not items:
        data[key] = None
    return data


def _scalar(text: str) -> str | None:
    """The string a one-line value stands for, or None when it is outside the subset."""
    if text != text.rstrip(" "):
        return None
    if not text:
        return None
    first = text[0]
    if first == "'":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
            return None
        return inner.replace("''", "'")
    if first == '"':
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != '"' or '"' in inner or "\\" in inner:
            return None
        return inner
    if first in _INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        return None
    return text if _is_str(text) else None


def _is_str(text: str) -> bool:
    """Whether YAML reads this plain scalar as a string (not a number, date, boolean, null)."""
    return text[:1] not in _IMPLICIT or _RESOLVER.resolve(ScalarNode, text, (True, False)) == _STR
