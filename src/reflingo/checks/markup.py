"""Markup checks: DocFX leftovers, emphasis and alerts, untranslated text, formatting.

Codes RL600-RL699. The reference for a locale is its en-US page; without one, the item's other
localized pages (and the English source text embedded by bilingual markup) stand in for it.

The checks read a page's body text (front matter and code blocks blanked, see
:mod:`reflingo.checks.text`) as a whole: one search over the page (a regular expression, a byte
search) finds the few
lines that can hold a finding, and only those lines are examined one by one.
"""

from __future__ import annotations

import dataclasses

import re
from bisect import bisect_left
from collections import Counter
from typing import Iterator, Mapping, NamedTuple, Sequence

from reflingo.checks.context import CheckContext
from reflingo.checks.registry import check, finding
from reflingo.checks.markup_text import bold_readings, reference_bold, target_text as _target
from reflingo.checks.text import body_numbers, body_text, lines_of, one_byte, per_page, replace_once
from reflingo.findings import Category, Finding, Fix, Severity
from reflingo.lang.locales import norm
from reflingo.model import ApiItem, Page, Section

_ALERT_LIKE = re.compile(r"^\s*>\s*(?:\*\*[^*\s]+:?\*\*\s*:?|[^\W\d_]+:)")


# --- bilingual markup -------------------------------------------------------------------------

_BILINGUAL_LINE = re.compile("data-ttu-id")  # other lines read as they are written


