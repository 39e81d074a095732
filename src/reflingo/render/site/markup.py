"""Page text to HTML: the model's inline trees, and the blocks of sections that no model field
holds (conceptual pages, remarks with lists and tables), without a Markdown renderer.

Every link goes through one :class:`Links` resolver: a relative `.md` link becomes a link to the
page of the same locale (or its fallback page), an unresolved one becomes text with a marker,
a web link stays a link, anything else (`javascript:`, `data:`) becomes text. Raw HTML on a
page is kept for :func:`sanitise`, which runs on every fragment before it reaches a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

import nh3
from markupsafe import Markup, escape

from reflingo.model.inline import Inline, parse_inline
from reflingo.parse.blocks import is_delimiter_row, split_row
from reflingo.parse.inline import split_anchor, strip_bilingual
from reflingo.render.site.urls import href, is_external, page_path, resolve_relative

TAGS = {"a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt",
        "em", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "ol", "p", "pre", "s",
        "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
        "th", "thead", "tr", "u", "ul", "mark", "aside"}
ATTRIBUTES = {"*": {"class", "id", "title", "lang", "dir", "data-target", "data-code",
                    "data-line", "data-kind", "data-pagefind-ignore", "data-pagefind-weight"},
              "a": {"href", "hreflang"}, "td": {"colspan"},
              "th": {"colspan", "scope"}}
SCHEMES = {"http", "https", "mailto"}


def sanitise(html: str) -> Markup:
    """The HTML with everything outside the allow-list removed (scripts, event handlers,
    `javascript:` URLs, styles, frames)."""
    return Markup(nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES,
                            link_rel=None, strip_comments=True))


def safe_html(html: str, source: str) -> Markup:
    """HTML made from `source` by this module: sanitised when the source holds markup of its
    own (`<`); without it, every character was escaped and every tag is one written here."""
    return sanitise(html) if "<" in source else Markup(html)


@dataclass(slots=True)
class Links:
    """Resolves the links of one page (output path `here`, source path `rel_path`)."""

    here: str
    """The output path of the page being rendered."""
    rel_path: str
    """The page's path below the locale root (links are relative to its folder)."""
    locale: str
    """The locale of the page."""
    exists: Callable[[str], str | None]
    """Page path -> the path as found, when the site holds a page there."""
    missing: list[tuple[str, int]] = field(default_factory=list)
    """Relative link targets that resolved to no page, with the line they stand on."""
    line: int = 0
    """The first line of the text being rendered (recorded with a missing target)."""
    source: str = ""
    """The source lines of the text being rendered, to tell the line a missing target is on."""

    def at(self, line: int, source: str = "") -> None:
        """Render text that starts on `line` and reads `source` in the page."""
        self.line, self.source = line, source

    def line_of(self, target: str) -> int:
        """The line of the text being rendered that holds `target`."""
        for offset, text in enumerate(self.source.split("\n")):
            if target in text:
                return self.line + offset
        return self.line

    def resolve(self, target: str) -> tuple[str | None, bool]:
        """(URL or None, whether it is an unresolved page link)."""
        target = target.strip()
        if target.startswith("#"):
            return target, False
        if is_external(target):
            return target, False
        rel = resolve_relative(self.rel_path, target)
        if rel is None:
            return None, False
        found = self.exists(rel[0])
        if found is None:
            self.missing.append((target, self.line_of(target)))
            return None, True
        return href(self.here, page_path(self.locale, found), rel[1]), False


def inline_html(nodes: tuple[Inline, ...], links: Links) -> str:
    """HTML for inline nodes (escaped text; links resolved; raw HTML kept for sanitising)."""
    out: list[str] = []
    for n in nodes:
        if n.kind == "text":
            out.append(str(escape(n.text)))
        elif n.kind == "code":
            out.append(f"<code>{escape(n.text)}</code>")
        elif n.kind in ("strong", "em"):
            out.append(f"<{n.kind}>{inline_html(n.children, links)}</{n.kind}>")
        elif n.kind == "break":
            out.append("<br>")
        elif n.kind == "html":
            out.append(n.text)
        elif n.kind == "image":
            out.append(f'<span class="image-alt">{escape(n.text)}</span>')
        elif n.kind == "link":
            out.append(_link(n, links))
    return "".join(out)


