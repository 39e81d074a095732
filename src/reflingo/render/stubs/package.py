"""The whole package from the items' facts and a constants table: the modules, and the report."""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from reflingo.render.stubs.constmod import Constant, NamedProp, render_constants, valid_name
from reflingo.render.stubs.context import (Context, Disagreement, FlagClass, StubOptions,
                                           StubPackage, StubReport, flag_name, identifier)
from reflingo.render.stubs.docstrings import source_link
from reflingo.render.stubs.facts import ItemFacts, pick
from reflingo.render.stubs.interfaces import (InterfaceRenderer, owner_and_method,
                                              render_functions)
from reflingo.render.stubs.structures import render_structures
from reflingo.render.stubs.tags import PROPERTY_TYPES, property_tags, type_value
from reflingo.render.stubs.typemap import TypeMap, resolve, typedef_names

_HRESULT_NAME = re.compile(r"^(?:S_|E_|MAPI_[EW]_|[A-Z][A-Z0-9]*_[EWS]_)[A-Z0-9_]+$")


def type_map(items: Sequence[ItemFacts]) -> TypeMap:
    """The C names of the items' interfaces (and of the classes their methods imply) and
    structures."""
    interfaces: dict[str, str] = {}
    structures: dict[str, str] = {}
    owners = {owner_and_method(i["name"])[0] for i in items if i["kind"] == "method"}
    for name in sorted(owners):
        if identifier(name):
            interfaces.setdefault(name, name)
            interfaces.setdefault("LP" + name[1:].upper(), name)
    for i in items:
        if i["kind"] == "interface" and identifier(i["name"]):
            interfaces[i["name"]] = i["name"]
            interfaces.setdefault("LP" + i["name"][1:].upper(), i["name"])
            if i.get("pointer_type"):
                interfaces[str(i["pointer_type"])] = i["name"]
    for i in items:
        if i["kind"] == "structure" and identifier(i["name"]):
            plain, pointers = typedef_names(i.get("code"))
            for n in (i["name"], *plain, *pointers, "LP" + i["name"]):
                structures.setdefault(n, i["name"])
    return TypeMap(interfaces=interfaces, structures=structures)


def _property_constants(items: Sequence[ItemFacts], table: Mapping[str, int], ctx_unknown,
                        locale: str) -> tuple[dict[str, Constant], list[NamedProp],
                                              list[Disagreement]]:
    tags: dict[str, Constant] = {}
    named: list[NamedProp] = []
    disagreements: list[Disagreement] = []
    for i in items:
        if i["kind"] != "property":
            continue
        doc = f"{i['name']}: {pick(i['summary'], locale)} Source: {source_link(i['paths'], locale)}"
        types = list(i.get("property_types") or [])
        for t in types:
            if type_value(t) is None:
                ctx_unknown("property type", t, i["name"], "no tag computed with it")
        ident = i.get("property_id")
        if ident is None:
            if i.get("property_set") and valid_name(i["name"]):
                known = [v for t in types if (v := type_value(t)) is not None]
                named.append(NamedProp(name=i["name"], property_set=str(i["property_set"]),
                                       long_id=i.get("long_id"), string_name=i.get("property_name"),
                                       type=known[0] if known else None, doc=doc))
            else:
                ctx_unknown("property", i["name"], i["name"], "neither an id nor a property set")
            continue
        main = None
        for tag in property_tags(ident, types, list(i.get("names") or [])):
            if not valid_name(tag.name):
                continue
            if tag.note:
                ctx_unknown("property tag", tag.name, i["name"], tag.note)
            if tag.value is not None and tag.name in table and table[tag.name] != tag.value:
                disagreements.append(Disagreement(name=tag.name, computed=tag.value,
                                                  table=table[tag.name], item=i["name"]))
            if tag.name in tags and tags[tag.name].value != tag.value:
                ctx_unknown("property tag", tag.name, i["name"], "another page gives another id")
                continue
            first = main is None and tag.value is not None
            tags[tag.name] = Constant(name=tag.name, value=tag.value, doc=doc if first else None)
            main = main or (tag.name if tag.value is not None else None)
        if main and valid_name(i["name"]) and i["name"] != main:
            tags.setdefault(i["name"], Constant(name=i["name"], value=tags[main].value,
                                                alias_of=main, doc=doc))
    return tags, named, disagreements


def _flag_plan(items: Sequence[ItemFacts], ctx: Context) -> list[FlagClass]:
    """One IntFlag per parameter (or member) with documented flags: `<Method>_<param>`; when
    parameters of different items with different flags share that name, each is prefixed with
    its owner (`IMAPISession_OpenEntry_ulFlags`); parameters with the same flags share a class."""
    wanted: dict[str, list[tuple[ItemFacts, dict, tuple[str, ...]]]] = {}
    for i in items:
        if i["kind"] not in ("method", "function", "structure"):
            continue
        for p in i.get("params", []):
            if not p["flags"] or not identifier(p["name"]):
                continue
            if resolve(p["type"], tmap=ctx.tmap).annotation != "int" and i["kind"] != "structure":
                continue
            names = tuple(dict.fromkeys(n for f in p["flags"] if (n := flag_name(f["name"]))))
            for f in p["flags"]:
                if not flag_name(f["name"]):
                    ctx.unknown("flag name", f["name"], i["name"], "prose, not a constant: skipped")
            short = owner_and_method(i["name"])[1] or i["name"]
            wanted.setdefault(f"{short}_{p['name']}", []).append((i, p, names))
    classes: dict[str, FlagClass] = {}
    names_of: dict[tuple[str, str], str] = {}
    for short, uses in sorted(wanted.items()):
        shared = len({u[2] for u in uses}) == 1
        for i, p, names in uses:
            owner = owner_and_method(i["name"])[0]
            cls = short if shared or not owner else f"{owner}_{short}"
            cls = identifier(cls) or "Flags"
            while cls in classes and classes[cls].members and \
                    tuple(m[0] for m in classes[cls].members) != names:
                cls += "_"
            if cls not in classes:
                members = _members(p, i, cls, ctx)
                if not any(value is not None for _, value, _ in members):
                    continue                 # no known value: the parameter stays an int
                classes[cls] = FlagClass(name=cls, owner=f"{i['name']} {p['name']}",
                                         members=members)
            names_of[(i["key"], p["name"])] = cls
    ctx.flag_names = names_of
    return [classes[c] for c in sorted(classes)]


