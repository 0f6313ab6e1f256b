"""Accessible bar and line charts rendered server-side as SVG.

The same SVG string goes into the page and into the PDF (WeasyPrint), so it uses
only what both understand: presentation attributes (``fill``, ``stroke``; never a
``style`` attribute, the site's CSP forbids inline styles), ``<pattern>`` fills, the
generic ``sans-serif`` font, no scripts, no external resources.

Accessibility: the root has ``role="img"`` and ``aria-labelledby`` pointing at its
``<title>`` and ``<desc>``; colours have at least 3:1 contrast against white
(WCAG 1.4.11) and series also differ by fill pattern (bars) or marker shape and
dash pattern (lines), so colour is never the only cue. ``Chart.table`` holds the
figures for the data table the caller must render beside the chart.

Missing values are ``None`` and leave a gap labelled "no data"; a value hidden by
small-cell suppression is ``None`` *and* listed in ``suppressed`` as
``(series_index, category_index)``, and is labelled "hidden" instead. Values must
be non-negative (counts, rates): the value axis always starts at 0.

Labels are escaped by ElementTree, numbers are formatted through Django's
``number_format`` under the active language (Danish: ``1.234,5``), and the output
is deterministic: the same input under the same language gives the same bytes.
"""

from __future__ import annotations

import hashlib
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from mentornet.results.suppression import SuppressedTable

Label = str | Promise
Series = tuple[Label, list[float | None]]

#: (colour, bar fill pattern, line marker, line dash). Colours: >= 3:1 against white.
STYLES: tuple[tuple[str, str, str, str], ...] = (
    ("#1f5f99", "solid", "circle", ""),
    ("#b84e00", "diagonal", "square", "6 3"),
    ("#2e7d32", "dots", "triangle", "2 3"),
    ("#7b1fa2", "cross", "diamond", "8 3 2 3"),
    ("#a0005a", "horizontal", "cross", "10 4"),
    ("#4d4d4d", "vertical", "star", "1 4"),
)
INK = "#333333"
#: Roughly the width of a character of the 12px axis labels, for wrapping them.
CHAR_WIDTH = 6.5
GRID = "#d9d9d9"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class ChartTable:
    """The chart's figures as a table: ``columns`` are the header, ``rows`` the body."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Chart:
    svg: SafeString
    table: ChartTable


def bar_chart(
    title: Label,
    description: Label,
    categories: Sequence[Label],
    series: list[Series],
    *,
    unit: str = "",
    width: int = 640,
    height: int = 320,
    suppressed: Collection[tuple[int, int]] = (),
    category_label: Label | None = None,
) -> Chart:
    """Grouped vertical bars: one group per category, one bar per series."""
    return _chart("bar", title, description, categories, series, unit, width, height, suppressed, category_label)


def line_chart(
    title: Label,
    description: Label,
    categories: Sequence[Label],
    series: list[Series],
    *,
    unit: str = "",
    width: int = 640,
    height: int = 320,
    suppressed: Collection[tuple[int, int]] = (),
    category_label: Label | None = None,
) -> Chart:
    """One line per series over ordered categories (months, years); gaps at None."""
    return _chart("line", title, description, categories, series, unit, width, height, suppressed, category_label)


def chart_data(table: SuppressedTable) -> tuple[list[str], list[Series], set[tuple[int, int]]]:
    """A suppressed table as chart input: rows become categories, columns series.

    Returns ``(categories, series, suppressed)`` for ``bar_chart``/``line_chart``;
    hidden cells come out as None and are listed in ``suppressed``.
    """
    series: list[Series] = [(column, [table.cell(row, column).value for row in table.rows]) for column in table.columns]
    hidden = {
        (s, c)
        for s, column in enumerate(table.columns)
        for c, row in enumerate(table.rows)
        if table.cell(row, column).suppressed
    }
    return list(table.rows), series, hidden


def nice_ticks(maximum: float, *, integers: bool, count: int = 5) -> list[float]:
    """Round axis ticks from 0 up to at least ``maximum`` (steps 1, 2, 2.5 or 5 x 10^n)."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if integers:
        step = max(1, round(step)) if step >= 1 else 1
    steps = math.ceil(round(maximum / step, 9))
    return [round(i * step, 9) for i in range(steps + 1)]


