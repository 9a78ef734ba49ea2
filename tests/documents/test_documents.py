"""Chapter 4 from the demo plans: reconciliation, protection per perceel, what reaches the reports."""

import shutil

import pandas as pd
import pytest

from competentiecheck.core.errors import InputError
from competentiecheck.core.params import load_params
from competentiecheck.core.paths import BUILD, DATA, REPORT_OUTPUT
from competentiecheck.documents.analysis import analyse_documents, load_plans
from competentiecheck.documents.demo import DOCUMENTS
from competentiecheck.qualitative.codebook import load_scheme

PARAMS = load_params("totaal")
SCHEME = load_scheme(DATA / "codebook" / "documenten.yml")
EXPECTED = {n: int(load_params(f"perceel-{n}")["context"]["plannen_van_aanpak"]) for n in range(1, 6)}
CASES = pd.read_csv(DATA / "demo" / "interviews" / "casussen.csv", dtype=str)


def _copy(tmp_path):
    folder = tmp_path / "documenten"
    shutil.copytree(DOCUMENTS, folder)
    return folder


def test_the_demo_reconciles_and_hides_the_small_perceel():
    results = analyse_documents(load_plans(DOCUMENTS, SCHEME, EXPECTED), PARAMS, CASES)
    assert EXPECTED == {1: 8, 2: 14, 3: 3, 4: 20, 5: 15}
    assert not results.reportable["perceel-3"] and results.reportable["perceel-4"]
    assert (results.themes["perceel-3"] == "").all() and (results.profiles["perceel-3"] == "").all()
    for column in ("perceel-1", "perceel-2", "perceel-4", "perceel-5", "totaal"):
        for value in results.profiles[column]:
            assert value == 0 or value == "< 5" or value == "×" or value % 5 == 0, (column, value)
    assert results.share["n"] == 60 and 0 < results.share["low"] < results.share["count"] / 60 < results.share["high"]
    assert results.human["organisations"] == 9 and -1 <= results.ari <= 1


@pytest.mark.parametrize(
    "case, message",
    [
        ("count", "perceel 2 telt 13 plannen"),
        ("no-perceel", "zonder perceel"),
        ("not-coded", "is niet gecodeerd"),
        ("unknown-rule-code", "staat niet in het codeboek"),
    ],
)
def test_reconciliation_errors_name_file_and_row(tmp_path, case, message):
    folder = _copy(tmp_path)
    register = pd.read_csv(folder / "plannen.csv", dtype=str)
    if case == "count":
        register = register.drop(register.index[register["perceel"] == "2"][0])
    elif case == "no-perceel":
        register.loc[0, "perceel"] = None
    elif case == "not-coded":
        register = pd.concat([register, register.tail(1).assign(plan="PvA-99")])
    else:
        text = (folder / "profielen.yml").read_text(encoding="utf-8")
        (folder / "profielen.yml").write_text(
            text.replace("Leiderschap > Leerleiderschap", "Leiderschap > Charisma", 1), encoding="utf-8"
        )
    register.to_csv(folder / "plannen.csv", index=False)
    expected = dict(EXPECTED) if case != "not-coded" else {**EXPECTED, 5: 16}
    with pytest.raises(InputError) as err:
        load_plans(folder, SCHEME, expected)
    assert message in str(err.value)
    assert "plannen.csv" in str(err.value) or "profielen.yml" in str(err.value)


def test_a_coded_plan_missing_from_the_register_stops(tmp_path):
    folder = _copy(tmp_path)
    register = pd.read_csv(folder / "plannen.csv", dtype=str)
    register.loc[register["plan"] == "PvA-60", "plan"] = "PvA-61"
    register.to_csv(folder / "plannen.csv", index=False)
    with pytest.raises(InputError, match="PvA-60.*staat niet in plannen.csv"):
        load_plans(folder, SCHEME, EXPECTED)


def test_chapter_four_reaches_every_report(full_report):
    totaal = (full_report / "totaal" / "index.html").read_text(encoding="utf-8")
    assert 'id="fig-documentthemas"' in totaal and 'id="fig-profielcombinaties"' in totaal and "Wilson" in totaal
    assert "PvA-" not in totaal and "onderneming 1." not in totaal  # no plan ids, no company pseudonyms
    small = (REPORT_OUTPUT / "perceel-3" / "index.html").read_text(encoding="utf-8")
    assert "minder dan 5 plannen" in small and "tbl-profielen-perceel" not in small
    large = (REPORT_OUTPUT / "perceel-4" / "index.html").read_text(encoding="utf-8")
    assert 'id="tbl-profielen-perceel"' in large
    assert (BUILD / "documenten" / "tables" / "profielen.csv").exists()


def test_the_chapter_opens_with_its_question_and_a_small_perceel_names_its_published_count():
    from competentiecheck.documents.report import documents_chapter

    data = load_plans(DOCUMENTS, SCHEME, EXPECTED)
    results = analyse_documents(data, PARAMS, CASES)
    totaal = documents_chapter(results, data, PARAMS, "totaal", "t.png", "c.png", synthetic=True)
    opening = totaal.split("\n")[0]
    share = results.share["count"] / 60
    assert opening.startswith("Welke leer- en ontwikkelprofielen") and "Van de 60 plannen past" in opening
    assert f"{round(100 * share)} %" in opening and "synthetische demo" in opening
    small = documents_chapter(results, data, PARAMS, "perceel-3", "t.png", "c.png", published_plans=EXPECTED[3])
    # the count the key figures print (§5.1.1: 3) and the threshold, never 'fewer than 5' alone
    assert "telt 3 plannen van aanpak (eindverslag §5.1.1), minder dan 5" in small
    assert "](../totaal/index.html#sec-profielen)" in small
    large = documents_chapter(results, data, PARAMS, "perceel-4", "t.png", "c.png", published_plans=EXPECTED[4])
    assert "| Profiel | Plannen van dit perceel | Programma |" in large
