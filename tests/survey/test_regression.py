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
