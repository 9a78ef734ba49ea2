import numpy as np
import pandas as pd
import pytest
from scipy import stats

from competentiecheck.survey.correlations import describe, spearman_matrix, stars


def test_hand_worked_spearman():
    # d = rank differences -1, 1, -1, 1, 0: rho = 1 - 6 * 4 / (5 * 24) = 0.8
    frame = pd.DataFrame({"x": [1, 2, 3, 4, 5], "y": [2, 1, 4, 3, 5]})
    row = spearman_matrix(frame, ["x", "y"]).iloc[0]
    assert row["rho"] == pytest.approx(0.8, abs=1e-12)
    t = 0.8 * np.sqrt(3 / (1 - 0.64))
    assert row["p_val"] == pytest.approx(2 * stats.t.sf(t, 3), rel=1e-12)
    assert row["n"] == 5


def test_pairwise_n_and_ties_against_scipy():
    rng = np.random.default_rng(1)
    frame = pd.DataFrame(rng.integers(1, 6, size=(60, 3)).astype(float), columns=["a", "b", "c"])
    frame.loc[[1, 2, 3], "a"] = np.nan
    frame.loc[[7], "c"] = np.nan
    table = spearman_matrix(frame, ["a", "b", "c"]).set_index(["var_x", "var_y"])
    for x, y in [("b", "a"), ("c", "a"), ("c", "b")]:
        pair = frame[[x, y]].dropna()
        expected = stats.spearmanr(pair[x], pair[y])
        assert table.loc[(x, y), "rho"] == pytest.approx(expected.statistic, abs=1e-12)
        assert table.loc[(x, y), "p_val"] == pytest.approx(expected.pvalue, rel=1e-9)
        assert table.loc[(x, y), "n"] == len(pair)


def test_benjamini_hochberg_by_hand():
    # p = .01, .04, .03, .005 -> BH: .02, .04, .04, .02
    rng = np.random.default_rng(0)
    table = pd.DataFrame({"p_val": [0.01, 0.04, 0.03, 0.005]})
    from statsmodels.stats.multitest import multipletests

    assert multipletests(table["p_val"], method="fdr_bh")[1] == pytest.approx([0.02, 0.04, 0.04, 0.02])
    frame = pd.DataFrame(rng.normal(size=(40, 4)), columns=list("abcd"))
    raw = spearman_matrix(frame, list("abcd"))
    adjusted = spearman_matrix(frame, list("abcd"), adjust="fdr_bh")
    assert (adjusted["p_adj"] >= raw["p_val"] - 1e-15).all()
    assert raw["p_adj"].isna().all()


def test_stars_and_describe():
    assert [stars(p) for p in (0.001, 0.02, 0.2, np.nan)] == ["**", "*", "", ""]
    d = describe(pd.DataFrame({"x": [1.0, 2.0, 3.0, np.nan]}), ["x"]).iloc[0]
    assert (d["n"], d["mean"], d["sd"]) == (3, 2.0, 1.0)


def test_degenerate_pairs_have_a_note():
    frame = pd.DataFrame({"x": [1, 1, 1, 1], "y": [1, 2, 3, 4]})
    row = spearman_matrix(frame, ["x", "y"]).iloc[0]
    assert np.isnan(row["rho"]) and row["note"] == "geen variantie"


# --------------------------------------------------------------------------- issue 25: gaps a mutation test found


def test_a_perfect_rank_correlation_has_p_zero_and_two_stars():
    # the t approximation has 1 - rho² = 0 in its denominator: rho = ±1 is as significant as it gets
    frame = pd.DataFrame({"x": [1, 2, 3, 4, 5], "up": [2, 4, 6, 8, 30], "down": [9, 7, 5, 3, 1]})
    table = spearman_matrix(frame, ["x", "up", "down"]).set_index(["var_x", "var_y"])
    for pair, rho in [(("up", "x"), 1.0), (("down", "x"), -1.0), (("down", "up"), -1.0)]:
        row = table.loc[pair]
        assert (row["rho"], row["p_val"], row["stars"], row["note"]) == (rho, 0.0, "**", "")


def test_the_matrix_lists_the_lower_triangle_in_order_with_its_notes():
    frame = pd.DataFrame(
        {"a": [1, 2, 3, 4, 5, 6], "b": [2, 1, 4, 3, 6, 5], "c": [1.0, np.nan, np.nan, np.nan, np.nan, 2]}
    )
    table = spearman_matrix(frame, ["a", "b", "c"])
    assert list(table.columns) == ["var_x", "var_y", "n", "rho", "p_val", "p_adj", "stars", "note"]
    assert table[["var_x", "var_y"]].values.tolist() == [["b", "a"], ["c", "a"], ["c", "b"]]
    short = table.set_index(["var_x", "var_y"]).loc[("c", "a")]
    assert short["n"] == 2 and np.isnan(short["rho"]) and short["note"] == "minder dan drie paren"
    assert short["stars"] == ""
    # d = -1, 1, -1, 1, -1, 1: rho = 1 - 6 * 6 / (6 * 35) = 29/35
    assert table.iloc[0]["rho"] == pytest.approx(29 / 35, abs=1e-12) and table.iloc[0]["n"] == 6
    three = pd.DataFrame({"x": [1, 2, 3], "y": [1, 3, 2]})
    assert spearman_matrix(three, ["x", "y"]).iloc[0]["n"] == 3  # three pairs are enough
    with pytest.raises(ValueError, match="adjust"):
        spearman_matrix(frame, ["a", "b"], adjust="bonferroni")
    with pytest.raises(ValueError, match="twee kolommen"):
        spearman_matrix(frame, ["a"])
    with pytest.raises(ValueError, match=r"ontbreken in de data: \['z'\]"):
        spearman_matrix(frame, ["a", "z"])


