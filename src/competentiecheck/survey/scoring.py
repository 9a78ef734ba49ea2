"""Reverse coding and scale scores, with the missing-item rule stated explicitly."""

from __future__ import annotations

import numpy as np
import pandas as pd

from competentiecheck.survey.codebook import Codebook

__all__ = ["reverse_code", "required_items", "score_scales"]


def reverse_code(data: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Add ``<item>_r = min + max - item`` for every reverse-keyed item of a scale."""
    out = data.copy()
    for scale in codebook.scales.values():
        for item in scale.reverse_items:
            var = codebook.variables[item]
            out[f"{item}_r"] = var.minimum + var.maximum - out[item]
    return out


def required_items(n_items: int, rule: str | int) -> int:
    """Number of answered items a scale score needs.

    ``'all'`` means every item (SPSS ``MEAN.k`` with k the number of items); an integer n means at
    least n (SPSS ``MEAN.n``), capped at the number of items.
    """
    if rule == "all":
        return n_items
    if isinstance(rule, int) and not isinstance(rule, bool) and rule >= 1:
        return min(rule, n_items)
    raise ValueError(f"min_items_answered moet 'all' of een geheel getal >= 1 zijn, niet {rule!r}")


def score_scales(data: pd.DataFrame, codebook: Codebook, rule: str | int = "all") -> pd.DataFrame:
    """Scale score = mean of the (reverse-coded) item scores when enough items are answered.

    Parameters
    ----------
    data : DataFrame
        Item columns, with ``<item>_r`` columns for reverse-keyed items (see :func:`reverse_code`).
    codebook : Codebook
    rule : 'all' or int
        Missing-item rule, see :func:`required_items`.

    Returns
    -------
    DataFrame
        One column per scale (scale id), NaN where too few items were answered.
    """
    scores = {}
    for scale in codebook.scales.values():
        cols = list(scale.scored_columns())
        block = data[cols].astype(float)
        answered = block.notna().sum(axis=1)
        mean = block.mean(axis=1, skipna=True)
        need = required_items(len(cols), rule)
        scores[scale.id] = mean.where(answered >= need, np.nan)
    return pd.DataFrame(scores, index=data.index)
