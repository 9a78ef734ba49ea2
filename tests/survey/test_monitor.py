"""The fieldwork monitor: counts per perceel, organisation and wave against the targets, the matched
share of a later wave, the page (internal, no respondent data), and bad input named as step 1 names it."""

import shutil
from collections import Counter
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from competentiecheck.core.errors import ParamsError
from competentiecheck.core.params import load_params
from competentiecheck.core.paths import BUILD, DEMO_SURVEY, PARAMS, PROCESSED, REPORT_OUTPUT
from competentiecheck.survey import cleaning, monitor
from competentiecheck.survey.monitor import Targets, organisation_table, render_page, wave_table

TARGETS = {p: Targets(per_perceel=4, per_organisation=2) for p in (1, 2, 3, 4, 5)}


def _frame(rows, columns=("perceel", "org_id", "meting", "koppelcode")):
    return pd.DataFrame(rows, columns=list(columns))


def _row(table, perceel, wave):
    hit = table[(table["perceel"] == perceel) & (table["meting"] == wave)]
    assert len(hit) == 1
    return hit.iloc[0]


# --------------------------------------------------------------------------- one wave (no meting column)


def test_one_wave_when_the_frame_has_no_meting():
    data = _frame([(1, "ORG-a"), (1, "ORG-a"), (1, "ORG-b"), (2, None)], columns=("perceel", "org_id"))
    table = wave_table(data, TARGETS)
    assert list(table["meting"].unique()) == ["voormeting"]
    assert len(table) == 5  # every perceel, also those without a response
    p1 = _row(table, 1, "voormeting")
    # by hand: 3 usable, target 4 -> 1 short; organisations a (2, on target) and b (1, below)
    assert (p1.bruikbaar, p1.doel, p1.tekort, p1.organisaties, p1.organisaties_onder_doel) == (3, 4, 1, 2, 1)
    assert pd.isna(p1.gekoppeld)
    p2 = _row(table, 2, "voormeting")
    # a respondent without organisation counts for the perceel and as one 'organisation' (not filled in)
    assert (p2.bruikbaar, p2.tekort, p2.organisaties, p2.organisaties_onder_doel) == (1, 3, 1, 1)
    p5 = _row(table, 5, "voormeting")
    assert (p5.bruikbaar, p5.tekort, p5.organisaties) == (0, 4, 0)


# --------------------------------------------------------------------------- two waves with codes


def _two_waves():
    return _frame(
        [
            (1, "ORG-a", "voormeting", "K1"),
            (1, "ORG-a", "voormeting", "K2"),
            (1, "ORG-b", "voormeting", "K3"),
            (1, "ORG-a", "nameting", "K1"),  # matched
            (1, "ORG-a", "nameting", "K3"),  # matched (other organisation, same perceel: still the code)
            (1, "ORG-a", "nameting", "K9"),  # not in the voormeting
            (1, "ORG-a", "nameting", None),  # no code: never matched
            (2, "ORG-c", "voormeting", "K5"),
            (2, "ORG-c", "nameting", "K2"),  # K2 is in perceel 1's voormeting, not perceel 2's
            (2, "ORG-c", "nameting", "k5"),  # exact match only: case differs
        ]
    )


def test_matched_share_is_per_perceel_and_exact():
    table = wave_table(_two_waves(), TARGETS)
    assert list(table["meting"].unique()) == ["voormeting", "nameting"]
    assert len(table) == 10
    pre = _row(table, 1, "voormeting")
    assert (pre.bruikbaar, pre.tekort) == (3, 1) and pd.isna(pre.gekoppeld)
    post = _row(table, 1, "nameting")
    assert (post.bruikbaar, post.tekort, post.gekoppeld) == (4, 0, 2)
    assert post.aandeel_gekoppeld == pytest.approx(2 / 4)
    post2 = _row(table, 2, "nameting")
    assert (post2.bruikbaar, post2.gekoppeld) == (2, 0)
    assert post2.aandeel_gekoppeld == 0
    empty = _row(table, 3, "nameting")
    assert empty.bruikbaar == 0 and empty.gekoppeld == 0 and pd.isna(empty.aandeel_gekoppeld)


