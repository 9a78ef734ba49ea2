"""The change claims (``vragenlijst.verandering.{competence}``): did the matched respondents score higher
at the second wave than at the first, on each outcome of the survey models (issue 23)?

Written only when the data hold two waves; with one wave there are no change claims at all, so the
single-wave ``claims.csv`` stays as it was. The data, the pairs and the statistics are those of the
chapter 'Verandering tussen voor- en nameting' (:func:`~competentiecheck.survey.report_change.change_chapter`):

- *test*: the paired t-test of :func:`~competentiecheck.survey.change.paired_change` (post − pre). The
  expected direction is up, except for ``intentie_retentie`` (high = intends to leave), where it is down.
  ``holds`` when the 95 % interval of the mean difference lies wholly on the expected side of 0 (then
  p < 0.05 as well); ``does not hold`` when it lies wholly at or on the other side of 0; otherwise
  ``undetermined`` (the interval contains 0);
- *not publishable* when the chapter shows no change: fewer than ``disclosure.min_group_size``
  respondents at the first wave, or fewer than ``disclosure.min_model_n`` matched pairs;
- *numbers*: those the chapter prints, rounded as there. In the totaal run the difference with its
  interval, t (df), p and d_z; in a perceel run no t, df or interval (with d_z they would give away the
  exact number of pairs): the difference, p, d_z and in words on which side of 0 the interval lies.

The statement says what the design cannot show: without a control group a change is no effect.
"""

from __future__ import annotations

import math

import pandas as pd

from competentiecheck.core.claims import Claim, make_claim
from competentiecheck.core.tables import fmt_number
from competentiecheck.privacy.disclosure import Disclosure, exact_model_output
from competentiecheck.survey.change import PairedChange, paired_change, pairs_frame
from competentiecheck.survey.codebook import Codebook
from competentiecheck.survey.report_change import _num, _p
from competentiecheck.survey.waves import present_waves

__all__ = ["change_claims", "change_outcome", "CHANGE_PREFIX", "DOWN_IS_BETTER"]

CHANGE_PREFIX = "vragenlijst.verandering."
NOTEBOOK = "02_survey"
# outcomes where a lower score is the expected change (high = intends to leave, codebook)
DOWN_IS_BETTER = ("intentie_retentie",)
UP, DOWN = "hoger", "lager"


def change_outcome(change: PairedChange, direction: str = UP) -> tuple[str, str]:
    """Outcome and reason of a change claim from the paired test: the 95 % interval of the mean difference
    wholly on the expected side of 0 holds, wholly at or on the other side does not hold, else undetermined."""
    low, high = change.ci_low, change.ci_high
    if math.isnan(low) or math.isnan(high):
        return "undetermined", "geen interval: de verschillen zijn niet te toetsen"
    if direction == DOWN:
        low, high = -high, -low
    if low > 0:
        return "holds", ""
    if high <= 0:
        return "does not hold", ""
    return "undetermined", "het 95 %-interval van het gemiddelde verschil bevat 0"


def _numbers(change: PairedChange, exact: bool) -> str:
    """The numbers of the claim as the chapter's table prints them."""
    p = "p < 0,001" if change.p < 0.001 else f"p = {_p(change.p)}"
    dz = f"d~z~ = {_num(change.d_z)}" if not math.isnan(change.d_z) else "d~z~ niet te berekenen"
    means = f"Voor {fmt_number(change.mean_pre)}, na {fmt_number(change.mean_post)}"
    if exact:
        return (
            f"{means}; verschil (na − voor) {_num(change.mean_diff)} [{_num(change.ci_low)}; {_num(change.ci_high)}]; "
            f"t({change.df}) = {_num(change.t)}; {p}; {dz}"
        )
    side = "BI boven 0" if change.ci_low > 0 else "BI onder 0" if change.ci_high < 0 else "BI omvat 0"
    return (
        f"{means}; verschil (na − voor) {_num(change.mean_diff)} ({side}; interval, t en vrijheidsgraden staan niet in een "
        f"perceelrapport); {p}; {dz}"
    )


def change_claims(
    everyone: pd.DataFrame,
    codebook: Codebook,
    params: dict,
    disclosure: Disclosure,
    data_status: str,
    withheld: str = "",
) -> list[Claim]:
    """One change claim per outcome of the survey models (``statistics.dependents``) for the run of
    ``params``; none when the data hold fewer than two waves.

    ``everyone``: the cleaned data of all waves and percelen (``data/processed/vragenlijst.parquet``).
    ``withheld``: why the run's chapter shows no tests of change (step 1's joint decision); its claims are
    then not publishable.
    """
    waves = present_waves(everyone, params)
    if len(waves) < 2:
        return []
    first, second = waves[0], waves[1]
    run = params["run"]
    perceel = params["perceel"]
    data = everyone if perceel is None else everyone[everyone["perceel"] == perceel]
    data = data.reset_index(drop=True)
    dependents = list(params["statistics"]["dependents"])
    n_first = int((data["meting"] == first).sum())
    reason = ""
    pairs = None
    if not disclosure.can_report(n_first):
        reason = (
            f"minder dan {disclosure.min_group_size} respondenten bij de {first} in deze run "
            f"(regel disclosure.min_group_size): het hoofdstuk toont geen verandering"
        )
    elif withheld:
        reason = (
            "het hoofdstuk toetst de verandering in dit rapport niet ter bescherming van kleine aantallen "
            "(stap 1 beslist dat voor alle rapporten samen)"
        )
    else:
        pairs = pairs_frame(data, first, second, dependents)
        if not disclosure.can_model(len(pairs)):
            reason = (
                f"minder dan {disclosure.min_model_n} gekoppelde paren in deze run (regel disclosure.min_model_n): "
                f"het hoofdstuk toetst geen verandering"
            )
    claims = []
    for dependent in dependents:
        direction = DOWN if dependent in DOWN_IS_BETTER else UP
        label = codebook.scales[dependent].label.lower()
        fill = {
            "first": first,
            "second": second,
            "scale": label + (" (hoog: de wil om te vertrekken)" if direction == DOWN else ""),
            "direction": direction,
            "side": "boven" if direction == UP else "onder",
            "other_side": "onder" if direction == UP else "boven",
        }
        claim_id = CHANGE_PREFIX + dependent

        def claim(outcome: str, **fields) -> Claim:
            return make_claim(claim_id, run, outcome, data_status=data_status, notebook=NOTEBOOK, **fill, **fields)

        if reason:
            claims.append(claim("not publishable", reason=reason))
            continue
        change = paired_change(pairs[f"{dependent}_pre"], pairs[f"{dependent}_post"])
        outcome, why = change_outcome(change, direction)
        claims.append(
            claim(
                outcome,
                numbers=_numbers(change, exact_model_output(run)),
                n=str(disclosure.count(change.n)),
                reason=why,
            )
        )
    return claims
