"""The canonical API model: small frozen values built by the parser and the merger.

Every fact extracted from a page carries the :class:`SourceSpan` it came from, so findings,
fixes and the site's "view source" links can point at the exact lines. :mod:`.page` holds what
one page says; :mod:`.item` the canonical item merged from all locales' pages.
"""

from reflingo.model.item import (ApiItem, CallableItem, CanonicalFlag, CanonicalLink,
                                 CanonicalParameter, CanonicalReturnValue, InterfaceItem,
                                 NavNode, PropertyItem, StructureItem, Support, Texts, VtableEntry)
from reflingo.model.page import (PageKind, Direction, Text, Link, Flag, Parameter, ReturnValue,
                                 SignatureParam, Signature, TableRow, Table, Property, Admonition,
                                 MfcmapiRow, Block, Section, FrontMatter, Page)
from reflingo.spans import SourceSpan

__all__ = [
    "Admonition", "ApiItem", "Block", "CallableItem", "InterfaceItem", "PropertyItem", "NavNode",
    "StructureItem", "Texts", "VtableEntry", "CanonicalFlag", "CanonicalLink", "CanonicalParameter",
    "CanonicalReturnValue", "Direction", "Flag", "FrontMatter", "Link", "MfcmapiRow", "Page",
    "PageKind", "Parameter", "Property", "ReturnValue", "Section", "Signature",
    "SignatureParam", "SourceSpan", "Support", "Table", "TableRow", "Text",
]
