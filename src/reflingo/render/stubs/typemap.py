"""The one table that maps C types of the MAPI headers to Python annotations.

A declared type is first normalised: `FAR`, `NEAR`, `__RPC_FAR`, `const`/`CONST`, `struct`,
`enum` and annotations are dropped, array brackets and trailing `*` are counted. Its base name
is then looked up, in this order:

1. :data:`C_TYPES` below (integers, handles, strings, bytes, GUIDs, property tag arrays, untyped
   pointers, MAPI's allocator callbacks);
2. the interfaces of the corpus: the interface name (`IMAPITable`), its pointer typedef from its
   page (`LPMDB` for `IMsgStore`), and `LP` + the name without `I`, upper-cased
   (`LPMAPISESSION`), which is how the MAPI headers name them; plus the OLE interfaces MAPI
   uses (:data:`OLE_INTERFACES`: `LPUNKNOWN`, `LPSTREAM`, ...), emitted as opaque classes;
3. the structures of the corpus: the structure name, the names its `typedef` declares
   (`SPropValue, FAR *LPSPropValue`), its tag (`_SPropValue`), and `LP` + the name; a
   documented enumeration is its `IntEnum`.

A pointer to a known type has that type (a by-reference or array argument); an `[out]`
parameter's type loses one level of indirection (`LPMAPITABLE FAR *` returns `IMAPITable`). An
array member `BYTE [n]` is `bytes`, any other array `Sequence[T]`. Whatever the table does not
know (a function pointer, an OS type the reference does not document) is typed `object` and
reported, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

_INT = ("ULONG LONG UINT INT DWORD WORD USHORT SHORT BYTE CHAR UCHAR BOOL BOOLEAN ULONG_PTR "
        "LONG_PTR DWORD_PTR UINT_PTR INT_PTR ULONGLONG LONGLONG LARGE_INTEGER ULARGE_INTEGER SCODE "
        "HRESULT LCID LANGID BOOKMARK WPARAM LPARAM LRESULT LHANDLE HWND HANDLE HINSTANCE "
        "HMODULE HICON HDEVMODE HDEVNAMES HCHARSET HFRMREG HDC HBITMAP LPULONG LPLONG LPDWORD "
        "LPBOOL LPWORD PULONG FLAGS int long short char __int64 wchar_t").split()
_STR = "LPSTR LPCSTR LPWSTR LPCWSTR LPTSTR LPCTSTR LPOLESTR LPCOLESTR BSTR PSTR PWSTR".split()
_STR_CHARS = "char WCHAR TCHAR wchar_t OLECHAR CHAR".split()
_BYTES = "LPBYTE LPCBYTE PBYTE LPENTRYID ENTRYID".split()
_GUID = ("GUID IID CLSID UUID LPGUID LPCGUID LPIID LPCIID REFIID REFCLSID REFGUID LPCLSID PIID "
         "PCLSID").split()
_OBJECT = "LPVOID LPCVOID PVOID void VOID".split()

#: C type name -> Python annotation.
C_TYPES: dict[str, str] = {
    **{t: "int" for t in _INT},
    **{t: "str" for t in _STR},
    **{t: "bytes" for t in _BYTES},
    **{t: "uuid.UUID" for t in _GUID},
    **{t: "object" for t in _OBJECT},
    "double": "float", "float": "float", "DOUBLE": "float", "FLOAT": "float",
    "LPSPropTagArray": "Sequence[int]", "SPropTagArray": "Sequence[int]",
    # MAPI's memory allocators (MAPIDefS.h): SCODE or ULONG results
    **{t: "Callable[..., int]" for t in ("LPALLOCATEBUFFER", "LPALLOCATEMORE", "LPFREEBUFFER",
                                         "ALLOCATEBUFFER", "ALLOCATEMORE", "FREEBUFFER")},
}

#: Multi-word C integer types, normalised to one token before the lookup.
_MULTI = {"unsigned long": "long", "unsigned short": "short", "unsigned int": "int",
          "unsigned char": "char", "short int": "short", "long int": "long",
          "signed char": "char", "unsigned __int64": "__int64", "long long": "__int64"}

#: OLE interfaces that MAPI signatures use but this reference does not document: C name ->
#: class (IUnknown is declared with its three methods, the others as opaque classes).
OLE_INTERFACES: dict[str, str] = {
    "IUnknown": "IUnknown", "LPUNKNOWN": "IUnknown", "IStream": "IStream", "LPSTREAM": "IStream",
    "IStorage": "IStorage", "LPSTORAGE": "IStorage", "IMalloc": "IMalloc", "LPMALLOC": "IMalloc",
    "IClassFactory": "IClassFactory", "LPCLASSFACTORY": "IClassFactory",
}

_DROP = re.compile(r"\b(?:FAR|NEAR|__RPC_FAR|const|CONST|struct|enum|_In_|_Out_|_Inout_|"
                   r"__in|__out|__inout|IN|OUT|OPTIONAL|_In_opt_|_Out_opt_)\b")
_ARRAY = re.compile(r"\[[^\]]*\]")
_VOID_RESULTS = {"void", "VOID", ""}
_HRESULTS = {"HRESULT", "SCODE", "STDAPI", "STDMETHODIMP"}


@dataclass(frozen=True, slots=True, kw_only=True)
class TypeMap:
    """The corpus's names on top of :data:`C_TYPES`: interfaces and structures by C name."""

    interfaces: Mapping[str, str] = field(default_factory=dict)
    """C name (interface name or pointer typedef) -> interface class."""
    structures: Mapping[str, str] = field(default_factory=dict)
    """C name (structure, typedef, tag or pointer typedef) -> structure class."""
    enums: Mapping[str, str] = field(default_factory=dict)
    """C name of a documented enumeration -> its `IntEnum` (in the constants module)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolved:
    """A C type resolved to a Python annotation."""

    annotation: str
    """The annotation (`int`, `IMAPITable`, `Sequence[SRow]`, `object`)."""
    known: bool
    """False when the table does not know the type (the annotation is then `object`)."""
    refs: frozenset[tuple[str, str]] = frozenset()
    """Names the annotation needs: (`interfaces` | `structures` | `typing`, name)."""


def normalise(ctype: str) -> tuple[str, int, int]:
    """(base name, pointer levels, array dimensions) of a declared type."""
    text = _DROP.sub(" ", ctype)
    arrays = len(_ARRAY.findall(text))
    text = _ARRAY.sub(" ", text)
    pointers = text.count("*") + text.count("&")
    base = " ".join(text.replace("*", " ").replace("&", " ").split())
    return _MULTI.get(base, base), pointers, arrays


def _base(name: str, pointers: int, tmap: TypeMap) -> Resolved | None:
    if name in _STR_CHARS and pointers:
        return Resolved(annotation="str", known=True)
    if name in ("BYTE", "UCHAR", "unsigned char") and pointers:
        return Resolved(annotation="bytes", known=True)
    if name in C_TYPES:
        ann = C_TYPES[name]
        return Resolved(annotation=ann, known=True, refs=frozenset(
            ("typing", word) for word in ("Sequence", "Callable") if word in ann))
    cls = tmap.interfaces.get(name) or OLE_INTERFACES.get(name)
    if cls:
        return Resolved(annotation=cls, known=True, refs=frozenset({("interfaces", cls)}))
    cls = tmap.enums.get(name)
    if cls:
        return Resolved(annotation=cls, known=True, refs=frozenset({("constants", cls)}))
    cls = tmap.structures.get(name)
    if cls:
        return Resolved(annotation=cls, known=True, refs=frozenset({("structures", cls)}))
    return None


def resolve(ctype: str | None, *, out: bool = False, tmap: TypeMap) -> Resolved:
    """The annotation of a parameter or member declared as `ctype` (an `[out]` parameter's
    pointee when `out`)."""
    if not ctype:
        return Resolved(annotation="object", known=False)
    name, pointers, arrays = normalise(ctype)
    if out and pointers:
        pointers -= 1
    found = _base(name, pointers, tmap)
    if found is None or (name in ("void", "VOID") and not pointers and not out):
        return Resolved(annotation="object", known=False)
    if arrays and found.annotation != "bytes":
        if name in ("BYTE", "UCHAR", "char") and found.annotation == "int":
            return Resolved(annotation="bytes", known=True)
        return Resolved(annotation=f"Sequence[{found.annotation}]", known=True,
                        refs=found.refs | {("typing", "Sequence")})
    return found


def result_type(ctype: str | None, tmap: TypeMap) -> Resolved | None:
    """What a declared return type adds to a call's result: None for HRESULT/SCODE (a failure
    raises) and void; otherwise the resolved type."""
    text = " ".join(t for t in (ctype or "").split()
                    if not t.endswith("::") and t not in ("WINAPI", "STDMETHODCALLTYPE",
                                                          "__stdcall", "extern", "inline"))
    call = re.fullmatch(r"STDAPI_?\((.+)\)|STDMETHODIMP_?\((.+)\)", text)
    if call:
        text = (call.group(1) or call.group(2)).strip()
    if text in _VOID_RESULTS or text in _HRESULTS:
        return None
    return resolve(text, tmap=tmap)


def typedef_names(code: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names a `typedef struct _TAG { ... } NAME, FAR *LPNAME;` declares: (tag and plain
    names, pointer names)."""
    if not code:
        return (), ()
    plain: list[str] = []
    head = re.search(r"typedef\s+(?:struct|union)\s+(\w+)", code)
    if head:
        plain.append(head.group(1))
    tail = code[code.rfind("}") + 1:] if "}" in code else ""
    tail = tail.split(";")[0]
    pointers = []
    for part in tail.split(","):
        word = re.findall(r"\w+", _DROP.sub(" ", part))
        if not word:
            continue
        (pointers if "*" in part else plain).append(word[-1])
    return tuple(plain), tuple(pointers)