def test_stars_can_come_from_the_adjusted_p():
    # four pairs with p .01, .04, .03, .005 (by the t approximation) would get *, *, *, **; Benjamini-Hochberg
    # gives .02, .04, .04, .02: *, *, *, *. Here: a matrix whose adjusted p differs from the raw one.
    rng = np.random.default_rng(3)
    base = rng.normal(size=60)
    frame = pd.DataFrame({"a": base, "b": base + rng.normal(scale=2.5, size=60), "c": rng.normal(size=60)})
    raw = spearman_matrix(frame, ["a", "b", "c"])
    adjusted = spearman_matrix(frame, ["a", "b", "c"], adjust="fdr_bh")
    from statsmodels.stats.multitest import multipletests

    assert adjusted["p_adj"].tolist() == pytest.approx(multipletests(raw["p_val"], method="fdr_bh")[1].tolist())
    assert adjusted["stars"].tolist() == [stars(p) for p in adjusted["p_adj"]]
    assert raw["stars"].tolist() == [stars(p) for p in raw["p_val"]]
    assert stars(0.01) == "*" and stars(0.05) == "" and stars(0.0099) == "**" and stars(None) == ""


def test_describe_by_hand():
    table = describe(
        pd.DataFrame({"x": [1.0, 2.0, 4.0, np.nan], "y": [np.nan] * 4, "z": [5.0, None, None, None]}), ["x", "y", "z"]
    )
    x, y, z = (table.iloc[i] for i in range(3))
    assert x["variable"] == "x" and (x["n"], x["mean"], x["min"], x["max"]) == (3, 7 / 3, 1.0, 4.0)
    assert x["sd"] == pytest.approx(np.sqrt(((1 - 7 / 3) ** 2 + (2 - 7 / 3) ** 2 + (4 - 7 / 3) ** 2) / 2))
    assert y["n"] == 0 and all(np.isnan(y[c]) for c in ("mean", "sd", "min", "max"))
    assert z["n"] == 1 and z["mean"] == 5.0 and np.isnan(z["sd"])


def test_edges_of_the_pair_rules():
    three = spearman_matrix(pd.DataFrame({"x": [1, 2, 3], "y": [1, 3, 2]}), ["x", "y"]).iloc[0]
    assert three["rho"] == pytest.approx(0.5) and three["note"] == ""  # d = 0, -1, 1: 1 - 6 * 2 / 24
    # a column whose ranks have a standard deviation of exactly 1 still varies: ranks 1, 2, 3 -> sd sqrt(2/3);
    # ranks 1, 1, 3, 3 (ties averaged: 1.5, 1.5, 3.5, 3.5) have sd 1
    ties = spearman_matrix(pd.DataFrame({"x": [1, 1, 2, 2], "y": [1, 2, 3, 4]}), ["y", "x"]).iloc[0]
    assert ties["note"] == "" and ties["rho"] == pytest.approx(np.corrcoef([1.5, 1.5, 3.5, 3.5], [1, 2, 3, 4])[0, 1])
    raw = spearman_matrix(pd.DataFrame({"x": [1, 2, 3, 4], "y": [2, 1, 4, 3]}), ["x", "y"])
    assert raw["p_adj"].dtype == float and raw.iloc[0]["note"] == ""
    with pytest.raises(ValueError, match="^adjust moet 'none' of 'fdr_bh' zijn$"):
        spearman_matrix(raw, ["x", "y"], adjust="holm")
    with pytest.raises(ValueError, match="^geef minstens twee kolommen$"):
        spearman_matrix(raw, ["x"])


def test_describe_warns_about_nothing_and_keeps_its_columns():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = describe(pd.DataFrame({"x": [np.nan, np.nan], "y": [3.0, np.nan]}), ["x", "y"])
    assert list(table.columns) == ["variable", "n", "mean", "sd", "min", "max"]
    assert table.iloc[1][["n", "mean", "min", "max"]].tolist() == [1, 3.0, 3.0, 3.0] and np.isnan(table.iloc[1]["sd"])
    two = describe(pd.DataFrame({"x": [1, 3]}), ["x"]).iloc[0]
    assert two["sd"] == pytest.approx(np.sqrt(2))
    assert list(describe(pd.DataFrame({"x": [1]}), []).columns) == ["variable", "n", "mean", "sd", "min", "max"]
