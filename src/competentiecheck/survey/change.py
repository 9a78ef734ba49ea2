"""Change between two waves for matched respondents, attrition, and baseline differences (issue 23).

Statistics, as R computes them:

* :func:`paired_change`: mean difference (post − pre) with its 95 % t interval, paired t with n − 1 df
  (``t.test(post, pre, paired = TRUE)``), Cohen's d_z = mean difference / SD of the differences, and the
  Wilcoxon signed-rank test as a check (``wilcox.test(post, pre, paired = TRUE)``: zero differences
  dropped; exact p when n < 50 and there are no ties or zeros, else the normal approximation with
  continuity correction and the tie-corrected variance);
* :func:`group_mean`: a mean with its 95 % t interval (stayers and leavers at baseline);
* :func:`climate_model`: OLS of the post score on the pre score and baseline learning climate
  (statsmodels): does change go with the climate the respondent reported at the start?

No control group: none of these says what the programme caused.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

__all__ = [
    "PairedChange",
    "paired_change",
    "group_mean",
    "climate_model",
    "climate_frames",
    "climate_min_cases",
    "pairs_frame",
    "attrition_table",
]

CLIMATE_GROUP = "leerklimaat"  # the codebook group of the six learning-climate scales


@dataclass(frozen=True)
class PairedChange:
    n: int
    mean_pre: float
    mean_post: float
    mean_diff: float
    sd_diff: float
    ci_low: float
    ci_high: float
    t: float
    df: int
    p: float
    d_z: float
    wilcoxon_v: float
    wilcoxon_p: float
    wilcoxon_method: str


def paired_change(pre, post) -> PairedChange:
    """Paired change of ``post`` over ``pre`` (pairs with a missing value on either side are dropped)."""
    pre = np.asarray(pre, dtype=float)
    post = np.asarray(post, dtype=float)
    keep = ~np.isnan(pre) & ~np.isnan(post)
    pre, post = pre[keep], post[keep]
    d = post - pre
    n = len(d)
    if n < 2:
        raise ValueError("minstens twee paren nodig")
    mean = float(d.mean())
    sd = float(d.std(ddof=1))
    se = sd / math.sqrt(n)
    df = n - 1
    crit = float(stats.t.ppf(0.975, df))
    if se == 0:
        t, p = (math.inf if mean > 0 else -math.inf if mean < 0 else math.nan), (0.0 if mean else math.nan)
    else:
        t = mean / se
        p = float(2 * stats.t.sf(abs(t), df))
    d_z = mean / sd if sd > 0 else math.nan
    v, wp, method = _wilcoxon(d)
    return PairedChange(
        n=n,
        mean_pre=float(pre.mean()),
        mean_post=float(post.mean()),
        mean_diff=mean,
        sd_diff=sd,
        ci_low=mean - crit * se,
        ci_high=mean + crit * se,
        t=float(t),
        df=df,
        p=p,
        d_z=d_z,
        wilcoxon_v=v,
        wilcoxon_p=wp,
        wilcoxon_method=method,
    )


def _wilcoxon(d: np.ndarray) -> tuple[float, float, str]:
    """V (sum of the ranks of the positive differences) and p as R's ``wilcox.test`` defaults."""
    nonzero = d[d != 0]
    if len(nonzero) == 0:
        return 0.0, math.nan, "geen verschillen"
    ranks = stats.rankdata(np.abs(nonzero))
    v = float(ranks[nonzero > 0].sum())
    ties = len(np.unique(np.abs(nonzero))) < len(nonzero)
    if len(nonzero) < 50 and not ties and len(nonzero) == len(d):
        result = stats.wilcoxon(nonzero, zero_method="wilcox", correction=False, method="exact")
        return v, float(result.pvalue), "exact"
    n = len(nonzero)
    _, counts = np.unique(np.abs(nonzero), return_counts=True)
    var = n * (n + 1) * (2 * n + 1) / 24 - float((counts**3 - counts).sum()) / 48
    z = v - n * (n + 1) / 4
    z = (z - math.copysign(0.5, z)) / math.sqrt(var) if z != 0 else 0.0
    return v, float(math.erfc(abs(z) / math.sqrt(2))), "normale benadering"


