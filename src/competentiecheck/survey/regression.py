"""Hierarchical (blockwise) multiple regression, as SPSS REGRESSION /METHOD=ENTER per block.

Conventions
-----------
- Listwise deletion over the dependent variable and every predictor of the *final* step, so all
  steps use the same cases (SPSS default); the number of cases lost is reported.
- Ordinary least squares (statsmodels); standard errors, t and p as SPSS prints them
  (t with n - k - 1 degrees of freedom); 95 % confidence interval of B.
- Standardised β = B · SD(x) / SD(y) within the analysis sample, which equals the slope of the model
  on z-scored variables. Its 95 % interval (``beta_ci_low``, ``beta_ci_high``; SPSS does not print
  one) is the interval of B scaled by the same factor SD(x) / SD(y): z-scoring is a linear change of
  units, so the standard error scales with the slope and the t distribution keeps its n - k - 1
  degrees of freedom; this equals the interval of the slope of OLS on z-scored variables.
- R² change of step s against step s - 1 (against the empty model for step 1), with
  ``F = (ΔR² / df1) / ((1 - R²_s) / df2)``, ``df1`` = predictors added, ``df2 = n - k_s - 1``:
  the nested-model F test.
- VIF of each predictor within its step: ``1 / (1 - R²_j)``, the diagonal of the inverse predictor
  correlation matrix; tolerance ``1 - R²_j`` = 1 / VIF, as SPSS prints it.
- Rank deficiency as R's ``lm``: the design matrix *with* the constant is checked column by column in
  entry order; a predictor whose residual after projection on the constant and the predictors kept
  before it is smaller than ``ALIAS_TOL`` times its own norm is aliased (``x3 = 2·x1 + 1`` included).
  It gets no estimate (NaN, note 'niet schatbaar', tolerance 0), the model is fitted on the kept
  columns, and every df comes from the rank: ``df_regression = rank - 1``, ``df_residual = n - rank``,
  ``df1`` of the F change = rank added by the block (no F change when a block adds nothing).
- Model summary and ANOVA of every step, as SPSS REGRESSION prints them: multiple R, R², adjusted
  R², standard error of the estimate ``sigma = sqrt(SS_res / df_res)``, sums of squares, df, mean
  squares, F and p.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.regression.linear_model import OLS
from statsmodels.tools.tools import add_constant

__all__ = ["binned_residuals", "hierarchical_regression", "HierarchicalRegression", "CONSTANT"]

CONSTANT = "(Constante)"
STEP_COLUMNS = [
    "step",
    "block",
    "n",
    "k",
    "rank",
    "r",
    "r2",
    "adj_r2",
    "sigma",
    "r2_change",
    "f_change",
    "df1",
    "df2",
    "p_change",
    "ss_regression",
    "df_regression",
    "ms_regression",
    "ss_residual",
    "df_residual",
    "ms_residual",
    "ss_total",
    "f",
    "p_f",
    "note",
]
COEF_COLUMNS = [
    "step",
    "term",
    "b",
    "se",
    "beta",
    "t",
    "p_val",
    "ci_low",
    "ci_high",
    "beta_ci_low",
    "beta_ci_high",
    "vif",
    "tolerance",
    "note",
]
ALIAS_TOL = 1e-7  # R's lm.fit default tolerance for the QR decomposition


@dataclass
class HierarchicalRegression:
    """Result of :func:`hierarchical_regression`.

    steps : one row per step (``STEP_COLUMNS``).
    coefficients : one row per term per step (``COEF_COLUMNS``), constant first.
    n_total, n_used : rows offered and rows complete on all variables of the final step.
    residuals, fitted : of the final step, indexed like the analysis sample.
    """

    dependent: str
    steps: pd.DataFrame
    coefficients: pd.DataFrame
    n_total: int
    n_used: int
    residuals: pd.Series
    fitted: pd.Series

    @property
    def n_dropped(self) -> int:
        return self.n_total - self.n_used


def _vif(x: np.ndarray) -> np.ndarray:
    if x.shape[1] == 1:
        return np.array([1.0])
    corr = np.corrcoef(x, rowvar=False)
    try:
        return np.diag(np.linalg.inv(corr))
    except np.linalg.LinAlgError:
        return np.full(x.shape[1], np.inf)


def aliased_columns(x: np.ndarray, tol: float = ALIAS_TOL) -> list[int]:
    """Columns of ``x`` (constant first) that are linear combinations of the columns before them.

    As R's ``lm`` (LINPACK ``dqrdc2`` with limited pivoting): column j is aliased when the norm of
    its residual after projection on the kept earlier columns is below ``tol`` times its own norm.
    """
    kept: list[int] = []
    aliased = []
    for j in range(x.shape[1]):
        column = x[:, j]
        norm = np.linalg.norm(column)
        if kept:
            basis = x[:, kept]
            coef, *_ = np.linalg.lstsq(basis, column, rcond=None)
            residual = column - basis @ coef
        else:
            residual = column
        if norm == 0 or np.linalg.norm(residual) < tol * norm:
            aliased.append(j)
        else:
            kept.append(j)
    return aliased


def hierarchical_regression(
    data: pd.DataFrame,
    dependent: str,
    blocks: list[list[str]],
    block_names: list[str] | None = None,
    level: float = 0.95,
) -> HierarchicalRegression:
    """Blockwise OLS regression of ``dependent`` on cumulative blocks of predictors.

    Parameters
    ----------
    data : DataFrame
        Numeric columns (dummy-code categories beforehand).
    dependent : str
        Dependent variable.
    blocks : list of list of str
        Predictors entered per step; step s contains blocks 1..s.
    block_names : list of str, optional
        Labels of the blocks (default "Blok 1", "Blok 2", ...).
    level : float
        Confidence level of the intervals of B.

    Returns
    -------
    HierarchicalRegression

    Raises
    ------
    ValueError
        Missing columns, a predictor in two blocks, the dependent among the predictors, an empty
        block, or too few complete cases to estimate the final step (n <= k + 1).
    """
    if not blocks or any(len(b) == 0 for b in blocks):
        raise ValueError("elk blok moet minstens één predictor bevatten")
    predictors = [p for block in blocks for p in block]
    if len(set(predictors)) != len(predictors):
        raise ValueError("een predictor staat in meer dan één blok")
    if dependent in predictors:
        raise ValueError(f"de afhankelijke variabele {dependent!r} staat ook bij de predictoren")
    missing = [c for c in [dependent] + predictors if c not in data.columns]
    if missing:
        raise ValueError(f"kolommen ontbreken in de data: {missing}")
    names = block_names or [f"Blok {i + 1}" for i in range(len(blocks))]
    if len(names) != len(blocks):
        raise ValueError("geef één naam per blok")
    sample = data[[dependent] + predictors].astype(float).dropna()
    n = len(sample)
    if n <= len(predictors) + 1:
        raise ValueError(f"te weinig volledige gevallen ({n}) voor {len(predictors)} predictoren")
    y = sample[dependent].to_numpy()
    sd_y = y.std(ddof=1)
    step_rows, coef_rows = [], []
    previous_r2, used = 0.0, []
    result = None
    ss_total = float(((y - y.mean()) ** 2).sum())
    previous_rank = 1
    for s, (block, name) in enumerate(zip(blocks, names), start=1):
        used = used + list(block)
        design = add_constant(sample[used].to_numpy(), has_constant="add")
        aliased = set(aliased_columns(design))
        if 0 in aliased:
            raise ValueError(
                f"de afhankelijke variabele {dependent!r} kan niet geschat worden: de constante is niet schatbaar"
            )
        keep = [j for j in range(design.shape[1]) if j not in aliased]
        result = OLS(y, design[:, keep]).fit()
        k, rank = len(used), len(keep)
        df_regression, df_residual = rank - 1, n - rank
        ss_residual = float(result.ssr)
        ss_regression = ss_total - ss_residual
        r2 = float(result.rsquared)
        delta = r2 - previous_r2
        df1 = rank - previous_rank
        dropped = [used[j - 1] for j in sorted(aliased)]
        notes = (
            [
                f"niet schatbaar (lineair afhankelijk van eerdere termen): {', '.join(dropped)}; vrijheidsgraden "
                f"uit de rang ({rank})"
            ]
            if dropped
            else []
        )
        if df1 == 0:
            f_change, p_change = np.nan, np.nan
            notes.append("dit blok voegt geen schatbare predictor toe: geen F-verandering")
        elif r2 < 1:
            f_change = (delta / df1) / ((1 - r2) / df_residual)
            p_change = float(stats.f.sf(f_change, df1, df_residual))
        else:
            f_change, p_change = np.inf, 0.0
            notes.append("perfecte fit")
        ms_regression = ss_regression / df_regression if df_regression else np.nan
        ms_residual = ss_residual / df_residual
        f = ms_regression / ms_residual if df_regression and ms_residual > 0 else np.nan
        step_rows.append(
            {
                "step": s,
                "block": name,
                "n": n,
                "k": k,
                "rank": rank,
                "r": float(np.sqrt(max(r2, 0.0))),
                "r2": r2,
                "adj_r2": 1 - (1 - r2) * (n - 1) / df_residual,
                "sigma": float(np.sqrt(ms_residual)),
                "r2_change": delta,
                "f_change": float(f_change),
                "df1": df1,
                "df2": df_residual,
                "p_change": p_change,
                "ss_regression": ss_regression,
                "df_regression": df_regression,
                "ms_regression": ms_regression,
                "ss_residual": ss_residual,
                "df_residual": df_residual,
                "ms_residual": ms_residual,
                "ss_total": ss_total,
                "f": float(f),
                "p_f": float(stats.f.sf(f, df_regression, df_residual)) if np.isfinite(f) else np.nan,
                "note": "; ".join(notes),
            }
        )
        estimate = dict(zip(keep, range(rank)))
        ci = result.conf_int(alpha=1 - level)
        x = design[:, 1:]
        sd_x = x.std(axis=0, ddof=1)
        kept_predictors = [j - 1 for j in keep if j > 0]
        vif = np.full(k, np.inf)
        if kept_predictors:
            vif[kept_predictors] = _vif(x[:, kept_predictors])
        for j, term in enumerate([CONSTANT] + used):
            if j in estimate:
                e = estimate[j]
                scale = np.nan if j == 0 else sd_x[j - 1] / sd_y
                coef_rows.append(
                    {
                        "step": s,
                        "term": term,
                        "b": result.params[e],
                        "se": result.bse[e],
                        "beta": result.params[e] * scale,
                        "t": result.tvalues[e],
                        "p_val": result.pvalues[e],
                        "ci_low": ci[e, 0],
                        "ci_high": ci[e, 1],
                        "beta_ci_low": ci[e, 0] * scale,
                        "beta_ci_high": ci[e, 1] * scale,
                        "vif": np.nan if j == 0 else vif[j - 1],
                        "tolerance": np.nan if j == 0 else 1 / vif[j - 1],
                        "note": "",
                    }
                )
            else:
                coef_rows.append(
                    {
                        "step": s,
                        "term": term,
                        "b": np.nan,
                        "se": np.nan,
                        "beta": np.nan,
                        "t": np.nan,
                        "p_val": np.nan,
                        "ci_low": np.nan,
                        "ci_high": np.nan,
                        "beta_ci_low": np.nan,
                        "beta_ci_high": np.nan,
                        "vif": np.inf,
                        "tolerance": 0.0,
                        "note": "niet schatbaar: lineair afhankelijk van eerdere termen (uitgesloten)",
                    }
                )
        previous_r2, previous_rank = r2, rank
    return HierarchicalRegression(
        dependent=dependent,
        steps=pd.DataFrame(step_rows, columns=STEP_COLUMNS),
        coefficients=pd.DataFrame(coef_rows, columns=COEF_COLUMNS),
        n_total=len(data),
        n_used=n,
        residuals=pd.Series(result.resid, index=sample.index),
        fitted=pd.Series(result.fittedvalues, index=sample.index),
    )


def binned_residuals(fitted, residuals, min_per_bin: int, max_bins: int = 10) -> pd.DataFrame:
    """Mean residual per group of respondents with similar fitted values (binned residual plot).

    A scatter of residuals against fitted values shows every respondent's own outcome (fitted +
    residual); the binned version (Gelman & Hill, *Data Analysis Using Regression and
    Multilevel/Hierarchical Models*, 2007, §5.6) shows the same pattern with every point an average
    over at least ``min_per_bin`` respondents. Cases are sorted by fitted value and split into
    ``min(max_bins, n // min_per_bin)`` groups of (nearly) equal size.

    Returns columns ``bin, n, fitted_mean, residual_mean, residual_se`` (SE = SD / sqrt(n), ddof 1).
    """
    fitted = np.asarray(fitted, dtype=float)
    residuals = np.asarray(residuals, dtype=float)
    if fitted.shape != residuals.shape:
        raise ValueError("fitted en residuals hebben een andere lengte")
    n_bins = min(max_bins, fitted.size // min_per_bin)
    columns = ["bin", "n", "fitted_mean", "residual_mean", "residual_se"]
    if n_bins < 1:
        return pd.DataFrame(columns=columns)
    order = np.argsort(fitted, kind="stable")
    rows = []
    for number, idx in enumerate(np.array_split(order, n_bins), start=1):
        r = residuals[idx]
        rows.append(
            {
                "bin": number,
                "n": int(idx.size),
                "fitted_mean": float(fitted[idx].mean()),
                "residual_mean": float(r.mean()),
                "residual_se": float(r.std(ddof=1) / np.sqrt(idx.size)),
            }
        )
    return pd.DataFrame(rows, columns=columns)