def format_number(value: float, *, decimals: int, unit: str = "") -> str:
    text = number_format(round(value, decimals), decimal_pos=decimals, force_grouping=True)
    return f"{text}\u00a0{unit}" if unit else text


def _clean(text: Label) -> str:
    return _XML_INVALID.sub("", str(text))


def _n(x: float) -> str:
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _decimals(values: list[float]) -> int:
    return 0 if all(float(v).is_integer() for v in values) else 1


def _chart(
    kind: Literal["bar", "line"],
    title: Label,
    description: Label,
    categories: Sequence[Label],
    series: list[Series],
    unit: str,
    width: int,
    height: int,
    suppressed: Collection[tuple[int, int]],
    category_label: Label | None,
) -> Chart:
    if not categories or not series:
        raise ValueError("a chart needs at least one category and one series")
    if len(series) > len(STYLES):
        raise ValueError(f"at most {len(STYLES)} series can be told apart; show a table instead")
    values_seen: list[float] = []
    for s, (_label, values) in enumerate(series):
        if len(values) != len(categories):
            raise ValueError(f"series {s} has {len(values)} values for {len(categories)} categories")
        for c, v in enumerate(values):
            if v is None:
                continue
            if (s, c) in suppressed:
                raise ValueError(f"value ({s}, {c}) is marked suppressed but given: pass None")
            if not math.isfinite(v) or v < 0:
                raise ValueError(f"values must be finite and non-negative, got {v!r}")
            values_seen.append(v)

    title_s, desc_s, unit_s = _clean(title), _clean(description), _clean(unit)
    cats = [_clean(c) for c in categories]
    names = [_clean(label) for label, _values in series]
    decimals = _decimals(values_seen)
    missing = {"no data": _clean(_("no data")), "hidden": _clean(_("hidden"))}

    def missing_text(s: int, c: int) -> str:
        return missing["hidden"] if (s, c) in suppressed else missing["no data"]

    digest = hashlib.sha256(
        repr(
            (kind, title_s, desc_s, cats, names, [v for _l, v in series], sorted(suppressed), unit_s, width, height)
        ).encode()
    ).hexdigest()[:10]
    uid = f"chart-{digest}"

    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {width} {height}",
            "width": str(width),
            "height": str(height),
            "role": "img",
            "aria-labelledby": f"{uid}-title {uid}-desc",
            "font-family": "sans-serif",
            "font-size": "12",
            "fill": INK,
        },
    )
    ET.SubElement(svg, "title", {"id": f"{uid}-title"}).text = title_s
    ET.SubElement(svg, "desc", {"id": f"{uid}-desc"}).text = desc_s
    _patterns(ET.SubElement(svg, "defs"), uid, len(series))

    legend_height = _legend(svg, uid, names, kind, width) if len(series) > 1 else 0
    left, right, top, bottom = 72.0, width - 16.0, 16.0 + legend_height, height - 40.0
    ticks = nice_ticks(max(values_seen, default=0), integers=decimals == 0)
    step = ticks[1]
    tick_decimals = 0 if float(step).is_integer() else len(f"{step:.9f}".rstrip("0").split(".")[1])
    top_value = ticks[-1]

    def y_of(v: float) -> float:
        return bottom - (bottom - top) * v / top_value

    axis = ET.SubElement(svg, "g", {"class": "axis"})
    for tick in ticks:
        tick_y = _n(y_of(tick))
        ET.SubElement(axis, "line", {"x1": _n(left), "x2": _n(right), "y1": tick_y, "y2": tick_y, "stroke": GRID})
        label = ET.SubElement(axis, "text", {"x": _n(left - 8), "y": tick_y, "dy": "4", "text-anchor": "end"})
        label.text = format_number(tick, decimals=tick_decimals, unit=unit_s)
    slot = (right - left) / len(cats)
    for c, cat in enumerate(cats):
        label_x = _n(left + slot * (c + 0.5))
        text = ET.SubElement(axis, "text", {"x": label_x, "y": _n(bottom + 18)})
        text.set("text-anchor", "middle")
        lines = _wrap(cat, max(4, int(slot / CHAR_WIDTH)))
        if len(lines) == 1:
            text.text = cat
        for i, line in enumerate(lines if len(lines) > 1 else []):
            ET.SubElement(text, "tspan", {"x": label_x, "dy": "0" if i == 0 else "13"}).text = line

    plot = ET.SubElement(svg, "g", {"class": "data"})
    for s, (_label, values) in enumerate(series):
        group = ET.SubElement(plot, "g", {"class": f"series-{s}"})
        runs: list[list[tuple[float, float]]] = [[]]
        for c, v in enumerate(values):
            bar_w = slot * 0.7 / len(series)
            x = left + slot * c + slot * 0.15 + bar_w * s if kind == "bar" else left + slot * (c + 0.5) - bar_w / 2
            centre = x + bar_w / 2
            if v is None:
                runs.append([])
                note = ET.SubElement(group, "text", {"x": _n(centre), "y": _n(bottom - 6), "font-size": "10"})
                note.set("transform", f"rotate(-90 {_n(centre)} {_n(bottom - 6)})")
                note.set("dy", "3")
                note.text = missing_text(s, c)
                continue
            if kind == "bar":
                attrs = {"x": _n(x), "y": _n(y_of(v)), "width": _n(bar_w), "height": _n(bottom - y_of(v))}
                shape = ET.SubElement(group, "rect", attrs | {"fill": _fill(uid, s), "stroke": STYLES[s][0]})
            else:
                runs[-1].append((centre, y_of(v)))
                shape = _marker(group, STYLES[s][2], centre, y_of(v), STYLES[s][0])
            tip = f"{names[s]}, {cats[c]}: {format_number(v, decimals=decimals, unit=unit_s)}"
            ET.SubElement(shape, "title").text = tip
        if kind == "line":
            _lines(group, runs, s)
    ET.SubElement(svg, "line", {"x1": _n(left), "x2": _n(right), "y1": _n(bottom), "y2": _n(bottom), "stroke": INK})

    header = (_clean(category_label if category_label is not None else _("Category")), *names)
    rows = tuple(
        (
            cat,
            *(
                missing_text(s, c)
                if values[c] is None
                else format_number(values[c] or 0, decimals=decimals, unit=unit_s)
                for s, (_label, values) in enumerate(series)
            ),
        )
        for c, cat in enumerate(cats)
    )
    # Safe: built by ElementTree, which escapes every text and attribute value.
    markup = mark_safe(ET.tostring(svg, encoding="unicode"))  # noqa: S308
    return Chart(svg=markup, table=ChartTable(caption=title_s, columns=header, rows=rows))


