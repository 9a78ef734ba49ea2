"""Bad input: an organisation unknown to the register, a respondent without organisation, a register with one
organisation twice or a perceel that does not match, a threshold below the disclosure rule."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
import yaml

from competentiecheck.core.errors import InputError, ParamsError
from competentiecheck.core.params import load_params
from competentiecheck.core.paths import PARAMS
from competentiecheck.feedback.build import LETTER, prepare
from competentiecheck.feedback.register import read_register
from competentiecheck.privacy.pseudonymise import DEMO_SALT, pseudonym


def test_an_organisation_unknown_to_the_register_stops_naming_file_row_column_and_value(programme, params, helpers):
    register, data = programme
    stranger = helpers.respondents("Onbekende Firma", 1, [3.0, 4.0])
    bad = pd.concat([data, stranger], ignore_index=True)
    with pytest.raises(InputError) as caught:
        prepare(bad, register, params, data_file="data/processed/vragenlijst.parquet")
    message = str(caught.value)
    assert "data/processed/vragenlijst.parquet" in message
    assert f"rij {len(data) + 1}" in message
    assert "kolom 'org_id'" in message
    assert pseudonym("Onbekende Firma", DEMO_SALT) in message
    assert "onbekend in het register" in message


def test_a_respondent_without_organisation_is_a_counted_exclusion(programme, params):
    register, data = programme
    data = data.copy()
    data.loc[0, "org_id"] = None  # one of Bakkerij Aa's twelve
    prepared = prepare(data, register, params)
    assert prepared.without_organisation == 1
    orgs = {o.code: (kind, o.n) for kind, o in prepared.organisations}
    assert orgs["org-a"][1] == 11
    # still a respondent of the perceel and the programme
    assert prepared.programme.means["kennisdeling"].n == len(data)


def test_a_register_with_one_organisation_twice_is_an_error(tmp_path, helpers):
    folder = helpers.write_register(
        tmp_path / "r", [("org-a", "Bakkerij Aa bv", 1, ""), ("org-b", "BAKKERIJ AA NV", 1, "")]
    )
    with pytest.raises(InputError) as caught:
        read_register(folder, DEMO_SALT)
    assert "rij 3" in str(caught.value) and "dezelfde organisatie als rij 2" in str(caught.value)
    assert "Bakkerij" not in str(caught.value).split(":", 1)[0]  # the name is not quoted


def test_a_register_perceel_out_of_range_names_the_cell(tmp_path, helpers):
    folder = helpers.write_register(tmp_path / "r", [("org-a", "Bakkerij Aa bv", 7, "")])
    with pytest.raises(InputError) as caught:
        read_register(folder, DEMO_SALT)
    assert "organisaties.csv" in str(caught.value) and "rij 2" in str(caught.value) and "perceel" in str(caught.value)


def test_a_respondent_of_another_perceel_than_the_register_is_an_error(programme, params, helpers):
    register, data = programme
    moved = helpers.respondents("Garage Dee", 1, [3.0])  # the register has Garage Dee in perceel 2
    with pytest.raises(InputError) as caught:
        prepare(pd.concat([data, moved], ignore_index=True), register, params)
    assert "kolom 'perceel'" in str(caught.value) and "org-d" in str(caught.value)


def test_an_organisation_with_nobody_gets_a_letter(programme, params, helpers, tmp_path):
    register, data = programme
    rows = [(c, n, p, "") for c, n, p in zip(register.table.code, register.table.organisatie, register.table.perceel)]
    folder = helpers.write_register(tmp_path / "r2", rows + [("org-leeg", "Lege Firma", 1, "")])
    prepared = prepare(data, read_register(folder, DEMO_SALT), params)
    assert {o.code: (k, o.n) for k, o in prepared.organisations}["org-leeg"] == (LETTER, 0)


def test_the_report_threshold_is_validated_against_the_disclosure_rule(tmp_path):
    shutil.copytree(PARAMS, tmp_path / "params")
    default = tmp_path / "params" / "default.yml"
    data = yaml.safe_load(default.read_text(encoding="utf-8"))
    data["feedback"]["min_respondents"] = 4  # min_group_size is 5
    default.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ParamsError, match="feedback.min_respondents"):
        load_params("totaal", params_dir=tmp_path / "params")
    assert load_params("totaal")["feedback"]["min_respondents"] == 10
