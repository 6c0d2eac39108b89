"""The report's charts as inline SVG: no scripts, no fonts, nothing fetched.

Each chart has a title and a description that says its numbers in words (its text
alternative, read by screen readers), and the same numbers stand in a table beside it. The
charts read without color: series differ by line style and marker shape, and values are
written on the chart. Every piece of text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from kindcli.practices.report_words import clean

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 40
INK, MUTED, GRID, FILL = "#1d2327", "#5b6670", "#d9dde1", "#3d7a63"
# Series: how each line is drawn, so that they differ without color.
DASHES = ("", "6 4", "2 3", "9 3 2 3", "1 5", "12 4")
MARKERS = ("circle", "square", "triangle", "diamond", "circle-open", "square-open")


def _e(text: str) -> str:
    return escape(clean(text), quote=True)


def _svg(chart_id: str, title: str, desc: str, body: list[str], height: int = HEIGHT) -> str:
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
            f'class="chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d">',
            f'<title id="{chart_id}-t">{_e(title)}</title>',
            f'<desc id="{chart_id}-d">{_e(desc)}</desc>',
            *body,
            "</svg>",
        ]
    )


def _el(name: str, **attrs: object) -> str:
    """An empty SVG element; attribute names use _ for - (stroke_width: stroke-width)."""
    said = " ".join(f'{k.replace("_", "-")}="{_value(v)}"' for k, v in attrs.items())
    return f"<{name} {said}/>"


def _value(v: object) -> str:
    return f"{v:.1f}" if isinstance(v, float) else _e(str(v))


def _text(x: float, y: float, words: str, *, anchor: str = "middle", size: int = 11) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{MUTED}">{_e(words)}</text>'
    )


def _ticks(high: float) -> list[float]:
    """A few round numbers from 0 up to at least `high`."""
    if high <= 0:
        return [0.0, 1.0]
    step = 1.0
    for candidate in (1, 2, 5, 10, 15, 20, 30, 50, 60, 100, 120, 200, 300, 500, 600, 1000):
        step = float(candidate)
        if high / step <= 5:
            break
    else:
        step = float(round(high / 5, -2) or 1)
    count = int(-(-high // step))
    return [i * step for i in range(count + 1)]


def bars(
    chart_id: str, title: str, desc: str, labels: Sequence[str], values: Sequence[float]
) -> str:
    """One bar per value (minutes each week), labeled below every few bars."""
    ticks = _ticks(max(values, default=0))
    top = ticks[-1] or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    body = []
    for t in ticks:
        y = TOP + plot_h * (1 - t / top)
        body.append(_el("line", x1=LEFT, x2=WIDTH - RIGHT, y1=y, y2=y, stroke=GRID))
        body.append(_text(LEFT - 6, y + 4, f"{t:g}", anchor="end"))
    n = max(1, len(values))
    slot = plot_w / n
    every = max(1, -(-n // 8))
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        h = plot_h * value / top
        x = LEFT + i * slot + slot * 0.15
        body.append(
            f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{h:.1f}" fill="{FILL}"/>'
        )
        if i % every == 0:
            body.append(_text(LEFT + (i + 0.5) * slot, HEIGHT - BOTTOM + 16, label))
    body.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" '
        f'stroke="{INK}"/>'
    )
    return _svg(chart_id, title, desc, body)


def paired_bars(
    chart_id: str, title: str, desc: str, rows: Sequence[tuple[str, float, float]]
) -> str:
    """Two horizontal bars per row (before: solid, after: outlined), on a 0-10 scale, each
    with its value written beside it."""
    row_h, gap = 18, 14
    height = TOP + len(rows) * (2 * row_h + gap) + 40
    label_w, plot_w = 120, WIDTH - 120 - RIGHT - 40
    body = []
    for t in range(0, 11, 2):
        x = label_w + plot_w * t / 10
        body.append(_el("line", x1=x, x2=x, y1=TOP, y2=height - 34, stroke=GRID))
        body.append(_text(x, height - 20, str(t)))
    y = TOP
    for name, before, after in rows:
        body.append(_text(label_w - 8, y + row_h + 4, name, anchor="end"))
        for value, solid, word in ((before, True, "before"), (after, False, "after")):
            w = plot_w * value / 10
            look = (
                {"fill": FILL} if solid else {"fill": "#ffffff", "stroke": FILL, "stroke_width": 2}
            )
            box = _el("rect", x=label_w, y=y, width=max(w, 1.0), height=row_h - 4, **look)
            body.append(box)
            said = f"{word} {value:.1f}"
            body.append(_text(label_w + w + 6, y + row_h - 7, said, anchor="start"))
            y += row_h
        y += gap
    return _svg(chart_id, title, desc, body, height=height)


@dataclass(frozen=True)
class Series:
    name: str
    points: tuple[tuple[float, float], ...]  # (x from 0 to 1, value)


def lines(
    chart_id: str,
    title: str,
    desc: str,
    series: Sequence[Series],
    low: float,
    high: float,
    x_labels: tuple[str, str],
) -> str:
    """Scores over time, each series its own line style and marker, on the score's whole
    range (so a small change looks small), with a legend that names each."""
    legend_h = 18 * len(series)
    height = HEIGHT + legend_h
    plot_w, plot_h = WIDTH - LEFT - RIGHT - 40, HEIGHT - TOP - BOTTOM
    span = (high - low) or 1.0
    body = []
    for i in range(5):
        value = low + span * i / 4
        y = TOP + plot_h * (1 - i / 4)
        body.append(_el("line", x1=LEFT, x2=LEFT + plot_w, y1=y, y2=y, stroke=GRID))
        body.append(_text(LEFT - 10, y + 4, f"{value:g}", anchor="end"))
    body.append(_text(LEFT, HEIGHT - BOTTOM + 18, x_labels[0], anchor="start"))
    if x_labels[1] != x_labels[0]:
        body.append(_text(LEFT + plot_w, HEIGHT - BOTTOM + 18, x_labels[1], anchor="end"))

    def at(x: float, v: float) -> tuple[float, float]:
        return LEFT + plot_w * x, TOP + plot_h * (1 - (v - low) / span)

    for n, s in enumerate(series):
        dash, marker = DASHES[n % len(DASHES)], MARKERS[n % len(MARKERS)]
        where = [at(x, v) for x, v in s.points]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in where)
        width = 2.5 if n == 0 else 1.6
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        if len(where) > 1:
            body.append(
                f'<polyline points="{path}" fill="none" stroke="{INK}" stroke-width="{width}"'
                f"{dashed}/>"
            )
        body += [_marker(marker, x, y) for x, y in where]
        ly = HEIGHT + 4 + 18 * n
        body.append(
            f'<line x1="{LEFT}" x2="{LEFT + 30}" y1="{ly}" y2="{ly}" stroke="{INK}" '
            f'stroke-width="{width}"{dashed}/>'
        )
        body.append(_marker(marker, LEFT + 15, ly))
        body.append(_text(LEFT + 40, ly + 4, s.name, anchor="start"))
    return _svg(chart_id, title, desc, body, height=height)


def _marker(shape: str, x: float, y: float) -> str:
    look = {
        "fill": "#ffffff" if shape.endswith("-open") else INK,
        "stroke": INK,
        "stroke_width": 1.5,
    }
    base = shape.removesuffix("-open")
    if base == "square":
        return _el("rect", x=x - 4, y=y - 4, width=8, height=8, **look)
    if base == "triangle":
        corners: tuple[tuple[float, float], ...] = ((x, y - 5), (x - 5, y + 4), (x + 5, y + 4))
    elif base == "diamond":
        corners = ((x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y))
    else:
        return _el("circle", cx=x, cy=y, r=4, **look)
    return _el("polygon", points=" ".join(f"{a:.1f},{b:.1f}" for a, b in corners), **look)
