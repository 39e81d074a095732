"""What one stub run shares: its options, the type map, the known values, the flag classes to
emit, and the report it collects (disagreements and what is unknown)."""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field
from typing import Iterator, Mapping, Sequence

from reflingo.render.stubs.facts import ItemFacts
from reflingo.render.stubs.typemap import TypeMap

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FLAG_NAME = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\s*\([^)]*\))?")


@dataclass(frozen=True, slots=True, kw_only=True)
class StubOptions:
    """How to generate the package."""

    locale: str = "en-US"
    """The docstrings' language (falling back to en-US, then the consensus)."""
    package: str = "mapi_types"
    """The package's import name."""
    version: str = "0"
    """The distribution's version (the command gives reflingo's)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Disagreement:
    """A computed value that differs from the constants table."""

    name: str
    """The constant (`PR_SUBJECT`)."""
    computed: int
    """The value computed from the reference page."""
    table: int
    """The value in the constants table (the headers)."""
    item: str
    """The item the value was computed for."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Unknown:
    """Something the generator could not type or give a value, and what it did instead."""

    what: str
    """`type`, `flag value`, `return value`, `flag name`, `property type`, `interface`, ..."""
    name: str
    """The C type or constant name."""
    item: str
    """The item it occurs in."""
    note: str = ""
    """What was emitted instead, or why."""


@dataclass(frozen=True, slots=True, kw_only=True)
class StubReport:
    """What a run produced: counts per kind, the disagreements, the unknowns."""

    counts: tuple[tuple[str, int], ...]
    """(kind, count) in a fixed order: interfaces, methods, functions, structures, properties,
    constants with a value, constants without."""
    disagreements: tuple[Disagreement, ...]
    """Computed values that differ from the constants table, sorted by name."""
    unknowns: tuple[Unknown, ...]
    """What could not be typed or valued, sorted."""


@dataclass(frozen=True, slots=True, kw_only=True)
class StubPackage:
    """The generated package and its report."""

    files: Mapping[str, str]
    """Relative path (`mapi_types/interfaces.pyi`) -> text."""
    report: StubReport
    """Counts, disagreements and unknowns."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FlagClass:
    """An `enum.IntFlag` for the flags documented under one parameter (or member)."""

    name: str
    """The class name (`Logoff_ulFlags`)."""
    owner: str
    """The item and parameter it documents (`IMAPISession::Logoff ulFlags`)."""
    members: tuple[tuple[str, int | None, str], ...]
    """(flag name, value or None when unknown, description)."""
    base: str = "IntFlag"
    """`IntFlag`, or `IntEnum` for a documented enumeration."""
    doc: tuple[str, ...] = ()
    """The class's docstring lines, indented (default: "Flags of <owner>.")."""


@dataclass(slots=True, kw_only=True)
class Context:
    """The state of one run (built by :mod:`.package`; not shared across runs)."""

    options: StubOptions
    """The run's options."""
    tmap: TypeMap
    """C names of the corpus's interfaces and structures."""
    values: Mapping[str, int]
    """Every value known: the constants table, then the computed property tags."""
    flag_names: Mapping[tuple[str, str], str] = field(default_factory=dict)
    """(item key, parameter name) -> the IntFlag class of its flags."""
    unknowns: list[Unknown] = field(default_factory=list)
    """Collected as the modules are rendered."""

    def unknown(self, what: str, name: str, item: str, note: str = "") -> None:
        self.unknowns.append(Unknown(what=what, name=name, item=item, note=note))


#: Names the generated modules use themselves: no class of the corpus may take one.
RESERVED = frozenset({"int", "str", "bytes", "float", "bool", "object", "tuple", "type", "uuid",
                      "Sequence", "Callable", "TypeAlias", "Final", "IntFlag", "IntEnum",
                      "NamedTuple", "NamedProperty", "IUnknown", "None"})


def class_name(name: str) -> bool:
    """Whether a C name can be a class as it is (an identifier, no keyword, not reserved)."""
    return identifier(name) == name and name not in RESERVED


def identifier(name: str) -> str | None:
    """A Python name for a C name (`lambda` -> `lambda_`), None when it is none."""
    if not _IDENT.fullmatch(name):
        return None
    return name + "_" if keyword.iskeyword(name) or keyword.issoftkeyword(name) else name


def flag_name(written: str) -> str | None:
    """The constant a documented flag names: `MAPI_UNICODE`, `SEARCH_REBUILD (0x2)` ->
    `SEARCH_REBUILD`; None for prose (`A client-defined value`, `0 (zero)`)."""
    m = _FLAG_NAME.fullmatch(written.strip())
    if not m or m.group(1).startswith("_") or keyword.iskeyword(m.group(1)):
        return None
    return m.group(1)


def named_items(items: Sequence[ItemFacts], kind: str, ctx: Context
                ) -> Iterator[tuple[str, ItemFacts]]:
    """(name, facts) of the items of `kind`, the first of each name; one whose name cannot be a
    Python name as it is, or a second page of a name, is reported and left out."""
    seen: set[str] = set()
    for item in items:
        if item["kind"] != kind:
            continue
        name = item["name"] if class_name(item["name"]) else None
        if not name or name in seen:
            ctx.unknown("name", item["name"], item["name"],
                        f"{'no Python name' if not name else 'a second page'}: {kind} left out")
            continue
        seen.add(name)
        yield name, item
