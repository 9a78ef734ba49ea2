"""The statistics step per run: what is computed, what is withheld, and the reproduction tables."""

import pytest

from competentiecheck.privacy.disclosure import Disclosure
from competentiecheck.survey.report_statistics import reproduction_tables, statistics_fragments
from competentiecheck.survey.statistics import run_statistics, scale_maximum


@pytest.fixture(scope="module")
def totaal(cleaned, codebook, params):
    return run_statistics(cleaned.data, codebook, params, Disclosure.from_params(params))


def test_totaal_has_every_part(totaal, params):
    assert totaal.reliability_scales is not None and len(totaal.reliability_scales) == 15
    assert len(totaal.correlations) == 105
    expected = len(params["statistics"]["dependents"]) * len(params["statistics"]["configurations"])
    assert len(totaal.models) == expected
    assert all(m.result is not None for m in totaal.models)
    # 95 respondents and 13 predictors: estimated, with the caution below 10 cases per predictor
    assert all(m.caution for m in totaal.models if m.configuration == "methode")


def test_group_below_minimum_gets_a_message_and_no_numbers(cleaned, codebook, params):
    small = cleaned.data[cleaned.data["perceel"] == 3]
    stats = run_statistics(small, codebook, params, Disclosure.from_params(params))
    assert stats.descriptives is None and stats.correlations is None and not stats.models
    fragments = statistics_fragments(stats, codebook, params, Disclosure.from_params(params), None)
    text = "".join(fragments.values())
    assert "Te weinig respondenten" in text
    from competentiecheck.core.tables import MELDING_TYPST

    prose = text.replace(MELDING_TYPST, "").replace("minder dan 5", "")  # the note box's own colour codes
    assert not any(ch.isdigit() for ch in prose)


def test_between_group_and_model_minimum_only_means(cleaned, codebook, params):
    data = cleaned.data.head(7)
    stats = run_statistics(data, codebook, params, Disclosure.from_params(params))
    assert stats.descriptives is not None and stats.correlations is None and not stats.models
    assert "minstens 10" in stats.messages["correlaties"]


def test_too_few_cases_per_predictor_means_no_coefficients(cleaned, codebook, params):
    data = cleaned.data[cleaned.data["perceel"] == 2]  # 31 respondents, 10 or 13 predictors
    stats = run_statistics(data, codebook, params, Disclosure.from_params(params))
    assert stats.correlations is not None
    assert all(m.result is None and "Geen model" in m.reason for m in stats.models)


def test_scale_maximum_for_mixed_items(codebook):
    assert scale_maximum(codebook, "informeel_reflectie") == pytest.approx((3 * 7 + 4 * 5) / 7)
    assert scale_maximum(codebook, "jobtevredenheid") == 10


def test_reproduction_tables_within_tolerance(totaal, codebook):
    tables = reproduction_tables(totaal, codebook)
    assert tables["tabel2"]["difference"].abs().max() <= 0.05
    means = tables["tabel3_beschrijvend"]
    assert means.loc[means["statistic"] == "gemiddelde", "difference"].abs().max() <= 0.05
    assert tables["tabel3_spearman"]["difference"].abs().max() <= 0.10
    regression = tables["tabel4_6"]
    assert len(regression) == 54 and regression["b_reproduced"].notna().all()
    # the shifted t column of Tabel 5 is visible: printed t differs from B / SE on those rows
    shifted = regression[
        (regression["table"] == "Tabel 5") & (regression["term"] == "kennisdeling") & (regression["model"] == 2)
    ]
    assert abs(shifted["t_published"].iloc[0] - shifted["t_from_printed_b_se"].iloc[0]) > 0.5
