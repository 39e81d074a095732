"""Markup checks: DocFX leftovers, emphasis and alerts, untranslated text, repeated phrases.

Codes RL600-RL699. The reference for a locale is its en-US page; without one, the item's other
localized pages (and the English source text embedded by bilingual markup) stand in for it.
"""

from __future__ import annotations

import re
from operator import eq
from collections import Counter
from typing import Iterator, Mapping, Sequence

from reflingo.checks import CheckContext, check, finding
from reflingo.checks.text import body_lines as _body_lines
from reflingo.findings import Category, Finding, Fix, Severity
from reflingo.locales import norm
from reflingo.model import ApiItem, Page, Section
from reflingo.parse.docfx import strip_bilingual

_BOLD_RUN = re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*")
_IDENT = r"[A-Za-z_~][A-Za-z0-9_]*(?:\s*::\s*~?[A-Za-z_][A-Za-z0-9_]*)*"
_IDENT_RE = re.compile(rf"^{_IDENT}$")
_WORDS = r"[^\W\d_]+(?:[ \t][^\W\d_]+){0,2}"
_WORDS_BEFORE = re.compile(rf"^(?P<words>{_WORDS})\s+(?P<ident>{_IDENT})(?P<punct>[.,;:]?)$")
_WORDS_AFTER = re.compile(rf"^(?P<ident>{_IDENT})\s+(?P<words>{_WORDS})(?P<punct>[.,;:]?)$")
_ALERT_LIKE = re.compile(r"^\s*>\s*(?:\*\*[^*\s]+:?\*\*\s*:?|[^\W\d_]+:)")


def _target(line: str) -> str:
    """The line as a reader sees it: bilingual pairs reduced to their target text."""
    return strip_bilingual(line)[0]


def _replace_once(page: Page, line: int, old: str, new: str) -> Fix | None:
    """A fix replacing `old` on the line, when it occurs there exactly once."""
    raw = page.line(line)
    if not old or raw.count(old) != 1 or "data-ttu-id" in raw:
        return None
    return Fix(line=line, column=raw.index(old) + 1, old=old, new=new)


# --- bilingual markup -------------------------------------------------------------------------

