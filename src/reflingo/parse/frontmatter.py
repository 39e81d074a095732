"""Split YAML front matter from the body and read the fields reflingo uses, with their lines.

The YAML is read by a hardened safe loader (:class:`_Loader`): a page cannot make it expand,
recurse or construct anything but plain values, and whatever it refuses is a finding (RL005)."""

from __future__ import annotations

import re

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import ScalarNode

from reflingo.findings import Category, Finding, Severity
from reflingo.model import FrontMatter, SourceSpan
from reflingo.parse.flatyaml import read_flat
from reflingo.parse.problems import problem

_KEY_LINE = re.compile(r"^([A-Za-z_][\w.\-]*)\s*:")
_FENCE = re.compile(r"^---[ \t]*$")
# A YAMLError (what the loader below raises for every bad value, with its place), or what the
# parser raises before reading (a lone surrogate cannot be encoded for libyaml: ValueError).
_YAML_ERRORS = (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError)

_FIELDS = {
    "title": "title", "ms.assetid": "assetid", "ms.date": "date", "description": "description",
    "ms.contentlocale": "contentlocale", "ms.translationtype": "translationtype",
    "ms.openlocfilehash": "openlocfilehash", "ms.sourcegitcommit": "sourcegitcommit",
    "ms.lasthandoff": "lasthandoff", "ms.locfileid": "locfileid",
}

_MAX_DEPTH = 32
"""Deepest nesting of lists and mappings accepted (the top mapping is level 1; DocFX writes 2)."""
_MAX_REPEAT = 10_000
"""Most characters that aliases may repeat in one YAML text."""
_MAX_INT_BITS = 2048
"""Largest integer accepted (617 digits): any Python prints it, whatever its digit limit."""
_SAFE_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when installed


class _BoundedComposer(Composer):
    """PyYAML's composer, refusing what makes a small text a huge or endless value.

    - An alias of a list or mapping (`b: *a` where `a: &a [x, y]`) is refused: that is how a
      few lines expand exponentially ("billion laughs") or refer to themselves
      (`rec: &r [*r]`), and front matter has no use for it. An alias of a scalar is kept,
      while the scalars repeated this way total at most `_MAX_REPEAT` characters.
    - Nesting deeper than `_MAX_DEPTH` levels is refused.

    Each refusal is a ComposerError at the alias or the value that goes too deep.
    """

    def __init__(self) -> None:
        Composer.__init__(self)
        self.depth = 0
        self.repeated = 0

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.peek_event()
            target = self.anchors.get(event.anchor)
            if target is not None and not isinstance(target, ScalarNode):
                raise ComposerError(None, None, f"alias *{event.anchor} repeats a list or "
                                    "mapping (refused)", event.start_mark)
            self.repeated += len(target.value) if target is not None else 0
            if self.repeated > _MAX_REPEAT:
                raise ComposerError(None, None, f"aliases repeat more than {_MAX_REPEAT} "
                                    "characters (refused)", event.start_mark)
        return super().compose_node(parent, index)

    def compose_sequence_node(self, anchor):
        self.descend()
        node = super().compose_sequence_node(anchor)
        self.depth -= 1
        return node

    def compose_mapping_node(self, anchor):
        self.descend()
        node = super().compose_mapping_node(anchor)
        self.depth -= 1
        return node

    def descend(self) -> None:
        """One level deeper, into the list or mapping that starts at the next event."""
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise ComposerError(None, None, f"lists and mappings nested more than {_MAX_DEPTH} "
                                "levels deep (refused)", self.peek_event().start_mark)


def _checked(construct):
    """A scalar constructor whose every failure on a bad value (`!!bool maybe`, `!!timestamp x`,
    `!!int x`, an integer too large to print) is a ConstructorError at the value."""
    def read(loader, node):
        try:
            value = construct(loader, node)
            if type(value) is int and value.bit_length() > _MAX_INT_BITS:
                raise ValueError(f"more than {_MAX_INT_BITS} bits")
            return value
        except yaml.YAMLError:
            raise
        except Exception as exc:  # what a constructor raises on a value it cannot read
            shown = node.value if len(node.value) <= 40 else node.value[:40] + "..."
            raise ConstructorError(None, None, f"cannot read {shown!r} as "
                                   f"!!{node.tag.rsplit(':', 1)[-1]}", node.start_mark) from exc
    return read


