"""Issue 18 (points 3, 4, 5 part, 6, 7 and 8): one reader for every table and YAML input that is not a
survey export (:mod:`competentiecheck.core.tabular`), with the survey's rules, names compared as names and
every error naming the file, the row (or key), the column and the value.

Each test copies a demo folder to ``tmp_path`` and changes one thing, as a team's file would arrive.
"""

import csv
import io
import shutil
import warnings

import openpyxl
import pandas as pd
import pytest

from competentiecheck.core.errors import InputError
from competentiecheck.core.params import load_params
from competentiecheck.core.paths import DATA
from competentiecheck.documents.analysis import load_plans
from competentiecheck.qualitative.codebook import load_scheme
from competentiecheck.qualitative.coded_data import load_coded_data
from competentiecheck.qualitative.flat_export import read_flat_export

DEMO = DATA / "demo"
EXPECTED = {n: int(load_params(f"perceel-{n}")["context"]["plannen_van_aanpak"]) for n in range(1, 6)}
DOCUMENT_SCHEME = load_scheme(DATA / "codebook" / "documenten.yml")
SWOT = load_scheme(DATA / "codebook" / "swot.yml")


@pytest.fixture(autouse=True)
def _secret_salt(monkeypatch):
    """A copy of the demo outside data/demo/ counts as the team's real input: it needs a secret salt."""
    monkeypatch.setenv("COMPETENTIECHECK_SALT", "test-zout-" + "0123456789abcdef" * 2)


def _copy(tmp_path, kind: str):
    folder = tmp_path / kind
    shutil.copytree(DEMO / kind, folder)
    return folder


def _rows(file) -> list[list[str]]:
    return list(csv.reader(io.StringIO(file.read_text(encoding="utf-8"), newline="")))


def _write(file, rows, delimiter=",", encoding="utf-8"):
    """Rows as a spreadsheet program writes them: Belgian Excel uses ';' and often a byte-order mark."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n" if delimiter == ";" else "\n").writerows(rows)
    file.write_bytes(out.getvalue().encode(encoding))


def _params(**partnerships):
    params = load_params("totaal")
    params["partnerships"].update(partnerships)
    return params


# --------------------------------------------------------------------------- the reader's rules


def test_belgian_excel_case_table_reads_like_the_demo(tmp_path):
    """';', UTF-8 with BOM, CRLF: was KeyError: 'casus'."""
    from competentiecheck.core.tabular import read_case_table

    folder = _copy(tmp_path, "interviews")
    _write(folder / "casussen.csv", _rows(DEMO / "interviews" / "casussen.csv"), ";", "utf-8-sig")
    cases = read_case_table(folder)
    demo = pd.read_csv(DEMO / "interviews" / "casussen.csv", dtype=str)
    pd.testing.assert_frame_equal(cases.reset_index(drop=True), demo, check_dtype=False)
    assert cases.attrs["decimal"] == ","
    # and the interview step reads its coded documents against it
    data = load_coded_data(sorted(folder.glob("*.qdpx")) + sorted(folder.glob("segmenten_*.csv")), SWOT, cases)
    assert sorted(data.cases["case"]) == sorted(demo["casus"])


def test_a_windows_1252_file_names_line_column_and_character(tmp_path):
    """Was a UnicodeDecodeError: the survey's rule (UTF-8 with or without BOM, else an error)."""
    from competentiecheck.core.tabular import read_case_table

    folder = _copy(tmp_path, "interviews")
    text = (folder / "casussen.csv").read_text(encoding="utf-8")
    (folder / "casussen.csv").write_bytes(text.encode("cp1252"))
    with pytest.raises(InputError) as err:
        read_case_table(folder)
    # the first non-ASCII character: 'geïntegreerd' in the themes of organisatie 3 (line 4)
    assert err.value.file.endswith("casussen.csv") and err.value.row == 4 and err.value.column == "themas"
    assert "'ï'" in str(err.value) and "Windows-1252" in str(err.value) and "UTF-8" in str(err.value)


