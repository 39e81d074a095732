"""On a slice of the shared corpus: a stub for every interface, method, function, structure and
property page, and the counts of the report agree with the pages."""

from __future__ import annotations

import ast

import pytest

from reflingo.model import PageKind, PropertyItem

pytestmark = pytest.mark.corpus


def _names(package) -> dict[str, set[str]]:
    files = package.files
    interfaces = ast.parse(files["mapi_types/interfaces.pyi"])
    methods = {f"{c.name}::{f.name}" for c in interfaces.body if isinstance(c, ast.ClassDef)
               for f in c.body if isinstance(f, ast.FunctionDef)}
    constants = ast.parse(files["mapi_types/constants.py"])
    return {
        "interface": {c.name for c in interfaces.body if isinstance(c, ast.ClassDef)},
        "method": methods,
        "function": {f.name for f in ast.parse(files["mapi_types/functions.pyi"]).body
                     if isinstance(f, ast.FunctionDef)},
        "structure": {n.name if isinstance(n, ast.ClassDef) else ast.unparse(n.target)
                      for n in ast.parse(files["mapi_types/structures.pyi"]).body
                      if isinstance(n, (ast.ClassDef, ast.AnnAssign))},
        "constant": {ast.unparse(n.target) for n in constants.body if isinstance(n, ast.AnnAssign)},
    }


def test_every_page_of_the_slice_has_its_stub(slice_corpus, slice_packages):
    names = _names(slice_packages["en-US"])
    kinds = {PageKind.INTERFACE: "interface", PageKind.METHOD: "method",
             PageKind.FUNCTION: "function", PageKind.STRUCTURE: "structure"}
    missing = []
    seen = {kind: 0 for kind in kinds.values()}
    for item in slice_corpus.items:
        if item.kind in kinds:
            seen[kinds[item.kind]] += 1
            name = item.name.replace(" ", "")
            if name not in names[kinds[item.kind]]:
                missing.append(item.name)
        elif isinstance(item, PropertyItem):
            wanted = [n for n in item.names if n.startswith("PR_")] + [item.name]
            missing += [n for n in wanted if n not in names["constant"]]
    assert missing == []
    assert all(seen.values()), seen
    counts = dict(slice_packages["en-US"].report.counts)
    assert counts["methods"] == seen["method"] and counts["functions"] == seen["function"]
    assert counts["structures"] == seen["structure"]
    assert counts["properties"] == sum(1 for i in slice_corpus.items if isinstance(i, PropertyItem))


def test_disagreements_carry_both_values(slice_packages, table):
    report = slice_packages["en-US"].report
    assert report.disagreements
    for d in report.disagreements:
        assert d.table == table[d.name] and d.computed != d.table


def test_property_tags_match_the_table_where_the_page_agrees(slice_corpus, slice_packages,
                                                             table):
    runtime = slice_packages["en-US"].files["mapi_types/constants.py"]
    values = {ast.unparse(n.target): n.value for n in ast.parse(runtime).body
              if isinstance(n, ast.AnnAssign)}
    disagreeing = {d.name for d in slice_packages["en-US"].report.disagreements}
    checked = 0
    for item in slice_corpus.items:
        if isinstance(item, PropertyItem) and item.property_id is not None:
            for name in item.names:
                if name in table and name not in disagreeing:
                    assert ast.literal_eval(values[name]) == table[name], name
                    checked += 1
    assert checked >= 10
