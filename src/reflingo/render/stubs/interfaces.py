"""`interfaces.pyi`: one class per interface, with its real base and its methods in vtable
order; `functions.pyi`: one `def` per function.

- An interface's methods are its vtable entries in order, each the method page it links to
  (else the method page named `Interface::Entry`); an entry no page documents is declared with
  any arguments and any result, and reported. Method pages the vtable does not list follow, by
  name.
- A class whose interface page is missing (only its method pages were read) derives from
  `IUnknown`, the root of every COM interface, and is reported; so is a base no page documents,
  which is declared as an opaque class.
- `IUnknown` is declared with its three methods, the OLE interfaces MAPI signatures use
  (`IStream`, ...) as opaque classes.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from reflingo.render.stubs import docstrings
from reflingo.render.stubs.callables import Rendered, overriding, placeholder, render_callable
from reflingo.render.stubs.context import Context, class_name, identifier, named_items
from reflingo.render.stubs.docstrings import Doc
from reflingo.render.stubs.facts import ItemFacts, pick
from reflingo.render.stubs.typemap import OLE_INTERFACES

IUNKNOWN = '''class IUnknown:
    """The root of every COM interface: identity and reference counting."""
    def QueryInterface(self, riid: uuid.UUID) -> IUnknown:
        """The object's interface `riid`, or an error (E_NOINTERFACE) when it has none."""
        ...
    def AddRef(self) -> int:
        """Adds a reference; returns the new count."""
        ...
    def Release(self) -> int:
        """Releases a reference; returns the new count."""
        ...'''

Shape = tuple[tuple[str, ...], tuple[str, ...]] | None
IUNKNOWN_SHAPES: dict[str, Shape] = {"QueryInterface": (("uuid.UUID",), ("IUnknown",)),
                                     "AddRef": ((), ("int",)), "Release": ((), ("int",))}


def owner_and_method(name: str) -> tuple[str, str]:
    """`IMAPISession::Logoff` -> (`IMAPISession`, `Logoff`)."""
    owner, _, method = name.rpartition("::")
    return owner.strip(), method.strip()


def _order(classes: Mapping[str, tuple[str, ...]]) -> list[str]:
    """Class names with every base before the classes that derive from it, else by name."""
    done: list[str] = []
    state: dict[str, int] = {}

    def visit(name: str) -> None:
        if state.get(name):
            return
        state[name] = 1
        for base in classes.get(name, ()):
            if base in classes:
                visit(base)
        state[name] = 2
        done.append(name)

    for name in sorted(classes):
        visit(name)
    return done


class InterfaceRenderer:
    """Renders the interface classes of one run."""

    def __init__(self, items: Sequence[ItemFacts], ctx: Context) -> None:
        self.ctx = ctx
        self.interfaces = {i["name"]: i for i in items if i["kind"] == "interface"
                           and class_name(i["name"])}
        self.methods: dict[str, list[ItemFacts]] = {}
        self.by_path: dict[str, ItemFacts] = {}
        for m in items:
            if m["kind"] != "method":
                continue
            owner, method = owner_and_method(m["name"])
            if not (class_name(owner) and identifier(method)):
                ctx.unknown("name", m["name"], m["name"], "no Python name: method left out")
                continue
            self.methods.setdefault(owner, []).append(m)
            for path in m["paths"].values():
                self.by_path.setdefault(path, m)
        self.bases: dict[str, tuple[str, ...]] = {}
        for name in sorted(set(self.interfaces) | set(self.methods)):
            self.bases[name] = self._bases(name)
        self.shapes: dict[str, dict[str, Shape]] = {"IUnknown": dict(IUNKNOWN_SHAPES)}
        self.flag_classes = set(ctx.flag_names.values())
        self.method_count = 0

    def _bases(self, name: str) -> tuple[str, ...]:
        facts = self.interfaces.get(name)
        if facts is None:
            self.ctx.unknown("interface", name, name, "no interface page: base IUnknown")
            return ("IUnknown",)
        bases = tuple(b for b in facts.get("bases", [])
                      if class_name(b) or b == "IUnknown") or ("IUnknown",)
        return bases

    def _ancestors(self, name: str, seen: set[str] | None = None) -> list[str]:
        seen = set() if seen is None else seen
        out = []
        for base in self.bases.get(name, ()):
            if base not in seen:
                seen.add(base)
                out.append(base)
                out.extend(self._ancestors(base, seen))
        return out

    def _subtype(self, a: str, b: str) -> bool:
        """Whether a value typed `a` may stand where `b` is expected (as the checkers see it)."""
        return (a == b or b == "object" or (b == "int" and a in self.flag_classes)
                or b in self._ancestors(a))

    def _compatible(self, derived: Shape, base: Shape) -> bool:
        """Whether a method of this shape may override the base's without a checker error:
        parameters may widen, the result may narrow."""
        if derived is None:
            return base is None or base[1] == ("object",)
        if base is None:
            return False
        (d_params, d_result), (b_params, b_result) = derived, base
        if len(d_params) != len(b_params):
            return False
        if not all(self._subtype(b, d) for d, b in zip(d_params, b_params)):
            return False
        if b_result == ("object",):
            return True
        return len(d_result) == len(b_result) and all(
            self._subtype(d, b) for d, b in zip(d_result, b_result))

    def _members(self, name: str) -> list[ItemFacts | str]:
        """The class's methods in order: method facts, or the name of an undocumented entry."""
        own = {owner_and_method(m["name"])[1]: m for m in self.methods.get(name, [])}
        out: list[ItemFacts | str] = []
        for entry_name, path in (self.interfaces.get(name, {}).get("vtable") or []):
            facts = self.by_path.get(path or "") or own.get(entry_name or "")
            if facts is not None and owner_and_method(facts["name"])[0] != name:
                facts = own.get(entry_name or "", facts)
            out.append(facts if facts is not None else entry_name or "")
        listed = {owner_and_method(f["name"])[1] for f in out if not isinstance(f, str)}
        out.extend(own[m] for m in sorted(own) if m not in listed)
        return out

    def render_class(self, name: str) -> tuple[list[str], set[tuple[str, str]]]:
        facts = self.interfaces.get(name)
        refs: set[tuple[str, str]] = set()
        lines = [f"class {name}({', '.join(self.bases[name])}):"]
        summary = pick(facts["summary"], self.ctx.options.locale) if facts else ""
        link = docstrings.source_link(facts["paths"], self.ctx.options.locale) if facts else None
        lines += docstrings.render(Doc(summary=summary or f"The {name} interface.", link=link),
                                   "    ")
        inherited: dict[str, Shape] = {}
        for base in reversed(self._ancestors(name)):
            inherited.update(self.shapes.get(base, {}))
        shapes: dict[str, Shape] = {}
        for member in self._members(name):
            if isinstance(member, str):
                py = identifier(member)
                if not py or py in shapes:
                    continue
                self.ctx.unknown("method", f"{name}::{member}", name,
                                 "no method page: any arguments, any result")
                r: Rendered = placeholder(py, "    ", f"{name}::{member}: no page of the "
                                                       "reference documents this vtable entry.")
            else:
                py = identifier(owner_and_method(member["name"])[1]) or ""
                if not py or py in shapes:
                    continue
                r = render_callable(member, self.ctx, method=True, name=py, indent="    ")
                self.method_count += 1
            if py in inherited and not self._compatible(r.shape, inherited[py]):
                r = overriding(r)
            shapes[py] = r.shape
            refs |= r.refs
            lines.extend(r.lines)
        self.shapes[name] = shapes
        return lines, refs

    def render(self) -> tuple[list[str], set[tuple[str, str]]]:
        """The module body (classes in base order) and the names it imports."""
        known = set(self.bases) | {"IUnknown"}
        opaque = sorted({b for bases in self.bases.values() for b in bases if b not in known}
                        | {c for c in OLE_INTERFACES.values() if c not in known})
        for b in opaque:
            if b not in OLE_INTERFACES.values():
                self.ctx.unknown("interface", b, b, "base documented on no page: opaque class")
        body: list[str] = [IUNKNOWN]
        refs: set[tuple[str, str]] = {("uuid", "")}
        for b in opaque:
            body += ["", f"class {b}(IUnknown):",
                     f'    """{b}: not documented in this reference (its methods are not '
                     'typed)."""']
        for name in _order(self.bases):
            lines, class_refs = self.render_class(name)
            body += [""] + lines
            refs |= class_refs
        return body, refs


def render_functions(items: Sequence[ItemFacts], ctx: Context) -> tuple[list[str],
                                                                        set[tuple[str, str]], int]:
    """The functions module's body, the names it imports, and how many functions it has."""
    body: list[str] = []
    refs: set[tuple[str, str]] = set()
    count = 0
    for name, f in named_items(items, "function", ctx):
        r = render_callable(f, ctx, method=False, name=name)
        body += [""] + list(r.lines)
        refs |= r.refs
        count += 1
    return body, refs, count
