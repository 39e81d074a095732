"""The one Jinja2 environment of the site: templates shipped in the package, autoescape on,
undefined names an error; the UI strings through gettext catalogs, dates and numbers through
Babel, signatures highlighted with Pygments.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Callable, Mapping

import jinja2
import jinja2.bccache
from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal
from markupsafe import Markup
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import CppLexer, get_lexer_by_name
from pygments.util import ClassNotFound

from reflingo.findings import Category
from reflingo.render.site.catalog import Catalog
from reflingo.render.site.shards import LISTED

_FORMATTER = HtmlFormatter(cssclass="highlight", wrapcode=True)


def N_(message: str) -> str:
    """A UI message named here and translated where it is shown (`pybabel extract` finds it)."""
    return message


CATEGORY_NAMES: Mapping[str, str] = {
    Category.ENCODING: N_("encoding"), Category.IDENTIFIER: N_("identifier"),
    Category.DIRECTION: N_("direction"), Category.PARAMETER: N_("parameter"),
    Category.FLAG: N_("flag"), Category.RETURN_VALUE: N_("return value"),
    Category.SIGNATURE: N_("signature"), Category.LINK: N_("link"),
    Category.STRUCTURE: N_("structure"), Category.MARKUP: N_("markup"),
    Category.METADATA: N_("metadata"), Category.STALENESS: N_("staleness"),
    Category.UNTRANSLATED: N_("untranslated"), Category.DATE: N_("date"),
    Category.DUPLICATE: N_("duplicate"), Category.FORMATTING: N_("formatting"),
}
"""Each finding category's name on the site (the msgid of its catalogs' translation)."""


@functools.lru_cache(maxsize=64)
def babel_locale(tag: str) -> Locale:
    """The Babel locale of a tag (English when Babel does not know it)."""
    try:
        return Locale.parse(tag, sep="-")
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en_US")


def number(value: int | float, locale: str) -> str:
    """A number written the locale's way (`1.234` in de-DE)."""
    return format_decimal(value, locale=babel_locale(locale))


def us_date(text: str | None) -> dt.date | None:
    """`ms.date` (MM/DD/YYYY) as a date."""
    try:
        month, day, year = (int(x) for x in (text or "").strip().split("/"))
        return dt.date(year, month, day)
    except (ValueError, TypeError):
        return None


@functools.lru_cache(maxsize=4096)
def date(text: str | None, locale: str) -> str:
    """An `ms.date` written the locale's way (`9 de marzo de 2015`), or as written."""
    value = us_date(text)
    return format_date(value, format="long", locale=babel_locale(locale)) if value else (text or "")


@functools.lru_cache(maxsize=1024)
def language_name(tag: str, in_locale: str | None = None) -> str:
    """The language of a tag, named in its own language (or in `in_locale`)."""
    loc = babel_locale(tag)
    name = loc.get_display_name(babel_locale(in_locale) if in_locale else loc) or tag
    return name[:1].upper() + name[1:]


@functools.lru_cache(maxsize=4096)
def code_html(source: str, language: str = "cpp") -> Markup:
    """A code block highlighted by Pygments (C++ unless the fence names another language)."""
    try:
        lexer = get_lexer_by_name(language.lower()) if language else CppLexer()
    except ClassNotFound:
        lexer = CppLexer()
    return Markup(highlight(source, lexer, _FORMATTER))


def highlight_css() -> str:
    """The stylesheet of the highlighted code."""
    return _FORMATTER.get_style_defs(".highlight")


def make_env(messages: Mapping[str, str] | None = None) -> jinja2.Environment:
    """The site's Jinja2 environment: templates from the package, autoescape, StrictUndefined,
    the i18n extension with the catalog `messages` (msgid -> msgstr; none: the English text).
    One environment per catalog, built once."""
    return _env(tuple(sorted((messages or {}).items())))


class _SharedCode(jinja2.BytecodeCache):
    """Compiled templates shared by the environments of all locales (in memory): a template is
    compiled once per process, whatever catalog an environment has."""

    code: dict[str, object] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.code = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.code


@functools.lru_cache(maxsize=32)
def _env(items: tuple[tuple[str, str], ...]) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("reflingo.render.site", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             extensions=["jinja2.ext.i18n"], trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=False,
                             auto_reload=False, bytecode_cache=_SharedCode())
    env.filters["number"] = number
    env.filters["date"] = date
    env.globals["language_name"] = language_name
    env.globals["listed_filter"] = LISTED
    gettext, ngettext = _ui_callables(Catalog(dict(items)))
    env.install_gettext_callables(gettext, ngettext, newstyle=False)
    env.globals["category_label"] = lambda category: gettext(CATEGORY_NAMES[category])
    return env


def _ui_callables(catalog: Catalog) -> tuple[Callable[..., Markup], Callable[..., Markup]]:
    """`gettext` and `ngettext` for the templates, as Jinja2's "new style" has them under
    autoescape: the translation is markup, always formatted with its variables (escaped) by
    `%`. Written here rather than installed as new style, so that a message without variables
    (most of a page's) is looked up and formatted once per catalog, not once per use."""
    done: dict[str, Markup] = {}

    def gettext(message: str, **variables: object) -> Markup:
        if variables:
            return Markup(catalog.gettext(message)) % variables
        text = done.get(message)
        if text is None:
            text = done[message] = Markup(catalog.gettext(message)) % variables
        return text

    def ngettext(singular: str, plural: str, num: int, **variables: object) -> Markup:
        variables.setdefault("num", num)
        return Markup(catalog.ngettext(singular, plural, num)) % variables

    return gettext, ngettext


def static_source(name: str) -> str:
    """A file shipped beside the templates (`_static/site.css`), as text."""
    source, _, _ = make_env().loader.get_source(make_env(), name)
    return source
