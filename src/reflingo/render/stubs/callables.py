"""Methods and functions: parameters typed through the type map, `[out]` parameters returned.

- `[in]` parameters are passed; `[out]` parameters are returned (one: that type; several: a
  tuple in declaration order; none: None); `[in, out]` parameters are both. A parameter whose
  direction no page states is passed.
- A declared return type other than HRESULT, SCODE or void comes first in the result; a failure
  HRESULT is raised by the binding, and the documented ones are listed under `Raises:`.
- A parameter with documented flags is typed with its `enum.IntFlag` class (`Logoff_ulFlags`).
"""

from __future__ import annotations

from dataclasses import dataclass

from reflingo.render.stubs import docstrings
from reflingo.render.stubs.context import Context, identifier
from reflingo.render.stubs.docstrings import Doc, Entry
from reflingo.render.stubs.facts import ItemFacts, ParamFacts, pick
from reflingo.render.stubs.typemap import normalise, resolve, result_type

RAISES_NOTE = ("A failure HRESULT is raised as the binding's COM error carrying that value "
               "(comtypes: COMError, pywin32: com_error).")


@dataclass(frozen=True, slots=True, kw_only=True)
class Rendered:
    """A rendered `def`: its lines and what a subclass compares to see an override differ."""

    name: str
    """The Python name of the method or function."""
    lines: tuple[str, ...]
    """The source lines, indented."""
    shape: tuple[tuple[str, ...], tuple[str, ...]] | None
    """The parameters' and the result's annotations (a tuple's elements one by one), to check
    an override; None for a placeholder that takes anything."""
    refs: frozenset[tuple[str, str]]
    """Names the annotations need (module, name)."""


def _flag_entries(p: ParamFacts, locale: str) -> tuple[Entry, ...]:
    return tuple(Entry(name=f["name"], text=pick(f["text"], locale)) for f in p["flags"])


def _skipped(p: ParamFacts) -> bool:
    """`(void)` declares no parameter."""
    name, pointers, _ = normalise(p["type"] or "")
    return name in ("void", "VOID") and not pointers and p["name"] in ("", "void", "VOID")


def signature(facts: ItemFacts, ctx: Context, *, method: bool
              ) -> tuple[list[tuple[str, str]], list[str], frozenset[tuple[str, str]]]:
    """(parameters as (name, annotation), result annotations, refs) of a callable."""
    params: list[tuple[str, str]] = []
    results: list[str] = []
    refs: set[tuple[str, str]] = set()
    seen: set[str] = {"self"}
    for p in facts.get("params", []):
        if _skipped(p):
            continue
        name = identifier(p["name"]) or "arg"
        while name in seen:
            name += "_"
        seen.add(name)
        direction = p["direction"]
        if direction in ("out", "in-out"):
            r = resolve(p["type"], out=True, tmap=ctx.tmap)
            _note(r, p, facts, ctx)
            results.append(r.annotation)
            refs |= r.refs
        if direction != "out":
            flag_cls = ctx.flag_names.get((facts["key"], p["name"]))
            r = resolve(p["type"], tmap=ctx.tmap)
            if direction != "in-out":
                _note(r, p, facts, ctx)
            ann = flag_cls if flag_cls and r.annotation == "int" else r.annotation
            refs |= {("constants", ann)} if ann == flag_cls else r.refs
            params.append((name, ann))
    declared = result_type(facts.get("return_type"), ctx.tmap)
    if declared is not None:
        if not declared.known:
            ctx.unknown("type", facts.get("return_type") or "", facts["name"],
                        "return type typed object")
        results.insert(0, declared.annotation)
        refs |= declared.refs
    return params, results, frozenset(refs)


def annotation(results: list[str]) -> str:
    """The result annotation: None, the one type, or a tuple."""
    if not results:
        return "None"
    return results[0] if len(results) == 1 else f"tuple[{', '.join(results)}]"


def _note(r, p: ParamFacts, facts: ItemFacts, ctx: Context) -> None:
    if not r.known:
        ctx.unknown("type", p["type"] or "(no type)", facts["name"], f"{p['name']} typed object")


def doc(facts: ItemFacts, ctx: Context) -> Doc:
    """The docstring's parts: summary, arguments with their flags, results, return values."""
    loc = ctx.options.locale
    args, rets = [], []
    for p in facts.get("params", []):
        if _skipped(p):
            continue
        entry = Entry(name=identifier(p["name"]) or p["name"], text=pick(p["text"], loc),
                      children=_flag_entries(p, loc))
        if p["direction"] != "out":
            args.append(entry)
        if p["direction"] in ("out", "in-out"):
            rets.append(Entry(name=entry.name, text=entry.text))
    ok, failed = docstrings.value_entries(facts.get("returns", []), loc)
    return Doc(summary=pick(facts["summary"], loc),
               sections=(("Args", args), ("Returns", rets), ("Return values", ok),
                         ("Raises", failed)),
               notes=(RAISES_NOTE,) if failed else (),
               link=docstrings.source_link(facts["paths"], loc))


def render_callable(facts: ItemFacts, ctx: Context, *, method: bool, name: str,
                    indent: str = "") -> Rendered:
    """A `def` for a method (`method`: with `self`) or a function."""
    params, results, refs = signature(facts, ctx, method=method)
    listed = [f"{n}: {a}" for n, a in params] + (["/"] if params else [])
    head = f"{indent}def {name}({', '.join((['self'] if method else []) + listed)}) -> " \
           f"{annotation(results)}:"
    body = docstrings.render(doc(facts, ctx), indent + "    ")
    return Rendered(name=name, lines=(head, *body, indent + "    ..."),
                    shape=(tuple(a for _, a in params), tuple(results)), refs=refs)


def overriding(r: Rendered) -> Rendered:
    """`r` marked as an override whose signature differs from the base class's (the MAPI
    interfaces redeclare methods with other parameters; a binding dispatches by vtable slot)."""
    return Rendered(name=r.name, lines=(r.lines[0] + "  # type: ignore[override]", *r.lines[1:]),
                    shape=r.shape, refs=r.refs)


def placeholder(name: str, indent: str, summary: str) -> Rendered:
    """A vtable member the reference documents on no page: any arguments, any result."""
    body = docstrings.render(Doc(summary=summary), indent + "    ")
    params = "self, *args: object, **kwargs: object"
    return Rendered(name=name, lines=(f"{indent}def {name}({params}) -> object:", *body,
                                      indent + "    ..."),
                    shape=None, refs=frozenset())
