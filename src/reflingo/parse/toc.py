"""A DocFX table of contents (`TOC.yml`) read into navigation nodes.

The file is a YAML list of entries with `name`, an optional `href` and nested `items`. It is
read with PyYAML's safe composer (no tags, no objects) and walked node by node, so every entry
keeps its line; an entry that repeats an anchor is read once (a recursive alias cannot loop).
Problems (not YAML, an entry that is not a mapping) become findings, not exceptions.
"""

from __future__ import annotations

import posixpath

import yaml

from reflingo.findings import Category, Finding, Severity
from reflingo.model import NavNode
from reflingo.parse.problems import problem
from reflingo.spans import SourceSpan

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when the wheel has it

MAX_DEPTH = 32
"""Deeper nesting is cut (and reported): real tables of contents are a dozen levels deep."""


def parse_toc(text: str, path: str, base: str = "") -> tuple[tuple[NavNode, ...], list[Finding]]:
    """The entries of a TOC file at `path`; hrefs are resolved against `base` (the TOC's folder
    relative to the locale root, "" when it stands at the root)."""
    problems: list[Finding] = []
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problems.append(problem("RL005", Category.METADATA, Severity.ERROR, path, line,
                                f"the table of contents does not parse as YAML: {exc}"))
        return (), problems
    if root is None:
        return (), problems
    return _entries(root, path, base, problems, 0, set()), problems


def _entries(node, path: str, base: str, problems: list[Finding], depth: int,
             seen: set[int]) -> tuple[NavNode, ...]:
    if not isinstance(node, yaml.SequenceNode):
        empty = isinstance(node, yaml.ScalarNode) and not node.value
        problems.append(problem("RL005", Category.METADATA,
                                Severity.WARNING if empty else Severity.ERROR, path,
                                node.start_mark.line + 1,
                                "`items:` holds no entries" if empty else "expected a list of entries"))
        return ()
    if depth >= MAX_DEPTH or id(node) in seen:
        problems.append(problem("RL005", Category.METADATA, Severity.WARNING, path,
                                node.start_mark.line + 1, "entries nested too deep or repeated "
                                "by an alias; the rest of this branch is not read"))
        return ()
    seen = seen | {id(node)}
    out = []
    for entry in node.value:
        if not isinstance(entry, yaml.MappingNode):
            problems.append(problem("RL005", Category.METADATA, Severity.WARNING, path,
                                    entry.start_mark.line + 1, "a table-of-contents entry that "
                                    "is not a mapping; skipped"))
            continue
        fields = {k.value: v for k, v in entry.value if isinstance(k, yaml.ScalarNode)}
        name, href = _scalar(fields.get("name")), _scalar(fields.get("href"))
        items = fields.get("items")
        children = _entries(items, path, base, problems, depth + 1, seen) if items is not None else ()
        out.append(NavNode(title=name or href or "", href=href, path=_page_path(base, href),
                           children=children,
                           span=SourceSpan(path=path, line_start=entry.start_mark.line + 1,
                                           line_end=entry.end_mark.line + 1)))
    return tuple(out)


def _scalar(node) -> str | None:
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) and node.value else None


def _page_path(base: str, href: str | None) -> str | None:
    """A relative `.md` href as a path below the locale root; None for URLs and absolute paths."""
    if not href or "://" in href or href.startswith(("/", "#", "mailto:")):
        return None
    target = href.split("#", 1)[0].split("?", 1)[0]
    if not target.lower().endswith((".md", ".markdown")):
        return None
    joined = posixpath.normpath(posixpath.join(base, target))
    return None if joined.startswith("..") else joined