def _members(p: dict, item: ItemFacts, cls: str, ctx: Context
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


def _module(package: str, title: str, body: list[str], refs: set[tuple[str, str]],
            own: str) -> str:
    imports = []
    if ("uuid", "") in refs or any("uuid.UUID" in line for line in body):
        imports.append("import uuid")
    abc = sorted(n for m, n in refs if m == "typing" and n in ("Callable", "Sequence"))
    if abc:
        imports.append(f"from collections.abc import {', '.join(abc)}")
    if ("typing", "TypeAlias") in refs:
        imports.append("from typing import TypeAlias")
    for module in ("constants", "interfaces", "structures"):
        names = sorted({n for m, n in refs if m == module})
        if names and module != own:
            imports.append(f"from {package}.{module} import {', '.join(names)}")
    return "\n".join([f'"""{title}"""', ""] + imports + [""] + body) + "\n"


def render_package(items: Sequence[ItemFacts], table: Mapping[str, int],
                   options: StubOptions | None = None) -> StubPackage:
    """The package's files (`{relative_path: text}`) and the report."""
    options = options or StubOptions()
    items = sorted(items, key=lambda i: (i["name"], i["key"]))
    ctx = Context(options=options, tmap=type_map(items), values={})
    tags, named, disagreements = _property_constants(items, table, ctx.unknown, options.locale)
    for name, value in PROPERTY_TYPES.items():
        if name in table and table[name] != value:
            disagreements.append(Disagreement(name=name, computed=value, table=table[name],
                                              item="property types (MAPIDefS.h)"))
    ctx.values = {**table, **{n: c.value for n, c in tags.items() if c.value is not None}}
    flags = _flag_plan(items, ctx)
    ifaces = InterfaceRenderer(items, ctx)
    i_body, i_refs = ifaces.render()
    f_body, f_refs, n_functions = render_functions(items, ctx)
    s_body, s_refs, n_structures = render_structures(items, ctx)
    constants = _constants(items, table, tags, ctx)
    pkg, loc = options.package, options.locale
    gen = f"Generated by reflingo from the MAPI reference pages ({loc}); do not edit."
    files = {f"{pkg}/py.typed": "",
             f"{pkg}/__init__.py": f'"""Typed MAPI: interfaces, functions, structures and '
                                   f'constants.\n\n{gen}\n"""\n',
             f"{pkg}/interfaces.pyi": _module(pkg, f"MAPI interfaces.\n\n{gen}\n", i_body,
                                              i_refs, "interfaces"),
             f"{pkg}/functions.pyi": _module(pkg, f"MAPI functions.\n\n{gen}\n", f_body,
                                             f_refs, "functions"),
             f"{pkg}/structures.pyi": _module(pkg, f"MAPI structures.\n\n{gen}\n", s_body,
                                              s_refs, "structures")}
    files[f"{pkg}/__init__.pyi"] = files[f"{pkg}/__init__.py"]
    for path, text in render_constants(constants, named, flags, loc).items():
        files[f"{pkg}/{path}"] = text
    valued = sum(1 for c in constants if c.value is not None) + len(named)
    counts = (("interfaces", len(ifaces.bases)), ("methods", ifaces.method_count),
              ("functions", n_functions), ("structures", n_structures),
              ("properties", sum(1 for i in items if i["kind"] == "property")),
              ("constants with value", valued),
              ("constants without value", len(constants) + len(named) - valued))
    report = StubReport(counts=counts,
                        disagreements=tuple(sorted(disagreements, key=lambda d: (d.name, d.item))),
                        unknowns=tuple(sorted(set(ctx.unknowns), key=lambda u: (
                            u.what, u.name, u.item, u.note))))
    return StubPackage(files=files, report=report)


def _constants(items: Sequence[ItemFacts], table: Mapping[str, int], tags: Mapping[str, Constant],
               ctx: Context) -> list[Constant]:
    """The module-level constants: the table's, the property tags, and the documented flags and
    HRESULTs (None when their value is unknown); plain ones by name, then aliases."""
    out: dict[str, Constant] = {n: Constant(name=n, value=v) for n, v in table.items()
                                if valid_name(n)}
    out.update(tags)
    for i in items:
        for v in i.get("returns", []):
            name = str(v["name"])
            if _HRESULT_NAME.match(name) and name not in out:
                out[name] = Constant(name=name, value=None)
                ctx.unknown("return value", name, i["name"], "value unknown")
        for p in i.get("params", []):
            for f in p["flags"]:
                name = flag_name(f["name"])
                if name and name not in out:
                    out[name] = Constant(name=name, value=None)
    plain = sorted((c for c in out.values() if not c.alias_of), key=lambda c: c.name)
    aliases = sorted((c for c in out.values() if c.alias_of), key=lambda c: c.name)
    return plain + aliases
