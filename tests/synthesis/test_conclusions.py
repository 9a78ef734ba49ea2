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
    assert result.level == "sterk" and result.complete
    # the own wording, followed by the sources that carry it (issue 20 review: a wording names its sources)
    assert result.wording() == (
        BY_ID["leerklimaat"].wording["sterk"]["nl"]
        + " Dat blijkt uit de literatuurstudie, de vragenlijst en de interviews met ondernemingen."
    )
    assert result.heading() == BY_ID["leerklimaat"].title
    assert [cell.state for cell in result.cells.values()] == ["steunt", "stil", "steunt", "steunt", "stil"]


def test_flipping_one_claim_changes_the_wording():
    strong = assess(BY_ID["leerklimaat"], evidence(), GENERIC)
    flipped = assess(BY_ID["leerklimaat"], evidence(vragenlijst__klimaat_tevredenheid="does not hold"), GENERIC)
    # the survey strand now both supports (three claims) and contradicts (one): support 3, contradiction 1
    assert flipped.cells["vragenlijst"].state == "gemengd"
    assert flipped.level == "betwist"
    assert flipped.wording() != strong.wording()
    # the wording says which source contradicts which part (it said 'spreken elkaar tegen' before the parts)
    assert "De vragenlijst spreekt tegen dat een warm leerklimaat samengaat met een hogere jobtevredenheid." in (
        flipped.wording()
    )
    assert flipped.heading().endswith("?")  # a contradicted conclusion never gets an affirming heading


def test_one_strand_is_partial_and_contradiction_only_is_not_supported():
    # medewerkers rests on the company interviews alone: the wording names them (no own 'gedeeltelijk' text)
    partial = assess(BY_ID["medewerkers"], evidence(), GENERIC)
    assert partial.level == "gedeeltelijk" and partial.complete
    assert partial.wording().startswith("De interviews met ondernemingen wijzen erop dat de ondernemingen")
    against = assess(BY_ID["medewerkers"], evidence(bedrijfsinterviews__medewerkers_betrekken="does not hold"), GENERIC)
    assert against.level == "niet ondersteund"
    assert against.wording().startswith("De interviews met ondernemingen spreken tegen dat")
    assert against.heading() == BY_ID["medewerkers"].vraag


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
            assert result.heading().endswith("(alleen demo)")


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


# --------------------------------------------------------------------------- issue 20 review, rule 1 and 3


def _named(conclusion_id: str) -> dict[str, list[str]]:
    """Part id -> the claims it rests on, from the file."""
    return {
        part.id: [cid for entries in part.rests_on.values() for cid, _ in entries]
        for part in BY_ID[conclusion_id].parts
    }


def test_only_claims_that_test_a_part_support_a_conclusion():
    """Rule 1: a claim that does not test the conclusion does not count for it. Written out by hand: the
    literature's 'learning in SMEs is mostly informal' compares no individual and social learning, so it is
    under no conclusion; satisfaction and staying rest on the survey alone."""
    named = {cid for c in CONCLUSIONS for cid in c.claim_ids()}
    assert "literatuur.informeel_leren" not in named
    assert _named("autonomie") == {
        "autonomie": ["literatuur.niveau.job", "vragenlijst.autonomie_competenties"],
        "individueel_boven_sociaal": ["vragenlijst.individueel_boven_sociaal"],
    }
    assert _named("leerklimaat") == {
        "leiderschap": ["literatuur.leiderschap", "literatuur.niveau.leiderschap", "vragenlijst.leerleiderschap_leren"],
        "leren": ["vragenlijst.klimaat_leren", "bedrijfsinterviews.leerklimaat"],
        "tevredenheid": ["vragenlijst.klimaat_tevredenheid"],
        "blijven": ["vragenlijst.klimaat_retentie"],
    }


