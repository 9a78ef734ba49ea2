"""Two waves through the cleaning step (issue 23): the demo's second wave, and bad input in a wave."""

from __future__ import annotations

import csv
import io
import shutil

import pandas as pd
import pytest

from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import DEMO_SURVEY
from competentiecheck.survey.cleaning import clean_survey, write_cleaned
from competentiecheck.survey.waves import AMBIGUOUS, DUPLICATE, NO_CODE, TOLERANT, TWO_PERCELEN, match_counts, only_in

POST_FILE = "vragenlijst_nameting_online_nl.csv"
FIRST_WAVE = sorted(
    p.name for p in DEMO_SURVEY.iterdir() if p.suffix in (".csv", ".xlsx", ".sav") and "nameting" not in p.name
)


@pytest.fixture(scope="module")
def both(codebook, params):
    return clean_survey(DEMO_SURVEY, codebook, params)


def _rows(path):
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_first_wave_is_what_the_first_wave_files_alone_give(both, codebook, params, tmp_path):
    # the single-wave analyses (and the reproduction of the published tables) must not move
    alone = tmp_path / "alone"
    alone.mkdir()
    for name in FIRST_WAVE:
        shutil.copy(DEMO_SURVEY / name, alone / name)
    single = clean_survey(alone, codebook, params)
    assert single.waves == ["voormeting"]
    first = both.wave()
    assert len(first.data) == 95
    columns = [c for c in single.data.columns if c not in ("koppeling", "koppelcode")]
    pd.testing.assert_frame_equal(first.data[columns], single.data[columns])
    pd.testing.assert_frame_equal(first.flow, single.wave().flow)
    assert single.data["koppeling"].isna().all()


def test_demo_second_wave_counts_follow_from_how_it_was_made(both):
    # the generator wrote: 4 codes with one wrong character, 1 blank code, 1 returner through another
    # perceel's link, 5 newcomers, and a sixth newcomer with a returner's code; 1 refused consent
    counts = match_counts(both.data, both.waves).set_index("koppeling")
    assert counts.loc[TOLERANT].tolist() == [4, 4]
    assert counts.loc[NO_CODE, "nameting"] == 1
    assert counts.loc[TWO_PERCELEN].tolist() == [1, 1]
    assert counts.loc[DUPLICATE].tolist() == [1, 2]
    assert counts.loc[only_in("nameting"), "nameting"] == 5
    assert counts.loc[AMBIGUOUS].tolist() == [0, 0]
    post_rows = len(_rows(DEMO_SURVEY / POST_FILE)) - 3
    flow = both.wave("nameting").flow.set_index("run")
    assert flow.loc["totaal", "ontvangen"] == post_rows
    assert flow.loc["totaal", "geanalyseerd"] == post_rows - 1  # the refusal
    # every analysed respondent of either wave has exactly one status
    assert both.data["koppeling"].notna().all()
    assert counts["voormeting"].sum() == 95 and counts["nameting"].sum() == post_rows - 1


def test_no_code_characters_reach_the_written_files(both, codebook, tmp_path):
    rows = _rows(DEMO_SURVEY / POST_FILE)
    column = rows[1].index(codebook.variables["koppelcode"].texts["nl"])
    codes = {r[column].replace(" ", "").upper() for r in rows[3:] if r[column]}
    written = write_cleaned(both, codebook, tmp_path / "out")
    for path in written:
        content = path.read_bytes()
        assert not [c for c in codes if c.encode() in content.upper()], path.name
    data = pd.read_parquet(tmp_path / "out" / "vragenlijst.parquet")
    assert data["koppelcode"].dropna().str.fullmatch(r"K-[0-9a-f]{12}").all()
    # a pair carries one pseudonym in both waves
    pairs = data[data["koppeling"].isin(["gekoppeld", TOLERANT])]
    assert (pairs.groupby("koppelcode")["meting"].nunique() == 2).all()


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPETENTIECHECK_SALT", "een-geheim-testzout-van-voldoende-lengte")
    path = tmp_path / "raw"
    path.mkdir()
    for name in FIRST_WAVE:
        shutil.copy(DEMO_SURVEY / name, path / name)
    return path


def _write(path, rows):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def test_a_wave_export_without_the_code_column_stops_and_writes_nothing(folder, codebook, params, tmp_path):
    rows = _rows(DEMO_SURVEY / POST_FILE)
    column = rows[1].index(codebook.variables["koppelcode"].texts["nl"])
    _write(folder / POST_FILE, [r[:column] + r[column + 1 :] for r in rows])
    out = tmp_path / "processed"
    with pytest.raises(InputError) as error:
        write_cleaned(clean_survey(folder, codebook, params), codebook, out)
    assert error.value.file.endswith(POST_FILE) and error.value.column == "koppelcode"
    assert "zelfgegenereerde code" in str(error.value)
    assert not out.exists() or not any(out.iterdir())


