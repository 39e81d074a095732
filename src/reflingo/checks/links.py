"""Links against the reference: targets changed, missing or added, identifiers lost from link
texts, and relative links to pages that do not exist.

Links are paired with the reference's by target first (translation may reorder a sentence), then
the remaining ones by resource (same page, other spelling of the URL), then by place: in order
within one section when both sides have as many left over.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Sequence
from urllib.parse import SplitResult, urlsplit

from reflingo.lang import translit
from reflingo.checks.context import CheckContext
from reflingo.checks.registry import check, check_table
from reflingo.checks.api_differences import (Difference, as_finding, differences, exact_fix,
                                             looks_like_identifier, report, source_message)
from reflingo.checks.text import per_page
from reflingo.checks.link_texts import displaced_fix, spaced_out, text_fix
from reflingo.findings import Category, Finding, Severity
from reflingo.model import ApiItem, Link, Page
from reflingo.parse.inline import close_scopes, plain

_LOCALE_SEGMENT = re.compile(r"^[a-z]{2}-[a-z]{2,4}$", re.I)
_IDENT = re.compile(r"~?[A-Za-z_]\w*(?:::~?[A-Za-z_]\w*)*")
_END_COLON = re.compile(r"(?<!:):$")
_INTERFACE = re.compile(r"i[a-z0-9]+")


# --------------------------------------------------------------------------------------------
# Targets
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Url:
    scheme: str
    host: str
    locale: str | None
    path: str
    query: str
    fragment: str


def split_url(target: str) -> SplitResult | None:
    """`urlsplit` of a link target, or None when it cannot be split: urlsplit raises ValueError
    on a malformed host (`https://dev.o]ffice.com/x`, `https://[img]/a`, a fullwidth solidus
    in `https://msdn／microsoft.com/`)."""
    try:
        return urlsplit(target.strip())
    except ValueError:
        return None


def _url(target: str) -> _Url | None:
    """The parts of a target that :func:`describe` compares, or None when it is malformed."""
    parts = split_url(target)
    if parts is None:
        return None
    segments = parts.path.split("/")
    locales = [s for s in segments if _LOCALE_SEGMENT.match(s)]
    path = "/".join(s for s in segments if not _LOCALE_SEGMENT.match(s))
    return _Url(parts.scheme.lower(), parts.netloc.lower(), locales[0].lower() if locales else None,
                path, parts.query, parts.fragment)


@lru_cache(maxsize=1 << 14)
def resource(target: str) -> str:
    """What a target points at, spelling aside: no scheme, locale segment, case or final slash
    (a malformed target, which cannot be split, only loses case and final slash)."""
    u = _url(target)
    if u is None:
        return target.strip().rstrip("/").lower()
    host = u.host.removeprefix("www.")
    return f"{host}{u.path.rstrip('/')}?{u.query}".lower()


def describe(expected: str, actual: str) -> str:
    """What differs between two targets: scheme, host, locale segment, path, query, fragment."""
    e, a = _url(expected), _url(actual)
    if a is None or e is None:
        return "malformed URL" if a is None else "the reference's URL is malformed"
    parts = []
    if e.scheme != a.scheme:
        parts.append(f"scheme {a.scheme or 'none'} instead of {e.scheme or 'none'}")
    if e.host != a.host:
        parts.append(f"host {a.host or 'none'} instead of {e.host or 'none'}")
    if e.locale != a.locale:
        parts.append(f"locale segment {a.locale} added" if e.locale is None else
                     f"locale segment {e.locale} removed" if a.locale is None else
                     f"locale segment {a.locale} instead of {e.locale}")
    if e.path != a.path:
        same = e.path.lower() == a.path.lower()
        parts.append("path differs in case" if same else f"path {a.path} instead of {e.path}")
    if e.query != a.query:
        parts.append(f"query ?{a.query} instead of ?{e.query}")
    if e.fragment != a.fragment:
        parts.append(f"fragment #{a.fragment} instead of #{e.fragment}")
    return ", ".join(parts) or "spelling differs"


def _localised(page: Page, expected: str, actual: str) -> bool:
    """The target only gained (or changed to) the page's own locale segment: a localised URL."""
    e, a = _url(expected), _url(actual)
    return (e is not None and a is not None
            and a.locale == page.locale.lower() and e.locale != a.locale
            and (e.scheme, e.host, e.path, e.query, e.fragment)
            == (a.scheme, a.host, a.path, a.query, a.fragment))


