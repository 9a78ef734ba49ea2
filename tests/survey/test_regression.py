"""Hierarchical regression against certified and independently computed values."""

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from statsmodels.datasets import longley
from statsmodels.stats.outliers_influence import variance_inflation_factor

from competentiecheck.survey.regression import CONSTANT, hierarchical_regression

# NIST StRD certified values for the Longley data (linear least squares, "higher difficulty").
NIST_B = {
    CONSTANT: -3482258.63459582,
    "GNPDEFL": 15.0618722713733,
    "GNP": -0.358191792925910e-01,
    "UNEMP": -2.02022980381683,
    "ARMED": -1.03322686717359,
    "POP": -0.511041056535807e-01,
    "YEAR": 1829.15146461355,
}
NIST_SE = {
    CONSTANT: 890420.383607373,
    "GNPDEFL": 84.9149257747669,
    "GNP": 0.334910077722432e-01,
    "UNEMP": 0.488399681651699,
    "ARMED": 0.214274163161675,
    "POP": 0.226073200069370,
    "YEAR": 455.478499142212,
}
NIST_R2 = 0.995479004577296


@pytest.fixture(scope="module")
def data():
    return longley.load_pandas().data


def test_final_step_matches_nist_certified_values(data):
    result = hierarchical_regression(data, "TOTEMP", [["GNPDEFL", "GNP", "UNEMP"], ["ARMED", "POP", "YEAR"]])
    final = result.coefficients[result.coefficients["step"] == 2].set_index("term")
    for term, value in NIST_B.items():
        assert final.loc[term, "b"] == pytest.approx(value, rel=1e-6)
        assert final.loc[term, "se"] == pytest.approx(NIST_SE[term], rel=1e-6)
    assert result.steps["r2"].iloc[-1] == pytest.approx(NIST_R2, rel=1e-9)


def test_r2_change_and_f_change_against_nested_f_test(data):
    blocks = [["GNPDEFL", "GNP", "UNEMP"], ["ARMED", "POP", "YEAR"]]
    result = hierarchical_regression(data, "TOTEMP", blocks)
    small = sm.OLS(data["TOTEMP"], sm.add_constant(data[blocks[0]])).fit()
    full = sm.OLS(data["TOTEMP"], sm.add_constant(data[blocks[0] + blocks[1]])).fit()
    f, p, df = full.compare_f_test(small)
    step2 = result.steps.iloc[1]
    assert step2["r2_change"] == pytest.approx(full.rsquared - small.rsquared, abs=1e-12)
    assert step2["f_change"] == pytest.approx(f, rel=1e-9)
    assert step2["p_change"] == pytest.approx(p, rel=1e-6)
    assert (step2["df1"], step2["df2"]) == (3, 16 - 6 - 1)
    # step 1 is tested against the empty model: its F change is the model F
    assert result.steps.iloc[0]["f_change"] == pytest.approx(small.fvalue, rel=1e-9)


def test_beta_equals_slope_on_z_scores(data):
    cols = ["GNPDEFL", "UNEMP", "ARMED"]
    result = hierarchical_regression(data, "TOTEMP", [cols])
    z = (data - data.mean()) / data.std(ddof=1)
    slopes, *_ = np.linalg.lstsq(np.column_stack([np.ones(len(z)), z[cols]]), z["TOTEMP"], rcond=None)
    betas = result.coefficients.set_index("term").loc[cols, "beta"].to_numpy()
    assert betas == pytest.approx(slopes[1:], abs=1e-10)


def test_vif_against_statsmodels(data):
    cols = ["GNPDEFL", "UNEMP", "ARMED", "POP"]
    result = hierarchical_regression(data, "TOTEMP", [cols])
    exog = sm.add_constant(data[cols]).to_numpy()
    expected = [variance_inflation_factor(exog, j) for j in range(1, exog.shape[1])]
    assert result.coefficients.set_index("term").loc[cols, "vif"].to_numpy() == pytest.approx(expected, rel=1e-8)


