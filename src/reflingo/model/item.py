"""The canonical model of an API item: the language-neutral facts merged from all its pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from reflingo.model.page import Direction, Page, PageKind, Signature


@dataclass(frozen=True, slots=True, kw_only=True)
class Support:
    """Which locales back a language-neutral fact, and where it was decided."""

    origin: str
    """`signature`, `en-US` or `consensus`."""
    locales: tuple[str, ...]
    """Locales whose pages state the fact."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CanonicalFlag:
    name: str
    support: Support


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


@dataclass(frozen=True, slots=True, kw_only=True)
class CanonicalReturnValue:
    name: str
    support: Support


@dataclass(frozen=True, slots=True, kw_only=True)
class CanonicalLink:
    """A link target that the item's pages agree on."""

    target: str
    text: str
    section: str | None
    support: Support


@dataclass(frozen=True, slots=True, kw_only=True)
class ApiItem:
    """One API item across all its locales: the canonical facts and the per-locale pages."""

    key: str
    """Stable identity: the assetid, else the api_name, else the relative path."""
    name: str
    """Canonical API name (`IMAPISession::Logoff`)."""
    kind: PageKind
    rel_path: str
    """Path relative to the locale root."""
    api_name: tuple[str, ...]
    api_type: tuple[str, ...]
    signature: Signature | None
    """The canonical signature (en-US when present, else the locales' consensus)."""
    parameters: tuple[CanonicalParameter, ...]
    return_values: tuple[CanonicalReturnValue, ...]
    links: tuple[CanonicalLink, ...]
    sections: tuple[str, ...]
    """Canonical section keys, in order."""
    reference_locale: str | None
    """The locale used as reference (`en-US`), or None when built by consensus."""
    pages: Mapping[str, Page]
    """Locale -> page."""
    parameter_maps: Mapping[str, tuple[int | None, ...]] = field(
        default_factory=dict, metadata={"serialize": False})
    """Locale -> for each parameter documented on that locale's page, the index of the canonical
    parameter it stands for (None when it maps to none); serialised on each page."""

    @property
    def locales(self) -> tuple[str, ...]:
        return tuple(sorted(self.pages))
