"""One page in, one :class:`~reflingo.model.Page` out."""

from __future__ import annotations

import dataclasses

import os
import re
from pathlib import Path

from reflingo.findings import Category, Finding, Severity
from reflingo.lang.locales import KNOWN_SECTIONS, LocaleTable, Tables, load_tables, norm
from reflingo.model import Block, Link, Page, PageKind, Section, Signature, SourceSpan
from reflingo.parse import builders
from reflingo.parse.accumulator import Acc, split_direction
from reflingo.parse.blocks import RawBlock, parse_blocks
from reflingo.parse.inline import find_links, plain, split_anchor, strip_bilingual
from reflingo.parse.frontmatter import split
from reflingo.parse.signature import parse_signature
from reflingo.parse.source import decode, problem

_LOCALE_TAG = re.compile(r"^[a-z]{2,3}-[A-Z]{2}$|^[a-z]{2,3}-[A-Z][a-z]{3}-[A-Z]{2}$")
_PROPERTY_NAME = re.compile(r"\bPid(?:Tag|Lid|Name)\w+")
_INTERFACE_TITLE = re.compile(r"^\s*(I\w+)\s*:\s*(I\w+)\s*$")
_METHOD = re.compile(r"(\w+)\s*::\s*(\w+)")
# An object-model member's title: `Open method (ADO Record)`, `Recordset.Open method`.
_MEMBER_TITLE = re.compile(r"^\s*(?:(?P<owner>\w+)\.)?(?P<member>\w+)\s+method\b"
                           r"(?:\s*\((?:[\w-]+\s+)*(?P<object>\w+)\))?", re.I)
_SLUG = re.compile(r"[^\w]+", re.U)
_PARAM_SHAPE = re.compile(r"^\s*(?:_[^_\s].*_|\*\*[^*]+\*\*|\*[^*]+\*)\s*$")
_VALUE_SHAPE = re.compile(r"^\s*\**[A-Z][A-Z0-9]*_[A-Z0-9_]+\**\s*$")

_KNOWN = frozenset(KNOWN_SECTIONS)
_BUILDER_KEYS = frozenset(builders.SECTION_BUILDERS)


def locale_of_path(path: str) -> tuple[str | None, str]:
    """The BCP-47 tag among the path's folders and the path relative to it (a leading `docs/`
    dropped), e.g. `corpus/es-ES/docs/outlook/x.md` -> ("es-ES", "outlook/x.md")."""
    parts = path.split(os.sep) if os.sep == "/" or "/" not in path else Path(path).parts
    for i in range(len(parts) - 2, -1, -1):
        if _LOCALE_TAG.match(parts[i]):
            rest = list(parts[i + 1:])
            if rest and rest[0] == "docs":
                rest = rest[1:]
            return parts[i], "/".join(rest)
    return None, Path(path).name


def parse_file(path: str | Path, *, locale: str | None = None, rel_path: str | None = None,
               tables: Tables | None = None) -> Page:
    """Read and parse one page. Raises OSError only when the file cannot be read at all."""
    data = Path(path).read_bytes()
    return parse_bytes(data, str(path), locale=locale, rel_path=rel_path, tables=tables)


def parse_bytes(data: bytes, path: str, *, locale: str | None = None, rel_path: str | None = None,
                tables: Tables | None = None) -> Page:
    src = decode(data, path)
    return parse_text(src.text, path, locale=locale, rel_path=rel_path, tables=tables,
                      problems=src.problems)


