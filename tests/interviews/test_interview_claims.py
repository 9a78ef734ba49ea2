"""The company interviews' findings as tested claims: counts per theme checked against an independent count
of the codings, outcomes that change with the codings, the disclosure rule, and the findings sentence."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from competentiecheck.core.params import load_params
from competentiecheck.core.paths import DATA
from competentiecheck.interviews.analysis import analyse_interviews
from competentiecheck.interviews.claims import CLIMATE, EMPLOYEES, MATURITY, SUPPORT, TIME, interview_claims
from competentiecheck.interviews.demo import INTERVIEWS
from competentiecheck.interviews.report import interviews_finding
from competentiecheck.qualitative.codebook import load_scheme
from competentiecheck.qualitative.coded_data import load_coded_data
from competentiecheck.qualitative.matrices import code_frequencies

PARAMS = load_params("totaal")
SCHEME = load_scheme(DATA / "codebook" / "swot.yml")


@pytest.fixture(scope="module")
def results():
    cases = pd.read_csv(INTERVIEWS / "casussen.csv", dtype=str)
    files = sorted(INTERVIEWS.glob("*.qdpx")) + sorted(INTERVIEWS.glob("segmenten_*.csv"))
    return analyse_interviews(load_coded_data(files, SCHEME, cases), PARAMS, "test-zout-" + "x" * 16)


def _claims(results, status="demo"):
    return {c.id: c for c in interview_claims(results, PARAMS, status)}


def _interviews(primary: pd.DataFrame, paths) -> int:
    """Independent count: cases with a coding whose path (as text) is one of ``paths`` or lies below one."""
    texts = primary["path"].map(" > ".join)
    hit = texts.map(lambda t: any(t == p or t.startswith(p + " > ") for p in paths))
    return primary.loc[hit, "case"].nunique()


def _without(results, drop):
    """The results with every coding of the themes ``drop`` (and their subthemes) removed."""
    texts = results.primary["path"].map(" > ".join)
    keep = ~texts.map(lambda t: any(t == p or t.startswith(p + " > ") for p in drop))
    primary = results.primary[keep]
    return dataclasses.replace(results, primary=primary, frequencies=code_frequencies(primary, SCHEME))


def test_the_themes_of_each_claim_are_codes_of_bijlage_5():
    paths = set(SCHEME.codes["path"].map(" > ".join))
    assert {SUPPORT, *TIME, *EMPLOYEES, *MATURITY, *CLIMATE} <= paths


def test_demo_outcomes_with_counts_checked_independently(results):
    claims = _claims(results)
    n = results.n_interviews
    assert all(c.n == str(n) and c.data_status == "demo" and c.notebook == "04_interviews" for c in claims.values())
    support = _interviews(results.primary, [SUPPORT])
    assert f"'Begeleiding' in {support} van de {n} interviews" in claims["bedrijfsinterviews.sterkte"].numbers
    for claim_id, paths, share in (
        ("bedrijfsinterviews.medewerkers_betrekken", EMPLOYEES, 3),
        ("bedrijfsinterviews.maturiteit", MATURITY, 3),
        ("bedrijfsinterviews.leerklimaat", CLIMATE, 2),
    ):
        k = _interviews(results.primary, paths)
        assert f"met minstens één ervan: {k} van de {n}" in claims[claim_id].numbers
        assert claims[claim_id].outcome == ("holds" if k * share >= n else "does not hold")
    # in the demo the support leads the strengths (8 of 9) and time shares the third place of W and T
    assert claims["bedrijfsinterviews.sterkte"].outcome == "holds"
    assert claims["bedrijfsinterviews.tijd_risico"].outcome == "holds"


def test_without_the_support_as_strength_the_claim_fails_and_names_the_leader(results):
    changed = _without(results, [SUPPORT])
    claim = _claims(changed)["bedrijfsinterviews.sterkte"]
    assert claim.outcome == "does not hold" and "het vaakst genoemd: 'Tijd / timing'" in claim.numbers
    sentence = interviews_finding(changed, PARAMS, "nl", interview_claims(changed, PARAMS, "demo"))
    assert "niet de begeleiding maar 'Tijd / timing'" in sentence


def test_without_time_as_weakness_time_is_no_frequent_risk(results):
    assert _claims(_without(results, list(TIME)))["bedrijfsinterviews.tijd_risico"].outcome == "does not hold"


def test_employees_in_fewer_than_a_third_of_the_interviews(results):
    primary = results.primary
    texts = primary["path"].map(" > ".join)
    on_employees = texts.map(lambda t: any(t == p or t.startswith(p + " > ") for p in EMPLOYEES))
    keep_cases = sorted(primary.loc[on_employees, "case"].unique())[:2]  # 2 of 9: below a third
    keep = ~on_employees | primary["case"].isin(keep_cases)
    changed = dataclasses.replace(results, primary=primary[keep], frequencies=code_frequencies(primary[keep], SCHEME))
    claim = _claims(changed)["bedrijfsinterviews.medewerkers_betrekken"]
    assert claim.outcome == "does not hold" and "met minstens één ervan: 2 van de 9" in claim.numbers


def test_fewer_interviews_than_the_minimum_are_not_publishable(results):
    claims = _claims(dataclasses.replace(results, n_interviews=PARAMS["disclosure"]["min_cases"] - 1))
    assert all(c.outcome == "not publishable" and not c.numbers for c in claims.values())
    assert all("disclosure.min_cases" in c.reason for c in claims.values())


def test_the_findings_sentence_is_not_circular_and_marks_the_demo(results):
    demo = interviews_finding(results, PARAMS, "nl", interview_claims(results, PARAMS, "demo"))
    assert "de vaakst genoemde sterkte van de begeleiding" not in demo
    support = _interviews(results.primary, [SUPPORT])
    assert f"noemen er {support} de begeleiding zelf als sterkte" in demo
    assert "synthetische" in demo and "geen bevinding over het programma" in demo
    real = interviews_finding(results, PARAMS, "nl", interview_claims(results, PARAMS, "real"))
    assert "synthetische" not in real and real.startswith(f"Van de {results.n_interviews} geïnterviewde")
    english = interviews_finding(results, PARAMS, "en", interview_claims(results, PARAMS, "demo"))
    assert "synthetic" in english and "name the support itself as a strength" in english
