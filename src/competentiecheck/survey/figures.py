"""Figures of the survey step (the standardised coefficients and the regression diagnostics), drawn with
the project's figure conventions."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator

from competentiecheck.core.figures import PALETTE
from competentiecheck.core.tables import fmt_number
from competentiecheck.survey.regression import CONSTANT, binned_residuals

__all__ = ["residual_panels", "coefficient_panels", "coefficient_rows"]

SIGNIFICANT = 0.05


def coefficient_rows(result, predictors: list[str]):
    """β with its 95 % interval and p of the final step of one model, in the order of ``predictors``
    (a predictor the model could not estimate gets NaN)."""
    final = result.coefficients[result.coefficients["step"] == result.coefficients["step"].max()]
    final = final[final["term"] != CONSTANT].set_index("term")
    return final.reindex(predictors)[["beta", "beta_ci_low", "beta_ci_high", "p_val"]]


def coefficient_panels(
    models: list,
    labels: dict[str, str],
    predictors: list[str],
    predictor_labels: list[str],
    block_sizes: list[int] | None = None,
):
    """Standardised coefficients (β) with their 95 % intervals in the final step, one panel per model,
    the predictors in the same order (top to bottom) in every panel; β with p < 0,05 is a filled dot,
    the others an open one (shape, not only colour, carries the difference). Decimal comma on the axes.

    ``models``: HierarchicalRegression results; ``labels``: dependent -> Dutch label; ``predictors``:
    the terms of the final step in entry order, ``predictor_labels`` their Dutch labels; ``block_sizes``:
    predictors per block, for a thin line between the blocks.
    """
    from textwrap import fill

    plt.rcParams["svg.hashsalt"] = "competentiecheck"
    n = len(models)
    cols = min(3, n)
    rows = (n + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(7.2, 0.26 * len(predictors) * rows + 1.0), squeeze=False, sharey=True)
    y = np.arange(len(predictors))
    tables = [coefficient_rows(result, predictors) for result in models]
    low = min(float(np.nanmin(t["beta_ci_low"])) for t in tables)
    high = max(float(np.nanmax(t["beta_ci_high"])) for t in tables)
    margin = 0.05 * (high - low)
    comma = FuncFormatter(lambda v, _: "0" if abs(v) < 1e-12 else fmt_number(v, 1).replace("-", "\u2212"))
    for ax, result, table in zip(axes.flat, models, tables):
        significant = (table["p_val"] < SIGNIFICANT).to_numpy()
        ax.axvline(0, color="0.45", linewidth=0.8)
        ax.hlines(y, table["beta_ci_low"], table["beta_ci_high"], color=PALETTE[0], linewidth=1.2)
        ax.scatter(table["beta"][significant], y[significant], s=22, color=PALETTE[0], zorder=3, label="p < 0,05")
        ax.scatter(
            table["beta"][~significant],
            y[~significant],
            s=22,
            facecolor="white",
            edgecolor=PALETTE[0],
            zorder=3,
            label="p ≥ 0,05",
        )
        ax.set_title(fill(labels.get(result.dependent, result.dependent), 24), fontsize=8.5, loc="left")
        for edge in np.cumsum(block_sizes or [])[:-1]:
            ax.axhline(edge - 0.5, color="0.6", linewidth=0.6, linestyle=(0, (3, 2)))
        ax.set_xlim(low - margin, high + margin)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
        ax.xaxis.set_major_formatter(comma)
        ax.tick_params(labelsize=7)
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", color="0.92", linewidth=0.6)
        ax.set_axisbelow(True)
    for ax in axes[:, 0]:
        ax.set_yticks(y)
        ax.set_yticklabels(predictor_labels, fontsize=7)
    axes[0, 0].invert_yaxis()
    for ax in axes[-1, :]:
        ax.set_xlabel("β (95 %-interval)", fontsize=7.5)
    spare = list(axes.flat)[n:]
    for ax in spare:
        ax.set_visible(False)
    handles, names = axes.flat[0].get_legend_handles_labels()
    if spare:
        spare[0].set_visible(True)
        spare[0].axis("off")
        spare[0].legend(handles, names, loc="center", fontsize=7.5, frameon=False)
    else:
        fig.legend(handles, names, loc="lower center", ncol=2, fontsize=7.5, frameon=False)
    fig.tight_layout()
    return fig


def residual_panels(models: list, labels: dict[str, str], min_per_bin: int):
    """Binned residuals of the final step, one panel per model: mean residual ± 2 SE per group of at
    least ``min_per_bin`` respondents with similar fitted values (no individual points).

    ``models``: HierarchicalRegression results; ``labels``: dependent -> Dutch label.
    """
    plt.rcParams["svg.hashsalt"] = "competentiecheck"
    n = len(models)
    cols = 2 if n > 1 else 1
    rows = (n + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(6.4, 1.8 * rows), squeeze=False)
    for ax, result in zip(axes.flat, models):
        bins = binned_residuals(result.fitted, result.residuals, min_per_bin)
        ax.errorbar(
            bins["fitted_mean"],
            bins["residual_mean"],
            yerr=2 * bins["residual_se"],
            fmt="o",
            markersize=4,
            color=PALETTE[0],
            ecolor=PALETTE[0],
            elinewidth=1,
            capsize=2,
        )
        ax.axhline(0, color=PALETTE[3], linewidth=1)
        ax.set_title(labels.get(result.dependent, result.dependent), fontsize=9, loc="left")
        ax.set_xlabel("Voorspelde waarde (gemiddelde per groep)", fontsize=8)
        ax.set_ylabel("Gemiddeld residu", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.spines[["top", "right"]].set_visible(False)
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig
