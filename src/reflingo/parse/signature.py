"""Read the C declaration of a page's code block: functions, methods, macros and structures."""

from __future__ import annotations

import re

from reflingo.model import Signature, SignatureParam, SourceSpan

_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_IDENT = re.compile(r"[A-Za-z_]\w*")
_STRUCT = re.compile(r"^\s*(?:typedef\s+)?(struct|union|enum)\s+(\w+)?\s*\{(.*)\}\s*([^;{}]*);?\s*$",
                     re.S)
_DEFINE = re.compile(r"^\s*#\s*define\s+(\w+)\s*\(([^)]*)\)")
_MACRO_CALL = re.compile(r"^\s*([A-Za-z_]\w*)\s*\(([^()]*)\)\s*;?\s*$", re.S)
_ANNOTATION = re.compile(r"\[\s*(?:in|out|optional|retval|unique)\b[^\]]*\]|\b_{1,2}(?:In|Out|Inout|in|out|inout|opt|reserved)\w*\b"
                         r"(?:\([^)]*\))?")
_CALLING = {"STDMETHODCALLTYPE", "WINAPI", "STDAPICALLTYPE", "CALLBACK", "__stdcall", "__cdecl",
            "FAR", "PASCAL", "APIENTRY", "STDMETHODIMP", "STDAPI", "MAPIMETHOD", "virtual", "extern",
            "static", "inline"}
_SPACE = re.compile(r"\s+")
_PRAGMA = re.compile(r"^\s*#\s*(?:pragma|include|if|ifdef|ifndef|endif|else|undef)\b[^\n]*$", re.M)
_RET_MACRO = re.compile(r"\b(STDMETHODIMP_|STDAPI_|STDMETHOD_)\s*\(\s*([^()]*?)\s*\)")
_FN_POINTER = re.compile(r"^\s*((?:typedef\s+)?[\w\s*]*?)\(\s*(?:\w+\s+)*\*?\s*(\w+)\s*\)\s*\((.*)\)\s*;?\s*$",
                         re.S)
_NOT_A_DECLARATION = re.compile(r"[{};=]|\b(?:class|return|if|while|for)\b")
_PTR_SPACE = re.compile(r"\s*\*\s*")
_STARS = re.compile(r"\*\s+(?=\*)")


def parse_signature(code: str, language: str, span: SourceSpan) -> Signature | None:
    """The declaration in `code`, or None when the block declares nothing reflingo reads."""
    body = _PRAGMA.sub("", _COMMENT.sub(" ", code))
    body = _RET_MACRO.sub(lambda m: f"{m.group(2)} ", body).strip()
    if not body:
        return None
    m = _STRUCT.match(body)
    if m:
        members = tuple(p for p in _members(m.group(3)) if p is not None)
        name = _struct_name(m.group(4)) or m.group(2)
        return Signature(kind="struct", name=name, return_type=None, params=members, code=code,
                         language=language, span=span)
    m = _DEFINE.match(body)
    if m:
        return _macro(m.group(1), m.group(2), code, language, span)
    m = _FN_POINTER.match(body)
    if m:                                   # typedef BOOL (STDMETHODCALLTYPE NAME)(params);
        ret = normalise_type(" ".join(w for w in m.group(1).split() if w not in _CALLING and w != "typedef"))
        params = tuple(p for p in (_param(a) for a in split_args(m.group(3))) if p is not None)
        return Signature(kind="function", name=m.group(2), return_type=ret or None, params=params,
                         code=code, language=language, span=span)
    head, sep, rest = body.partition("(")
    if not sep:
        return None
    if _NOT_A_DECLARATION.search(head):
        return None
    words = _IDENT.findall(head)
    if len(words) == 1 and head.strip() == words[0]:
        m = _MACRO_CALL.match(body)
        if m and all(_IDENT.fullmatch(a.strip()) for a in m.group(2).split(",") if a.strip()):
            return _macro(m.group(1), m.group(2), code, language, span)
    close = _matching_paren(rest)
    if close < 0 or not words:
        return None
    name = words[-1]
    ret_words = [w for w in head[: head.rfind(name)].replace("*", " * ").split() if w not in _CALLING]
    return_type = normalise_type(" ".join(ret_words)) or None
    params = tuple(p for p in (_param(a) for a in split_args(rest[:close])) if p is not None)
    untyped = bool(params) and all(not p.type for p in params)     # `int CbFoo (_c)`: a macro
    return Signature(kind="macro" if untyped else "function", name=name, return_type=return_type, params=params, code=code,
                     language=language, span=span)


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
    text = _SPACE.sub(" ", _PTR_SPACE.sub(" * ", text)).strip()
    return _STARS.sub("*", text)


def _param(decl: str) -> SignatureParam | None:
    annotations = tuple(a.strip() for a in _ANNOTATION.findall(decl))
    decl = _ANNOTATION.sub(" ", decl).strip()
    if decl in ("", "void", "VOID", "..."):
        return SignatureParam(name="...", type="...") if decl == "..." else None
    decl = re.sub(r"=\s*[^,]*$", "", decl).strip()           # default values
    fp = re.match(r"(.*?)\(\s*[\w\s]*\*\s*(\w+)\s*\)\s*(\(.*\))\s*$", decl, re.S)
    if fp:                                                      # function pointer
        return SignatureParam(name=fp.group(2),
                              type=f"{normalise_type(fp.group(1))} (*)({normalise_type(fp.group(3)[1:-1])})",
                              annotations=annotations)
    m = re.match(r"(.*?)(\w+)\s*((?:\[[^\]]*\]\s*)*)$", decl, re.S)
    if not m:
        return None
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
