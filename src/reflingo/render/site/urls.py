"""Where each page of the site goes: output paths that never leave the output folder, and the
relative URLs between pages (so that the site works from any folder or prefix).

A page's output path comes from its path below the locale root, which comes from a file name or
(for `..` tricks) from nowhere a reader controls: it is normalised here, component by component,
and the writer checks it again against the output folder.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from urllib.parse import quote, unquote

_UNSAFE = re.compile(r"[^\w.\-~]+")
_LOCALE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")

STATIC = "_static"
"""The folder of the site's own stylesheet and script."""
COMPARE = "compare"
"""The folder of the side-by-side views."""


def safe_parts(rel_path: str) -> list[str]:
    """The components of a relative path with nothing that climbs or hides: `..`, `.`, empty
    parts, leading slashes and drive letters dropped, other unsafe characters replaced."""
    parts = []
    for part in rel_path.replace("\\", "/").split("/"):
        part = _UNSAFE.sub("-", part).strip(".-") if part not in ("", ".", "..") else ""
        if part:
            parts.append(part)
    return parts


@lru_cache(maxsize=1 << 16)
def page_stem(rel_path: str) -> str:
    """`outlook/mapi/imapisession-logoff.md` -> `outlook/mapi/imapisession-logoff`."""
    parts = safe_parts(rel_path)
    if not parts:
        return "untitled"
    last = parts[-1]
    for suffix in (".md", ".markdown"):
        if last.lower().endswith(suffix):
            last = last[: -len(suffix)] or "untitled"
    parts[-1] = last
    return "/".join(parts)


def safe_locale(locale: str) -> str:
    """A locale tag fit to be a folder name (`und` when it is not a tag)."""
    return locale if _LOCALE.match(locale or "") else "und"


def page_path(locale: str, rel_path: str) -> str:
    """The output path of an item's page in a locale: `es-ES/outlook/mapi/x.html`."""
    return f"{safe_locale(locale)}/{page_stem(rel_path)}.html"


def compare_path(rel_path: str) -> str:
    """The output path of an item's side-by-side view."""
    return f"{COMPARE}/{page_stem(rel_path)}.html"


def href(from_path: str, to_path: str, fragment: str | None = None) -> str:
    """The relative URL from the page at `from_path` to `to_path` (both output paths)."""
    url = _relative(posixpath.dirname(from_path) or ".", to_path)
    return f"{url}#{quote(fragment, safe='-_.')}" if fragment else url


@lru_cache(maxsize=1 << 17)
def _relative(start: str, to_path: str) -> str:
    return quote(relative_path(to_path, start), safe="/._-~")


def relative_path(to_path: str, start: str) -> str:
    """`posixpath.relpath(to_path, start)` for two relative paths, by their components: output
    paths are already plain (no `.`, `..` or empty parts), and relpath would make both absolute
    through the current folder for each of the many links of a page. Anything else goes to
    relpath."""
    to_parts = to_path.split("/")
    from_parts = start.split("/") if start != "." else []
    if to_path.startswith("/") or start.startswith("/") or any(
            p in ("", ".", "..") for p in (*to_parts, *from_parts)):
        return posixpath.relpath(to_path, start)
    same = 0
    for a, b in zip(from_parts, to_parts):
        if a != b:
            break
        same += 1
    return "/".join([".."] * (len(from_parts) - same) + to_parts[same:]) or "."


def resolve_relative(page_rel: str, target: str) -> tuple[str, str | None] | None:
    """A relative `.md` link target, resolved against the page's folder: (path below the locale
    root, fragment), or None when the target is not a relative page link."""
    target = target.strip()
    if not target or target.startswith(("#", "/", "\\")) or re.match(r"^[A-Za-z][\w+.-]*:", target):
        return None
    path, _, fragment = target.partition("#")
    path = unquote(path.split("?", 1)[0])
    if not path.lower().endswith((".md", ".markdown")):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), path))
    if joined.startswith("../") or joined == "..":
        return None
    return joined, fragment or None


def is_external(target: str) -> bool:
    """An absolute web or mail link (the only schemes the site keeps as links)."""
    return bool(re.match(r"^(?:https?:)?//|^mailto:", target.strip(), re.I))
