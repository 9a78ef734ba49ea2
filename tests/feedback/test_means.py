"""Means and 95 % t-intervals of the organisations, percelen and programme against independent computations."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from competentiecheck.feedback.build import LETTER, REPORT, prepare
from competentiecheck.feedback.means import first_wave, group_means, t_interval


def test_t_interval_of_one_to_ten_equals_r_t_test():
    # R: t.test(1:10)$conf.int -> 3.334149 7.665851 (mean 5.5, sd 3.02765, t(0.975, 9) = 2.262157)
    low, high = t_interval(10, 5.5, float(np.std(np.arange(1, 11), ddof=1)))
    assert low == pytest.approx(3.334149, abs=1e-6)
    assert high == pytest.approx(7.665851, abs=1e-6)


def test_group_means_equal_a_computation_by_hand():
    frame = pd.DataFrame(
        {
            "code": ["a", "a", "a", "a", "b", "b", "b", None],
            "perceel": [1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0],
            "x": [1.0, 2.0, 4.0, 5.0, 3.0, np.nan, 5.0, 2.0],
        }
    )
    means = group_means(frame, ["x"], "code")
    own = means.lookup("organisations")
    # organisation a: 1, 2, 4, 5 -> mean 3, s = sqrt(10/3), half = t(0.975, 3) * s / 2
    s = math.sqrt(((1 - 3) ** 2 + (2 - 3) ** 2 + (4 - 3) ** 2 + (5 - 3) ** 2) / 3)
    half = stats.t.ppf(0.975, 3) * s / math.sqrt(4)
    assert own[("a", "x")].n == 4
    assert own[("a", "x")].mean == pytest.approx(3.0)
    assert own[("a", "x")].low == pytest.approx(3 - half)
    assert own[("a", "x")].high == pytest.approx(3 + half)
    # organisation b: the missing score does not count (n = 2: 3 and 5)
    assert own[("b", "x")].n == 2 and own[("b", "x")].mean == pytest.approx(4.0)
    assert own[("b", "x")].high == pytest.approx(4 + stats.t.ppf(0.975, 1) * math.sqrt(2) / math.sqrt(2))
    # perceel 2 counts the respondent without organisation too (3, 5, 2), as the perceel report does
    perceel = means.lookup("percelen")[(2.0, "x")]
    assert (perceel.n, perceel.mean) == (3, pytest.approx(10 / 3))
    assert means.lookup("programme")[("programma", "x")].n == 7
    assert means.respondents_org.to_dict() == {"a": 4, "b": 3}


def test_an_organisation_report_shows_its_own_means_and_intervals(programme, params):
    register, data = programme
    prepared = prepare(data, register, params)
    kinds = {o.code: kind for kind, o in prepared.organisations}
    assert kinds["org-a"] == REPORT
    org = next(o for kind, o in prepared.organisations if o.code == "org-a")
    rows = data[data["org_id"] == register.table.at["org-a", "org_id"]]
    scores = rows["kennisdeling"].to_numpy()
    n, mean, sd = (
        len(scores),
        scores.sum() / len(scores),
        np.sqrt(((scores - scores.mean()) ** 2).sum() / (len(scores) - 1)),
    )
    half = stats.t.ppf(0.975, n - 1) * sd / np.sqrt(n)
    got = org.own["kennisdeling"]
    assert (got.n, got.mean, got.low, got.high) == (
        12,
        pytest.approx(mean),
        pytest.approx(mean - half),
        pytest.approx(mean + half),
    )
    # the programme: every respondent
    whole = data["kennisdeling"].to_numpy()
    assert prepared.programme.means["kennisdeling"].mean == pytest.approx(whole.mean())


def test_exactly_at_the_threshold_a_report_below_it_a_letter(programme, params):
    register, data = programme
    assert params["feedback"]["min_respondents"] == 10
    kinds = {o.code: (kind, o.n) for kind, o in prepare(data, register, params).organisations}
    assert kinds["org-b"] == (REPORT, 10)
    assert kinds["org-c"] == (LETTER, 9)
    assert kinds["org-d"] == (LETTER, 3)
    letter = next(o for kind, o in prepare(data, register, params).organisations if o.code == "org-c")
    assert letter.own == {} and letter.subgroups == {}


def test_a_subgroup_is_shown_only_when_it_and_its_rest_pass_the_rule(programme, params):
    register, data = programme
    orgs = {o.code: o for _, o in prepare(data, register, params).organisations}
    # org-a: 4 managers of 12 (below 5): neither the managers nor the others (their rest is the 4) are shown
    assert orgs["org-a"].subgroups == {}
    # org-b: 5 managers and 5 others: both shown, with their own means
    assert set(orgs["org-b"].subgroups) == {"Leidinggevenden", "Medewerkers"}
    assert orgs["org-b"].subgroups["Leidinggevenden"]["kennisdeling"].n == 5


def test_the_perceel_is_shown_only_when_its_rest_is_enough_people_of_enough_organisations(programme, params, helpers):
    register, data = programme
    orgs = {o.code: o for _, o in prepare(data, register, params).organisations}
    assert orgs["org-a"].perceel_means is not None  # perceel 1: 8 other organisations
    # a perceel of two organisations: the perceel minus the one gives the other, so it is not shown
    only_two = data[data["org_id"].isin(register.table.loc[["org-a", "org-b"], "org_id"])]
    orgs = {o.code: o for _, o in prepare(only_two, register, params).organisations}
    assert orgs["org-a"].perceel_means is None and orgs["org-b"].perceel_means is None


def test_only_the_first_wave_is_used():
    frame = pd.DataFrame({"meting": ["nameting", "voormeting", "voormeting"], "x": [1, 2, 3]})
    first, wave = first_wave(frame)
    assert wave == "voormeting" and first["x"].tolist() == [2, 3]
    numbered = pd.DataFrame({"meting": [2, 1, 2], "x": [1, 2, 3]})
    assert first_wave(numbered)[0]["x"].tolist() == [2]
    assert first_wave(pd.DataFrame({"x": [1]}))[1] is None
