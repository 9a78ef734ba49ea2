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


# --------------------------------------------------------------------------- issue 25: gaps a mutation test found

# The three items above, worked by hand: deviations from the means 3.4, 3.8 and 2.6 give sums of squares
# 5.2, 2.8, 5.2 and cross products a·b 3.4, a·c 4.8, b·c 3.6.
ITEMS = pd.DataFrame({"a": [2, 3, 3, 4, 5], "b": [3, 3, 4, 4, 5], "c": [1, 2, 3, 3, 4]})
R_AB, R_AC, R_BC = 3.4 / np.sqrt(5.2 * 2.8), 4.8 / 5.2, 3.6 / np.sqrt(2.8 * 5.2)


def test_mean_inter_item_correlation_and_standardised_alpha_are_between_items():
    scale = reliability(ITEMS, ["a", "b", "c"], "proef").scale.iloc[0]
    mean_r = (R_AB + R_AC + R_BC) / 3
    assert scale["mean_inter_item_r"] == pytest.approx(mean_r, abs=1e-12)
    assert scale["alpha_std"] == pytest.approx(3 * mean_r / (1 + 2 * mean_r), abs=1e-12)
    assert (scale["scale"], scale["n_items"], scale["n"]) == ("proef", 3, 5)
    low, high = alpha_ci_feldt(8.85 / 9.2, n=5, k=3)
    assert (scale["ci_low"], scale["ci_high"]) == (pytest.approx(low), pytest.approx(high))


def test_item_means_and_sample_sds():
    items = reliability(ITEMS, ["a", "b", "c"]).items.set_index("item")
    assert items["mean"].tolist() == pytest.approx([3.4, 3.8, 2.6], abs=1e-12)
    assert items["sd"].tolist() == pytest.approx(np.sqrt([5.2 / 4, 2.8 / 4, 5.2 / 4]), abs=1e-12)  # ddof = 1
    assert items["n"].tolist() == [5, 5, 5] and items["scale"].tolist() == ["schaal"] * 3
    # a with b + c: cross products 3.4 + 4.8, sums of squares 5.2 and 2.8 + 5.2 + 2 * 3.6
    assert items.loc["a", "r_item_rest"] == pytest.approx(8.2 / np.sqrt(5.2 * 15.2), abs=1e-12)
    # without c: var(a) + var(b) = 2.0, var(a + b) = (5.2 + 2.8 + 6.8) / 4 = 3.7 -> 2 * (1 - 2.0 / 3.7)
    assert items.loc["c", "alpha_if_deleted"] == pytest.approx(2 * (1 - 2.0 / 3.7), abs=1e-12)


def test_a_two_item_scale_has_item_rest_correlations_but_no_alpha_if_deleted():
    # with two items the rest is the other item: item-rest r is their correlation (SPSS prints it)
    result = reliability(ITEMS, ["a", "b"])
    items = result.items.set_index("item")
    assert items["r_item_rest"].tolist() == pytest.approx([R_AB, R_AB], abs=1e-12)
    assert items["alpha_if_deleted"].isna().all()
    scale = result.scale.iloc[0]
    assert scale["mean_inter_item_r"] == pytest.approx(R_AB, abs=1e-12)
    assert scale["alpha_std"] == pytest.approx(2 * R_AB / (1 + R_AB), abs=1e-12)


def test_the_interval_at_another_level_and_an_alpha_below_the_rule():
    # F(0.95; 4, 8) = 3.8379 and F(0.05; 4, 8) = 0.16717 (R: qf(c(.95, .05), 4, 8))
    scale = reliability(ITEMS, ["a", "b", "c"], level=0.90).scale.iloc[0]
    alpha = 8.85 / 9.2
    assert scale["ci_low"] == pytest.approx(1 - (1 - alpha) * 3.8379, abs=1e-4)
    assert scale["ci_high"] == pytest.approx(1 - (1 - alpha) * 0.16717, abs=1e-4)
    assert all(np.isnan(v) for v in alpha_ci_feldt(float("nan"), 5, 3))
    assert all(np.isnan(v) for v in alpha_ci_feldt(0.5, 1, 3)) and all(np.isnan(v) for v in alpha_ci_feldt(0.5, 5, 1))
    # alpha exactly at the rule is not flagged; just below is
    flat = reliability(pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [3, 1, 4, 2, 3]}), ["a", "b"]).scale.iloc[0]
    assert flat["flag_low"] and flat["alpha"] < 0.60


def test_too_few_complete_cases_and_repeated_items():
    few = reliability(pd.DataFrame({"a": [1.0, np.nan], "b": [2.0, 3.0]}), ["a", "b"])
    scale = few.scale.iloc[0]
    assert scale["n"] == 1 and np.isnan(scale["alpha"]) and "minder dan twee volledige" in scale["note"]
    assert np.isnan(scale["alpha_std"]) and np.isnan(scale["ci_low"]) and not scale["flag_low"]
    item = few.items.set_index("item").loc["a"]
    assert item["mean"] == 1.0 and np.isnan(item["sd"]) and np.isnan(item["r_item_rest"])
    empty = reliability(pd.DataFrame({"a": [np.nan], "b": [2.0]}), ["a", "b"])
    assert empty.scale.iloc[0]["n"] == 0 and empty.items["mean"].isna().all()
    with pytest.raises(ValueError, match="maar één keer"):
        reliability(ITEMS, ["a", "a"])
    assert math.isnan(cronbach_alpha(pd.DataFrame({"a": [1.0], "b": [2.0]}))[0])  # one case
    one_item = reliability(ITEMS, ["a"]).items.iloc[0]
    assert np.isnan(one_item["r_item_rest"]) and one_item["sd"] == pytest.approx(np.sqrt(1.3))


