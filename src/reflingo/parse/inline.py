"""DocFX artefacts: bilingual span markup, heading anchors, and inline text helpers.

Every scan here takes time in proportion to the text: :func:`sub_branches` substitutes an
alternation whose branches scan to a closer, without repeating a scan that found none."""

from __future__ import annotations

import functools
import re
from typing import Callable, NamedTuple, Sequence

# <span data-ttu-id="x">target</span><span class="sxs-lookup"><span data-stu-id="x">source</span></span>
# When the first separator has no `</span></span>` after it, no later one has, and no later pair
# on the line can close: the last branch then takes the rest of the line, kept as written (group
# 3 is None), instead of every later `<span data-ttu-id` scanning to the line's end again.
_BILINGUAL = re.compile(
    r'<span data-ttu-id="([^"]*)">(?:(?>(.*?)</span><span class="sxs-lookup"><span data-stu-id="[^"]*">)'
    r'(.*?)</span></span>|.*)')
_STRAY_SPAN = re.compile(r'</?span(?:\s+(?:data-ttu-id|data-stu-id|class)="[^"]*")*\s*>')
_ANCHOR = re.compile(r'<a\s+name\s*=\s*"([^"]*)"\s*>\s*</a>\s*', re.IGNORECASE)
_LINK = re.compile(
    r'(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]'
    r'\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+"[^"\n]*")?\s*\)')
_TAG = re.compile(r'<(?:br\s*/?|/?(?:a|b|i|em|strong|sup|sub|code|span|p|u)\b[^>]*)>', re.I)
_SPACES = re.compile(r'[ \t\u00a0]+')
_MEMO = 8192
"""Texts whose plain form and links are remembered: a page asks for the same text several
times (its section, its parameter, its links), and pages of one item repeat their names."""


class Branch(NamedTuple):
    """One branch of an alternation read by :func:`sub_branches`."""

    opener: re.Pattern[str]
    """Where the branch starts, with every condition it puts on that place."""
    pattern: re.Pattern[str]
    """The branch, matched at an opener."""
    fails_for: str = "line"
    """How far a failure at an opener reaches: the rest of the `"line"` (the branch scans from
    its opener to the first closer on the line: when there is none after one opener, there is
    none after a later one), the rest of the `"text"` (the same, for a scan across lines), or
    only that `"opener"`."""


def sub_branches(branches: Sequence[Branch], repl: Callable[[re.Match[str]], str], text: str) -> str:
    """`re.sub` of the alternation of the branches' patterns (tried in order at each place), in
    time proportional to the text.

    A branch that fails at an opener is not tried again as far as the failure reaches (see
    :attr:`Branch.fails_for`), where `re.sub` tries it at every later opener, each scan reading
    to the end of the line again."""
    out: list[str] = []
    pos = 0
    ahead: list[tuple[int, re.Match[str] | None]] = [(-1, None)] * len(branches)
    while True:
        best = -1
        for i, branch in enumerate(branches):
            if ahead[i][0] < pos:
                ahead[i] = _next_match(branch, text, pos)
            if ahead[i][1] is not None and (best < 0 or ahead[i][0] < ahead[best][0]):
                best = i
        if best < 0:
            break
        start, m = ahead[best]
        out.append(text[pos:start])
        out.append(repl(m))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _next_match(branch: Branch, text: str, pos: int) -> tuple[int, re.Match[str] | None]:
    """The first match of the branch at or after `pos`, with its start."""
    while (opener := branch.opener.search(text, pos)) is not None:
        start = opener.start()
        m = branch.pattern.match(text, start)
        if m is not None:
            return start, m
        if branch.fails_for == "opener":
            pos = start + 1
            continue
        pos = text.find("\n", start) + 1 if branch.fails_for == "line" else 0
        if not pos:
            break
    return len(text) + 1, None


def branch(opener: str, rest: str, fails_for: str = "line", flags: int = 0) -> Branch:
    """The branch `opener` + `rest` (regular expressions), starting where `opener` matches."""
    return Branch(re.compile(opener, flags), re.compile(opener + rest, flags), fails_for)


