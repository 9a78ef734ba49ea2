"""Reliability of multi-item scales, computed as SPSS RELIABILITY does."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["cronbach_alpha"]


def cronbach_alpha(items: pd.DataFrame) -> tuple[float, int]:
    """Cronbach's alpha over the cases complete on all items (listwise, as SPSS RELIABILITY).

    Parameters
    ----------
    items : DataFrame
        One column per item, already reverse-coded where needed.

    Returns
    -------
    (alpha, n) : tuple of float and int
        ``alpha = k / (k - 1) * (1 - sum(var_i) / var(sum))`` with sample variances (ddof = 1),
        and the number of complete cases. ``alpha`` is NaN with fewer than 2 items, fewer than
        2 complete cases, or a total score without variance.

    Notes
    -----
    ``psych::alpha`` in R uses pairwise covariances by default and can differ slightly when items
    are missing; on complete data both agree.
    """
    if not isinstance(items, pd.DataFrame):
        raise TypeError("items moet een DataFrame met één kolom per item zijn")
    complete = items.dropna()
    k, n = complete.shape[1], complete.shape[0]
    if k < 2 or n < 2:
        return float("nan"), n
    values = complete.to_numpy(dtype=float)
    total_var = values.sum(axis=1).var(ddof=1)
    if total_var == 0:
        return float("nan"), n
    item_var = values.var(axis=0, ddof=1).sum()
    return float(k / (k - 1) * (1 - item_var / total_var)), n
