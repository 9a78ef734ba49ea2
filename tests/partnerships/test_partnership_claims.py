"""Chapter 8's findings as tested claims: outcomes and numbers against counts by hand from the demo files,
outcomes that flip with the data, and the wording of the findings by the claims' data status."""

import csv
import re
import shutil
from collections import Counter, defaultdict

import pandas as pd
import pytest

from competentiecheck.core.claims import read_claims, write_claims
from competentiecheck.core.params import load_params
from competentiecheck.core.paths import DATA, PUBLISHED, RUNS
from competentiecheck.partnerships.analysis import analyse_networks, read_inputs
from competentiecheck.partnerships.claims import network_claims, partnership_claims
from competentiecheck.partnerships.report import partnerships_conclusion, partnerships_finding
from competentiecheck.partnerships.response import response_table

FOLDER = DATA / "demo" / "partnerschappen"
IDS = {
    "partnerschappen.coordinator_centraal",
    "partnerschappen.informatie_feedback",
    "partnerschappen.cocreatie_zeldzaam",
    "partnerschappen.lage_afhankelijkheid",
    "partnerschappen.respons",
}


@pytest.fixture(autouse=True)
def _secret_salt(monkeypatch):
    """A copy of the demo outside data/demo/ counts as the team's real input: it needs a secret salt."""
    monkeypatch.setenv("COMPETENTIECHECK_SALT", "test-zout-" + "0f1e2d3c4b5a6978" * 2)


def _copy(tmp_path):
    folder = tmp_path / "partnerschappen"
    shutil.copytree(FOLDER, folder)
    return folder


def _claims(folder=FOLDER, demo=True):
    params = load_params("totaal")
    inputs = read_inputs(params, folder)
    networks = analyse_networks(inputs, params)
    response = response_table(inputs.participants, pd.read_csv(PUBLISHED / "tabel8_respons.csv"))
    claims = partnership_claims(networks, response, inputs.participants, demo=demo)
    return networks, claims, {(c.run, c.id): c for c in claims}


def _by_hand(folder=FOLDER):
    """The demo files counted with the csv module, independently of the package."""
    funds = list(csv.DictReader(open(folder / "deelnemers.csv", encoding="utf-8")))
    perceel = {r["sectorfonds"]: int(r["perceel"]) for r in funds}
    rows = list(csv.DictReader(open(folder / "netwerkcirkels.csv", encoding="utf-8")))
    return funds, perceel, rows


def _share(rows, form):
    return sum(r[form] == "x" for r in rows) / len(rows)


@pytest.fixture(scope="module")
def demo():
    return _claims()


def test_every_run_has_the_five_claims(demo):
    _, claims, _ = demo
    for run in RUNS:
        assert {c.id for c in claims if c.run == run} == IDS, run


def test_forms_and_co_creation_by_hand(demo):
    _, _, found = demo
    _, perceel, rows = _by_hand()
    groups = {"totaal": rows} | {f"perceel-{p}": [r for r in rows if perceel[r["fonds"]] == p] for p in range(1, 6)}
    for run, mine in groups.items():
        info, feedback, cocreation = (_share(mine, form) for form in ("informatie", "feedback", "cocreatie"))
        common = found[(run, "partnerschappen.informatie_feedback")]
        rare = found[(run, "partnerschappen.cocreatie_zeldzaam")]
        assert common.outcome == ("holds" if cocreation < min(info, feedback) else "does not hold"), run
        assert rare.outcome == ("holds" if cocreation < 1 / 3 else "does not hold"), run
        assert f"co-creatie {round(100 * cocreation)} %" in rare.numbers and f"van {len(mine)} banden" in rare.numbers
        assert rare.n == str(len(mine)) and rare.data_status == "demo"
    # the demo: 4 of 43 ties with co-creation in the programme; perceel 4 has 1 of its 2 ties with co-creation
    # and none with feedback
    assert found[("totaal", "partnerschappen.cocreatie_zeldzaam")].outcome == "holds"
    assert found[("perceel-4", "partnerschappen.cocreatie_zeldzaam")].outcome == "does not hold"
    assert found[("perceel-4", "partnerschappen.informatie_feedback")].outcome == "does not hold"


def test_coordinator_claims_by_hand(demo):
    _, _, found = demo
    funds, perceel, rows = _by_hand()
    coordinator = {int(r["perceel"]): r["sectorfonds"] for r in funds if r["coordinator"].strip()}
    named = defaultdict(Counter)
    for r in rows:
        named[perceel[r["fonds"]]][r["partner"]] += 1
    expected = {}
    for p in range(1, 6):
        top = max(named[p].values())
        expected[p] = "holds" if named[p][coordinator[p]] == top else "does not hold"
        claim = found[(f"perceel-{p}", "partnerschappen.coordinator_centraal")]
        assert claim.outcome == expected[p], p
        assert f"coördinator {coordinator[p]} genoemd door {named[p][coordinator[p]]} partner" in claim.numbers
        assert claim.data_status == "demo"  # the coordinator is the marked demo value
    programme = found[("totaal", "partnerschappen.coordinator_centraal")]
    assert programme.outcome == ("holds" if all(v == "holds" for v in expected.values()) else "does not hold")
    assert programme.outcome == "does not hold"  # perceel 1: Volta named once, Educam and Woodwize twice


def test_response_is_tabel_8_and_published(demo):
    _, _, found = demo
    funds, _, _ = _by_hand()
    active = [r for r in funds if r["status"] != "niet actief"]
    took_part = [r for r in active if r["status"] == "deelgenomen"]
    claim = found[("totaal", "partnerschappen.respons")]
    assert claim.outcome == "holds" and claim.data_status == "published"
    assert f"{len(took_part)} van de {len(active)} actieve sectorfondsen" in claim.numbers
    # perceel 1: 2 of 4 funds, exactly half, is not more than half
    assert found[("perceel-1", "partnerschappen.respons")].outcome == "does not hold"
    assert "2 van de 4" in found[("perceel-1", "partnerschappen.respons")].numbers


