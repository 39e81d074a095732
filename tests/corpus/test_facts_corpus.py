"""Model v2 facts on the real reference (en-US): bases, vtables, property tags."""

from __future__ import annotations

import pytest

from reflingo.model import InterfaceItem, PropertyItem, PageKind
from reflingo.run import load_corpus

pytestmark = pytest.mark.corpus

#: en-US property pages whose table gives no usable tag or type: defects of the pages.
PROPERTY_DEFECTS = {
    "PidLidCurrentVersionName": "data type written as TBD",
    "PidLidRemoteMessageClass": "data type written as None",
    "PidTagInferenceEnabled": "identifier 0x3439000 has seven hex digits (id or tag?)",
    "PidTagOrgEmailAddress": "identifier written as TBD",
}


@pytest.fixture(scope="module")
def english(corpus_dir):
    return load_corpus([str(corpus_dir / "en-US")])


def test_every_interface_page_that_declares_a_base_has_it(english):
    interfaces = [i for i in english.items if i.kind is PageKind.INTERFACE]
    assert interfaces and all(isinstance(i, InterfaceItem) for i in interfaces)
    declared = [i for i in interfaces if ":" in i.pages["en-US"].title.text]
    assert len(declared) >= 60
    assert [i.name for i in declared if not i.bases] == []


def test_vtable_entries_with_a_link_resolve_to_method_items(english):
    entries = [e for i in english.items if isinstance(i, InterfaceItem) for e in i.vtable]
    linked = [e for e in entries if e.path]
    assert len(linked) > 300
    assert [e.path for e in linked if e.key is None] == []
    kinds = {english.by_key[e.key].kind for e in linked}
    assert PageKind.METHOD in kinds
    assert sum(english.by_key[e.key].kind is PageKind.METHOD for e in linked) / len(linked) > 0.99


def test_every_property_page_has_a_tag_and_a_type_but_the_known_defects(english):
    props = [i for i in english.items if i.kind is PageKind.PROPERTY]
    assert len(props) == 967 and all(isinstance(p, PropertyItem) for p in props)
    missing = {p.name for p in props if not p.property_types or
               (p.property_id is None and p.long_id is None and not p.property_name)}
    assert missing == set(PROPERTY_DEFECTS)
    ids = [p.property_id for p in props if p.property_id is not None]
    assert all(0 <= i <= 0xFFFF for i in ids) and ids.count(0) == 1   # PidTagNull is 0x0000


def test_the_navigation_resolves_the_reference_pages(english):
    def walk(nodes):
        for n in nodes:
            yield n
            yield from walk(n.children)
    entries = [n for n in walk(english.navigation["en-US"]) if n.path]
    in_corpus = [n for n in entries if ("en-US", n.path) in english.by_path]
    assert len(in_corpus) > 2000
    assert all(n.key == english.by_path[("en-US", n.path)].key for n in in_corpus)
