"""The dot-and-interval figure of one scale as SVG text, written directly (no plotting library): the same
SVG goes into the HTML page and, through Typst, into the PDF. Each row carries its group, scale and shown
values as data attributes, which the output check reads back."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from competentiecheck.core.tables import fmt_number
from competentiecheck.feedback.context import Scale
from competentiecheck.feedback.means import Estimate

__all__ = ["Row", "scale_figure", "shown_interval", "FONT"]

FONT = "Libertinus Serif, Georgia, serif"
WIDTH, LEFT, RIGHT_TEXT, ROW, HEAD, AXIS = 500, 118, 104, 18, 20, 19
COLOURS = {"organisatie": "#1b4f72", "deelgroep": "#1b4f72", "perceel": "#5d6d7e", "programma": "#95a5a6"}


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
    first = math.ceil(scale.low)
    return [float(v) for v in range(first, math.floor(scale.high) + 1, step)]


def scale_figure(scale: Scale, rows: list[Row], about: str | None = None) -> str:
    """One scale: its name (and ``about``, a few words) on top, then a row per group with the mean (dot), its
    95 % interval (line) and both in words."""
    plot_right = WIDTH - RIGHT_TEXT
    span = scale.high - scale.low

    def x(value: float) -> float:
        return LEFT + (value - scale.low) / span * (plot_right - LEFT - 10) + 5

    head = HEAD + (16 if about else 0)
    height = head + ROW * len(rows) + AXIS
    label = escape(scale.label)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="img" aria-label="{label}" font-family="{FONT}" font-size="13" data-schaal="{scale.key}">',
        f"<title>{label}</title>",
        f'<text x="0" y="15" fill="#1b4f72" font-weight="bold" font-size="14">{label}</text>',
    ]
    if about:
        out.append(f'<text x="0" y="32" fill="#4d5656" font-size="12.5">{escape(about)}</text>')
    bottom = head + ROW * len(rows)
    for tick in _ticks(scale):
        tx = f"{x(tick):.1f}"
        out.append(f'<line x1="{tx}" y1="{head}" x2="{tx}" y2="{bottom}" stroke="#e5e8e8" stroke-width="1"/>')
        out.append(
            f'<text x="{tx}" y="{bottom + 16}" text-anchor="middle" fill="#4d5656" font-size="12">'
            f"{fmt_number(tick, 0)}</text>"
        )
    out.append(f'<line x1="{LEFT}" y1="{bottom}" x2="{plot_right}" y2="{bottom}" stroke="#7f8c8d" stroke-width="1"/>')
    for i, row in enumerate(rows):
        y = head + ROW * i + ROW / 2
        colour = COLOURS.get(row.group, "#1b4f72")
        weight = ' font-weight="bold"' if row.group == "organisatie" else ""
        out.append(
            f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" fill="#1c2833"{weight}>{escape(row.label)}</text>'
        )
        if row.estimate is None:
            out.append(
                f'<text x="{LEFT + 5}" y="{y + 4:.1f}" fill="#7f8c8d" font-style="italic" font-size="12">'
                f"{escape(row.missing)}</text>"
            )
            continue
        low, high = shown_interval(row.estimate, scale)
        mean = fmt_number(row.estimate.mean, 1)
        words = f"{mean} ({fmt_number(low, 1)}–{fmt_number(high, 1)})"
        out.append(
            f'<g data-groep="{row.group}" data-schaal="{scale.key}" data-gemiddelde="{mean}" '
            f'data-ondergrens="{fmt_number(low, 1)}" data-bovengrens="{fmt_number(high, 1)}">'
        )
        out.append(
            f'<line x1="{x(low):.1f}" y1="{y:.1f}" x2="{x(high):.1f}" y2="{y:.1f}" stroke="{colour}" '
            f'stroke-width="3" stroke-linecap="round" opacity="0.55"/>'
        )
        out.append(f'<circle cx="{x(row.estimate.mean):.1f}" cy="{y:.1f}" r="5.5" fill="{colour}"/>')
        out.append(f'<text x="{plot_right + 8}" y="{y + 4:.1f}" fill="#1c2833"{weight}>{words}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)