def test_participants_with_semicolons_and_a_trailing_space_blame_nobody(tmp_path):
    """deelnemers.csv with ';' was a pandas ParserError; 'Volta ' with a trailing space made the circles
    reader blame netwerkcirkels.csv for a fund that is there."""
    from competentiecheck.partnerships.analysis import read_inputs
    from competentiecheck.partnerships.response import read_participants

    folder = _copy(tmp_path, "partnerschappen")
    rows = _rows(folder / "deelnemers.csv")
    rows[1][0] = "Volta "
    rows[2][0] = "  Constructiv"
    _write(folder / "deelnemers.csv", rows, ";", "utf-8-sig")
    participants = read_participants(folder / "deelnemers.csv")
    demo = read_participants(DEMO / "partnerschappen" / "deelnemers.csv")
    pd.testing.assert_frame_equal(participants, demo, check_dtype=False)
    inputs = read_inputs(_params(), folder)
    assert "Volta" in set(inputs.ties["fonds"]) and inputs.without_circle == []


def test_circles_name_funds_case_insensitively_and_write_them_as_listed(tmp_path):
    from competentiecheck.partnerships.analysis import read_inputs

    folder = _copy(tmp_path, "partnerschappen")
    rows = _rows(folder / "netwerkcirkels.csv")
    for row in rows[1:]:
        row[1], row[2] = row[1].upper(), f" {row[2].lower()} "
    _write(folder / "netwerkcirkels.csv", rows, ";")
    inputs = read_inputs(_params(), folder)
    demo = read_inputs(_params())
    pd.testing.assert_frame_equal(inputs.ties, demo.ties)


def test_a_second_data_sheet_in_the_circles_workbook_names_both_sheets(tmp_path):
    """Was: the second sheet (perceel 5) silently ignored, 14 of 17 consultants."""
    from competentiecheck.partnerships.analysis import read_inputs

    folder = _copy(tmp_path, "partnerschappen")
    rows = _rows(folder / "netwerkcirkels.csv")
    (folder / "netwerkcirkels.csv").unlink()
    perceel_5 = {"Unizo", "Horeca Vlaanderen", "PMO"}
    book = openpyxl.Workbook()
    book.active.title = "Uitleg"
    book.active.append(["Vul per consulent en partner één rij in."])
    for title, keep in (("percelen 1-4", lambda r: r[1] not in perceel_5), ("perceel 5", lambda r: r[1] in perceel_5)):
        sheet = book.create_sheet(title)
        sheet.append(rows[0])
        for row in rows[1:]:
            if keep(row):
                sheet.append(row[:6] + [int(row[6])])
    book.save(folder / "netwerkcirkels.xlsx")
    with pytest.raises(InputError) as err:
        read_inputs(_params(), folder)
    assert "'percelen 1-4'" in str(err.value) and "'perceel 5'" in str(err.value)
    assert err.value.file.endswith("netwerkcirkels.xlsx")
    # one data sheet beside the instructions: read as the CSV was
    del book["perceel 5"]
    sheet = book["percelen 1-4"]
    for row in rows[1:]:
        if row[1] in perceel_5:
            sheet.append(row[:6] + [int(row[6])])
    book.save(folder / "netwerkcirkels.xlsx")
    inputs = read_inputs(_params(), folder)
    assert len(inputs.ties) == len(rows) - 1 and inputs.without_circle == []


def test_plans_with_semicolons_and_decimal_comma_hours(tmp_path):
    """Was: 'kolom plan ontbreekt' although it is there."""
    folder = _copy(tmp_path, "documenten")
    rows = _rows(folder / "plannen.csv")
    rows[1][3] = "7,5"
    _write(folder / "plannen.csv", rows, ";", "utf-8-sig")
    data = load_plans(folder, DOCUMENT_SCHEME, EXPECTED)
    assert data.register.loc[0, "uren"] == 7.5 and len(data.register) == 60
    assert data.register.groupby("perceel").size().to_dict() == EXPECTED


@pytest.mark.parametrize(
    "hours, message", [("8 uur", "geen getal"), ("7,5", "het decimaalteken een punt"), ("-2", "minstens 0")]
)
def test_hours_that_are_no_number_name_row_column_and_value(tmp_path, hours, message):
    """Was a TypeError when the hours per profile were averaged."""
    folder = _copy(tmp_path, "documenten")
    rows = _rows(folder / "plannen.csv")
    rows[5][3] = hours
    _write(folder / "plannen.csv", rows)
    with pytest.raises(InputError) as err:
        load_plans(folder, DOCUMENT_SCHEME, EXPECTED)
    assert err.value.row == 6 and err.value.column == "uren" and repr(hours) in str(err.value)
    assert message in str(err.value) and err.value.file.endswith("plannen.csv")


