"""The survey statistics of one run (chapter 6 of the report): reliability, descriptives, Spearman
correlations and hierarchical regressions, each behind the disclosure rules.

The functions of :mod:`psychometrics`, :mod:`correlations` and :mod:`regression` do the statistics;
this module decides what may be computed for a run and labels the results.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats as scipy_stats

from competentiecheck.core.tables import fmt_number
from competentiecheck.privacy.disclosure import Disclosure, exact_model_output
from competentiecheck.survey.codebook import Codebook
from competentiecheck.survey.correlations import describe, spearman_matrix
from competentiecheck.survey.psychometrics import reliability
from competentiecheck.survey.regression import HierarchicalRegression, hierarchical_regression

__all__ = [
    "SurveyStatistics",
    "run_statistics",
    "exact_model_output",
    "model_size",
    "EXACT_N_COLUMNS",
    "scale_maximum",
    "VARIABLE_LABELS",
    "spearman_ci",
    "williams_t",
]

VARIABLE_LABELS = {"leeftijd": "Leeftijd", "vrouw": "Vrouw (ref. man)", "leidinggevend": "Leidinggevende functie"}


def scale_maximum(codebook: Codebook, scale_id: str) -> float:
    """Highest possible scale score: the mean of the item maxima (items on different scales mix)."""
    items = codebook.scales[scale_id].items
    return float(np.mean([codebook.variables[i].maximum for i in items]))


def label_of(codebook: Codebook, variable: str) -> str:
    if variable in codebook.scales:
        return codebook.scales[variable].label
    return VARIABLE_LABELS.get(variable, variable)


def spearman_ci(rho: float, n: int, level: float = 0.95) -> tuple[float, float]:
    """Confidence interval of a Spearman coefficient: Fisher z with the variance of Bonett and Wright
    (2000, *Psychometrika* 65, 23-28), ``var(z) = (1 + rho**2 / 2) / (n - 3)``, back-transformed with tanh.
    The Pearson variance ``1 / (n - 3)`` is too small for rank correlations."""
    if n <= 3 or not -1 < rho < 1:
        raise ValueError(f"geen interval voor rho = {rho} met n = {n} (nodig: n > 3 en |rho| < 1)")
    z = np.arctanh(rho)
    half = scipy_stats.norm.ppf(0.5 + level / 2) * np.sqrt((1 + rho**2 / 2) / (n - 3))
    return float(np.tanh(z - half)), float(np.tanh(z + half))


def williams_t(r12: float, r13: float, r23: float, n: int) -> tuple[float, int, float]:
    """Williams' t for two dependent correlations with a variable in common: is ``r12`` different
    from ``r13``, given ``r23`` between variables 2 and 3 (Steiger 1980, *Psychological Bulletin* 87,
    245-251, eq. 3; the same as ``psych::r.test(n, r12, r13, r23)``). Returns t, its degrees of freedom
    ``n - 3`` and the two-sided p.

    ``t = (r12 - r13) * sqrt((n - 1)(1 + r23) / (2 (n - 1)/(n - 3) |R| + rbar**2 (1 - r23)**3))`` with
    ``|R| = 1 - r12**2 - r13**2 - r23**2 + 2 r12 r13 r23`` and ``rbar = (r12 + r13) / 2``. The test is
    derived for Pearson correlations; applied to Spearman coefficients it is an approximation."""
    if n <= 3:
        raise ValueError(f"Williams' t vraagt n > 3 (n = {n})")
    determinant = 1 - r12**2 - r13**2 - r23**2 + 2 * r12 * r13 * r23
    mean = (r12 + r13) / 2
    denominator = 2 * (n - 1) / (n - 3) * determinant + mean**2 * (1 - r23) ** 3
    t = (r12 - r13) * np.sqrt((n - 1) * (1 + r23) / denominator)
    df = n - 3
    return float(t), df, float(2 * scipy_stats.t.sf(abs(t), df))


@dataclass
class ModelOutcome:
    """One regression: either a result, or the reason it was not estimated."""

    configuration: str
    dependent: str
    result: HierarchicalRegression | None
    reason: str = ""
    caution: str = ""
    n_shown: object = None  # published form of the cases in the model (see :func:`exact_model_output`)
    dropped_shown: object = None  # published form of the cases lost listwise ('' when n is exact)
    exact: bool = False  # full SPSS output (df, ANOVA) with the exact n

    def published_steps(self) -> pd.DataFrame:
        """The step table as published: complete where the model output is exact; elsewhere n
        rounded and everything that gives n back left out (residual df, sums and mean squares)."""
        if self.exact:
            return self.result.steps.copy()
        steps = self.result.steps.drop(columns=EXACT_N_COLUMNS).astype({"n": object})
        steps["n"] = self.n_shown
        return steps


# columns of the step table from which the exact number of cases can be worked out
EXACT_N_COLUMNS = [
    "df2",
    "sigma",
    "ss_regression",
    "df_regression",
    "ms_regression",
    "ss_residual",
    "df_residual",
    "ms_residual",
    "ss_total",
    "f",
    "p_f",
]


def model_size(
    data: pd.DataFrame, dependent: str, predictors: list[str], stats_params: dict, disclosure: Disclosure
) -> tuple[int, str]:
    """Complete cases of a model and, when it may not be estimated, the reason (empty when it may)."""
    unknown = [c for c in [dependent] + predictors if c not in data.columns]
    if unknown:
        raise ValueError(f"onbekende variabelen in een regressieconfiguratie: {unknown}")
    k = len(predictors)
    n_complete = int(data[[dependent] + predictors].dropna().shape[0])
    floor = stats_params["min_cases_per_predictor"]
    if n_complete < disclosure.min_model_n or n_complete < floor * k:
        need = max(disclosure.min_model_n, floor * k)
        return n_complete, (
            f"Geen model: {disclosure.count(n_complete)} volledige gevallen voor {k} predictoren; "
            f"nodig zijn er minstens {need} ({floor} per predictor, en minstens "
            f"{disclosure.min_model_n})."
        )
    return n_complete, ""


@dataclass
class SurveyStatistics:
    n: int
    reliability_scales: pd.DataFrame | None = None
    reliability_items: pd.DataFrame | None = None
    descriptives: pd.DataFrame | None = None
    correlations: pd.DataFrame | None = None
    models: list[ModelOutcome] = field(default_factory=list)
    messages: dict[str, str] = field(default_factory=dict)
    n_shown: object = None  # the run's n as published (rounded, '< 5' or '×'), see run_statistics


def run_statistics(
    data: pd.DataFrame,
    codebook: Codebook,
    params: dict,
    disclosure: Disclosure,
    withheld: str = "",
    n_shown=None,
) -> SurveyStatistics:
    """Everything the survey chapter shows for one run, with a message for what cannot be shown.

    ``withheld``: why the run shows no statistics that carry its exact n although it could (step 1 decides
    it for all runs together, :func:`competentiecheck.survey.publication.statistics_withheld`); the chapter
    then shows the means only, as for a run below ``min_model_n``. ``n_shown``: the run's n as step 1's
    joint protection publishes it (rounded, or '×' when a smaller perceel needs it hidden); by default the
    rounded n."""
    n = len(data)
    out = SurveyStatistics(n=n)
    out.n_shown = disclosure.count(n) if n_shown is None else n_shown
    order = codebook.tabel3_order
    if not disclosure.can_report(n):
        out.messages["alles"] = disclosure.group_message(n, "de resultaten van de vragenlijst")
        return out
    desc = describe(data, order)
    desc.insert(0, "number", range(1, len(order) + 1))
    desc.insert(2, "label", [label_of(codebook, v) for v in order])
    desc["max_possible"] = [scale_maximum(codebook, v) for v in order]
    small = desc["n"] < disclosure.min_group_size
    desc.loc[small, ["mean", "sd"]] = np.nan
    # minimum and maximum are one person's value each: never published
    desc = desc.drop(columns=["min", "max"])
    # a scale's n is at most the run's: where that is hidden, so are they (they would bound it)
    desc["n"] = desc["n"].map(disclosure.count) if not isinstance(out.n_shown, str) else out.n_shown
    out.descriptives = desc
    if not disclosure.can_model(n) or withheld:
        message = withheld or (
            f"Met {out.n_shown} respondenten worden geen betrouwbaarheden, correlaties of modellen "
            f"getoond: daarvoor zijn er minstens {disclosure.min_model_n} nodig."
        )
        out.messages["betrouwbaarheid"] = out.messages["correlaties"] = out.messages["regressie"] = message
        if withheld:
            out.messages["bescherming"] = withheld
        return out
    scale_rows, item_rows = [], []
    for sid, scale in codebook.scales.items():
        result = reliability(data, list(scale.scored_columns()), sid)
        scale_rows.append(result.scale)
        item_rows.append(result.items)
    scales = pd.concat(scale_rows, ignore_index=True)
    scales.insert(1, "label", [codebook.scales[s].label for s in scales["scale"]])
    scales.insert(2, "group", [codebook.scales[s].group for s in scales["scale"]])
    items = pd.concat(item_rows, ignore_index=True)
    for table in (scales, items):
        table["n"] = table["n"].map(disclosure.count)
    out.reliability_scales = scales
    out.reliability_items = items
    stats_params = params["statistics"]
    corr = spearman_matrix(data, order, adjust=stats_params["correlation_adjust"])
    too_few = corr["n"] < disclosure.min_model_n
    corr.loc[too_few, ["rho", "p_val", "p_adj"]] = np.nan
    corr.loc[too_few, "stars"] = ""
    corr.loc[too_few, "note"] = f"minder dan {disclosure.min_model_n} paren"
    corr["n"] = corr["n"].map(disclosure.count)
    out.correlations = corr
    for name, config in stats_params["configurations"].items():
        blocks = [b["variables"] for b in config["blocks"]]
        names = [b["name"] for b in config["blocks"]]
        for dependent in stats_params["dependents"]:
            out.models.append(
                _model(
                    data, dependent, blocks, names, name, stats_params, disclosure, exact_model_output(params["run"])
                )
            )
    return out


def _model(data, dependent, blocks, names, configuration, stats_params, disclosure, exact: bool) -> ModelOutcome:
    predictors = [p for b in blocks for p in b]
    try:
        n_complete, reason = model_size(data, dependent, predictors, stats_params, disclosure)
    except ValueError as exc:
        raise ValueError(f"statistics.configurations.{configuration}: {exc}") from None
    if reason:
        return ModelOutcome(configuration, dependent, None, reason=reason)
    result = hierarchical_regression(data, dependent, blocks, names)
    caution = ""
    per_predictor = n_complete / len(predictors)
    if per_predictor < stats_params["caution_cases_per_predictor"]:
        caution = (
            f"Voorzichtig lezen: {fmt_number(per_predictor, 1)} gevallen per predictor, minder dan de "
            f"vuistregel van {stats_params['caution_cases_per_predictor']}."
        )
    if exact:
        return ModelOutcome(
            configuration, dependent, result, caution=caution, n_shown=result.n_used, dropped_shown="", exact=True
        )
    return ModelOutcome(
        configuration,
        dependent,
        result,
        caution=caution,
        n_shown=disclosure.count(result.n_used),
        dropped_shown=disclosure.count(result.n_dropped),
    )
