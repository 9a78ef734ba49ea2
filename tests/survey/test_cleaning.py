"""End-to-end: the demo exports through the cleaning step, checked against what the files contain."""

import hashlib

import pandas as pd
import pyreadstat

from competentiecheck.core.paths import DEMO_SURVEY
from competentiecheck.survey.cleaning import find_duplicates, write_cleaned


def test_flow_from_received_to_analysed(cleaned):
    total = cleaned.flow.set_index("run").loc["totaal"]
    # 105 submissions in the four demo files: 4 without consent (2 refused online, 1 refused on
    # paper, 1 closed on the consent page), 1 preview by the team, 1 aged 15, 1 without perceel,
    # 2 duplicates, 1 partial.
    assert total.to_dict() == {"ontvangen": 105, "toestemming": 101, "geschikt": 98, "uniek": 96, "geanalyseerd": 95}
    assert len(cleaned.data) == 95
    assert len(cleaned.exclusions) == 105 - 95


def test_every_exclusion_has_a_reason_and_a_place(cleaned):
    reasons = cleaned.exclusions["reden"].str.split(";").str[0].str.split(" \\(").str[0].value_counts().to_dict()
    assert reasons == {
        "geen toestemming gegeven": 3,
        "toestemmingsvraag niet beantwoord": 1,
        "jonger dan 16 jaar": 1,
        "perceel onbekend": 1,
        "dubbele inzending": 2,
        "onvoldoende ingevuld": 1,
        "geen antwoord van een respondent: voorbeeldweergave": 1,
    }
    assert cleaned.exclusions["rij"].notna().all() and cleaned.exclusions["bestand"].notna().all()


def test_flow_per_perceel_adds_up(cleaned):
    flow = cleaned.flow.set_index("run")
    parts = flow.drop(index="totaal")
    assert (parts.sum() == flow.loc["totaal"]).all()
    assert flow.loc["perceel-3", "geanalyseerd"] == 2  # the perceel that hardly delivered


def test_all_sources_read_with_language_version_and_mode(cleaned):
    sources = cleaned.sources.set_index("bestand")
    # the published table names an export 'bestand k' (k in sorted order): a team's file name may name a firm
    exports = {
        "vragenlijst_online_en_kort.sav": "bestand 2.sav",
        "vragenlijst_online_fr.csv": "bestand 3.csv",
        "vragenlijst_online_nl.csv": "bestand 4.csv",
        "vragenlijst_papier_kort.xlsx": "bestand 5.xlsx",
    }  # 'bestand 1.csv' is the demo's nameting, not part of the first wave (issue 23)
    assert set(sources.index) == set(exports.values())
    by_name = {name: sources.loc[label] for name, label in exports.items()}
    assert by_name["vragenlijst_online_fr.csv"][["taal", "versie", "modus"]].tolist() == ["fr", "lang", "digitaal"]
    assert by_name["vragenlijst_papier_kort.xlsx"][["taal", "versie", "modus"]].tolist() == ["nl", "kort", "papier"]
    assert by_name["vragenlijst_online_en_kort.sav"][["taal", "versie"]].tolist() == ["en", "kort"]
    assert sources["rijen"].sum() == 105


def test_no_names_or_free_text_in_the_analysis_file(cleaned):
    text = cleaned.data.to_csv()
    for name in ("Bakkerij", "Verstraete", "Thuiszorg", "Zelfstandige in bijberoep"):
        assert name not in text
    assert cleaned.data["org_id"].str.fullmatch(r"ORG-[0-9a-f]{10}").all()
    assert "Zelfstandige in bijberoep" in cleaned.free_text.to_csv()


def test_ip_addresses_in_the_tool_export_are_never_read(cleaned, codebook, tmp_path):
    raw = (DEMO_SURVEY / "vragenlijst_online_nl.csv").read_text(encoding="utf-8")
    assert "IPAddress" in raw and "192.0.2." in raw  # the export carries them
    for path in write_cleaned(cleaned, codebook, tmp_path):
        assert b"192.0.2." not in path.read_bytes(), path.name


def test_prefer_not_to_say_is_kept_as_its_own_answer(cleaned):
    assert (cleaned.data["geslacht"] == 4).sum() == 4


def test_duplicate_rule_keeps_most_complete_then_first():
    frame = pd.DataFrame(
        {
            "org_id": ["A", "A", "A", "B"],
            "leeftijd": [30, 30, 30, 30],
            "geslacht": [1, 1, 1, 1],
            "functie": [1, 1, 1, 1],
            "i1": [1, 1, 1, 1],
            "i2": [2, 2, None, 2],
            "i3": [3, 3, 3, 3],
            "i4": [4, 5, 4, 4],
            "ingediend_op": pd.to_datetime(["2024-01-02", "2024-01-01", "2024-01-03", "2024-01-01"]),
        }
    )
    # rows 0 and 1 agree on 3 of 4 items (0.75): not duplicates at 0.9; row 2 agrees fully with row 0
    dups = find_duplicates(frame, ["org_id", "leeftijd", "geslacht", "functie"], ["i1", "i2", "i3", "i4"], 0.9)
    assert dups == {2: 0}
    dups = find_duplicates(frame, ["org_id", "leeftijd", "geslacht", "functie"], ["i1", "i2", "i3", "i4"], 0.75)
    assert dups == {0: 1, 2: 1}  # all three complete enough; row 1 is most complete and earliest


def test_written_outputs_are_complete_labelled_and_deterministic(cleaned, codebook, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    paths_a = write_cleaned(cleaned, codebook, first)
    write_cleaned(cleaned, codebook, second)
    for path in paths_a:
        twin = second / path.name
        assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(twin.read_bytes()).digest(), path.name
    assert not [p for p in first.iterdir() if p.name.startswith(".staging")]
    frame, meta = pyreadstat.read_sav(str(first / "vragenlijst.sav"))
    assert len(frame) == 95
    assert meta.column_names_to_labels["ll_1"].startswith("Mijn leidinggevende")
    assert meta.variable_value_labels["ll_1"][5.0] == "Helemaal akkoord"
    assert pd.read_parquet(first / "vragenlijst.parquet").shape == cleaned.data.shape


def test_min_age_parameter_moves_respondents_to_exclusions(codebook, params):
    from competentiecheck.survey.cleaning import clean_survey

    strict = {**params, "eligibility": {"min_age": 18}}
    result = clean_survey(DEMO_SURVEY, codebook, strict).wave()
    young = (result.exclusions["reden"] == "jonger dan 18 jaar").sum()
    assert young >= 1
    # the 15-year-old was already excluded at 16; every other under-18 now leaves the analysed set
    assert len(result.data) == 95 - (young - 1)
