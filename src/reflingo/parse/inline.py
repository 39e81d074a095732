"""DocFX artefacts: bilingual span markup, heading anchors, and inline text helpers."""

from __future__ import annotations

import re

# <span data-ttu-id="x">target</span><span class="sxs-lookup"><span data-stu-id="x">source</span></span>
_BILINGUAL = re.compile(
    r'<span data-ttu-id="([^"]*)">(.*?)</span>'
    r'<span class="sxs-lookup"><span data-stu-id="[^"]*">(.*?)</span></span>')
_STRAY_SPAN = re.compile(r'</?span(?:\s+(?:data-ttu-id|data-stu-id|class)="[^"]*")*\s*>')
_ANCHOR = re.compile(r'<a\s+name\s*=\s*"([^"]*)"\s*>\s*</a>\s*', re.IGNORECASE)
_LINK = re.compile(
    r'(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]'
    r'\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+"[^"\n]*")?\s*\)')
_BOLD = re.compile(r'\*\*(.+?)\*\*|__(?=\S)(.+?)(?<=\S)__')
_ITALIC = re.compile(r'(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<![\w])_(?=\S)(.+?)(?<=\S)_(?!\w)')
_TAG = re.compile(r'<(?:br\s*/?|/?(?:a|b|i|em|strong|sup|sub|code|span|p|u)\b[^>]*)>', re.I)
_SPACES = re.compile(r'[ \t\u00a0]+')


def strip_bilingual(line: str) -> tuple[str, str | None]:
    """Return the line with bilingual pairs replaced by their target text, and the joined source
    texts (None when the line has no bilingual markup)."""
    if "data-ttu-id" not in line:
        return line, None
    sources: list[str] = []

    def keep_target(m: re.Match[str]) -> str:
        sources.append(m.group(3))
        return m.group(2)

    target = _BILINGUAL.sub(keep_target, line)
    if "<span" in target:
        target = _STRAY_SPAN.sub("", target)
    source = _BILINGUAL.sub(lambda m: m.group(3), line)
    if "<span" in source:
        source = _STRAY_SPAN.sub("", source)
    return target, source if sources else None


def split_anchor(heading: str) -> tuple[str | None, str]:
    """`<a name="x"></a>Text` -> ("x", "Text")."""
    m = _ANCHOR.search(heading)
    if not m:
        return None, heading.strip()
    return m.group(1).strip(), (heading[:m.start()] + heading[m.end():]).strip()


def find_links(text: str) -> list[tuple[str, str, int]]:
    """Every `[text](target)` in text: (text, target, offset); images excluded."""
    return [(m.group(2), m.group(3), m.start()) for m in _LINK.finditer(text) if not m.group(1)]


def plain(text: str) -> str:
    """Inline Markdown to plain text: links to their text, emphasis and HTML tags dropped."""
    if "[" in text:
        text = _LINK.sub(lambda m: m.group(2), text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "*" in text or "__" in text:
        text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    if "*" in text or "_" in text:
        text = _ITALIC.sub(lambda m: m.group(1) or m.group(2), text)
    if "`" in text:
        text = text.replace("`", "")
    return _SPACES.sub(" ", text).strip()


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