# --------------------------------------------------------------------------------------------
# Pairing a page's links with the reference's
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class LinkPairs:
    """How a page's links line up with a reference's (indices into each one's `links`)."""

    same: list[tuple[int, int]]
    """Same target."""
    changed: list[tuple[int, int]]
    """Same place, other target."""
    missing: list[int]
    """Reference links without a counterpart."""
    extra: list[int]
    """Page links without a counterpart."""


def pair_links(page: Sequence[Link], ref: Sequence[Link]) -> LinkPairs:
    """Pair links by target, then by resource, then in order within a section.

    Each reference link, in order, takes the first page link still free that has its target
    (then: its resource). The free page links of one target (resource) are therefore taken in
    ascending order, and a queue per key gives the same pairs without rescanning every free
    link for every reference link.
    """
    if [p.target for p in page] == [r.target for r in ref]:
        return _in_order(len(ref))
    same, changed = [], []
    by_target: dict[str, list[int]] = {}
    for j, p in enumerate(page):
        by_target.setdefault(p.target, []).append(j)
    taken = [False] * len(page)
    free_r = []
    for i, r in enumerate(ref):
        queue = by_target.get(r.target)
        if queue:
            j = queue.pop(0)
            same.append((i, j))
            taken[j] = True
        else:
            free_r.append(i)
    if free_r and not all(taken):
        by_resource: dict[str, list[int]] = {}
        for j, p in enumerate(page):
            if not taken[j]:
                by_resource.setdefault(resource(p.target), []).append(j)
        for i in list(free_r):
            queue = by_resource.get(resource(ref[i].target))
            if queue:
                j = queue.pop(0)
                changed.append((i, j))
                taken[j] = True
                free_r.remove(i)
    free_p = [j for j in range(len(page)) if not taken[j]]
    for section in dict.fromkeys(ref[i].section for i in free_r):
        rs = [i for i in free_r if ref[i].section == section]
        ps = [j for j in free_p if page[j].section == section]
        if rs and len(rs) == len(ps):
            changed += zip(rs, ps)
            free_r = [i for i in free_r if i not in rs]
            free_p = [j for j in free_p if j not in ps]
    return LinkPairs(same=same, changed=sorted(changed), missing=free_r, extra=free_p)


def _in_order(count: int) -> LinkPairs:
    """How :func:`pair_links` pairs two lists with the same targets in the same order (the
    usual case): by target, each link with its counterpart at the same index (a reference
    link takes the first free page link with its target, and by induction that is its own)."""
    return LinkPairs(same=[(i, i) for i in range(count)], changed=[], missing=[], extra=[])


@per_page
def link_targets(page: Page) -> tuple[str, ...]:
    """The page's link targets, in order: read by every locale's comparison with the
    reference, and by RL504."""
    return tuple(link.target for link in page.links)


def _links_pair(page: Page, ref: Page, item: ApiItem) -> list[Difference]:
    if link_targets(page) == link_targets(ref):
        # Paired in order (see _in_order), all with the same target: only texts can differ,
        # and only a reference text that is an identifier can be lost.
        links = page.links
        out = [_lost_identifier(page, r, p) for i, r, folded in _named_links(ref)
               if (p := links[i]).text != r.text and folded not in _folded_squeeze(p.text)]
        return sorted(out, key=lambda d: (d.line, d.code))
    pairs = pair_links(page.links, ref.links)
    out = []
    for i, j in pairs.changed:
        out += _changed(page, ref.links[i], page.links[j])
    for i in pairs.missing:
        out.append(_missing(page, ref, pairs, i))
    for j in pairs.extra:
        p = page.links[j]
        out.append(Difference(code="RL502", key=("link-extra", resource(p.target)),
                              line=p.span.line_start, column=target_column(page, p),
                              message=f"link to {p.target} is not in the reference", actual=p.target))
    ref_links, page_links = ref.links, page.links
    for i, j in pairs.same + pairs.changed:
        r, p = ref_links[i], page_links[j]
        if r.text == p.text or _holds_identifier(r.text, r.target, p.text):
            continue  # nothing lost (the first test is the second's shortcut)
        if resource(r.target) != resource(p.target):
            continue  # another page: its text may differ
        d = _lost_identifier(page, r, p)
        if d is not None:
            out.append(d)
    return sorted(out, key=lambda d: (d.line, d.code))