def test_listwise_deletion_over_the_final_model(data):
    frame = data.copy()
    frame.loc[[0, 3], "ARMED"] = np.nan
    frame.loc[5, "TOTEMP"] = np.nan
    result = hierarchical_regression(frame, "TOTEMP", [["GNPDEFL"], ["ARMED"]])
    assert (result.n_total, result.n_used, result.n_dropped) == (16, 13, 3)
    assert (result.steps["n"] == 13).all()


def test_bad_specifications_are_refused(data):
    with pytest.raises(ValueError, match="meer dan één blok"):
        hierarchical_regression(data, "TOTEMP", [["GNP"], ["GNP"]])
    with pytest.raises(ValueError, match="afhankelijke"):
        hierarchical_regression(data, "TOTEMP", [["TOTEMP"]])
    with pytest.raises(ValueError, match="ontbreken"):
        hierarchical_regression(data, "TOTEMP", [["nope"]])
    with pytest.raises(ValueError, match="te weinig"):
        hierarchical_regression(data.head(4), "TOTEMP", [["GNP", "POP", "YEAR"]])


def test_binned_residuals_average_over_groups_never_one_person():
    from competentiecheck.survey.regression import binned_residuals

    fitted = np.array([3.0, 1.0, 2.0, 12.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0])
    residuals = np.array([0.3, 0.1, 0.2, 1.2, 0.4, 0.5, -0.6, -0.7, -0.8, -0.9, -1.0, -1.1])
    bins = binned_residuals(fitted, residuals, min_per_bin=5)
    assert bins["n"].tolist() == [6, 6]  # 12 // 5 = 2 groups of equal size
    # by hand: fitted 1-6 -> residuals .1 .2 .3 .4 .5 -.6; fitted 7-12 -> -.7 -.8 -.9 -1 -1.1 1.2
    assert bins["fitted_mean"].tolist() == pytest.approx([3.5, 9.5])
    assert bins["residual_mean"].tolist() == pytest.approx([0.9 / 6, -3.3 / 6])
    first = np.array([0.1, 0.2, 0.3, 0.4, 0.5, -0.6])
    assert bins["residual_se"][0] == pytest.approx(first.std(ddof=1) / np.sqrt(6))
    assert binned_residuals(fitted[:4], residuals[:4], min_per_bin=5).empty


# y on x1 = 1..6 with x3 = 2·x1 + 1: what R's lm(y ~ x1 + x3) prints, worked out by hand.
# R: "Coefficients: (1 not defined because of singularities)", x3 NA; the rest is the simple
# regression of y on x1: Sxx = 17.5, Sxy = 13.5, B = 13.5 / 17.5 = 0.771428…, constant 4.5 - 3.5 B = 1.8;
# SS_total = 13.5, SS_regression = 13.5² / 17.5 = 10.414285…, SS_residual = 3.085714…, df 1 and 4,
# "Residual standard error: 0.8783 on 4 degrees of freedom", "F-statistic: 13.5 on 1 and 4 DF".
ALIASED = pd.DataFrame({"y": [2.0, 4, 5, 4, 5, 7], "x1": [1.0, 2, 3, 4, 5, 6]}).assign(x3=lambda d: 2 * d.x1 + 1)