def parse_text(text: str, path: str, *, locale: str | None = None, rel_path: str | None = None,
               tables: Tables | None = None, problems: tuple[Finding, ...] = ()) -> Page:
    """Parse a page's text. Problems become findings on the page; nothing raises."""
    tables = tables or load_tables()
    front, body_start, fm_problems = split(text, path) if text else (None, 0, [])
    path_locale, path_rel = locale_of_path(path)
    locale = locale or (front.contentlocale if front else None) or path_locale or "und"
    rel_path = rel_path or path_rel
    all_problems = [*problems, *fm_problems]
    raw_lines = tuple(text.split("\n"))
    lines = list(raw_lines)
    sources: dict[int, str] = {}
    for i in range(body_start, len(lines)):
        if "data-ttu-id" in lines[i]:
            lines[i], source = strip_bilingual(lines[i])
            if source is not None:
                sources[i + 1] = source
    body = "\n" * body_start + "\n".join(lines[body_start:])
    blocks = parse_blocks(body) if body.strip() else []
    for b in blocks:
        if b.kind == "fence" and not b.closed:
            all_problems.append(problem("RL006", Category.FORMATTING, Severity.ERROR, path, b.start,
                                        "code fence is never closed: the rest of the page is read as code"))
    builder = _PageBuilder(path, locale, rel_path, tables, sources)
    return builder.build(front, blocks, problems=tuple(_with_locale(p, locale) for p in all_problems),
                         lines=raw_lines)


def _with_locale(f: Finding, locale: str) -> Finding:
    if f.locale:
        return f
    return dataclasses.replace(f, locale=locale)


