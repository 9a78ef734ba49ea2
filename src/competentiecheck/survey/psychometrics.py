"""Reliability of multi-item scales, computed as SPSS RELIABILITY does.

Conventions
-----------
- Cases complete on all items of the scale (listwise), as SPSS RELIABILITY. R's ``psych::alpha``
  uses pairwise covariances by default and can differ slightly when items are missing; on complete
  data both agree.
- Sample variances and correlations with ddof = 1.
- 95 % confidence interval of alpha by Feldt (1965), the method of ``psych::alpha.ci``:
  ``1 - (1 - alpha) * F(q; n - 1, (n - 1)(k - 1))`` for q = 0.975 (lower) and 0.025 (upper).
- Corrected item-total correlation: item with the sum of the *other* items (SPSS "Corrected
  Item-Total Correlation", ``psych`` ``r.drop``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

__all__ = ["cronbach_alpha", "alpha_of_array", "alpha_ci_feldt", "reliability", "Reliability", "LOW_ALPHA"]

LOW_ALPHA = 0.60  # the report's own rule (note under Tabel 2): below .60 is not good

SCALE_COLUMNS = [
    "scale",
    "n_items",
    "n",
    "alpha",
    "alpha_std",
    "ci_low",
    "ci_high",
    "mean_inter_item_r",
    "flag_low",
    "note",
]
ITEM_COLUMNS = ["scale", "item", "n", "mean", "sd", "r_item_rest", "alpha_if_deleted"]


def alpha_of_array(values: np.ndarray) -> float:
    """Alpha of a complete cases x items array (NaN when undefined); the core of :func:`cronbach_alpha`."""
    k = values.shape[1]
    if k < 2 or values.shape[0] < 2:  # checked first: a variance of one case is undefined (and warns)
        return float("nan")
    total_var = values.sum(axis=1).var(ddof=1)
    if total_var == 0:
        return float("nan")
    return float(k / (k - 1) * (1 - values.var(axis=0, ddof=1).sum() / total_var))


def cronbach_alpha(items: pd.DataFrame) -> tuple[float, int]:
    """Cronbach's alpha over the cases complete on all items (listwise, as SPSS RELIABILITY).

    Parameters
    ----------
    items : DataFrame
        One column per item, already reverse-coded where needed.

    Returns
    -------
    (alpha, n) : tuple of float and int
        ``alpha = k / (k - 1) * (1 - sum(var_i) / var(sum))`` with sample variances (ddof = 1), and
        the number of complete cases. ``alpha`` is NaN with fewer than 2 items, fewer than 2 complete
        cases, or a total score without variance.
    """
    if not isinstance(items, pd.DataFrame):
        raise TypeError("items moet een DataFrame met één kolom per item zijn")
    complete = items.dropna()
    return alpha_of_array(complete.to_numpy(dtype=float)), int(len(complete))


def alpha_ci_feldt(alpha: float, n: int, k: int, level: float = 0.95) -> tuple[float, float]:
    """Feldt's (1965) confidence interval for alpha, as ``psych::alpha.ci``."""
    if np.isnan(alpha) or n < 2 or k < 2:
        return float("nan"), float("nan")
    df1, df2 = n - 1, (n - 1) * (k - 1)
    tail = (1 - level) / 2
    low = 1 - (1 - alpha) * stats.f.ppf(1 - tail, df1, df2)
    high = 1 - (1 - alpha) * stats.f.ppf(tail, df1, df2)
    return float(low), float(high)


@dataclass
class Reliability:
    """``scale``: one row (columns ``SCALE_COLUMNS``); ``items``: one row per item (``ITEM_COLUMNS``)."""

    scale: pd.DataFrame
    items: pd.DataFrame


def reliability(data: pd.DataFrame, items: list[str], scale: str = "schaal", level: float = 0.95) -> Reliability:
    """Reliability of one scale: alpha with CI, standardised alpha, item-rest correlations, alpha if deleted.

    Parameters
    ----------
    data : DataFrame
    items : list of str
        Item columns, reverse-keyed items already reversed.
    scale : str
        Name written in the ``scale`` column of both tables.
    level : float
        Confidence level of the interval (default 0.95).

    Returns
    -------
    Reliability
        Same columns on degenerate input; values are NaN and ``note`` says why (one item, fewer than
        two complete cases, no variance). ``flag_low`` is True when alpha < ``LOW_ALPHA``.

    Examples
    --------
    >>> d = pd.DataFrame({"a": [2, 3, 3, 4, 5], "b": [3, 3, 4, 4, 5], "c": [1, 2, 3, 3, 4]})
    >>> round(float(reliability(d, ["a", "b", "c"]).scale["alpha"].iloc[0]), 4)
    0.962
    """
    missing = [c for c in items if c not in data.columns]
    if missing:
        raise ValueError(f"kolommen ontbreken in de data: {missing}")
    if len(set(items)) != len(items):
        raise ValueError("elk item mag maar één keer voorkomen")
    complete = data[items].dropna().astype(float)
    values = complete.to_numpy()
    n, k = values.shape
    note = ""
    if k < 2:
        note = "één item: geen betrouwbaarheid te berekenen"
    elif n < 2:
        note = "minder dan twee volledige antwoordpatronen"
    elif values.sum(axis=1).var(ddof=1) == 0:
        note = "geen variantie in de somscore"
    alpha = float("nan") if note else alpha_of_array(values)
    constant = [item for item, sd in zip(items, values.std(axis=0) if n else []) if sd == 0]
    if not note and constant:
        # alpha is defined, correlations with a constant item are not (SPSS prints no standardised alpha)
        mean_r = alpha_std = float("nan")
        note = (
            f"geen variantie in {', '.join(constant)}: gestandaardiseerde alfa en gemiddelde inter-itemcorrelatie "
            f"niet te berekenen"
        )
    elif not note and k >= 2:
        corr = np.corrcoef(values, rowvar=False)
        mean_r = float(corr[np.triu_indices(k, 1)].mean())
        alpha_std = k * mean_r / (1 + (k - 1) * mean_r)
    else:
        mean_r = alpha_std = float("nan")
    low, high = alpha_ci_feldt(alpha, n, k, level)
    scale_table = pd.DataFrame(
        [
            {
                "scale": scale,
                "n_items": k,
                "n": n,
                "alpha": alpha,
                "alpha_std": alpha_std,
                "ci_low": low,
                "ci_high": high,
                "mean_inter_item_r": mean_r,
                "flag_low": bool(not np.isnan(alpha) and alpha < LOW_ALPHA),
                "note": note,
            }
        ],
        columns=SCALE_COLUMNS,
    )
    rows = []
    for j, item in enumerate(items):
        x = values[:, j] if n else np.array([])
        rest = np.delete(values, j, axis=1) if n else np.empty((0, k - 1))
        r_rest = float("nan")
        if k >= 2 and n >= 2 and x.std() > 0 and rest.sum(axis=1).std() > 0:
            r_rest = float(np.corrcoef(x, rest.sum(axis=1))[0, 1])
        deleted = alpha_of_array(rest) if k >= 3 and n >= 2 else float("nan")
        rows.append(
            {
                "scale": scale,
                "item": item,
                "n": n,
                "mean": x.mean() if n else float("nan"),
                "sd": x.std(ddof=1) if n > 1 else float("nan"),
                "r_item_rest": r_rest,
                "alpha_if_deleted": deleted,
            }
        )
    return Reliability(scale=scale_table, items=pd.DataFrame(rows, columns=ITEM_COLUMNS))