def group_mean(values) -> tuple[int, float, float, float]:
    """n, mean and 95 % t interval of the non-missing values."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    n = len(x)
    if n == 0:
        return 0, math.nan, math.nan, math.nan
    mean = float(x.mean())
    if n < 2:
        return n, mean, math.nan, math.nan
    half = float(stats.t.ppf(0.975, n - 1)) * float(x.std(ddof=1)) / math.sqrt(n)
    return n, mean, mean - half, mean + half


def pairs_frame(data: pd.DataFrame, first: str, second: str, columns: list[str]) -> pd.DataFrame:
    """One row per matched pair: ``perceel`` and ``<column>_pre`` / ``<column>_post`` for each column."""
    matched = data[data["koppeling"].isin(["gekoppeld", "gekoppeld met tolerantie"])]
    pre = matched[matched["meting"] == first].set_index("koppelcode")
    post = matched[matched["meting"] == second].set_index("koppelcode")
    common = pre.index.intersection(post.index).sort_values()
    pre, post = pre.loc[common], post.loc[common]
    out = {"koppelcode": common.to_numpy(), "perceel": pre["perceel"].to_numpy()}
    for column in columns:
        out[f"{column}_pre"] = pre[column].to_numpy(dtype=float)
        out[f"{column}_post"] = post[column].to_numpy(dtype=float)
    return pd.DataFrame(out)


def climate_frames(pre: pd.DataFrame, pairs: pd.DataFrame, codebook, params: dict) -> dict[str, pd.DataFrame]:
    """Per dependent of ``params['statistics']``: the complete cases (``pre``, ``post``, ``klimaat``: the
    mean of the six climate scales at the first wave) of the pairs, for the regression of post on pre and
    climate. ``pre``: the first-wave rows (with ``koppelcode``); ``pairs``: :func:`pairs_frame`. A model is
    shown only with :func:`climate_min_cases` cases or more."""
    climate_scales = [s for s in codebook.tabel3_order if codebook.scales[s].group == CLIMATE_GROUP]
    climate = pre.set_index("koppelcode").loc[pairs["koppelcode"], climate_scales].mean(axis=1, skipna=False)
    return {
        dv: pd.DataFrame(
            {"pre": pairs[f"{dv}_pre"], "post": pairs[f"{dv}_post"], "klimaat": climate.to_numpy()}
        ).dropna()
        for dv in params["statistics"]["dependents"]
    }


def climate_min_cases(min_model_n: int, params: dict) -> int:
    """The fewest cases a climate model is shown with: the model minimum, and two per predictor."""
    return max(min_model_n, 2 * params["statistics"]["min_cases_per_predictor"])


def attrition_table(data: pd.DataFrame, first: str, second: str) -> pd.DataFrame:
    """Exact counts per perceel: in both waves (matched pairs), pre only, post only, excluded from the
    matching (each wave). Team use; the report protects them."""
    rows = []
    for perceel in sorted(data["perceel"].unique()):
        part = data[data["perceel"] == perceel]
        status = part["koppeling"]
        rows.append(
            {
                "perceel": int(perceel),
                "beide": int(
                    ((part["meting"] == first) & status.isin(["gekoppeld", "gekoppeld met tolerantie"])).sum()
                ),
                "alleen_voor": int((status == f"alleen {first}").sum()),
                "alleen_na": int((status == f"alleen {second}").sum()),
                "uitgesloten_voor": int(((part["meting"] == first) & _excluded(status)).sum()),
                "uitgesloten_na": int(((part["meting"] == second) & _excluded(status)).sum()),
            }
        )
    return pd.DataFrame(rows)


def _excluded(status: pd.Series) -> pd.Series:
    return status.isin(["code dubbel in een meting", "dubbelzinnige code", "code in twee percelen", "geen koppelcode"])


@dataclass(frozen=True)
class ClimateModel:
    n: int
    b_climate: float
    ci_low: float
    ci_high: float
    p: float
    b_pre: float
    r_squared: float


def climate_model(pre, post, climate) -> ClimateModel:
    """OLS ``post ~ pre + climate`` on complete cases (statsmodels); B of climate with its 95 % interval."""
    import statsmodels.api as sm

    frame = pd.DataFrame({"post": post, "pre": pre, "climate": climate}).astype(float).dropna()
    fit = sm.OLS(frame["post"], sm.add_constant(frame[["pre", "climate"]])).fit()
    low, high = fit.conf_int().loc["climate"]
    return ClimateModel(
        n=len(frame),
        b_climate=float(fit.params["climate"]),
        ci_low=float(low),
        ci_high=float(high),
        p=float(fit.pvalues["climate"]),
        b_pre=float(fit.params["pre"]),
        r_squared=float(fit.rsquared),
    )
