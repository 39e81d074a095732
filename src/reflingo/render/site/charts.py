"""Charts for the status page, drawn at build time as inline SVG (no script, no image file)."""

from __future__ import annotations

from typing import Sequence

from markupsafe import Markup, escape

COLOURS = {"error": "#c62828", "warning": "#ef8f00", "note": "#3f7fbf"}
BAR = 18
LABEL = 150
WIDTH = 560


def stacked_bars(rows: Sequence[tuple[str, Sequence[int]]], series: Sequence[str],
                 title: str, fmt=str, labels: Sequence[str] | None = None) -> Markup:
    """Horizontal bars, one per row, each split by series (`error`, `warning`, `note`, which
    pick the colours; `labels` name them in the legend)."""
    labels = labels or series
    top = max((sum(v) for _, v in rows), default=0) or 1
    span = WIDTH - LABEL - 60
    height = BAR * len(rows) + 30
    out = [f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
           f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for i, (label, values) in enumerate(rows):
        y = i * BAR + 4
        out.append(f'<text x="{LABEL - 6}" y="{y + BAR - 6}" text-anchor="end" '
                   f'font-size="12">{escape(label)}</text>')
        x = LABEL
        for name, label, v in zip(series, labels, values):
            w = round(span * v / top, 1)
            if w > 0:
                out.append(f'<rect x="{x}" y="{y}" width="{w}" height="{BAR - 4}" '
                           f'fill="{COLOURS.get(name, "#777")}"><title>{escape(label)}: '
                           f'{escape(fmt(v))}</title></rect>')
            x += w
        out.append(f'<text x="{x + 4}" y="{y + BAR - 6}" font-size="12">'
                   f'{escape(fmt(sum(values)))}</text>')
    legend_y = len(rows) * BAR + 20
    for j, (name, label) in enumerate(zip(series, labels)):
        lx = LABEL + j * 130
        out.append(f'<rect x="{lx}" y="{legend_y - 10}" width="10" height="10" '
                   f'fill="{COLOURS.get(name, "#777")}"/><text x="{lx + 14}" y="{legend_y}" '
                   f'font-size="12">{escape(label)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def share_bar(parts: Sequence[tuple[str, int, str]], title: str) -> Markup:
    """One bar split into shares: (label, count, colour)."""
    total = sum(n for _, n, _ in parts) or 1
    out = [f'<svg class="chart share" role="img" viewBox="0 0 {WIDTH} 44" width="{WIDTH}" '
           f'height="44" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    x = 0.0
    for label, n, colour in parts:
        w = round(WIDTH * n / total, 1)
        if w > 0:
            out.append(f'<rect x="{x}" y="0" width="{w}" height="22" fill="{colour}">'
                       f'<title>{escape(label)}: {n}</title></rect>')
        x += w
    x = 0.0
    for label, n, colour in parts:
        out.append(f'<rect x="{x}" y="30" width="10" height="10" fill="{colour}"/>'
                   f'<text x="{x + 14}" y="40" font-size="12">{escape(label)}</text>')
        x += 14 + 8 * len(label) + 16
    out.append("</svg>")
    return Markup("".join(out))