def test_a_perceel_p2_names_its_row(tmp_path):
    """Was: 'perceel 1 telt 0 plannen … maar 8' without a row."""
    folder = _copy(tmp_path, "documenten")
    rows = _rows(folder / "plannen.csv")
    row = next(i for i, r in enumerate(rows) if r[1] == "2")
    rows[row][1] = "P2"
    _write(folder / "plannen.csv", rows)
    with pytest.raises(InputError) as err:
        load_plans(folder, DOCUMENT_SCHEME, EXPECTED)
    assert err.value.row == row + 1 and err.value.column == "perceel" and "'P2'" in str(err.value)
    assert "telt" not in str(err.value)


def test_a_perceel_written_2_0_is_perceel_2(tmp_path):
    """Accepted as the survey reads a whole number: '2.0' is 2 (was: every perceel a float, 'perceel 1.0: 8');
    '2.5' is refused naming its row."""
    from competentiecheck.partnerships.response import read_participants

    folder = _copy(tmp_path, "documenten")
    rows = _rows(folder / "plannen.csv")
    for row in rows[1:]:
        if row[1] == "2":
            row[1] = "2.0"
    _write(folder / "plannen.csv", rows)
    register = load_plans(folder, DOCUMENT_SCHEME, EXPECTED).register
    assert register["perceel"].tolist() == sorted(register["perceel"].tolist())
    assert set(register["perceel"]) == {1, 2, 3, 4, 5} and all(isinstance(p, int) for p in register["perceel"].tolist())
    participants = _copy(tmp_path, "partnerschappen") / "deelnemers.csv"
    text = participants.read_text(encoding="utf-8")
    participants.write_text(text.replace("Alimento,Voeding,2,", "Alimento,Voeding,2.0,"), encoding="utf-8")
    assert read_participants(participants).set_index("sectorfonds").at["Alimento", "perceel"] == 2
    participants.write_text(text.replace("Alimento,Voeding,2,", "Alimento,Voeding,2.5,"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_participants(participants)
    assert err.value.row == 6 and err.value.column == "perceel" and "'2.5'" in str(err.value)


def test_sector_spellings_are_one_sector_under_the_first_spelling(tmp_path):
    """'Horeca' and 'horeca' split a sector of 9 plans in two; now one, with a note naming the variant."""
    from competentiecheck.core.tabular import InputNote

    folder = _copy(tmp_path, "documenten")
    rows = _rows(folder / "plannen.csv")
    horeca = [i for i, r in enumerate(rows) if r[2] == "horeca"]
    for i in horeca[1::2]:
        rows[i][2] = " Horeca"
    _write(folder / "plannen.csv", rows)
    with pytest.warns(InputNote, match="'horeca' \\(ook geschreven als 'Horeca'\\)"):
        register = load_plans(folder, DOCUMENT_SCHEME, EXPECTED).register
    assert (register["sector"] == "horeca").sum() == len(horeca) == 9
    assert "Horeca" not in set(register["sector"])


def test_duplicate_plan_ids_name_both_rows(tmp_path):
    folder = _copy(tmp_path, "documenten")
    rows = _rows(folder / "plannen.csv")
    rows[12][0] = rows[11][0] + " "
    _write(folder / "plannen.csv", rows)
    with pytest.raises(InputError) as err:
        load_plans(folder, DOCUMENT_SCHEME, EXPECTED)
    assert err.value.row == 13 and err.value.column == "plan" and "ook in rij 12" in str(err.value)


def test_an_empty_plan_count_in_params_names_the_key(tmp_path):
    """Was int(None), a TypeError, in the notebook."""
    with pytest.raises(InputError) as err:
        load_plans(DEMO / "documenten", DOCUMENT_SCHEME, {**EXPECTED, 3: None})
    assert "context.plannen_van_aanpak" in str(err.value) and "leeg" in str(err.value)
    assert "perceel-3.yml" in str(err.value)


# --------------------------------------------------------------------------- YAML inputs


def test_a_yaml_syntax_error_names_the_file_and_line(tmp_path):
    """Was '<unicode string>', line 10."""
    folder = _copy(tmp_path, "documenten")
    lines = (folder / "profielen.yml").read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if "Regie" in line)
    lines[number] = lines[number].replace(": ", ': "', 1)  # an unclosed quote
    (folder / "profielen.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_plans(folder, DOCUMENT_SCHEME, EXPECTED)
    assert err.value.file.endswith("profielen.yml") and "geen geldige YAML op regel" in str(err.value)
    assert "<unicode string>" not in str(err.value) and err.value.row >= number + 1


def test_a_key_given_twice_in_yaml_is_an_error(tmp_path):
    from competentiecheck.core.tabular import read_yaml

    file = tmp_path / "x.yml"
    file.write_text("source: a\ncodes: []\nsource: b\n", encoding="utf-8")
    with pytest.raises(InputError, match="regel 3.*'source' staat twee keer"):
        read_yaml(file, "het codeboek")


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "- name: Krachtige ambitie",
            "- name: Krachtige Ambitie",
            "profiel 1 (name: 'Krachtige Ambitie'): de naam moet 'Krachtige ambitie' zijn",
        ),
        ("- name: Krachtige basis", "- name: Krachtige fundering", "profiel 'Krachtige basis' ontbreekt"),
        ("\nprofiles:", "\nprofielen:", "sleutel 'profiles' ontbreekt"),
        ("- name: Krachtige basis", "- name: Krachtige ambitie ", "naam 'Krachtige ambitie' staat ook bij profiel 1"),
    ],
)
def test_a_renamed_profile_or_top_key_is_an_error_naming_the_key(tmp_path, old, new, message):
    """Was a KeyError in the analysis ('Krachtige ambitie'), or a KeyError on 'profiles'."""
    folder = _copy(tmp_path, "documenten")
    text = (folder / "profielen.yml").read_text(encoding="utf-8")
    assert old in text
    (folder / "profielen.yml").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_plans(folder, DOCUMENT_SCHEME, EXPECTED)
    assert message in str(err.value) and err.value.file.endswith("profielen.yml")


