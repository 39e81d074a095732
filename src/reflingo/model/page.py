"""What one page says: the facts the parser extracts, each with the span it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Mapping

from reflingo.findings import Finding
from reflingo.model.inline import Inline, parse_inline
from reflingo.spans import SourceSpan


class PageKind(StrEnum):
    """What an API reference page documents."""

    METHOD = "method"
    FUNCTION = "function"
    MACRO = "macro"
    INTERFACE = "interface"
    STRUCTURE = "structure"
    PROPERTY = "property"
    CONCEPTUAL = "conceptual"


class Direction(StrEnum):
    """A parameter's direction, normalised from its tag (`[in]`, `[out]`, `[in, out]`)."""

    IN = "in"
    OUT = "out"
    IN_OUT = "in-out"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True, kw_only=True)
class Text:
    """A piece of page text: the translation, plus its English source when the page embeds it."""

    text: str
    """The text as a reader sees it (bilingual markup removed)."""
    source: str | None = None
    """The English source text embedded by bilingual markup, if any."""
    span: SourceSpan
    """Where the text stands."""
    markdown: str | None = None
    """The text as written (inline Markdown, bilingual markup removed), when it differs from
    `text`; its inline tree is :attr:`inline`."""

    @property
    def inline(self) -> tuple[Inline, ...]:
        """The text's inline content (code, emphasis, links, ...) for a renderer."""
        return parse_inline(self.markdown if self.markdown is not None else self.text)


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    """A Markdown link found on a page."""

    text: str
    """The link text, markup removed."""
    target: str
    """The link target exactly as written."""
    span: SourceSpan
    """The line holding the link."""
    section: str | None = None
    """Canonical key of the section the link is in."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Flag:
    """A flag (or value) listed under a parameter or member."""

    name: str
    """The flag's name as written, e.g. `MAPI_LOGOFF_UI`."""
    description: Text
    """What the flag does."""
    span: SourceSpan
    """From the flag's name to the end of its description."""
    bulleted: bool = False
    """Written as a list item (`- NAME: text`) rather than a name line and a quote."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Parameter:
    """A documented parameter (or structure member) of a page."""

    name: str
    """The name as written under its heading (may be damaged: `улуипарам`)."""
    direction_tag: str | None
    """The direction tag as written (`[in]`, `a`, `возврата`), or None when absent."""
    direction: Direction
    """The tag normalised with the locale's table (a damaged tag the table lists gives the
    direction it stands for); UNKNOWN when it means nothing known."""
    description: Text
    """The parameter's description, without the direction tag."""
    direction_damaged: bool = False
    """The tag is a damaged form the locale's table lists (`a`, `[вышел]`): the direction is
    the one it stands for, and the checks still report the tag."""
    flags: tuple[Flag, ...] = ()
    """Flags or values listed under the parameter."""
    span: SourceSpan
    """From the name heading to the end of the last flag."""
    name_span: SourceSpan
    """The line of the name heading."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReturnValue:
    """A documented return value, e.g. `S_OK` with its meaning."""

    name: str
    """The value's name as written."""
    description: Text
    """What the value means."""
    span: SourceSpan
    """From the name to the end of its description."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SignatureParam:
    """One parameter (or structure member) declared in a C signature."""

    name: str
    """The declared name."""
    type: str
    """The declared type, whitespace-normalised (`LPVOID FAR *`)."""
    annotations: tuple[str, ...] = ()
    """SAL-style or direction annotations written in the declaration (`[in]`, `_In_`)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Signature:
    """The C declaration from a page's code block."""

    kind: str
    """`function`, `macro`, `struct` or `other`."""
    name: str | None
    """The declared function, macro or structure name."""
    return_type: str | None
    """Return type of a function (None for structures and macros)."""
    params: tuple[SignatureParam, ...]
    """Parameters (functions, macros) or members (structures), in order."""
    code: str
    """The code block's text, exactly as written."""
    language: str
    """The fence's info string (`cpp`)."""
    span: SourceSpan
    """The code block, fences included."""
    overloads: tuple["Signature", ...] = ()
    """Further declarations in the same block, in order (a `Foo` / `Foo12` pair)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class TableRow:
    """A row of a page's table: its cells, markup removed."""

    cells: tuple[str, ...]
    """Cell texts, stripped of `<br/>` and surrounding space."""
    span: SourceSpan
    """The row's line."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Table:
    """A pipe table."""

    header: tuple[str, ...]
    """Header cells (markup removed)."""
    rows: tuple[TableRow, ...]
    """Body rows."""
    span: SourceSpan
    """The whole table."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Property:
    """A label/value pair from a page's property table (`Header file: Mapix.h`)."""

    key: str
    """Canonical key (`header_file`, `identifier`, `data_type`, ...) or the label itself when unknown."""
    label: str
    """The label as written, without the trailing colon."""
    value: str
    """The value as written, markup removed."""
    span: SourceSpan
    """The row's line."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Admonition:
    """A DocFX alert block such as `> [!NOTE]`."""

    kind: str
    """NOTE, TIP, IMPORTANT, CAUTION or WARNING."""
    text: Text
    """The alert's body."""
    section: str | None
    """Canonical key of the section it stands in."""


