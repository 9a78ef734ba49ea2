"""The sample and exclusion counts of all runs protected together (issue 25, gap 4).

Small synthetic samples, built so that one hidden count follows from the others in exactly one way: through
the totaal run being the sum of the percelen, or through a model's exact n in the totaal run. What a reader
can work out is checked with relations written out here by hand and the interval audit (which is tested
against brute-force enumeration in tests/privacy/test_disclosure.py), never with the code under test.
"""

from __future__ import annotations

import pandas as pd
import pytest

from competentiecheck.core.paths import RUNS
from competentiecheck.privacy.audit import UNBOUNDED, pinned_cells
from competentiecheck.privacy.disclosure import COMPLEMENTARY_LABEL, Disclosure, Exact
from competentiecheck.survey import publication, sample
from competentiecheck.survey.cleaning import FLOW_STAGES
from competentiecheck.survey.publication import UNKNOWN_PERCEEL, protected_sample, reason_label

D = Disclosure(min_group_size=5, min_model_n=10, rounding_base=5)
PERCELEN = [r for r in RUNS if r != "totaal"]


@pytest.fixture(autouse=True)
def _small_tables(monkeypatch):
    """One category table (geslacht) and one numeric variable keep the publication small and fast."""
    monkeypatch.setattr(publication, "CATEGORY_VARIABLES", ["geslacht"])
    monkeypatch.setattr(
        publication, "numeric_summary", lambda data: sample.numeric_summary(data, {"leeftijd": "Leeftijd"})
    )


def _respondents(sizes: dict[int, int], men: dict[int, int] | None = None) -> pd.DataFrame:
    """``sizes[perceel]`` respondents, all women (code 1) but ``men[perceel]`` men (code 2)."""
    men = men or {}
    rows = []
    for perceel, size in sizes.items():
        for i in range(size):
            rows.append(
                {
                    "perceel": float(perceel),
                    "leidinggevend": float(i % 2),
                    "geslacht": 2.0 if i < men.get(perceel, 0) else 1.0,
                    "leeftijd": 30.0 + i,
                    "y": float(i % 7),
                    "x": float(i % 3) if i else None,  # the first respondent of a perceel skips x
                }
            )
    return pd.DataFrame(rows)


def _flow(sizes: dict[int, int], dropped: dict[int, int] | None = None) -> pd.DataFrame:
    """Every submission analysed, but ``dropped[perceel]`` refused consent (out at 'toestemming')."""
    dropped = dropped or {}
    rows = []
    for perceel in range(1, 6):
        n, out = sizes.get(perceel, 0), dropped.get(perceel, 0)
        rows.append({"run": f"perceel-{perceel}", "ontvangen": n + out, **{s: n for s in FLOW_STAGES[1:]}})
    frame = pd.DataFrame(rows)
    total = frame[FLOW_STAGES].sum()
    return pd.concat([frame, pd.DataFrame([{"run": "totaal", **total.to_dict()}])], ignore_index=True)


def _exclusions(dropped: dict[int, int]) -> pd.DataFrame:
    rows = [
        {
            "perceel": f"perceel-{p}",
            "uitgesloten_bij": "toestemming",
            "reden": f"geen toestemming (bestand x.csv, rij {i})",
        }
        for p, n in dropped.items()
        for i in range(n)
    ]
    return pd.DataFrame(rows, columns=["perceel", "uitgesloten_bij", "reden"])


def _bounds(shown: dict, disclosure: Disclosure = D) -> dict:
    return {k: disclosure.interval(v) if v is not None else (0, UNBOUNDED) for k, v in shown.items()}


def _women(tables, run):
    if not tables[run].tables:
        return None  # the run shows no sample tables: its cells are unknown to a reader
    table = tables[run].tables["geslacht"].set_index("categorie")
    return table.loc["Vrouwelijk", "n"]


