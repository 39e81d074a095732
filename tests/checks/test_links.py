"""Link checks (RL500-RL505) on small pages written for the test, and on the seeds."""

from __future__ import annotations

from checkutil import edited, item_from, line_of

import posixpath
from pathlib import Path

from reflingo.checks import REGISTRY, CheckContext, all_checks
from reflingo.checks.links import describe, link_identifier
from reflingo.checks.relative_links import _folders, relative_path

BODY = """# IFoo::Bar

Does something.

## Remarks

When **Bar** returns, call [IUnknown::Release](https://msdn.microsoft.com/library/ms682317.aspx) only.

See [Ending a MAPI Session](ending-a-mapi-session.md).

## Vtable order

|**Member**|**Description**|
|:-----|:-----|
|[Abort](ifoo-abort.md)|Stops.|
|[Advise](ifoo-advise.md)|Registers.|

## See also

[IFoo : IUnknown](ifooiunknown.md)

[MFCMAPI as a Code Sample](mfcmapi-as-a-code-sample.md)
"""

MSDN = "https://msdn.microsoft.com/library/ms682317.aspx"
PAGES = frozenset({"outlook/mapi/ifoo-bar.md", "outlook/mapi/ifoo-abort.md",
                   "outlook/mapi/ifoo-advise.md", "outlook/mapi/ifooiunknown.md",
                   "outlook/mapi/ending-a-mapi-session.md",
                   "outlook/mapi/mfcmapi-as-a-code-sample.md"})


def page(locale: str, *edits: tuple[str, str]) -> str:
    """The English page, with the front matter of `locale` and each (old, new) edit applied."""
    return edited(BODY, locale, *edits)


def item_of(*texts: str):
    return item_from(texts)


def run(item, locale: str = "es-ES", ctx: CheckContext | None = None):
    all_checks()
    return [f for code, c in sorted(REGISTRY.items()) if code.startswith("RL5")
            for f in c.fn(item, locale, ctx or CheckContext())]


def codes(item, locale: str = "es-ES", ctx: CheckContext | None = None) -> list[str]:
    return [f.code for f in run(item, locale, ctx)]



def pair(*edits: tuple[str, str]):
    es = page("es-ES", *edits)
    return item_of(page("en-US"), es), es


def test_translated_link_texts_and_reordered_links_are_fine():
    item, _ = pair(("call [IUnknown::Release](" + MSDN + ") only.\n\nSee [Ending a MAPI Session]",
                    "vea primero [Finalizar una sesión MAPI]"),
                   (").", "); llame a [IUnknown:: Release,](" + MSDN + ")."))
    assert codes(item) == []
    assert codes(item, "en-US") == []


# -- RL500 --------------------------------------------------------------------------------------
def test_rl500_changed_target_says_what_differs_and_fixes_the_same_resource():
    old = "http://msdn.microsoft.com/en-us/library/ms682317.aspx"
    item, es = pair((MSDN, old))
    (f,) = run(item)
    assert (f.code, f.line, f.expected, f.actual) == ("RL500", line_of(es, old), MSDN, old)
    assert "scheme http instead of https" in f.message and "locale segment en-us added" in f.message
    assert (f.fix.column, f.fix.old, f.fix.new) == (es.splitlines()[f.line - 1].index(old) + 1, old, MSDN)


def test_rl500_another_page_is_reported_without_fix():
    item, es = pair(("(ifooiunknown.md)", "(ifoo-unknown.md)"))
    (f,) = run(item)
    assert (f.code, f.line, f.fix) == ("RL500", line_of(es, "ifoo-unknown.md"), None)
    assert "path ifoo-unknown.md instead of ifooiunknown.md" in f.message


def test_rl500_a_url_localised_to_the_page_locale_is_fine():
    item, _ = pair(("https://msdn.microsoft.com/library/", "https://msdn.microsoft.com/es-es/library/"))
    assert codes(item) == []


def test_describe_names_each_difference():
    assert describe("https://a.com/x", "https://b.com/x") == "host b.com instead of a.com"
    assert describe("https://a.com/X", "https://a.com/x") == "path differs in case"


# -- RL501, RL502 -------------------------------------------------------------------------------
def test_rl501_missing_link_in_a_table_row_is_placed_on_its_row():
    item, es = pair(("|[Abort](ifoo-abort.md)|", "|Anular**|"))
    found = run(item)
    assert [(f.code, f.line, f.expected) for f in found] == [("RL501", line_of(es, "|Anular**|"), "ifoo-abort.md")]


