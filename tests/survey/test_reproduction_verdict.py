"""The reproduction appendix: the verdict per printed cell, the conclusions that change, the map.

Values are checked against hand computations and against an independent method (rounding the reproduced
value to the printed decimals), never against the module's own output.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from competentiecheck.core.paths import PUBLISHED
from competentiecheck.privacy.disclosure import Disclosure
from competentiecheck.survey.regression import CONSTANT
from competentiecheck.survey.report_statistics import (
    PUBLISHED_CONFIGURATION,
    reproduction_fragment,
    reproduction_tables,
)
from competentiecheck.survey.reproduction import (
    SOURCE_MAP,
    cell_verdicts,
    correlation_significance_changes,
    equal_within_rounding,
    significance_conclusions,
)
from competentiecheck.survey.statistics import run_statistics

TOLERANCES = {"alpha": 0.05, "mean": 0.05, "rho": 0.10}


@pytest.fixture(scope="module")
def stats(cleaned, codebook, params):
    return run_statistics(cleaned.data, codebook, params, Disclosure.from_params(params))


@pytest.fixture(scope="module")
def tables(stats, codebook):
    return reproduction_tables(stats, codebook)


# --------------------------------------------------------------------------- the rule


@pytest.mark.parametrize(
    ("published", "reproduced", "decimals", "equal"),
    [
        (0.77, 0.7749, 2, True),  # rounds to .77
        (0.77, 0.7751, 2, False),  # rounds to .78
        (0.77, 0.765, 2, True),  # on the boundary: still within half a unit
        (0.77, 0.77 + 0.005, 2, True),  # the same boundary with floating-point noise (0.775000…04)
        (0.77, 0.7649, 2, False),
        (0.0, 0.0004, 3, True),  # a printed .000 is any p below .0005
        (0.0, 0.0006, 3, False),
        (-0.067, -0.0674, 3, True),
        (-0.067, -0.0676, 3, False),
    ],
)
def test_equal_within_the_printed_rounding(published, reproduced, decimals, equal):
    assert equal_within_rounding(published, reproduced, decimals) is equal


def _small_tables(p_kennisdeling: float) -> dict[str, pd.DataFrame]:
    """Two scales, one pair, one model with a constant, a predictor and a t printed as '-'."""
    regression = pd.DataFrame(
        {
            "table": ["Tabel 6"] * 3,
            "dependent": ["persoonlijke_flexibiliteit"] * 3,
            "model": [2, 2, 2],
            "term": [CONSTANT, "kennisdeling", "ondersteuning"],
            "b_published": [2.96, 0.21, -0.188],
            "b_reproduced": [2.9604, 0.2999, -0.1884],
            "se_published": [0.638, 0.139, 0.123],
            "se_reproduced": [0.6384, 0.139, 0.1236],
            "beta_published": [np.nan, 0.203, -0.211],
            "beta_reproduced": [np.nan, 0.279, -0.211],
            "sig_published": [0.0, 0.133, 0.13],
            "p_reproduced": [0.0001, p_kennisdeling, 0.104],
            "t_published": [4.638, 1.518, np.nan],
            "t_reproduced": [4.6379, 2.15, -1.53],
        }
    )
    return {
        "tabel2": pd.DataFrame({"scale": ["a", "b"], "published": [0.77, 0.85], "reproduced": [0.7702, 0.8639]}),
        "tabel3_beschrijvend": pd.DataFrame(
            {
                "scale": ["a", "a"],
                "statistic": ["gemiddelde", "sd"],
                "published": [1.98, 0.69],
                "reproduced": [2.0, 0.6904],
            }
        ),
        "tabel3_spearman": pd.DataFrame({"var_x": ["b"], "var_y": ["a"], "published": [0.05], "reproduced": [0.0549]}),
        "tabel4_6": regression,
    }


def test_cell_verdicts_by_hand():
    cells = cell_verdicts(_small_tables(0.037)).set_index(["table", "statistic", "cell"])
    # α: .7702 equal, .8639 not; mean 2.00 against 1.98 not, SD .6904 equal; ρ .0549 equal
    assert cells.loc[("Tabel 2", "alpha", "a"), "equal"] and not cells.loc[("Tabel 2", "alpha", "b"), "equal"]
    assert not cells.loc[("Tabel 3", "mean", "a"), "equal"] and cells.loc[("Tabel 3", "sd", "a"), "equal"]
    assert cells.loc[("Tabel 3", "rho", "b × a"), "equal"]
    # the constant: B, SE, t and Sig. equal (p .0001 against .000), no β printed
    constant = f"model 2, {CONSTANT}"
    assert ("Tabel 6", "beta", constant) not in cells.index
    assert all(cells.loc[("Tabel 6", s, constant), "equal"] for s in ("b", "se", "t", "sig"))
    # kennisdeling: only SE equal; ondersteuning: B, β equal, SE .1236 and Sig. .104 not, t printed as '-'
    row = "model 2, kennisdeling"
    assert [s for s in ("b", "se", "beta", "t", "sig") if cells.loc[("Tabel 6", s, row), "equal"]] == ["se"]
    row = "model 2, ondersteuning"
    assert [s for s in ("b", "se", "beta", "sig") if cells.loc[("Tabel 6", s, row), "equal"]] == ["b", "beta"]
    assert not cells.loc[("Tabel 6", "t", row), "comparable"]
    # 2 + 2 + 1 + 4 + 5 + 4 comparable cells, of which 1 + 1 + 1 + 4 + 1 + 2 equal
    assert cells["comparable"].sum() == 18 and cells["equal"].sum() == 10


def test_a_conclusion_changes_only_when_the_significant_set_changes():
    changed = significance_conclusions(_small_tables(0.037)["tabel4_6"], 0.05).iloc[0]
    assert changed["published"] == [] and changed["reproduced"] == ["kennisdeling"] and not changed["same"]
    kept = significance_conclusions(_small_tables(0.2)["tabel4_6"], 0.05).iloc[0]
    assert kept["published"] == kept["reproduced"] == [] and kept["same"]
    # at .01 the same p of .037 changes nothing
    assert significance_conclusions(_small_tables(0.037)["tabel4_6"], 0.01).iloc[0]["same"]


def test_correlation_significance_flips():
    spearman = pd.DataFrame(
        {
            "var_x": ["b", "c", "d"],
            "var_y": ["a", "a", "a"],
            "published_stars": ["*", "", "**"],
            "p_reproduced": [0.07, 0.2, 0.003],
        }
    )
    flips = correlation_significance_changes(spearman)
    assert flips["var_x"].tolist() == ["b"]
    assert bool(flips["published_significant"].iloc[0]) and not bool(flips["reproduced_significant"].iloc[0])


# --------------------------------------------------------------------------- on the demo data


def test_demo_verdict_count_by_an_independent_method(tables):
    """Round the reproduced value to the printed decimals and compare: the same count as the rule."""
    cells = tables["cellen"]
    comparable = cells[cells["comparable"]]
    rounded = [
        np.isclose(round(r.reproduced, r.decimals), r.published, atol=1e-12, rtol=0) for r in comparable.itertuples()
    ]
    assert comparable["equal"].tolist() == rounded
    # every printed number is a cell: 14 α, 15 means, 15 SDs, 105 ρ; per row of Tabel 4-6 B, SE, Sig. and t
    # (3 printed as '-'), β except for the 6 constants
    regression = pd.read_csv(PUBLISHED / "tabel4_6_regressie.csv")
    expected = (
        14 + 15 + 15 + 105 + 3 * len(regression) + regression["t"].notna().sum() + regression["beta"].notna().sum()
    )
    assert len(comparable) == expected and (~cells["comparable"]).sum() == regression["t"].isna().sum() == 3


def test_demo_tabel6_conclusion_changes_at_05_not_at_01(stats, tables):
    regression = pd.read_csv(PUBLISHED / "tabel4_6_regressie.csv")
    printed = regression[(regression["table"] == "Tabel 6") & (regression["term"] != CONSTANT)]
    assert (printed["sig"] >= 0.05).all()  # the evaluation report: no significant predictor for flexibility
    model = next(
        m
        for m in stats.models
        if m.configuration == PUBLISHED_CONFIGURATION and m.dependent == "persoonlijke_flexibiliteit"
    )
    coefficients = model.result.coefficients
    final = coefficients[(coefficients["step"] == 2) & (coefficients["term"] != CONSTANT)]
    expected = set(final.loc[final["p_val"] < 0.05, "term"])
    assert expected == {"kennisdeling", "autonomie"} and (final["p_val"] >= 0.01).all()
    at_05 = significance_conclusions(tables["tabel4_6"], 0.05).set_index(["table", "model"])
    assert set(at_05.loc[("Tabel 6", 2), "reproduced"]) == expected and not at_05.loc[("Tabel 6", 2), "same"]
    assert at_05.drop(index=("Tabel 6", 2))["same"].all()
    assert significance_conclusions(tables["tabel4_6"], 0.01)["same"].all()


def test_fragment_on_demo_data(tables, codebook):
    text = reproduction_fragment(tables, codebook, TOLERANCES, demo=True)
    cells = tables["cellen"]
    assert f"**{int(cells['equal'].sum())} van de {int(cells['comparable'].sum())} gepubliceerde cellen" in text
    assert "synthetisch" in text.lower() and "te verwachten" in text
    assert "controle" in text  # and what it becomes with the real exports
    # the changed conclusion is named, with the predictors the reproduction finds
    assert "**De reproductie verandert een conclusie van het eindverslag.**" in text
    sentence = text.split("**De reproductie verandert een conclusie van het eindverslag.**")[1].split("\n")[0]
    assert "Tabel 6 van het eindverslag" in sentence and "kennisdeling" in sentence
    assert "individuele verantwoordelijkheid en autonomie" in sentence
    assert "(p < 0,01) blijven alle conclusies gelijk" in sentence
    assert "demonstratiegegevens" in sentence


def test_fragment_on_real_data_calls_it_a_check(tables, codebook):
    text = reproduction_fragment(tables, codebook, TOLERANCES, demo=False)
    assert "**Echte gegevens.**" in text and "controle" in text
    assert "synthetisch" not in text.lower()
    assert "verklaard worden" in text


def test_fragment_without_a_changed_conclusion(tables, codebook):
    """Make the reproduced p's of Tabel 6 agree with the printed ones: the appendix says nothing changes."""
    agreeing = {k: v.copy() for k, v in tables.items()}
    t46 = agreeing["tabel4_6"]
    t46["p_reproduced"] = t46["sig_published"]
    text = reproduction_fragment(agreeing, codebook, TOLERANCES, demo=True)
    assert "verandert de reproductie geen enkele conclusie" in text
    assert "verandert een conclusie" not in text


def test_the_map_covers_every_table_figure_and_appendix_of_the_evaluation_report(tables, codebook):
    listed = {(kind, number) for kind, number, *_ in SOURCE_MAP}
    expected = (
        {("Tabel", n) for n in range(1, 10)}
        | {("Figuur", n) for n in range(1, 7)}
        | {("Bijlage", n) for n in range(1, 10)}
    )
    assert listed == expected
    text = reproduction_fragment(tables, codebook, TOLERANCES, demo=True)
    table = text.split("{#tbl-repro-kaart}")[0].rsplit("| Eindverslag |", 1)[1]
    for kind, number, _, here, _ in SOURCE_MAP:
        assert f"| {kind} {number} |" in table
        # a place here is a cross-reference or a lettered appendix, never a bare number
        assert here == "–" or re.fullmatch(
            r"(?:(?:@(?:tbl|fig|sec)-[\w-]+|\[Bijlage [A-Z]\]\(#sec-[\w-]+\))[,;]? ?)+", here
        )


def test_perceel_runs_point_to_the_programme_report(codebook):
    text = reproduction_fragment(None, codebook, TOLERANCES)
    assert "totaal programma" in text and "cellen" not in text
