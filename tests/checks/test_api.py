"""API fact checks (RL400-RL490): parameters, flags, return values, signature, structure.

Each test writes a small page (an English one, and translations made from it by string
replacement) and asserts what the checks report on one locale.
"""

from __future__ import annotations

from checkutil import edited, item_from

from reflingo.checks import REGISTRY, CheckContext, all_checks

BODY = """# IFoo::Bar

Does something.

```cpp
HRESULT Bar(
  ULONG_PTR ulUIParam,
  ULONG ulFlags,
  ULONG ulReserved
);
```

## Parameters

 _ulUIParam_

> [in] A handle to the parent window.

 _ulFlags_

> [in] A bitmask of flags. The following flags can be set:

MAPI_LOGOFF_SHARED

> The session is shared.

MAPI_LOGOFF_UI

> A dialog box can be shown.

 _ulReserved_

> [in] Reserved; must be zero.

## Return value

S_OK

> The call succeeded.

MAPI_E_CALL_FAILED

> An error prevented the call.

## Remarks

Call [IUnknown::Release](https://msdn.microsoft.com/library/ms682317.aspx) afterwards.

## MFCMAPI reference

|**File**|**Function**|**Comment**|
|:-----|:-----|:-----|
|MAPIObjects.cpp|CMapiObjects::Bar|Calls it.|
|MAPIFunctions.cpp|CMapiFunctions::Bar|Calls it too.|

## See also

[IFoo : IUnknown](ifooiunknown.md)
"""

FLAGS = """MAPI_LOGOFF_SHARED

> The session is shared.

MAPI_LOGOFF_UI

> A dialog box can be shown.
"""

PARAM_UI = """ _ulUIParam_

> [in] A handle to the parent window.

"""

PARAM_FLAGS_HEAD = """ _ulFlags_

> [in] A bitmask of flags. The following flags can be set:

"""

PARAM_RESERVED = """ _ulReserved_

> [in] Reserved; must be zero.

"""

VALUES = """S_OK

> The call succeeded.

MAPI_E_CALL_FAILED

> An error prevented the call.
"""


def page(locale: str, *edits: tuple[str, str]) -> str:
    """The English page, with the front matter of `locale` and each (old, new) edit applied."""
    return edited(BODY, locale, *edits)


def item_of(*texts: str):
    return item_from(texts)


def run(item, locale: str, prefix: str = "RL4", ctx: CheckContext | None = None):
    all_checks()
    return [f for code, c in sorted(REGISTRY.items()) if code.startswith(prefix)
            for f in c.fn(item, locale, ctx or CheckContext())]


def codes(item, locale: str = "es-ES", prefix: str = "RL4") -> list[str]:
    return [f.code for f in run(item, locale, prefix)]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    hits = [i for i, ln in enumerate(text.splitlines(), start=1) if needle in ln]
    return hits[nth - 1]


def pair(*edits: tuple[str, str], en_edits: tuple = ()):
    """An item with the English page and a Spanish one made with `edits`; returns (item, es text)."""
    es = page("es-ES", *edits)
    return item_of(page("en-US", *en_edits), es), es


def test_a_faithful_translation_and_its_source_give_no_finding():
    item, _ = pair(("Does something.", "Hace algo."), ("## Remarks", "## Comentarios"))
    assert codes(item, "es-ES") == []
    assert codes(item, "en-US") == []


# -- parameters ---------------------------------------------------------------------------------
def test_rl400_a_missing_parameter_is_reported_after_the_previous_one():
    item, es = pair((PARAM_RESERVED, ""))
    (f,) = run(item, "es-ES")
    assert (f.code, f.line, f.expected) == ("RL400", line_of(es, "_ulFlags_"), "ulReserved")


def test_rl400_without_reference_compares_with_the_signature():
    texts = [page(loc) for loc in ("de-DE", "pt-BR")] + [page("es-ES", (PARAM_UI, ""))]
    item = item_of(*texts)
    (f,) = run(item, "es-ES")
    assert (f.code, f.expected, f.line) == ("RL400", "ulUIParam", line_of(texts[2], "## Parameters"))
    assert codes(item, "de-DE") == []