def test_rl502_extra_link():
    item, es = pair(("Does something.", "Does [something](https://example.com/x)."))
    (f,) = run(item)
    assert (f.code, f.severity, f.line, f.actual) == ("RL502", "warning", line_of(es, "example.com"),
                                                      "https://example.com/x")


# -- RL503 --------------------------------------------------------------------------------------
def test_rl503_truncated_identifier_is_fixed():
    item, es = pair(("[IUnknown::Release]", "[IUnknown::]"))
    (f,) = run(item)
    assert (f.code, f.line, f.expected, f.actual) == ("RL503", line_of(es, "[IUnknown::]"),
                                                      "IUnknown::Release", "IUnknown::")
    line = es.splitlines()[f.line - 1]
    assert line[f.fix.column - 1:f.fix.column - 1 + len(f.fix.old)] == "IUnknown::"
    assert f.fix.new == "IUnknown::Release"


def test_rl503_fix_moves_the_displaced_name_back_into_the_link():
    # `[IUnknown::](...) Release`: the name the text lost stands after the link; the fix puts
    # it back into the text instead of writing it twice
    item, es = pair(("[IUnknown::Release](" + MSDN + ")", "[IUnknown::](" + MSDN + ") Release"))
    (f,) = run(item)
    assert (f.code, f.expected) == ("RL503", "IUnknown::Release")
    line = es.splitlines()[f.line - 1]
    start = f.fix.column - 1
    assert line[start:start + len(f.fix.old)] == f.fix.old
    fixed = line[:start] + f.fix.new + line[start + len(f.fix.old):]
    assert f"[IUnknown::Release]({MSDN}) only." in fixed and "Release Release" not in fixed


def test_rl503_translated_method_name_in_a_vtable_is_reported_without_fix():
    item, es = pair(("[Advise]", "[Aconsejar]"))
    (f,) = run(item)
    assert (f.code, f.line, f.expected, f.fix) == ("RL503", line_of(es, "[Aconsejar]"), "Advise", None)


def test_rl503_identifier_broken_by_a_space_is_fixed():
    item, es = pair(("[IUnknown::Release]", "[el método IUnknown::R elease]"))
    (f,) = run(item)
    assert f.code == "RL503" and "damaged form" in f.message
    assert (f.fix.line, f.fix.old, f.fix.new) == (line_of(es, "R elease"), "IUnknown::R elease", "IUnknown::Release")
    assert es.splitlines()[f.line - 1].index("IUnknown::R elease") + 1 == f.fix.column


def test_rl503_damaged_identifier_without_a_certain_repair():
    item, _ = pair(("[IUnknown::Release]", "[IUnknown:::Release]"))
    (f,) = run(item)
    assert f.code == "RL503" and "damaged form" in f.message and f.fix is None


def test_link_identifier():
    assert link_identifier("IUnknown:: Release.", "x.md") == "IUnknown::Release"
    assert link_identifier("Abort", "imapitable-abort.md") == "Abort"
    assert link_identifier("Messages", "mapi-messages.md") is None
    assert link_identifier("Ending a MAPI Session", "ending-a-mapi-session.md") is None


# -- RL504 --------------------------------------------------------------------------------------
def test_rl504_broken_relative_link_when_the_locale_pages_are_known():
    item, es = pair(("(ifooiunknown.md)", "(ifooiunknow.md)"))
    ctx = CheckContext(existing={"es-ES": PAGES, "en-US": PAGES})
    (f,) = [f for f in run(item, "es-ES", ctx) if f.code == "RL504"]
    assert (f.line, f.actual) == (line_of(es, "ifooiunknow.md"), "ifooiunknow.md")
    assert codes(item, "en-US", ctx) == []


def test_rl504_a_target_every_page_links_to_and_no_locale_has_is_not_judged():
    broken = ("(ifooiunknown.md)", "(ifooiunknow.md)")
    item = item_of(page("en-US", broken), page("es-ES", broken))
    ctx = CheckContext(existing={"es-ES": PAGES, "en-US": PAGES})
    assert codes(item, "es-ES", ctx) == ["RL506"]   # not broken here: missing from the run


def test_rl504_is_not_judged_without_the_locale_pages_or_when_switched_off():
    item = item_of(page("es-ES", ("(ifooiunknown.md)", "(ifooiunknow.md)")))
    assert codes(item) == []
    off = CheckContext(existing={"es-ES": PAGES}, settings={"es-ES": {"check-relative-links": False}})
    assert codes(item, "es-ES", off) == []
    on = CheckContext(existing={"es-ES": PAGES})
    assert codes(item, "es-ES", on) == ["RL504"]


