"""The canonical model of an API item: the language-neutral facts merged from all its pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from reflingo.model.page import Direction, Page, PageKind, Signature, Text
from reflingo.spans import SourceSpan

Texts = Mapping[str, Text]
"""Locale -> that locale's text of a fact (plain text, Markdown, English source, span)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Support:
    """Which locales back a language-neutral fact, and where it was decided."""

    origin: str
    """`signature`, `en-US` or `consensus`."""
    locales: tuple[str, ...]
    """Locales whose pages state the fact."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CanonicalFlag:
    """A flag (or value) documented under a parameter or member."""

    name: str
    """The flag's name (`MAPI_LOGOFF_UI`)."""
    support: Support
    """Where the name comes from."""
    descriptions: Texts = field(default_factory=dict)
    """Locale -> what the flag does, as that locale's page says it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CanonicalParameter:
    """A parameter of the canonical model, with the page names that map to it."""

    name: str
    """The canonical name (`ulUIParam`)."""
    type: str | None
    """The C type from the signature, when known."""
    direction: Direction
    """The canonical direction."""
    flags: tuple[CanonicalFlag, ...]
    """Flags documented under the parameter."""
    support: Support
    """Where the name comes from."""
    direction_support: Support
    """Where the direction comes from."""
    aliases: Mapping[str, str] = field(default_factory=dict)
    """Locale -> name as written on that locale's page, where it differs."""
    descriptions: Texts = field(default_factory=dict)
    """Locale -> the parameter's description on that locale's page (direction tag removed)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CanonicalReturnValue:
    """A documented return value (`S_OK`, `MAPI_E_NOT_FOUND`)."""

    name: str
    """The value's name."""
    support: Support
    """Where the name comes from."""
    descriptions: Texts = field(default_factory=dict)
    """Locale -> what the value means, as that locale's page says it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CanonicalLink:
    """A link target that the item's pages agree on."""

    target: str
    """The target as written on the reference page."""
    text: str
    """The link text on the reference page."""
    section: str | None
    """The section it stands in."""
    support: Support
    """Which locales have it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ApiItem:
    """One API item across all its locales: the canonical facts and the per-locale pages."""

    key: str
    """Stable identity: the assetid, else the api_name, else the relative path."""
    name: str
    """Canonical API name (`IMAPISession::Logoff`)."""
    kind: PageKind
    """What the item is (method, function, interface, structure, property, ...)."""
    rel_path: str
    """Path relative to the locale root."""
    api_name: tuple[str, ...]
    """The front matter's `api_name`."""
    api_type: tuple[str, ...]
    """The front matter's `api_type`."""
    signature: Signature | None
    """The canonical signature (en-US when present, else the locales' consensus)."""
    parameters: tuple[CanonicalParameter, ...]
    """Parameters (structure pages: members), in declaration order."""
    return_values: tuple[CanonicalReturnValue, ...]
    """Documented return values."""
    links: tuple[CanonicalLink, ...]
    """Link targets the pages agree on."""
    sections: tuple[str, ...]
    """Canonical section keys, in order."""
    reference_locale: str | None
    """The locale used as reference (`en-US`), or None when built by consensus."""
    pages: Mapping[str, Page]
    """Locale -> page."""
    summary: Texts = field(default_factory=dict)
    """Locale -> the lead paragraph (what the item does) on that locale's page."""
    parameter_maps: Mapping[str, tuple[int | None, ...]] = field(
        default_factory=dict, metadata={"serialize": False})
    """Locale -> for each parameter documented on that locale's page, the index of the canonical
    parameter it stands for (None when it maps to none); serialised on each page."""
    flag_maps: Mapping[str, tuple[tuple[int | None, ...], ...]] = field(default_factory=dict)
    """Locale -> for each parameter documented on that page, for each of its flags, the index of
    the canonical flag (of the canonical parameter it maps to) it stands for."""
    value_maps: Mapping[str, tuple[int | None, ...]] = field(default_factory=dict)
    """Locale -> for each return value documented on that page, the index of the canonical one."""

    @property
    def locales(self) -> tuple[str, ...]:
        return tuple(sorted(self.pages))


@dataclass(frozen=True, slots=True, kw_only=True)
class VtableEntry:
    """One member of an interface's vtable, in order."""

    name: str
    """The method's name as the reference page lists it (`GetLastError`)."""
    path: str | None
    """The method page the entry links to, relative to the locale root; None without a link."""
    key: str | None = None
    """The method item's key, once the whole corpus is known (None when not resolved)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class InterfaceItem(ApiItem):
    """A COM interface: its bases and its methods in vtable order."""

    bases: tuple[str, ...] = ()
    """The interfaces it inherits from (`IUnknown`), from the title (`IMAPISession : IUnknown`)
    or an "Inherits from" row."""
    vtable: tuple[VtableEntry, ...] = ()
    """The vtable members, in order."""
    interface_identifier: str | None = None
    """The IID constant (`IID_IMAPISession`)."""
    pointer_type: str | None = None
    """The pointer typedef (`LPMAPISESSION`)."""
    header_file: str | None = None
    """The header that declares it (`Mapix.h`)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CallableItem(ApiItem):
    """A method, function or macro: the signature's parameters and return type, overloads."""

    return_type: str | None = None
    """The declared return type (`HRESULT`)."""
    overloads: tuple[Signature, ...] = ()
    """Further declarations the page gives (a `Foo` / `Foo12` pair)."""
    header_file: str | None = None
    """The header that declares it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class StructureItem(ApiItem):
    """A structure: its members are the canonical parameters, typed from the declaration."""

    header_file: str | None = None
    """The header that declares it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PropertyItem(ApiItem):
    """A MAPI property: its tag (id and types), its names, its property set."""

    property_id: int | None = None
    """The property identifier (`0x3001`), for tagged properties."""
    property_types: tuple[str, ...] = ()
    """The data types (`PT_STRING8`, `PT_UNICODE`)."""
    names: tuple[str, ...] = ()
    """The associated names (`PR_DISPLAY_NAME`, `PR_DISPLAY_NAME_A`, `dispidAllAttendeesString`)."""
    property_set: str | None = None
    """A named property's set (`PSETID_Appointment`)."""
    long_id: int | None = None
    """A named property's long id (LID, `0x00008238`)."""
    property_name: str | None = None
    """A named property's string name, when it has one."""
    area: str | None = None
    """The area (`MAPI common`)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class NavNode:
    """One entry of a locale's table of contents (`TOC.yml`)."""

    title: str
    """The entry's title in that locale."""
    href: str | None = None
    """The link as written (`imapisession-logoff.md`, a URL, or None for a folder)."""
    path: str | None = None
    """The page it links to, relative to the locale root (None for URLs and folders)."""
    key: str | None = None
    """The key of the item that page documents, once the corpus is known."""
    children: tuple["NavNode", ...] = ()
    """The nested entries, in order."""
    span: SourceSpan | None = None
    """Where the entry stands in the TOC file."""
