"""The body of an item's page in one locale: the model's facts (signature, parameters with
their direction and flags, return values, vtable, property tag) and the page's other sections
rendered from their blocks, each element registered with the QA overlay."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from reflingo.model import ApiItem, InterfaceItem, Page, PropertyItem, Text
from reflingo.render.site.env import code_html
from reflingo.render.site.markup import Links, block_html, safe_html, text_html
from reflingo.render.site.qa import Anchor, Overlay
from reflingo.render.site.urls import href, page_path

PARAMETERS = ("parameters", "members")
VALUES = ("return-value", "return-values")
LINKS = ("see-also", "related-resources")


@dataclass(slots=True, kw_only=True)
class FlagView:
    """A flag under a parameter."""

    name: str
    """The canonical name (the page's own when it maps to none)."""
    written: str | None
    """The name as the page writes it, where it differs."""
    description: Markup
    """What it does, as HTML."""
    anchor: Anchor
    """Where its findings go."""


@dataclass(slots=True, kw_only=True)
class ParamView:
    """A documented parameter (or member)."""

    name: str
    """The canonical name."""
    written: str | None
    """The name as the page writes it, where it differs (`улуипарам`)."""
    type: str | None
    """The C type from the signature."""
    direction: str
    """The canonical direction (`in`, `out`, `in-out`, `unknown`)."""
    tag: str | None
    """The direction tag as written on the page."""
    description: Markup
    """The description, as HTML."""
    flags: list[FlagView]
    """Its flags."""
    anchor: Anchor
    """Where its findings go."""


@dataclass(slots=True, kw_only=True)
class Part:
    """One section of the body, in page order."""

    kind: str
    """`parameters`, `values`, `links`, `vtable`, `property` or `blocks`."""
    key: str
    """The section's canonical key."""
    heading: Markup | None
    """The heading as written, as HTML."""
    html: Markup = Markup("")
    """The rendered blocks (kind `blocks`)."""
    rows: list = field(default_factory=list)
    """Parameters, values, links or vtable rows."""
    anchor: Anchor | None = None
    """Where findings on the section's own lines go."""

    @property
    def searchable(self) -> bool:
        """Whether the search index takes the section's words: not a list of links (every
        page that links to an API would be found by its name)."""
        return self.key not in LINKS


@dataclass(slots=True, kw_only=True)
class Body:
    """What a page's template shows."""

    title: str
    """The page's title as written (the item's name when it has none)."""
    applies_to: Markup | None
    """The Applies-to line's value."""
    applies_label: str | None
    """Its label as written."""
    summary: Markup | None
    """The lead paragraph."""
    signature: Markup | None
    """The declaration, highlighted."""
    lead: Markup
    """Other blocks of the lead."""
    parts: list[Part]
    """The sections after the lead."""
    head: Anchor
    """Where findings on the title, front matter and lead go."""


def _text(t: Text | None, links: Links) -> Markup | None:
    if t is None:
        return None
    source = t.markdown if t.markdown is not None else t.text
    links.at(t.span.line_start, source)
    return safe_html(text_html(source, links), source)


def build_body(item: ApiItem, page: Page, links: Links, overlay: Overlay) -> Body:
    """The body of `page` (a page of `item`), every element anchored in `overlay`."""
    first = page.sections[0].span.line_start if page.sections else 1
    head = overlay.anchor("top", 1, first)
    consumed = {t.span.line_start for t in (page.title, page.applies_to, page.summary) if t}
    sig = page.signature or item.signature
    if page.signature:
        consumed.update(range(page.signature.span.line_start, page.signature.span.line_end + 1))
        overlay.anchor("signature", page.signature.span.line_start, page.signature.span.line_end)
    if isinstance(item, PropertyItem):   # its property table is drawn from the model below
        consumed.update(p.span.line_start for p in page.properties)
    lead, lead_blocks, parts = [], [], []
    for s in page.sections:
        if s.key == "lead":
            overlay.anchor("lead", s.span.line_start, s.span.line_end)
            shown = [b for b in s.blocks if b.kind != "heading"
                     and not consumed.intersection(range(b.span.line_start, b.span.line_end + 1))]
            lead += [_block(b, links) for b in shown]
            lead_blocks += shown
        else:
            parts.append(_part(item, page, s, links, overlay))
    if isinstance(item, PropertyItem):
        parts.insert(0, Part(kind="property", key="property", heading=None,
                             rows=_property_rows(item)))
    summary = _text(page.summary, links) if page.summary else None
    return Body(title=page.title.text if page.title else item.name,
                applies_to=_text(page.applies_to, links), applies_label=page.applies_to_label,
                summary=summary, signature=code_html(sig.code, sig.language or "cpp") if sig else None,
                lead=_blocks_html(lead, lead_blocks), parts=parts, head=head)


def _block(b, links: Links) -> str:
    links.at(b.span.line_start, b.text)
    return block_html(b.kind, b.text, links, lambda src, lang: str(code_html(src, lang or "cpp")))


def _part(item: ApiItem, page: Page, s, links: Links, overlay: Overlay) -> Part:
    heading = _text(s.heading, links) if s.heading else None
    anchor = overlay.anchor(f"s-{s.key.replace(':', '-')}", s.span.line_start, s.span.line_end)
    if s.key in PARAMETERS and page.parameters:
        return Part(kind="parameters", key=s.key, heading=heading, anchor=anchor,
                    rows=_parameters(item, page, links, overlay))
    if s.key in VALUES and page.return_values:
        rows = [(v.name, _text(v.description, links),
                 overlay.anchor(f"value-{i}", v.span.line_start, v.span.line_end))
                for i, v in enumerate(page.return_values)]
        return Part(kind="values", key=s.key, heading=heading, rows=rows, anchor=anchor)
    if s.key == "vtable-order" and isinstance(item, InterfaceItem) and item.vtable:
        return Part(kind="vtable", key=s.key, heading=heading, anchor=anchor,
                    rows=_vtable(item, page, links))
    shown = [b for b in s.blocks if b.kind != "heading" or b is not s.blocks[0]]
    return Part(kind="blocks", key=s.key, heading=heading,
                html=_blocks_html([_block(b, links) for b in shown], shown), anchor=anchor)


def _blocks_html(html: list[str], blocks: list) -> Markup:
    """The HTML of a run of blocks, through :func:`safe_html`: sanitised when one of the
    blocks' sources holds markup of its own."""
    return safe_html("\n".join(html), "".join(b.text for b in blocks))


def _parameters(item: ApiItem, page: Page, links: Links, overlay: Overlay) -> list[ParamView]:
    maps = item.parameter_maps.get(page.locale, ())
    fmaps = item.flag_maps.get(page.locale, ())
    out = []
    for i, p in enumerate(page.parameters):
        j = maps[i] if i < len(maps) else None
        canon = item.parameters[j] if j is not None and j < len(item.parameters) else None
        flags = []
        fmap = fmaps[i] if i < len(fmaps) else ()
        for k, f in enumerate(p.flags):
            c = fmap[k] if k < len(fmap) else None
            cname = canon.flags[c].name if canon is not None and c is not None and c < len(canon.flags) else f.name
            flags.append(FlagView(name=cname, written=f.name if f.name != cname else None,
                                  description=_text(f.description, links) or Markup(""),
                                  anchor=overlay.anchor(f"flag-{i}-{k}", f.span.line_start,
                                                        f.span.line_end)))
        name = canon.name if canon is not None else p.name
        out.append(ParamView(
            name=name, written=p.name if p.name != name else None,
            type=canon.type if canon is not None else None,
            direction=str(canon.direction if canon is not None else p.direction),
            tag=p.direction_tag, description=_text(p.description, links) or Markup(""),
            flags=flags, anchor=overlay.anchor(f"param-{name}", p.span.line_start,
                                                p.flags[0].span.line_start - 1 if p.flags else p.span.line_end)))
    return out


def _vtable(item: InterfaceItem, page: Page, links: Links) -> list[tuple[str, str | None, Markup | None]]:
    described = {}
    for row in page.vtable:
        if row.cells:
            described[row.cells[0].strip("*_ ").strip()] = row.cells[1] if len(row.cells) > 1 else ""
    rows = []
    for e in item.vtable:
        found = links.exists(e.path) if e.path else None
        url = href(links.here, page_path(links.locale, found)) if found else None
        text = described.get(e.name)
        rows.append((e.name, url, safe_html(text_html(text, links), text) if text else None))
    return rows


def _property_rows(item: PropertyItem) -> list[tuple[str, str]]:
    rows = []
    if item.property_id is not None:
        rows.append(("id", f"0x{item.property_id:04X}"))
    if item.property_types:
        rows.append(("types", ", ".join(item.property_types)))
    if item.names:
        rows.append(("names", ", ".join(item.names)))
    if item.property_set:
        rows.append(("set", item.property_set))
    if item.long_id is not None:
        rows.append(("lid", f"0x{item.long_id:08X}"))
    if item.property_name:
        rows.append(("name", item.property_name))
    if item.area:
        rows.append(("area", item.area))
    return rows
