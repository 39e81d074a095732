"""Pipe tables of a page: their cells, and the two-column `Label: | value` property tables."""

from __future__ import annotations

from typing import Protocol

from reflingo.lang.locales import LocaleTable, norm
from reflingo.model import Property, SourceSpan, Table, TableRow
from reflingo.parse.blocks import RawBlock, is_delimiter_row, split_row
from reflingo.parse.inline import plain


class Reader(Protocol):
    """What the table readers need of the page being built."""

    table: LocaleTable
    english: LocaleTable

    def span(self, start: int, end: int) -> SourceSpan: ...


def read_table(block: RawBlock, acc: Reader) -> Table:
    header: tuple[str, ...] = ()
    rows: list[TableRow] = []
    for offset, line in enumerate(block.lines):
        if not line.strip() or is_delimiter_row(line):
            continue
        cells = tuple(plain(c) for c in split_row(line))
        if offset == 0:
            header = cells
        else:
            lineno = block.start + offset
            rows.append(TableRow(cells=cells, span=acc.span(lineno, lineno)))
    return Table(header=header, rows=tuple(rows), span=acc.span(block.start, block.end))


def property_rows(table: Table, acc: Reader) -> list[Property] | None:
    """Rows of a two-column `Label: | value` table, or None when it is not one."""
    if not table.rows or any(len(r.cells) < 2 for r in table.rows):
        return None
    if sum(1 for r in table.rows if r.cells[0].rstrip().endswith(":")) < max(1, len(table.rows) // 2):
        return None
    out = []
    for row in table.rows:
        label = row.cells[0].rstrip().rstrip(":").strip()
        n = norm(label)
        key = (acc.table.property_lookup.get(n) or acc.english.property_lookup.get(n)
               or acc.table.damaged_property_lookup.get(n))    # a wrong sense still names it
        out.append(Property(key=key or n, label=label, value=row.cells[1], span=row.span))
    return out