_CORE = "tag:yaml.org,2002:"
_SCALARS = ("null", "bool", "int", "float", "str", "timestamp")


class _Loader(_BoundedComposer, _SAFE_BASE):
    """PyYAML's SafeLoader (libyaml's parser when installed, as the front matter library used),
    hardened for untrusted pages.

    - Aliases and nesting are bounded (see :class:`_BoundedComposer`): the document is composed
      by PyYAML's composer, on libyaml's events, so that each alias is seen where it stands.
    - Only the tags plain YAML values resolve to are read: null, bool, int, float, str,
      timestamp (a date stays a `datetime.date`, as before), seq and map. Any other tag, given
      explicitly (`!!binary`, `!!set`, `!!omap`, `!!python/...`, `!foo`), is refused.
    - A constructor's failure on a bad value is a ConstructorError at that value.

    Everything refused is a YAMLError with the place of the problem: the caller reports it.
    """

    yaml_constructors = {
        None: SafeConstructor.construct_undefined,
        **{_CORE + tag: _checked(SafeConstructor.yaml_constructors[_CORE + tag])
           for tag in _SCALARS},
        _CORE + "seq": SafeConstructor.yaml_constructors[_CORE + "seq"],
        _CORE + "map": SafeConstructor.yaml_constructors[_CORE + "map"],
    }
    yaml_multi_constructors: dict = {}

    def __init__(self, stream: str) -> None:
        _SAFE_BASE.__init__(self, stream)
        _BoundedComposer.__init__(self)