def _wrap(text: str, width: int) -> list[str]:
    """A category label in at most two lines of about ``width`` characters, words kept whole where they fit; what
    does not fit ends in "…" (the data table beside the chart holds the whole label)."""
    if len(text) <= width:
        return [text]
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    if len(lines) > 2 or any(len(line) > width for line in lines[:2]):
        first = lines[0] if len(lines[0]) <= width else lines[0][: width - 1] + "…"
        rest = " ".join(lines[1:]) if len(lines[0]) <= width else text[width - 1 :]
        lines = [first, rest if len(rest) <= width else rest[: width - 1] + "…"]
    return lines


def _lines(group: ET.Element, runs: list[list[tuple[float, float]]], s: int) -> None:
    """Join each run of consecutive values; the line breaks where a value is missing."""
    colour, _pattern, _marker, dash = STYLES[s]
    for run in runs:
        if len(run) < 2:
            continue
        attrs = {"points": " ".join(f"{_n(x)},{_n(y)}" for x, y in run), "fill": "none", "stroke": colour}
        line = ET.Element("polyline", attrs | {"stroke-width": "2"})
        if dash:
            line.set("stroke-dasharray", dash)
        group.insert(0, line)  # under the markers


def _fill(uid: str, s: int) -> str:
    return STYLES[s][0] if STYLES[s][1] == "solid" else f"url(#{uid}-p{s})"