@dataclass(frozen=True, slots=True, kw_only=True)
class MfcmapiRow:
    """A row of the MFCMAPI reference table: where the sample code uses the API."""

    file: str
    """Source file, e.g. `MAPIObjects.cpp`."""
    function: str
    """Function in that file, e.g. `CMapiObjects::Logoff`."""
    comment: str
    """What the sample does with it."""
    span: SourceSpan
    """The row's line."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """One top-level Markdown block, exactly as written."""

    kind: str
    """paragraph, blockquote, fence, table, list, heading, html or hr."""
    text: str
    """The block's source lines."""
    span: SourceSpan
    """Where it stands."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    """A heading and the blocks under it, up to the next heading of the same or higher level."""

    key: str
    """Canonical section key (`parameters`, `return-value`, ...), or `other:<anchor-or-slug>`."""
    heading: Text | None
    """The heading text as written; None for the page's lead (before the first `##`)."""
    anchor: str | None
    """The `<a name>` anchor on the heading, if any."""
    level: int
    """Heading level (1 for the title, 0 for the lead)."""
    recognised_by: str
    """How the key was found: anchor, heading, structure, position or none."""
    blocks: tuple[Block, ...]
    """The section's blocks, in order, headings of subsections included."""
    span: SourceSpan
    """From the heading to the last block."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FrontMatter:
    """The YAML front matter: the fields reflingo reads plus everything else as written."""

    title: str | None = None
    api_name: tuple[str, ...] = ()
    api_type: tuple[str, ...] = ()
    assetid: str | None = None
    date: str | None = None
    """`ms.date` as written (MM/DD/YYYY)."""
    description: str | None = None
    contentlocale: str | None = None
    translationtype: str | None = None
    openlocfilehash: str | None = None
    sourcegitcommit: str | None = None
    lasthandoff: str | None = None
    locfileid: str | None = None
    fields: Mapping[str, object] = field(default_factory=dict)
    """Every front matter field, as parsed."""
    lines: Mapping[str, int] = field(default_factory=dict)
    """The line of each top-level field."""
    span: SourceSpan | None = None
    """The front matter block, fences included."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """One parsed page: every block kept, the API facts extracted with their spans."""

    path: str
    """The file."""
    rel_path: str
    """Path relative to the locale root (`outlook/mapi/imapisession-logoff.md`)."""
    locale: str
    """BCP-47 tag of the page's language."""
    kind: PageKind
    """What the page documents."""
    front: FrontMatter
    """The front matter."""
    title: Text | None
    """The `#` heading."""
    name: str | None
    """The API name the page documents (`IMAPISession::Logoff`), from the title."""
    applies_to: Text | None = None
    """The "Applies to" line's value."""
    applies_to_label: str | None = None
    """The label of the "Applies to" line as written (`Se aplica a`)."""
    summary: Text | None = None
    """The lead paragraph after "Applies to"."""
    properties: tuple[Property, ...] = ()
    """The property/value table."""
    signature: Signature | None = None
    """The C declaration."""
    parameters: tuple[Parameter, ...] = ()
    """Documented parameters (or, on structure pages, members)."""
    return_values: tuple[ReturnValue, ...] = ()
    """Documented return values."""
    prose: Mapping[str, tuple[Text, ...]] = field(default_factory=dict)
    """Narrative text by section key (`remarks`, `notes-to-callers`, `lead`, ...)."""
    admonitions: tuple[Admonition, ...] = ()
    mfcmapi: tuple[MfcmapiRow, ...] = ()
    vtable: tuple[TableRow, ...] = ()
    """Interface pages: the vtable members (name cell, description cell)."""
    links: tuple[Link, ...] = ()
    """Every link on the page, in order."""
    see_also: tuple[Link, ...] = ()
    """Links under "See also" and "Related resources"."""
    tables: tuple[Table, ...] = ()
    """Every table on the page."""
    sections: tuple[Section, ...] = ()
    """All sections in order, lead first; together they hold every block of the body."""
    other: tuple[Block, ...] = ()
    """Blocks that map to no model field."""
    mapped_lines: int = 0
    """Non-blank body lines that map to model fields."""
    other_lines: int = 0
    """Non-blank body lines kept only as "other" blocks."""
    bilingual: bool = False
    """Whether the page carries bilingual span markup."""
    problems: tuple[Finding, ...] = ()
    """What went wrong while reading or parsing the page."""
    lines: tuple[str, ...] = field(default=(), metadata={"serialize": False})
    """The page's text as read, one entry per line (line N is `lines[N - 1]`); not serialised."""

    def line(self, number: int) -> str:
        """Line `number` (1-based) as read, or "" past the end."""
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    @property
    def remarks(self) -> tuple[Text, ...]:
        return self.prose.get("remarks", ())

    @property
    def notes_to_callers(self) -> tuple[Text, ...]:
        return self.prose.get("notes-to-callers", ())

    @property
    def notes_to_implementers(self) -> tuple[Text, ...]:
        return self.prose.get("notes-to-implementers", ())

    def section(self, key: str) -> Section | None:
        """The first section with this canonical key."""
        return next((s for s in self.sections if s.key == key), None)
