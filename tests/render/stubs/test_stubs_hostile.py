"""Hostile declarations and texts: the readers of C and the docstring cleaner never raise, and
what they return stays well-formed."""

from __future__ import annotations

import ast

from hypothesis import given, settings
from hypothesis import strategies as st

from reflingo.parse.cexpr import evaluate, tokens
from reflingo.render.stubs.cdecl import parse_alias, parse_enum, parse_struct
from reflingo.render.stubs.docstrings import clean
from reflingo.render.stubs.typemap import TypeMap, resolve
from reflingo.run.constants import evaluate_defines

C_ALPHABET = st.sampled_from(list("{}();,*[]=+-<>|&~/%0123456789xXabcdefULFAR_ \n\t#\"'\\")
                             + ["typedef", "struct", "union", "enum", "ULONG", "LPSTR", "0x1F",
                                "define", "FAR *", "//", "/*", "*/"])
C_TEXT = st.lists(C_ALPHABET, max_size=60).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(C_TEXT)
def test_c_readers_never_raise(text):
    block = parse_struct(text)
    assert block is None or all(m.name.isidentifier() for m in block.members)
    members = parse_enum(text)
    assert members is None or all(name.isidentifier() for name, _ in members)
    parse_alias(text)
    assert resolve(text, tmap=TypeMap()).annotation
    value = evaluate(tokens(text))
    assert value is None or isinstance(value, int)
    assert all(isinstance(v, int) for v in evaluate_defines(["#define X " + text]).values())


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.text(max_size=80))
def test_cleaned_text_is_a_safe_docstring(text):
    cleaned = clean(text)
    assert "\n" not in cleaned
    assert isinstance(ast.literal_eval('"""' + cleaned + '"""'), str)


def test_deep_nesting_and_bad_numbers():
    assert parse_struct("typedef struct " + "{" * 5000 + "ULONG a;" + "}" * 5000 + " X;") is None
    assert evaluate(tokens("09")) is None and evaluate(tokens("1 << 99")) is None
    assert evaluate(tokens("(ULONG) 0x10 | 1")) == 0x11


NAMES = st.one_of(st.sampled_from(["IFoo", "IFoo::Bar", "IBar : IFoo", "None", "class", "int",
                                   "IUnknown", "Bar", "def", "x y", "Ünï", "", "IFoo::",
                                   "::Bar", "PR_X", "PidTagX", "_hidden"]),
                  st.text(max_size=12))
TEXTS = st.dictionaries(st.sampled_from(["en-US", "es-ES", "ru-RU"]), st.text(max_size=40),
                        max_size=2)
FLAGS = st.lists(st.fixed_dictionaries({"name": NAMES, "text": TEXTS}), max_size=3)
PARAMS = st.lists(st.fixed_dictionaries({
    "name": NAMES, "type": st.one_of(st.none(), C_TEXT, st.sampled_from(["ULONG", "LPSTR",
                                                                         "LPFOO FAR *"])),
    "direction": st.sampled_from(["in", "out", "in-out", "unknown"]), "text": TEXTS,
    "flags": FLAGS}), max_size=4)
ITEM = st.fixed_dictionaries({
    "kind": st.sampled_from(["interface", "method", "function", "structure", "property"]),
    "name": NAMES, "key": st.text(max_size=6), "paths": st.just({"en-US": "a/b.md"}),
    "summary": TEXTS, "params": PARAMS,
    "returns": st.lists(st.fixed_dictionaries({"name": NAMES, "text": TEXTS}), max_size=2),
    "return_type": st.one_of(st.none(), C_TEXT), "bases": st.lists(NAMES, max_size=2),
    "vtable": st.lists(st.tuples(NAMES, st.sampled_from([None, "a/b.md"])).map(list),
                       max_size=3),
    "pointer_type": st.one_of(st.none(), NAMES), "code": st.one_of(st.none(), C_TEXT),
    "property_id": st.one_of(st.none(), st.integers(-5, 2**40)),
    "property_types": st.lists(st.sampled_from(["PT_LONG", "PT_UNICODE", "PT_STRING8",
                                                "PT_MV_BINARY", "PT_NOPE", ""]), max_size=2),
    "names": st.lists(NAMES, max_size=3), "property_set": st.one_of(st.none(), NAMES),
    "long_id": st.one_of(st.none(), st.integers(0, 2**32)),
    "property_name": st.one_of(st.none(), st.text(max_size=8))})


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.lists(ITEM, max_size=6), st.dictionaries(NAMES, st.integers(-2**33, 2**33),
                                                     max_size=4))
def test_any_facts_give_modules_that_parse(items, table):
    from reflingo.render.stubs import render_package
    package = render_package(items, table)
    for path, text in package.files.items():
        if path.endswith((".py", ".pyi")):
            ast.parse(text, filename=path)
