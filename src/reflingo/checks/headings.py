"""Damaged section headings (RL614): a heading that is none of the names the locale gives its
section, but one of them with another name spliced into a word (de `HinwBemerkungeneise`:
`Bemerkungen` inside `Hinweise`), or a wrong sense the locale's table names (ru
`"Участники"`, participants, for structure members).

A heading the table does not know and that is neither is left alone: a translation may name a
section in words of its own.
"""

from __future__ import annotations

from typing import Iterator, Mapping

from reflingo.checks.context import CheckContext
from reflingo.checks.registry import check, finding
from reflingo.checks.text import replace_once
from reflingo.findings import Category, Finding, Severity
from reflingo.lang.locales import norm
from reflingo.model import ApiItem

_SHORTEST = 4
"""Names shorter than this are not looked for inside a heading (they occur by chance)."""


def spliced(name: str, names: Mapping[str, str]) -> str | None:
    """The section key of the name that `name` (normalised, see `norm`) is once another name
    of `names` (normalised name -> key) is taken out of it, when that name stood inside one of
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


@check("RL614", Category.UNTRANSLATED, Severity.WARNING)
def damaged_heading(item: ApiItem, locale: str, ctx: CheckContext) -> Iterator[Finding]:
    """A section heading is damaged: another name spliced into one of its words, or a wrong
    sense the locale's table names.

    Bad:  `## <a name="remarks"></a>HinwBemerkungeneise` (de-DE)
    Good: `## <a name="remarks"></a>Bemerkungen`
    """
    if locale.split("-")[0].lower() == "en":
        return
    page = item.pages[locale]
    local, english = ctx.tables.get(locale), ctx.tables.english
    known = {**english.heading_lookup, **local.heading_lookup}
    for section in page.sections:
        if section.heading is None or section.level < 2:
            continue
        text = section.heading.text
        name = norm(text)
        if not name or name in known or name.rstrip(".") in known:
            continue
        key = local.damaged_heading_lookup.get(name)
        wrong_sense = key is not None
        if key is None and (key := spliced(name, known)) is None:
            continue
        if section.anchor in local.headings and section.anchor != key \
                and section.recognised_by == "anchor":
            key = section.anchor
        names = local.headings.get(key, ())
        source = (english.headings.get(key) or (key,))[0]
        expected = names[0] if names else None
        line = section.heading.span.line_start
        message = (f"heading '{text}' names the '{source}' section in a wrong sense"
                   if wrong_sense else f"heading '{text}' is a {locale} name of the "
                   f"'{source}' section with another name spliced into a word")
        if expected is None:
            message += f" ({locale} has no attested name for it)"
        at = page.line(line).find(text)
        yield finding("RL614", page, line, message, item=item, column=at + 1 if at >= 0 else None,
                      expected=expected, actual=text,
                      fix=replace_once(page, line, text, expected) if expected else None)
