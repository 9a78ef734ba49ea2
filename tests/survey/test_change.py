"""Change statistics against values worked out independently (R's t.test / wilcox.test output and by hand)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from competentiecheck.survey.change import attrition_table, climate_model, group_mean, paired_change, pairs_frame


def test_paired_t_and_exact_wilcoxon_as_r_prints_them():
    # differences 1..5: R t.test(1:5) gives t = 4.2426, df = 4, p-value = 0.01324,
    # 95 percent confidence interval 1.036757 4.963243; wilcox.test(1:5) gives V = 15, p-value = 0.0625 (exact)
    result = paired_change([1, 1, 1, 1, 1], [2, 3, 4, 5, 6])
    assert result.n == 5 and result.df == 4
    assert result.mean_diff == pytest.approx(3.0)
    assert result.t == pytest.approx(4.2426, abs=1e-4)
    assert result.p == pytest.approx(0.01324, abs=1e-5)
    assert (result.ci_low, result.ci_high) == pytest.approx((1.036757, 4.963243), abs=1e-6)
    # d_z = 3 / sd(1:5) = 3 / sqrt(2.5)
    assert result.d_z == pytest.approx(3 / math.sqrt(2.5))
    assert result.wilcoxon_v == 15 and result.wilcoxon_p == pytest.approx(0.0625)
    assert result.wilcoxon_method == "exact"


def test_paired_t_with_three_df_against_the_closed_form_and_the_t_table():
    pre, post = [3, 4, 5, 6], [4, 4, 7, 9]  # differences 1, 0, 2, 3
    result = paired_change(pre, post)
    sd = math.sqrt(5 / 3)
    t = 1.5 / (sd / 2)
    assert result.t == pytest.approx(t) and result.d_z == pytest.approx(1.5 / sd)
    # Student t with 3 df has a closed-form distribution function
    x = t / math.sqrt(3)
    p = 1 - (2 / math.pi) * (math.atan(x) + x / (1 + x * x))
    assert result.p == pytest.approx(p, rel=1e-9)
    # t(0.975; 3) = 3.182446 from the table
    half = 3.182446 * sd / 2
    assert (result.ci_low, result.ci_high) == pytest.approx((1.5 - half, 1.5 + half), abs=1e-5)
    # a zero difference: R drops it and uses the normal approximation with continuity correction:
    # V = 1 + 2 + 3 = 6, n = 3, z = (6 - 3 - 0.5) / sqrt(3 * 4 * 7 / 24); R prints p-value = 0.1814
    assert result.wilcoxon_v == 6 and result.wilcoxon_method == "normale benadering"
    assert result.wilcoxon_p == pytest.approx(0.1814, abs=1e-4)


def test_wilcoxon_with_ties_uses_the_tie_corrected_variance():
    # differences 1, 1, 2, 2, 3, -1, 0: zero dropped, |d| ranks 2, 2, 4.5, 4.5, 6, 2 -> V = 19;
    # variance 6*7*13/24 - ((3^3-3) + (2^3-2))/48 = 22.125; z = (19 - 10.5 - 0.5)/sqrt(22.125); R: p-value = 0.08897
    d = np.array([1, 1, 2, 2, 3, -1, 0], dtype=float)
    result = paired_change(np.zeros(7), d)
    assert result.wilcoxon_v == 19
    assert result.wilcoxon_p == pytest.approx(0.08897, abs=2e-5)


def test_a_wrong_sign_or_unpaired_test_would_fail():
    # post lower than pre: negative change, V counts the positive differences only
    result = paired_change([2, 3, 4, 5, 6], [1, 1, 1, 1, 1])
    assert result.mean_diff == pytest.approx(-3.0) and result.t < 0 and result.wilcoxon_v == 0
    # paired, not independent samples: the between-person spread of pre does not enter
    result = paired_change([1, 10, 20, 30], [2, 11, 21, 31])
    assert result.sd_diff == 0 and result.p == 0.0
    # pairs with a missing side are dropped
    assert paired_change([1, np.nan, 1, 1], [2, 5, 3, 4]).n == 3


def test_group_mean_interval():
    n, mean, low, high = group_mean([1, 2, 3, 4, 5, np.nan])
    # t(0.975; 4) = 2.776445 from the table, sd = sqrt(2.5)
    half = 2.776445 * math.sqrt(2.5) / math.sqrt(5)
    assert n == 5 and mean == 3 and (low, high) == pytest.approx((3 - half, 3 + half), abs=1e-5)


def test_climate_model_against_the_normal_equations():
    rng = np.random.default_rng(4)
    pre = rng.normal(3, 1, 30)
    climate = rng.normal(3.5, 0.6, 30)
    post = 0.5 + 0.7 * pre + 0.3 * climate + rng.normal(0, 0.4, 30)
    model = climate_model(pre, post, climate)
    x = np.column_stack([np.ones(30), pre, climate])
    beta = np.linalg.solve(x.T @ x, x.T @ post)
    resid = post - x @ beta
    sigma2 = resid @ resid / (30 - 3)
    se = math.sqrt(sigma2 * np.linalg.inv(x.T @ x)[2, 2])
    assert model.n == 30
    assert model.b_climate == pytest.approx(beta[2]) and model.b_pre == pytest.approx(beta[1])
    # t(0.975; 27) = 2.051831 from the table
    assert (model.ci_low, model.ci_high) == pytest.approx((beta[2] - 2.051831 * se, beta[2] + 2.051831 * se), abs=1e-5)
    total = ((post - post.mean()) ** 2).sum()
    assert model.r_squared == pytest.approx(1 - resid @ resid / total)


def test_pairs_and_attrition_from_the_matching_status():
    data = pd.DataFrame(
        {
            "meting": ["voormeting", "nameting", "voormeting", "nameting", "voormeting", "nameting", "voormeting"],
            "perceel": [1, 1, 1, 1, 2, 2, 2],
            "koppelcode": ["K-a", "K-a", "K-b", "K-c", "K-d", "K-d", "K-e"],
            "koppeling": [
                "gekoppeld met tolerantie",
                "gekoppeld met tolerantie",
                "alleen voormeting",
                "alleen nameting",
                "gekoppeld",
                "gekoppeld",
                "geen koppelcode",
            ],
            "x": [1.0, 2.0, 3.0, 4.0, 5.0, 7.0, 9.0],
        }
    )
    pairs = pairs_frame(data, "voormeting", "nameting", ["x"])
    assert pairs["x_pre"].tolist() == [1.0, 5.0] and pairs["x_post"].tolist() == [2.0, 7.0]
    flow = attrition_table(data, "voormeting", "nameting").set_index("perceel")
    assert flow.loc[1].tolist() == [1, 1, 1, 0, 0]
    assert flow.loc[2].tolist() == [1, 0, 0, 1, 0]