def test_wave_order_puts_voormeting_first():
    assert monitor.wave_order(["nameting", "follow-up", "voormeting"]) == ["voormeting", "nameting", "follow-up"]


def test_organisations_of_the_first_wave_appear_with_zero_in_the_next():
    data = _two_waves()
    names = {"ORG-a": "Bakkerij Aerts", "ORG-b": "Garage Maes", "ORG-c": "Zorg & Co"}
    orgs = organisation_table(data, TARGETS, names)
    b = orgs[(orgs["perceel"] == 1) & (orgs["organisatie"] == "Garage Maes")].set_index("meting")
    # one voormeting response, none yet in the nameting: both below the target of 2
    assert b.loc["voormeting", ["bruikbaar", "tekort"]].tolist() == [1, 1]
    assert b.loc["nameting", ["bruikbaar", "tekort"]].tolist() == [0, 2]
    a = orgs[(orgs["perceel"] == 1) & (orgs["organisatie"] == "Bakkerij Aerts")].set_index("meting")
    assert a.loc["voormeting", "tekort"] == 0 and a.loc["nameting", "bruikbaar"] == 4
    # largest shortfall first within a perceel and wave
    first = orgs[(orgs["perceel"] == 1) & (orgs["meting"] == "nameting")].iloc[0]
    assert first["organisatie"] == "Garage Maes"
    # below-target organisations per wave, as the summary counts them
    table = wave_table(data, TARGETS)
    assert _row(table, 1, "nameting").organisaties_onder_doel == 1
    assert _row(table, 1, "nameting").organisaties == 1


def test_waves_without_codes_have_no_matched_share():
    data = _two_waves().drop(columns="koppelcode")
    table = wave_table(data, TARGETS)
    assert table["gekoppeld"].isna().all()
    page = render_page(_monitor(data))
    assert "geen koppelcode" in page


def _monitor(data, names=None):
    table = wave_table(data, TARGETS)
    return monitor.Monitor(
        folder=DEMO_SURVEY,
        demo=True,
        waves=table,
        organisations=organisation_table(data, TARGETS, names or {}),
        received=pd.DataFrame(
            [
                {"perceel": f"perceel-{p}", "ontvangen": 0, "bruikbaar": 0}
                | dict.fromkeys(monitor.EXCLUDED_AT.values(), 0)
                for p in (1, 2, 3, 4, 5)
            ]
        ),
        exports=pd.DataFrame(columns=["bestand", "formaat", "rijen", "bruikbaar", "gewijzigd", "laatste_antwoord"]),
        last_response={},
        dates_per_wave=False,
        wave_labels=list(dict.fromkeys(table["meting"])),
        has_codes="koppelcode" in data.columns,
        targets=TARGETS,
    )


def test_page_escapes_names_and_shows_no_codes_or_pseudonyms():
    data = _two_waves()
    # ORG-b (one voormeting response) and ORG-c are below target, so listed by name
    names = {"ORG-a": "Bakkerij Aerts", "ORG-b": "<script>alert(1)</script> bv", "ORG-c": "Zorg & Co"}
    page = render_page(_monitor(data, names))
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Zorg &amp; Co" in page
    assert "Intern, niet publiceren" in page
    for secret in ("K1", "K9", "ORG-"):
        assert secret not in page
    # the matched share of perceel 1's nameting: 2 of 4
    assert "2 (50 %)" in page


def test_display_name_is_the_most_typed_spelling():
    assert monitor._display_name(Counter({"Garage Maes": 2, "garage maes nv": 1})) == "Garage Maes"
    assert monitor._display_name(Counter({"b": 1, "a": 1})) == "a"


def test_chart_is_deterministic_and_marks_matched_only_in_a_later_wave():
    table = wave_table(_two_waves(), TARGETS)
    mine = table[table["perceel"] == 1]
    svg = monitor.perceel_chart(mine, 1)
    assert svg == monitor.perceel_chart(mine, 1)
    assert svg.count('fill="#1b4d1e"') == 1  # the matched part, in the nameting bar only
    assert "doel 4" in svg and "3 / 4" in svg and "4 / 4" in svg


# --------------------------------------------------------------------------- params


def test_targets_per_perceel_from_the_run_files(tmp_path):
    folder = tmp_path / "params"
    shutil.copytree(PARAMS, folder)
    run_file = folder / "perceel-2.yml"
    run_file.write_text(run_file.read_text(encoding="utf-8") + "monitor:\n  min_per_perceel: 45\n", encoding="utf-8")
    targets = monitor.targets_from_params(folder)
    default = load_params(files=[PARAMS / "default.yml"])["monitor"]
    assert targets[2] == Targets(45, default["min_per_organisation"])
    assert targets[1] == Targets(default["min_per_perceel"], default["min_per_organisation"])


def test_a_bad_target_is_a_params_error(tmp_path):
    folder = tmp_path / "params"
    shutil.copytree(PARAMS, folder)
    text = (folder / "default.yml").read_text(encoding="utf-8")
    (folder / "default.yml").write_text(text.replace("min_per_organisation: 10", "min_per_organisation: 0"))
    with pytest.raises(ParamsError, match="monitor.min_per_organisation"):
        monitor.targets_from_params(folder)


# --------------------------------------------------------------------------- the command on the demo


def _listing(folder: Path) -> dict:
    return {str(p): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()} if folder.exists() else {}


def test_page_from_the_demo_exports(tmp_path, capsys):
    out = tmp_path / "monitor" / "veldwerk.html"
    before = [_listing(f) for f in (PROCESSED, BUILD, REPORT_OUTPUT)]
    assert monitor.main(["--raw", str(DEMO_SURVEY), "--out", str(out)]) == 0
    assert [_listing(f) for f in (PROCESSED, BUILD, REPORT_OUTPUT)] == before
    page = out.read_text(encoding="utf-8")
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    # the demo's analysed respondents per perceel (data/demo: 20, 31, 2, 25, 17; README, Privacy)
    for perceel, n in {1: 20, 2: 31, 3: 2, 4: 25, 5: 17}.items():
        assert f'data-label="Perceel">perceel {perceel}</td><td data-label="Meting">voormeting</td>' in page
        assert f'<td class=n data-label="Bruikbaar">{n}</td>' in page.split(f">perceel {perceel}</td>", 1)[1][:200]
    # and the demo's nameting (issue 23): 18, 27, 20, 15 in percelen 1, 2, 4, 5, none in perceel 3
    for perceel, n in {1: 18, 2: 27, 4: 20, 5: 15}.items():
        row = f'data-label="Perceel">perceel {perceel}</td><td data-label="Meting">nameting</td>'
        assert row in page
        assert f'<td class=n data-label="Bruikbaar">{n}</td>' in page.split(row, 1)[1][:200]
    assert "175 bruikbare antwoorden" in capsys.readouterr().out  # 95 + 80
    # one export of each kind, by its real name (internal page), with its dates
    for name in ("vragenlijst_online_nl.csv", "vragenlijst_papier_kort.xlsx", "vragenlijst_online_en_kort.sav"):
        assert name in page
    # organisations as typed, never their pseudonyms nor respondent numbers
    assert "ORG-" not in page and "R0001" not in page
    assert page.count("<svg") == 5
    # same inputs, same bytes
    first = out.read_bytes()
    assert monitor.main(["--raw", str(DEMO_SURVEY), "--out", str(out)]) == 0
    assert out.read_bytes() == first
    assert [p.name for p in out.parent.iterdir()] == ["veldwerk.html"]  # no temporary file left


@pytest.mark.parametrize("inside", [BUILD, PROCESSED, REPORT_OUTPUT])
def test_refuses_to_write_into_the_pipeline_folders(inside, capsys):
    target = inside / "monitor_test_should_not_exist.html"
    assert monitor.main(["--raw", str(DEMO_SURVEY), "--out", str(target)]) == 2
    assert not target.exists()
    assert "schrijft niet in" in capsys.readouterr().err


