"""Figures of the survey step (the regression diagnostics), drawn with the project's figure conventions."""

from __future__ import annotations

import matplotlib.pyplot as plt

from competentiecheck.core.figures import PALETTE
from competentiecheck.survey.regression import binned_residuals

__all__ = ["residual_panels"]


def residual_panels(models: list, labels: dict[str, str], min_per_bin: int):
    """Binned residuals of the final step, one panel per model: mean residual ± 2 SE per group of at
    least ``min_per_bin`` respondents with similar fitted values (no individual points).

    ``models``: HierarchicalRegression results; ``labels``: dependent -> Dutch label.
    """
    plt.rcParams["svg.hashsalt"] = "competentiecheck"
    n = len(models)
    cols = 2 if n > 1 else 1
    rows = (n + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(6.4, 2.6 * rows), squeeze=False)
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
