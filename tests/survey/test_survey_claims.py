"""The survey's findings as tested claims: the interval of ρ and Williams' t against hand computations,
the outcomes against independent computations on the demo data, and outcomes that flip when the data do."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from scipy import stats as scipy_stats

from competentiecheck.core.params import load_params
from competentiecheck.privacy.disclosure import Disclosure
from competentiecheck.survey.claims import CLIMATE, COMPETENCES, LEARNING, survey_claims, survey_waves
from competentiecheck.survey.statistics import run_statistics, spearman_ci, williams_t

# --------------------------------------------------------------------------- the two formulas by hand


def test_spearman_interval_by_hand():
    # rho = 0.30, n = 50: z = atanh(0.3) = 0.5 ln(1.3 / 0.7) = 0.309520; Bonett-Wright variance
    # (1 + 0.09 / 2) / 47 = 0.0222340, se = 0.149111; z ± 1.959964 · se = 0.017268 and 0.601772
    z = 0.5 * math.log(1.3 / 0.7)
    se = math.sqrt((1 + 0.3**2 / 2) / (50 - 3))
    assert z == pytest.approx(0.309520, abs=1e-6) and se == pytest.approx(0.149111, abs=1e-6)
    low, high = spearman_ci(0.3, 50)
    assert low == pytest.approx(math.tanh(z - 1.959964 * se), abs=1e-6)
    assert high == pytest.approx(math.tanh(z + 1.959964 * se), abs=1e-6)
    assert (round(low, 4), round(high, 4)) == (0.0173, 0.5383)
    # wider than the Pearson interval with variance 1 / (n - 3), and symmetric in the sign of rho
    pearson = math.tanh(z + 1.959964 / math.sqrt(47))
    assert high > pearson
    assert spearman_ci(-0.3, 50) == pytest.approx((-high, -low))


def test_williams_t_worked_example():
    # psych::r.test(103, .4, .5, .1), Steiger (1980) case A, step by step:
    # |R| = 1 - .16 - .25 - .01 + 2 · .4 · .5 · .1 = 0.62; mean r = .45; (1 - .1)^3 = 0.729
    # denominator = 2 · 102 / 100 · 0.62 + .45² · 0.729 = 1.2648 + 0.1476225 = 1.4124225
    # t = (.4 - .5) · sqrt(102 · 1.1 / 1.4124225) = -0.1 · sqrt(79.43797) = -0.89128, df = 100
    t, df, p = williams_t(0.4, 0.5, 0.1, 103)
    assert df == 100
    assert t == pytest.approx(-0.1 * math.sqrt(112.2 / 1.4124225), abs=1e-9)
    assert round(t, 4) == -0.8913
    assert p == pytest.approx(0.3749, abs=1e-4)  # two-sided, t distribution with 100 df
    # swapping the two correlations turns the sign; equal correlations give 0
    assert williams_t(0.5, 0.4, 0.1, 103)[0] == pytest.approx(-t)
    assert williams_t(0.3, 0.3, 0.2, 50)[0] == 0


# --------------------------------------------------------------------------- claims on the demo


def _claims(data, codebook, run="totaal"):
    params = load_params(run)
    disclosure = Disclosure.from_params(params)
    data = data.reset_index(drop=True)
    stats = run_statistics(data, codebook, params, disclosure)
    return {c.id: c for c in survey_claims(stats, data, codebook, params, disclosure, "demo")}


@pytest.fixture(scope="module")
def totaal(cleaned, codebook):
    return _claims(cleaned.data, codebook)


def _rho(data, a, b):
    pair = data[[a, b]].dropna()
    return scipy_stats.spearmanr(pair[a], pair[b])[0], len(pair)


def _bonett_wright(rho, n):
    z, se = math.atanh(rho), math.sqrt((1 + rho * rho / 2) / (n - 3))
    return math.tanh(z - 1.959964 * se), math.tanh(z + 1.959964 * se)


def test_every_claim_of_a_run_once_with_status_and_notebook(totaal):
    assert len(totaal) == 11 and all(c.run == "totaal" and c.notebook == "02_survey" for c in totaal.values())
    assert {c.data_status for c in totaal.values()} == {"demo", "published"}
    assert totaal["vragenlijst.eenmalige_meting"].data_status == "published"
    assert totaal["vragenlijst.eenmalige_meting"].outcome == "holds"


def test_climate_learning_counts_the_intervals_computed_independently(cleaned, totaal):
    above = below = 0
    for climate in CLIMATE:
        for activity in LEARNING:
            low, high = _bonett_wright(*_rho(cleaned.data, climate, activity))
            above += low > 0
            below += high < 0
    claim = totaal["vragenlijst.klimaat_leren"]
    assert claim.numbers.startswith(f"{above} van de 24 paren met een 95 %-BI boven 0, {below} eronder")
    expected = (
        "holds" if above >= 12 and below == 0 else "does not hold" if above < 6 and below > above else "undetermined"
    )
    assert claim.outcome == expected and claim.n == "95"


def test_satisfaction_and_retention_by_hand_and_their_flip(cleaned, codebook, totaal):
    hits = sum(_bonett_wright(*_rho(cleaned.data, c, "jobtevredenheid"))[0] > 0 for c in CLIMATE)
    assert totaal["vragenlijst.klimaat_tevredenheid"].numbers.startswith(f"{hits} van de zes")
    assert totaal["vragenlijst.klimaat_tevredenheid"].outcome == ("holds" if hits >= 4 else "undetermined")
    # retention: the scale measures the intention to LEAVE, so a warmer climate goes with lower scores
    leave = sum(_bonett_wright(*_rho(cleaned.data, c, "intentie_retentie"))[1] < 0 for c in CLIMATE)
    assert totaal["vragenlijst.klimaat_retentie"].numbers.startswith(f"{leave} van de zes")
    assert totaal["vragenlijst.klimaat_retentie"].outcome == ("holds" if leave >= 4 else "undetermined")
    # satisfaction that falls as the climate warms, and an intention to leave that rises with it: no longer
    data = cleaned.data.copy()
    climate = data[list(CLIMATE)].mean(axis=1)
    data["jobtevredenheid"] = -climate
    data["intentie_retentie"] = climate
    flipped = _claims(data, codebook)
    assert flipped["vragenlijst.klimaat_tevredenheid"].outcome == "does not hold"
    assert flipped["vragenlijst.klimaat_retentie"].outcome == "does not hold"


def test_strongest_predictor_against_an_independent_regression(cleaned, codebook, totaal, params):
    config = params["statistics"]["configurations"][params["statistics"]["main_configuration"]]
    predictors = [v for block in config["blocks"] for v in block["variables"]]
    for competence in COMPETENCES:
        frame = cleaned.data[[competence, *predictors]].dropna().astype(float)
        x = np.column_stack([np.ones(len(frame)), frame[predictors].to_numpy()])
        y = frame[competence].to_numpy()
        b, *_ = np.linalg.lstsq(x, y, rcond=None)
        beta = b[1:] * frame[predictors].std(ddof=1).to_numpy() / y.std(ddof=1)
        best = int(np.argmax(np.abs(beta)))
        residual = y - x @ b
        df = len(y) - x.shape[1]
        se = np.sqrt(residual @ residual / df * np.linalg.inv(x.T @ x)[best + 1, best + 1])
        low, high = b[best + 1] + np.array([-1, 1]) * scipy_stats.t.ppf(0.975, df) * se
        claim = totaal[f"vragenlijst.sterkste.{competence}"]
        assert claim.statement.startswith(codebook.scales[predictors[best]].label + " voorspelt ")
        assert codebook.scales[competence].label.lower() in claim.statement
        assert f"β = {beta[best]:.2f}".replace(".", ",") in claim.numbers
        assert f"[{low:.2f}; {high:.2f}]".replace(".", ",") in claim.numbers
        assert claim.outcome == ("holds" if low > 0 or high < 0 else "undetermined")
        assert claim.n == str(len(frame))  # the totaal run publishes the model's exact n, as its table


def test_williams_comparison_by_hand_and_the_flip_to_social(cleaned, codebook, totaal):
    claim = totaal["vragenlijst.individueel_boven_sociaal"]
    shown = [float(t.replace(",", ".")) for t in re.findall(r"Williams' t = (-?\d+,\d+)", claim.numbers)]
    for competence, t_shown in zip(COMPETENCES, shown):
        r12, n12 = _rho(cleaned.data, competence, "informeel_individueel")
        r13, n13 = _rho(cleaned.data, competence, "informeel_sociaal")
        r23, n23 = _rho(cleaned.data, "informeel_individueel", "informeel_sociaal")
        n = min(n12, n13, n23)
        det = 1 - r12**2 - r13**2 - r23**2 + 2 * r12 * r13 * r23
        t = (r12 - r13) * math.sqrt(
            (n - 1) * (1 + r23) / (2 * (n - 1) / (n - 3) * det + ((r12 + r13) / 2) ** 2 * (1 - r23) ** 3)
        )
        assert t_shown == pytest.approx(t, abs=0.005)
    assert len(shown) == 3
    # individual informal learning that goes with all three competences, social that does not: holds ...
    rng = np.random.default_rng(7)
    data = cleaned.data.copy()
    competences = data[list(COMPETENCES)]
    signal = ((competences - competences.mean()) / competences.std()).mean(axis=1)
    data["informeel_individueel"] = signal + rng.normal(0, 0.3, len(data))
    data["informeel_sociaal"] = rng.normal(0, 1, len(data))
    assert _claims(data, codebook)["vragenlijst.individueel_boven_sociaal"].outcome == "holds"
    # ... and when individual learning correlates less than social, as in earlier research: does not hold
    data["informeel_individueel"], data["informeel_sociaal"] = data["informeel_sociaal"], data["informeel_individueel"]
    assert _claims(data, codebook)["vragenlijst.individueel_boven_sociaal"].outcome == "does not hold"


def test_reliability_names_the_scale_below_060_computed_by_hand(cleaned, codebook, totaal):
    below = []
    for scale in codebook.scales.values():
        items = cleaned.data[list(scale.scored_columns())].dropna()
        k = items.shape[1]
        if k < 2:
            continue
        alpha = k / (k - 1) * (1 - items.var(ddof=1).sum() / items.sum(axis=1).var(ddof=1))
        if alpha < 0.60:
            below.append(scale.label.lower())
    claim = totaal["vragenlijst.betrouwbaarheid"]
    assert below and claim.outcome == "does not hold"
    assert all(label in claim.numbers.split("onder 0,60: ")[1] for label in below)


def test_a_perceel_below_the_minimum_publishes_nothing(cleaned, codebook):
    claims = _claims(cleaned.data[cleaned.data["perceel"] == 3], codebook, "perceel-3")
    assert claims.pop("vragenlijst.eenmalige_meting").outcome == "holds"  # a design fact, no numbers about people
    assert len(claims) == 10
    for claim in claims.values():
        assert claim.outcome == "not publishable" and claim.numbers == "" and claim.n == ""
        assert "disclosure.min_group_size" in claim.reason


def test_between_the_group_and_the_model_minimum_names_the_model_rule(cleaned, codebook):
    claims = _claims(cleaned.data.head(7), codebook)
    assert claims["vragenlijst.klimaat_leren"].outcome == "not publishable"
    assert "disclosure.min_model_n" in claims["vragenlijst.klimaat_leren"].reason


def test_a_perceel_without_models_and_without_intervals(cleaned, codebook):
    claims = _claims(cleaned.data[cleaned.data["perceel"] == 2], codebook, "perceel-2")
    for competence in COMPETENCES:
        claim = claims[f"vragenlijst.sterkste.{competence}"]
        assert claim.outcome == "undetermined" and "statistics.min_cases_per_predictor" in claim.reason
    assert claims["vragenlijst.autonomie_competenties"].outcome == "undetermined"
    assert claims["vragenlijst.klimaat_tevredenheid"].outcome in ("holds", "does not hold", "undetermined")
    for claim in claims.values():
        # no interval of rho, no Williams' t: they would give back the exact number the chapter rounds
        assert "Williams' t =" not in claim.numbers and not re.search(r"ρ = -?[\d,]+ \[", claim.numbers)
        assert claim.n in ("", "30")  # 31 respondents, published rounded


def test_hidden_correlations_make_an_outcome_undetermined(cleaned, codebook):
    data = cleaned.data.copy()
    data.loc[data.index[8:], "jobtevredenheid"] = np.nan  # 8 pairs: the chapter hides these correlations
    claim = _claims(data, codebook)["vragenlijst.klimaat_tevredenheid"]
    assert claim.outcome == "undetermined" and "niet getoond" in claim.reason


def test_a_second_wave_ends_the_single_measurement(cleaned, codebook):
    """The claim follows the waves of all the data (column meting), not the first wave the chapter uses."""
    params = load_params("totaal")
    disclosure = Disclosure.from_params(params)
    data = cleaned.data.reset_index(drop=True)
    stats = run_statistics(data, codebook, params, disclosure)
    second = data.head(10).assign(meting="nameting")
    everyone = pd.concat([data.assign(meting="voormeting"), second], ignore_index=True)
    assert survey_waves(everyone, params) == ["voormeting", "nameting"]
    assert survey_waves(data.drop(columns=["meting"], errors="ignore"), params) == ["voormeting"]
    claims = survey_claims(stats, data, codebook, params, disclosure, "demo", waves=survey_waves(everyone, params))
    claim = next(c for c in claims if c.id == "vragenlijst.eenmalige_meting")
    assert claim.outcome == "does not hold" and "2 meetmomenten (voormeting, nameting)" in claim.numbers
    assert claim.data_status == "demo"
    one = next(c for c in survey_claims(stats, data, codebook, params, disclosure, "demo") if c.id == claim.id)
    assert one.outcome == "holds" and one.data_status == "published"