# --------------------------------------------------------------------------- keys that almost match


def test_a_duplicated_row_in_the_case_table_names_the_row(tmp_path):
    """Was: 4 organisations in a perceel of 3."""
    from competentiecheck.core.tabular import read_case_table

    folder = _copy(tmp_path, "interviews")
    rows = _rows(folder / "casussen.csv")
    rows.insert(4, [rows[3][0].upper() + " "] + rows[3][1:])  # 'ORGANISATIE 3 ' after 'organisatie 3' (row 4)
    _write(folder / "casussen.csv", rows)
    with pytest.raises(InputError) as err:
        read_case_table(folder)
    assert err.value.row == 5 and err.value.column == "casus" and "ook in rij 4" in str(err.value)


def test_case_names_and_profiles_are_names(tmp_path):
    """'organisatie 1 ' is 'organisatie 1' (it changed kappa over the interviewed organisations); profile
    spellings in the case table are one profile under the first spelling."""
    from competentiecheck.core.tabular import InputNote, read_case_table

    folder = _copy(tmp_path, "interviews")
    rows = _rows(folder / "casussen.csv")
    rows[1][0] = "organisatie  1 "
    rows[2][10] = rows[2][10].replace("Krachtige basis", "krachtige  Basis")
    _write(folder / "casussen.csv", rows)
    with pytest.warns(InputNote, match="krachtige Basis"):
        cases = read_case_table(folder)
    demo = pd.read_csv(DEMO / "interviews" / "casussen.csv", dtype=str)
    pd.testing.assert_frame_equal(cases.reset_index(drop=True), demo, check_dtype=False)


def test_a_case_without_a_coded_interview_names_its_row(tmp_path):
    """Decided: an error (each organisation of the case table was interviewed, and the counts per group of
    the case table would otherwise count it without any code). Was: silently absent."""
    from competentiecheck.core.tabular import check_matched, read_case_table

    folder = _copy(tmp_path, "interviews")
    (folder / "segmenten_codeur_a.csv").unlink()  # organisatie 9's only coding
    cases = read_case_table(folder)
    data = load_coded_data(sorted(folder.glob("*.qdpx")), SWOT, cases)
    with pytest.raises(InputError) as err:
        check_matched(cases, "casus", set(data.codings["case"]), "casus zonder gecodeerd interview")
    assert err.value.row == 10 and err.value.column == "casus" and "'organisatie 9'" in str(err.value)
    assert err.value.file.endswith("casussen.csv")


