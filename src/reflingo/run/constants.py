"""The constants table the stubs take their values from: a JSON file (`{NAME: {"value": n}}`,
or `{NAME: n}`) or C headers read directly.

Headers: every `#define NAME value` (and function-like `#define NAME(a, b) body`) is collected,
then each object-like name is expanded and evaluated: decimal, hex and octal numbers with their
`U`/`L` suffixes, `| & ^ << >> + - * / % ~`, parentheses, casts (`(ULONG)`, `(unsigned long)`),
references to other names, and function-like macros such as `PROP_TAG(PT_LONG, 0x0037)`. An
expression is evaluated over a closed set of syntax nodes (never `eval`); what cannot be
evaluated (strings, `sizeof`, a name nobody defines) is left out. The expressions themselves are
evaluated by :mod:`reflingo.parse.cexpr`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable, Mapping

from reflingo.errors import InputError
from reflingo.parse.cexpr import evaluate, tokens

_DEFINE = re.compile(r"^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)(\([^)]*\))?[ \t]*(.*)$", re.M)
MAX_DEPTH = 32


def read_constants_json(path: str) -> dict[str, int]:
    """`{NAME: value}` from a JSON table; InputError when it cannot be read."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"--constants {path}: cannot read: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(f"--constants {path}: expected an object of NAME: value")
    out = {}
    for name, entry in data.items():
        value = entry.get("value") if isinstance(entry, dict) else entry
        if isinstance(value, int) and not isinstance(value, bool):
            out[str(name)] = value
    return out


def read_headers(directory: str) -> dict[str, int]:
    """The values of the `#define`s of every `*.h` file under `directory` (sorted by path)."""
    root = Path(directory)
    if not root.is_dir():
        raise InputError(f"--headers {directory}: not a folder")
    texts = []
    for f in sorted(p for p in root.rglob("*") if p.suffix.lower() == ".h" and p.is_file()):
        texts.append(f.read_text(encoding="utf-8", errors="replace"))
    return evaluate_defines(texts)


def defines(texts: Iterable[str]) -> tuple[dict[str, str], dict[str, tuple[list[str], str]]]:
    """(object-like NAME -> body, function-like NAME -> (parameters, body)); the first
    definition of a name wins, line continuations and comments removed."""
    plain: dict[str, str] = {}
    functions: dict[str, tuple[list[str], str]] = {}
    for text in texts:
        text = re.sub(r"/\*.*?\*/", " ", text.replace("\\\r\n", " ").replace("\\\n", " "),
                      flags=re.S)
        for m in _DEFINE.finditer(text):
            name, params, body = m.group(1), m.group(2), m.group(3).split("//")[0].strip()
            if params is not None:
                args = [a.strip() for a in params[1:-1].split(",") if a.strip()]
                functions.setdefault(name, (args, body))
            else:
                plain.setdefault(name, body)
    return plain, functions


def evaluate_defines(texts: Iterable[str]) -> dict[str, int]:
    """The value of every object-like `#define` that evaluates to an integer."""
    plain, functions = defines(texts)
    out: dict[str, int] = {}
    for name in sorted(plain):
        value = _value(name, plain, functions, {})
        if value is not None:
            out[name] = value
    return out


def _value(name: str, plain: Mapping[str, str], functions: Mapping[str, tuple[list[str], str]],
           memo: dict[str, int | None], depth: int = 0) -> int | None:
    if name in memo:
        return memo[name]
    memo[name] = None                                   # a name that refers to itself
    try:
        expanded = _expand(tokens(plain[name]), plain, functions, depth)
        memo[name] = evaluate(expanded) if expanded is not None else None
    except (ValueError, RecursionError):
        memo[name] = None
    return memo[name]


def _expand(toks: list[str], plain: Mapping[str, str],
            functions: Mapping[str, tuple[list[str], str]], depth: int) -> list[str] | None:
    """Tokens with every macro replaced by its body, recursively."""
    if depth > MAX_DEPTH:
        return None
    out: list[str] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok in functions and i + 1 < len(toks) and toks[i + 1] == "(":
            args, i = _arguments(toks, i + 2)
            params, body = functions[tok]
            if len(args) != len(params) and not (params == [] and args == [[]]):
                return None
            mapping = dict(zip(params, args))
            body_tokens = [t for b in tokens(body) for t in mapping.get(b, [b])]
            expanded = _expand(body_tokens, plain, functions, depth + 1)
            if expanded is None:
                return None
            out += ["("] + expanded + [")"]
            continue
        if tok in plain:
            expanded = _expand(tokens(plain[tok]), plain, functions, depth + 1)
            if expanded is None:
                return None
            out += ["("] + expanded + [")"]
        else:
            out.append(tok)
        i += 1
    return out


def _arguments(toks: list[str], i: int) -> tuple[list[list[str]], int]:
    """The comma-separated arguments of a macro call whose `(` is before `i`, and the position
    after its `)`."""
    args: list[list[str]] = [[]]
    depth = 0
    while i < len(toks):
        tok = toks[i]
        if tok == ")" and depth == 0:
            return args, i + 1
        if tok == "," and depth == 0:
            args.append([])
        else:
            depth += {"(": 1, ")": -1}.get(tok, 0)
            args[-1].append(tok)
        i += 1
    raise ValueError("unbalanced macro call")