def _patterns(defs: ET.Element, uid: str, count: int) -> None:
    paths = {
        "diagonal": "M0 8L8 0M-2 2L2 -2M6 10L10 6",
        "cross": "M0 8L8 0M0 0L8 8",
        "horizontal": "M0 4H8",
        "vertical": "M4 0V8",
    }
    for s in range(count):
        colour, pattern, _marker, _dash = STYLES[s]
        if pattern == "solid":
            continue
        node = ET.SubElement(
            defs, "pattern", {"id": f"{uid}-p{s}", "patternUnits": "userSpaceOnUse", "width": "8", "height": "8"}
        )
        ET.SubElement(node, "rect", {"width": "8", "height": "8", "fill": colour})
        if pattern == "dots":
            ET.SubElement(node, "circle", {"cx": "4", "cy": "4", "r": "1.6", "fill": "#ffffff"})
        else:
            ET.SubElement(node, "path", {"d": paths[pattern], "stroke": "#ffffff", "stroke-width": "1.5"})


def _marker(parent: ET.Element, shape: str, x: float, y: float, colour: str) -> ET.Element:
    r = 4.5
    if shape == "circle":
        return ET.SubElement(parent, "circle", {"cx": _n(x), "cy": _n(y), "r": _n(r), "fill": colour})
    if shape == "square":
        attrs = {"x": _n(x - r), "y": _n(y - r), "width": _n(2 * r), "height": _n(2 * r), "fill": colour}
        return ET.SubElement(parent, "rect", attrs)
    shapes: dict[str, list[tuple[float, float]]] = {
        "triangle": [(0, -1.2), (1.1, 0.9), (-1.1, 0.9)],
        "diamond": [(0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0)],
        "cross": [(-1, -1), (1, 1), (0, 0), (1, -1), (-1, 1), (0, 0)],
        "star": [(0, -1.3), (0.4, -0.4), (1.3, 0), (0.4, 0.4), (0, 1.3), (-0.4, 0.4), (-1.3, 0), (-0.4, -0.4)],
    }
    corners = shapes[shape]
    points = " ".join(f"{_n(x + dx * r)},{_n(y + dy * r)}" for dx, dy in corners)
    attrs = {"points": points, "fill": colour, "stroke": colour, "stroke-width": "2" if shape == "cross" else "0"}
    return ET.SubElement(parent, "polygon", attrs)


def _legend(svg: ET.Element, uid: str, names: list[str], kind: str, width: int) -> float:
    """Draw the legend across the top, wrapping lines; return its height."""
    legend = ET.SubElement(svg, "g", {"class": "legend"})
    x, y = 16.0, 8.0
    for s, name in enumerate(names):
        colour, _pattern, marker, dash = STYLES[s]
        item_width = 24 + 7 * len(name) + 16
        if x + item_width > width - 16 and x > 16:
            x, y = 16.0, y + 20
        if kind == "bar":
            ET.SubElement(
                legend,
                "rect",
                {"x": _n(x), "y": _n(y), "width": "14", "height": "14", "fill": _fill(uid, s), "stroke": colour},
            )
        else:
            line = ET.SubElement(
                legend, "line", {"x1": _n(x - 2), "x2": _n(x + 16), "y1": _n(y + 7), "y2": _n(y + 7), "stroke": colour}
            )
            line.set("stroke-width", "2")
            if dash:
                line.set("stroke-dasharray", dash)
            _marker(legend, marker, x + 7, y + 7, colour)
        ET.SubElement(legend, "text", {"x": _n(x + 20), "y": _n(y + 11)}).text = name
        x += item_width
    return y + 20
