"""Exports that differ from the demo in ordinary ways are checked, never trusted (issue 9, cases 1-5)."""

import copy
import csv
import io
import shutil

import openpyxl
import pyreadstat
import pytest

from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import DEMO_SURVEY
from competentiecheck.survey.cleaning import clean_survey

SAV = "vragenlijst_online_en_kort.sav"
NL = "vragenlijst_online_nl.csv"
PAPER = "vragenlijst_papier_kort.xlsx"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """An empty export folder; edited exports are no longer demo exports and need a secret salt."""
    monkeypatch.setenv("COMPETENTIECHECK_SALT", "een-geheim-testzout-van-voldoende-lengte")
    path = tmp_path / "raw"
    path.mkdir()
    return path


def _reversed_agree_sav(folder):
    """The English SPSS export with the agree scale labelled the other way round (1 = Strongly agree)."""
    frame, meta = pyreadstat.read_sav(str(DEMO_SURVEY / SAV), apply_value_formats=False)
    labels = copy.deepcopy(meta.variable_value_labels)
    reversed_columns = []
    for column, mapping in labels.items():
        if mapping.get(1.0) == "Strongly disagree":
            labels[column] = {code: mapping[6.0 - code] for code in mapping}
            reversed_columns.append(column)
    pyreadstat.write_sav(
        frame, str(folder / SAV), column_labels=meta.column_names_to_labels, variable_value_labels=labels
    )
    return frame, reversed_columns


def test_spss_value_labels_that_differ_from_the_codebook_stop_the_run(folder, codebook, params):
    _, columns = _reversed_agree_sav(folder)
    assert columns
    with pytest.raises(InputError) as err:
        clean_survey(folder, codebook, params)
    message = str(err.value)
    assert err.value.file.endswith(SAV) and err.value.column == columns[0]
    assert "code 1 heeft label 'Strongly agree', verwacht 'Strongly disagree'" in message
    assert "hoort bij code 5" in message


def test_spss_value_labels_can_be_recoded_by_label_and_are_listed(folder, codebook, params):
    _, columns = _reversed_agree_sav(folder)
    recode = copy.deepcopy(params)
    recode["input"]["recode_by_label"] = True
    result = clean_survey(folder, codebook, recode)
    assert (
        columns[0] in result.sources["hercodeerd_op_label"].iat[0]
        and "1→5" in result.sources["hercodeerd_op_label"].iat[0]
    )
    # the respondent's answer means the same after recoding: code c labelled 'Strongly ...' becomes 6 - c
    clean = clean_survey(DEMO_SURVEY, codebook, params)
    # every agree item of the English respondents is 6 - x of the unedited export
    agree = [v.id for v in codebook.items if v.response == "agree5"]
    mine = result.data.sort_values("respondent_id")[agree].reset_index(drop=True)
    theirs = clean.data[clean.data["taal"] == "en"].sort_values("respondent_id")[agree].reset_index(drop=True)
    assert len(mine) == len(theirs) > 0
    assert ((mine + theirs) == 6).where(mine.notna()).fillna(True).all().all()


def _nl_rows():
    text = (DEMO_SURVEY / NL).read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def _write_nl(folder, rows):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    (folder / NL).write_text(buffer.getvalue(), encoding="utf-8")


def test_one_response_id_with_two_different_answers_is_an_error(folder, codebook, params):
    rows = _nl_rows()
    header = rows[0]
    copy_row = list(rows[5])
    item = header.index(next(h for h in header if h.startswith("Q3_")))
    copy_row[item] = "1" if copy_row[item] != "1" else "2"
    _write_nl(folder, rows + [copy_row])
    with pytest.raises(InputError) as err:
        clean_survey(folder, codebook, params)
    assert err.value.row == len(rows) + 1 and err.value.column == "respondent_ref"
    assert "rij 6" in str(err.value) and "andere antwoorden" in str(err.value)
    assert rows[5][header.index("ResponseId")] not in str(err.value)  # the id itself is not echoed