def test_interdependence_is_decided_on_shown_percelen_only(demo):
    networks, _, found = demo
    assert networks.hidden_percelen  # the demo hides the means of the small percelen
    programme = found[("totaal", "partnerschappen.lage_afhankelijkheid")]
    assert programme.outcome == "not publishable" and programme.numbers == "" and "niet getoond" in programme.reason
    for network in networks.networks:
        claim = found[(f"perceel-{network.perceel}", "partnerschappen.lage_afhankelijkheid")]
        if network.scores_shown:
            _, perceel, rows = _by_hand()
            mine = [int(r["bijdrage"]) for r in rows if perceel[r["fonds"]] == network.perceel]
            mean = sum(mine) / len(mine)
            assert claim.outcome == ("does not hold" if mean >= 3.0 else "holds")
            assert f"{mean:.2f}".replace(".", ",") in claim.numbers
        else:
            assert claim.outcome == "not publishable" and claim.numbers == ""


def _with_co_creation(tmp_path, ties: int):
    """The demo circles with co-creation on ``ties`` ties in all (marked on the first ties without it);
    returns the folder and the share."""
    folder = _copy(tmp_path)
    file = folder / "netwerkcirkels.csv"
    with open(file, encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        if sum(r["cocreatie"] == "x" for r in rows) == ties:
            break
        row["cocreatie"] = "x"
    with open(file, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return folder, sum(r["cocreatie"] == "x" for r in rows) / len(rows)


def test_co_creation_in_more_than_a_third_of_the_ties_flips_the_claim(tmp_path):
    below, share = _with_co_creation(tmp_path / "below", 13)  # 13 of 43 ties: 30 %, still under a third
    assert 0.25 < share < 1 / 3
    assert _claims(below)[2][("totaal", "partnerschappen.cocreatie_zeldzaam")].outcome == "holds"
    folder, share = _with_co_creation(tmp_path / "above", 15)  # 15 of 43 ties: 35 %
    assert share > 1 / 3
    networks, claims, found = _claims(folder, demo=True)
    claim = found[("totaal", "partnerschappen.cocreatie_zeldzaam")]
    assert claim.outcome == "does not hold" and f"co-creatie {round(100 * share)} %" in claim.numbers
    conclusion = partnerships_conclusion(networks, claims)
    assert "vaker dan het eindverslag" in conclusion and "vooral uit informatie delen en feedback" not in conclusion
    # the demo itself (4 of 43) holds, and its conclusion says so
    demo_networks, demo_claims, _ = _claims()
    assert "vooral uit informatie delen en feedback" in partnerships_conclusion(demo_networks, demo_claims)


def test_a_perceel_without_circles_is_undetermined(tmp_path):
    folder = _copy(tmp_path)
    file = folder / "netwerkcirkels.csv"
    lines = file.read_text(encoding="utf-8").splitlines()
    file.write_text(
        "\n".join(line for line in lines if ",Vivo," not in line and ",Diverscity," not in line) + "\n",
        encoding="utf-8",
    )
    _, _, found = _claims(folder, demo=True)
    for claim_id in IDS - {"partnerschappen.respons"}:
        claim = found[("perceel-4", claim_id)]
        assert claim.outcome == "undetermined" and "geen consulent een netwerkcirkel" in claim.reason, claim_id
    # the programme's coordinator claim counts the percelen with circles only
    assert "van 4 percelen met netwerkcirkels" in found[("totaal", "partnerschappen.coordinator_centraal")].numbers


def test_demo_data_are_never_worded_as_a_programme_finding(demo, tmp_path):
    networks, claims, _ = demo
    finding, english, conclusion = (
        partnerships_finding(networks, "nl", claims),
        partnerships_finding(networks, "en", claims),
        partnerships_conclusion(networks, claims),
    )
    assert "synthetische demowaarden" in finding and "synthetic demo values" in english
    assert "geen aanbeveling" in conclusion and "synthetisch" in conclusion
    # without the claims the text cannot know the data are real: it words them as demo values too
    assert partnerships_finding(networks) == finding
    # real circles (a copy outside data/demo) with the demo coordinators: only the coordinator stays a demo value
    real_networks, real_claims, found = _claims(_copy(tmp_path), demo=False)
    assert found[("totaal", "partnerschappen.cocreatie_zeldzaam")].data_status == "real"
    assert found[("totaal", "partnerschappen.coordinator_centraal")].data_status == "demo"
    real = partnerships_finding(real_networks, "nl", real_claims)
    assert "synthetische demowaarden" not in real and "coördineerde, is in deze gegevens een demowaarde" in real
    assert "in 2 van de 5 percelen alleen het vaakst genoemd" not in real
    assert "geen aanbeveling" not in partnerships_conclusion(real_networks, real_claims)


def test_the_conclusion_never_points_to_a_perceel(tmp_path):
    """Issue 20: 'daar is te leren' pointed to a perceel the report may not name."""
    networks, _, _ = _claims(_copy(tmp_path), demo=False)
    networks.n_high, networks.high_named, networks.hidden_percelen = 1, [2], []  # one strongly interdependent
    text = partnerships_conclusion(networks, network_claims(networks, "totaal", status="real"))
    assert "sterk bijdroeg" in text and "daar is te leren" not in text
    assert not re.search(r"perce(el|len) \d", text), text


def test_the_claims_file_round_trips(demo, tmp_path):
    _, claims, _ = demo
    assert read_claims(write_claims(claims, tmp_path)) == sorted(claims, key=lambda c: (c.run, c.id))
