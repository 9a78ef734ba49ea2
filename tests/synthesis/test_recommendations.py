"""Recommendations are issued by their condition, only when every claim of it has the required outcome on real
or published data, and link to every claim of their reasoning; the library is checked against the catalogue."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml
from synthesis_claims import DEFAULTS, claim

from competentiecheck.core.errors import InputError
from competentiecheck.synthesis.conclusions import anchor, load_conclusions
from competentiecheck.synthesis.evidence import Evidence
from competentiecheck.synthesis.programme_theory import load_theory
from competentiecheck.synthesis.recommendations import (
    RECOMMENDATIONS_FILE,
    decide,
    decide_all,
    load_recommendations,
)

RECOMMENDATIONS, AUDIENCES = load_recommendations()
BY_ID = {r.id: r for r in RECOMMENDATIONS}


def evidence(status: str = "real", **outcomes) -> Evidence:
    claims = {}
    for claim_id, (outcome, _) in DEFAULTS.items():
        wanted = outcomes.get(claim_id.replace(".", "__"), outcome)
        out, st = wanted if isinstance(wanted, tuple) else (wanted, status)
        claims[claim_id] = claim(claim_id, "totaal", out, st)
    return Evidence("totaal", claims)


def test_the_library_has_about_twenty_recommendations_for_four_audiences():
    assert 18 <= len(RECOMMENDATIONS) <= 26
    assert set(AUDIENCES) == {"DWSE", "dienstverleners", "KMO's", "evaluatieteam"}
    assert {r.audience for r in RECOMMENDATIONS} == set(AUDIENCES)


def test_co_creation_that_is_not_rare_withdraws_the_co_creation_recommendation():
    rare = decide(BY_ID["dwse.samen_uitvoeren"], evidence())
    common = decide(BY_ID["dwse.samen_uitvoeren"], evidence(partnerschappen__cocreatie_zeldzaam="does not hold"))
    assert rare.status == "issued"
    assert common.status == "withheld"
    # the reason names the claim by its label, linked to its entry (never by its id)
    assert "(#bev-partnerschappen-cocreatie-zeldzaam)" in common.reasons[0] and "klopt niet" in common.reasons[0]
    assert "partnerschappen.cocreatie_zeldzaam" not in common.reasons[0]
    # on demo data it moves from 'what the demo would give' to withheld
    assert decide(BY_ID["dwse.samen_uitvoeren"], evidence("demo")).status == "demo"
    flipped = evidence("demo", partnerschappen__cocreatie_zeldzaam="does not hold")
    assert decide(BY_ID["dwse.samen_uitvoeren"], flipped).status == "withheld"


def test_a_condition_that_asks_for_a_claim_not_to_hold():
    # 'ask for tailored plans' rests on plannen.op_maat not holding (template plans exist)
    templates = decide(BY_ID["dwse.plannen_op_maat"], evidence())
    tailored = decide(BY_ID["dwse.plannen_op_maat"], evidence(plannen__op_maat="holds"))
    assert (templates.status, tailored.status) == ("issued", "withheld")


def test_the_single_wave_survey_asks_for_a_pre_post_measurement():
    assert decide(BY_ID["dwse.voor_en_nameting"], evidence()).status == "issued"
    assert (
        decide(BY_ID["dwse.voor_en_nameting"], evidence(vragenlijst__eenmalige_meting="does not hold")).status
        == "withheld"
    )


def test_demo_only_never_issues_and_unpublishable_or_missing_withholds():
    assert not [d for d in decide_all(RECOMMENDATIONS, evidence("demo")) if d.status == "issued"]
    hidden = decide(BY_ID["kmo.leerklimaat_behoud"], evidence(vragenlijst__klimaat_tevredenheid="not publishable"))
    assert hidden.status == "withheld" and "niet publiceerbaar" in hidden.reasons[0]
    missing = decide(BY_ID["kmo.leerklimaat_behoud"], Evidence("totaal", {}))
    assert missing.status == "withheld" and "niet getoetst" in missing.reasons[0]
    assert "](#" not in missing.reasons[0]  # no link to an anchor the run does not have


def test_one_demo_claim_in_the_condition_moves_it_to_the_demo_block():
    """Rule 2 (issue 20 review; this test asserted 'issued' before): learning leadership rests on the
    literature (published) and the survey; with the survey on the demo, one real claim that holds is no
    longer enough."""
    mixed = evidence("demo", literatuur__leiderschap=("holds", "published"))
    decision = decide(BY_ID["dienst.leerleiderschap"], mixed)
    assert decision.status == "demo"
    assert "leerleiderschap en leren" in decision.reasons[0] and "synthetische demogegevens" in decision.reasons[0]
    assert "(demo)" in decision.links(mixed)  # the demo claim is marked where the recommendation links to it
    both_real = evidence(
        "demo", literatuur__leiderschap=("holds", "published"), vragenlijst__leerleiderschap_leren=("holds", "real")
    )
    assert decide(BY_ID["dienst.leerleiderschap"], both_real).status == "issued"


@pytest.mark.parametrize(
    ("recommendation", "real_claim", "demo_claim"),
    [
        # the reviewer's cases: issued before because one claim of the condition was published
        ("dwse.oproep_samen_opstellen", "partnerschappen__respons", "partnerschappen__cocreatie_zeldzaam"),
        ("eval.schalen_herzien", "vragenlijst__eenmalige_meting", "vragenlijst__betrouwbaarheid"),
    ],
)
def test_a_published_claim_does_not_issue_a_recommendation_whose_reasoning_is_demo(
    recommendation, real_claim, demo_claim
):
    outcome = DEFAULTS[demo_claim.replace("__", ".")][0]
    run = evidence("demo", **{real_claim: ("holds", "published"), demo_claim: (outcome, "demo")})
    assert decide(BY_ID[recommendation], run).status == "demo"
    # the context claim is not part of the condition: on real data the reasoning alone issues it
    assert real_claim.replace("__", ".") not in BY_ID[recommendation].condition
    assert decide(BY_ID[recommendation], evidence("real")).status == "issued"


def test_every_claim_of_a_condition_is_one_the_recommendation_rests_on():
    for recommendation in RECOMMENDATIONS:
        assert recommendation.condition and set(recommendation.condition) <= set(recommendation.rests_on)


@pytest.mark.parametrize("status", ["real", "published", "demo"])
def test_every_issued_recommendation_links_to_every_claim_of_its_condition(status):
    """Issued: every claim of the condition linked, with the outcome the condition asks, on real or published
    data (a recommendation whose reasoning is that a claim does not hold, such as unreliable scales, links to
    that claim)."""
    run = evidence(status, literatuur__leiderschap=("holds", "published"))
    issued = [d for d in decide_all(RECOMMENDATIONS, run) if d.status == "issued"]
    if status != "demo":
        assert issued
    for decision in issued:
        linked = set(re.findall(r"\(#(bev-[\w-]+)\)", decision.links(run)))
        for claim_id, required in decision.recommendation.condition.items():
            claim = run.get(claim_id)
            assert anchor(claim_id) in linked, decision.recommendation.id
            assert claim.outcome == required and claim.data_status != "demo", decision.recommendation.id


def _copy_with(tmp_path, source, edit):
    target = tmp_path / source.name
    shutil.copy(source, target)
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    edit(data)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def test_an_unknown_claim_in_the_recommendations_is_caught(tmp_path):
    def edit(data):
        data["recommendations"][0]["rests_on"].append("vragenlijst.bestaat_niet")
        data["recommendations"][0]["condition"]["vragenlijst.bestaat_niet"] = "holds"

    path = _copy_with(tmp_path, RECOMMENDATIONS_FILE, edit)
    with pytest.raises(InputError, match="vragenlijst.bestaat_niet") as error:
        load_recommendations(path)
    assert path.name in str(error.value)


def test_an_unknown_claim_in_the_conclusions_or_the_theory_is_caught(tmp_path):
    from competentiecheck.synthesis.conclusions import CONCLUSIONS_FILE
    from competentiecheck.synthesis.programme_theory import THEORY_FILE

    # the claims sit under the parts of a conclusion (issue 20 review)
    path = _copy_with(
        tmp_path,
        CONCLUSIONS_FILE,
        lambda d: d["conclusions"][0]["parts"][0]["rests_on"]["plannen"].append("plannen.geen"),
    )
    with pytest.raises(InputError, match="plannen.geen"):
        load_conclusions(path)
    path = _copy_with(
        tmp_path,
        CONCLUSIONS_FILE,
        lambda d: d["conclusions"][2]["parts"][0]["rests_on"]["literatuur"].append("literatuur.niveau.maan"),
    )
    with pytest.raises(InputError, match="literatuur.niveau.maan"):
        load_conclusions(path)
    # a claim under the wrong strand
    path = _copy_with(
        tmp_path,
        CONCLUSIONS_FILE,
        lambda d: d["conclusions"][0]["parts"][0]["rests_on"]["plannen"].append("vragenlijst.klimaat_leren"),
    )
    with pytest.raises(InputError, match="hoort bij de bron"):
        load_conclusions(path)
    # a claim that tests two parts of one conclusion
    path = _copy_with(
        tmp_path,
        CONCLUSIONS_FILE,
        lambda d: d["conclusions"][0]["parts"][1]["rests_on"]["plannen"].append("plannen.profielen_verschillen"),
    )
    with pytest.raises(InputError, match="meer dan één deel"):
        load_conclusions(path)
    path = _copy_with(tmp_path, THEORY_FILE, lambda d: d["edges"][0]["claims"].append("partnerschappen.niets"))
    with pytest.raises(InputError, match="partnerschappen.niets"):
        load_theory(path)


def test_a_family_member_is_a_known_id():
    # literatuur.niveau.job is a member of literatuur.niveau.{level} (a level of the theme codebook)
    conclusions, _ = load_conclusions()
    assert any("literatuur.niveau.job" in c.claim_ids() for c in conclusions)


def test_a_recommendation_may_not_name_a_perceel_or_have_an_empty_condition(tmp_path):
    def names_perceel(data):
        data["recommendations"][0]["text"]["nl"] = "Leer van perceel 3."

    with pytest.raises(InputError, match="noemt een perceel"):
        load_recommendations(_copy_with(tmp_path, RECOMMENDATIONS_FILE, names_perceel))

    # a condition on claims the recommendation does not rest on, or on none (before the review: a condition
    # had to ask for a claim that holds; 'revise the scales' rests on a claim that does not hold)
    def outside(data):
        data["recommendations"][0]["condition"] = {"plannen.op_maat": "holds"}

    with pytest.raises(InputError, match="niet onder rests_on"):
        load_recommendations(_copy_with(tmp_path, RECOMMENDATIONS_FILE, outside))

    def empty(data):
        data["recommendations"][0]["condition"] = {}

    with pytest.raises(InputError, match="noemt geen enkele claim"):
        load_recommendations(_copy_with(tmp_path, RECOMMENDATIONS_FILE, empty))