def test_rl504_a_partial_set_is_not_judged():
    item = item_of(page("es-ES"))
    ctx = CheckContext(existing={"es-ES": frozenset({"outlook/mapi/ifoo-bar.md"})})
    assert "RL504" not in codes(item, "es-ES", ctx)


# -- RL506 --------------------------------------------------------------------------------------
def test_rl506_a_link_to_a_page_no_locale_holds_is_a_note_once():
    outside = ("(mfcmapi-as-a-code-sample.md)", "(../../office-add-ins.md)")
    item, es = item_of(page("en-US", outside), page("es-ES", outside)), page("es-ES", outside)
    ctx = CheckContext(existing={"es-ES": PAGES, "en-US": PAGES})
    (f,) = run(item, "es-ES", ctx)
    assert (f.code, f.severity, f.actual) == ("RL506", "note", "../../office-add-ins.md")
    assert f.line == line_of(es, "office-add-ins.md")
    # broken in this locale (RL504) is not reported twice
    item, _ = pair(("(ifooiunknown.md)", "(ifooiunknow.md)"))
    assert "RL504" in codes(item, "es-ES", ctx) and "RL506" not in codes(item, "es-ES", ctx)


def test_rl506_a_page_some_locale_holds_is_no_finding():
    item, _ = pair()
    ctx = CheckContext(existing={"es-ES": PAGES - {"outlook/mapi/ifooiunknown.md"}, "en-US": PAGES})
    assert "RL506" not in codes(item, "es-ES", ctx)
    assert codes(item_of(page("es-ES")), "es-ES") == []   # without the locales' pages


def test_relative_path():
    assert relative_path("outlook/mapi/a.md", "b.md#x") == "outlook/mapi/b.md"
    assert relative_path("outlook/mapi/a.md", "../b.md") == "outlook/b.md"
    assert relative_path("outlook/mapi/a.md", "https://x/b.md") is None
    assert relative_path("a.md", "../b.md") is None


# -- RL505 --------------------------------------------------------------------------------------
def test_rl505_a_link_every_translation_still_has_is_a_note():
    new = ("(mfcmapi-as-a-code-sample.md)", "(https://github.com/microsoft/mfcmapi)")
    texts = [page("en-US", new), page("de-DE"), page("es-ES"), page("pt-BR")]
    item = item_of(*texts)
    (f,) = run(item)
    assert (f.code, f.severity, f.expected) == ("RL505", "note", "https://github.com/microsoft/mfcmapi")


# -- without an English page: the other locales decide ------------------------------------------
def test_consensus_reports_the_odd_one_out_only():
    texts = [page("de-DE"), page("pt-BR"), page("es-ES", ("(ifooiunknown.md)", "(ifoo.md)"))]
    item = item_of(*texts)
    assert codes(item, "es-ES") == ["RL500"]
    assert codes(item, "de-DE") == []


def test_seed_link_defects_are_found(seeds_corpus):
    found = {(Path(f.path).parts[-4], f.code, f.line): f
             for item in seeds_corpus.items for loc in item.locales for f in run(item, loc)}
    de = found.pop(("de-DE", "RL500", 68))
    assert de.path.endswith("content/de-DE/outlook/mapi/imapisession-logoff.md")
    assert de.actual == "http://msdn.microsoft.com/en-us/library/ms682317%28v=VS.85%29.aspx"
    assert de.expected == "https://msdn.microsoft.com/library/ms682317%28v=VS.85%29.aspx"
    ru = found.pop(("ru-RU", "RL503", 68))
    assert ru.path.endswith("content/ru-RU/outlook/mapi/imapisession-logoff.md")
    assert (ru.actual, ru.expected) == ("IUnknown::", "IUnknown::Release")
    assert (ru.fix.line, ru.fix.old, ru.fix.new) == (68, "IUnknown::", "IUnknown::Release")
    de_text = found.pop(("de-DE", "RL503", 68))
    assert (de_text.actual, de_text.expected, de_text.fix) == ("IUnknown", "IUnknown::Release", None)
    assert found == {}


def test_rl506_a_partial_set_is_not_judged():
    item = item_of(page("es-ES"))
    ctx = CheckContext(existing={"es-ES": frozenset({"outlook/mapi/ifoo-bar.md"})})
    assert "RL506" not in codes(item, "es-ES", ctx)


def test_known_folders_are_the_folders_of_the_paths():
    paths = ["a.md", "/a.md", "//a.md", "a//b.md", "a/b/c.md", "a/b/d.md", "a/", "", "///",
             "x//y//z.md", "x/y/", "A/b.md"]
    assert _folders(frozenset(paths)) == {posixpath.dirname(p) for p in paths}
