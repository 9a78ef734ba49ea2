"""An organisation's change between two waves: the paired means and intervals against values worked out by hand
(as R's t.test(post, pre, paired = TRUE) gives them), the section present when both waves and the pairs pass
and absent when one wave does not, and no other organisation's change values in a report."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest

from competentiecheck.feedback.build import REPORT, SCALES, prepare, render_all
from competentiecheck.feedback.change import organisation_pairs, paired_estimates
from competentiecheck.feedback.register import read_register
from competentiecheck.privacy.disclosure import Disclosure
from competentiecheck.privacy.output_check import check_feedback
from competentiecheck.privacy.pseudonymise import DEMO_SALT

PLANTED = "Zeldzame Zeepziederij"


def _pairs_frame(pre, post, orgs_pre, orgs_post, status=None):
    n = len(pre)
    rows = []
    for wave, values, orgs in (("voormeting", pre, orgs_pre), ("nameting", post, orgs_post)):
        for i in range(n):
            row = {"meting": wave, "koppelcode": f"K-{i}", "koppeling": (status or ["gekoppeld"] * n)[i]}
            row["code"] = orgs[i]
            row.update({s: values[i] for s in SCALES})
            rows.append(row)
    return pd.DataFrame(rows)


def test_paired_means_and_intervals_equal_a_hand_computation():
    # pre 3 4 2 5 3, post 4 4 3 5 5: differences 1 0 1 0 2, mean 0,8, s_d = sqrt(2,8 / 4), t(0,975; 4) = 2,776445
    # R: t.test(post, pre, paired = TRUE) -> 95 % CI -0.2388 1.8388
    pre, post = [3.0, 4.0, 2.0, 5.0, 3.0], [4.0, 4.0, 3.0, 5.0, 5.0]
    # a sixth pair split over two organisations and a seventh that is no pair count for neither
    frame = _pairs_frame(
        pre + [1.0, 1.0],
        post + [5.0, 5.0],
        ["org-a"] * 6 + ["org-a"],
        ["org-a"] * 5 + ["org-b", "org-a"],
        status=["gekoppeld"] * 5 + ["gekoppeld met tolerantie", "alleen voormeting"],
    )
    found = paired_estimates(organisation_pairs(frame, "voormeting", "nameting", SCALES, "code"), SCALES)
    assert {org for org, _ in found} == {"org-a"}
    change = found[("org-a", "kennisdeling")]
    assert change.n == 5
    assert change.diff.mean == pytest.approx(0.8)
    assert (change.diff.low, change.diff.high) == pytest.approx((-0.238849, 1.838849), abs=1e-5)
    # the same pairs' means: 3,4 with s = sqrt(5,2 / 4); 4,2 with s = sqrt(2,8 / 4)
    assert (change.pre.mean, change.pre.low, change.pre.high) == pytest.approx((3.4, 1.984286, 4.815714), abs=1e-5)
    assert (change.post.mean, change.post.low, change.post.high) == pytest.approx((4.2, 3.161151, 5.238849), abs=1e-5)


def test_a_pair_with_a_missing_score_counts_only_where_both_are_there():
    frame = _pairs_frame([3.0, 4.0, 2.0], [4.0, 4.0, 5.0], ["o"] * 3, ["o"] * 3)
    frame.loc[(frame["meting"] == "nameting") & (frame["koppelcode"] == "K-2"), "autonomie"] = np.nan
    found = paired_estimates(organisation_pairs(frame, "voormeting", "nameting", SCALES, "code"), SCALES)
    assert found[("o", "autonomie")].n == 2
    assert found[("o", "autonomie")].diff.mean == pytest.approx(0.5)  # (1 + 0) / 2
    assert found[("o", "kennisdeling")].diff.mean == pytest.approx(4 / 3)  # (1 + 0 + 3) / 3


def _two_waves(helpers, tmp_path, planted_after=12):
    """Perceel 1: 'Bakkerij Aa' (12, scores 2-4; afterwards +0 or +1 alternately, all 12 matched) and five firms;
    perceel 2: the planted firm (12, every score 1; afterwards ``planted_after`` of them, every score 2, matched)
    and five firms. The other firms answered only the first wave."""
    rows = [("org-a", "Bakkerij Aa bv", 1, ""), ("org-z", PLANTED, 2, "")]
    rows += [(f"org-p{p}{k}", f"Firma {p}{k}", p, "") for p in (1, 2) for k in range(5)]
    folder = helpers.write_register(tmp_path / "register", rows)
    a_pre = helpers.respondents("Bakkerij Aa bv", 1, [2.0, 3.0, 4.0] * 4, managers=6)
    a_post = a_pre.copy()
    for scale in SCALES:
        a_post[scale] = a_pre[scale] + np.array([0.0, 1.0] * 6)
    z_pre = helpers.respondents(PLANTED, 2, {"x": [1.0] * 12})
    z_post = helpers.respondents(PLANTED, 2, {"x": [2.0] * planted_after})
    rng = np.random.default_rng(3)
    others = [
        helpers.respondents(f"Firma {p}{k}", p, rng.integers(2, 6, 6).astype(float)) for p in (1, 2) for k in range(5)
    ]
    parts = []
    for name, pre, post in (("a", a_pre, a_post), ("z", z_pre, z_post)):
        matched = ["gekoppeld"] * len(post) + ["alleen voormeting"] * (len(pre) - len(post))
        parts.append(
            pre.assign(meting="voormeting", koppelcode=[f"K-{name}{i}" for i in range(len(pre))], koppeling=matched)
        )
        parts.append(
            post.assign(meting="nameting", koppelcode=[f"K-{name}{i}" for i in range(len(post))], koppeling="gekoppeld")
        )
    parts += [o.assign(meting="voormeting", koppelcode=None, koppeling="geen koppelcode") for o in others]
    return read_register(folder, DEMO_SALT), pd.concat(parts, ignore_index=True)


def _render(register, data, params, out):
    prepared = prepare(data, register, params)
    render_all(prepared, out, jobs=1)
    links = pd.DataFrame(
        [
            {"code": o.code, "org_id": register.table.at[o.code, "org_id"], "soort": kind}
            for kind, o in prepared.organisations
        ]
    )
    (out / "team").mkdir(exist_ok=True)
    links.to_csv(out / "team" / "organisaties.csv", index=False)
    return prepared


def test_change_shown_when_both_waves_pass_and_never_in_another_report(helpers, params, tmp_path):
    register, data = _two_waves(helpers, tmp_path)
    prepared = _render(register, data, params, tmp_path / "out")
    orgs = {o.code: (kind, o) for kind, o in prepared.organisations}
    assert orgs["org-a"][0] == orgs["org-z"][0] == REPORT
    assert set(orgs["org-a"][1].change) == set(SCALES)
    # Bakkerij Aa: differences 0 and 1 alternately: mean 0,5, s_d = sqrt(12 · 0,25 / 11), t(0,975; 11) = 2,200985
    change = orgs["org-a"][1].change["kennisdeling"]
    half = 2.200985 * np.sqrt(3 / 11) / np.sqrt(12)
    assert (change.diff.mean, change.diff.low, change.diff.high) == pytest.approx(
        (0.5, 0.5 - half, 0.5 + half), abs=1e-5
    )
    # the snapshot stays the first wave: the organisation row is the first wave's mean
    assert orgs["org-a"][1].own["kennisdeling"].mean == pytest.approx(3.0 + 0.1)  # scores 2-4 and the scale offset
    page_a = (tmp_path / "out" / "org-a" / "rapport.html").read_text(encoding="utf-8")
    page_z = (tmp_path / "out" / "org-z" / "rapport.html").read_text(encoding="utf-8")
    assert 'data-groep="verandering" data-schaal="kennisdeling" data-gemiddelde="+0,5"' in page_a
    assert "Verandering bij dezelfde invullers: +1,0 (+1,0–+1,0)" in page_z  # the planted firm: every score 1 -> 2
    assert "geen bewijs van een effect" in page_a
    for path in [tmp_path / "out" / "org-a" / "rapport.html", *sorted((tmp_path / "out").glob("org-p*/brief.html"))]:
        text = path.read_text(encoding="utf-8")
        assert "+1,0 (+1,0–+1,0)" not in text and "2,0 (2,0–2,0)" not in text
        assert 'data-groep="verandering"' not in text or path.parent.name == "org-a"
    # the output check passes these pages and finds the planted firm's change copied into Bakkerij Aa's page
    processed = tmp_path / "processed"
    processed.mkdir()
    data.drop(columns=["_noise"]).to_parquet(processed / "vragenlijst.parquet")
    disclosure = Disclosure.from_params(params)
    names = {"org-a": "Bakkerij Aa bv", "org-z": PLANTED}

    def check(folder):
        return check_feedback(folder, processed, disclosure, set(), frozenset(), names=names)

    assert check(tmp_path / "out") == []
    leaky = tmp_path / "leaky"
    shutil.copytree(tmp_path / "out", leaky)
    page = leaky / "org-a" / "rapport.html"
    page.write_text(page_a.replace("</main>", "<p>kennisdeling: +1,0 (+1,0–+1,0)</p></main>"), encoding="utf-8")
    found = [str(f) for f in check(leaky)]
    assert any("org-a/rapport.html" in f and "uit het rapport van een andere organisatie" in f for f in found)


def test_change_absent_when_one_wave_is_below_the_threshold(helpers, params, tmp_path):
    register, data = _two_waves(helpers, tmp_path, planted_after=9)  # 9 after: below feedback.min_respondents
    prepared = _render(register, data, params, tmp_path / "out")
    orgs = {o.code: o for _, o in prepared.organisations}
    assert orgs["org-z"].change == {}
    assert orgs["org-a"].change  # unaffected
    page = (tmp_path / "out" / "org-z" / "rapport.html").read_text(encoding="utf-8")
    assert 'data-groep="verandering"' not in page and 'data-groep="nameting"' not in page
    assert "maar een verandering staat hier niet" in page


def test_change_absent_when_the_rest_of_the_first_wave_is_small(helpers, params, tmp_path):
    # 12 before, 11 after of whom 9 matched: 9 pairs pass, but the 3 first-wave respondents without a partner would
    # follow from the first wave's mean minus the pairs' mean
    register, data = _two_waves(helpers, tmp_path)
    z = data["org_id"] == register.table.at["org-z", "org_id"]
    before = data.index[z & (data["meting"] == "voormeting")][9:]
    after = data.index[z & (data["meting"] == "nameting")][9:11]
    data.loc[before, "koppeling"] = "alleen voormeting"
    data.loc[after, "koppeling"] = "alleen nameting"
    data = data.drop(index=data.index[z & (data["meting"] == "nameting")][11:])
    orgs = {o.code: o for _, o in prepare(data, register, params).organisations}
    assert orgs["org-z"].change == {}
    # with no rest (all 12 matched) it is shown
    register, data = _two_waves(helpers, tmp_path)
    assert {o.code: o for _, o in prepare(data, register, params).organisations}["org-z"].change
