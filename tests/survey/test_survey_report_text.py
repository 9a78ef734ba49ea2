"""The survey chapters as a reader meets them (issue 21): the coefficient figure, the overview of the
regressions, the correlation table's row labels, the percentage note, the median sentence and '×'."""

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from competentiecheck.core.paths import ROOT
from competentiecheck.privacy.disclosure import Disclosure
from competentiecheck.survey.figures import coefficient_panels
from competentiecheck.survey.publication import protected_sample
from competentiecheck.survey.regression import hierarchical_regression
from competentiecheck.survey.report_context import codebook_fragment, exclusion_reasons_fragment
from competentiecheck.survey.report_sample import percentage_sums, sample_fragments
from competentiecheck.survey.report_statistics import (
    CLIMATE,
    findings_fragments,
    reproduction_fragment,
    reproduction_tables,
    statistics_fragments,
)
from competentiecheck.survey.statistics import SurveyStatistics, run_statistics


@pytest.fixture(scope="module")
def totaal(cleaned, codebook, params):
    return run_statistics(cleaned.data, codebook, params, Disclosure.from_params(params))


@pytest.fixture(scope="module")
def fragments(totaal, cleaned, codebook, params):
    disclosure = Disclosure.from_params(params)
    pieces = statistics_fragments(
        totaal, codebook, params, disclosure, "figures/residuen.png", coefficient_figure="figures/coefficienten.png"
    )
    run = protected_sample(cleaned.data, cleaned.flow, cleaned.exclusions, codebook, disclosure)["totaal"]
    pieces.update(sample_fragments(params, disclosure, run, "figures/functies.png"))
    pieces["reproductie"] = reproduction_fragment(
        reproduction_tables(totaal, codebook), codebook, {"alpha": 0.05, "mean": 0.05, "rho": 0.10}
    )
    pieces["codeboek"] = codebook_fragment(codebook)
    pieces["exclusieredenen"] = exclusion_reasons_fragment(run.reasons, disclosure)
    return pieces


def _models():
    rng = np.random.default_rng(3)
    frame = pd.DataFrame(rng.normal(size=(80, 4)), columns=["a", "b", "c", "d"])
    frame["y1"] = 0.6 * frame["a"] + rng.normal(size=80)
    frame["y2"] = -0.5 * frame["d"] + rng.normal(size=80)
    frame["y3"] = rng.normal(size=80)
    return [hierarchical_regression(frame, y, [["a", "b"], ["c", "d"]]) for y in ("y1", "y2", "y3")]


def test_coefficient_panels_share_the_predictor_order_and_mark_significance():
    models = _models()
    predictors = ["a", "b", "c", "d"]
    names = ["Alfa", "Bèta", "Gamma", "Delta"]
    fig = coefficient_panels(models, {"y1": "Een", "y2": "Twee", "y3": "Drie"}, predictors, names, [2, 2])
    fig.canvas.draw()
    panels = [ax for ax in fig.axes if ax.get_title(loc="left")]
    assert [ax.get_title(loc="left") for ax in panels] == ["Een", "Twee", "Drie"]
    assert [t.get_text() for t in panels[0].get_yticklabels()] == names
    for ax, result in zip(panels, models):
        assert panels[0].get_shared_y_axes().joined(panels[0], ax)  # one y axis: the same rows in every panel
        final = result.coefficients[result.coefficients["step"] == 2].set_index("term")
        filled, hollow = ax.collections[1], ax.collections[2]
        # each predictor sits at its own row, in the order given; filled dots are exactly those with p < 0,05
        betas = dict(zip(filled.get_offsets()[:, 1].round().astype(int), filled.get_offsets()[:, 0]))
        betas.update(zip(hollow.get_offsets()[:, 1].round().astype(int), hollow.get_offsets()[:, 0]))
        assert [betas[i] for i in range(4)] == pytest.approx(final.loc[predictors, "beta"].tolist())
        significant = sorted(filled.get_offsets()[:, 1].round().astype(int))
        assert significant == [i for i, p in enumerate(predictors) if final.loc[p, "p_val"] < 0.05]
        ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
        assert ticks and all("." not in t for t in ticks) and any("," in t for t in ticks)
    assert panels[0].collections[1].get_offsets().shape[0] >= 1  # y1 depends on a
    plt.close(fig)


def test_the_overview_table_and_the_appendix_split(fragments):
    main = fragments["statistiek"]
    assert "@fig-coefficienten" in main and "{#tbl-regressie-overzicht}" in main
    assert "tbl-coef-" not in main and "tbl-stappen-" not in main and "fig-residuen" not in main
    assert "§6.3 van het eindverslag" in main and "zonder achtergrondkenmerken" in main
    assert main.count("gevallen per predictor") == 1  # the caution once, not per model
    appendix = fragments["regressie_bijlage"]
    assert appendix.count("{#tbl-coef-") == 5 and appendix.count("{#tbl-anova-") == 5
    assert "{#fig-residuen-methode" in appendix


def test_correlation_rows_carry_their_names(fragments, codebook):
    rows = [line for line in fragments["statistiek"].splitlines() if line.startswith("| ")]
    first = [r.split("|")[1].strip() for r in rows if re.match(r"^\d+\.\u00a0", r.split("|")[1].strip())]
    expected = [f"{i + 1}.\u00a0{codebook.scales[v].label}" for i, v in enumerate(codebook.tabel3_order)]
    assert all(e in first for e in expected)


