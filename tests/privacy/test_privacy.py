"""Secrets and real data stay out of git and outputs; errors never echo personal data; free text is
safe to open in a spreadsheet."""

import json
import shutil
import stat
import subprocess

import openpyxl
import pandas as pd
import pytest

from competentiecheck.core.errors import InputError
from competentiecheck.core.outputs import neutralise_formula, write_table
from competentiecheck.core.paths import BUILD, DEMO_SURVEY, REPORT_OUTPUT, ROOT
from competentiecheck.privacy.pseudonymise import DEMO_SALT, SALT_ENV
from competentiecheck.survey.cleaning import clean_survey, write_cleaned

PAPER = "vragenlijst_papier_kort.xlsx"
SECRET = "een-geheim-testzout-van-voldoende-lengte"


def _paper_copy(tmp_path, column=None, row=None, value=None):
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(DEMO_SURVEY / PAPER, folder / PAPER)
    if column is not None:
        book = openpyxl.load_workbook(folder / PAPER)
        sheet = book.active
        headers = [c.value for c in sheet[1]]
        sheet.cell(row=row, column=headers.index(column) + 1, value=value)
        book.save(folder / PAPER)
    return folder


# --------------------------------------------------------------------------- the salt


def test_demo_exports_use_the_public_demo_salt(tmp_path, codebook, params, monkeypatch):
    monkeypatch.delenv(SALT_ENV, raising=False)
    result = clean_survey(_paper_copy(tmp_path), codebook, params)
    assert "demozout" in result.salt_note and DEMO_SALT not in result.salt_note


def test_real_exports_need_a_secret_salt(tmp_path, codebook, params, monkeypatch):
    monkeypatch.delenv(SALT_ENV, raising=False)
    folder = _paper_copy(tmp_path, "leeftijd", 2, 40)  # edited: no longer a demo export
    with pytest.raises(InputError, match=SALT_ENV):
        clean_survey(folder, codebook, params)
    monkeypatch.setenv(SALT_ENV, DEMO_SALT)
    with pytest.raises(InputError, match="demozout mag niet"):
        clean_survey(folder, codebook, params)
    monkeypatch.setenv(SALT_ENV, "kort")
    with pytest.raises(InputError, match="te kort"):
        clean_survey(folder, codebook, params)
    monkeypatch.setenv(SALT_ENV, SECRET)
    result = clean_survey(folder, codebook, params)
    assert SALT_ENV in result.salt_note and SECRET not in result.salt_note
    assert len(result.salt_fingerprint) == 16 and result.salt_fingerprint not in SECRET


def test_real_exports_and_the_salt_are_ignored_by_git():
    for name in ("vragenlijst_export.csv", "papier.xlsx", "spss.sav", "pseudonimisering_salt.txt"):
        done = subprocess.run(["git", "check-ignore", "-q", f"data/raw/survey/{name}"], cwd=ROOT)
        assert done.returncode == 0, name
    tracked = subprocess.run(["git", "ls-files", "data/raw/survey"], cwd=ROOT, capture_output=True, text=True).stdout
    assert tracked.split() == ["data/raw/survey/README.md"]
    grep = subprocess.run(
        ["git", "grep", "-l", "-I", DEMO_SALT, "--", ":!src", ":!tests"], cwd=ROOT, capture_output=True, text=True
    )
    assert grep.stdout == ""  # no salt file anywhere in git


def test_processed_microdata_is_owner_only(cleaned, codebook, tmp_path):
    written = write_cleaned(cleaned, codebook, tmp_path / "processed")
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_the_audit_trail_records_a_fingerprint_not_the_salt(full_report):
    record = json.loads((BUILD / "totaal" / "audit.json").read_text(encoding="utf-8"))
    assert len(record["salt_fingerprint"]) == 16
    for path in list(REPORT_OUTPUT.rglob("*.html")) + list(BUILD.glob("*/audit.json")) + [BUILD / "manifest.json"]:
        assert DEMO_SALT not in path.read_text(encoding="utf-8"), path


# --------------------------------------------------------------------------- error messages

PERSONAL = "Jan Peeters 0475 12 34 56"


def test_a_name_and_phone_number_in_a_coded_column_are_described_not_quoted(tmp_path, codebook, params, monkeypatch):
    monkeypatch.setenv(SALT_ENV, SECRET)
    folder = _paper_copy(tmp_path, "geslacht", 4, PERSONAL)
    with pytest.raises(InputError) as caught:
        clean_survey(folder, codebook, params)
    message = str(caught.value)
    assert "rij 4" in message and "kolom 'geslacht'" in message and "25 tekens" in message
    assert "Peeters" not in message and "0475" not in message and caught.value.value is None


def test_a_value_in_a_column_without_header_is_described(tmp_path, codebook, params, monkeypatch):
    monkeypatch.setenv(SALT_ENV, SECRET)
    folder = _paper_copy(tmp_path)
    book = openpyxl.load_workbook(folder / PAPER)
    sheet = book.active
    sheet.cell(row=3, column=sheet.max_column + 2, value=PERSONAL)
    book.save(folder / PAPER)
    with pytest.raises(InputError) as caught:
        clean_survey(folder, codebook, params)
    assert "Peeters" not in str(caught.value) and "tekens" in str(caught.value)


def test_coded_values_are_still_quoted_where_they_help():
    error = InputError("buiten het bereik", file="x.csv", row=3, column="ll_2", value="8")
    assert "waarde '8'" in str(error)
    error = InputError("geen antwoordoptie", file="x.csv", row=3, column="geslacht", value="Vrouwlijk")
    assert "'Vrouwlijk'" in str(error)


# --------------------------------------------------------------------------- spreadsheets


@pytest.mark.parametrize(
    "cell", ['=HYPERLINK("http://x","klik")', "-2+3+cmd|'/C calc'!A0", "+1", "@SUM(A1)", "\tx", "\rx"]
)
def test_formula_cells_in_free_text_are_neutralised(cell, tmp_path):
    assert neutralise_formula(cell) == "'" + cell
    write_table(pd.DataFrame({"tekst": [cell], "n": [-2]}), tmp_path / "t.csv", free_text=["tekst"])
    back = pd.read_csv(tmp_path / "t.csv", keep_default_na=False)
    assert back["tekst"][0].startswith("'") and back["n"][0] == -2
    assert neutralise_formula("gewone tekst") == "gewone tekst"


def test_free_text_export_is_neutralised_end_to_end(tmp_path, codebook, params, monkeypatch):
    monkeypatch.setenv(SALT_ENV, SECRET)
    # (an XLSX cell starting with '=' is a formula already; typed text starting with '-' or '@' is not)
    folder = _paper_copy(tmp_path, "sector_tekst", 2, "-2+3+cmd|'/C calc'!A0")
    result = clean_survey(folder, codebook, params)
    write_cleaned(result, codebook, tmp_path / "processed")
    text = (tmp_path / "processed" / "vrije_tekst.csv").read_text(encoding="utf-8")
    assert "\"'-2+3+cmd" in text and '"-2+3+cmd' not in text


# --------------------------------------------------------------------------- single-person values


def test_no_minimum_or_maximum_is_published(full_report):
    for path in BUILD.glob("*/tables/*.csv"):
        columns = {c.casefold() for c in pd.read_csv(path, nrows=0).columns}
        assert not columns & {"min", "max", "minimum", "maximum"}, path
