"""The 95 % interval of the standardised coefficient β against an independent computation: OLS with
statsmodels on z-scored variables (z-scored within the listwise analysis sample)."""

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from competentiecheck.survey.regression import CONSTANT, hierarchical_regression


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(7)
    n = 60
    frame = pd.DataFrame({"x1": rng.normal(3, 1.5, n), "x2": rng.integers(1, 6, n).astype(float)})
    frame["x3"] = 0.5 * frame["x1"] + rng.normal(0, 2, n)
    frame["y"] = 2 + 0.8 * frame["x1"] - 0.3 * frame["x2"] + 0.2 * frame["x3"] + rng.normal(0, 1.2, n)
    frame.loc[[3, 17], "x3"] = np.nan  # listwise deletion over the final step
    frame.loc[40, "y"] = np.nan
    return frame


def _z_scored_fit(frame, predictors):
    sample = frame[["y", "x1", "x2", "x3"]].dropna()
    z = (sample - sample.mean()) / sample.std(ddof=1)
    fit = sm.OLS(z["y"], sm.add_constant(z[predictors])).fit()
    return fit.params, fit.conf_int(alpha=0.05)


@pytest.mark.parametrize("step, predictors", [(1, ["x1"]), (2, ["x1", "x2", "x3"])])
def test_beta_and_its_interval_equal_ols_on_z_scores(data, step, predictors):
    result = hierarchical_regression(data, "y", [["x1"], ["x2", "x3"]])
    coef = result.coefficients[result.coefficients["step"] == step].set_index("term")
    params, ci = _z_scored_fit(data, predictors)
    for term in predictors:
        assert coef.loc[term, "beta"] == pytest.approx(params[term], abs=1e-10)
        assert coef.loc[term, "beta_ci_low"] == pytest.approx(ci.loc[term, 0], abs=1e-10)
        assert coef.loc[term, "beta_ci_high"] == pytest.approx(ci.loc[term, 1], abs=1e-10)
    assert np.isnan(coef.loc[CONSTANT, "beta_ci_low"]) and np.isnan(coef.loc[CONSTANT, "beta_ci_high"])


def test_the_interval_is_not_the_interval_of_b(data):
    # a wrong convention (the interval of B printed as that of β) would fail here: sd(x2) / sd(y) is far from 1
    result = hierarchical_regression(data, "y", [["x1", "x2", "x3"]])
    row = result.coefficients.set_index("term").loc["x2"]
    assert abs(row["beta_ci_low"] - row["ci_low"]) > 0.05
    assert row["beta_ci_low"] < row["beta"] < row["beta_ci_high"]