def test_the_totaal_minus_the_percelen_never_gives_a_hidden_perceel(codebook):
    # 43 + 48 + 1 = 92 respondents, all women: the totaal rounds down (90), percelen 1 and 2 round up (45, 50),
    # so 90 - 45 - 50 would leave exactly 1 for perceel 3, in its n and in its count of women. (With everyone
    # in one category and nobody dropping out, the cells that can still be hidden lie far along the flow
    # table: the protection used to give up there, DisclosureError.)
    sizes = {1: 43, 2: 48, 3: 1}
    tables = protected_sample(_respondents(sizes), _flow(sizes), _exclusions({}), codebook, D)
    n = {run: tables[run].counts["n_geanalyseerd"] for run in RUNS}
    women = {run: _women(tables, run) for run in RUNS}
    assert n["perceel-3"] in ("< 5", COMPLEMENTARY_LABEL) and women["perceel-3"] is None
    assert n["perceel-4"] == n["perceel-5"] == 0
    # what a reader knows, by hand: the totaal is the sum of the percelen (and of no submission without one:
    # its n is a published zero), and a perceel's women are at most its n
    shown = {("n", run): n[run] for run in RUNS} | {("w", run): women[run] for run in RUNS}
    shown[("n", UNKNOWN_PERCEEL)] = 0
    shown[("rest", "perceel-3")] = None  # perceel 3's other respondents: not shown
    relations = [
        (("n", "totaal"), tuple(("n", run) for run in [*PERCELEN, UNKNOWN_PERCEEL])),
        (("w", "totaal"), tuple(("w", run) for run in PERCELEN)),
        (("n", "perceel-3"), (("w", "perceel-3"), ("rest", "perceel-3"))),
    ]
    for run in ("perceel-4", "perceel-5"):
        shown[("w", run)] = 0
    pinned = pinned_cells(_bounds(shown), relations, [("n", "perceel-3"), ("w", "perceel-3")])
    assert pinned == {}, pinned


def test_a_small_category_of_a_shown_perceel_never_follows_from_the_totaal(codebook):
    # women: 23 + 28 + 1 = 52 (men 20, 20, 5): the totaal's 52 rounds down (50), perceel 1's 23 and perceel 2's
    # 28 round up (25, 30), so 50 - 25 - 30 leaves at most 1 for perceel 3, whose '< 5' says at least 1.
    sizes = {1: 43, 2: 48, 3: 6}
    data = _respondents(sizes, men={1: 20, 2: 20, 3: 5})
    tables = protected_sample(data, _flow(sizes), _exclusions({}), codebook, D)
    women = {run: _women(tables, run) for run in RUNS}
    assert women["perceel-3"] in ("< 5", COMPLEMENTARY_LABEL)
    shown = {("w", run): women[run] for run in RUNS}
    shown[("w", "perceel-4")] = shown[("w", "perceel-5")] = 0
    relations = [(("w", "totaal"), tuple(("w", run) for run in PERCELEN))]
    assert pinned_cells(_bounds(shown), relations, [("w", "perceel-3")]) == {}


def test_a_hidden_perceel_in_the_exclusion_flow_is_protected_too(codebook):
    # 1 refusal in perceel 3 (n 6), 43 and 48 analysed with 2 and 3 refusals elsewhere: received 45 + 51 + 7 = 103
    sizes, dropped = {1: 43, 2: 48, 3: 6}, {1: 2, 2: 3, 3: 1}
    tables = protected_sample(_respondents(sizes), _flow(sizes, dropped), _exclusions(dropped), codebook, D)
    flow = {run: tables[run].flow.set_index("fase") for run in RUNS}
    out = {run: flow[run].loc["toestemming", "uitgevallen"] for run in RUNS}
    reasons = {run: tables[run].reasons for run in RUNS}
    # by hand: totaal refusals 6 ('5'), 2 and 3 are '< 5', 1 is '< 5': 4.. 8 minus three small counts; the
    # reason table of each run repeats the count of its one reason
    for run in ("perceel-1", "perceel-2", "perceel-3"):
        assert out[run] in ("< 5", COMPLEMENTARY_LABEL)
        assert reasons[run]["reden"].tolist() == ["geen toestemming"]  # the file and row are left out
        assert reasons[run]["aantal"].iat[0] == out[run] or COMPLEMENTARY_LABEL in (
            reasons[run]["aantal"].iat[0],
            out[run],
        )
    assert reasons["perceel-4"].empty and list(reasons["perceel-4"].columns) == ["fase", "reden", "aantal"]
    shown = {("out", run): out[run] for run in RUNS}
    shown |= {("ontvangen", run): flow[run].loc["ontvangen", "aantal"] for run in RUNS}
    shown |= {("toestemming", run): flow[run].loc["toestemming", "aantal"] for run in RUNS}
    shown[("out", UNKNOWN_PERCEEL)] = shown[("ontvangen", UNKNOWN_PERCEEL)] = None
    shown[("toestemming", UNKNOWN_PERCEEL)] = None
    relations = [
        (("out", "totaal"), tuple(("out", run) for run in [*PERCELEN, UNKNOWN_PERCEEL])),
        (("ontvangen", "totaal"), tuple(("ontvangen", run) for run in [*PERCELEN, UNKNOWN_PERCEEL])),
        (("toestemming", "totaal"), tuple(("toestemming", run) for run in [*PERCELEN, UNKNOWN_PERCEEL])),
    ] + [(("ontvangen", run), (("toestemming", run), ("out", run))) for run in [*RUNS, UNKNOWN_PERCEEL]]
    small = [("out", run) for run in ("perceel-1", "perceel-2", "perceel-3")]
    assert pinned_cells(_bounds(shown), relations, small) == {}


