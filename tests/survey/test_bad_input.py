"""Malformed exports fail with one message naming file, row, column and value; nothing is written."""

import shutil
import subprocess
import sys

import openpyxl
import pytest

from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import DEMO_SURVEY, ROOT
from competentiecheck.survey.cleaning import clean_survey

PAPER = "vragenlijst_papier_kort.xlsx"


@pytest.fixture
def raw_copy(tmp_path, monkeypatch):
    """A copy of the paper export in a folder of its own; once edited it is no longer a demo export,
    so it needs a secret salt (given in the environment, as a team would)."""
    monkeypatch.setenv("COMPETENTIECHECK_SALT", "een-geheim-testzout-van-voldoende-lengte")
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(DEMO_SURVEY / PAPER, folder / PAPER)
    return folder


def _edit_paper(folder, column_name, row, value):
    book = openpyxl.load_workbook(folder / PAPER)
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    if column_name not in headers:
        sheet.cell(row=1, column=len(headers) + 1, value=column_name)
        col = len(headers) + 1
    else:
        col = headers.index(column_name) + 1
    sheet.cell(row=row, column=col, value=value)
    book.save(folder / PAPER)


def _run_cli(folder, out):
    return subprocess.run(
        [sys.executable, "-m", "competentiecheck.survey.cleaning", "--raw", str(folder), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_value_8_on_a_five_point_scale(raw_copy, codebook, params):
    _edit_paper(raw_copy, "ll_2", 5, 8)
    with pytest.raises(InputError) as err:
        clean_survey(raw_copy, codebook, params)
    e = err.value
    assert (e.file.endswith(PAPER), e.row, e.column, e.value) == (True, 5, "ll_2", "8")
    assert "1, 2, 3, 4, 5" in str(e)


def test_text_in_a_likert_column(raw_copy, codebook, params):
    _edit_paper(raw_copy, "opp_1", 7, "misschien")
    with pytest.raises(InputError) as err:
        clean_survey(raw_copy, codebook, params)
    assert (err.value.row, err.value.column, err.value.value) == (7, "opp_1", "misschien")
    assert "Helemaal akkoord" in str(err.value)


def test_unknown_column(raw_copy, codebook, params):
    _edit_paper(raw_copy, "lievelingskleur", 2, "blauw")
    with pytest.raises(InputError) as err:
        clean_survey(raw_copy, codebook, params)
    assert err.value.column == "lievelingskleur"
    assert "onbekende kolom" in str(err.value)


def test_wrong_encoding(raw_copy, codebook, params):
    text = (DEMO_SURVEY / "vragenlijst_online_fr.csv").read_bytes().decode("utf-8-sig")
    (raw_copy / "vragenlijst_online_fr.csv").write_bytes(text.encode("cp1252", errors="replace"))
    with pytest.raises(InputError) as err:
        clean_survey(raw_copy, codebook, params)
    assert err.value.file.endswith("vragenlijst_online_fr.csv")
    assert err.value.row == 2  # the first non-ASCII character is in the question-text row
    assert "UTF-8" in str(err.value) and "Windows-1252" in str(err.value)
    # the column is named and the character shown as text, not as bytes
    # (the consent column Q0, whose question text 'Consentement éclairé' has the first accent)
    assert err.value.column == "Q0"
    assert "'é'" in str(err.value) and "b'" not in str(err.value)


def test_empty_file(raw_copy, codebook, params):
    (raw_copy / "leeg.csv").write_bytes(b"")
    with pytest.raises(InputError, match="leeg"):
        clean_survey(raw_copy, codebook, params)


def test_cli_exits_non_zero_and_writes_nothing(raw_copy, tmp_path):
    _edit_paper(raw_copy, "ll_2", 5, 8)
    out = tmp_path / "processed"
    done = _run_cli(raw_copy, out)
    assert done.returncode != 0
    assert "rij 5" in done.stderr and "kolom 'll_2'" in done.stderr and "waarde '8'" in done.stderr
    assert not out.exists() or not any(out.iterdir())


def test_cli_succeeds_on_the_demo_data(tmp_path):
    out = tmp_path / "processed"
    done = _run_cli(DEMO_SURVEY, out)
    assert done.returncode == 0, done.stderr
    assert "105 inzendingen ontvangen, 95 geanalyseerd" in done.stdout
    assert (out / "vragenlijst.parquet").exists()
