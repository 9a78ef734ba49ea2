"""Figures for the report: colour-blind-safe palette, Dutch labels, PNG and SVG side by side.

One mechanism for every figure, applied by :func:`save_figure`: numbers on an axis in Dutch form (decimal
comma, minus sign), counts on whole numbers only (:func:`count_axis` marks an axis as a count), and the
SVG without date and with a fixed hash salt. What a figure must meet, tested per figure in
``tests/<step>/``: text of at least :data:`MIN_FONT_PT` points at its printed width (:func:`printed_font_sizes`),
no two texts on top of each other (:func:`overlapping_texts`), and the colours that tell categories apart
(:data:`CATEGORICAL`) at least :data:`CVD_MIN_DELTA_E` apart under each colour-vision deficiency.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator, ScalarFormatter  # noqa: E402

__all__ = [
    "save_figure",
    "bar_chart_counts",
    "prisma_flow",
    "theme_heatmap",
    "swot_quadrants",
    "theme_groups",
    "profile_combinations",
    "PALETTE",
    "CATEGORICAL",
    "NEUTRAL",
    "CVD_MIN_DELTA_E",
    "MIN_FONT_PT",
    "TEXT_WIDTH_IN",
    "dutch_number",
    "count_axis",
    "dutch_axes",
    "printed_font_sizes",
    "text_boxes",
    "overlapping_texts",
]

# seaborn's "colorblind" palette (Okabe-Ito based), as its RGB values: importing seaborn costs 0.7 s in
# every step that draws, and only the heatmap needs it (imported there)
PALETTE = [
    to_rgb(c)
    for c in (
        "#0173b2",
        "#de8f05",
        "#029e73",
        "#d55e00",
        "#cc78bc",
        "#ca9161",
        "#fbafe4",
        "#949494",
        "#ece133",
        "#56b4e9",
    )
]

NEUTRAL = (0.35, 0.35, 0.35)
# the colours that tell categories apart (groups of themes, forms of collaboration, kinds of evidence): in this
# order, blue, orange, green, vermillion and a dark grey; any two stay at least CVD_MIN_DELTA_E apart in
# CAM02-UCS under full deuteranopia, protanopia and tritanopia (Machado et al. 2009, as colorspacious simulates
# them; tests/core/test_figures.py). The other PALETTE colours do not: use them only beside a second cue.
CATEGORICAL = [*PALETTE[:4], NEUTRAL]
CVD_MIN_DELTA_E = 10.0

# the smallest text in a figure, in points, at the size it is printed: a figure wider than the text width of
# the PDF (A4 less 2 x 2,2 cm margins: 16,6 cm) is scaled down to it
MIN_FONT_PT = 7.0
TEXT_WIDTH_IN = 16.6 / 2.54
COUNT_AXIS = "_competentiecheck_count"


def dutch_number(value: float, decimals: int | None = None) -> str:
    """A tick value as a Dutch reader writes it: decimal comma, a real minus sign, no '-0'."""
    if decimals is None:
        text = f"{value:.6f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:.{decimals}f}"
    if text.lstrip("-").strip("0.,") == "":
        text = text.lstrip("-")
    return text.replace("-", "\N{MINUS SIGN}").replace(".", ",")


def count_axis(axis) -> None:
    """Mark ``axis`` (``ax.xaxis`` or ``ax.yaxis``) as a count: ticks on whole numbers only, in steps of
    1, 2, 5 or 10 times a power of ten."""
    axis.set_major_locator(_count_locator())
    setattr(axis, COUNT_AXIS, True)


def _count_locator() -> MaxNLocator:
    # steps of 1, 2, 5 or 10 (times a power of ten): published counts are rounded to 5
    return MaxNLocator(integer=True, steps=[1, 2, 5, 10])


def _tick_decimals(locs) -> int:
    """The fewest decimals that keep the visible ticks apart (0,25 / 0,5 / 1)."""
    for decimals in range(0, 6):
        if all(abs(round(v, decimals) - v) < 1e-9 for v in locs):
            return decimals
    return 6


def dutch_axes(fig) -> None:
    """Every numeric axis of ``fig`` in Dutch form; count axes on whole numbers. Categorical axes (bar
    labels, heatmap rows) keep their own labels. Called by :func:`save_figure`."""
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if not isinstance(axis.get_major_formatter(), ScalarFormatter):
                continue
            if getattr(axis, COUNT_AXIS, False):
                axis.set_major_locator(_count_locator())

            def formatter(value, _pos, axis=axis):
                lo, hi = sorted(axis.get_view_interval())
                shown = [v for v in axis.get_majorticklocs() if lo - 1e-9 <= v <= hi + 1e-9]
                return dutch_number(value, _tick_decimals(shown or [value]))

            axis.set_major_formatter(FuncFormatter(formatter))


def printed_font_sizes(fig, tight: bool = True) -> list[tuple[str, float]]:
    """Each text ``fig`` draws with its size in points as printed: scaled by the text width over the
    figure's width (its tight bounding box when saved tight) where the figure is wider."""
    boxes = text_boxes(fig)
    renderer = fig.canvas.get_renderer()
    width = fig.get_tightbbox(renderer).width if tight else fig.get_figwidth()
    scale = min(1.0, TEXT_WIDTH_IN / width)
    return [(text.get_text(), text.get_fontsize() * scale) for text, _ in boxes]