def test_the_tables_of_a_run_show_the_protected_counts_and_percentages_of_them(codebook):
    sizes = {1: 23, 2: 17, 4: 12}
    data = _respondents(sizes, men={1: 8, 2: 2, 4: 0})
    data.loc[data.index[:3], "leeftijd"] = None  # three ages missing in perceel 1
    tables = protected_sample(data, _flow(sizes), _exclusions({}), codebook, D)
    one = tables["perceel-1"]
    assert one.counts == {"n_ontvangen": 25, "n_geanalyseerd": 25, "n_uitgesloten": 0}
    sex = one.tables["geslacht"].set_index("categorie")
    # 15 women and 8 men of 23: rounded 15 and 10, percentages of the rounded n (25)
    assert sex.loc["Vrouwelijk", "n"] == 15 and sex.loc["Mannelijk", "n"] == 10
    assert sex.loc["Vrouwelijk", "procent"] == pytest.approx(60.0) and sex.loc["Mannelijk", "procent"] == 40.0
    assert sex.loc["Non-binair", "n"] == 0 and sex.loc["Non-binair", "procent"] == 0.0
    groups = one.tables["functiegroep"].set_index("categorie")
    assert groups.loc["Leidinggevend", "n"] == 10 and groups.loc["Medewerker", "n"] == 10  # 11 and 12
    numeric = one.tables["numeriek"].set_index("variabele")
    assert numeric.loc["leeftijd", "n"] == 20  # 20 ages
    assert numeric.loc["leeftijd", "gemiddelde"] == pytest.approx(sum(range(33, 53)) / 20)
    two = tables["perceel-2"].tables["geslacht"].set_index("categorie")
    assert two.loc["Mannelijk", "n"] in ("< 5", COMPLEMENTARY_LABEL) and two.loc["Mannelijk", "procent"] == "–"
    assert tables["perceel-3"].tables == {} and tables["perceel-3"].counts["n_geanalyseerd"] == 0
    assert tables["totaal"].counts["n_geanalyseerd"] == 50  # 52
    assert list(one.flow.columns) == ["fase", "aantal", "uitgevallen"] and one.flow["fase"].tolist() == FLOW_STAGES
    assert one.flow["uitgevallen"].tolist() == ["", 0, 0, 0, 0]


def test_a_hidden_mean_goes_with_its_hidden_count(codebook):
    sizes = {1: 20, 2: 20}
    data = _respondents(sizes)
    data.loc[(data["perceel"] == 1.0) & (data.index % 20 > 2), "leeftijd"] = None  # only 3 ages in perceel 1
    numeric = protected_sample(data, _flow(sizes), _exclusions({}), codebook, D)["perceel-1"].tables["numeriek"]
    row = numeric.set_index("variabele").loc["leeftijd"]
    assert row["n"] in ("< 5", COMPLEMENTARY_LABEL) and row["gemiddelde"] == "–" and row["sd"] == "–"