@check("RL601", Category.MARKUP, Severity.WARNING)
def bilingual_markup(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A line still carries the bilingual span markup of the translation tool.

    Bad:  `<span data-ttu-id="x">Parâmetros</span><span class="sxs-lookup">...</span></span>`
    Good: `Parâmetros`
    """
    page = item.pages[locale]
    for n, line in _body_lines(page):
        if "data-ttu-id" not in line and "sxs-lookup" not in line:
            continue
        target = _target(line)
        if target == line:
            continue
        yield finding("RL601", page, n, "bilingual span markup left in the text", item=item,
                      column=1, expected=target.strip(),
                      fix=Fix(line=n, column=1, old=line, new=target))


# --- emphasis ---------------------------------------------------------------------------------

_SCOPE_SPACES = re.compile(r"\s*::\s*")
_MIXED_CASE = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]")


def _compact(ident: str) -> str:
    return _SCOPE_SPACES.sub("::", ident) if ":" in ident else ident


def _reference_texts(item: ApiItem, locale: str, ctx: CheckContext) -> list[str]:
    """Lines the locale's emphasis is compared with: en-US, else the other locales' text and
    the English source embedded in this page."""
    ref = ctx.reference(item, locale)
    if ref is not None:
        return list(ref.lines)
    texts = [_target(line) for loc, p in item.pages.items() if loc != locale for line in p.lines]
    for line in item.pages[locale].lines:
        source = strip_bilingual(line)[1]
        if source:
            texts.append(source)
    return texts


def _bold_identifiers(texts: Sequence[str]) -> tuple[set[str], set[str]]:
    """Identifiers bolded alone, and identifiers bolded together with words, in the texts."""
    alone, mixed = set(), set()
    for text in texts:
        for m in _BOLD_RUN.finditer(text):
            inner = m.group(1).strip()
            if _IDENT_RE.match(inner):
                alone.add(_compact(inner))
                continue
            for pattern in (_WORDS_BEFORE, _WORDS_AFTER):
                mm = pattern.match(inner)
                if mm:
                    mixed.add(_compact(mm.group("ident")))
    return alone, mixed


def _looks_like_code(ident: str) -> bool:
    return "::" in ident or "_" in ident or _MIXED_CASE.search(ident) is not None


def _moved_emphasis(run: str, alone: set[str], mixed: set[str]) -> tuple[str, str] | None:
    """(identifier, fixed text) when a bold run is translated words plus an identifier that the
    reference bolds alone (`**método IFoo::Bar.**` -> `método **IFoo::Bar**.`)."""
    inner = run[2:-2]
    for pattern, before in ((_WORDS_BEFORE, True), (_WORDS_AFTER, False)):
        m = pattern.match(inner)
        if not m:
            continue
        ident, words, punct = m.group("ident"), m.group("words"), m.group("punct")
        key = _compact(ident)
        if (key not in alone or key in mixed or not _looks_like_code(key)
                or any(_looks_like_code(w) for w in words.split())):
            continue  # `**OpenProperty para**` reads as words + "para" first
        return ident, (f"{words} **{ident}**{punct}" if before else f"**{ident}** {words}{punct}")
    return None


@check("RL602", Category.MARKUP, Severity.WARNING)
def emphasis_moved(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """Bold emphasis that marks an identifier alone in the reference also covers translated words.

    Bad:  `O **método IMAPISession::Logoff** encerra` (source: `The **IMAPISession::Logoff**`)
    Good: `O método **IMAPISession::Logoff** encerra`
    """
    page = item.pages[locale]
    alone, mixed = _bold_identifiers(_reference_texts(item, locale, ctx))
    for n, line in _body_lines(page):
        target = _target(line)
        if "**" not in target:
            continue
        for m in _BOLD_RUN.finditer(target):
            moved = _moved_emphasis(m.group(0), alone, mixed)
            if moved is None:
                continue
            ident, new = moved
            col = line.find(m.group(0))  # the target text comes first on a bilingual line
            fix = Fix(line=n, column=col + 1, old=m.group(0), new=new) if col >= 0 else None
            yield finding("RL602", page, n, f"bold covers translated words as well as `{ident}`",
                          item=item, column=col + 1 if col >= 0 else None, expected=new,
                          actual=m.group(0), fix=fix)


# --- admonitions ------------------------------------------------------------------------------

def _alert_counts(page: Page) -> Counter:
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


@check("RL604", Category.MARKUP, Severity.WARNING)
def alert_marker_translated(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """An alert marker is not one DocFX knows (it was translated), so it shows as text.

    Bad:  `> [!HINWEIS] Die erweiterte MAPI ...` (after `> [!NOTE]`), or `> [!NOTA]`
    Good: `> [!NOTE]` followed by `> Die erweiterte MAPI ...`
    """
    page = item.pages[locale]
    previous = ""
    for n, line in _body_lines(page):
        m = _MARKER.match(line)
        if m and m.group(3).upper() not in _DOCFX_ALERTS:
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
        previous = line


# --- untranslated text ------------------------------------------------------------------------

def _is_english(locale: str) -> bool:
    return locale.split("-")[0].lower() == "en"


def _untranslated(text: str, english: Mapping[str, Sequence[str]],
                  local: Mapping[str, Sequence[str]], key: str | None = None) -> str | None:
    """The locale's preferred form when `text` is the English form of a key the locale
    translates (and not itself accepted there), else None."""
    n = norm(text)
    if not n or any(n == norm(t) for forms in local.values() for t in forms):
        return None
    if key is None:
        key = next((k for k, forms in english.items() if any(n == norm(t) for t in forms)), None)
    elif not any(n == norm(t) for t in english.get(key, ())):
        return None
    translations = local.get(key, ()) if key else ()
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
    english, local = ctx.tables.english.headings, ctx.tables.get(locale).headings
    for section in page.sections:
        if section.heading is None or section.level < 2:
            continue
        text = section.heading.text
        key = section.anchor if section.anchor in local and section.anchor in english else None
        expected = _untranslated(text, english, local, key) or (
            _untranslated(text, english, local) if key else None)
        if expected is None:
            continue
        line = section.heading.span.line_start
        yield finding("RL611", page, line, f"heading '{text}' is not translated", item=item,
                      expected=expected, actual=text, fix=_replace_once(page, line, text, expected))


@check("RL612", Category.UNTRANSLATED, Severity.WARNING)
def untranslated_table_header(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A table header cell is left in English where the locale translates it.

    Bad:  `|**Datei**|**Funktion**|**Comment**|` (de-DE)
    Good: `|**Datei**|**Funktion**|**Kommentar**|`
    """
    if _is_english(locale):
        return
    page = item.pages[locale]
    english, local = ctx.tables.english.table_headers, ctx.tables.get(locale).table_headers
    for table in page.tables:
        line = table.span.line_start
        for cell in table.header:
            expected = _untranslated(cell, english, local)
            if expected is None:
                continue
            fix = _replace_once(page, line, cell.strip("*_ "), expected)
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
                       english.labels, local.labels, "applies-to", True))
    for prop in page.properties:
        labels.append((prop.label, prop.span.line_start, english.properties, local.properties,
                       prop.key, True))
    description = page.front.description or ""
    if ":" in description and "description" in page.front.lines:
        labels.append((description.split(":", 1)[0], page.front.lines["description"],
                       english.date, local.date, "last-modified", False))
    for text, line, eng, loc, key, fixable in labels:
        expected = _untranslated(text, eng, loc, key)
        if expected is None:
            continue
        fix = _replace_once(page, line, text, expected) if fixable else None
        yield finding("RL613", page, line, f"label '{text}' is not translated", item=item,
                      column=fix.column if fix else None, expected=expected, actual=text, fix=fix)


