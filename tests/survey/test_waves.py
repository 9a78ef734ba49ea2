"""Waves and matching on the self-generated code (issue 23): each rule on a small case worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from competentiecheck.core.errors import InputError, ParamsError
from competentiecheck.core.params import load_params
from competentiecheck.survey.waves import (
    AMBIGUOUS,
    DUPLICATE,
    EXACT,
    NO_CODE,
    TOLERANT,
    TWO_PERCELEN,
    baseline,
    code_pseudonym,
    declared_wave,
    match_codes,
    match_counts,
    normalise_code,
    only_in,
    wave_labels,
)

PRE, POST = "voormeting", "nameting"
PARAMS = {"waves": {"labels": [PRE, POST], "files": {"*nameting*": POST}, "max_typos": 1}}


def _frame(rows):
    return pd.DataFrame(rows, columns=["meting", "perceel", "code"])


def _status(rows, max_typos=1):
    frame = _frame(rows)
    return match_codes(frame, PRE, POST, max_typos)


def test_codes_are_normalised_for_case_spaces_and_dashes():
    assert normalise_code(" m 14-b 03 ") == "M14B03"
    assert normalise_code("m14b03") == normalise_code("M14B03")
    assert normalise_code("  ") is None and normalise_code(None) is None


def test_exact_match_and_partnerless_respondents():
    out = _status([(PRE, 1, "A11B01"), (POST, 1, "A11B01"), (PRE, 1, "C22D02"), (POST, 2, "E33F03")])
    assert out["koppeling"].tolist() == [EXACT, EXACT, only_in(PRE), only_in(POST)]
    assert out["paarcode"].tolist() == ["A11B01", "A11B01", "C22D02", "E33F03"]


def test_one_typo_is_matched_when_unambiguous_and_carries_the_baseline_code():
    # A11B01 -> A17B01: one character differs, no other candidate in the perceel
    out = _status([(PRE, 1, "A11B01"), (POST, 1, "A17B01"), (PRE, 1, "Z99Y09")])
    assert out["koppeling"].tolist() == [TOLERANT, TOLERANT, only_in(PRE)]
    assert out.at[1, "paarcode"] == "A11B01"


def test_one_typo_is_not_matched_with_tolerance_zero_or_two_typos():
    assert _status([(PRE, 1, "A11B01"), (POST, 1, "A17B01")], max_typos=0)["koppeling"].tolist() == [
        only_in(PRE),
        only_in(POST),
    ]
    # two characters differ: no match
    assert _status([(PRE, 1, "A11B01"), (POST, 1, "A17B02")])["koppeling"].tolist() == [only_in(PRE), only_in(POST)]


def test_one_typo_with_two_candidates_is_ambiguous_and_excluded():
    # A11B01 and A12B01 are both one character from A13B01: nobody can say which is the partner
    out = _status([(PRE, 1, "A11B01"), (PRE, 1, "A12B01"), (POST, 1, "A13B01")])
    assert out["koppeling"].tolist() == [AMBIGUOUS, AMBIGUOUS, AMBIGUOUS]
    # and the mirror case: two post codes near one pre code
    out = _status([(PRE, 1, "A11B01"), (POST, 1, "A12B01"), (POST, 1, "A13B01")])
    assert out["koppeling"].tolist() == [AMBIGUOUS, AMBIGUOUS, AMBIGUOUS]


def test_tolerance_stays_within_the_perceel():
    out = _status([(PRE, 1, "A11B01"), (POST, 2, "A17B01")])
    assert out["koppeling"].tolist() == [only_in(PRE), only_in(POST)]


def test_an_exact_partner_is_never_taken_for_a_tolerant_one():
    # A11B01 matches exactly; A12B01 (pre) stays alone, although one character from the post code
    out = _status([(PRE, 1, "A11B01"), (PRE, 1, "A12B01"), (POST, 1, "A11B01")])
    assert out["koppeling"].tolist() == [EXACT, only_in(PRE), EXACT]


def test_a_code_twice_in_one_wave_excludes_every_row_with_it():
    out = _status([(PRE, 1, "A11B01"), (POST, 1, "A11B01"), (POST, 1, "A11B01"), (PRE, 1, "C22D02")])
    assert out["koppeling"].tolist() == [DUPLICATE, DUPLICATE, DUPLICATE, only_in(PRE)]


def test_a_code_in_two_percelen_is_excluded_with_its_reason():
    out = _status([(PRE, 1, "A11B01"), (POST, 3, "A11B01")])
    assert out["koppeling"].tolist() == [TWO_PERCELEN, TWO_PERCELEN]


def test_missing_codes_are_counted_not_dropped():
    rows = [(PRE, 1, None), (POST, 1, "A11B01"), (PRE, 1, "A11B01"), (POST, 2, None), (PRE, 2, "Q11Q11")]
    frame = _frame(rows)
    frame = frame.assign(koppeling=match_codes(frame, PRE, POST)["koppeling"])
    counts = match_counts(frame, [PRE, POST]).set_index("koppeling")
    # every row is counted once, in its wave; every status is listed, zeros too
    assert counts[PRE].sum() == 3 and counts[POST].sum() == 2
    assert counts.loc[NO_CODE].tolist() == [1, 1]
    assert counts.loc[EXACT].tolist() == [1, 1]
    assert counts.loc[only_in(PRE)].tolist() == [1, 0]
    assert counts.loc[DUPLICATE].tolist() == [0, 0]
    by_perceel = match_counts(frame, [PRE, POST], by_perceel=True)
    assert by_perceel[PRE].sum() == 3 and set(by_perceel["perceel"]) == {1, 2}


def test_pseudonym_depends_on_the_salt_and_reveals_no_characters():
    one = code_pseudonym("A11B01", "s" * 32)
    assert one == code_pseudonym("A11B01", "s" * 32) != code_pseudonym("A11B01", "t" * 32)
    assert one.startswith("K-") and len(one) == 14 and "A11B01" not in one
    assert code_pseudonym(None, "s" * 32) is None


def test_wave_from_file_name_and_column():
    assert declared_wave("vragenlijst_NAMETING_nl.csv", PARAMS) == POST
    assert declared_wave("vragenlijst_online_nl.csv", PARAMS) is None
    assert wave_labels([None, " Nameting "], [2, 3], "x.csv", "wave", PARAMS) == [PRE, POST]
    assert wave_labels([None], [2], "vragenlijst_nameting.csv", "meting", PARAMS) == [POST]


def test_unknown_wave_label_names_file_row_column_and_value():
    with pytest.raises(InputError) as error:
        wave_labels([PRE, "tussenmeting"], [2, 3], "export.csv", "wave", PARAMS)
    assert error.value.file == "export.csv" and error.value.row == 3 and error.value.column == "wave"
    assert error.value.value == "tussenmeting" and "onbekend meetmoment" in str(error.value)


def test_column_contradicting_the_file_declaration_stops():
    with pytest.raises(InputError, match="wijkt af"):
        wave_labels([PRE], [2], "vragenlijst_nameting.csv", "meting", PARAMS)


def test_baseline_keeps_the_first_wave_present():
    frame = pd.DataFrame({"meting": [POST, PRE, POST], "x": [1, 2, 3]})
    assert baseline(frame, PARAMS)["x"].tolist() == [2]
    assert baseline(frame[frame.meting == POST], PARAMS)["x"].tolist() == [1, 3]
    assert "meting" not in baseline(frame, PARAMS, drop=True)
    assert baseline(pd.DataFrame({"x": [1]}), PARAMS)["x"].tolist() == [1]


def test_params_refuse_a_file_declaration_with_an_unknown_wave(tmp_path):
    default = (load_params.__globals__["PARAMS"] / "default.yml").read_text(encoding="utf-8")
    bad = tmp_path / "default.yml"
    bad.write_text(default.replace('files: {"*nameting*": nameting}', 'files: {"*na*": namting}'), encoding="utf-8")
    with pytest.raises(ParamsError, match="waves.files"):
        load_params(files=[bad])
    bad.write_text(default.replace("max_typos: 1", "max_typos: 2"), encoding="utf-8")
    with pytest.raises(ParamsError, match="waves.max_typos"):
        load_params(files=[bad])
