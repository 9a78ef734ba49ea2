"""Figures for the report: colour-blind-safe palette, Dutch labels, PNG and SVG side by side."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

__all__ = ["save_figure", "bar_chart_counts", "PALETTE"]

PALETTE = sns.color_palette("colorblind")


def save_figure(fig, path_without_suffix: Path) -> list[Path]:
    """Write ``.png`` (150 dpi) and ``.svg`` with fixed metadata, so reruns give the same bytes."""
    path_without_suffix = Path(path_without_suffix)
    path_without_suffix.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, options in ((".png", {"dpi": 150, "metadata": {"Software": None}}),
                            (".svg", {"metadata": {"Date": None, "Creator": None}})):
        target = path_without_suffix.with_suffix(suffix)
        fig.savefig(target, bbox_inches="tight", **options)
        written.append(target)
    plt.close(fig)
    return written


def bar_chart_counts(table: pd.DataFrame, label_column: str, count_column: str, title: str,
                     xlabel: str, suppressed_label: str):
    """Horizontal bars of counts; suppressed categories get no bar but the label ``< k``."""
    plt.rcParams["svg.hashsalt"] = "competentiecheck"
    fig, ax = plt.subplots(figsize=(6.4, 0.55 * len(table) + 1.2))
    labels = list(table[label_column])
    values = [v if isinstance(v, (int, float)) else 0 for v in table[count_column]]
    bars = ax.barh(labels, values, color=PALETTE[0])
    for bar, raw in zip(bars, table[count_column]):
        text = str(raw)
        ax.text(bar.get_width() + max(values + [1]) * 0.01, bar.get_y() + bar.get_height() / 2, text,
                va="center", fontsize=9)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left", fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(0, max(values + [1]) * 1.15)
    if any(not isinstance(v, (int, float)) for v in table[count_column]):
        ax.annotate(f"{suppressed_label}: aantal te klein om te tonen", xy=(0, -0.18), xycoords="axes fraction",
                    fontsize=8, color="0.3")
    fig.tight_layout()
    return fig


def residual_panels(models: list, labels: dict[str, str]):
    """Residuals against fitted values of the final step, one panel per model (with a zero line).

    ``models``: HierarchicalRegression results; ``labels``: dependent -> Dutch label.
    """
    plt.rcParams["svg.hashsalt"] = "competentiecheck"
    n = len(models)
    cols = 2 if n > 1 else 1
    rows = (n + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(6.4, 2.6 * rows), squeeze=False)
    for ax, result in zip(axes.flat, models):
        ax.scatter(result.fitted, result.residuals, s=12, color=PALETTE[0], alpha=0.8, edgecolor="none")
        ax.axhline(0, color=PALETTE[3], linewidth=1)
        ax.set_title(labels.get(result.dependent, result.dependent), fontsize=9, loc="left")
        ax.set_xlabel("Voorspelde waarde", fontsize=8)
        ax.set_ylabel("Residu", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.spines[["top", "right"]].set_visible(False)
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig
