"""Conclusions and their triangulation: the wording follows the support, demo data never count as a finding."""

from __future__ import annotations

import pytest
from synthesis_claims import DEFAULTS, claim

from competentiecheck.synthesis.conclusions import assess, load_conclusions, triangulation_table
from competentiecheck.synthesis.evidence import Evidence

CONCLUSIONS, GENERIC = load_conclusions()
BY_ID = {c.id: c for c in CONCLUSIONS}


def evidence(status: str = "real", run: str = "totaal", **outcomes) -> Evidence:
    """Every claim of the defaults with ``status``; ``outcomes``: id (dots as '__') -> outcome or (outcome, status)."""
    claims = {}
    for claim_id, (outcome, _) in DEFAULTS.items():
        wanted = outcomes.get(claim_id.replace(".", "__"), outcome)
        out, st = wanted if isinstance(wanted, tuple) else (wanted, status)
        claims[claim_id] = claim(claim_id, run, out, st)
    return Evidence(run, claims)


def test_two_supporting_strands_and_no_contradiction_is_strong():
    # leerklimaat rests on literature, survey and company interviews; by hand: all hold on real data -> 3 strands
    result = assess(BY_ID["leerklimaat"], evidence(), GENERIC)
    assert result.level == "sterk"
    assert result.wording() == BY_ID["leerklimaat"].wording["sterk"]["nl"]
    assert [cell.state for cell in result.cells.values()] == ["steunt", "stil", "steunt", "steunt", "stil"]


def test_flipping_one_claim_changes_the_wording():
    strong = assess(BY_ID["leerklimaat"], evidence(), GENERIC)
    flipped = assess(BY_ID["leerklimaat"], evidence(vragenlijst__klimaat_tevredenheid="does not hold"), GENERIC)
    # the survey strand now both supports (three claims) and contradicts (one): support 3, contradiction 1
    assert flipped.cells["vragenlijst"].state == "gemengd"
    assert flipped.level == "betwist"
    assert flipped.wording() != strong.wording()
    assert "spreken elkaar tegen" in flipped.wording()


def test_one_strand_is_partial_and_contradiction_only_is_not_supported():
    # medewerkers rests on the company interviews alone
    partial = assess(BY_ID["medewerkers"], evidence(), GENERIC)
    assert partial.level == "gedeeltelijk"
    assert partial.wording() == BY_ID["medewerkers"].wording["gedeeltelijk"]["nl"]
    against = assess(BY_ID["medewerkers"], evidence(bedrijfsinterviews__medewerkers_betrekken="does not hold"), GENERIC)
    assert against.level == "niet ondersteund"
    assert against.wording().startswith("De gegevens ondersteunen niet dat")


def test_undecided_claims_leave_a_conclusion_undecided():
    result = assess(BY_ID["medewerkers"], evidence(bedrijfsinterviews__medewerkers_betrekken="undetermined"), GENERIC)
    assert result.level == "niet te beoordelen" and result.cells["bedrijfsinterviews"].state == "onbeslist"
    missing = Evidence("totaal", {})
    assert assess(BY_ID["medewerkers"], missing, GENERIC).cells["bedrijfsinterviews"].state == "niet gemeten"


def test_demo_claims_never_make_a_finding():
    everything_demo = evidence("demo", literatuur__leiderschap=("holds", "demo"))
    for conclusion in CONCLUSIONS:
        result = assess(conclusion, everything_demo, GENERIC)
        assert not result.is_finding, conclusion.id
        assert result.level in ("demo", "niet te beoordelen")
        if result.level == "demo":
            assert result.wording().startswith("Alleen synthetische demogegevens")
            assert "geen bevinding" in result.wording()


def test_real_support_counts_and_demo_support_does_not():
    # literature real (published) supports leerklimaat, the survey and interviews only on demo: one strand counts
    mixed = evidence(
        "demo", literatuur__leiderschap=("holds", "published"), literatuur__niveau__leiderschap=("holds", "published")
    )
    result = assess(BY_ID["leerklimaat"], mixed, GENERIC)
    assert result.level == "gedeeltelijk"
    assert result.cells["vragenlijst"].demo and result.cells["vragenlijst"].label() == "steunt (demo)"
    assert not result.cells["literatuur"].demo


def test_the_demo_wording_follows_the_demo_outcome():
    """On demo data a flipped claim still rewords what the demo 'would' conclude (it is shown, as no finding)."""
    holds = assess(BY_ID["samenwerking"], evidence("demo"), GENERIC)
    flipped = assess(
        BY_ID["samenwerking"], evidence("demo", partnerschappen__cocreatie_zeldzaam="does not hold"), GENERIC
    )
    assert (holds.level, holds.demo_level) == ("demo", "gedeeltelijk")
    assert (flipped.level, flipped.demo_level) == ("demo", "betwist")
    assert flipped.wording() != holds.wording()


def test_a_perceel_without_survey_models_gets_no_survey_finding():
    survey = [cid for cid in DEFAULTS if cid.startswith("vragenlijst.")]
    only_survey = Evidence("perceel-3", {cid: claim(cid, "perceel-3", "not publishable", "real") for cid in survey})
    for conclusion_id in ("autonomie", "leerklimaat"):
        result = assess(BY_ID[conclusion_id], only_survey, GENERIC)
        assert result.cells["vragenlijst"].state == "afgeschermd"
        assert result.level == "niet te beoordelen" and not result.is_finding
        assert BY_ID[conclusion_id].wording["sterk"]["nl"] not in result.wording()


def test_programme_claims_borrowed_by_a_perceel_are_marked():
    programme = {cid: claim(cid, "totaal", "holds", "published") for cid in ("literatuur.leiderschap",)}
    result = assess(BY_ID["leerklimaat"], Evidence("perceel-2", {}, programme), GENERIC)
    assert result.cells["literatuur"].label() == "steunt (prog.)"


def test_the_matrix_has_a_row_per_conclusion_and_a_column_per_strand():
    table = triangulation_table([assess(c, evidence(), GENERIC) for c in CONCLUSIONS])
    assert list(table.columns) == ["Conclusie", "Literatuur", "Plannen", "Vragenlijst", "Interviews", "Partners"]
    assert len(table) == len(CONCLUSIONS)
    # every cell is a short word (a phone shows six columns)
    assert max(len(v) for v in table.iloc[:, 1:].to_numpy().ravel()) <= len("afgeschermd (demo, prog.)")


@pytest.mark.parametrize("conclusion", CONCLUSIONS, ids=lambda c: c.id)
def test_every_wording_exists_in_both_languages(conclusion):
    for level in ("sterk", "gedeeltelijk", "betwist", "niet ondersteund", "niet te beoordelen"):
        result = assess(conclusion, Evidence("totaal", {}), GENERIC)
        result.level = level
        assert result.wording("nl") and result.wording("en") and "{" not in result.wording("nl")
