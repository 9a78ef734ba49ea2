import math

import numpy as np
import pandas as pd
import pytest

from competentiecheck.survey.psychometrics import alpha_ci_feldt, cronbach_alpha, reliability


def test_alpha_against_hand_computation():
    # Worked by hand: item variances 1.3, 0.7, 1.3 (sum 3.3); total scores 6, 8, 10, 11, 14 have
    # variance 9.2; alpha = 3/2 * (1 - 3.3/9.2) = 8.85/9.2.
    items = pd.DataFrame({"a": [2, 3, 3, 4, 5], "b": [3, 3, 4, 4, 5], "c": [1, 2, 3, 3, 4]})
    alpha, n = cronbach_alpha(items)
    assert n == 5
    assert alpha == pytest.approx(8.85 / 9.2, abs=1e-12)


def test_alpha_is_listwise():
    items = pd.DataFrame({"a": [2, 3, 3, 4, 5, 1], "b": [3, 3, 4, 4, 5, np.nan], "c": [1, 2, 3, 3, 4, 5]})
    alpha, n = cronbach_alpha(items)
    assert n == 5
    assert alpha == pytest.approx(8.85 / 9.2, abs=1e-12)


def test_alpha_undefined_cases():
    assert math.isnan(cronbach_alpha(pd.DataFrame({"a": [1, 2, 3]}))[0])
    assert math.isnan(cronbach_alpha(pd.DataFrame({"a": [2, 2], "b": [3, 3]}))[0])
    with pytest.raises(TypeError):
        cronbach_alpha(np.ones((3, 2)))


def test_item_statistics_by_hand():
    items = pd.DataFrame({"a": [2, 3, 3, 4, 5], "b": [3, 3, 4, 4, 5], "c": [1, 2, 3, 3, 4]})
    result = reliability(items, ["a", "b", "c"], "proef")
    table = result.items.set_index("item")
    # without b: var(a) + var(c) = 2.6, var(a + c) = 5.0 -> 2 * (1 - 2.6 / 5) = 0.96
    assert table.loc["b", "alpha_if_deleted"] == pytest.approx(0.96, abs=1e-12)
    # without a: 2 * (1 - 2.0 / 3.8)
    assert table.loc["a", "alpha_if_deleted"] == pytest.approx(2 * (1 - 2.0 / 3.8), abs=1e-12)
    # c with a + b: cross products 8.4, sums of squares 14.8 and 5.2
    assert table.loc["c", "r_item_rest"] == pytest.approx(8.4 / np.sqrt(14.8 * 5.2), abs=1e-12)
    row = result.scale.iloc[0]
    assert row["alpha"] == pytest.approx(8.85 / 9.2, abs=1e-12)
    assert not row["flag_low"] and row["note"] == ""


def test_feldt_interval_against_published_f_quantiles():
    # F(0.975; 4, 8) = 5.0526 and F(0.025; 4, 8) = 0.1122 (F tables; R: qf())
    low, high = alpha_ci_feldt(8.85 / 9.2, n=5, k=3)
    assert low == pytest.approx(1 - (1 - 8.85 / 9.2) * 5.0526, abs=1e-4)
    assert high == pytest.approx(1 - (1 - 8.85 / 9.2) * 0.1122, abs=1e-4)


def test_reliability_messages_instead_of_numbers():
    one = reliability(pd.DataFrame({"a": [1, 2, 3]}), ["a"]).scale.iloc[0]
    assert math.isnan(one["alpha"]) and "één item" in one["note"]
    flat = reliability(pd.DataFrame({"a": [2, 2, 2], "b": [3, 3, 3]}), ["a", "b"]).scale.iloc[0]
    assert math.isnan(flat["alpha"]) and "variantie" in flat["note"]
    low = reliability(pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [3, 1, 4, 2, 3]}), ["a", "b"]).scale.iloc[0]
    assert low["alpha"] == pytest.approx(2 * (1 - 3.8 / 4.3)) and low["flag_low"]
    with pytest.raises(ValueError, match="ontbreken"):
        reliability(pd.DataFrame({"a": [1]}), ["a", "x"])


def test_an_item_without_variance_gives_a_reason_and_no_warnings():
    import warnings

    data = pd.DataFrame({"a": [1.0, 2, 3, 4], "b": [2.0, 3, 3, 5], "c": [3.0, 3, 3, 3]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = reliability(data, ["a", "b", "c"])
    scale = result.scale.iloc[0]
    # by hand: item variances 5/3, 19/12, 0; total [6, 8, 9, 12] has variance 6.25 -> 1.5 * (1 - 3.25 / 6.25)
    assert scale["alpha"] == pytest.approx(0.72, abs=1e-12)
    assert np.isnan(scale["alpha_std"]) and "geen variantie in c" in scale["note"]