def test_a_shifted_multiple_of_a_predictor_is_not_estimable_and_df_come_from_the_rank():
    result = hierarchical_regression(ALIASED, "y", [["x1", "x3"]])
    coef = result.coefficients.set_index("term")
    assert coef.loc["x1", "b"] == pytest.approx(13.5 / 17.5, abs=1e-12)
    assert coef.loc[CONSTANT, "b"] == pytest.approx(1.8, abs=1e-12)
    assert (
        np.isnan(coef.loc["x3", "b"])
        and coef.loc["x3", "tolerance"] == 0
        and "niet schatbaar" in coef.loc["x3", "note"]
    )
    step = result.steps.iloc[0]
    assert (step["rank"], step["df_regression"], step["df_residual"]) == (2, 1, 4)
    assert step["ss_total"] == pytest.approx(13.5, abs=1e-10)
    assert step["ss_regression"] == pytest.approx(13.5**2 / 17.5, abs=1e-10)
    assert step["ss_residual"] == pytest.approx(13.5 - 13.5**2 / 17.5, abs=1e-10)
    assert step["f"] == pytest.approx(13.5, abs=1e-9) and step["f_change"] == pytest.approx(13.5, abs=1e-9)
    assert step["sigma"] == pytest.approx(np.sqrt((13.5 - 13.5**2 / 17.5) / 4), abs=1e-12)
    assert round(step["sigma"], 4) == 0.8783
    assert step["r"] == pytest.approx(np.sqrt(13.5**2 / 17.5 / 13.5), abs=1e-12)
    assert "x3" in step["note"] and "rang" in step["note"]


def test_a_block_of_only_aliased_predictors_has_no_f_change():
    result = hierarchical_regression(ALIASED, "y", [["x1"], ["x3"]])
    second = result.steps.iloc[1]
    assert second["df1"] == 0 and np.isnan(second["f_change"]) and np.isnan(second["p_change"])
    assert second["df_residual"] == 4 and second["r2_change"] == pytest.approx(0, abs=1e-12)
    assert "geen F-verandering" in second["note"]


def test_anova_columns_on_longley_match_statsmodels():
    data = longley.load_pandas().data
    predictors = ["GNPDEFL", "GNP", "UNEMP", "ARMED", "POP", "YEAR"]
    fit = sm.OLS(data["TOTEMP"], sm.add_constant(data[predictors])).fit()
    step = hierarchical_regression(data, "TOTEMP", [predictors]).steps.iloc[0]
    assert step["ss_residual"] == pytest.approx(fit.ssr, rel=1e-9)
    assert step["ss_regression"] == pytest.approx(fit.ess, rel=1e-9)
    assert step["ms_residual"] == pytest.approx(fit.mse_resid, rel=1e-9)
    assert step["ms_regression"] == pytest.approx(fit.mse_model, rel=1e-9)
    assert (step["df_regression"], step["df_residual"]) == (6, 9)
    assert step["f"] == pytest.approx(fit.fvalue, rel=1e-9) and step["p_f"] == pytest.approx(fit.f_pvalue, rel=1e-6)
    assert step["sigma"] == pytest.approx(np.sqrt(fit.scale), rel=1e-9) and step["r"] == pytest.approx(
        np.sqrt(fit.rsquared)
    )


# --------------------------------------------------------------------------- issue 25: gaps a mutation test found


@pytest.mark.parametrize("level", [0.95, 0.90])
def test_adjusted_r2_and_the_interval_of_b_against_statsmodels(level):
    data = longley.load_pandas().data
    blocks = [["GNPDEFL", "UNEMP"], ["ARMED", "POP"]]
    result = hierarchical_regression(data, "TOTEMP", blocks, level=level)
    for step, predictors in enumerate([blocks[0], blocks[0] + blocks[1]], start=1):
        fit = sm.OLS(data["TOTEMP"], sm.add_constant(data[predictors])).fit()
        row = result.steps[result.steps["step"] == step].iloc[0]
        assert row["adj_r2"] == pytest.approx(fit.rsquared_adj, rel=1e-9)
        # by hand as well: 1 - (1 - R²)(n - 1)/(n - k - 1), n = 16
        k = len(predictors)
        assert row["adj_r2"] == pytest.approx(1 - (1 - fit.rsquared) * 15 / (16 - k - 1), rel=1e-9)
        intervals = fit.conf_int(alpha=1 - level)
        coef = result.coefficients[result.coefficients["step"] == step].set_index("term")
        for term, name in [(CONSTANT, "const"), *[(p, p) for p in predictors]]:
            assert coef.loc[term, "ci_low"] == pytest.approx(intervals.loc[name, 0], rel=1e-9)
            assert coef.loc[term, "ci_high"] == pytest.approx(intervals.loc[name, 1], rel=1e-9)
            assert coef.loc[term, "ci_low"] < coef.loc[term, "b"] < coef.loc[term, "ci_high"]
            assert coef.loc[term, "t"] == pytest.approx(fit.tvalues[name], rel=1e-9)
            assert coef.loc[term, "p_val"] == pytest.approx(fit.pvalues[name], rel=1e-6)


