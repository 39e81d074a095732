"""Damaged headings and labels (RL614): a section heading or a property label that is none of
the names the locale gives it, but one of them with another name spliced into a word (de
`HinwBemerkungeneise`: `Bemerkungen` inside `Hinweise`), or a wrong sense the locale's table
names (ru `"Участники"`, participants, for structure members; `Подвергается`, is subjected
to, for `Exposed by`).

A heading or label the table does not know and that is neither is left alone: a translation
may name a section in words of its own.
"""

from __future__ import annotations

from typing import Iterator, Mapping, Sequence

from reflingo.checks.context import CheckContext
from reflingo.checks.registry import check, finding
from reflingo.checks.text import replace_once
from reflingo.findings import Category, Finding, Severity
from reflingo.lang.locales import norm
from reflingo.model import ApiItem, Page

_SHORTEST = 4
"""Names shorter than this are not looked for inside a heading (they occur by chance)."""


def spliced(name: str, names: Mapping[str, str]) -> str | None:
    """The key of the name that `name` (normalised, see `norm`) is once another name of
    `names` (normalised name -> key) is taken out of it, when that name stood inside one of
    its words; else None."""
    for inner in names:
        if len(inner) < _SHORTEST or len(inner) >= len(name):
            continue
        at = name.find(inner, 1)
        while at > 0:
            outer = name[:at] + name[at + len(inner):]
            if at < len(outer) and outer[at - 1].isalpha() and outer[at].isalpha() \
                    and outer in names:
                return names[outer]
            at = name.find(inner, at + 1)
    return None


def damage(text: str, known: Mapping[str, str], wrong: Mapping[str, str]
           ) -> tuple[str, bool] | None:
    """(the key `text` stands for, whether it is a wrong sense rather than a splice) when the
    text is damaged; None when it is a known name (`known`: normalised name -> key, a trailing
    period aside), a name of its own, or empty. `wrong` maps the wrong senses to their keys."""
    name = norm(text)
    if not name or name in known or name.rstrip(".") in known:
        return None
    if name in wrong:
        return wrong[name], True
    key = spliced(name, known)
    return (key, False) if key is not None else None


@check("RL614", Category.UNTRANSLATED, Severity.WARNING)
def damaged_heading(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A section heading or a property label is damaged: another name spliced into one of its
    words, or a wrong sense the locale's table names.

    Bad:  `## <a name="remarks"></a>HinwBemerkungeneise` (de-DE); `|Подвергается: |` (ru-RU)
    Good: `## <a name="remarks"></a>Bemerkungen`; the label left to the locale's own words
    """
    if locale.split("-")[0].lower() == "en":
        return
    page = item.pages[locale]
    local, english = ctx.tables.get(locale), ctx.tables.english
    known = ctx.tables.with_english(locale, "heading_lookup")
    for section in page.sections:
        if section.heading is None or section.level < 2:
            continue
        hit = damage(section.heading.text, known, local.damaged_heading_lookup)
        if hit is None:
            continue
        key, wrong = hit
        if section.anchor in local.headings and section.recognised_by == "anchor":
            key = section.anchor
        yield _finding(item, page, section.heading.text, section.heading.span.line_start,
                       "heading", local.headings.get(key), english.headings.get(key) or (key,),
                       wrong)
    if page.properties:
        known = ctx.tables.with_english(locale, "property_lookup")
        for prop in page.properties:
            hit = damage(prop.label, known, local.damaged_property_lookup)
            if hit is not None:
                key, wrong = hit
                yield _finding(item, page, prop.label, prop.span.line_start, "label",
                               local.properties.get(key),
                               english.properties.get(key) or (key,), wrong)


def _finding(item: ApiItem, page: Page, text: str, line: int, what: str,
             names: Sequence[str] | None, sources: Sequence[str], wrong: bool) -> Finding:
    """RL614 on the heading or label `text` of `line`: `names` are the locale's names of what
    it stands for (the first one is the fix), `sources` the English ones."""
    of, source = ("section" if what == "heading" else "property"), sources[0]
    expected = names[0] if names else None
    message = (f"{what} '{text}' names the '{source}' {of} in a wrong sense" if wrong else
               f"{what} '{text}' is a {page.locale} name of the '{source}' {of} with another "
               "name spliced into a word")
    if expected is None:
        message += f" ({page.locale} has no attested name for it)"
    at = page.line(line).find(text)
    return finding("RL614", page, line, message, item=item, column=at + 1 if at >= 0 else None,
                   expected=expected, actual=text,
                   fix=replace_once(page, line, text, expected) if expected else None)
