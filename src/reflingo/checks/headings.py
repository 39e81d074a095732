"""Damaged headings and labels (RL614): a section heading or a property label that is none of
the names the locale gives it, but one of them with another name spliced into a word (de
`HinwBemerkungeneise`: `Bemerkungen` inside `Hinweise`), or a wrong sense the locale's table
names (ru `"Участники"`, participants, for structure members; `Подвергается`, is subjected
to, for `Exposed by`).

A heading or label the table does not know and that is neither is left alone: a translation
may name a section in words of its own.
"""

from __future__ import annotations

from typing import Iterator, Mapping

from reflingo.checks.context import CheckContext
from reflingo.checks.registry import check, finding
from reflingo.checks.text import replace_once
from reflingo.findings import Category, Finding, Severity
from reflingo.lang.locales import LocaleTable, norm
from reflingo.model import ApiItem

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


_KNOWN: dict[tuple[int, int, str], tuple[object, object, dict[str, str]]] = {}


def _known(local: LocaleTable, english: LocaleTable, lookup: str) -> dict[str, str]:
    """The English and the locale's names of one lookup (`heading_lookup`, ...), the locale's
    winning, merged once per pair of tables."""
    key = (id(local), id(english), lookup)
    held = _KNOWN.get(key)
    if held is None or held[0] is not local or held[1] is not english:
        if len(_KNOWN) > 64:
            _KNOWN.clear()
        held = _KNOWN[key] = (local, english,
                              {**getattr(english, lookup), **getattr(local, lookup)})
    return held[2]


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
    found = []        # (text, line, key, wrong sense, names, English names, what it is)
    known = _known(local, english, "heading_lookup")
    for section in page.sections:
        if section.heading is None or section.level < 2:
            continue
        hit = damage(section.heading.text, known, local.damaged_heading_lookup)
        if hit is None:
            continue
        key, wrong = hit
        if section.anchor in local.headings and section.recognised_by == "anchor":
            key = section.anchor
        found.append((section.heading.text, section.heading.span.line_start, key, wrong,
                      local.headings, english.headings, "heading", "section"))
    if page.properties:
        known = _known(local, english, "property_lookup")
        for prop in page.properties:
            hit = damage(prop.label, known, local.damaged_property_lookup)
            if hit is not None:
                found.append((prop.label, prop.span.line_start, *hit, local.properties,
                              english.properties, "label", "property"))
    for text, line, key, wrong, names, sources, what, of in found:
        source = (sources.get(key) or (key,))[0]
        expected = (names.get(key) or (None,))[0]
        message = (f"{what} '{text}' names the '{source}' {of} in a wrong sense" if wrong else
                   f"{what} '{text}' is a {locale} name of the '{source}' {of} with another "
                   "name spliced into a word")
        if expected is None:
            message += f" ({locale} has no attested name for it)"
        at = page.line(line).find(text)
        yield finding("RL614", page, line, message, item=item, column=at + 1 if at >= 0 else None,
                      expected=expected, actual=text,
                      fix=replace_once(page, line, text, expected) if expected else None)
