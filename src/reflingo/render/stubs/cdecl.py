"""The members of a C structure declaration, nested unions and structures included.

The model keeps a structure's top-level members (`SignatureParam`); a nested `union { ... } u;`
is one member of type `union` there. The stubs need its members too, so this reads the
declaration's braces: a nested block followed by a name is a member of a nested class; a block
followed by no name (or, as on a damaged page, by a further declaration) is an anonymous union
whose members belong to the enclosing structure, as in C11. Enumerations (`enum { ... }`)
and plain aliases (`typedef SBinaryArray ENTRYLIST;`) are read too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reflingo.parse.cexpr import evaluate, tokens

_COMMENTS = re.compile(r"/\*.*?\*/|//[^\n]*|^\s*#[^\n]*", re.S | re.M)
_TOKEN = re.compile(r"\[[^\]]*\]|[{};,]|[^\s{};,\[]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class Member:
    """A member of a structure or union."""

    name: str
    """The member's name."""
    type: str
    """The declared type (`ULONG`, `LPSTR`, `BYTE [MAPI_DIM]`); `union`/`struct` for a block."""
    block: "Block | None" = None
    """The nested union or structure, for a block member."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """A structure or union body."""

    kind: str
    """`struct` or `union`."""
    members: tuple[Member, ...]
    """Its members in order (anonymous unions folded in)."""


def parse_struct(code: str | None) -> Block | None:
    """The outermost structure or union of a `typedef struct` declaration; None when the code
    holds no braces (an enum or a macro) or they do not balance."""
    if not code or re.search(r"\btypedef\s+enum\b|^\s*enum\b", code, re.M):
        return None
    tokens = _TOKEN.findall(_COMMENTS.sub(" ", code))
    if "{" not in tokens:
        return None
    start = tokens.index("{")
    kind = "union" if "union" in tokens[:start] else "struct"
    try:
        block, _ = _block(tokens, start + 1, kind)
    except (IndexError, RecursionError):
        return None
    return block


def _block(tokens: list[str], pos: int, kind: str) -> tuple[Block, int]:
    """The block whose body starts at `pos` (after `{`), and the position after its `}`."""
    members: list[Member] = []
    decl: list[str] = []
    while tokens[pos] != "}":
        tok = tokens[pos]
        if tok == "{":
            inner_kind = "union" if "union" in decl else "struct"
            inner, pos = _block(tokens, pos + 1, inner_kind)
            tail: list[str] = []
            while tokens[pos] not in (";", "}"):
                tail.append(tokens[pos])
                pos += 1
            names = [t for t in tail if t != ","]
            if len(names) == 1:
                members.append(Member(name=names[0], type=inner_kind, block=inner))
            else:                                   # anonymous: its members are ours
                members.extend(inner.members)
                if len(names) > 1:
                    members.extend(_members(names))
            decl = []
            pos += 1 if tokens[pos] == ";" else 0
            continue
        if tok == ";":
            members.extend(_members(decl))
            decl = []
        else:
            decl.append(tok)
        pos += 1
    if decl:
        members.extend(_members(decl))
    return Block(kind=kind, members=tuple(members)), pos + 1


def _members(decl: list[str]) -> list[Member]:
    """`ULONG a, *b, c[4]` -> members a, b and c; nothing for a declaration without a name."""
    groups: list[list[str]] = [[]]
    for tok in decl:
        if tok == ",":
            groups.append([])
        else:
            groups[-1].append(tok)
    words = [t for t in groups[0] if not t.startswith("[")]
    if len(words) < 2:
        return []
    base = " ".join(words[:-1])
    groups[0] = [words[-1]] + [t for t in groups[0] if t.startswith("[")]
    out = []
    for group in groups:
        names = [t for t in group if not t.startswith("[")]
        if len(names) != 1:
            continue
        name = names[0].lstrip("*&")
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            continue
        stars = " " + names[0][:len(names[0]) - len(name)] if name != names[0] else ""
        arrays = "".join(f" {t}" for t in group if t.startswith("["))
        out.append(Member(name=name, type=f"{base}{stars}{arrays}"))
    return out


def parse_enum(code: str | None) -> tuple[tuple[str, int | None], ...] | None:
    """The enumerators of an `enum { A = 0, B, C = B + 2 }` declaration with their values (None
    where the value is no constant expression of earlier enumerators); None for no enum."""
    m = re.search(r"\benum\b[^{;]*\{(.*?)\}", _COMMENTS.sub(" ", code or ""), re.S)
    if not m:
        return None
    values: dict[str, int] = {}
    out: list[tuple[str, int | None]] = []
    following: int | None = 0
    for part in m.group(1).split(","):
        name, _, expr = part.partition("=")
        name = name.strip()
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            continue
        value = evaluate(tokens(expr), values) if expr.strip() else following
        out.append((name, value))
        if value is not None:
            values[name] = value
        following = None if value is None else value + 1
    return tuple(out)


def parse_alias(code: str | None) -> str | None:
    """The aliased type of `typedef TYPE NAME, FAR *LPNAME;` (no braces), else None."""
    text = _COMMENTS.sub(" ", code or "").strip()
    m = re.fullmatch(r"typedef\s+([A-Za-z_][\w\s]*?)\s+[A-Za-z_]\w*\s*(?:,[^;{}]*)?;", text)
    return m.group(1).strip() if m and "{" not in text else None
