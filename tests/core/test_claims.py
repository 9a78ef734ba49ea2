"""Issue 20: the claims schema, its catalogue and the claims files."""

from __future__ import annotations

import re

import pytest

from competentiecheck.core.claims import (
    QUESTIONS,
    SOURCES,
    Claim,
    ClaimError,
    catalogue,
    make_claim,
    read_claims,
    write_claims,
)
from competentiecheck.core.paths import REPORT


def _claim(**changes):
    base = dict(
        id="vragenlijst.betrouwbaarheid",
        run="totaal",
        chapter="sec-statistiek",
        question=3,
        source="vragenlijst",
        statement="Alle schalen meten consistent.",
        test="α ≥ 0,60",
        numbers="laagste α = 0,71",
        n="95",
        outcome="holds",
        reason="",
        data_status="demo",
        notebook="02_survey",
    )
    return Claim(**{**base, **changes})


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"outcome": "klopt"}, "outcome"),
        ({"data_status": "synthetisch"}, "data_status"),
        ({"question": 6}, "question"),
        ({"source": "enquete"}, "source"),
        ({"outcome": "undetermined"}, "zonder reason"),
        ({"outcome": "not publishable", "reason": "te weinig respondenten"}, "geen getallen"),
        ({"id": "a,b"}, "komma"),
    ],
)
def test_a_claim_outside_the_schema_is_refused_naming_the_field(changes, message):
    with pytest.raises(ClaimError, match=message):
        _claim(**changes)


def test_claims_files_round_trip_sorted_and_refuse_a_duplicate(tmp_path):
    claims = [_claim(run="perceel-2"), _claim(id="vragenlijst.klimaat_leren"), _claim()]
    path = write_claims(claims, tmp_path)
    first = path.read_bytes()
    assert [(c.run, c.id) for c in read_claims(path)] == [
        ("perceel-2", "vragenlijst.betrouwbaarheid"),
        ("totaal", "vragenlijst.betrouwbaarheid"),
        ("totaal", "vragenlijst.klimaat_leren"),
    ]
    assert write_claims(list(reversed(claims)), tmp_path).read_bytes() == first  # same claims, same bytes
    with pytest.raises(ClaimError, match="twee keer"):
        write_claims([_claim(), _claim()], tmp_path)


def test_a_bad_row_in_a_claims_file_names_file_and_row(tmp_path):
    path = write_claims([_claim(), _claim(id="vragenlijst.klimaat_leren")], tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",holds,", ",misschien,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ClaimError, match=r"claims.csv, rij 3: .*outcome 'misschien'"):
        read_claims(path)


def test_the_catalogue_names_existing_sections_questions_and_sources():
    sections = set()
    for qmd in REPORT.glob("*.qmd"):
        sections |= set(re.findall(r"\{#(sec-[\w-]+)", qmd.read_text(encoding="utf-8")))
    # a chapter whose heading a step writes into a fragment (the change chapter of issue 23)
    for module in (REPORT.parent / "src" / "competentiecheck").rglob("report_*.py"):
        sections |= set(re.findall(r"\{#(sec-[\w-]+)", module.read_text(encoding="utf-8")))
    for key, entry in catalogue().items():
        assert entry["question"] in QUESTIONS, key
        assert entry["source"] in SOURCES, key
        assert key.split(".")[0] == entry["source"], key  # the id starts with its strand
        assert entry["chapter"] in sections, (key, entry["chapter"])
        assert entry["runs"] in ("totaal", "all"), key


def test_make_claim_takes_statement_and_test_from_the_catalogue_and_fills_a_family():
    claim = make_claim(
        "vragenlijst.sterkste.beroepsexpertise",
        "perceel-1",
        "undetermined",
        reason="interval bevat 0",
        data_status="demo",
        notebook="02_survey",
        predictor="Autonomie",
        competence_label="beroepsexpertise",
    )
    assert claim.statement == "Autonomie voorspelt beroepsexpertise het sterkst."
    assert claim.chapter == "sec-statistiek" and claim.question == 3 and claim.source == "vragenlijst"
    with pytest.raises(ClaimError, match="niet in claims.yml"):
        make_claim("vragenlijst.onbekend", "totaal", "holds", data_status="demo", notebook="02_survey")
    with pytest.raises(ClaimError, match="vul 'predictor' in"):
        make_claim("vragenlijst.sterkste.x", "totaal", "holds", data_status="demo", notebook="02_survey")