def test_an_interview_of_the_table_without_codings_stops_the_partnership_step(tmp_path):
    from competentiecheck.partnerships.analysis import read_inputs

    folder = _copy(tmp_path, "partnerschappen")
    with open(folder / "gesprekken.csv", "a", encoding="utf-8") as table:
        table.write("gesprek 16,4,individueel,1\n")
    with pytest.raises(InputError) as err:
        read_inputs(_params(), folder)
    assert err.value.file.endswith("gesprekken.csv") and err.value.row == 17 and err.value.column == "casus"
    assert "zonder gecodeerd interview" in str(err.value)


def test_interview_table_with_semicolons_and_whole_numbers_written_2_0(tmp_path):
    from competentiecheck.partnerships.analysis import read_inputs

    folder = _copy(tmp_path, "partnerschappen")
    rows = _rows(folder / "gesprekken.csv")
    for row in rows[1:]:
        row[1], row[3] = f"{row[1]},0", f"{row[3]},0"
    _write(folder / "gesprekken.csv", rows, ";", "utf-8-sig")
    cases = read_inputs(_params(), folder).coded.cases
    demo = pd.read_csv(DEMO / "partnerschappen" / "gesprekken.csv").rename(columns={"casus": "case"})
    pd.testing.assert_frame_equal(cases, demo, check_dtype=False)


def test_an_unknown_code_in_a_flat_export_names_its_row(tmp_path):
    flat = tmp_path / "segmenten.csv"
    flat.write_text(
        "document;codeur;code;segment\norganisatie 9;codeur A;2. Strengths > Leiderschap;tekst\n"
        "organisatie 9;codeur A;2. Strengths > Geluk;tekst\n",
        encoding="utf-8-sig",
    )
    with pytest.raises(InputError) as err:
        read_flat_export(flat, SWOT)
    assert err.value.row == 3 and err.value.column == "code" and "Geluk" in str(err.value)


def test_flat_export_columns_are_found_by_alias_and_case(tmp_path):
    flat = tmp_path / "segmenten.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Document name", "Coded by", "Code", "Begin", "End", "Segment", "Kleur"])
    book.active.append(["organisatie 9", " codeur  A", "2. Strengths\\Leiderschap", 3.0, 10, "De baas leidt.", "rood"])
    book.save(flat)
    codings = read_flat_export(flat, SWOT)
    assert codings.iloc[0][["source", "coder", "start", "end"]].tolist() == ["organisatie 9", "codeur A", 3, 10]
    assert codings.iloc[0]["path"] == ("2. Strengths", "Leiderschap")


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "text, decimal, expected", [("2", ".", 2), ("2.0", ".", 2), ("2,0", ",", 2), (" 12 ", ".", 12)]
)
def test_whole_numbers(text, decimal, expected):
    from competentiecheck.core.tabular import whole_number

    assert whole_number(text, decimal=decimal) == expected


@pytest.mark.parametrize(
    "text, decimal, message",
    [
        ("7,5", ",", "geheel getal"),
        ("7,5", ".", "geen geheel getal"),
        ("8 uur", ".", "geen geheel getal"),
        ("P2", ".", "geen geheel getal"),
        ("", ".", "geen geheel getal"),
    ],
)
def test_no_whole_numbers(text, decimal, message):
    from competentiecheck.core.tabular import whole_number

    with pytest.raises(InputError, match=message) as err:
        whole_number(text, decimal=decimal, file="x.csv", row=3, column="perceel")
    assert err.value.row == 3 and err.value.column == "perceel"


def test_names_collapse_spaces_and_compare_without_case():
    from competentiecheck.core.tabular import clean_name, name_key

    assert clean_name("  Horeca\u00a0 Vlaanderen ") == "Horeca Vlaanderen"
    assert name_key("HORECA  vlaanderen") == name_key("Horeca Vlaanderen")
    assert clean_name(float("nan")) == "" and clean_name(None) == ""


def test_a_missing_column_is_named_and_warnings_do_not_hide_it(tmp_path):
    from competentiecheck.core.tabular import read_table

    file = tmp_path / "t.csv"
    file.write_text("Plan ; Perceel\nPvA-1;1\n", encoding="utf-8")
    frame = read_table(file, ("plan", "perceel"), what="het register")
    assert list(frame.columns) == ["plan", "perceel"] and list(frame.attrs["rows"]) == [2]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(InputError) as err:
            read_table(file, ("plan", "sector"), what="het register")
    assert err.value.column == "sector" and "kolom ontbreekt" in str(err.value)