def test_rl401_an_undeclared_parameter_is_reported():
    item, es = pair((PARAM_RESERVED, PARAM_RESERVED + " _lpExtra_\n\n> [in] Extra.\n\n"))
    (f,) = run(item, "es-ES")
    assert (f.code, f.line, f.actual) == ("RL401", line_of(es, "_lpExtra_"), "lpExtra")


def test_rl401_values_styled_as_parameters_and_union_members_are_not_parameters():
    value = " _fnevNewMail_\n\n> Registers for new mail.\n\n"
    item = item_of(page("en-US", (PARAM_RESERVED, value + PARAM_RESERVED)))
    assert codes(item, "en-US") == []


def test_rl402_parameters_in_another_order():
    item, es = pair((PARAM_UI + PARAM_FLAGS_HEAD, PARAM_FLAGS_HEAD + PARAM_UI))
    assert "RL402" in codes(item)
    (f,) = [f for f in run(item, "es-ES") if f.code == "RL402"]
    assert f.expected == "ulUIParam, ulFlags, ulReserved"
    assert f.actual == "ulFlags, ulUIParam, ulReserved"


def test_rl403_english_page_names_a_parameter_unlike_its_signature():
    en = page("en-US", (" _ulReserved_", " _ulReserverd_"))
    (f,) = run(item_of(en), "en-US")
    assert (f.code, f.line, f.expected, f.actual) == ("RL403", line_of(en, "_ulReserverd_"),
                                                       "ulReserved", "ulReserverd")


def test_rl403_is_only_for_the_english_source():
    item, _ = pair((" _ulReserved_", " _ulReserverd_"))
    assert "RL403" not in codes(item)
    assert codes(item_of(page("en-US")), "en-US") == []


# -- flags --------------------------------------------------------------------------------------
def test_rl410_missing_flag():
    item, es = pair(("MAPI_LOGOFF_UI\n\n> A dialog box can be shown.\n", ""))
    (f,) = run(item, "es-ES")
    assert (f.code, f.expected, f.line) == ("RL410", "MAPI_LOGOFF_UI", line_of(es, "MAPI_LOGOFF_SHARED"))


def test_rl411_extra_flag():
    item, es = pair((FLAGS, FLAGS + "\nMAPI_DIALOG\n\n> Shows a dialog.\n"))
    (f,) = run(item, "es-ES")
    assert (f.code, f.actual, f.line) == ("RL411", "MAPI_DIALOG", line_of(es, "MAPI_DIALOG"))


def test_rl412_renamed_flag_is_fixed_when_it_is_the_only_one():
    item, es = pair(("MAPI_LOGOFF_UI\n", "MAPI_CIERRE_UI\n"))
    (f,) = run(item, "es-ES")
    assert (f.code, f.expected, f.actual) == ("RL412", "MAPI_LOGOFF_UI", "MAPI_CIERRE_UI")
    assert (f.fix.line, f.fix.column, f.fix.old, f.fix.new) == (
        line_of(es, "MAPI_CIERRE_UI"), 1, "MAPI_CIERRE_UI", "MAPI_LOGOFF_UI")


def test_rl413_flags_in_another_order():
    shared, ui = FLAGS.split("\nMAPI_LOGOFF_UI")
    item, _ = pair((FLAGS, "MAPI_LOGOFF_UI" + ui + "\n" + shared))
    assert codes(item) == ["RL413"]


def test_prose_values_may_be_translated():
    en_edits = ((FLAGS, "0 (zero)\n\n> No flag.\n"),)
    item, _ = pair((FLAGS, "0 (cero)\n\n> Ninguna marca.\n"), en_edits=en_edits)
    assert codes(item) == []


# -- return values ------------------------------------------------------------------------------
def test_rl420_missing_return_value():
    item, es = pair(("MAPI_E_CALL_FAILED\n\n> An error prevented the call.\n", ""))
    (f,) = run(item, "es-ES")
    assert (f.code, f.expected, f.line) == ("RL420", "MAPI_E_CALL_FAILED", line_of(es, "S_OK"))


def test_rl421_extra_return_value():
    item, es = pair((VALUES, VALUES + "\nMAPI_E_NO_ACCESS\n\n> Denied.\n"))
    (f,) = run(item, "es-ES")
    assert (f.code, f.actual, f.line) == ("RL421", "MAPI_E_NO_ACCESS", line_of(es, "MAPI_E_NO_ACCESS"))