@check("RL601", Category.MARKUP, Severity.WARNING)
def bilingual_markup(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """Lines still carry the bilingual span markup of the translation tool.

    Bad:  `<span data-ttu-id="x">Parâmetros</span><span class="sxs-lookup">...</span></span>`
    Good: `Parâmetros`

    A condition of the whole page: one finding at the first such line, with the number of
    lines, and one fix that removes the markup from every line.
    """
    page = item.pages[locale]
    text = body_text(page)
    if "data-ttu-id" not in text:
        return
    fixes = []
    for n in lines_of(page, text, _BILINGUAL_LINE):
        line = page.lines[n - 1]
        target = _target(line)
        if target != line:
            fixes.append(Fix(line=n, column=1, old=line, new=target))
    if not fixes:
        return
    first = fixes[0]
    more = f" on {len(fixes)} lines, from this one to line {fixes[-1].line}" if len(fixes) > 1 else ""
    yield finding("RL601", page, first.line, f"bilingual span markup left in the text{more}",
                  item=item, column=1, end_line=fixes[-1].line, expected=first.new.strip(),
                  fix=dataclasses.replace(first, also=tuple(fixes[1:])))


# --- emphasis ---------------------------------------------------------------------------------
# How a bold run reads as words plus an identifier, and what the reference bolds: markup_text.

@check("RL602", Category.MARKUP, Severity.WARNING)
def emphasis_moved(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """Bold emphasis that marks an identifier alone in the reference also covers translated words.

    Bad:  `O **método IMAPISession::Logoff** encerra` (source: `The **IMAPISession::Logoff**`)
    Good: `O método **IMAPISession::Logoff** encerra`
    """
    page = item.pages[locale]
    if ctx.reference(item, locale) is not None:
        # read once per item: a reference bolding no identifier alone only leaves nothing to find
        alone, mixed = reference_bold(item, locale, ctx)
        runs = bold_readings(page) if not alone <= mixed else []
    else:
        runs = bold_readings(page)
        if not runs:
            return
        alone, mixed = reference_bold(item, locale, ctx)
    for n, run, readings in runs:
        # the first reading whose identifier the reference bolds alone, and never with words
        moved = next(((ident, new) for key, ident, new in readings
                      if key in alone and key not in mixed), None)
        if moved is None:
            continue
        ident, new = moved
        col = page.lines[n - 1].find(run)  # the target text comes first on a bilingual line
        fix = Fix(line=n, column=col + 1, old=run, new=new) if col >= 0 else None
        yield finding("RL602", page, n, f"bold covers translated words as well as `{ident}`",
                      item=item, column=col + 1 if col >= 0 else None, expected=new,
                      actual=run, fix=fix)


# --- admonitions ------------------------------------------------------------------------------

@per_page
def _alert_counts(page: Page) -> Counter:
    """(section, kind) -> how many alerts the page has there (shared: read only)."""
    return Counter((a.section, a.kind.upper()) for a in page.admonitions)


def _reference_alerts(item: ApiItem, locale: str, ctx: CheckContext) -> Counter:
    """(section, kind) -> how many alerts the reference has there."""
    ref = ctx.reference(item, locale)
    if ref is not None:
        return _alert_counts(ref)
    others = [p for loc, p in item.pages.items() if loc != locale]
    if len(others) < 2:
        return Counter()
    votes = Counter()
    for p in others:
        for key, count in _alert_counts(p).items():
            votes[key] += 1 if count else 0
    return Counter({key: 1 for key, v in votes.items() if v * 2 > len(others)})


@check("RL603", Category.MARKUP, Severity.WARNING)
def admonition_lost(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A section lost an alert block (`> [!NOTE]`) that the reference has there.

    Bad:  `> Nota: ...` (or a plain paragraph) where the source has `> [!NOTE]`
    Good: `> [!NOTE]` followed by `> ...`
    """
    page = item.pages[locale]
    wanted = _reference_alerts(item, locale, ctx)
    if not wanted:
        return
    have = _alert_counts(page)
    if all(have[key] >= count for key, count in wanted.items()):
        return  # every alert is there
    have_kinds = Counter(kind for (_, kind), c in have.items() for _ in range(c))
    want_kinds = Counter(kind for (_, kind), c in wanted.items() for _ in range(c))
    for (section_key, kind), count in sorted(wanted.items(), key=lambda kv: str(kv[0])):
        if have[(section_key, kind)] >= count or have_kinds[kind] >= want_kinds[kind]:
            continue
        section = page.section(section_key) if section_key else None
        if section is None or _has_unknown_marker(section):
            continue  # a missing section is the structure checks' finding; a marker, RL604's
        line = _alert_line(section) or section.span.line_start
        yield finding("RL603", page, line,
                      f"the {kind} alert of section '{section_key}' is missing", item=item,
                      expected=f"> [!{kind}]")


def _alert_line(section: Section) -> int | None:
    """The first blockquote of the section that reads like an alert turned into text
    (`> **Nota:** ...`, `> Hinweis: ...`)."""
    for block in section.blocks:
        if block.kind == "blockquote" and _ALERT_LIKE.match(block.text):
            return block.span.line_start
    return None


def _has_unknown_marker(section: Section) -> bool:
    """Whether the section holds an alert whose marker RL604 reports."""
    return any(block.kind == "blockquote" and (m := _MARKER.match(block.text)) is not None
               and m.group(3).upper() not in _DOCFX_ALERTS for block in section.blocks)


_DOCFX_ALERTS = ("NOTE", "TIP", "IMPORTANT", "CAUTION", "WARNING")
_MARKER = re.compile(r"^(\s*>\s*)(\[!([^\]\s]+)\]\s*)")
#: A marker other than one of the DocFX ones as they are usually written: a line without one
#: holds no finding.
_MARKER_HINT = re.compile(r"\[!(?!(?:NOTE|TIP|IMPORTANT|CAUTION|WARNING)\])")


@check("RL604", Category.MARKUP, Severity.WARNING)
def alert_marker_translated(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """An alert marker is not one DocFX knows (it was translated), so it shows as text.

    Bad:  `> [!HINWEIS] Die erweiterte MAPI ...` (after `> [!NOTE]`), or `> [!NOTA]`
    Good: `> [!NOTE]` followed by `> Die erweiterte MAPI ...`
    """
    page = item.pages[locale]
    text = body_text(page)
    if "[!" not in text:
        return
    numbers = body_numbers(page)
    for n in lines_of(page, text, _MARKER_HINT):
        line = page.lines[n - 1]
        m = _MARKER.match(line)
        if m and m.group(3).upper() not in _DOCFX_ALERTS:
            before = bisect_left(numbers, n)  # the body line before this one, if any
            previous = page.lines[numbers[before - 1] - 1] if before else ""
            opened = _MARKER.match(previous)
            stray = (opened is not None and opened.group(3).upper() in _DOCFX_ALERTS
                     and not previous[opened.end():].strip())
            fix = (Fix(line=n, column=m.start(2) + 1, old=m.group(2), new="")
                   if stray and line[m.end():].strip() else None)
            message = (f"translated alert marker '[!{m.group(3)}]' repeats the alert's kind"
                       if stray else f"'[!{m.group(3)}]' is not a DocFX alert marker")
            yield finding("RL604", page, n, message, item=item, column=m.start(2) + 1,
                          actual=m.group(2).strip(), fix=fix,
                          expected="" if stray else " or ".join(f"[!{k}]" for k in _DOCFX_ALERTS))


# --- untranslated text ------------------------------------------------------------------------

def _is_english(locale: str) -> bool:
    return locale.split("-")[0].lower() == "en"


class _Forms(NamedTuple):
    """A table (key -> its forms) with its forms normalized (see `norm`)."""

    table: Mapping[str, Sequence[str]]
    normalized: frozenset[str]
    first_key: dict[str, str]            # normalized form -> the first key that has it
    by_key: dict[str, frozenset[str]]    # key -> its normalized forms


_FORMS: dict[int, _Forms] = {}


def _forms(table: Mapping[str, Sequence[str]]) -> _Forms:
    """The table with its forms normalized, computed once per table."""
    forms = _FORMS.get(id(table))
    if forms is None or forms.table is not table:
        by_key = {key: frozenset(map(norm, texts)) for key, texts in table.items()}
        first_key: dict[str, str] = {}
        for key, normalized in by_key.items():
            for form in normalized:
                first_key.setdefault(form, key)
        if len(_FORMS) > 256:
            _FORMS.clear()
        forms = _FORMS[id(table)] = _Forms(table, frozenset(first_key), first_key, by_key)
    return forms


def _untranslated(text: str, english: _Forms, local: _Forms,
                  key: str | None = None) -> str | None:
    """The locale's preferred form when `text` is the English form of a key the locale
    translates (and not itself accepted there), else None."""
    n = norm(text)
    if not n or n in local.normalized:
        return None
    if key is None:
        key = english.first_key.get(n)
    elif n not in english.by_key.get(key, ()):
        return None
    translations = local.table.get(key, ()) if key else ()
    if not translations:
        return None
    bare = text.strip("*_ ")
    if bare[:1].islower():  # keep the page's style: `| function | description |`
        return translations[0][:1].lower() + translations[0][1:]
    return translations[0]


@check("RL611", Category.UNTRANSLATED, Severity.WARNING)
def untranslated_heading(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A section heading is left in English where the locale translates it.

    Bad:  `## <a name="parameters"></a>Parameters` (es-ES)
    Good: `## <a name="parameters"></a>Parámetros`
    """
    if _is_english(locale):
        return
    page = item.pages[locale]
    english = _forms(ctx.tables.english.headings)
    local = _forms(ctx.tables.get(locale).headings)
    for section in page.sections:
        if section.heading is None or section.level < 2:
            continue
        text = section.heading.text
        anchor = section.anchor
        key = anchor if anchor in local.table and anchor in english.table else None
        expected = _untranslated(text, english, local, key) or (
            _untranslated(text, english, local) if key else None)
        if expected is None:
            continue
        line = section.heading.span.line_start
        yield finding("RL611", page, line, f"heading '{text}' is not translated", item=item,
                      expected=expected, actual=text, fix=replace_once(page, line, text, expected))


@check("RL612", Category.UNTRANSLATED, Severity.WARNING)
def untranslated_table_header(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A table header cell is left in English where the locale translates it.

    Bad:  `|**Datei**|**Funktion**|**Comment**|` (de-DE)
    Good: `|**Datei**|**Funktion**|**Kommentar**|`
    """
    if _is_english(locale):
        return
    page = item.pages[locale]
    english = _forms(ctx.tables.english.table_headers)
    local = _forms(ctx.tables.get(locale).table_headers)
    for table in page.tables:
        line = table.span.line_start
        for cell in table.header:
            expected = _untranslated(cell, english, local)
            if expected is None:
                continue
            fix = replace_once(page, line, cell.strip("*_ "), expected)
            yield finding("RL612", page, line, f"table header '{cell}' is not translated",
                          item=item, column=fix.column if fix else None, expected=expected,
                          actual=cell, fix=fix)


@check("RL613", Category.UNTRANSLATED, Severity.WARNING)
def untranslated_label(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A label (Applies to, a property label, the date label) is left in English.

    Bad:  `**Applies to**: Outlook 2013 | Outlook 2016` (es-ES); `Long ID (LID):` (pt-BR)
    Good: `**Se aplica a**: Outlook 2013 | Outlook 2016`; `ID longo (LID):`
    """
    if _is_english(locale):
        return
    page = item.pages[locale]
    english, local = ctx.tables.english, ctx.tables.get(locale)
    labels = []
    if page.applies_to_label and page.applies_to is not None:
        labels.append((page.applies_to_label, page.applies_to.span.line_start,
                       _forms(english.labels), _forms(local.labels), "applies-to", True))
    if page.properties:
        eng, loc = _forms(english.properties), _forms(local.properties)
        labels.extend((prop.label, prop.span.line_start, eng, loc, prop.key, True)
                      for prop in page.properties)
    description = page.front.description or ""
    if ":" in description and "description" in page.front.lines:
        labels.append((description.split(":", 1)[0], page.front.lines["description"],
                       _forms(english.date), _forms(local.date), "last-modified", False))
    for text, line, eng, loc, key, fixable in labels:
        expected = _untranslated(text, eng, loc, key)
        if expected is None:
            continue
        fix = replace_once(page, line, text, expected) if fixable else None
        yield finding("RL613", page, line, f"label '{text}' is not translated", item=item,
                      column=fix.column if fix else None, expected=expected, actual=text, fix=fix)


# --- formatting -------------------------------------------------------------------------------

_CLOSERS = re.compile(r"\*\*(?=\S)[^*\n]+?(?<=\S)\*\*|`[^`\n]+`"
                      r"|\[[^\[\]\n]*\]\((?:[^()\s]|\([^()\s]*\))*\)")
_SPACED_PUNCT = re.compile(r"[ \t]+([.,;:])(?=\s|$|<)")
#: Blanks to spaces and _SPACED_PUNCT's punctuation to `.`, in the page's bytes (`one_byte`:
#: a blank, a `.` or a newline is only itself) ...
_SPACED_PUNCT_BYTES = bytes.maketrans(b"\t,;:", b" ...")
#: ... where a line holds a finding only if it holds " .": found from the `.` (rare enough
#: for a fast scan) looking back.
_SPACED_DOT = re.compile(rb"\.(?<= \.)")


def _spaced_punct_lines(page: Page) -> list[int]:
    """The lines of the page's body where a blank stands right before `.`, `,`, `;` or `:`."""
    data = one_byte(body_text(page)).translate(_SPACED_PUNCT_BYTES)
    lines, line, counted = [], 1, 0
    for m in _SPACED_DOT.finditer(data):
        line += data.count(b"\n", counted, m.start())
        counted = m.start()
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines


@check("RL631", Category.FORMATTING, Severity.NOTE)
def space_before_punctuation(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A space stands between bold text, code or a link and the punctuation that follows it.

    Bad:  `mediante una llamada a su método **IUnknown::Release** .`
    Good: `mediante una llamada a su método **IUnknown::Release**.`
    """
    page = item.pages[locale]
    for n in _spaced_punct_lines(page):
        line = page.lines[n - 1]
        if "data-ttu-id" in line:
            continue
        for m in _CLOSERS.finditer(line):
            p = _SPACED_PUNCT.match(line, m.end())
            if p is None:
                continue
            yield finding("RL631", page, n, f"space before '{p.group(1)}'", item=item,
                          column=p.start() + 1, expected=p.group(1), actual=p.group(0),
                          fix=Fix(line=n, column=p.start() + 1, old=p.group(0), new=p.group(1)))