class _PageBuilder:
    def __init__(self, path: str, locale: str, rel_path: str, tables: Tables,
                 sources: dict[int, str]) -> None:
        self.path, self.locale, self.rel_path = path, locale, rel_path
        self.table: LocaleTable = tables.get(locale)
        self.english: LocaleTable = tables.english
        self.acc = Acc(path, locale, self.table, self.english, sources)
        self.acc.read_signature = self._read_signature
        self.signature: Signature | None = None

    def span(self, a: int, b: int) -> SourceSpan:
        return SourceSpan(path=self.path, line_start=a, line_end=b)

    def build(self, front, blocks: list[RawBlock], *, problems: tuple[Finding, ...],
              lines: tuple[str, ...]) -> Page:
        from reflingo.model import FrontMatter
        front = front or FrontMatter()
        acc = self.acc
        title_block = next((b for b in blocks if b.kind == "heading" and b.level == 1), None)
        groups = self._group(blocks, title_block)
        sections: list[Section] = []
        if title_block is not None:
            acc.mapped(title_block)
        for heading, group in groups:
            key, how = self._recognise(heading, group)
            kept = ([title_block] if heading is None and title_block is not None else []) + group
            builder = builders.SECTION_BUILDERS.get(key)
            if heading is None:
                builders.build_lead(group, acc)
            elif builder is not None:
                acc.mapped(heading)
                builder(group, acc, key)
            else:
                acc.keep_other(heading)
                builders.build_other(group, acc, key)
            sections.append(self._section(key, how, heading, kept))
        title = acc.text(title_block, split_anchor(title_block.content)[1]) if title_block else None
        keys = {s.key for s in sections}
        kind = page_kind(front, title.text if title else "", self.signature, keys,
                         documented_members=bool(acc.parameters))
        return Page(
            path=self.path, rel_path=self.rel_path, locale=self.locale, kind=kind, front=front,
            title=title, name=api_name(kind, title.text if title else "", front, self.signature),
            applies_to=acc.applies_to, applies_to_label=acc.applies_to_label, summary=acc.summary,
            properties=tuple(acc.properties), signature=self.signature,
            parameters=tuple(acc.parameters), return_values=tuple(acc.return_values),
            prose={k: tuple(v) for k, v in acc.prose.items()}, admonitions=tuple(acc.admonitions),
            mfcmapi=tuple(acc.mfcmapi), vtable=tuple(acc.vtable), links=self._links(blocks, sections),
            see_also=tuple(acc.see_also), tables=tuple(acc.tables), sections=tuple(sections),
            other=tuple(self._block(b) for b in acc.other), mapped_lines=acc.mapped_lines,
            other_lines=acc.other_lines, bilingual=bool(acc.sources), problems=problems,
            lines=lines)

    # -- sections ----------------------------------------------------------------------------
    @staticmethod
    def _group(blocks: list[RawBlock], title: RawBlock | None):
        groups: list[tuple[RawBlock | None, list[RawBlock]]] = [(None, [])]
        for b in blocks:
            if b is title:
                continue
            if b.kind == "heading" and b.level <= 2:
                groups.append((b, []))
            else:
                groups[-1][1].append(b)
        return groups

    def _recognise(self, heading: RawBlock | None, group: list[RawBlock]) -> tuple[str, str]:
        if heading is None:
            return "lead", "position"
        anchor, text = split_anchor(heading.content)
        if anchor and anchor.lower() in _KNOWN:
            return anchor.lower(), "anchor"
        if anchor and anchor.lower() in self.table.headings:
            return anchor.lower(), "anchor"
        label = norm(plain(text))
        key = self._heading_key(label)
        if key:
            return key, "heading"
        if "\ufffd" in label:
            key = self._fuzzy_heading(label)
            if key:
                return key, "heading"
        key = _by_structure(group)
        if key:
            return key, "structure"
        return "other:" + (anchor or _SLUG.sub("-", label).strip("-") or "untitled"), "none"

    def _heading_key(self, label: str) -> str | None:
        """The section a heading names; a heading of alternatives (`Property value/Return
        value`) names the first alternative the tables know."""
        key = self.table.heading_lookup.get(label) or self.english.heading_lookup.get(label)
        if key or "/" not in label:
            return key
        return next((k for part in label.split("/") if (k := self._heading_key(part.strip()))),
                    None)

    def _fuzzy_heading(self, label: str) -> str | None:
        pieces = label.split("\ufffd")
        for table in (self.table, self.english):
            for text, key in table.heading_lookup.items():
                if _spells(text, pieces):
                    return key
        return None

    def _section(self, key: str, how: str, heading: RawBlock | None, group: list[RawBlock]) -> Section:
        first = heading or (group[0] if group else None)
        last = group[-1] if group else heading
        span = self.span(first.start, last.end) if first and last else self.span(1, 1)
        anchor, text = split_anchor(heading.content) if heading else (None, "")
        return Section(key=key, heading=self.acc.text(heading, text) if heading else None,
                       anchor=anchor, level=heading.level if heading else 0, recognised_by=how,
                       blocks=tuple(self._block(b) for b in ([heading] if heading else []) + group),
                       span=span)

    def _block(self, b: RawBlock) -> Block:
        return Block(kind=b.kind, text=b.text, span=self.span(b.start, b.end))

    def _read_signature(self, block: RawBlock) -> bool:
        sig = parse_signature(block.content, block.info, self.span(block.start, block.end))
        if sig is None:
            return False
        self.signature = sig
        return True

    def _links(self, blocks: list[RawBlock], sections: list[Section]) -> tuple[Link, ...]:
        out: list[Link] = []
        bounds = [(s.span.line_start, s.span.line_end, s.key) for s in sections]
        at = 0
        for b in blocks:
            if b.kind == "fence" or "](" not in b.content:
                continue
            while at < len(bounds) and bounds[at][1] < b.start:   # blocks and sections in order
                at += 1
            key = bounds[at][2] if at < len(bounds) and bounds[at][0] <= b.start else None
            text = b.text
            for label, target, offset in find_links(text):
                line = b.start + text.count("\n", 0, offset)
                out.append(Link(text=plain(label), target=target, span=self.span(line, line),
                                section=key))
        return tuple(out)


def _spells(text: str, pieces: list[str]) -> bool:
    """Whether `text` is the pieces with one to three characters (no newline) between each two:
    a label whose U+FFFD each stood for one to three characters. (The places the match can have
    reached after each piece are followed all at once: no backtracking.)"""
    if len(text) + 1 < sum(map(len, pieces)) + len(pieces) or not text.startswith(pieces[0]):
        return False
    ends = {len(pieces[0])}
    for piece in pieces[1:]:
        ends = {end + gap + len(piece) for end in ends for gap in (1, 2, 3)
                if text.startswith(piece, end + gap) and "\n" not in text[end:end + gap]}
        if not ends:
            return False
    return len(text) in ends or (text.endswith("\n") and len(text) - 1 in ends)