def test_the_cases_a_model_loses_are_answers_left_open_and_not_protected(codebook, registered):
    # exact counts (base 1) show how the model n works: the totaal's model has n - 2 cases (one respondent
    # skipped x in each of perceel 1 and 2). A reader knows the totaal's n exactly (the interval of an α gives
    # it) and the model's n (its df): so the 2 cases dropped listwise follow, whatever the tables hide. They
    # are answers left open, not a group of people: registered as not sensitive, and the protection does not
    # try to hide what it cannot.
    exact = Disclosure(min_group_size=5, min_model_n=10, rounding_base=1)
    sizes = {1: 30, 2: 30}
    data = _respondents(sizes)
    params = {
        "statistics": {
            "configurations": {"basis": {"blocks": [{"variables": ["x"]}]}},
            "dependents": ["y"],
            "min_cases_per_predictor": 5,
        }
    }
    tables = protected_sample(data, _flow(sizes), _exclusions({}), codebook, exact, params)
    assert tables["totaal"].counts["n_geanalyseerd"] == 60
    pub = registered[-1]
    key = ("totaal", "model-weggevallen", "basis", "y")
    assert pub.values[key] == 2 and key in pub.insensitive and key not in pub.published
    assert pub.fixed[("totaal", "n", "exact")] == Exact(60) and pub.fixed[("totaal", "model", "basis", "y")] == Exact(
        58
    )


def test_models_below_the_threshold_are_registered_unpublished(codebook):
    sizes = {1: 30, 2: 8, 4: 30}
    params = {
        "statistics": {
            "configurations": {"basis": {"blocks": [{"variables": ["x"]}]}},
            "dependents": ["y"],
            "min_cases_per_predictor": 5,
        }
    }
    tables = protected_sample(_respondents(sizes), _flow(sizes), _exclusions({}), codebook, D, params)
    # perceel 2 has 7 complete cases, below min_model_n: its model is no published cell; the sample stays as is
    assert tables["perceel-2"].counts["n_geanalyseerd"] == 10
    assert tables["totaal"].counts["n_geanalyseerd"] == 70  # 68
    with pytest.raises(ValueError, match="onbekende variabelen"):
        bad = {"statistics": {**params["statistics"], "dependents": ["z"]}}
        protected_sample(_respondents(sizes), _flow(sizes), _exclusions({}), codebook, D, bad)


def test_reason_labels_drop_file_row_and_share():
    assert reason_label("jonger dan 16 jaar") == "jonger dan 16 jaar"
    assert reason_label("dubbele inzending (bestand a.csv, rij 4)") == "dubbele inzending"
    assert reason_label("te veel open vragen; 12 van 20 (60 %)") == "te veel open vragen"
    assert reason_label("a (b) c (d)") == "a"  # from the first bracket on, when the reason ends with one


PARAMS = {
    "statistics": {
        "configurations": {"basis": {"blocks": [{"variables": ["x"]}]}},
        "dependents": ["y"],
        "min_cases_per_predictor": 5,
    }
}


@pytest.fixture
def registered(monkeypatch):
    """The Publication protected_sample hands to the protection (what the reports publish, and how)."""
    seen = []
    protect = Disclosure.protect

    def spy(self, pub, *args, **kwargs):
        seen.append(pub)
        return protect(self, pub, *args, **kwargs)

    monkeypatch.setattr(Disclosure, "protect", spy)
    return seen