def test_the_same_submission_exported_twice_is_counted_once(folder, codebook, params):
    rows = _nl_rows()
    _write_nl(folder, rows + [list(rows[5])])
    for name in ("vragenlijst_online_fr.csv", PAPER, SAV):
        shutil.copy(DEMO_SURVEY / name, folder / name)
    result = clean_survey(folder, codebook, params)
    assert len(result.data) == 95
    twice = result.exclusions[result.exclusions["reden"].str.startswith("dezelfde inzending twee keer")]
    assert len(twice) == 1 and twice["rij"].iat[0] == len(rows) + 1


@pytest.mark.parametrize("column", ["perceel", "toestemming", "leeftijd", "ll_2"])
def test_a_missing_required_column_stops_the_run_before_anything_is_read(folder, codebook, params, column):
    shutil.copy(DEMO_SURVEY / PAPER, folder / PAPER)
    book = openpyxl.load_workbook(folder / PAPER)
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    sheet.delete_cols(headers.index(column) + 1)
    book.save(folder / PAPER)
    with pytest.raises(InputError) as err:
        clean_survey(folder, codebook, params)
    assert err.value.file.endswith(PAPER) and err.value.column == column
    assert "verplichte kolom" in str(err.value)


def _second_sheet(folder, title, rows):
    shutil.copy(DEMO_SURVEY / PAPER, folder / PAPER)
    book = openpyxl.load_workbook(folder / PAPER)
    extra = book.create_sheet(title)
    for row in rows:
        extra.append(row)
    book.save(folder / PAPER)
    return book.sheetnames


def test_a_second_sheet_of_forms_is_never_ignored_silently(folder, codebook, params):
    book = openpyxl.load_workbook(DEMO_SURVEY / PAPER)
    forms = [[c.value for c in r] for r in book.active.iter_rows()][:6]
    names = _second_sheet(folder, "Formulieren 2", forms)
    with pytest.raises(InputError) as err:
        clean_survey(folder, codebook, params)
    assert all(n in str(err.value) for n in names) and "input.xlsx_sheet" in str(err.value)
    chosen = copy.deepcopy(params)
    chosen["input"]["xlsx_sheet"] = "Formulieren 2"
    result = clean_survey(folder, codebook, chosen)
    assert result.sources["blad"].tolist() == ["Formulieren 2"] and result.sources["rijen"].tolist() == [5]


def test_an_instruction_sheet_is_passed_over(folder, codebook, params):
    _second_sheet(folder, "Instructies", [["Tik elk formulier in op één rij."], ["Gebruik de codes van het codeboek."]])
    result = clean_survey(folder, codebook, params)
    assert result.sources["blad"].iat[0] != "Instructies"


def test_a_group_heading_row_above_the_ids_is_named(folder, codebook, params):
    shutil.copy(DEMO_SURVEY / PAPER, folder / PAPER)
    book = openpyxl.load_workbook(folder / PAPER)
    sheet = book.active
    sheet.insert_rows(1)
    sheet.cell(row=1, column=5, value="Deel I: leeractiviteiten")
    sheet.merge_cells(start_row=1, start_column=5, end_row=1, end_column=20)
    book.save(folder / PAPER)
    with pytest.raises(InputError) as err:
        clean_survey(folder, codebook, params)
    assert f"blad '{sheet.title}'" in str(err.value) and "rij 2" in str(err.value) and "eerste rij" in str(err.value)
    assert "onbekende kolom" not in str(err.value)


def test_paper_form_numbers_may_repeat_across_batches(folder, codebook, params):
    shutil.copy(DEMO_SURVEY / PAPER, folder / PAPER)
    book = openpyxl.load_workbook(DEMO_SURVEY / PAPER)
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=headers.index("leeftijd") + 1, value=33)  # another person on form P001 of batch 2
    book.save(folder / "vragenlijst_papier_batch2.xlsx")
    result = clean_survey(folder, codebook, params)
    assert not result.exclusions["reden"].str.startswith("dezelfde inzending").any()