def test_every_step_carries_its_own_numbers():
    data = longley.load_pandas().data
    result = hierarchical_regression(data, "TOTEMP", [["GNPDEFL"], ["UNEMP", "ARMED"]], block_names=["A", "B"])
    steps = result.steps.set_index("step")
    assert steps["block"].tolist() == ["A", "B"] and steps["k"].tolist() == [1, 3] and steps["rank"].tolist() == [2, 4]
    assert steps["df1"].tolist() == [1, 2] and steps["df2"].tolist() == [14, 12] and steps["n"].tolist() == [16, 16]
    small = sm.OLS(data["TOTEMP"], sm.add_constant(data[["GNPDEFL"]])).fit()
    full = sm.OLS(data["TOTEMP"], sm.add_constant(data[["GNPDEFL", "UNEMP", "ARMED"]])).fit()
    assert steps.loc[1, "r2_change"] == pytest.approx(small.rsquared, rel=1e-12)  # against the empty model
    assert steps.loc[2, "r2"] == pytest.approx(full.rsquared, rel=1e-12)
    assert steps.loc[2, "ss_total"] == pytest.approx(full.centered_tss, rel=1e-12)
    assert steps.loc[1, "p_change"] == pytest.approx(small.f_pvalue, rel=1e-6)
    assert steps["note"].tolist() == ["", ""]
    coef = result.coefficients
    assert coef["term"].tolist() == [CONSTANT, "GNPDEFL", CONSTANT, "GNPDEFL", "UNEMP", "ARMED"]
    assert coef["step"].tolist() == [1, 1, 2, 2, 2, 2]
    constant = coef.iloc[0]
    assert np.isnan(constant["beta"]) and np.isnan(constant["vif"]) and np.isnan(constant["tolerance"])
    assert constant["se"] == pytest.approx(small.bse["const"], rel=1e-9)
    assert coef.iloc[1]["vif"] == 1.0 and coef.iloc[1]["tolerance"] == 1.0  # one predictor: nothing to share
    last = coef.iloc[5]
    assert last["tolerance"] == pytest.approx(1 / last["vif"]) and last["note"] == ""
    # residuals and fitted values of the final step, on the analysis sample's index
    pd.testing.assert_series_equal(result.fitted, pd.Series(full.fittedvalues.to_numpy(), index=data.index))
    assert result.residuals.to_numpy() == pytest.approx(full.resid.to_numpy())
    assert result.dependent == "TOTEMP"


def test_an_all_zero_predictor_is_not_estimable():
    # a column of zeros has no information: as R's lm, NA ("not defined because of singularities"); the rest
    # is the simple regression of y on x1 worked out above (B = 13.5 / 17.5, constant 1.8)
    data = ALIASED[["y", "x1"]].assign(zero=0.0)
    for blocks in ([["x1", "zero"]], [["zero", "x1"]]):
        result = hierarchical_regression(data, "y", blocks)
        coef = result.coefficients.set_index("term")
        assert np.isnan(coef.loc["zero", "b"]) and "niet schatbaar" in coef.loc["zero", "note"]
        assert coef.loc["zero", "tolerance"] == 0 and np.isinf(coef.loc["zero", "vif"])
        assert coef.loc["x1", "b"] == pytest.approx(13.5 / 17.5, abs=1e-12)
        step = result.steps.iloc[0]
        assert (step["rank"], step["df_regression"], step["df_residual"]) == (2, 1, 4)
        assert "zero" in step["note"]