# --- repeated phrases -------------------------------------------------------------------------

_BARRIER = "\x00"
_MASKED = re.compile(
    r'<span class="sxs-lookup">.*?</span></span>'      # bilingual source text
    r"|`[^`\n]*`"                                        # inline code
    r"|\]\((?:[^()\s]|\([^()\s]*\))*\)"                  # link targets (the text is kept)
    r"|<[^<>\n]*>|https?://\S+")                         # tags, bare URLs
_TOKEN = re.compile(r"\([^()\n\x00]{1,40}\)|[\w'’\ufffd]+(?:(?:::|[-./])[\w'’\ufffd]+)*|\x00+|\S")
_CODE_WORD = re.compile(r"[\d_]|::|[a-z][A-Z]|^[A-Z]{2,}")
#: Words whose immediate repetition is grammatical ("..., die die Schnittstelle ...").
_REDUPLICATIONS = {
    "de": {"die", "der", "das", "den", "dem", "des", "sie", "es"},
    "en": {"that", "had", "is"},
}
#: Words after which a repeated verb phrase is grammatical ("changes that are made are made").
_RELATIVES = {"en": {"that", "which", "who"}}
#: Nouns that nest legitimately: "a pointer to a pointer to", "bit a bit" (bitwise, es/pt).
_NESTING = {
    "pointer", "pointers", "puntero", "punteros", "ponteiro", "ponteiros", "zeiger",
    "указатель", "указатели", "указателя", "указателей", "ссылка", "ссылки", "bit",
}


_WORD = re.compile(r"\w+")