def text_boxes(fig) -> list:
    """Every non-empty text ``fig`` draws (titles, labels, tick labels in view, legends, annotations)
    with its bounding box in display units: the texts a draw of the figure actually renders."""
    from matplotlib.text import Text

    drawn = []
    original = Text.draw

    def draw(self, renderer):
        original(self, renderer)
        if self.get_visible() and self.get_text().strip():
            drawn.append(self)

    Text.draw = draw
    try:
        fig.canvas.draw()
    finally:
        Text.draw = original
    renderer = fig.canvas.get_renderer()
    return [(text, text.get_window_extent(renderer)) for text in drawn]


def overlapping_texts(fig, ignore: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Pairs of visible texts whose boxes overlap (more than half a point each way), e.g. a note over an
    axis label or a fund's name over the legend; texts equal to one of ``ignore`` are left out."""
    boxes = [(t.get_text(), b) for t, b in text_boxes(fig) if t.get_text() not in ignore]
    margin = fig.dpi / 72 * 0.5
    pairs = []
    for i, (text_a, a) in enumerate(boxes):
        for text_b, b in boxes[i + 1 :]:
            if min(a.x1, b.x1) - max(a.x0, b.x0) > margin and min(a.y1, b.y1) - max(a.y0, b.y0) > margin:
                pairs.append((text_a, text_b))
    return pairs


def save_figure(fig, path_without_suffix: Path, tight: bool = True) -> list[Path]:
    """Write ``.png`` (150 dpi) and ``.svg`` with fixed metadata, so reruns give the same bytes; numeric
    axes in Dutch form first (:func:`dutch_axes`).

    ``tight=False`` keeps the figure's own layout: one drawing per format instead of two (for figures
    that are drawn many times, such as the networks of many percelen).
    """
    dutch_axes(fig)
    path_without_suffix = Path(path_without_suffix)
    path_without_suffix.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, options in (
        (".png", {"dpi": 150, "metadata": {"Software": None}}),
        (".svg", {"metadata": {"Date": None, "Creator": None}}),
    ):
        target = path_without_suffix.with_suffix(suffix)
        with plt.rc_context({"svg.hashsalt": "competentiecheck"}):
            fig.savefig(target, bbox_inches="tight" if tight else None, **options)
        written.append(target)
    plt.close(fig)
    return written


def bar_chart_counts(
    table: pd.DataFrame, label_column: str, count_column: str, title: str, xlabel: str, hidden_note: str
):
    """Horizontal bars of counts; hidden counts get no bar but their label, explained by ``hidden_note``."""
    plt.rcParams["svg.hashsalt"] = "competentiecheck"
    fig, ax = plt.subplots(figsize=(6.4, 0.55 * len(table) + 1.2))
    labels = list(table[label_column])
    values = [v if isinstance(v, (int, float)) else 0 for v in table[count_column]]
    bars = ax.barh(labels, values, color=PALETTE[0])
    for bar, raw in zip(bars, table[count_column]):
        text = str(raw)
        ax.text(
            bar.get_width() + max(values + [1]) * 0.01,
            bar.get_y() + bar.get_height() / 2,
            text,
            va="center",
            fontsize=9,
        )
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left", fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(0, max(values + [1]) * 1.15)
    count_axis(ax.xaxis)
    if any(not isinstance(v, (int, float)) for v in table[count_column]):
        # the note on its own line under the axis label: the layout leaves it room
        fig.text(0.01, 0.02, hidden_note, fontsize=8, color="0.3", ha="left", va="bottom")
        fig.tight_layout(rect=(0, 0.3 / fig.get_figheight(), 1, 1))
    else:
        fig.tight_layout()
    return fig


def prisma_flow(counts: dict):
    """PRISMA 2020 flow diagram (databases only): identification, screening, included."""
    from matplotlib.patches import FancyBboxPatch

    plt.rcParams["svg.hashsalt"] = "competentiecheck"
    fig, ax = plt.subplots(figsize=(6.5, 7.0))
    ax.set_xlim(0, 100)
    ax.set_ylim(10, 100)
    ax.axis("off")

    def box(x, y, w, h, text, colour="#eef5fb", edge=PALETTE[0]):
        ax.add_patch(
            FancyBboxPatch(
                (x, y),
                w,
                h,
                boxstyle="round,pad=0.4,rounding_size=1.2",
                linewidth=1.1,
                edgecolor=edge,
                facecolor=colour,
            )
        )
        ax.text(x + w / 2, y + h / 2, text, ha="center", va="center", fontsize=8.2, wrap=True)

    def arrow(x1, y1, x2, y2):
        ax.annotate("", xy=(x2, y2), xytext=(x1, y1), arrowprops={"arrowstyle": "-|>", "color": "0.25", "lw": 1})

    dbs = "\n".join(f"{db}: {n}" for db, n in counts["by_database"].items())
    import textwrap

    wrap = lambda r, n: textwrap.fill(f"{r}: {n}", 36, subsequent_indent="  ")  # noqa: E731
    reasons_s = "\n".join(wrap(r, n) for r, n in counts["reasons_screening"].items())
    reasons_f = "\n".join(wrap(r, n) for r, n in counts["reasons_fulltext"].items())
    for y, label in ((88, "Identificatie"), (52, "Screening"), (18, "Inclusie")):
        ax.text(1, y, label, rotation=90, va="center", ha="left", fontsize=9, fontweight="bold", color=PALETTE[0])
    box(8, 78, 40, 19, f"Records uit databanken (n = {counts['identified']})\n{dbs}")
    box(56, 82, 40, 11, f"Verwijderd vóór screening:\ndubbele records (n = {counts['duplicates']})", colour="#f5f7f9")
    box(8, 60, 40, 8, f"Gescreend op titel en abstract\n(n = {counts['screened']})")
    box(56, 52, 40, 24, f"Uitgesloten (n = {counts['excluded_screening']})\n{reasons_s}", colour="#f5f7f9")
    box(8, 36, 40, 8, f"Volledige tekst beoordeeld\n(n = {counts['assessed']})")
    box(
        56,
        27,
        40,
        20,
        f"Uitgesloten na volledige tekst (n = {counts['excluded_fulltext']})\n{reasons_f}",
        colour="#f5f7f9",
    )
    box(8, 14, 40, 8, f"Opgenomen studies\n(n = {counts['included']})", colour="#e8f4ee", edge=PALETTE[2])
    arrow(28, 77.5, 28, 68.6)
    arrow(48.5, 87.5, 55.5, 87.5)
    arrow(28, 59.5, 28, 44.6)
    arrow(48.5, 64, 55.5, 64)
    arrow(28, 35.5, 28, 22.6)
    arrow(48.5, 40, 55.5, 37)
    fig.tight_layout()
    return fig


def theme_heatmap(matrix: pd.DataFrame, theme_labels: dict[str, str]):
    """Included studies x themes; cell = number of levels at which the study is cited for the theme."""
    import seaborn as sns

    plt.rcParams["svg.hashsalt"] = "competentiecheck"
    fig, ax = plt.subplots(figsize=(6.5, 0.32 * len(matrix) + 2.2))
    data = matrix.rename(columns=theme_labels)
    sns.heatmap(
        data,
        cmap="Blues",
        linewidths=0.5,
        linecolor="white",
        annot=True,
        fmt="d",
        cbar=False,
        ax=ax,
        annot_kws={"fontsize": 7},
    )
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.tick_params(axis="x", labelsize=8, rotation=30)
    ax.tick_params(axis="y", labelsize=7.5)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    fig.tight_layout()
    return fig


def swot_quadrants(swot: pd.DataFrame, n_interviews: int):
    """The SWOT as four quadrants: each theme with the number of interviews that mention it.

    ``swot`` has columns ``category`` (S, W, O, T), ``kwadrant`` (Dutch title), ``code`` and ``documents``.
    """
    from textwrap import fill

    plt.rcParams["svg.hashsalt"] = "competentiecheck"
    fig, axes = plt.subplots(2, 2, figsize=(6.5, 5.6))
    colours = {"S": "#e8f3ea", "W": "#fbeee6", "O": "#e8f0fa", "T": "#f8e8ea"}
    for ax, category in zip(axes.flat, ["S", "W", "O", "T"]):
        part = swot[swot["category"] == category]
        title = part["kwadrant"].iat[0] if len(part) else category
        ax.set_facecolor(colours[category])
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_color("white")
        ax.set_title(title, loc="left", fontsize=10, fontweight="bold", color="#17324d")
        lines = [f"{fill(row.code, 34)}  ({row.documents} van {n_interviews})" for row in part.itertuples()]
        ax.text(
            0.04, 0.92, "\n".join(lines), va="top", ha="left", fontsize=8.2, transform=ax.transAxes, linespacing=1.5
        )
    fig.suptitle("Aantal interviews dat een thema noemt", fontsize=9, x=0.01, ha="left", color="0.3")
    fig.tight_layout()
    return fig


def _value(shown) -> float:
    return float(shown) if isinstance(shown, (int, float)) else 0.0


def theme_groups(themes: pd.Series, note: str):
    """Themes of the plans in their four groups (Figuur 4 of the report, regenerated): plans per theme.

    ``themes``: published counts indexed by 'Groep > Thema'; hidden counts get no bar but their label.
    """
    plt.rcParams["svg.hashsalt"] = "competentiecheck"
    groups = list(dict.fromkeys(t.split(" > ")[0] for t in themes.index))
    fig, axes = plt.subplots(
        len(groups),
        1,
        figsize=(6.5, 0.32 * len(themes) + 0.6 * len(groups) + 0.8),
        gridspec_kw={"height_ratios": [sum(t.startswith(g + " >") for t in themes.index) for g in groups]},
    )
    top = max([_value(v) for v in themes] + [1])
    for ax, group, colour in zip(np.atleast_1d(axes), groups, CATEGORICAL * len(groups)):
        part = themes[[t.startswith(group + " >") for t in themes.index]]
        labels = [t.split(" > ", 1)[1] for t in part.index]
        bars = ax.barh(labels, [_value(v) for v in part], color=colour)
        for bar, raw in zip(bars, part):
            ax.text(bar.get_width() + top * 0.01, bar.get_y() + bar.get_height() / 2, str(raw), va="center", fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(0, top * 1.15)
        ax.set_title(group, loc="left", fontsize=9.5, color="#17324d")
        ax.tick_params(labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
        count_axis(ax.xaxis)
    np.atleast_1d(axes)[-1].set_xlabel("Aantal plannen van aanpak")
    fig.text(0.01, 0.01, note, fontsize=7, color="0.3", va="bottom")
    fig.tight_layout(rect=(0, 0.25 / fig.get_figheight(), 1, 1))
    return fig


def profile_combinations(combinations: pd.Series, profiles: list[str], note: str):
    """UpSet-style figure: plans per combination of profiles (bars) and which profiles form it (dots)."""
    plt.rcParams["svg.hashsalt"] = "competentiecheck"
    order = sorted(combinations.index, key=lambda c: (-_value(combinations[c]), c))
    fig, (bars_ax, dots_ax) = plt.subplots(
        2, 1, figsize=(6.5, 4.8), sharex=True, gridspec_kw={"height_ratios": [1.4, 1]}
    )
    x = np.arange(len(order))
    values = [_value(combinations[c]) for c in order]
    bars_ax.bar(x, values, color=PALETTE[0])
    for xi, combo in zip(x, order):
        bars_ax.text(
            xi,
            _value(combinations[combo]) + max(values + [1]) * 0.02,
            str(combinations[combo]),
            ha="center",
            fontsize=8,
        )
    bars_ax.set_ylabel("Plannen", fontsize=8)
    bars_ax.spines[["top", "right"]].set_visible(False)
    count_axis(bars_ax.yaxis)
    for yi, profile in enumerate(profiles):
        members = [profile in c.split(" + ") for c in order]
        dots_ax.scatter(x, [yi] * len(x), s=30, color=["#17324d" if m else "#d8dde3" for m in members], zorder=2)
    for xi, combo in zip(x, order):
        ys = [yi for yi, p in enumerate(profiles) if p in combo.split(" + ")]
        if len(ys) > 1:
            dots_ax.plot([xi, xi], [min(ys), max(ys)], color="#17324d", linewidth=1.5, zorder=1)
    dots_ax.set_yticks(range(len(profiles)))
    dots_ax.set_yticklabels(profiles, fontsize=8)
    dots_ax.set_xticks([])
    dots_ax.invert_yaxis()
    dots_ax.spines[["top", "right", "bottom"]].set_visible(False)
    fig.text(0.01, 0.01, note, fontsize=7, color="0.3", va="bottom")
    fig.tight_layout(rect=(0, 0.25 / fig.get_figheight(), 1, 1))
    return fig
