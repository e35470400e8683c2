"""Server-side SVG charts: small pure functions that return safe markup.

No JavaScript and no CDN: a chart is an inline `<svg>` whose geometry and
colours are SVG attributes (allowed under our strict CSP, unlike `style=`),
whose words are `<text>` (so Chinese renders with the page's fonts and prints),
and which names itself with `role="img"` and `aria-label`. The numbers behind
every chart are shown again as a table by the template (`dashboards/_figure.html`).

Colours: each series gets the class `chart-s<i>` (see static/css/dashboards.css)
and the same colour as a `fill` attribute, so a chart is readable even without CSS.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from math import floor, log10

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

PALETTE = ["#c8102e", "#f2a900", "#1f6f8b", "#6a994e", "#7b5ea7", "#8d8d8d"]
FONT_SIZE = 12
LABEL_WIDTH = 160  # px for a bar's label; longer labels are cut with "…" (the full label stays in the tooltip and the table)


@dataclass(frozen=True)
class Series:
    """One named row of values, one value per label."""

    name: str
    values: Sequence[float]


def nice_max(value: float) -> float:
    """The smallest 1, 2 or 5 × 10ⁿ at or above value (at least 1): a round top for the axis."""
    if value <= 1:
        return 1
    exponent = floor(log10(value))
    for step in (1, 2, 5, 10):
        top = step * 10**exponent
        if top >= value:
            return top
    return 10 ** (exponent + 1)  # pragma: no cover - the loop always returns


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _number(value: float) -> str:
    """Integers without decimals, other numbers with one."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}"


def text_width(text: str) -> float:
    """Roughly how wide a text renders: a CJK character is about a font-size wide, a Latin one about half."""
    return sum(FONT_SIZE if ord(c) > 0x2E80 else FONT_SIZE * 0.6 for c in str(text))


def _short(label: str, room: float = LABEL_WIDTH) -> str:
    label = str(label)
    if text_width(label) <= room:
        return label
    while label and text_width(label + "…") > room:
        label = label[:-1]
    return label + "…"


def _text(x, y, content, *, anchor="start", css="chart-label", extra=""):
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" class="{css}" font-size="{FONT_SIZE}"{extra}>'
        f"{escape(content)}</text>"
    )


def _n(value: float) -> str:
    """Coordinates with at most one decimal: short markup, stable tests."""
    return _number(round(value, 1))


def _svg(width: int, height: int, title: str, body: list[str], kind: str = "") -> SafeString:
    label = escape(title)
    css = f"chart chart-{kind}" if kind else "chart"
    return mark_safe(  # noqa: S308 - every piece of text above went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{label}">'
        f"<title>{label}</title>{''.join(body)}</svg>"
    )


def _empty(width: int, title: str) -> SafeString:
    height = 60
    # "No data yet" fits any screen: as narrow as a bar chart, no minimum width on phones.
    width = min(width, 400)
    return _svg(width, height, title, [_text(width / 2, height / 2, _("No data yet"), anchor="middle", css="chart-empty")], kind="bars")


def _legend(names: Sequence[str], x: float, y: float) -> list[str]:
    """A row of coloured squares with names, left to right."""
    parts, cursor = [], x
    for i, name in enumerate(names):
        parts.append(f'<rect x="{_n(cursor)}" y="{_n(y - 10)}" width="10" height="10" fill="{colour(i)}" class="chart-key chart-s{i}"/>')
        parts.append(_text(cursor + 14, y, name))
        # A CJK character is about a font-size wide, a Latin one about half.
        cursor += 14 + text_width(name) + 16
    return parts


def bar_chart(rows: Sequence[tuple[str, float]], *, title: str, width: int = 400) -> SafeString:
    """Horizontal bars, one per (label, value): for categories with long names (windows, units).

    400 units wide so that on a phone (a card about 334 px wide) the text stays about 10 px high without scrolling.
    """
    if not rows or not any(value for _label, value in rows):
        return _empty(width, title)
    row_height, label_width, value_width, top = 24, LABEL_WIDTH + 10, 44, 8
    top_value = nice_max(max(value for _label, value in rows))
    plot = width - label_width - value_width
    height = top + row_height * len(rows) + 8
    body = []
    for i, (label, value) in enumerate(rows):
        y = top + i * row_height
        length = plot * value / top_value
        body.append(
            f'<g class="chart-bar"><title>{escape(label)}: {_number(value)}</title>'
            f'<rect x="{label_width}" y="{_n(y + 4)}" width="{_n(length)}" height="{row_height - 8}" fill="{colour(0)}" class="chart-s0"/>'
            + _text(label_width - 6, y + row_height / 2 + 4, _short(label), anchor="end")
            + _text(label_width + length + 4, y + row_height / 2 + 4, _number(value), css="chart-value")
            + "</g>"
        )
    return _svg(width, height, title, body, kind="bars")


