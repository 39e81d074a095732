"""Read the C declaration of a page's code block: functions, methods, macros and structures."""

from __future__ import annotations

import dataclasses
import re

from reflingo.model import Signature, SignatureParam, SourceSpan
from reflingo.parse.inline import branch, sub_branches

# An unclosed `/*` closes nowhere later either: it is not looked for again (see sub_branches).
_COMMENT = (branch("//", r"[^\n]*"), branch(r"/\*", r".*?\*/", "text", re.S))
_IDENT = re.compile(r"[A-Za-z_]\w*")
_STRUCT = re.compile(r"^\s*(?:typedef\s+)?(struct|union|enum)\s++(\w++)?\s*+\{(.*)\}\s*+([^;{}]*);?\s*+$",
                     re.S)
_DEFINE = re.compile(r"^\s*#\s*define\s+(\w+)\s*\(([^)]*)\)")
_MACRO_CALL = re.compile(r"^\s*([A-Za-z_]\w*)\s*\(([^()]*)\)\s*+;?\s*+$", re.S)
# `[in]`, `_In_`, `_Out_writes_(n)`; the last as two branches, with the parenthesis and without,
# so that a `(` that is never closed is not scanned for again (see sub_branches).
_SAL = r"\b_{1,2}(?:In|Out|Inout|in|out|inout|opt|reserved)\w*+\b"
_ANNOTATION = (branch(r"\[\s*(?:in|out|optional|retval|unique)\b", r"[^\]]*\]", "text"),
               branch(_SAL + r"\(", r"[^)]*\)", "text"), branch(_SAL, ""))
_CALLING = {"STDMETHODCALLTYPE", "WINAPI", "STDAPICALLTYPE", "CALLBACK", "__stdcall", "__cdecl",
            "FAR", "PASCAL", "APIENTRY", "STDMETHODIMP", "STDAPI", "MAPIMETHOD", "virtual", "extern",
            "static", "inline"}
_SPACE = re.compile(r"\s+")
# The blanks before a directive are read once: when no directive follows them, they are kept as
# they are (the next line starts among them would reach the same place).
_PRAGMA = re.compile(r"^\s*+(#\s*(?:pragma|include|if|ifdef|ifndef|endif|else|undef)\b[^\n]*$)?", re.M)
# The return type's text, blanks around it left out: blanks inside are taken only before more text.
_RET_MACRO = re.compile(r"\b(STDMETHODIMP_|STDAPI_|STDMETHOD_)\s*\(\s*+((?:[^()\s]|\s++(?=[^()\s]))*+)\s*+\)")
_FN_POINTER = re.compile(r"^\s*((?:typedef\s+)?[\w\s*]*?)\(\s*+(?:\w++\s++(?=[\w*]))*+\*?\s*+(\w++)\s*+\)"
                         r"\s*+\((.*)\)\s*+;?\s*+$", re.S)
_NOT_A_DECLARATION = re.compile(r"[{};=]|\b(?:class|return|if|while|for)\b")
_STARS = re.compile(r"\*\s+(?=\*)")
_C_TYPES = frozenset("int char short long unsigned signed float double bool wchar_t".split())
_TYPE_ONLY = re.compile(r"(?:const\s+)?[A-Za-z_]\w*(?:\s+[A-Za-z_]\w*)?(?:\s*[*&])+\s*(?:const)?\s*")


def parse_signature(code: str, language: str, span: SourceSpan) -> Signature | None:
    """The declaration in `code`, or None when the block declares nothing reflingo reads; a
    function's further declarations in the block (up to :data:`MAX_OVERLOADS`) are its
    `overloads`."""
    first, rest = _declaration(code, language, span)
    if first is None or first.kind != "function" or not rest:
        return first
    further: list[Signature] = []
    while rest and len(further) < MAX_OVERLOADS:
        nxt, rest = _declaration(rest, language, span)
        if nxt is None or nxt.kind != "function":
            break
        further.append(dataclasses.replace(nxt, code=code))
    return dataclasses.replace(first, overloads=tuple(further)) if further else first


MAX_OVERLOADS = 16
"""The most further declarations read from one block."""


