"""Means with 95 % t-intervals for every organisation, perceel and the programme, in one pass over the data.

Convention: the interval of a mean over the n respondents with a score on the scale is
mean ± t(0.975; n − 1) · s / √n, with s the sample standard deviation (n − 1 in the denominator): the
ordinary Student t-interval, as SPSS EXAMINE and R's ``t.test`` give it. It describes the uncertainty of
the mean of these respondents as a sample of the organisation's employees; it says nothing about an
effect of the programme.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from competentiecheck.privacy.disclosure import Disclosure, group_and_rest_allowed

__all__ = [
    "Estimate",
    "GroupMeans",
    "group_means",
    "t_interval",
    "first_wave",
    "subgroup_tables",
    "subgroup_means",
    "SUBGROUPS",
]

LEVEL = 0.95

# Subgroups an organisation report may show (column, value -> label), each only when the group and the rest
# of the organisation both pass the disclosure rule (group_and_rest_allowed with min_group_size).
SUBGROUPS = {"leidinggevend": {1.0: "Leidinggevenden", 0.0: "Medewerkers"}}


@dataclass(frozen=True)
class Estimate:
    n: int
    mean: float
    low: float
    high: float


def t_interval(n: int, mean: float, sd: float, level: float = LEVEL) -> tuple[float, float]:
    """Student t-interval of a mean; NaN bounds below two cases."""
    if n < 2 or not np.isfinite(sd):
        return float("nan"), float("nan")
    half = stats.t.ppf(0.5 + level / 2, n - 1) * sd / np.sqrt(n)
    return mean - half, mean + half


def _table(frame: pd.DataFrame, scales: list[str], by: str | None) -> pd.DataFrame:
    """n, mean, sd per group (rows) and scale: one groupby over all scales at once."""
    values = frame[scales]
    if by is None:
        agg = pd.DataFrame({"n": values.count(), "mean": values.mean(), "sd": values.std(ddof=1)})
        agg.index.name = "scale"
        agg = agg.reset_index()
        agg.insert(0, "group", "programma")
        return agg
    grouped = values.groupby(frame[by], sort=True)
    parts = {"n": grouped.count(), "mean": grouped.mean(), "sd": grouped.std(ddof=1)}
    agg = pd.concat({k: v.stack(future_stack=True) for k, v in parts.items()}, axis=1)
    agg.index.names = ["group", "scale"]
    return agg.reset_index()


def _with_intervals(table: pd.DataFrame) -> pd.DataFrame:
    n = table["n"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        half = stats.t.ppf(0.5 + LEVEL / 2, n - 1) * table["sd"].to_numpy() / np.sqrt(n)
    half = np.where(n >= 2, half, np.nan)
    table = table.copy()
    table["low"] = table["mean"] - half
    table["high"] = table["mean"] + half
    table["n"] = table["n"].astype(int)
    return table


@dataclass
class GroupMeans:
    """Means and intervals of every organisation, perceel and the programme (tidy tables)."""

    organisations: pd.DataFrame  # group (org_id), scale, n, mean, sd, low, high
    percelen: pd.DataFrame  # group (perceel number), scale, ...
    programme: pd.DataFrame  # group 'programma', scale, ...
    respondents_org: pd.Series  # org_id -> analysed respondents
    respondents_perceel: pd.Series  # perceel -> analysed respondents

    def lookup(self, level: str) -> dict:
        """(group, scale) -> Estimate for one level ('organisations', 'percelen', 'programme')."""
        table = getattr(self, level)
        return {
            (g, s): Estimate(int(n), float(m), float(lo), float(hi))
            for g, s, n, m, lo, hi in zip(table.group, table.scale, table.n, table["mean"], table.low, table.high)
        }


def group_means(data: pd.DataFrame, scales: list[str], org_column: str = "org_id") -> GroupMeans:
    """One pass per level over all scales: the organisations (respondents with an organisation), the
    percelen and the programme (every analysed respondent, as the perceel and totaal reports count them)."""
    with_org = data[data[org_column].notna()]
    return GroupMeans(
        organisations=_with_intervals(_table(with_org, scales, org_column)),
        percelen=_with_intervals(_table(data, scales, "perceel")),
        programme=_with_intervals(_table(data, scales, None)),
        respondents_org=with_org.groupby(org_column, sort=True).size(),
        respondents_perceel=data.groupby("perceel", sort=True).size(),
    )


def subgroup_tables(
    data: pd.DataFrame, scales: list[str], org_column: str = "code", subgroups: dict = SUBGROUPS
) -> dict:
    """(organisation, column, value) -> (respondents in the subgroup, {scale: Estimate}): one grouped pass per
    subgroup column over all organisations."""
    found: dict = {}
    for column in subgroups:
        if column not in data:
            continue
        frame = data[data[org_column].notna() & data[column].notna()]
        sizes = frame.groupby([org_column, column], sort=True).size()
        table = _with_intervals(_table(frame.assign(_key=list(zip(frame[org_column], frame[column]))), scales, "_key"))
        estimates: dict = {}
        for key, scale, n, mean, low, high in zip(
            table.group, table.scale, table.n, table["mean"], table.low, table.high
        ):
            estimates.setdefault(key, {})[scale] = Estimate(int(n), float(mean), float(low), float(high))
        for (org, value), size in sizes.items():
            found[(org, column, value)] = (int(size), estimates.get((org, value), {}))
    return found


def subgroup_means(
    tables: dict, organisation, total: int, disclosure: Disclosure, subgroups: dict = SUBGROUPS
) -> dict[str, dict[str, Estimate]]:
    """Per subgroup label the means of one organisation's respondents, only for subgroups that pass the
    group-and-rest rule (the group and the rest of the organisation, each at least ``min_group_size``; a
    respondent who left the question open counts in the rest), and per scale only over enough scores."""
    shown: dict[str, dict[str, Estimate]] = {}
    for column, labels in subgroups.items():
        for value, label in labels.items():
            size, estimates = tables.get((organisation, column, value), (0, {}))
            if group_and_rest_allowed(size, total, disclosure.min_group_size):
                shown[label] = {s: e for s, e in estimates.items() if disclosure.can_report(e.n)}
    return shown


WAVE_ORDER = ("voor", "pre", "t0", "eerste", "begin", "start")


def first_wave(data: pd.DataFrame, column: str = "meting") -> tuple[pd.DataFrame, object]:
    """The respondents of the first wave when the data hold several (the pre/post design), else all.

    Numeric waves: the lowest. Text waves: the one that starts with a word of ``WAVE_ORDER``
    ('voormeting', 'pre', 't0'); otherwise the step stops, since guessing the order would be a silent
    mistake. The change between two waves: feedback.change.
    """
    if column not in data or data[column].nunique(dropna=True) == 0:
        return data, None
    values = data[column].dropna().unique()
    numeric = pd.to_numeric(pd.Series(values), errors="coerce")
    if numeric.notna().all():
        first = values[int(np.argmin(numeric.to_numpy()))]
    else:
        starts = [v for v in values if str(v).strip().casefold().startswith(WAVE_ORDER)]
        if len(starts) != 1:
            from competentiecheck.core.errors import InputError

            raise InputError(
                f"de metingen {sorted(map(str, values))!r} hebben geen herkenbare volgorde (verwacht een getal of "
                f"een naam die begint met {', '.join(WAVE_ORDER)})",
                column=column,
            )
        first = starts[0]
    return data[data[column] == first], first