def _maybe_repeated(line: str) -> bool:
    """A cheap necessary condition: some run of d <= 12 words is followed by the same d words
    (a repeated group of tokens repeats its words)."""
    words = _WORD.findall(line.casefold())
    if len(words) == len(set(words)):
        return False
    for d in range(1, min(12, len(words) // 2) + 1):
        same = bytes(map(eq, words, words[d:]))       # same[k]: word k == word k + d
        if b"\x01" * d in same:
            return True
    return False


def _tokens(line: str) -> list[re.Match[str]]:
    masked = _MASKED.sub(lambda m: _BARRIER * len(m.group(0)), line)
    return list(_TOKEN.finditer(masked))


def _wordlike(tok: str) -> bool:
    return (tok.startswith("(") or tok[0].isalpha()) and not _CODE_WORD.search(tok)


def _repetition(line: str, lang: str) -> Iterator[tuple[int, int, int, int]]:
    """(start of the first copy, end of the first copy, end of the second copy, group size)
    for each immediate repetition of 1-4 words or a parenthesised group."""
    if not _maybe_repeated(line):
        return
    toks = _tokens(line)
    words = [_wordlike(t.group(0)) for t in toks]
    folded = [t.group(0).casefold() if w else None for t, w in zip(toks, words)]
    # linked[k]: token k and k+1 are words separated by blanks only
    linked = [words[k] and words[k + 1] and toks[k].end() < toks[k + 1].start()
              and not line[toks[k].end():toks[k + 1].start()].strip(" \t")
              for k in range(len(toks) - 1)]
    i = 0
    while i < len(toks):
        for n in range(1, 5):
            if i + 2 * n > len(toks) or not all(linked[i:i + 2 * n - 1]):
                break
            if folded[i:i + n] != folded[i + n:i + 2 * n]:
                continue
            if _legitimate(folded[i:i + n], folded[i - 1] or "" if i else "", lang):
                continue
            yield toks[i].start(), toks[i + n - 1].end(), toks[i + 2 * n - 1].end(), n
            i += 2 * n - 1
            break
        i += 1


def _legitimate(words: list[str], before: str, lang: str) -> bool:
    """Whether repeating `words` is grammatical or a known nesting idiom."""
    if len(words) == 1 and (words[0] in _REDUPLICATIONS.get(lang, ()) or len(words[0]) < 2):
        return True
    return before in _RELATIVES.get(lang, ()) or any(w in _NESTING for w in words)


@check("RL621", Category.DUPLICATE, Severity.WARNING)
def repeated_phrase(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A word or short phrase is repeated immediately (a machine-translation stutter).

    Bad:  `## <a name="mfcmapi-reference"></a>MFCMAPI (engl.) (engl.)`
    Good: `## <a name="mfcmapi-reference"></a>MFCMAPI-Referenz`
    """
    page = item.pages[locale]
    lang = locale.split("-")[0].lower()
    for n, line in _body_lines(page):
        for start, mid, end, size in _repetition(line, lang):
            phrase = line[start:mid]
            exact = line[mid:end].strip() == phrase
            certain = exact and (size > 1 or phrase.startswith("(")) and "data-ttu-id" not in line
            fix = Fix(line=n, column=mid + 1, old=line[mid:end], new="") if certain else None
            yield finding("RL621", page, n, f"'{phrase}' is repeated", item=item,
                          column=start + 1, expected=phrase, actual=line[start:end], fix=fix)


# --- formatting -------------------------------------------------------------------------------

_CLOSERS = re.compile(r"\*\*(?=\S)[^*\n]+?(?<=\S)\*\*|`[^`\n]+`"
                      r"|\[[^\]\n]*\]\((?:[^()\s]|\([^()\s]*\))*\)")
_SPACED_PUNCT = re.compile(r"[ \t]+([.,;:])(?=\s|$|<)")


@check("RL631", Category.FORMATTING, Severity.NOTE)
def space_before_punctuation(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A space stands between bold text, code or a link and the punctuation that follows it.

    Bad:  `mediante una llamada a su método **IUnknown::Release** .`
    Good: `mediante una llamada a su método **IUnknown::Release**.`
    """
    page = item.pages[locale]
    for n, line in _body_lines(page):
        if "data-ttu-id" in line:
            continue
        for m in _CLOSERS.finditer(line):
            p = _SPACED_PUNCT.match(line, m.end())
            if p is None:
                continue
            yield finding("RL631", page, n, f"space before '{p.group(1)}'", item=item,
                          column=p.start() + 1, expected=p.group(1), actual=p.group(0),
                          fix=Fix(line=n, column=p.start() + 1, old=p.group(0), new=p.group(1)))