def _axis(left: float, right: float, top: float, bottom: float, top_value: float) -> list[str]:
    """Three gridlines (0, half, top) with their values on the left."""
    parts = []
    for fraction in (0, 0.5, 1):
        if fraction == 0.5 and top_value % 2:
            continue  # counts are whole numbers: no "2.5" line
        y = bottom - (bottom - top) * fraction
        parts.append(f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(right)}" y2="{_n(y)}" stroke="#ccc" class="chart-grid"/>')
        parts.append(_text(left - 4, y + 4, _number(top_value * fraction), anchor="end", css="chart-axis"))
    return parts


def _frame(labels: Sequence[str], width: int, height: int, legend: bool):
    left, right = 36, width - 8
    top = 28 if legend else 10
    bottom = height - 24
    slot = (right - left) / max(len(labels), 1)
    return left, right, top, bottom, slot


def stacked_bar_chart(labels: Sequence[str], series: Sequence[Series], *, title: str, width: int = 560, height: int = 240) -> SafeString:
    """Vertical columns, one per label, each stacked from the series (a single series is a plain column chart)."""
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    if not labels or not any(totals):
        return _empty(width, title)
    legend = len(series) > 1
    left, right, top, bottom, slot = _frame(labels, width, height, legend)
    top_value = nice_max(max(totals))
    scale = (bottom - top) / top_value
    bar = min(slot * 0.6, 48)
    body = _axis(left, right, top, bottom, top_value)
    for i, label in enumerate(labels):
        x = left + slot * i + (slot - bar) / 2
        base = bottom
        body.append(f'<g class="chart-column"><title>{escape(label)}: {_number(totals[i])}</title>')
        for s_index, s in enumerate(series):
            value = s.values[i]
            if not value:
                continue
            h = value * scale
            base -= h
            body.append(
                f'<rect x="{_n(x)}" y="{_n(base)}" width="{_n(bar)}" height="{_n(h)}" fill="{colour(s_index)}" class="chart-s{s_index}"/>'
            )
        if totals[i]:
            body.append(_text(x + bar / 2, base - 3, _number(totals[i]), anchor="middle", css="chart-value"))
        body.append(_text(x + bar / 2, bottom + 16, _short(label, slot - 4), anchor="middle"))
        body.append("</g>")
    if legend:
        body += _legend([s.name for s in series], left, 14)
    return _svg(width, height, title, body)


def column_chart(rows: Sequence[tuple[str, float]], *, title: str, width: int = 560, height: int = 220) -> SafeString:
    """Vertical columns for a short ordered series (quarters, years, grades)."""
    return stacked_bar_chart([label for label, _v in rows], [Series("", [v for _l, v in rows])], title=title, width=width, height=height)


def line_chart(labels: Sequence[str], series: Sequence[Series], *, title: str, width: int = 560, height: int = 240) -> SafeString:
    """One line per series over ordered labels (months, quarters): for trends."""
    values = [v for s in series for v in s.values]
    if not labels or not any(values):
        return _empty(width, title)
    legend = len(series) > 1
    left, right, top, bottom, slot = _frame(labels, width, height, legend)
    top_value = nice_max(max(values))
    body = _axis(left, right, top, bottom, top_value)

    def point(i, value):
        return left + slot * i + slot / 2, bottom - (bottom - top) * value / top_value

    for i, label in enumerate(labels):
        body.append(_text(point(i, 0)[0], bottom + 16, _short(label, slot - 4), anchor="middle"))
    for s_index, s in enumerate(series):
        points = [point(i, v) for i, v in enumerate(s.values)]
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        body.append(
            f'<polyline points="{path}" fill="none" stroke="{colour(s_index)}" stroke-width="2" class="chart-line chart-s{s_index}"/>'
        )
        for (x, y), label, v in zip(points, labels, s.values, strict=True):
            body.append(
                f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3" fill="{colour(s_index)}" class="chart-s{s_index}">'
                f"<title>{escape(s.name)} {escape(label)}: {_number(v)}</title></circle>"
            )
    if legend:
        body += _legend([s.name for s in series], left, 14)
    return _svg(width, height, title, body)


def percent(part: float, whole: float) -> int:
    """A whole-number percentage, 0 when there is nothing to divide by."""
    return floor(100 * part / whole + 0.5) if whole else 0