def _declaration(code: str, language: str, span: SourceSpan) -> tuple[Signature | None, str]:
    """The first declaration in `code`, and the text after a function's declaration when it
    may hold another one ("" otherwise)."""
    body = _PRAGMA.sub(_pragma_removed, without_comments(code))
    body = _RET_MACRO.sub(lambda m: f"{m.group(2)} ", body).strip()
    if not body:
        return None, ""
    m = _STRUCT.match(body)
    if m:
        members = tuple(p for p in _members(m.group(3)) if p is not None)
        name = _struct_name(m.group(4)) or m.group(2)
        return Signature(kind="struct", name=name, return_type=None, params=members, code=code,
                         language=language, span=span), ""
    m = _DEFINE.match(body)
    if m:
        return _macro(m.group(1), m.group(2), code, language, span), ""
    m = _FN_POINTER.match(body)
    if m:                                   # typedef BOOL (STDMETHODCALLTYPE NAME)(params);
        ret = normalise_type(" ".join(w for w in m.group(1).split() if w not in _CALLING and w != "typedef"))
        params = tuple(p for p in (_param(a) for a in split_args(m.group(3))) if p is not None)
        return Signature(kind="function", name=m.group(2), return_type=ret or None, params=params,
                         code=code, language=language, span=span), ""
    head, sep, rest = body.partition("(")
    if not sep:
        return _basic_call(body, code, language, span), ""
    if _NOT_A_DECLARATION.search(head):
        return None, ""
    words = _IDENT.findall(head)
    if len(words) == 1 and head.strip() == words[0]:
        m = _MACRO_CALL.match(body)
        if m and all(_IDENT.fullmatch(a.strip()) for a in m.group(2).split(",") if a.strip()):
            return _macro(m.group(1), m.group(2), code, language, span), ""
    close = _matching_paren(rest)
    if close < 0 or not words:
        return None, ""
    name = words[-1]
    ret_words = [w for w in _unqualified(head[: head.rfind(name)]).replace("*", " * ").split()
                 if w not in _CALLING]
    return_type = normalise_type(" ".join(ret_words)) or None
    params = tuple(p for p in (_param(a) for a in split_args(rest[:close])) if p is not None)
    untyped = bool(params) and all(not p.type for p in params)     # `int CbFoo (_c)`: a macro
    after = rest[close + 1:].lstrip().removeprefix(";")
    return Signature(kind="macro" if untyped else "function", name=name, return_type=return_type,
                     params=params, code=code, language=language, span=span), \
        after if "(" in after else ""


_BASIC_LANGUAGES = frozenset({"vb", "vba", "vbnet", "vb.net", "visualbasic", "vbscript", "basic"})
# `recordset.Open Source, ActiveConnection, [Options]`, `Set x = object.Method(a, b)`: an
# object's member and its arguments, written without parentheses.
_BASIC_CALL = re.compile(r"(?:\w+\s*=\s*)?(?:(?:\w+)\.)+(\w+)(?:[ \t]+(\[?\w+\]?(?:[ \t]*,[ \t]*\[?\w+\]?)*))?[ \t]*")


def _basic_call(body: str, code: str, language: str, span: SourceSpan) -> Signature | None:
    """A Visual Basic or pseudo-code call of one line (`recordset.Open Source, Options`), read
    as a method with untyped parameters; only in a Basic block or a syntax paragraph."""
    if language.lower() not in _BASIC_LANGUAGES or "\n" in body.strip():
        return None
    m = _BASIC_CALL.fullmatch(body.strip())
    if m is None:
        return None
    params = tuple(SignatureParam(name=a.strip(" []"), type="") for a in (m.group(2) or "").split(",")
                   if a.strip(" []"))
    return Signature(kind="function", name=m.group(1), return_type=None, params=params, code=code,
                     language=language, span=span)


def _unqualified(head: str) -> str:
    """A declaration's head without the class qualification before the name:
    `HRESULT IOlkAccountManager::` -> `HRESULT `."""
    text = head.rstrip()
    while text.endswith("::"):
        text = text[:-2].rstrip()
        word = len(text)
        while word and (text[word - 1].isalnum() or text[word - 1] == "_"):
            word -= 1
        text = text[:word].rstrip()
    return text + " " if text != head.rstrip() else head



def without_comments(code: str) -> str:
    """The code with each `//` and `/* */` comment replaced by a space."""
    return sub_branches(_COMMENT, _space, code)


def _space(m: re.Match[str]) -> str:
    return " "


def _pragma_removed(m: re.Match[str]) -> str:
    return "" if m.group(1) else m.group()


def _macro(name: str, args: str, code: str, language: str, span: SourceSpan) -> Signature:
    params = tuple(SignatureParam(name=a.strip(), type="") for a in args.split(",") if a.strip())
    return Signature(kind="macro", name=name, return_type=None, params=params, code=code,
                     language=language, span=span)


