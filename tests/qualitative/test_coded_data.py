"""The demo interviews read end to end (.qdpx + flat export), checked against the SWOT scheme; counts
by hand on small data; the demo regenerates byte for byte."""

import shutil

import pandas as pd
import pytest

from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import DATA
from competentiecheck.interviews.demo import INTERVIEWS, generate_interviews
from competentiecheck.qualitative.agreement import code_agreement, krippendorff_alpha_nominal, presence_table
from competentiecheck.qualitative.codebook import load_scheme, path_text, scheme_from_qdc
from competentiecheck.qualitative.coded_data import load_coded_data
from competentiecheck.qualitative.matrices import case_code_matrix, co_occurrence, code_frequencies

SCHEME = load_scheme(DATA / "codebook" / "swot.yml")
CASES = pd.read_csv(INTERVIEWS / "casussen.csv", dtype=str)


def _demo():
    return load_coded_data(
        sorted(INTERVIEWS.glob("*.qdpx")) + sorted(INTERVIEWS.glob("segmenten_*.csv")), SCHEME, CASES
    )


def test_the_swot_scheme_is_bijlage_5():
    tops = [p[0] for p in SCHEME.codes["path"] if len(p) == 1]
    assert tops == [
        "1. Achtergrondinfo interviewpartner en onderneming",
        "2. Strengths",
        "3. Weaknesses",
        "4. Opportunities",
        "5. Threats",
    ]
    assert ("5. Threats", "Uitkomsten", "Verloop") in SCHEME.paths
    assert set(SCHEME.codes["category"]) == {"achtergrond", "S", "W", "O", "T"}


def test_demo_reads_end_to_end_with_two_coders_on_four_interviews():
    data = _demo()
    assert sorted(data.codings["case"].unique()) == sorted(CASES["casus"])
    assert data.primary_coder() == "codeur A"
    doubly = data.codings[data.codings["coder"] == "codeur B"]["case"].unique()
    assert len(doubly) == 4
    assert "segmenten_codeur_a.csv" in " ".join(data.files)
    codings = data.codings.assign(source=data.codings["case"], code=data.codings["path"].map(path_text))
    table = presence_table(codings, sorted(SCHEME.codes["path"].map(path_text)))
    assert len(table.index.get_level_values("source").unique()) == 4
    assert 0 < krippendorff_alpha_nominal(table) < 1
    assert len(code_agreement(table, "codeur A", "codeur B")) == len(SCHEME.codes)


def test_frequencies_roll_up_and_count_documents_once():
    codings = pd.DataFrame(
        {
            "case": ["o1", "o1", "o2"],
            "path": [
                ("2. Strengths", "Begeleiding", "Consultants"),
                ("2. Strengths", "Begeleiding", "Inhoudelijk"),
                ("2. Strengths", "Tijd / timing"),
            ],
        }
    )
    freq = code_frequencies(codings, SCHEME).set_index("path")
    assert freq.loc["2. Strengths > Begeleiding", ["documents", "segments"]].tolist() == [1, 2]
    assert freq.loc["2. Strengths", ["documents", "segments"]].tolist() == [2, 3]
    assert freq.loc["3. Weaknesses", "documents"] == 0
    matrix = case_code_matrix(codings, SCHEME)
    assert matrix.loc["o1", "2. Strengths > Begeleiding"] == 2 and matrix.loc["o2", "2. Strengths > Begeleiding"] == 0
    both = co_occurrence(codings, SCHEME)
    assert both.loc["2. Strengths > Begeleiding", "2. Strengths > Tijd / timing"] == 0
    assert both.loc["2. Strengths > Tijd / timing", "2. Strengths > Tijd / timing"] == 1


def test_a_code_outside_the_scheme_or_an_interview_without_case_stops(tmp_path):
    flat = tmp_path / "segmenten.csv"
    flat.write_text(
        "document,codeur,code,segment\norganisatie 9,codeur A,2. Strengths > Geluk,tekst\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match="Geluk.*staat niet in het codeboek"):
        load_coded_data([flat], SCHEME, CASES)
    flat.write_text(
        "document,codeur,code,segment\norganisatie 10,codeur A,2. Strengths > Leiderschap,tekst\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match="geen casus"):
        load_coded_data([flat], SCHEME, CASES)
    flat.write_text("document,code,segment\norganisatie 9,2. Strengths > Leiderschap,tekst\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_coded_data([flat], SCHEME, CASES)
    assert err.value.column == "coder" and "segmenten.csv" in str(err.value)


def test_a_document_coded_in_two_files_stops(tmp_path):
    shutil.copy(INTERVIEWS / "segmenten_codeur_a.csv", tmp_path / "a.csv")
    shutil.copy(INTERVIEWS / "segmenten_codeur_a.csv", tmp_path / "b.csv")
    with pytest.raises(InputError, match="ook gecodeerd"):
        load_coded_data([tmp_path / "a.csv", tmp_path / "b.csv"], SCHEME, CASES)


def test_a_refi_qda_codebook_file_reads_as_a_scheme(tmp_path):
    qdc = tmp_path / "swot.qdc"
    qdc.write_text(
        '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="1" name="2. Strengths"><Code guid="2" name="Leiderschap"/></Code></Codes></CodeBook>',
        encoding="utf-8",
    )
    scheme = scheme_from_qdc(qdc, {"2. Strengths": "S"})
    assert scheme.paths == {("2. Strengths",), ("2. Strengths", "Leiderschap")}


def test_demo_interviews_regenerate_byte_identical(tmp_path):
    shutil.copy(INTERVIEWS / "casussen.csv", tmp_path / "casussen.csv")
    generate_interviews(tmp_path)
    for name in ("interviews.qdpx", "segmenten_codeur_a.csv"):
        assert (tmp_path / name).read_bytes() == (INTERVIEWS / name).read_bytes(), name