def test_what_each_report_publishes_and_the_relations_a_reader_knows(codebook, registered):
    # 12 + 8 respondents in percelen 1 and 2, one refusal in perceel 1 and two submissions without a perceel
    # (one refused consent, one was not eligible); perceel 2's model has 7 complete cases: below 10, not shown
    sizes = {1: 12, 2: 8}
    flow = _flow(sizes, {1: 1})
    flow = pd.concat(
        [
            flow,
            pd.DataFrame(
                [{"run": UNKNOWN_PERCEEL, "ontvangen": 2, "toestemming": 1, **dict.fromkeys(FLOW_STAGES[2:], 0)}]
            ),
        ]
    )
    flow.loc[flow["run"] == "totaal", ["ontvangen", "toestemming"]] += [2, 1]
    exclusions = pd.concat(
        [
            _exclusions({1: 1}),
            pd.DataFrame(
                [
                    {"perceel": UNKNOWN_PERCEEL, "uitgesloten_bij": "toestemming", "reden": "geen toestemming"},
                    {"perceel": UNKNOWN_PERCEEL, "uitgesloten_bij": "geschikt", "reden": "geen perceel"},
                ]
            ),
        ]
    )
    tables = protected_sample(_respondents(sizes), flow, exclusions, codebook, D, PARAMS)
    pub = registered[0]
    published = pub.published
    # every run publishes its n, its flow and its reasons; its sample tables only when it may be shown
    for run in RUNS:
        assert (run, "n") in published and (run, "uitgesloten") in published
        assert all((run, "stroom", stage) in published for stage in FLOW_STAGES)
        assert (run, "reden", "toestemming", "geen toestemming") in published
    assert ("perceel-1", "geslacht", "Vrouwelijk") in published and ("perceel-1", "numeriek", "leeftijd") in published
    assert ("perceel-3", "geslacht", "Vrouwelijk") not in published and (
        "perceel-3",
        "numeriek",
        "leeftijd",
    ) not in published
    assert not any(key[1] == "numeriek-ontbreekt" for key in published)
    # submissions without a perceel: their n (0) and the stages from 'geschikt' on (zeros every reader knows)
    assert (UNKNOWN_PERCEEL, "n") in published and (UNKNOWN_PERCEEL, "stroom", "geschikt") in published
    for key in [("stroom", "ontvangen"), ("stroom", "toestemming"), ("uitgesloten",), ("uitgevallen", "geschikt")]:
        assert (UNKNOWN_PERCEEL, *key) not in published, key
    assert (UNKNOWN_PERCEEL, "reden", "geschikt", "geen perceel") not in published
    # the totaal is the sum of the percelen, and for the flow also of the submissions without a perceel
    relations = dict((total, members) for total, members in pub.relations if total[0] == "totaal")
    assert relations[("totaal", "stroom", "ontvangen")] == tuple(
        (f"perceel-{p}", "stroom", "ontvangen") for p in range(1, 6)
    ) + ((UNKNOWN_PERCEEL, "stroom", "ontvangen"),)
    assert relations[("totaal", "reden", "geschikt", "geen perceel")][-1] == (
        UNKNOWN_PERCEEL,
        "reden",
        "geschikt",
        "geen perceel",
    )
    assert relations[("totaal", "uitgevallen", "toestemming")][-1][0] == UNKNOWN_PERCEEL
    assert relations[("totaal", "uitgesloten")][-1][0] == UNKNOWN_PERCEEL
    assert relations[("totaal", "geslacht", "Vrouwelijk")] == tuple(
        (f"perceel-{p}", "geslacht", "Vrouwelijk") for p in range(1, 6)
    )
    assert relations[("totaal", "n")] == tuple((f"perceel-{p}", "n") for p in range(1, 6)) + ((UNKNOWN_PERCEEL, "n"),)
    # models: known exactly wherever shown, since their p-values and intervals give the residual df away (the
    # totaal run prints the df: 18 of 20 complete; perceel 1 prints n rounded, 11 of 12), not shown for
    # perceel 2 (7 of 8, below 10) or perceel 3 (nobody); the cases dropped listwise are never published
    model = ("basis", "y")
    assert pub.fixed[("totaal", "model", *model)] == Exact(18) and ("totaal", "model", *model) in published
    assert pub.fixed[("perceel-1", "model", *model)] == Exact(11) and ("perceel-1", "model", *model) in published
    for run in ("perceel-2", "perceel-3"):
        assert (run, "model", *model) not in published and (run, "model", *model) not in pub.fixed
    assert (
        pub.values[("perceel-2", "model", *model)] == 7 and pub.values[("perceel-2", "model-weggevallen", *model)] == 1
    )
    assert not any(key[1] == "model-weggevallen" for key in published)
    # and what the tables show of it
    reasons = tables["totaal"].reasons
    assert reasons.columns.tolist() == ["fase", "reden", "aantal"]
    assert reasons["fase"].tolist() == ["geschikt", "toestemming"] and reasons["reden"].tolist() == [
        "geen perceel",
        "geen toestemming",
    ]