def _yaml(text: str, anchors: dict | None = None) -> object:
    """The value of a YAML text, read by :class:`_Loader`; raises a YAMLError on bad input.

    Texts read with the same `anchors` dict share their anchors: a field read alone may use
    an anchor of a field read before it, as it does in the whole front matter."""
    loader = _Loader(text)
    if anchors is not None:
        loader.anchors = anchors
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def split(text: str, path: str) -> tuple[FrontMatter, int, list[Finding]]:
    """Return the front matter, the 0-based index of the first body line, and problems.

    Damaged front matter keeps what can be read: a field whose YAML is broken is dropped (and
    reported on its own line) while the other fields are kept; front matter that is never closed
    is read up to the first line that cannot be YAML, and the body starts after it.
    """
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines) or not _FENCE.match(lines[start]):
        return FrontMatter(), 0, [problem(
            "RL004", Category.METADATA, Severity.ERROR, path, start + 1 if start < len(lines) else 1,
            "no front matter: a reference page starts with a '---' YAML block")]
    end = next((i for i in range(start + 1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        return _unclosed(lines, start, path)
    span = SourceSpan(path=path, line_start=start + 1, line_end=end + 1)
    data, problems = _load(lines, start + 1, end, path)
    return _build(data, _key_lines(lines, start + 1, end, data), span), end + 1, problems


def _unclosed(lines: list[str], start: int, path: str) -> tuple[FrontMatter, int, list[Finding]]:
    stop = start + 1
    while stop < len(lines) and _yamlish(lines[stop]):
        stop += 1
    if any(_KEY_LINE.match(ln) for ln in lines[start + 1:stop]):
        data, problems = _load(lines, start + 1, stop, path)
        if data:
            span = SourceSpan(path=path, line_start=start + 1, line_end=stop)
            return _build(data, _key_lines(lines, start + 1, stop, data), span), stop, [problem(
                "RL005", Category.METADATA, Severity.ERROR, path, start + 1,
                f"front matter is not closed: no second '---' line; lines {start + 2}-{stop} "
                "read as front matter, the rest as body")] + problems
    return FrontMatter(), 0, [problem(
        "RL005", Category.METADATA, Severity.ERROR, path, start + 1,
        "front matter is not closed: no second '---' line; the page is read as body")]


def _yamlish(line: str) -> bool:
    """Could this line belong to front matter: a `key:` line, a list item or a continuation?"""
    return bool(line.strip()) and (bool(_KEY_LINE.match(line)) or line[0] in " \t-")


def _load(lines: list[str], first: int, stop: int, path: str) -> tuple[dict, list[Finding]]:
    """Parse lines[first:stop] as a YAML mapping; on an error, parse it field by field, keep the
    fields that parse and report each broken one at its line."""
    raw = "\n".join(lines[first:stop])
    if not raw.strip():
        return {}, []
    flat = read_flat(raw)
    if flat is not None:
        return flat, []
    try:
        data = _yaml(raw)
    except _YAML_ERRORS as exc:
        data, problems = _load_fields(lines, first, stop, path)
        if not problems:  # every field parses alone: the error spans fields; report it as is
            problems = [_yaml_problem(exc, lines, first, stop, path, "fields ignored")]
            data = {}
        return data, problems
    if not isinstance(data, dict):
        return {}, [problem("RL005", Category.METADATA, Severity.ERROR, path, first + 1,
                            "malformed front matter: expected 'key: value' fields")]
    return data, []


def _load_fields(lines: list[str], first: int, stop: int, path: str) -> tuple[dict, list[Finding]]:
    starts = [first] + [i for i in range(first + 1, stop) if lines[i][:1] not in ("", " ", "\t", "-", "#")]
    data: dict = {}
    problems: list[Finding] = []
    anchors: dict = {}
    for a, b in zip(starts, starts[1:] + [stop]):
        raw = "\n".join(lines[a:b])
        if not raw.strip():
            continue
        m = _KEY_LINE.match(lines[a])
        what = f"field '{m.group(1)}' ignored" if m else "line ignored"
        try:
            value = _yaml(raw, anchors)
        except _YAML_ERRORS as exc:
            problems.append(_yaml_problem(exc, lines, a, b, path, what))
            continue
        if isinstance(value, dict):
            data.update(value)
        elif value is not None:
            problems.append(problem("RL005", Category.METADATA, Severity.ERROR, path, a + 1,
                                    f"malformed front matter: expected 'key: value'; {what}"))
    return data, problems


def _yaml_problem(exc: Exception, lines: list[str], first: int, stop: int, path: str,
                  what: str) -> Finding:
    """Report a YAML error on the line to fix: where the problem was found, unless that is the
    end of the text (an unclosed quote or bracket), then where the unclosed construct began."""
    mark = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    last = stop - 1
    while last > first and not lines[last].strip():
        last -= 1
    at_end = mark is None or first + mark.line > last or (
        first + mark.line == last and mark.column >= len(lines[last].rstrip()))
    if at_end and context is not None:
        mark = context
    line = first + (mark.line if mark is not None else 0)
    line = max(first, min(line, last)) + 1
    reason = getattr(exc, "problem", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
    return problem("RL005", Category.METADATA, Severity.ERROR, path, line,
                   f"malformed front matter: {reason}; {what}")


def _key_lines(lines: list[str], first: int, stop: int, data: dict) -> dict[str, int]:
    key_lines: dict[str, int] = {}
    for i in range(first, stop):
        m = _KEY_LINE.match(lines[i])
        if m and m.group(1) in data:
            key_lines.setdefault(m.group(1), i + 1)
    return key_lines


def _build(data: dict, key_lines: dict[str, int], span: SourceSpan) -> FrontMatter:
    values = {attr: _scalar(data.get(key)) for key, attr in _FIELDS.items()}
    return FrontMatter(
        api_name=_strings(data.get("api_name")), api_type=_strings(data.get("api_type")),
        fields=data, lines=key_lines, span=span, **values)


def _scalar(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def _strings(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(str(v) for v in value if v is not None)
    return (str(value),)