def test_bad_blocks_are_refused_and_a_perfect_fit_is_said():
    with pytest.raises(ValueError, match="te weinig volledige gevallen \\(3\\) voor 2 predictoren"):
        hierarchical_regression(ALIASED.head(3), "y", [["x1"], ["x3"]])
    with pytest.raises(ValueError, match="geef één naam per blok"):
        hierarchical_regression(ALIASED, "y", [["x1"]], block_names=["A", "B"])
    with pytest.raises(ValueError, match="elk blok moet minstens één predictor"):
        hierarchical_regression(ALIASED, "y", [["x1"], []])
    perfect = ALIASED.assign(y=lambda d: 3 * d.x1 + 1)
    step = hierarchical_regression(perfect, "y", [["x1"]]).steps.iloc[0]
    assert np.isinf(step["f_change"]) and step["p_change"] == 0.0 and "perfecte fit" in step["note"]
    assert step["r2"] == pytest.approx(1.0) and step["r"] == pytest.approx(1.0)


def test_notes_names_and_refusals_word_for_word():
    result = hierarchical_regression(ALIASED, "y", [["x1"], ["x3"]])
    assert result.steps["block"].tolist() == ["Blok 1", "Blok 2"]
    second = result.steps.iloc[1]
    assert second["note"] == (
        "niet schatbaar (lineair afhankelijk van eerdere termen): x3; vrijheidsgraden uit de rang (2); "
        "dit blok voegt geen schatbare predictor toe: geen F-verandering"
    )
    coef = result.coefficients.set_index(["step", "term"])
    assert coef.loc[(2, "x3"), "note"] == "niet schatbaar: lineair afhankelijk van eerdere termen (uitgesloten)"
    assert list(result.coefficients.columns) == [
        "step",
        "term",
        "b",
        "se",
        "beta",
        "t",
        "p_val",
        "ci_low",
        "ci_high",
        "beta_ci_low",
        "beta_ci_high",
        "vif",
        "tolerance",
        "note",
    ]
    assert list(result.steps.columns)[:5] == ["step", "block", "n", "k", "rank"]
    both = hierarchical_regression(ALIASED.assign(x4=lambda d: d.x1 * 3), "y", [["x1", "x3", "x4"]])
    assert "termen): x3, x4; vrijheidsgraden uit de rang (2)" in both.steps.iloc[0]["note"]
    perfect = hierarchical_regression(ALIASED.assign(y=lambda d: 3 * d.x1 + 1), "y", [["x1"]])
    assert perfect.steps.iloc[0]["note"] == "perfecte fit"
    for blocks, message in [
        ([["x1"], []], "elk blok moet minstens één predictor bevatten"),
        ([["x1"], ["x1"]], "een predictor staat in meer dan één blok"),
        ([["y"]], "de afhankelijke variabele 'y' staat ook bij de predictoren"),
        ([["x1", "nope"]], r"kolommen ontbreken in de data: \['nope'\]"),
    ]:
        with pytest.raises(ValueError, match=f"^{message}$"):
            hierarchical_regression(ALIASED, "y", blocks)
    with pytest.raises(ValueError, match="^geef één naam per blok$"):
        hierarchical_regression(ALIASED, "y", [["x1"]], block_names=["A", "B"])
    # n = k + 2 is the smallest sample that can be estimated (one residual df)
    fit = hierarchical_regression(ALIASED.head(3), "y", [["x1"]])
    assert fit.steps.iloc[0]["df_residual"] == 1
    with pytest.raises(ValueError, match=r"^te weinig volledige gevallen \(2\) voor 1 predictoren$"):
        hierarchical_regression(ALIASED.head(2), "y", [["x1"]])


