"""The dot-and-interval figure of one scale, drawn once as a list of primitives (text, line, circle) that two
writers render: SVG for the HTML page (each row a group carrying its group, scale and shown values as data
attributes, which the output check reads back) and native Typst drawing for the PDF (Typst converts SVG text
slowly; drawing the same primitives natively is about four times faster and gives the same picture)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from competentiecheck.core.tables import fmt_number
from competentiecheck.feedback.context import Scale
from competentiecheck.feedback.means import Estimate

__all__ = ["Row", "scale_figure", "svg", "shown_interval", "signed", "FONT"]

FONT = "Libertinus Serif, Georgia, serif"
WIDTH, LEFT, RIGHT_TEXT, ROW, HEAD, ABOUT, AXIS = 500, 118, 104, 18, 20, 16, 19
COLOURS = {
    "organisatie": "#1b4f72",
    "deelgroep": "#1b4f72",
    "perceel": "#5d6d7e",
    "programma": "#95a5a6",
    "voormeting": "#7fa7c4",
    "nameting": "#1b4f72",
}
INK, GREY, GRID = "#1c2833", "#4d5656", "#e5e8e8"


@dataclass(frozen=True)
class Row:
    label: str
    group: str  # organisatie, deelgroep, perceel, programma
    estimate: Estimate | None  # None: not shown (the reason in ``missing``)
    missing: str = "niet getoond: te weinig antwoorden"


def shown_interval(estimate: Estimate, scale: Scale) -> tuple[float, float]:
    """The interval as shown: cut off at the lowest and highest possible score (said in the explanation)."""
    low = scale.low if math.isnan(estimate.low) else max(scale.low, estimate.low)
    high = scale.high if math.isnan(estimate.high) else min(scale.high, estimate.high)
    return low, high


def _ticks(scale: Scale) -> list[float]:
    step = 2 if scale.high - scale.low > 6 else 1
    return [float(v) for v in range(math.ceil(scale.low), math.floor(scale.high) + 1, step)]


def _text(x, y, text, size=13.0, fill=INK, anchor="start", bold=False, italic=False) -> dict:
    return {"k": "text", "x": x, "y": y, "text": text, "s": size, "fill": fill, "a": anchor, "b": bold, "i": italic}


def _line(x1, y1, x2, y2, stroke, width=1.0, opacity=1.0) -> dict:
    return {"k": "line", "x1": x1, "y1": y1, "x2": x2, "y2": y2, "stroke": stroke, "w": width, "o": opacity}


def signed(value: float) -> str:
    """A change with its sign, one decimal ('+0,3', '−0,2', '0,0')."""
    text = fmt_number(abs(value), 1)
    if text == fmt_number(0.0, 1):
        return text
    return ("+" if value > 0 else "−") + text


def scale_figure(scale: Scale, rows: list[Row], about: str | None = None, change: Estimate | None = None) -> dict:
    """One scale: its name (and ``about``) on top, then a row per group with the mean (dot), its 95 % interval
    (line) and both in words; ``change``: a line of text under the axis with the paired change and its interval
    (a group 'verandering' with the shown values). Returns the figure as primitives in a 0…``WIDTH`` coordinate
    space."""
    plot_right = WIDTH - RIGHT_TEXT
    span = scale.high - scale.low

    def x(value: float) -> float:
        return round(LEFT + (value - scale.low) / span * (plot_right - LEFT - 10) + 5, 1)

    head = HEAD + (ABOUT if about else 0)
    bottom = head + ROW * len(rows)
    items = [_text(0, 15, scale.label, 14, "#1b4f72", bold=True)]
    if about:
        items.append(_text(0, 32, about, 12.5, GREY))
    for tick in _ticks(scale):
        items.append(_line(x(tick), head, x(tick), bottom, GRID))
        items.append(_text(x(tick), bottom + 15, fmt_number(tick, 0), 12, GREY, "middle"))
    items.append(_line(LEFT, bottom, plot_right, bottom, "#7f8c8d"))
    for i, row in enumerate(rows):
        y = head + ROW * i + ROW / 2
        bold = row.group == "organisatie"
        items.append(_text(LEFT - 8, y + 4, row.label, 13, INK, "end", bold))
        if row.estimate is None:
            items.append(_text(LEFT + 5, y + 4, row.missing, 12, "#7f8c8d", italic=True))
            continue
        colour = COLOURS.get(row.group, "#1b4f72")
        low, high = shown_interval(row.estimate, scale)
        mean = fmt_number(row.estimate.mean, 1)
        attrs = {
            "data-groep": row.group,
            "data-schaal": scale.key,
            "data-gemiddelde": mean,
            "data-ondergrens": fmt_number(low, 1),
            "data-bovengrens": fmt_number(high, 1),
        }
        members = [
            _line(x(low), y, x(high), y, colour, 3.0, 0.55),
            {"k": "circle", "cx": x(row.estimate.mean), "cy": y, "r": 5.5, "fill": colour},
            _text(plot_right + 8, y + 4, f"{mean} ({fmt_number(low, 1)}–{fmt_number(high, 1)})", 13, INK, bold=bold),
        ]
        items.append({"k": "group", "attrs": attrs, "items": members})
    height = bottom + AXIS
    if change is not None:
        words = f"{signed(change.mean)} ({signed(change.low)}–{signed(change.high)})"
        attrs = {
            "data-groep": "verandering",
            "data-schaal": scale.key,
            "data-gemiddelde": signed(change.mean),
            "data-ondergrens": signed(change.low),
            "data-bovengrens": signed(change.high),
        }
        text = f"Verandering bij dezelfde invullers: {words}"
        items.append({"k": "group", "attrs": attrs, "items": [_text(0, height + 14, text, 13, INK, bold=True)]})
        height += ROW + 2
    return {"w": WIDTH, "h": height, "label": scale.label, "key": scale.key, "items": items}


def _svg_item(item: dict) -> str:
    kind = item["k"]
    if kind == "group":
        attrs = " ".join(f'{k}="{escape(str(v))}"' for k, v in item["attrs"].items())
        return f"<g {attrs}>" + "".join(_svg_item(i) for i in item["items"]) + "</g>"
    if kind == "line":
        opacity = f' opacity="{item["o"]}"' if item["o"] != 1 else ""
        cap = ' stroke-linecap="round"' if item["w"] > 1 else ""
        return (
            f'<line x1="{item["x1"]}" y1="{item["y1"]}" x2="{item["x2"]}" y2="{item["y2"]}" stroke="{item["stroke"]}" '
            f'stroke-width="{item["w"]}"{cap}{opacity}/>'
        )
    if kind == "circle":
        return f'<circle cx="{item["cx"]}" cy="{item["cy"]}" r="{item["r"]}" fill="{item["fill"]}"/>'
    style = (' font-weight="bold"' if item["b"] else "") + (' font-style="italic"' if item["i"] else "")
    anchor = f' text-anchor="{item["a"]}"' if item["a"] != "start" else ""
    return (
        f'<text x="{item["x"]}" y="{item["y"]}" font-size="{item["s"]}" fill="{item["fill"]}"{anchor}{style}>'
        f"{escape(item['text'])}</text>"
    )


def svg(figure: dict) -> str:
    """The figure as inline SVG (scales with the page; the row groups carry the data attributes)."""
    label = escape(figure["label"])
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {figure["w"]} {figure["h"]}" width="{figure["w"]}" '
        f'height="{figure["h"]}" role="img" aria-label="{label}" font-family="{FONT}" data-schaal="{figure["key"]}">'
        f"<title>{label}</title>" + "".join(_svg_item(i) for i in figure["items"]) + "</svg>"
    )
