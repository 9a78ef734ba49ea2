"""An organisation's change between two waves, over its matched pairs only (the pre/post design, issue 23).

Convention, as R's ``t.test(post, pre, paired = TRUE)``: per scale the pairs with a score in both waves; the
change is the mean of the differences (nameting − voormeting) with the 95 % t-interval
mean ± t(0.975; n − 1) · s_d / √n, s_d the standard deviation of the differences (n − 1 in the denominator).
The means of the same pairs at each wave get the ordinary t-interval of a mean. A pair belongs to an
organisation when both its members do (same code in both waves); a pair split over two organisations counts for
neither. The survey step has its own computation (survey.change); this one is kept apart so the feedback step
imports no step, and is tested against values worked out independently.

Disclosure: the change is shown only where the organisation's respondents reach ``feedback.min_respondents`` in
both waves, and per scale only where the pairs pass the disclosure rule and so does the rest of the first wave
(the organisation's first-wave respondents not in a pair): the report already shows the first wave's mean, so
that mean minus the pairs' voormeting mean must not point to a few people.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from competentiecheck.feedback.means import LEVEL, WAVE_ORDER, Estimate
from competentiecheck.privacy.disclosure import Disclosure, group_and_rest_allowed

__all__ = ["Change", "MATCHED", "two_waves", "organisation_pairs", "paired_estimates", "shown_changes"]

MATCHED = ("gekoppeld", "gekoppeld met tolerantie")  # the matching statuses of a pair (survey.waves)


@dataclass(frozen=True)
class Change:
    """One scale of one organisation over its n matched pairs."""

    n: int
    pre: Estimate  # the pairs' mean at the first wave
    post: Estimate  # the same pairs' mean at the second wave
    diff: Estimate  # mean difference (second − first) with its paired 95 % interval


def two_waves(data: pd.DataFrame, first, column: str = "meting") -> object | None:
    """The second wave when the data hold exactly two (``first`` the first, as means.first_wave chose it)."""
    if first is None or column not in data:
        return None
    values = [v for v in data[column].dropna().unique() if v != first]
    if len(values) != 1:
        return None
    second = values[0]
    if str(second).strip().casefold().startswith(WAVE_ORDER):
        return None  # two first-wave names: no order to trust
    return second


def organisation_pairs(data: pd.DataFrame, first, second, scales: list[str], org_column: str = "code") -> pd.DataFrame:
    """One row per matched pair whose members belong to the same organisation: ``org``, ``koppelcode`` and
    ``<scale>_pre`` / ``<scale>_post``."""
    matched = data[
        data["koppeling"].isin(MATCHED)
        & data["koppelcode"].notna()
        & data[org_column].notna()
        & (data[org_column] != "")
    ]
    pre = matched[matched["meting"] == first].drop_duplicates("koppelcode", keep=False).set_index("koppelcode")
    post = matched[matched["meting"] == second].drop_duplicates("koppelcode", keep=False).set_index("koppelcode")
    common = pre.index.intersection(post.index).sort_values()
    pre, post = pre.loc[common], post.loc[common]
    same = pre[org_column].to_numpy() == post[org_column].to_numpy()
    out = {"org": pre[org_column].to_numpy()[same], "koppelcode": common.to_numpy()[same]}
    for scale in scales:
        out[f"{scale}_pre"] = pre[scale].to_numpy(dtype=float)[same]
        out[f"{scale}_post"] = post[scale].to_numpy(dtype=float)[same]
    return pd.DataFrame(out)


def _estimate(values: np.ndarray) -> Estimate:
    n = len(values)
    mean = float(values.mean())
    if n < 2:
        return Estimate(n, mean, float("nan"), float("nan"))
    half = float(stats.t.ppf(0.5 + LEVEL / 2, n - 1)) * float(values.std(ddof=1)) / np.sqrt(n)
    return Estimate(n, mean, mean - half, mean + half)


def paired_estimates(pairs: pd.DataFrame, scales: list[str]) -> dict[tuple[str, str], Change]:
    """(organisation, scale) -> Change over the pairs with a score in both waves (at least one pair)."""
    found: dict[tuple[str, str], Change] = {}
    for org, part in pairs.groupby("org", sort=True):
        for scale in scales:
            pre = part[f"{scale}_pre"].to_numpy()
            post = part[f"{scale}_post"].to_numpy()
            keep = ~np.isnan(pre) & ~np.isnan(post)
            if not keep.any():
                continue
            pre, post = pre[keep], post[keep]
            found[(org, scale)] = Change(int(keep.sum()), _estimate(pre), _estimate(post), _estimate(post - pre))
    return found


def shown_changes(
    changes: dict[tuple[str, str], Change],
    organisation: str,
    first_wave: dict[str, Estimate],
    respondents: tuple[int, int],
    minimum: int,
    disclosure: Disclosure,
    scales: list[str],
) -> dict[str, Change]:
    """The scales of one organisation's change that may be shown (see the module): ``respondents`` its analysed
    respondents in the first and second wave, ``first_wave`` its shown first-wave estimates (their n)."""
    if min(respondents) < max(minimum, disclosure.min_group_size):
        return {}
    shown = {}
    for scale in scales:
        change, snapshot = changes.get((organisation, scale)), first_wave.get(scale)
        if change is None or snapshot is None:
            continue
        if disclosure.can_report(change.n) and group_and_rest_allowed(change.n, snapshot.n, disclosure.min_group_size):
            shown[scale] = change
    return shown