def test_a_dependent_that_is_a_predictor_in_disguise_and_the_residuals_keep_the_sample_index():
    data = ALIASED.copy()
    data.index = [10, 11, 12, 13, 14, 15]
    data.loc[12, "x1"] = np.nan
    result = hierarchical_regression(data, "y", [["x1"]])
    assert list(result.residuals.index) == [10, 11, 13, 14, 15] and list(result.fitted.index) == [10, 11, 13, 14, 15]
    assert (result.fitted + result.residuals).tolist() == pytest.approx(data["y"].drop(12).tolist())


def test_binned_residuals_edges():
    from competentiecheck.survey.regression import binned_residuals

    empty = binned_residuals([1.0, 2.0], [0.1, 0.2], min_per_bin=5)
    assert empty.empty and list(empty.columns) == ["bin", "n", "fitted_mean", "residual_mean", "residual_se"]
    fitted = np.arange(25, dtype=float)
    bins = binned_residuals(list(fitted), list(fitted / 10), min_per_bin=2)
    assert len(bins) == 10 and bins["bin"].tolist() == list(range(1, 11))  # at most 10 groups
    assert bins["n"].tolist() == [3, 3, 3, 3, 3, 2, 2, 2, 2, 2]
    one = binned_residuals([2.0, 1.0, 3.0, 5.0, 4.0], [0.0, 1.0, 0.0, 1.0, 0.0], min_per_bin=5)
    assert one["bin"].tolist() == [1] and one["fitted_mean"].tolist() == [3.0]
    # equal fitted values keep their order (stable): the last two ties belong to the second bin
    ties = binned_residuals([1.0, 1.0, 1.0, 1.0], [1.0, 2.0, 3.0, 4.0], min_per_bin=2)
    assert ties["residual_mean"].tolist() == [1.5, 3.5]
    with pytest.raises(ValueError, match="^fitted en residuals hebben een andere lengte$"):
        binned_residuals([1.0], [1.0, 2.0], min_per_bin=1)
    assert binned_residuals(np.arange(5.0), np.zeros(5), min_per_bin=2, max_bins=11)["n"].tolist() == [3, 2]


def test_the_default_interval_is_95_percent_and_a_constant_predictor_is_not_estimable():
    data = longley.load_pandas().data
    fit = sm.OLS(data["TOTEMP"], sm.add_constant(data[["GNP"]])).fit()
    coef = hierarchical_regression(data, "TOTEMP", [["GNP"]]).coefficients.set_index("term")
    assert coef.loc["GNP", "ci_low"] == pytest.approx(fit.conf_int().loc["GNP", 0], rel=1e-9)
    # a predictor that is the same for everybody is a multiple of the constant: as R's lm, not estimable
    constant = ALIASED[["y", "x1"]].assign(z=2.0)
    result = hierarchical_regression(constant, "y", [["x1", "z"]])
    coef = result.coefficients.set_index("term")
    assert coef.loc["x1", "b"] == pytest.approx(13.5 / 17.5, abs=1e-12) and np.isnan(coef.loc["z", "b"])
    assert coef.loc["x1", "vif"] == 1.0 and coef.loc["x1", "tolerance"] == 1.0
    only = hierarchical_regression(constant, "y", [["z"]]).steps.iloc[0]
    # nothing but the constant: no regression sum of squares to divide, no F
    assert (only["rank"], only["df_regression"], only["df_residual"]) == (1, 0, 5)
    assert np.isnan(only["ms_regression"]) and np.isnan(only["f"]) and np.isnan(only["p_f"])
    aliased = hierarchical_regression(ALIASED, "y", [["x1", "x3"]]).coefficients.set_index("term")
    assert aliased.loc["x1", "vif"] == 1.0 and aliased.loc["x1", "tolerance"] == 1.0