def test_an_unknown_wave_label_names_file_row_column_and_value(folder, codebook, params):
    rows = _rows(DEMO_SURVEY / POST_FILE)
    rows = [r + [v] for r, v in zip(rows, ["wave", "Meting", '{"ImportId":"wave"}'] + ["nameting"] * (len(rows) - 3))]
    rows[5][-1] = "tussenmeting"
    _write(folder / "export_juni.csv", rows)  # no file declaration: the column decides
    with pytest.raises(InputError) as error:
        clean_survey(folder, codebook, params)
    assert error.value.file.endswith("/export_juni.csv")
    assert (error.value.row, error.value.column, error.value.value) == (
        6,
        "wave",
        "tussenmeting",
    )


def test_a_wave_column_is_enough_without_a_file_declaration(folder, codebook, params):
    rows = _rows(DEMO_SURVEY / POST_FILE)
    rows = [r + [v] for r, v in zip(rows, ["wave", "Meting", '{"ImportId":"wave"}'] + ["Nameting"] * (len(rows) - 3))]
    _write(folder / "export_juni.csv", rows)
    result = clean_survey(folder, codebook, params)
    assert result.waves == ["voormeting", "nameting"]
    assert (result.data["koppeling"] == TOLERANT).sum() == 8


@pytest.fixture(scope="module")
def protected(both, codebook):
    """Step 1's joint protection of the sample and the change counts of every run (two demo waves)."""
    from competentiecheck.core.params import load_params
    from competentiecheck.privacy.disclosure import Disclosure
    from competentiecheck.survey.publication import protected_sample

    totaal, first = load_params("totaal"), both.wave()
    return protected_sample(
        first.data, first.flow, first.exclusions, codebook, Disclosure.from_params(totaal), totaal, all_waves=both.data
    )


def test_the_change_chapter_exists_only_with_two_waves_and_keeps_small_groups_out(both, codebook, protected):
    from competentiecheck.core.params import load_params
    from competentiecheck.privacy.disclosure import Disclosure
    from competentiecheck.survey.report_change import change_chapter

    totaal = load_params("totaal")
    disclosure = Disclosure.from_params(totaal)
    one_wave = change_chapter(both.wave().data, codebook, totaal, disclosure, demo=True, shown={})
    assert one_wave.fragment == "" and one_wave.tables == {}
    chapter = change_chapter(both.data, codebook, totaal, disclosure, demo=True, shown=protected["totaal"].change)
    assert chapter.fragment.startswith("# Verandering tussen voor- en nameting {#sec-verandering}")
    assert "geen controlegroep" in chapter.fragment.lower() and "Synthetische gegevens" in chapter.fragment
    # every published count is 0, '< 5', hidden ('×') or a multiple of 5
    for name in ("koppeling", "uitval"):
        for value in chapter.tables[name].iloc[:, 1:].to_numpy().ravel():
            for part in str(value).split(" / "):
                assert part in ("0", "< 5", "×") or int(part) % 5 == 0, (name, value)
    # 71 pairs: shown rounded, t with 70 df in the totaal report only
    change = chapter.tables["verandering"]
    assert set(change["n"]) == {70} and change["t (df)"].str.endswith("(70)").all()
    # ... and the note says why n 70 stands beside 70 df (71 pairs)
    assert "exacte aantal paren min 1" in chapter.fragment
    # a reader's subtraction: 71 pairs (df + 1) minus the exact matches (shown 65: 63 to 67) leaves 4 to 8
    # tolerant matches; shown as '< 5' (1 to 4) that would pin 4, so the joint protection hides the cell
    matching = chapter.tables["koppeling"].set_index("Koppeling")
    pairs = int(change["t (df)"].iat[0].split("(")[1].rstrip(")")) + 1
    exact = int(matching.at["gekoppeld", "Voormeting"])
    tolerant = matching.at["gekoppeld met tolerantie", "Voormeting"]
    low, high = pairs - (exact + 2), pairs - (exact - 2)
    if tolerant == "< 5":
        low, high = max(low, 1), min(high, 4)
    elif tolerant != "×":
        low, high = max(low, int(tolerant) - 2), min(high, int(tolerant) + 2)
    assert tolerant == "×" or high - low >= 1, (tolerant, low, high)
    perceel = load_params("perceel-2")
    mine = change_chapter(
        both.data, codebook, perceel, Disclosure.from_params(perceel), demo=True, shown=protected["perceel-2"].change
    )
    assert "t (df)" not in mine.tables["verandering"] and "Verschil" in mine.tables["verandering"]
    small = load_params("perceel-3")
    hidden = change_chapter(
        both.data, codebook, small, Disclosure.from_params(small), demo=True, shown=protected["perceel-3"].change
    )
    assert hidden.tables == {} and "Te weinig respondenten" in hidden.fragment