def test_rl422_translated_return_values():
    en_edits = ((VALUES, "true\n\n> It works.\n\nfalse\n\n> It does not.\n"),)
    item, es = pair((VALUES, "STIMMT\n\n> Es geht.\n\nfalse\n\n> Es geht nicht.\n"), en_edits=en_edits)
    (f,) = run(item, "es-ES")
    assert (f.code, f.line, f.expected, f.actual) == ("RL422", line_of(es, "STIMMT"), "true", "STIMMT")
    assert f.fix is not None and f.fix.new == "true"


def test_rl423_return_values_in_another_order():
    ok, failed = VALUES.split("\nMAPI_E_CALL_FAILED")
    item, _ = pair((VALUES, "MAPI_E_CALL_FAILED" + failed + "\n" + ok))
    assert codes(item) == ["RL423"]


# -- signature ----------------------------------------------------------------------------------
def test_rl430_changed_declaration():
    item, es = pair(("  ULONG ulFlags,", "  LONG ulFlags,"))
    (f,) = run(item, "es-ES")
    assert (f.code, f.line) == ("RL430", line_of(es, "LONG ulFlags"))
    assert "ULONG ulFlags" in f.expected and "`LONG ulFlags` instead of `ULONG ulFlags`" in f.message


def test_rl430_whitespace_and_comments_do_not_count():
    item, _ = pair(("  ULONG ulFlags,", "      ULONG   ulFlags, // marcas"))
    assert codes(item) == []


def test_rl431_missing_declaration():
    code = BODY[BODY.index("```cpp"):BODY.index("## Parameters")]
    item, es = pair((code, ""))
    (f,) = run(item, "es-ES")
    assert (f.code, f.line) == ("RL431", line_of(es, "## Parameters"))
    assert f.expected.startswith("HRESULT Bar(")


# -- structure ----------------------------------------------------------------------------------
def test_rl440_missing_section():
    see_also = "## See also\n\n[IFoo : IUnknown](ifooiunknown.md)\n"
    item, es = pair((see_also, ""))
    assert codes(item) == ["RL440"]


def test_rl440_an_unrecognised_heading_is_not_a_missing_section():
    item, _ = pair(("## Remarks", "## Observaciones curiosas"))
    assert codes(item) == []


def test_rl441_section_twice():
    item, es = pair(("## MFCMAPI reference", "## Remarks\n\nMore.\n\n## MFCMAPI reference"))
    (f,) = run(item, "es-ES")
    assert (f.code, f.line) == ("RL441", line_of(es, "## Remarks", 2))
    assert "appears twice" in f.message


def test_rl442_table_row_lost():
    item, es = pair(("|MAPIFunctions.cpp|CMapiFunctions::Bar|Calls it too.|\n", ""))
    (f,) = run(item, "es-ES")
    assert (f.code, f.line, f.expected, f.actual) == ("RL442", line_of(es, "|**File**"), "2", "1")


# -- differences the English source explains ----------------------------------------------------
def test_rl490_a_difference_all_translations_share_is_a_note_on_the_source():
    added = ("MAPI_LOGOFF_UI\n\n> A dialog box can be shown.\n",
             "MAPI_LOGOFF_UI\n\n> A dialog box can be shown.\n\nMAPI_LOGOFF_NEW\n\n> New.\n")
    texts = [page("en-US", added)] + [page(loc) for loc in ("de-DE", "es-ES", "pt-BR")]
    item = item_of(*texts)
    (f,) = run(item, "es-ES")
    assert (f.code, f.severity, f.expected) == ("RL490", "note", "MAPI_LOGOFF_NEW")
    assert "[RL410]" in f.message


def test_rl490_stays_silent_when_only_this_translation_differs():
    texts = [page("en-US"), page("de-DE"), page("pt-BR"), page("es-ES", ("MAPI_LOGOFF_UI\n", "MAPI_UI\n"))]
    item = item_of(*texts)
    assert codes(item, "es-ES") == ["RL412"]
    assert codes(item, "de-DE") == []


# -- seeds --------------------------------------------------------------------------------------
def test_seeds_have_no_api_or_structure_finding(seeds_corpus):
    for item in seeds_corpus.items:
        for locale in item.locales:
            assert codes(item, locale) == [], (item.name, locale)
