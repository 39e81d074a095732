"""The `enum.IntFlag` classes: one per parameter (or structure member) with documented flags.

Naming: `<Method>_<param>` (`Logoff_ulFlags`, `MAPILogonEx_flFlags`, `WIDGETINFO_ulFlags`).
Parameters of different items that would share a name share the class when they document the
same flags; otherwise each is prefixed with its interface (`IMAPISession_OpenEntry_ulFlags`).
A documented flag is written `NAME` or `NAME (value)`; prose in its place is reported and
skipped. A flag whose value is unknown stays a comment in the class; a parameter none of whose
flags has a known value keeps the type `int` (an IntFlag with no member is no type). The class's
docstring lists the flags with their descriptions, in the docstrings' locale.
"""

from __future__ import annotations

from typing import Sequence

from reflingo.render.stubs import docstrings
from reflingo.render.stubs.context import Context, FlagClass, flag_name, identifier
from reflingo.render.stubs.docstrings import Doc, Entry
from reflingo.render.stubs.facts import ItemFacts, ParamFacts, pick
from reflingo.render.stubs.interfaces import owner_and_method
from reflingo.render.stubs.typemap import resolve

Use = tuple[ItemFacts, ParamFacts, tuple[str, ...]]


def _uses(items: Sequence[ItemFacts], ctx: Context) -> dict[str, list[Use]]:
    """`<Method>_<param>` -> the (item, parameter, flag names) that want that class."""
    wanted: dict[str, list[Use]] = {}
    for i in items:
        if i["kind"] not in ("method", "function", "structure"):
            continue
        for p in i.get("params", []):
            if not p["flags"] or not identifier(p["name"]):
                continue
            if i["kind"] != "structure" and resolve(p["type"], tmap=ctx.tmap).annotation != "int":
                continue
            for f in p["flags"]:
                if not flag_name(f["name"]):
                    ctx.unknown("flag name", f["name"], i["name"], "prose, not a constant: skipped")
            names = tuple(dict.fromkeys(n for f in p["flags"] if (n := flag_name(f["name"]))))
            short = owner_and_method(i["name"])[1] or i["name"]
            wanted.setdefault(f"{short}_{p['name']}", []).append((i, p, names))
    return wanted


def _members(p: ParamFacts, item: ItemFacts, cls: str, ctx: Context
             ) -> tuple[tuple[str, int | None, str], ...]:
    """(name, value or None, description) of each flag of `p`, once per name."""
    members, seen = [], set()
    for f in p["flags"]:
        n = flag_name(f["name"])
        if n and n not in seen:
            seen.add(n)
            value = ctx.values.get(n)
            if value is None:
                ctx.unknown("flag value", n, item["name"], f"{cls}: value unknown")
            members.append((n, value, pick(f["text"], ctx.options.locale)))
    return tuple(members)


def plan_flags(items: Sequence[ItemFacts], ctx: Context) -> list[FlagClass]:
    """The classes to emit, by name; sets `ctx.flag_names` for the parameters typed with one."""
    classes: dict[str, FlagClass] = {}
    names_of: dict[tuple[str, str], str] = {}
    for short, uses in sorted(_uses(items, ctx).items()):
        shared = len({names for _, _, names in uses}) == 1
        for i, p, names in uses:
            owner = owner_and_method(i["name"])[0]
            cls = identifier(short if shared or not owner else f"{owner}_{short}") or "Flags"
            while cls in classes and tuple(m[0] for m in classes[cls].members) != names:
                cls += "_"
            if cls not in classes:
                members = _members(p, i, cls, ctx)
                if not any(value is not None for _, value, _ in members):
                    continue
                owner_text = f"{i['name']} {p['name']}"
                doc = Doc(summary=f"Flags of {owner_text}.", sections=(("Attributes", [
                    Entry(name=n, text=text) for n, _, text in members]),))
                classes[cls] = FlagClass(name=cls, owner=owner_text, members=members,
                                         doc=tuple(docstrings.render(doc, "    ")))
            names_of[(i["key"], p["name"])] = cls
    ctx.flag_names = names_of
    return [classes[c] for c in sorted(classes)]
