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