def test_the_command_protects_the_cleaned_data_once_and_stores_it(codebook, monkeypatch, tmp_path, capsys):
    from competentiecheck.core import params as params_module
    from competentiecheck.core import paths
    from competentiecheck.survey.publication import load_protected_sample, main, save_protected_sample

    sizes = {1: 12, 2: 8}
    processed = tmp_path / "processed"
    processed.mkdir()
    _respondents(sizes).to_parquet(processed / "vragenlijst.parquet")
    _flow(sizes).to_csv(processed / "exclusiestroom.csv", index=False)
    _exclusions({}).to_csv(processed / "exclusies.csv", index=False)
    monkeypatch.setattr(paths, "PROCESSED", processed)
    monkeypatch.setattr(
        params_module,
        "load_params",
        lambda run: (
            {"disclosure": {"min_group_size": 5, "min_model_n": 10, "rounding_base": 5}, **PARAMS}
            if run == "totaal"
            else None
        ),
    )
    assert main([]) == 2 and main(["a", "b"]) == 2
    assert capsys.readouterr().err == "gebruik: python -m competentiecheck.survey.publication UITVOER.pkl\n" * 2
    out = tmp_path / "nieuw" / "beschermd.pkl"
    assert main([str(out)]) == 0
    stored = load_protected_sample(out)
    assert set(stored) == set(RUNS) and not out.with_suffix(".part").exists()
    assert stored["perceel-1"].counts == {"n_ontvangen": 10, "n_geanalyseerd": 10, "n_uitgesloten": 0}
    assert stored["totaal"].counts["n_geanalyseerd"] == 20
    hidden = sum(str(v) == "×" for run in stored.values() for t in run.tables.values() for v in t["n"])
    assert (
        capsys.readouterr().out
        == f"Steekproef van 6 runs samen beschermd ({hidden} aanvullend verborgen cellen): {out}\n"
    )
    again = save_protected_sample(stored, tmp_path / "nog" / "dieper" / "b.pkl")
    assert (
        again == tmp_path / "nog" / "dieper" / "b.pkl"
        and load_protected_sample(again)["perceel-2"].counts == stored["perceel-2"].counts
    )
    save_protected_sample(stored, again)  # the folder exists already: written again
    assert load_protected_sample(again)["totaal"].counts == stored["totaal"].counts


# --------------------------------------------------------------------------- statistics carry the exact n


def test_statistics_are_withheld_so_the_percelen_without_them_hold_none_or_enough():
    """An interval or p-value gives a run's exact n away; the programme is the sum of the percelen. Worked
    by hand: perceel 3 has 2 respondents, so the smallest perceel with statistics (5, 17) withholds them;
    then the percelen without statistics hold 19."""
    sizes = {"totaal": 95, "perceel-1": 20, "perceel-2": 31, "perceel-3": 2, "perceel-4": 25, "perceel-5": 17}
    withheld = publication.statistics_withheld(sizes, D)
    assert [run for run, reason in withheld.items() if reason] == ["perceel-5"]
    assert "exacte aantal respondenten" in withheld["perceel-5"]
    # a perceel below min_model_n (8) shows no statistics anyway and already holds enough: nothing withheld
    assert not any(publication.statistics_withheld({"totaal": 38, "perceel-1": 30, "perceel-2": 8}, D).values())
    # 3 without statistics: the smaller of the two others (12) withholds, then the larger (40) need not
    both = publication.statistics_withheld({"totaal": 55, "perceel-1": 12, "perceel-2": 3, "perceel-3": 40}, D)
    assert [run for run, reason in both.items() if reason] == ["perceel-1"]


def test_the_demo_hides_no_small_count_from_a_reader_who_knows_the_exact_n(codebook, params):
    """The reader of the demo reports: every run that shows statistics gives its exact n; every run that
    shows tests of change gives its exact number of pairs. Checked independently of the protection's own
    audit: the percelen without statistics hold none or at least 5 respondents together, and where a run
    shows tests of change, its first-wave respondents without a pair are none or at least 5."""
    from competentiecheck.core.paths import DEMO_SURVEY
    from competentiecheck.survey.cleaning import clean_survey

    everyone = clean_survey(DEMO_SURVEY, codebook, params)
    first = everyone.wave()
    protected = protected_sample(first.data, first.flow, first.exclusions, codebook, D, params, all_waves=everyone.data)
    data = everyone.data
    first_label = params["waves"]["labels"][0]
    n = {p: int(((data["perceel"] == p) & (data["meting"] == first_label)).sum()) for p in range(1, 6)}
    without = sum(n[p] for p in n if protected[f"perceel-{p}"].statistics or n[p] < D.min_model_n)
    assert without == 0 or without >= D.min_group_size
    assert protected["perceel-5"].statistics and not protected["totaal"].statistics
    for run, tables in protected.items():
        part = data if run == "totaal" else data[data["perceel"] == int(run.split("-")[1])]
        pre = part[part["meting"] == first_label]
        paired = int(pre["koppeling"].isin(["gekoppeld", "gekoppeld met tolerantie"]).sum())
        if D.can_report(len(pre)) and not tables.change_statistics:
            assert len(pre) - paired == 0 or len(pre) - paired >= D.min_group_size, run
    # perceel 1: 20 respondents, 17 pairs, 3 without a pair: its tests would give the 3 away
    assert protected["perceel-1"].change_statistics
