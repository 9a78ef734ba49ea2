"""The change claims (vragenlijst.verandering.*) on small hand-made paired data: the outcome rule, the
numbers as the chapter prints them, nothing with one wave, every id known to the catalogue."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from competentiecheck.core.params import load_params
from competentiecheck.privacy.disclosure import Disclosure
from competentiecheck.survey.change import paired_change
from competentiecheck.survey.change_claims import CHANGE_PREFIX, change_claims, change_outcome
from competentiecheck.survey.codebook import load_codebook
from competentiecheck.synthesis.evidence import known_claim_ids

DISCLOSURE = Disclosure(min_group_size=5, min_model_n=10, rounding_base=5)
UP = [1.0] * 5 + [2.0] * 5  # mean 1,5; sd sqrt(10 * 0,25 / 9) = 0,52705; t = 1,5 / (0,52705 / sqrt 10) = 9
DIFFS = {
    "beroepsexpertise": UP,
    "anticipatie_optimalisatie": [-d for d in UP],
    "persoonlijke_flexibiliteit": [1.0, -1.0] * 5,  # mean 0
    "jobtevredenheid": UP,
    "intentie_retentie": UP,  # more wish to leave: the claim (lower) does not hold
}


def _data(pairs: int, waves=("voormeting", "nameting"), diffs=DIFFS) -> pd.DataFrame:
    rows = []
    for i in range(pairs):
        for wave in waves:
            row = {"meting": wave, "perceel": 1, "koppelcode": f"c{i:02d}", "koppeling": "gekoppeld"}
            for scale, d in diffs.items():
                row[scale] = 3.0 + (d[i % len(d)] if wave == "nameting" else 0.0)
            rows.append(row)
    return pd.DataFrame(rows)


def _claims(data: pd.DataFrame, run: str = "totaal") -> dict:
    claims = change_claims(data, load_codebook(), load_params(run), DISCLOSURE, "demo")
    return {c.id.removeprefix(CHANGE_PREFIX): c for c in claims}


def test_outcomes_on_hand_made_pairs():
    claims = _claims(_data(10))
    assert {k: c.outcome for k, c in claims.items()} == {
        "beroepsexpertise": "holds",
        "anticipatie_optimalisatie": "does not hold",
        "persoonlijke_flexibiliteit": "undetermined",
        "jobtevredenheid": "holds",
        "intentie_retentie": "does not hold",
    }
    assert "bevat 0" in claims["persoonlijke_flexibiliteit"].reason
    assert all(c.run == "totaal" and c.data_status == "demo" for c in claims.values())
    # totaal: the chapter prints the interval and t (df); by hand: 1,5 ± 2,262157 · 0,16667 = [1,12; 1,88],
    # t(9) = 9,00, p = 8,5e-6, d_z = 1,5 / 0,52705 = 2,85; n = 10 rounded to a multiple of 5
    numbers = claims["beroepsexpertise"].numbers
    assert "Voor 3,00, na 4,50; verschil (na − voor) 1,50 [1,12; 1,88]; t(9) = 9,00; p < 0,001; d~z~ = 2,85" == numbers
    assert claims["beroepsexpertise"].n == "10"
    assert "verschil (na − voor) -1,50 [-1,88; -1,12]; t(9) = -9,00" in claims["anticipatie_optimalisatie"].numbers
    # the statement says what the design cannot show
    statement = claims["intentie_retentie"].statement
    assert "lager" in statement and "controlegroep" in statement and "geen aangetoond effect" in statement


def test_perceel_numbers_show_no_interval_t_or_df():
    claims = _claims(_data(10), run="perceel-1")
    numbers = claims["beroepsexpertise"].numbers
    assert claims["beroepsexpertise"].outcome == "holds"
    assert "[" not in numbers and "t(" not in numbers and "BI boven 0" in numbers
    assert "verschil (na − voor) 1,50" in numbers and "p < 0,001" in numbers and "d~z~ = 2,85" in numbers


def test_too_few_pairs_is_not_publishable():
    claims = _claims(_data(9))
    assert {c.outcome for c in claims.values()} == {"not publishable"}
    assert all(c.numbers == "" and c.n == "" and "disclosure.min_model_n" in c.reason for c in claims.values())
    # fewer than min_group_size at the first wave: nothing of the chapter is shown
    few = _claims(_data(4))
    assert {c.outcome for c in few.values()} == {"not publishable"}
    assert all("disclosure.min_group_size" in c.reason for c in few.values())


def test_one_wave_gives_no_change_claim():
    assert (
        change_claims(_data(20, waves=("voormeting",)), load_codebook(), load_params("totaal"), DISCLOSURE, "demo")
        == []
    )
    no_wave_column = _data(20).drop(columns="meting")
    assert change_claims(no_wave_column, load_codebook(), load_params("totaal"), DISCLOSURE, "demo") == []


def test_rule_boundaries():
    base = paired_change([0.0] * 4, [1.0, 2.0, 1.0, 2.0])
    at_zero = dataclasses.replace(base, ci_low=-0.4, ci_high=0.0)
    assert change_outcome(at_zero)[0] == "does not hold"  # wholly at or below 0
    assert change_outcome(at_zero, "lager")[0] == "undetermined"  # 0 is not below 0
    touching = dataclasses.replace(base, ci_low=0.0, ci_high=0.4)
    assert change_outcome(touching)[0] == "undetermined"
    assert change_outcome(touching, "lager")[0] == "does not hold"
    above = dataclasses.replace(base, ci_low=0.01, ci_high=0.4)
    assert change_outcome(above) == ("holds", "")


@pytest.mark.parametrize("run", ["totaal", "perceel-1"])
def test_ids_known_to_the_catalogue(run):
    ids = {CHANGE_PREFIX + k for k in _claims(_data(10), run=run)}
    assert ids == {CHANGE_PREFIX + d for d in load_params(run)["statistics"]["dependents"]}
    assert ids <= known_claim_ids()