def _changed(page: Page, r: Link, p: Link) -> list[Difference]:
    if _localised(page, r.target, p.target):
        return []
    fix = None
    if resource(r.target) == resource(p.target):
        fix = exact_fix(page, p.span.line_start, p.target, r.target)
    return [Difference(code="RL500", key=("link-changed", r.target, resource(p.target)),
                       line=p.span.line_start, column=target_column(page, p),
                       message=f"link `{p.text}` points to {p.target} instead of {r.target}: "
                               f"{describe(r.target, p.target)}",
                       expected=r.target, actual=p.target, fix=fix)]


def _missing(page: Page, ref: Page, pairs: LinkPairs, i: int) -> Difference:
    r = ref.links[i]
    placed = sorted(pairs.same + pairs.changed)
    before = [(ii, j) for ii, j in placed if ii < i]
    after = [(ii, j) for ii, j in placed if ii > i]
    line = _place(page, ref, before[-1] if before else None, after[0] if after else None, r)
    return Difference(code="RL501", key=("link-missing", r.target), line=line,
                      message=f"link `{r.text}` to {r.target} is missing", expected=r.target)


def _place(page: Page, ref: Page, before, after, r: Link) -> int:
    """Where a missing link belongs: the same offset from its neighbours as in the reference
    when the lines between them match, else a neighbour's line, its section, or the page end."""
    if before is not None:
        rb, pb = ref.links[before[0]].span.line_start, page.links[before[1]].span.line_start
        if after is not None:
            ra, pa = ref.links[after[0]].span.line_start, page.links[after[1]].span.line_start
            if ra - rb == pa - pb:
                return pb + r.span.line_start - rb
        return pb
    if after is not None:
        return page.links[after[1]].span.line_start
    section = page.section(r.section) if r.section else None
    return section.span.line_start if section else max(len(page.lines), 1)


def target_column(page: Page, link: Link) -> int | None:
    """The 1-based column of the link's target on its line, when it is found there."""
    at = page.line(link.span.line_start).find(f"]({link.target}")
    return at + 3 if at >= 0 else None


# --------------------------------------------------------------------------------------------
# Link texts
# --------------------------------------------------------------------------------------------

@lru_cache(maxsize=1 << 14)
def _squeeze(text: str) -> str:
    """Link text as an identifier would be written: no spaces around `::`, no end punctuation."""
    text = close_scopes(plain(text)).strip()
    text = _without_end_punctuation(text)
    return _END_COLON.sub("", text)


def _without_end_punctuation(text: str) -> str:
    """`text` without the blanks and `.,;!?` that end it (as substituting `[\\s.,;!?]+$`, in
    linear time: that pattern rescans a long run from each of its characters)."""
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in ".,;!?"):
        end -= 1
    return text[:end]


@lru_cache(maxsize=1 << 14)
def link_identifier(text: str, target: str) -> str | None:
    """The identifier a link text consists of (`IUnknown::Release`, `MAPIFreeBuffer`; a plain
    word like `Abort` only when it names a method of the interface the target documents,
    `imapitable-abort.md`), or None."""
    t = _squeeze(text)
    if not _IDENT.fullmatch(t):
        return None
    if "::" in t or looks_like_identifier(t):
        return t
    parts = split_url(target)
    stem = posixpath.basename(parts.path if parts else target).rsplit(".", 1)[0].lower()
    owner = stem.removesuffix(f"-{t.lower()}")
    return t if owner != stem and _INTERFACE.fullmatch(owner) else None