def _by_structure(group: list[RawBlock]) -> str | None:
    """Recognise an unlabelled section from its shape: names followed by descriptions."""
    pairs = [(a, b) for a, b in zip(group, group[1:]) if a.kind == "paragraph" and b.kind == "blockquote"]
    if not pairs:
        return None
    first = pairs[0][0].content
    if _PARAM_SHAPE.match(first) and split_direction(pairs[0][1].content.strip())[0]:
        return "parameters"
    if sum(1 for a, _ in pairs if _VALUE_SHAPE.match(a.content)) >= max(1, len(pairs) // 2) and \
            any(re.match(r"\s*\**(S_OK|MAPI_E_|E_|S_|MAPI_W_)", a.content) for a, _ in pairs):
        return "return-value"
    return None


def page_kind(front, title: str, sig: Signature | None, keys: set[str],
              documented_members: bool = True) -> PageKind:
    """Classify a page from its title, front matter, signature and sections; a "Members"
    section without documented members makes no structure unless the page names its API (an
    overview's list of links is no structure; an alias typedef's page is one)."""
    names = " ".join(front.api_name) if front else ""
    if _PROPERTY_NAME.search(title) or (_PROPERTY_NAME.match(names) and "parameters" not in keys):
        return PageKind.PROPERTY
    if "vtable-order" in keys or _INTERFACE_TITLE.match(title):
        return PageKind.INTERFACE
    documented = bool(keys & {"parameters", "members", "return-value", "return-values"})
    if sig is not None and (documented or (front is not None and front.api_name)):
        if sig.kind == "struct":
            return PageKind.STRUCTURE
        if sig.kind == "macro":
            return PageKind.MACRO
        if _METHOD.search(title) or _METHOD.search(sig.name or "") or _MEMBER_TITLE.match(title):
            return PageKind.METHOD
        if sig.kind == "function":
            return PageKind.FUNCTION
    if _MEMBER_TITLE.match(title) and (sig is not None or "parameters" in keys):
        return PageKind.METHOD
    if "members" in keys and (documented_members or (front is not None and front.api_name)):
        return PageKind.STRUCTURE             # (an alias typedef names its API, an overview not)
    if "parameters" in keys:
        return PageKind.METHOD if _METHOD.search(title) else PageKind.FUNCTION
    return PageKind.CONCEPTUAL


def api_name(kind: PageKind, title: str, front, sig: Signature | None = None) -> str | None:
    """The documented API name: `IMAPISession::Logoff`, `IMAPISession`, `PidTagDisplayName`."""
    if kind is PageKind.PROPERTY:
        m = _PROPERTY_NAME.search(title) or _PROPERTY_NAME.search(" ".join(front.api_name))
        return m.group(0) if m else None
    if kind is PageKind.INTERFACE:
        m = _INTERFACE_TITLE.match(title)
        if m:
            return m.group(1)
    if kind is PageKind.METHOD:
        m = _METHOD.search(title)
        if m:
            return f"{m.group(1)}::{m.group(2)}"
        m = _MEMBER_TITLE.match(title)
        if m:                              # `Open method (ADO Record)` -> `Record::Open`
            owner = m.group("owner") or m.group("object")
            return f"{owner}::{m.group('member')}" if owner else m.group("member")
    if kind is PageKind.CONCEPTUAL:
        return None
    name = title.strip()
    if sig is not None and sig.name and "/" in name and \
            sig.name in (part.strip() for part in name.split("/")):
        return sig.name                    # `Foo/Foo12`: the page declares both; Foo first
    return name or None