def test_percentage_sums_and_note():
    frame = pd.DataFrame(
        {
            "Kenmerk": ["Grootte", "", "", "", "", "Contract", ""],
            "Categorie": ["a", "b", "c", "d", "e", "f", "g"],
            "n": [10, 35, 30, 20, 5, 90, "< 5"],
            # 10/95, 35/95, 30/95, 20/95, 5/95 rounded: 11 + 37 + 32 + 21 + 5 = 106
            "%": ["11 %", "37 %", "32 %", "21 %", "5 %", "95 %", "–"],
        }
    )
    assert percentage_sums(frame) == {"Grootte": (106, True), "Contract": (95, False)}
    from competentiecheck.survey.report_sample import _sum_note

    note = _sum_note(frame)
    assert "grootte 106 %" in note and "contract" not in note
    assert _sum_note(frame.iloc[5:]) == ""


def test_the_sample_tables_note_every_sum_that_is_not_100(fragments):
    text = fragments["steekproef"]
    tables = re.findall(r"((?:\| .*\n)+)\n: [^\n]*\n\n::: \{\.bron\}\n([^\n]*)", text)
    assert tables
    for rows, note in tables:
        header = [c.strip() for c in rows.strip().splitlines()[0].split("|")[1:-1]]
        if header != ["Kenmerk", "Categorie", "n", "%"]:
            continue
        lines = [line.split("|")[1:-1] for line in rows.strip().splitlines()[2:]]
        frame = pd.DataFrame([[c.strip() for c in line] for line in lines], columns=["Kenmerk", "Categorie", "n", "%"])
        for name, (total, complete) in percentage_sums(frame).items():
            if total > 101 or (complete and total < 99):
                assert f"{name.lower()} {total} %" in note


def _fake_correlations(outcome_rhos: dict[str, list[float]], outcome_ps: dict[str, list[float]]) -> pd.DataFrame:
    rows = []
    for outcome, rhos in outcome_rhos.items():
        for climate, rho, p in zip(CLIMATE, rhos, outcome_ps[outcome]):
            rows.append({"var_x": climate, "var_y": outcome, "rho": rho, "p_val": p, "p_adj": np.nan})
    return pd.DataFrame(rows)


def test_the_median_sentence_says_which_median_it_is():
    sat = [0.10, 0.45, 0.30, 0.20, 0.50, 0.05]
    ret = [-0.40, -0.35, -0.30, -0.05, -0.25, 0.02]
    corr = _fake_correlations(
        {"jobtevredenheid": sat, "intentie_retentie": ret},
        {
            "jobtevredenheid": [0.3, 0.001, 0.01, 0.04, 0.001, 0.6],
            "intentie_retentie": [0.001, 0.002, 0.01, 0.5, 0.02, 0.8],
        },
    )
    stats = SurveyStatistics(n=100, correlations=corr)
    sentence = findings_fragments(stats, {})["bevinding_klimaat"]
    # by hand: median of the six satisfaction rhos (0.20 + 0.30) / 2 = 0.25; of the six retention rhos
    # (-0.30 + -0.25) / 2 = -0.275 -> -0,28; four significant positive, four significant negative
    assert "vier significant positief" in sentence and "vier significant negatief" in sentence
    assert "mediane ρ over alle zes condities: 0,25 met jobtevredenheid, -0,28 met de intentie" in sentence
    # the median of the four significant ones (0,375) would be a different number
    assert "0,38" not in sentence and "0,37" not in sentence


HIDDEN_CELL = re.compile(r"^\s*×\s*$")


def test_the_cross_means_a_hidden_count_and_nothing_else(fragments):
    texts = dict(fragments)
    for name in (
        "_vragenlijst",
        "_statistiek",
        "_bijlage_anova",
        "_bijlage_items",
        "_bijlage_codeboek",
        "_bijlage_exclusies",
    ):
        texts[name] = (ROOT / "report" / f"{name}.qmd").read_text(encoding="utf-8")
    for name, text in texts.items():
        for line in text.splitlines():
            if "×" not in line:
                continue
            if line.startswith("| "):
                assert all(HIDDEN_CELL.match(c) for c in line.split("|")[1:-1] if "×" in c), (name, line)
            else:  # prose and notes: only where the sign is defined, quoted
                assert line.replace("'×'", "").count("×") == 0, (name, line)


def test_a_perceel_shows_the_programme_beside_its_own(cleaned, codebook):
    from competentiecheck.core.params import load_params

    params = load_params("perceel-4")
    disclosure = Disclosure.from_params(params)
    runs = protected_sample(cleaned.data, cleaned.flow, cleaned.exclusions, codebook, disclosure)
    pieces = sample_fragments(params, disclosure, runs["perceel-4"], "figures/functies.png", runs["totaal"])
    assert "| % programma |" in pieces["steekproef"]
    whole = runs["totaal"].tables["functiegroep"].set_index("categorie").loc["Leidinggevend", "procent"]
    assert f"in het hele programma {round(whole)} %" in pieces["vragenlijst_opening"]