def _link(n: Inline, links: Links) -> str:
    inner = inline_html(n.children, links)
    url, missing = links.resolve(n.target or "")
    if url:
        return f'<a href="{escape(url)}">{inner}</a>'
    if missing:
        return (f'<span class="xref-missing" data-target="{escape(n.target or "")}" '
                f'data-line="{links.line_of(n.target or "")}" title="{escape(n.target or "")}">'
                f'{inner}</span>')
    return f'<span class="link-dropped">{inner}</span>'


def text_html(markdown: str, links: Links) -> str:
    """One piece of inline Markdown (bilingual markup removed) as HTML."""
    return inline_html(parse_inline(strip_bilingual(markdown)[0]), links)


_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_QUOTE = re.compile(r"^ {0,3}> ?")
_ALERT = re.compile(r"^\s*\[!(NOTE|TIP|IMPORTANT|CAUTION|WARNING)\]\s*$", re.I)


def block_html(kind: str, text: str, links: Links, code: Callable[[str, str], str]) -> str:
    """One Markdown block of a page as HTML; `code(source, language)` renders a code block."""
    if kind == "heading":
        m = _HEADING.match(text.strip().splitlines()[0] if text.strip() else "")
        level = min(6, max(2, len(m.group(1)) if m else 2))
        anchor, title = split_anchor(m.group(2) if m else text)
        ident = f' id="{escape(anchor)}"' if anchor else ""
        return f"<h{level}{ident}>{text_html(title, links)}</h{level}>"
    if kind == "fence":
        lines = text.splitlines()
        lang = lines[0].strip().lstrip("`~").strip() if lines else ""
        body = "\n".join(lines[1:-1] if len(lines) > 1 and lines[-1].strip().startswith(("```", "~~~"))
                         else lines[1:])
        return code(body, lang)
    if kind == "table":
        return _table(text, links)
    if kind == "list":
        return _list(text, links)
    if kind == "blockquote":
        inner = "\n".join(_QUOTE.sub("", line) for line in text.splitlines())
        first, _, rest = inner.strip().partition("\n")
        m = _ALERT.match(first)
        if m:
            kind_ = m.group(1).upper()
            return (f'<aside class="alert alert-{kind_.lower()}" data-kind="{kind_}">'
                    f"{_paragraphs(rest, links)}</aside>")
        return f"<blockquote>{_paragraphs(inner, links)}</blockquote>"
    if kind == "hr":
        return "<hr>"
    if kind == "html":
        return strip_bilingual(text)[0]
    return _paragraphs(text, links)


def _paragraphs(text: str, links: Links) -> str:
    paras = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "\n".join(f"<p>{text_html(' '.join(p.split()), links)}</p>" for p in paras)


def _table(text: str, links: Links) -> str:
    rows = [line for line in text.strip().splitlines() if line.strip()]
    if len(rows) >= 2 and is_delimiter_row(rows[1]):
        head, body = rows[0], rows[2:]
    else:
        head, body = None, rows
    out = ['<div class="table-wrap"><table>']
    if head is not None:
        cells = "\n".join(f'<th scope="col">{text_html(c, links)}</th>' for c in split_row(head))
        out.append(f"<thead><tr>{cells}</tr></thead>")
    out.append("<tbody>")
    for row in body:
        out.append("<tr>" + "\n".join(f"<td>{text_html(c, links)}</td>" for c in split_row(row))
                   + "</tr>")
    out.append("</tbody></table></div>")
    # white space between cells, rows and items: the search index reads their text, and a word
    # run into the next cell's (`S_OKThe call succeeded`) would be found by neither
    return "\n".join(out)


def _list(text: str, links: Links) -> str:
    items: list[str] = []
    ordered = bool(re.match(r"^\s*\d", text))
    for line in text.splitlines():
        m = _LIST_ITEM.match(line)
        if m:
            items.append(line[m.end():].strip())
        elif items and line.strip():
            items[-1] += " " + line.strip()
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "\n".join(f"<li>{text_html(i, links)}</li>" for i in items) + f"</{tag}>"