@lru_cache(maxsize=1 << 16)
def _holds_identifier(ref_text: str, ref_target: str, text: str) -> bool:
    """Whether a link text `text` keeps what its reference link's text (to `ref_target`)
    names: that text is no identifier (:func:`link_identifier`), or `text` holds it. Always so
    when `text` is `ref_text`, since the identifier is then the squeezed `text` itself."""
    ident = link_identifier(ref_text, ref_target)
    return ident is None or ident.casefold() in _folded_squeeze(text)


@per_page
def _named_links(page: Page) -> tuple[tuple[int, Link, str], ...]:
    """(index, link, casefolded identifier) of the links whose text is an identifier."""
    return tuple((i, r, ident.casefold()) for i, r in enumerate(page.links)
                 if (ident := link_identifier(r.text, r.target)) is not None)


@lru_cache(maxsize=1 << 14)
def _folded_squeeze(text: str) -> str:
    return _squeeze(text).casefold()


def _lost_identifier(page: Page, r: Link, p: Link) -> Difference | None:
    if _holds_identifier(r.text, r.target, p.text):
        return None
    ident = link_identifier(r.text, r.target)
    written = _squeeze(p.text)
    place = text_fix(page, p, p.text, ident)
    truncated = len(written) > 1 and (ident.startswith(written) or ident.endswith(written))
    fix = None
    if truncated:
        how = "is a truncated form of"
        fix = (displaced_fix(page, p, written, ident) or text_fix(page, p, written, ident)) \
            if r.target == p.target else None
    elif not written:
        how = "has lost the identifier"
    elif translit.skeleton(ident) in translit.skeleton(written):
        how = "holds a damaged form of"
        spaced = spaced_out(ident, p.text)
        if len(spaced) == 1 and r.target == p.target:  # only spaces were inserted
            fix = text_fix(page, p, spaced[0], ident)
    else:
        how = "is not the identifier"
    return Difference(code="RL503", key=("link-text", ident, p.text), line=p.span.line_start,
                      column=place.column if place else None,
                      message=f"link text `{p.text}` {how} `{ident}`",
                      expected=ident, actual=p.text, fix=fix, source_change=False)


def _links(item, locale, ctx, code) -> Iterator[Finding]:
    return report(item, locale, ctx, code, _links_pair)


check_table(_links, (
    ("RL500", Category.LINK, Severity.ERROR, "link-target-changed",
     """A link points elsewhere than the reference's link at the same place.

     Bad:  `[IUnknown](http://msdn.microsoft.com/en-us/library/ms682317.aspx)`
     Good: `[IUnknown::Release](https://msdn.microsoft.com/library/ms682317.aspx)`, as in the reference.
     """),
    ("RL501", Category.LINK, Severity.WARNING, "link-missing",
     """A link of the reference has no counterpart on the page.

     Bad:  `|Anular** <br/> |` in a vtable where the reference has `[Abort](imapitable-abort.md)`.
     Good: `|[Abort](imapitable-abort.md) <br/> |`.
     """),
    ("RL502", Category.LINK, Severity.WARNING, "link-extra",
     """The page has a link that the reference does not have.

     Bad:  a link to `https://mfcmapi.codeplex.com/` the reference does not make.
     Good: the reference's links only.
     """),
    ("RL503", Category.LINK, Severity.ERROR, "link-text-lost-identifier",
     """A link's text is an identifier in the reference, but not on this page: truncated or translated.

     Bad:  `[IUnknown::](https://msdn.microsoft.com/library/ms682317.aspx)`
     Good: `[IUnknown::Release](https://msdn.microsoft.com/library/ms682317.aspx)`
     """),
))


@check("RL505", Category.STALENESS, Severity.NOTE)
def link_outdated(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A link differs from the English source the same way in most other translations.

    The English page changed its links after translation (e.g. CodePlex to GitHub); the
    translation needs an update, but the difference is not a translation defect.
    Bad:  `[MFCMAPI](https://mfcmapi.codeplex.com/)` where English now links to GitHub.
    Good: the current English target.
    """
    page = item.pages.get(locale)
    for d, stale in differences(item, locale, ctx, _links_pair):
        if stale:
            yield as_finding(d, page, item, code="RL505", message=source_message(d))