def test_a_context_claim_no_longer_carries_the_autonomy_conclusion():
    """Before: literatuur.informeel_leren holding made conclusion 3 'gedeeltelijk' (one source supports). Now
    it counts for nothing; only the survey's own claims (demo here) and the job level can decide."""
    run = evidence(
        "demo",
        literatuur__informeel_leren=("holds", "published"),
        literatuur__niveau__job=("undetermined", "published"),
    )
    result = assess(BY_ID["autonomie"], run, GENERIC)
    assert result.level == "demo" and not result.is_finding
    assert result.cells["literatuur"].state == "onbeslist"


def test_the_wording_names_the_source_and_the_part_it_supports():
    """Rule 1: literature (published) supports leadership, the survey (demo) the rest: the text names the
    literature for leadership and says satisfaction and staying rest on the demo only; never 'Eén bron'."""
    run = evidence(
        "demo",
        literatuur__leiderschap=("holds", "published"),
        literatuur__niveau__leiderschap=("holds", "published"),
        vragenlijst__leerleiderschap_leren=("undetermined", "demo"),
    )
    result = assess(BY_ID["leerklimaat"], run, GENERIC)
    assert result.level == "gedeeltelijk" and not result.complete
    assert result.wording() == (
        "De literatuurstudie wijst erop dat de zaakvoerder of leidinggevende een sleutel is voor leren in KMO's. "
        "Of een warm leerklimaat samengaat met meer leren, een hogere jobtevredenheid en de wil om te blijven, "
        "kunnen alleen de synthetische demogegevens tonen, en die zijn geen bevinding over de werking."
    )
    english = result.wording("en")
    assert english.startswith("The literature review indicates that the owner or manager is a key to learning")
    assert "whether a warm learning climate goes together with more learning, higher job satisfaction" in english
    for text in (result.wording(), english):
        assert "Eén bron" not in text and "One source" not in text and "supports that" not in text
    # the heading does not affirm what only one part of the data supports, and the meaning is not shown
    assert result.heading() == BY_ID["leerklimaat"].vraag


def test_headings_of_demo_only_or_contradicted_conclusions_do_not_affirm():
    """Rule 3: on demo data only, the heading is the question marked '(alleen demo)'; contradicted (here on
    demo), it is never the affirming title."""
    contradicted = assess(
        BY_ID["coordinatie"], evidence("demo", partnerschappen__coordinator_centraal="does not hold"), GENERIC
    )
    assert (contradicted.level, contradicted.demo_level) == ("demo", "niet ondersteund")
    assert contradicted.heading() == "Is het coördinerende fonds de spil? (alleen demo)"
    assert contradicted.heading("en") == "Is the coordinating fund the hub? (demo only)"
    assert "spreken tegen dat het coördinerende fonds de spil" in contradicted.wording()
    real = assess(BY_ID["coordinatie"], evidence("real", partnerschappen__coordinator_centraal="holds"), GENERIC)
    assert real.heading() == BY_ID["coordinatie"].title  # supported on real data: it may affirm
    against = assess(
        BY_ID["coordinatie"], evidence("real", partnerschappen__coordinator_centraal="does not hold"), GENERIC
    )
    assert against.heading() == "Is het coördinerende fonds de spil?"


def test_the_demo_wording_is_quoted_with_closing_quotes():
    result = assess(BY_ID["maturiteit"], evidence("demo"), GENERIC)
    text = result.wording()
    assert "luiden: “" in text and "” Dat is geen bevinding" in text and "'" not in text.replace("KMO's", "")


def test_parts_with_the_same_opening_are_merged_and_a_claim_tests_one_part():
    # samenwerking: three parts share 'de fondsen in de partnerschappen'; all hold on real data, one strand
    result = assess(BY_ID["samenwerking"], evidence("real"), GENERIC)
    assert result.level == "gedeeltelijk" and result.complete
    assert result.wording() == (
        "De gesprekken en netwerkcirkels van de partnerschappen wijzen erop dat de fondsen in de partnerschappen "
        "vooral informatie en feedback uitwisselden, zelden samen iets maakten en weinig van elkaar afhankelijk "
        "waren."
    )