def test_bad_export_named_as_step_1_names_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COMPETENTIECHECK_SALT", "een-geheim-testzout-van-voldoende-lengte")
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(DEMO_SURVEY / "vragenlijst_papier_kort.xlsx", folder / "papier.xlsx")
    book = openpyxl.load_workbook(folder / "papier.xlsx")
    sheet = book.active
    column = [c.value for c in sheet[1]].index("ll_2") + 1
    sheet.cell(row=5, column=column, value=8)
    book.save(folder / "papier.xlsx")
    out = tmp_path / "veldwerk.html"
    out.write_text("vorige pagina", encoding="utf-8")
    assert cleaning.main(["--raw", str(folder), "--out", str(tmp_path / "processed")]) == 2
    step1 = capsys.readouterr().err
    assert monitor.main(["--raw", str(folder), "--out", str(out)]) == 2
    assert capsys.readouterr().err == step1
    assert "rij 5" in step1 and "ll_2" in step1
    # nothing half-written: the previous page is untouched and no temporary file is left
    assert out.read_text(encoding="utf-8") == "vorige pagina"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raw", "veldwerk.html"]


def test_out_from_the_environment(monkeypatch, capsys):
    # MONITOR_OUT is where the page goes when --out is not given (here a refused place: nothing is read)
    monkeypatch.setenv("MONITOR_OUT", str(BUILD / "monitor_test_should_not_exist.html"))
    assert monitor.main(["--raw", str(DEMO_SURVEY)]) == 2
    assert "schrijft niet in build/" in capsys.readouterr().err


def test_no_usable_response_yet():
    data = _frame([], columns=("perceel", "org_id"))
    table = wave_table(data, TARGETS)
    assert table[["bruikbaar", "tekort"]].values.tolist() == [[0, 4]] * 5
    assert organisation_table(data, TARGETS, {}).empty
    assert "nog geen organisaties met antwoorden" in render_page(_monitor(data))


def test_two_waves_through_the_whole_page(codebook):
    """After the waves of issue 23 the cleaned frame carries meting and koppelcode and step 1 knows the wave
    of each export; here they are put on the demo by hand: the French and English exports are the nameting."""
    params = load_params(files=[PARAMS / "default.yml"])
    result = cleaning.clean_survey(DEMO_SURVEY, codebook, params)
    data = result.data
    post = data["taal"].isin(["fr", "en"])
    data["meting"] = post.map({True: "nameting", False: "voormeting"})
    # every nameting respondent of perceel 2 reuses the code of a voormeting respondent of perceel 2
    data["koppelcode"] = "C" + data["respondent_id"]
    pre2 = data.index[(data["perceel"] == 2) & ~post]
    post2 = data.index[(data["perceel"] == 2) & post]
    data.loc[post2, "koppelcode"] = list(data.loc[pre2[: len(post2)], "koppelcode"])
    result.sources["meting"] = ["nameting" if f in ("en", "fr") else "voormeting" for f in result.sources["taal"]]
    targets = monitor.targets_from_params()
    page_data = monitor.collect(DEMO_SURVEY, codebook, params, targets, result=result)
    table = page_data.waves.set_index(["perceel", "meting"])
    expected = data.groupby(["perceel", "meting"]).size()
    for (perceel, wave), n in expected.items():
        assert table.loc[(perceel, wave), "bruikbaar"] == n
    assert table.loc[(2, "nameting"), "gekoppeld"] == len(post2) > 0
    assert all(table.loc[(p, "nameting"), "gekoppeld"] == 0 for p in (1, 3, 4, 5))
    assert page_data.dates_per_wave
    # the usable rows of the exports (not in step 1's exclusion list) are the analysed respondents
    assert page_data.exports["bruikbaar"].sum() == len(data)
    assert page_data.exports["rijen"].sum() == result.flow.loc[result.flow["run"] == "totaal", "ontvangen"].sum()
    page = render_page(page_data)
    assert "Gekoppeld aan voormeting" in page and "Laatste antwoord: van die meting." in page
    assert '<td data-label="Meting">nameting</td>' in page.split("Gelezen exports")[1]  # the wave of each export
    assert page.count("<svg") == 5
