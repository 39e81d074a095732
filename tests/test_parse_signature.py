"""C declarations as they appear in the reference's code blocks."""

from __future__ import annotations

import pytest

from reflingo.model import SourceSpan
from reflingo.parse.signature import parse_signature

SPAN = SourceSpan(path="t.md", line_start=1, line_end=5)


def sig(code: str):
    return parse_signature(code, "cpp", SPAN)


def params(code: str):
    return [(p.name, p.type) for p in sig(code).params]


def test_method():
    s = sig("HRESULT Logoff(\n  ULONG_PTR ulUIParam,\n  ULONG ulFlags,\n  ULONG ulReserved\n);")
    assert (s.kind, s.name, s.return_type) == ("function", "Logoff", "HRESULT")
    assert params(s.code) == [("ulUIParam", "ULONG_PTR"), ("ulFlags", "ULONG"), ("ulReserved", "ULONG")]


@pytest.mark.parametrize("code, expected", [
    ("SCODE MAPIAllocateBuffer(ULONG cbSize, LPVOID FAR * lppBuffer);",
     [("cbSize", "ULONG"), ("lppBuffer", "LPVOID FAR *")]),
    ("HRESULT F(IMAPIInitMonitor** ppInitMonitor);", [("ppInitMonitor", "IMAPIInitMonitor **")]),
    ("HRESULT F(\n  __in_z const WCHAR *pwzAddress,\n  __out IStream** ppXmlStream);",
     [("pwzAddress", "const WCHAR *"), ("ppXmlStream", "IStream **")]),
    ("HRESULT F(void);", []),
    ("HRESULT F(ULONG ulFlags, ...);", [("ulFlags", "ULONG"), ("...", "...")]),
    ("void F(void (FAR * lpfnFilter)(LPSPropTagArray ptaga));",
     [("lpfnFilter", "void (*)(LPSPropTagArray ptaga)")]),
])
def test_parameter_types(code, expected):
    assert params(code) == expected


def test_function_without_return_type_is_not_a_macro():
    s = sig("HrComposeEID(\n  LPMAPISESSION psession,\n  ULONG cbStoreRecordKey\n);")
    assert s.kind == "function" and s.return_type is None
    assert params(s.code) == [("psession", "LPMAPISESSION"), ("cbStoreRecordKey", "ULONG")]


def test_macro_with_bare_names():
    s = sig("CbNewSPropTagArray (_ctag)")
    assert (s.kind, s.name, [p.name for p in s.params]) == ("macro", "CbNewSPropTagArray", ["_ctag"])
    typed = sig("int CbMAPIVerbArray (_c)")
    assert (typed.kind, typed.return_type, [p.name for p in typed.params]) == ("macro", "int", ["_c"])


def test_return_type_macro():
    s = sig("STDMETHODIMP_(SCODE) MAPIReallocateBuffer\n(\nLPVOID lpv,\nULONG ulSize\n);")
    assert (s.name, s.return_type) == ("MAPIReallocateBuffer", "SCODE")


def test_function_pointer_typedef():
    s = sig("BOOL (STDMETHODCALLTYPE ACCELERATEABSDI)(\n  ULONG_PTR ulUIParam,\n  LPVOID lpvmsg\n);")
    assert (s.name, s.return_type) == ("ACCELERATEABSDI", "BOOL")
    assert [p.name for p in s.params] == ["ulUIParam", "lpvmsg"]


def test_structure_with_array_pragma_and_nested_union():
    s = sig("#pragma pack(4)\ntypedef struct _X\n{\n  ULONG cValues;\n  BYTE ab[MAPI_DIM];\n"
            "  union {\n    LONG lID;\n    LPWSTR lpwstrName;\n  } Kind;\n} X, FAR *LPX;\n#pragma pack()")
    assert (s.kind, s.name) == ("struct", "X")
    assert params(s.code) == [("cValues", "ULONG"), ("ab", "BYTE [MAPI_DIM]"), ("Kind", "union")]


def test_comma_separated_members_share_the_base_type():
    s = sig("typedef struct { LONG x, y; } P;")
    assert params(s.code) == [("x", "LONG"), ("y", "LONG")]


@pytest.mark.parametrize("code", [
    "class CMyForm : public IPersistMessage\n{\npublic:\n  STDMETHODIMP QueryInterface(REFIID riid);\n};",
    "if (FAILED(hr)) { return hr; }",
    "x = Foo(a, b);",
    "",
    "// only a comment",
])
def test_not_a_declaration(code):
    assert sig(code) is None
