"""Descriptives and Spearman correlation matrices, as SPSS NONPAR CORR prints them.

Conventions
-----------
- Each pair uses the cases complete on both variables (pairwise), with its own n.
- Ties get average ranks; rho is the Pearson correlation of the ranks.
- Two-sided p from the t approximation with n - 2 degrees of freedom,
  ``t = rho * sqrt((n - 2) / (1 - rho^2))``, as SPSS and ``scipy.stats.spearmanr`` compute it.
- Stars: ``**`` for p < .01, ``*`` for p < .05, on the raw p or, when asked, on the
  Benjamini-Hochberg adjusted p over all pairs of the matrix.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests

__all__ = ["describe", "spearman_matrix", "stars"]

MATRIX_COLUMNS = ["var_x", "var_y", "n", "rho", "p_val", "p_adj", "stars", "note"]


def describe(data: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """n, mean, SD (ddof = 1), minimum and maximum observed per column."""
    rows = []
    for column in columns:
        x = data[column].dropna().astype(float)
        rows.append(
            {
                "variable": column,
                "n": int(x.size),
                "mean": x.mean() if x.size else np.nan,
                "sd": x.std(ddof=1) if x.size > 1 else np.nan,
                "min": x.min() if x.size else np.nan,
                "max": x.max() if x.size else np.nan,
            }
        )
    return pd.DataFrame(rows, columns=["variable", "n", "mean", "sd", "min", "max"])


def stars(p: float) -> str:
    if p is None or np.isnan(p):
        return ""
    return "**" if p < 0.01 else "*" if p < 0.05 else ""


def _spearman_pair(x: np.ndarray, y: np.ndarray) -> tuple[float, float, int, str]:
    mask = ~np.isnan(x) & ~np.isnan(y)
    n = int(mask.sum())
    if n < 3:
        return np.nan, np.nan, n, "minder dan drie paren"
    rx, ry = stats.rankdata(x[mask]), stats.rankdata(y[mask])
    if rx.std() == 0 or ry.std() == 0:
        return np.nan, np.nan, n, "geen variantie"
    rho = float(np.corrcoef(rx, ry)[0, 1])
    if abs(rho) > 1 - 1e-12:  # the same (or reversed) ranks: corrcoef can land a rounding error off ±1
        return float(np.sign(rho)), 0.0, n, ""
    t = rho * np.sqrt((n - 2) / (1 - rho**2))
    return rho, float(2 * stats.t.sf(abs(t), n - 2)), n, ""


def spearman_matrix(data: pd.DataFrame, columns: list[str], adjust: str = "none") -> pd.DataFrame:
    """All pairs of ``columns`` (lower triangle, in the given order) as a tidy table.

    Parameters
    ----------
    data : DataFrame
    columns : list of str
        At least two numeric columns.
    adjust : {"none", "fdr_bh"}
        ``fdr_bh`` adds Benjamini-Hochberg adjusted p values over all pairs and bases the stars on them.

    Returns
    -------
    DataFrame
        Columns ``var_x, var_y, n, rho, p_val, p_adj, stars, note``; ``var_x`` comes later in
        ``columns`` than ``var_y`` (row and column of a lower-triangular table).
    """
    if adjust not in ("none", "fdr_bh"):
        raise ValueError("adjust moet 'none' of 'fdr_bh' zijn")
    if len(columns) < 2:
        raise ValueError("geef minstens twee kolommen")
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise ValueError(f"kolommen ontbreken in de data: {missing}")
    values = {c: data[c].to_numpy(dtype=float) for c in columns}
    rows = []
    for i, cx in enumerate(columns):
        for cy in columns[:i]:
            rho, p, n, note = _spearman_pair(values[cx], values[cy])
            rows.append({"var_x": cx, "var_y": cy, "n": n, "rho": rho, "p_val": p, "note": note})
    table = pd.DataFrame(rows)
    table["p_adj"] = np.nan
    valid = table["p_val"].notna()
    if adjust == "fdr_bh" and valid.any():
        table.loc[valid, "p_adj"] = multipletests(table.loc[valid, "p_val"], method="fdr_bh")[1]
        basis = table["p_adj"]
    else:
        basis = table["p_val"]
    table["stars"] = basis.map(stars)
    return table[MATRIX_COLUMNS]
