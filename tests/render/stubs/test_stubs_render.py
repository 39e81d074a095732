"""The stub renderer: golden files of the fixture pages, the seeds' IMAPISession::Logoff, the
rules (out parameters, flags, property tags, unknowns), determinism, locales."""

from __future__ import annotations

import ast
import importlib.util
import os
import random
import sys

import pytest

from conftest import FIXTURE_TABLE, GOLDEN, PAGES
from reflingo.render.stubs import StubOptions, corpus_facts, render_package, render_stubs
from reflingo.render.stubs.tags import prop_tag, property_tags, type_value

MODULES = ("interfaces.pyi", "functions.pyi", "structures.pyi", "constants.pyi", "constants.py")


def module(package, name: str) -> ast.Module:
    return ast.parse(package.files[f"mapi_types/{name}"])


def classes(tree: ast.Module) -> dict[str, ast.ClassDef]:
    return {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}


def functions(node) -> dict[str, ast.FunctionDef]:
    return {n.name: n for n in node.body if isinstance(n, ast.FunctionDef)}


def params(fn: ast.FunctionDef) -> list[tuple[str, str]]:
    args = fn.args.posonlyargs + fn.args.args
    return [(a.arg, ast.unparse(a.annotation) if a.annotation else "") for a in args]


@pytest.mark.parametrize("name", MODULES)
def test_golden_files_of_the_fixture_pages(fixture_package, name):
    """The fixture pages: an interface with a base, methods with [out] parameters, a function,
    a structure with a nested union, a property (REFLINGO_UPDATE_GOLDEN=1 rewrites them)."""
    text = fixture_package.files[f"mapi_types/{name}"]
    golden = GOLDEN / (name + ".txt")
    if os.environ.get("REFLINGO_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_interface_has_its_base_and_its_methods_in_vtable_order(fixture_package):
    store = classes(module(fixture_package, "interfaces.pyi"))["IWidgetStore"]
    assert [ast.unparse(b) for b in store.bases] == ["IUnknown"]
    assert list(functions(store)) == ["OpenWidget", "CountWidgets", "Reserved1"]


def test_out_parameters_are_returned(fixture_package):
    methods = functions(classes(module(fixture_package, "interfaces.pyi"))["IWidgetStore"])
    open_widget, count = methods["OpenWidget"], methods["CountWidgets"]
    assert params(open_widget) == [("self", ""), ("cbEntryID", "int"), ("lpEntryID", "bytes"),
                                   ("ulFlags", "OpenWidget_ulFlags")]
    assert ast.unparse(open_widget.returns) == "tuple[int, IWidgetStore]"
    assert ast.unparse(count.returns) == "int"
    doc = ast.get_docstring(open_widget)
    assert "Raises:\n    MAPI_E_NOT_FOUND: No widget has this entry identifier." in doc
    assert "Return values:\n    S_OK: The widget was opened." in doc


def test_an_unknown_type_is_object_and_reported(fixture_package):
    fn = functions(module(fixture_package, "functions.pyi"))["HrCreateWidget"]
    assert ("lpfnCallback", "object") in params(fn)
    assert ("lpInfo", "WIDGETINFO") in params(fn) and ("lpStore", "IWidgetStore") in params(fn)
    unknown = [(u.what, u.name, u.item) for u in fixture_package.report.unknowns]
    assert ("type", "LPFNWIDGETCALLBACK", "HrCreateWidget") in unknown


def test_structure_with_a_nested_union_and_struct(fixture_package):
    info = classes(module(fixture_package, "structures.pyi"))["WIDGETINFO"]
    fields = {ast.unparse(n.target): ast.unparse(n.annotation) for n in info.body
              if isinstance(n, ast.AnnAssign)}
    assert fields == {"ulKind": "WidgetKind", "ulFlags": "WIDGETINFO_ulFlags",
                      "Detail": "DetailUnion", "abReserved": "bytes"}
    union = classes(info)["DetailUnion"]
    assert {ast.unparse(n.target) for n in union.body if isinstance(n, ast.AnnAssign)} == \
        {"lSize", "lpszLabel", "Blob"}
    assert "BlobStruct" in classes(union)


def test_flag_without_a_value_is_a_comment_and_reported(fixture_package):
    text = fixture_package.files["mapi_types/constants.py"]
    assert "\n    # WIDGET_COLORFUL: value unknown\n" in text
    assert "\n# WIDGET_COLORFUL: value unknown\n" in text
    assigned = {ast.unparse(t) for n in ast.walk(ast.parse(text))
                for t in (n.targets if isinstance(n, ast.Assign) else
                          [n.target] if isinstance(n, ast.AnnAssign) else [])}
    assert "WIDGET_READONLY" in assigned and "WIDGET_COLORFUL" not in assigned
    assert any(u.what == "flag value" and u.name == "WIDGET_COLORFUL"
               for u in fixture_package.report.unknowns)


def test_property_tags_are_computed_and_disagreements_reported(fixture_package):
    consts = fixture_package.files["mapi_types/constants.py"]
    assert "PR_WIDGET_LABEL_A: Final = 0x6A01001E" in consts
    assert "PR_WIDGET_LABEL_W: Final = 0x6A01001F" in consts
    assert "PR_WIDGET_LABEL: Final = 0x6A01001F" in consts       # TSTRING as in UNICODE
    assert "PidTagWidgetLabel: Final = PR_WIDGET_LABEL" in consts
    [d] = fixture_package.report.disagreements
    assert (d.name, d.computed, d.table) == ("PR_WIDGET_LABEL", 0x6A01001F,
                                             FIXTURE_TABLE["PR_WIDGET_LABEL"])


def test_tag_rule():
    assert prop_tag(type_value("PT_LONG"), 0x0E08) == 0x0E080003
    assert type_value("PT_MV_BINARY") == 0x1102 and type_value("PT_NOPE") is None
    tags = {t.name: t.value for t in property_tags(0x3A1A, ["PT_MV_UNICODE"],
                                                   ["PR_X", "PR_X_A", "PR_X_W", "dispidX"])}
    assert tags == {"PR_X": 0x3A1A101F, "PR_X_A": 0x3A1A101E, "PR_X_W": 0x3A1A101F}
    [tag] = property_tags(1, ["PT_GUID"], ["PR_G"])
    assert tag.value is None and "PT_GUID" in tag.note


def test_output_is_deterministic(fixture_package):
    from reflingo.run import load_corpus
    facts = corpus_facts(load_corpus([str(PAGES)]))
    random.Random(7).shuffle(facts)
    assert render_package(facts, FIXTURE_TABLE).files == fixture_package.files


def _runtime_constants(path):
    spec = importlib.util.spec_from_file_location("stub_constants_under_test", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_logoff_from_content(seeds_package, seeds_corpus):
    package, root = seeds_package
    session = classes(module(package, "interfaces.pyi"))["IMAPISession"]
    logoff = functions(session)["Logoff"]
    assert params(logoff) == [("self", ""), ("ulUIParam", "int"), ("ulFlags", "Logoff_ulFlags"),
                              ("ulReserved", "int")]
    assert ast.unparse(logoff.returns) == "None"
    summary = seeds_corpus.by_name["IMAPISession::Logoff"].summary["es-ES"].text
    assert ast.get_docstring(logoff).startswith(summary)
    constants = _runtime_constants(root / "mapi_types" / "constants.py")
    flags = constants.Logoff_ulFlags
    assert issubclass(flags, int) and {m.name: m.value for m in flags} == {
        "MAPI_LOGOFF_SHARED": 0x1, "MAPI_LOGOFF_UI": 0x2}
    assert constants.MAPI_LOGOFF_UI == 0x2 and constants.S_OK == 0


@pytest.mark.parametrize("locale", ["ru-RU", "de-DE", "fr-FR"])
def test_docstrings_follow_the_locale_with_fallback(seeds_corpus, table, locale):
    package = render_stubs(seeds_corpus, table, StubOptions(locale=locale))
    logoff = functions(classes(module(package, "interfaces.pyi"))["IMAPISession"])["Logoff"]
    item = seeds_corpus.by_name["IMAPISession::Logoff"]
    # fr-FR has no page and neither has en-US: the first locale that has the text
    expected = item.summary.get(locale) or item.summary[min(item.summary)]
    assert ast.get_docstring(logoff).startswith(expected.text)
    assert f"/{(locale if locale in item.pages else min(item.pages)).lower()}/" in \
        ast.get_docstring(logoff)


def _without_docstrings(text: str) -> str:
    tree = ast.parse(text)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            node.body = [n for n in body if not (isinstance(n, ast.Expr) and isinstance(
                n.value, ast.Constant) and isinstance(n.value.value, str))] or [ast.Pass()]
    return ast.dump(tree)


@pytest.mark.corpus
def test_locales_differ_only_in_docstrings(slice_packages):
    es, ru = slice_packages["es-ES"].files, slice_packages["ru-RU"].files
    assert es.keys() == ru.keys()
    differ = [p for p in es if es[p] != ru[p]]
    assert {"mapi_types/interfaces.pyi", "mapi_types/structures.pyi"} <= set(differ)
    for path in es:
        if path.endswith((".py", ".pyi")):
            assert _without_docstrings(es[path]) == _without_docstrings(ru[path]), path
    assert slice_packages["es-ES"].report == slice_packages["ru-RU"].report


def test_docstring_text_is_cleaned_and_safe():
    from reflingo.render.stubs.docstrings import clean
    text = 'Values:\n|Type |Member |\n|:---|:---|\n|PT_LONG |l |\n|PT_PTR |lpv \\* |\nsay "hi"'
    assert clean(text) == 'Values: Type, Member; PT_LONG, l; PT_PTR, lpv *; say "hi\\"'
    assert ast.literal_eval('"""' + clean('a """ b \\ c"') + '"""') == 'a """ b \\ c"'


def test_enumeration_is_an_int_enum_and_a_typedef_an_alias(fixture_package, tmp_path):
    from conftest import write_package
    root = write_package(dict(fixture_package.files), tmp_path)
    kind = _runtime_constants(root / "mapi_types" / "constants.py").WidgetKind
    assert {m.name: m.value for m in kind} == {"wkNone": 0, "wkRound": 1, "wkSquare": 0x10,
                                               "wkLast": 0x11}
    assert any(u.what == "enum value" and u.name == "wkCustom"
               for u in fixture_package.report.unknowns)
    structures = fixture_package.files["mapi_types/structures.pyi"]
    assert "from mapi_types.constants import WidgetKind as WidgetKind" in structures
    assert "\nWIDGETDESC: TypeAlias = WIDGETINFO\n" in structures
    fn = functions(module(fixture_package, "functions.pyi"))["HrCreateWidget"]
    assert ("lpInfo", "WIDGETINFO") in params(fn)


def test_text_choice_skips_damaged_translations():
    from reflingo.render.stubs.facts import pick
    texts = {"en-US": "Ends a session.", "ru-RU": "Завершает сеанс.", "de-DE": "Beendet \ufffd."}
    assert pick(texts, "ru-RU") == "Завершает сеанс."
    assert pick(texts, "de-DE") == "Ends a session."
    assert pick({"de-DE": "Beendet \ufffd.", "es-ES": "Finaliza."}, "de-DE") == "Finaliza."
    assert pick({"de-DE": "Beendet \ufffd."}, "fr-FR") == "Beendet \ufffd."
    assert pick({}, "fr-FR") == ""