_BOLD = (branch(r"\*\*", r"(.+?)\*\*"), branch(r"__(?=\S)", r"(.+?)(?<=\S)__"))
_ITALIC = (branch(r"(?<![\w*])\*(?=\S)", r"(.+?)(?<=\S)\*(?![\w*])"),
           branch(r"(?<![\w])_(?=\S)", r"(.+?)(?<=\S)_(?!\w)"))


def _inner(m: re.Match[str]) -> str:
    return m.group(1)


def strip_bilingual(line: str) -> tuple[str, str | None]:
    """Return the line with bilingual pairs replaced by their target text, and the joined source
    texts (None when the line has no bilingual markup)."""
    if "data-ttu-id" not in line:
        return line, None
    sources: list[str] = []

    def keep_target(m: re.Match[str]) -> str:
        if m.group(3) is None:
            return m.group()
        sources.append(m.group(3))
        return m.group(2)

    target = _BILINGUAL.sub(keep_target, line)
    if "<span" in target:
        target = _STRAY_SPAN.sub("", target)
    source = _BILINGUAL.sub(lambda m: m.group() if m.group(3) is None else m.group(3), line)
    if "<span" in source:
        source = _STRAY_SPAN.sub("", source)
    return target, source if sources else None


def split_anchor(heading: str) -> tuple[str | None, str]:
    """`<a name="x"></a>Text` -> ("x", "Text")."""
    m = _ANCHOR.search(heading)
    if not m:
        return None, heading.strip()
    return m.group(1).strip(), (heading[:m.start()] + heading[m.end():]).strip()


@functools.lru_cache(maxsize=_MEMO)
def find_links(text: str) -> tuple[tuple[str, str, int], ...]:
    """Every `[text](target)` in text: (text, target, offset); images excluded."""
    if "](" not in text:
        return ()
    return tuple((m.group(2), m.group(3), m.start()) for m in _LINK.finditer(text)
                 if not m.group(1))


@functools.lru_cache(maxsize=_MEMO)
def plain(text: str) -> str:
    """Inline Markdown to plain text: links to their text, emphasis and HTML tags dropped."""
    if "[" in text:
        text = _LINK.sub(lambda m: m.group(2), text)
    if "<" in text:
        end = text.rfind(">") + 1  # where the last tag can end: no scan for `>` past it
        text = _TAG.sub(" ", text[:end]) + text[end:]
    if "*" in text or "__" in text:
        text = sub_branches(_BOLD, _inner, text)
    if "*" in text or "_" in text:
        text = sub_branches(_ITALIC, _inner, text)
    if "`" in text:
        text = text.replace("`", "")
    if "  " in text or "\t" in text or "\u00a0" in text:   # single spaces stay as they are
        text = _SPACES.sub(" ", text)
    return text.strip()


def emphasised(text: str) -> tuple[str, str] | None:
    """When text is one emphasised run (`_x_`, `*x*`, `**x**`, `***x***`), return (style, inner)."""
    s = text.strip()
    for style, marks in (("bold-italic", "***"), ("bold", "**"), ("bold", "__")):
        if len(s) > 2 * len(marks) and s.startswith(marks) and s.endswith(marks):
            inner = s[len(marks):-len(marks)]
            if marks not in inner:
                return style, inner.strip()
    for mark in ("_", "*"):
        if len(s) > 2 and s[0] == mark and s[-1] == mark and s[1] != " " and s[-2] != " ":
            inner = s[1:-1]
            if mark == "*" and "*" in inner:
                continue
            return "italic", inner.strip()
    return None


def close_scopes(text: str, blanks: str | None = None) -> str:
    """`text` with the blanks around every `::` removed (`IMAPISession :: Logoff` ->
    `IMAPISession::Logoff`): all whitespace, or only the characters of `blanks`. The same as
    substituting `\\s*::\\s*`, in time proportional to the text (that pattern rescans a long
    run of blanks from each of its positions)."""
    if "::" not in text:
        return text
    parts = text.split("::")
    last = len(parts) - 1
    return "::".join(p if not p else
                     (p.rstrip(blanks) if i == 0 else p.lstrip(blanks) if i == last
                      else p.strip(blanks)) for i, p in enumerate(parts))
