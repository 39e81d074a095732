"""Integer constant expressions of C (`#define` bodies, enumerator values), evaluated safely.

Tokens are numbers (decimal, hex, octal, with `U`/`L` suffixes), names, operators and
parentheses. Casts (`(ULONG)`, `(unsigned long)`) are dropped; a name is replaced by its value
from the mapping given; the rest is evaluated over a closed set of syntax nodes (`| & ^ << >>
+ - * / % ~`, unary minus): never `eval`. What is not such an expression gives None.
"""

from __future__ import annotations

import ast
import operator
import re
from typing import Callable, Mapping

TOKEN = re.compile(r"0[xX][0-9A-Fa-f]+[uUlL]*|\d+[uUlL]*|[A-Za-z_]\w*|<<|>>|\S")
_NUMBER = re.compile(r"0[xX][0-9A-Fa-f]+[uUlL]*|\d+[uUlL]*")
_NAME = re.compile(r"[A-Za-z_]\w*")
_AFTER_CAST_NOT = {")", "|", "&", "<<", ">>", "+", "*", "/", "^", "%"}

_BINARY: dict[type, Callable[[int, int], int]] = {
    ast.BitOr: operator.or_, ast.BitAnd: operator.and_, ast.BitXor: operator.xor,
    ast.LShift: operator.lshift, ast.RShift: operator.rshift, ast.Add: operator.add,
    ast.Sub: operator.sub, ast.Mult: operator.mul, ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod}


def tokens(text: str) -> list[str]:
    """The tokens of an expression."""
    return TOKEN.findall(text)


def _number(tok: str) -> int:
    digits = tok.rstrip("uUlL")
    if digits[:2].lower() == "0x":
        return int(digits, 16)
    return int(digits, 8) if len(digits) > 1 and digits[0] == "0" else int(digits)


def _cast_end(toks: list[str], i: int) -> int | None:
    """The position after a cast `(TYPE [*...])` that starts at `i`, else None."""
    j = i + 1
    while j < len(toks) and _NAME.fullmatch(toks[j]):
        j += 1
    if j == i + 1:
        return None
    while j < len(toks) and toks[j] == "*":
        j += 1
    if j + 1 < len(toks) and toks[j] == ")" and toks[j + 1] not in _AFTER_CAST_NOT:
        return j + 1
    return None


def evaluate(toks: list[str], names: Mapping[str, int] | None = None) -> int | None:
    """The value of the expression, or None when it is not an integer constant expression."""
    kept: list[str] = []
    i = 0
    while i < len(toks):
        end = _cast_end(toks, i) if toks[i] == "(" else None
        if end is not None:
            i = end
            continue
        tok = toks[i]
        if _NUMBER.fullmatch(tok):
            try:
                tok = str(_number(tok))
            except ValueError:                      # 09: not an octal number
                return None
        elif tok == "/":
            tok = "//"
        elif _NAME.fullmatch(tok):
            if names is None or tok not in names:
                return None
            tok = f"({names[tok]})"
        kept.append(tok)
        i += 1
    try:
        return _node(ast.parse(" ".join(kept), mode="eval").body)
    except (SyntaxError, ValueError, ZeroDivisionError, RecursionError, OverflowError,
            MemoryError):
        return None


def _node(node: ast.AST) -> int:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _node(node.left), _node(node.right)
        if isinstance(node.op, (ast.LShift, ast.RShift)) and not 0 <= right <= 64:
            raise ValueError("shift out of range")
        return _BINARY[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp):
        value = _node(node.operand)
        if isinstance(node.op, ast.Invert):
            return ~value & 0xFFFFFFFF if value >= 0 else ~value
        if isinstance(node.op, ast.USub):
            return -value
        if isinstance(node.op, ast.UAdd):
            return value
    raise ValueError(f"not an integer expression: {type(node).__name__}")