def _matching_paren(text: str) -> int:
    depth = 1
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def split_args(text: str) -> list[str]:
    """Split a parameter list at top-level commas."""
    out, depth, cur = [], 0, []
    for ch in text:
        if ch in "([{<":
            depth += 1
        elif ch in ")]}>":
            depth -= 1
        if ch == "," and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return [a for a in (s.strip() for s in out) if a]


def normalise_type(text: str) -> str:
    """Whitespace-normalise a C type: `LPVOID FAR*` -> `LPVOID FAR *`."""
    if "*" in text:  # each `*` with the blanks around it as ` * `
        parts = text.split("*")
        text = " * ".join([parts[0].rstrip(), *(p.strip() for p in parts[1:-1]), parts[-1].lstrip()])
    text = _SPACE.sub(" ", text).strip()
    return _STARS.sub("*", text)


def _param(decl: str) -> SignatureParam | None:
    found: list[str] = []

    def blank(m: re.Match[str]) -> str:
        found.append(m.group().strip())
        return " "

    decl = sub_branches(_ANNOTATION, blank, decl).strip()
    annotations = tuple(found)
    if decl in ("", "void", "VOID", "..."):
        return SignatureParam(name="...", type="...") if decl == "..." else None
    if decl in _C_TYPES:                        # an unnamed parameter of a built-in type
        return SignatureParam(name="", type=decl, annotations=annotations)
    default = decl.find("=", decl.rfind(",") + 1)               # a default value: `= x` at the end
    if default >= 0:
        decl = decl[:default].strip()
    # (Its parameter list must end the declaration: when it does not, no `(` need be tried.)
    fp = re.match(r"(.*?)\([\w\s]*+\*\s*(\w+)\s*\)\s*(\(.*\))\s*$", decl, re.S) \
        if decl.rstrip().endswith(")") else None
    if fp:                                                      # function pointer
        return SignatureParam(name=fp.group(2),
                              type=f"{normalise_type(fp.group(1))} (*)({normalise_type(fp.group(3)[1:-1])})",
                              annotations=annotations)
    # The last word, a whole one, and the array bounds after it (each `[...]` holds no bracket).
    m = re.match(r"(.*?)(?<!\w)(\w++)\s*+((?:\[[^\[\]]*+\]\s*+)*+)$", decl, re.S)
    if not m:                                   # an unnamed parameter: its type only (`void *`)
        return SignatureParam(name="", type=normalise_type(decl), annotations=annotations) \
            if _TYPE_ONLY.fullmatch(decl) else None
    type_part, name, dims = m.group(1), m.group(2), m.group(3)
    if not type_part.strip():                   # a bare name (macro-style) or a type only
        if _IDENT.fullmatch(decl) and not decl.isupper():
            return SignatureParam(name=decl, type="", annotations=annotations)
        return SignatureParam(name="", type=normalise_type(decl), annotations=annotations)
    return SignatureParam(name=name, type=normalise_type(type_part + " " + dims.replace(" ", "")),
                          annotations=annotations)


def _members(body: str) -> list[SignatureParam | None]:
    """Top-level structure members; a nested union or struct is one member named after its
    declarator (`union { ... } info;` -> `info`)."""
    out: list[SignatureParam | None] = []
    depth, cur, nested_kind = 0, [], ""
    for ch in body:
        if ch == "{":
            if depth == 0:
                nested_kind = "".join(cur).split()[0] if "".join(cur).split() else "union"
            depth += 1
            cur = []
            continue
        if ch == "}":
            depth -= 1
            cur = [f"{nested_kind} "] if depth == 0 else []
            continue
        if ch == ";" and depth == 0:
            decl = "".join(cur).strip()
            cur = []
            if decl:
                out.extend(_member_decls(decl))
            continue
        if depth == 0:
            cur.append(ch)
    return out


def _member_decls(decl: str) -> list[SignatureParam | None]:
    decl = re.sub(r":\s*\d+\s*$", "", decl)                    # bit fields
    parts = split_args(decl)
    first = _param(parts[0])
    if first is None or len(parts) == 1:
        return [first]
    base = first.type.replace("*", "").strip()
    return [first] + [_param(f"{base} {p}") for p in parts[1:]]


def _struct_name(tail: str) -> str | None:
    names = [n for n in split_args(tail) if "*" not in n]
    if names:
        m = _IDENT.findall(names[0])
        return m[-1] if m else None
    return None