def test_two_complete_cases_are_enough_and_nothing_warns():
    import warnings

    # two cases: a = 1, 3 and b = 2, 3; sums 3, 6: var(a) = 2, var(b) = 0.5, var(sum) = 4.5
    # alpha = 2 (1 - 2.5 / 4.5) = 8/9; the items correlate perfectly (r = 1), item-rest r = 1 as well
    data = pd.DataFrame({"a": [1.0, 3.0, np.nan], "b": [2.0, 3.0, 4.0]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = reliability(data, ["a", "b"])
    scale, items = result.scale.iloc[0], result.items.set_index("item")
    assert scale["n"] == 2 and scale["alpha"] == pytest.approx(8 / 9, abs=1e-12) and scale["note"] == ""
    assert scale["mean_inter_item_r"] == pytest.approx(1.0) and scale["alpha_std"] == pytest.approx(1.0)
    assert items["sd"].tolist() == pytest.approx([np.sqrt(2), np.sqrt(0.5)], abs=1e-12)
    assert items["r_item_rest"].tolist() == pytest.approx([1.0, 1.0])
    # Feldt with n = 2, k = 2: F(.975; 1, 1) = 647.789 and F(.025; 1, 1) = 1 / 647.789 (R: qf)
    assert scale["ci_low"] == pytest.approx(1 - (1 / 9) * 647.789, rel=1e-5)
    assert scale["ci_high"] == pytest.approx(1 - (1 / 9) / 647.789, rel=1e-5)
    three = reliability(pd.DataFrame({"a": [1.0, 3.0], "b": [2.0, 3.0], "c": [1.0, 2.0]}), ["a", "b", "c"])
    # without c: the pair above, 8/9; sums 4, 8: var(sum) 8, item variances 2 + 0.5 + 0.5 = 3 -> 1.5 (1 - 3/8)
    assert three.items.set_index("item").loc["c", "alpha_if_deleted"] == pytest.approx(8 / 9, abs=1e-12)
    assert three.scale.iloc[0]["alpha"] == pytest.approx(1.5 * (1 - 3 / 8), abs=1e-12)


def test_degenerate_scales_say_why_without_warnings():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        one_case = reliability(pd.DataFrame({"a": [1.0], "b": [2.0]}), ["a", "b"])
        no_case = reliability(pd.DataFrame({"a": [np.nan], "b": [2.0]}), ["a", "b"])
        flat = reliability(pd.DataFrame({"a": [1.0, 2.0], "b": [2.0, 1.0]}), ["a", "b"])  # sums 3, 3
        constant_rest = reliability(pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [2.0, 2.0, 2.0]}), ["a", "b"])
        single = reliability(ITEMS, ["a"])
        assert math.isnan(cronbach_alpha(pd.DataFrame({"a": [1.0], "b": [2.0]}))[0])
    assert one_case.scale.iloc[0]["note"] == "minder dan twee volledige antwoordpatronen"
    assert one_case.items.set_index("item").loc["a", "mean"] == 1.0 and np.isnan(one_case.items["sd"]).all()
    assert no_case.scale.iloc[0]["note"] == "minder dan twee volledige antwoordpatronen"
    assert no_case.items["mean"].isna().all() and no_case.items["n"].tolist() == [0, 0]
    assert flat.scale.iloc[0]["note"] == "geen variantie in de somscore" and np.isnan(flat.scale.iloc[0]["alpha"])
    assert constant_rest.scale.iloc[0]["note"] == (
        "geen variantie in b: gestandaardiseerde alfa en gemiddelde inter-itemcorrelatie niet te berekenen"
    )
    assert constant_rest.items["r_item_rest"].isna().all()
    assert single.scale.iloc[0]["note"] == "één item: geen betrouwbaarheid te berekenen"
    assert list(reliability(ITEMS, []).items.columns) == [
        "scale",
        "item",
        "n",
        "mean",
        "sd",
        "r_item_rest",
        "alpha_if_deleted",
    ]
    both = reliability(pd.DataFrame({"a": [1.0, 1, 2], "b": [1.0, 1, 1], "c": [3.0, 3, 3]}), ["a", "b", "c"])
    assert "geen variantie in b, c:" in both.scale.iloc[0]["note"]
    with pytest.raises(TypeError, match="^items moet een DataFrame met één kolom per item zijn$"):
        cronbach_alpha(np.ones((3, 2)))
    with pytest.raises(ValueError, match="^elk item mag maar één keer voorkomen$"):
        reliability(ITEMS, ["a", "a"])


def test_a_total_variance_of_exactly_one_is_a_variance():
    # sums 1, 2, 3 have variance 1: a = 0, 1, 1 and b = 1, 1, 2; var(a) = var(b) = 1/3 -> 2 (1 - 2/3) = 2/3
    data = pd.DataFrame({"a": [0.0, 1, 1], "b": [1.0, 1, 2]})
    assert reliability(data, ["a", "b"]).scale.iloc[0]["alpha"] == pytest.approx(2 / 3, abs=1e-12)
    assert cronbach_alpha(data)[0] == pytest.approx(2 / 3, abs=1e-12)


def test_an_alpha_at_the_rule_is_not_low(monkeypatch):
    from competentiecheck.survey import psychometrics

    alpha = reliability(ITEMS, ["a", "b", "c"]).scale.iloc[0]["alpha"]
    monkeypatch.setattr(psychometrics, "LOW_ALPHA", alpha)
    assert not reliability(ITEMS, ["a", "b", "c"]).scale.iloc[0]["flag_low"]
    monkeypatch.setattr(psychometrics, "LOW_ALPHA", alpha + 1e-9)
    assert reliability(ITEMS, ["a", "b", "c"]).scale.iloc[0]["flag_low"]
