"""Tabel 8 recomputed and network measures, against the printed table and hand-computed values."""

import pandas as pd
import pytest

from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import DATA, PUBLISHED
from competentiecheck.core.tabular import InputNote
from competentiecheck.partnerships.network import build_network, centrality, network_measures
from competentiecheck.partnerships.response import STATUSES, read_participants, response_table

PARTICIPANTS = DATA / "demo" / "partnerschappen" / "deelnemers.csv"


def test_tabel_8_is_recomputed_exactly():
    participants = read_participants(PARTICIPANTS)
    table = response_table(participants, pd.read_csv(PUBLISHED / "tabel8_respons.csv"))
    assert table["responsgraad"].tolist() == [50.0, 100.0, 75.0, 100.0, 100.0]
    assert (table["verschil"] == 0).all()
    assert int(table["deelgenomen"].sum()) == 17  # §8.2.2: 17 sector consultants
    assert table.set_index("perceel").loc[4, "fondsen_actief"] == 2  # two funds not active leave the denominator


def test_bad_participant_rows_name_file_row_and_value(tmp_path):
    text = PARTICIPANTS.read_text(encoding="utf-8")
    bad = tmp_path / "deelnemers.csv"
    bad.write_text(
        text.replace("Volta,Elektriciteit,1,deelgenomen", "Volta,Elektriciteit,1,misschien"), encoding="utf-8"
    )
    with pytest.raises(InputError) as err:
        read_participants(bad)
    assert err.value.row == 2 and err.value.column == "status" and "misschien" in str(err.value)
    bad.write_text(text + "Volta,Elektriciteit,1,deelgenomen,\n", encoding="utf-8")
    with pytest.raises(InputError, match="twee keer"):
        read_participants(bad)
    bad.write_text(
        text.replace("Constructiv,Bouw,1,deelgenomen,", "Constructiv,Bouw,1,deelgenomen,x"), encoding="utf-8"
    )
    with pytest.raises(InputError, match="al een coördinator") as err:
        read_participants(bad)
    assert err.value.row == 3 and err.value.column == "coordinator"


def test_network_measures_by_hand():
    # A -> B (info, cocreatie; 4), B -> A (info; 2), C -> A (feedback; 3); D named nobody and nobody named D
    ties = pd.DataFrame(
        {
            "van": ["A", "B", "C"],
            "naar": ["B", "A", "A"],
            "vormen": ["informatie; cocreatie", "informatie", "feedback"],
            "bijdrage": [4, 2, 3],
        }
    )
    graph = build_network(ties, ["A", "B", "C", "D"])
    measures = network_measures(graph)
    assert measures["banden"] == 3
    assert measures["dichtheid"] == pytest.approx(3 / 12)  # 3 of 4 * 3 possible directed ties
    assert measures["wederkerigheid"] == pytest.approx(2 / 3)  # A<->B: 2 of 3 ties are reciprocated
    assert measures["multiplexiteit"] == pytest.approx(4 / 3)  # (2 + 1 + 1) forms over 3 ties
    assert measures["aandeel_cocreatie"] == pytest.approx(1 / 3)
    assert measures["gemiddelde_bijdrage"] == pytest.approx(3.0)
    central = centrality(graph)
    assert central.iloc[0].to_dict() == {"fonds": "A", "in_graad": 2, "gewogen_in_graad": 5}
    assert central.set_index("fonds").loc["D", "in_graad"] == 0


@pytest.mark.parametrize("value", ["0", "6", "2.5", "twee", ""])
def test_a_perceel_outside_1_to_5_names_file_row_column_and_value(tmp_path, value):
    bad = tmp_path / "deelnemers.csv"
    bad.write_text(
        PARTICIPANTS.read_text(encoding="utf-8").replace("Constructiv,Bouw,1,", f"Constructiv,Bouw,{value},"),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        read_participants(bad)
    assert (err.value.row, err.value.column) == (3, "perceel")
    assert "perceel moet 1 tot 5 zijn (een geheel getal)" in str(err.value) and "deelnemers.csv" in str(err.value)
    # the range is a parameter: with percelen 1-6, 6 is fine and 7 is not
    if value == "6":
        assert 6 in set(read_participants(bad, range(1, 7))["perceel"])
        bad.write_text(bad.read_text(encoding="utf-8").replace("Constructiv,Bouw,6,", "Constructiv,Bouw,7,"), "utf-8")
        with pytest.raises(InputError, match="perceel moet 1 tot 6 zijn"):
            read_participants(bad, range(1, 7))


def test_a_missing_column_of_the_fund_list_is_named(tmp_path):
    bad = tmp_path / "deelnemers.csv"
    bad.write_text(PARTICIPANTS.read_text(encoding="utf-8").replace(",status,", ",statuut,"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_participants(bad)
    assert err.value.column == "status" and "kolom ontbreekt" in str(err.value) and "deelnemers.csv" in str(err.value)


def test_the_fund_list_is_read_as_written():
    participants = read_participants(PARTICIPANTS)
    first = participants.iloc[0]
    assert first[["sectorfonds", "sector", "perceel", "status", "coordinator"]].tolist() == [
        "Volta",
        "Elektriciteit",
        1,
        "deelgenomen",
        "demo",
    ]
    assert participants["perceel"].dtype == int and set(participants["status"]) <= set(STATUSES)
    # every row of the file, one coordinator per perceel (counted in the file itself)
    lines = PARTICIPANTS.read_text(encoding="utf-8").splitlines()[1:]
    assert len(participants) == len(lines) and (participants["coordinator"] != "").sum() == 5


def test_names_and_statuses_are_normalised_as_read(tmp_path):
    messy = tmp_path / "deelnemers.csv"
    messy.write_text(
        "sectorfonds,sector,perceel,status,coordinator\n  Fonds   Een ,Bouw,1, DEELGENOMEN ,ja\n"
        "Fonds Twee,  bouw ,2.0,Niet  Actief,\n",
        encoding="utf-8",
    )
    # two spellings of one sector are read as one, and the reader says so
    with pytest.warns(InputNote, match="spellingvarianten van één naam als één gelezen: 'Bouw'"):
        read = read_participants(messy)
    assert read.to_dict("list") == {
        "sectorfonds": ["Fonds Een", "Fonds Twee"],
        "sector": ["Bouw", "Bouw"],
        "perceel": [1, 2],
        "status": ["deelgenomen", "niet actief"],
        "coordinator": ["ja", ""],
    }
    assert read["perceel"].dtype == int
    messy.write_text(messy.read_text(encoding="utf-8").replace("Niet  Actief", "misschien"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_participants(messy)
    assert "onbekende status (toegelaten: deelgenomen, niet deelgenomen, niet actief)" in str(err.value)
    messy.write_text(
        "sectorfonds,sector,perceel,status,coordinator\nA,x,1,deelgenomen,\n a ,y,2,deelgenomen,\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match="sectorfonds komt twee keer voor"):
        read_participants(messy)
    messy.write_text("sectorfonds,sector,perceel,status,coordinator\n,x,1,deelgenomen,\n", encoding="utf-8")
    with pytest.raises(InputError, match="sectorfonds ontbreekt"):
        read_participants(messy)
    messy.write_text(
        "sectorfonds,sector,perceel,status,coordinator\nA,x,1,deelgenomen,ja\nB,x,1,deelgenomen,ja\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"perceel 1 heeft al een coördinator \(A\)"):
        read_participants(messy)


def test_response_without_the_printed_table_and_a_perceel_without_active_funds():
    participants = pd.DataFrame(
        {
            "sectorfonds": ["A", "B", "C", "D"],
            "perceel": [1, 1, 1, 2],
            "status": ["deelgenomen", "niet deelgenomen", "niet actief", "niet actief"],
        }
    )
    table = response_table(participants)
    assert list(table.columns) == ["perceel", "fondsen_actief", "deelgenomen", "responsgraad"]
    one, two = table.iloc[0], table.iloc[1]
    assert (one["fondsen_actief"], one["deelgenomen"], one["responsgraad"]) == (2, 1, 50.0)
    assert (two["fondsen_actief"], two["deelgenomen"]) == (0, 0) and pd.isna(two["responsgraad"])
    printed = pd.DataFrame({"perceel": [1, 2], "responsgraad": [60.0, 0.0]})
    compared = response_table(participants, printed)
    assert compared["gedrukt"].tolist() == [60.0, 0.0] and compared["verschil"].iloc[0] == pytest.approx(-10.0)


def test_tied_funds_are_listed_alphabetically():
    # B and A are both named twice with contributions adding up to 5: the tie is broken by name, then C
    ties = pd.DataFrame(
        {
            "van": ["C", "D", "C", "D", "A"],
            "naar": ["B", "B", "A", "A", "C"],
            "vormen": [{"informatie"}, {"feedback"}, {"informatie"}, {"informatie"}, {"cocreatie"}],
            "bijdrage": [2, 3, 4, 1, 4],
        }
    )
    central = centrality(build_network(ties, ["D", "C", "B", "A"]))
    assert central.to_dict("list") == {
        "fonds": ["A", "B", "C", "D"],
        "in_graad": [2, 2, 1, 0],
        "gewogen_in_graad": [5, 5, 4, 0],
    }
    # weighted in-degree decides before in-degree: one tie of 4 beats two ties of 1 + 2
    central = centrality(build_network(ties.assign(bijdrage=[1, 2, 4, 1, 4]), ["A", "B", "C", "D"]))
    assert central["fonds"].tolist() == ["A", "C", "B", "D"]
    # equal weight: more ties first (B: 2 + 2 from two funds, C: 4 from one)
    central = centrality(build_network(ties.assign(bijdrage=[2, 2, 3, 2, 4]), ["A", "B", "C", "D"]))
    assert central["fonds"].tolist() == ["A", "B", "C", "D"] and central["gewogen_in_graad"].tolist() == [5, 4, 4, 0]


def test_network_measures_without_ties_and_with_given_respondents():
    graph = build_network(pd.DataFrame(columns=["van", "naar", "vormen", "bijdrage"]), ["B", "A"])
    measures = network_measures(graph)
    assert list(graph.nodes) == ["A", "B"] and measures["banden"] == 0 and measures["dichtheid"] == 0
    for key in ("wederkerigheid", "multiplexiteit", "aandeel_cocreatie", "gemiddelde_bijdrage"):
        assert pd.isna(measures[key]), key
    assert network_measures(graph, respondents=[], people=0)["respondenten"] == 0
    assert pd.isna(network_measures(graph, respondents=[])["dichtheid"])  # nobody could send a tie
    ties = pd.DataFrame({"van": ["A"], "naar": ["B"], "vormen": [" informatie ;; feedback "], "bijdrage": ["3"]})
    graph = build_network(ties, ["A", "B"])
    assert graph.edges["A", "B"] == {"forms": frozenset({"informatie", "feedback"}), "weight": 3}
    assert network_measures(graph, ["A"], people=2)["respondenten"] == 2


def _circles(tmp_path, rows):
    from competentiecheck.partnerships.circles import CIRCLE_COLUMNS

    file = tmp_path / "cirkels.csv"
    pd.DataFrame(rows, columns=CIRCLE_COLUMNS).to_csv(file, index=False)
    return file


GOOD = ["R01", "Volta", "Constructiv", "x", "", "x", "3"]


def test_circles_read_into_ties_and_the_template_lists_every_pair(tmp_path):
    from competentiecheck.partnerships.circles import read_circles, write_template

    participants = read_participants(PARTICIPANTS)
    ties = read_circles(_circles(tmp_path, [GOOD, ["R02", "Constructiv", "Volta", "", "x", "", "2"]]), participants)
    assert ties["vormen"].tolist() == [frozenset({"informatie", "cocreatie"}), frozenset({"feedback"})]
    assert ties["perceel"].tolist() == [1, 1]
    template = pd.read_csv(write_template(tmp_path / "sjabloon.csv", participants), dtype=str, keep_default_na=False)
    # perceel 4: two participating funds, each with the other active fund as partner (the inactive ones left out)
    assert len(template[template["fonds"].isin(["Vivo", "Diverscity"])]) == 2


@pytest.mark.parametrize(
    "row, column, message",
    [
        (["R01", "Volta", "Onbekend fonds", "x", "", "", "3"], "partner", "staat niet in deelnemers.csv"),
        (["R01", "Volta", "Alimento", "x", "", "", "3"], "partner", "hoort bij perceel 2"),
        (["R01", "Volta", "Volta", "x", "", "", "3"], "partner", "eigen fonds"),
        (["R01", "Fonds 320", "Vivo", "x", "", "", "3"], "fonds", "niet actief"),
        (["R01", "Volta", "Constructiv", "x", "", "", "5"], "bijdrage", "1, 2, 3 of 4"),
        (["R01", "Volta", "Constructiv", "misschien", "", "", "3"], "informatie", "onbekende aanduiding"),
    ],
)
def test_bad_circle_rows_name_file_row_column_and_value(tmp_path, row, column, message):
    from competentiecheck.partnerships.circles import read_circles

    with pytest.raises(InputError) as err:
        read_circles(_circles(tmp_path, [GOOD, row]), read_participants(PARTICIPANTS))
    assert err.value.row == 3 and err.value.column == column and message in str(err.value)
    assert "cirkels.csv" in str(err.value)


def test_a_duplicate_respondent_partner_row_is_named(tmp_path):
    from competentiecheck.partnerships.circles import read_circles

    with pytest.raises(InputError, match="ook in rij 2"):
        read_circles(_circles(tmp_path, [GOOD, GOOD]), read_participants(PARTICIPANTS))


def test_the_bijlage_8_scheme_has_the_three_layers_of_meaningful_collaboration():
    from competentiecheck.qualitative.codebook import load_scheme

    scheme = load_scheme(DATA / "codebook" / "partnerschappen.yml")
    tops = [p[0] for p in scheme.codes["path"] if len(p) == 1]
    assert len(tops) == 8 and tops[3] == "4. Betekenisvolle samenwerking"
    layers = [p[1] for p in scheme.codes["path"] if len(p) == 2 and p[0] == tops[3]]
    assert layers == [
        "Basiscondities voor samenwerking",
        "Structuur van een taak of project",
        "Collaboratieve activiteiten",
    ]
    assert ("2. Samenwerkingsvorm", "Samenwerkingsvorm", "Ondersteuning", "Ondersteuning ontvangen") in scheme.paths
    assert max(scheme.codes["level"]) == 4


# --------------------------------------------------------------------------- the step on the demo data

import csv  # noqa: E402
import shutil  # noqa: E402
from collections import Counter, defaultdict  # noqa: E402

from competentiecheck.core.params import load_params  # noqa: E402

FOLDER = DATA / "demo" / "partnerschappen"


@pytest.fixture(autouse=True)
def _secret_salt(monkeypatch):
    """A copy of the demo outside data/demo/ counts as the team's real input: it needs a secret salt."""
    monkeypatch.setenv("COMPETENTIECHECK_SALT", "test-zout-" + "fedcba9876543210" * 2)


def _params(**partnerships):
    params = load_params("totaal")
    params["partnerships"].update(partnerships)
    return params


def test_density_and_reciprocity_count_only_funds_that_filled_in_a_circle():
    # A, B, C filled in a circle, D did not: A -> B, B -> A, C -> A, A -> D
    ties = pd.DataFrame(
        {
            "van": ["A", "B", "C", "A"],
            "naar": ["B", "A", "A", "D"],
            "vormen": ["informatie"] * 4,
            "bijdrage": [1, 2, 3, 4],
        }
    )
    measures = network_measures(build_network(ties, ["A", "B", "C", "D"]), ["A", "B", "C"])
    assert measures["dichtheid"] == pytest.approx(4 / 9)  # 3 senders × 3 others possible
    assert measures["wederkerigheid"] == pytest.approx(2 / 3)  # among A, B, C: A<->B of A->B, B->A, C->A
    assert measures["respondenten"] == 3 and measures["fondsen"] == 4


def test_the_coordinator_claim_is_yes_shared_or_no():
    from competentiecheck.partnerships.analysis import coordinator_claim

    central = pd.DataFrame({"fonds": ["A", "B", "C"], "in_graad": [3, 3, 1]})
    assert coordinator_claim(central, "A") == "gedeeld"
    assert coordinator_claim(central, "C") == "nee"
    assert coordinator_claim(central.assign(in_graad=[4, 3, 1]), "A") == "ja"
    assert coordinator_claim(central, None) == "onbekend"
    # nobody named anybody (no circle in the perceel): every fund at 0 is no evidence of a shared lead
    assert coordinator_claim(central.assign(in_graad=[0, 0, 0]), "A") == "onbekend"
    assert coordinator_claim(central.iloc[:0], "A") == "onbekend"


def _demo_by_hand():
    """The demo circles counted with the csv module, independently of the package."""
    perceel = {
        r["sectorfonds"]: int(r["perceel"]) for r in csv.DictReader(open(FOLDER / "deelnemers.csv", encoding="utf-8"))
    }
    rows = list(csv.DictReader(open(FOLDER / "netwerkcirkels.csv", encoding="utf-8")))
    return perceel, rows


def test_network_results_match_a_count_by_hand():
    from competentiecheck.partnerships.analysis import analyse_networks, read_inputs

    perceel, rows = _demo_by_hand()
    params = _params()
    results = analyse_networks(read_inputs(params), params)
    named = Counter(r["partner"] for r in rows)
    for network in results.networks:
        by_hand = {f: named.get(f, 0) for f in network.graph.nodes}
        assert dict(zip(network.centrality["fonds"], network.centrality["in_graad"])) == by_hand
        top = max(by_hand.values())
        leaders = [f for f, n in by_hand.items() if n == top]
        expected = "nee" if network.coordinator not in leaders else ("ja" if len(leaders) == 1 else "gedeeld")
        assert network.claim == expected
    shares = results.forms[results.forms["perceel"] == "programma"].set_index("vorm")["aandeel"]
    for form in ("informatie", "feedback", "cocreatie"):
        assert shares[form] == pytest.approx(sum(r[form] == "x" for r in rows) / len(rows))
    scores = [int(r["bijdrage"]) for r in rows]
    assert results.programme_contribution == pytest.approx(sum(scores) / len(scores))
    per_perceel = defaultdict(list)
    respondents = defaultdict(set)
    for r in rows:
        per_perceel[perceel[r["fonds"]]].append(int(r["bijdrage"]))
        respondents[perceel[r["fonds"]]].add(r["respondent"])
    means = {p: sum(v) / len(v) for p, v in per_perceel.items()}
    # only the percelen whose mean may be shown are counted: a count over all would point at a hidden one
    assert results.n_high == sum(means[p] >= 3.0 for p in results.shown_percelen)
    measures = results.measures.set_index("perceel")
    total = len({r["respondent"] for r in rows})
    for p, members in respondents.items():
        shown = len(members) >= 5 and total - len(members) >= 5
        value = measures.loc[str(p), "gemiddelde_bijdrage"]
        assert (value == pytest.approx(means[p])) if shown else pd.isna(value)
    assert measures.loc["programma", "banden"] == len(rows)


def test_no_contribution_score_of_fewer_than_five_consultants_is_published(tmp_path):
    """Tables carry no score per tie; the perceel fragments show '–' where fewer than five consultants answered."""
    from competentiecheck.partnerships.analysis import analyse_networks, read_inputs
    from competentiecheck.partnerships.report import partnerships_perceel
    from competentiecheck.partnerships.response import response_table

    params = _params()
    inputs = read_inputs(params)
    results = analyse_networks(inputs, params)
    assert "bijdrage" not in results.ties_table.columns
    response = response_table(inputs.participants)
    for network in results.networks:
        text = partnerships_perceel(network, results, response, inputs.participants, params, "figures/x.png")
        measure_rows = [line for line in text.splitlines() if line.startswith(f"| {network.perceel} |")]
        last_cells = [line.rstrip(" |").rsplit("|", 1)[-1].strip() for line in measure_rows]
        if not network.scores_shown:
            assert "–" in last_cells and "niet getoond" in text
        assert not network.weighted_shown or (network.centrality["in_graad"] >= 5).all()


def test_code_counts_per_layer_and_perceel_match_the_codings():
    from competentiecheck.partnerships.analysis import analyse_interviews, read_inputs

    params = _params()
    inputs = read_inputs(params)
    results = analyse_interviews(inputs, params)
    codings = inputs.coded.codings[inputs.coded.codings["coder"] == "codeur A"]
    cases = pd.read_csv(FOLDER / "gesprekken.csv").set_index("casus")
    assert results.n_interviews == len(cases) and results.n_group == 1
    assert results.n_consultants == 17 and results.n_double == 3
    assert results.shown_percelen == [2]  # 7 consultants, 10 in the rest; the others have fewer than 5
    assert len(results.layers) == 14 and len(results.themes) == 14  # codes one level below each group in Bijlage 8
    for row in results.layers.to_dict("records") + results.themes.to_dict("records"):
        parts = tuple(row["path"].split(" > "))
        mentioned = {c for c, p in zip(codings["case"], codings["path"]) if tuple(p[: len(parts)]) == parts}
        assert row["gesprekken"] == len(mentioned)
        assert row["perceel 2"] == sum(cases.at[c, "perceel"] == 2 for c in mentioned)
    assert set(results.quotes["label"]).issubset({f"gesprek {chr(65 + i)}" for i in range(15)})


def test_a_fund_name_in_a_quote_stops_the_step():
    from competentiecheck.core.errors import InputError
    from competentiecheck.partnerships.analysis import analyse_interviews, read_inputs

    params = _params()
    inputs = read_inputs(params)
    word = analyse_interviews(inputs, params).quotes["quote"].iloc[0].split()[1].strip(".,")
    inputs.participants = pd.concat(
        [
            inputs.participants,
            pd.DataFrame(
                [{"sectorfonds": word, "sector": "Test", "perceel": 1, "status": "niet deelgenomen", "coordinator": ""}]
            ),
        ]
    )
    with pytest.raises(InputError, match="naam uit de metadata: sectorfonds") as err:
        analyse_interviews(inputs, params)
    assert word not in str(err.value)


def _copy(tmp_path):
    folder = tmp_path / "partnerschappen"
    shutil.copytree(FOLDER, folder)
    return folder


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda f: (f / "netwerkcirkels.csv").unlink(), "netwerkcirkels ontbreekt"),
        (lambda f: shutil.copy(f / "netwerkcirkels.csv", f / "netwerkcirkels_oud.csv"), "meer dan één bestand"),
        (
            lambda f: (f / "deelnemers.csv").write_text(
                (f / "deelnemers.csv")
                .read_text(encoding="utf-8")
                .replace("Volta,Elektriciteit,1,deelgenomen", "Volta,Elektriciteit,1,niet deelgenomen"),
                encoding="utf-8",
            ),
            "'Volta' heeft een netwerkcirkel",
        ),
        (
            lambda f: (f / "gesprekken.csv").write_text(
                (f / "gesprekken.csv").read_text(encoding="utf-8").replace("5,groep,3", "5,groepje,3"), encoding="utf-8"
            ),
            "vorm moet",
        ),
        (
            lambda f: (f / "gesprekken.csv").write_text(
                (f / "gesprekken.csv")
                .read_text(encoding="utf-8")
                .replace("gesprek 14,4,individueel,1", "gesprek 14,4,individueel,2"),
                encoding="utf-8",
            ),
            "1 deelnemer",
        ),
        (
            lambda f: (f / "gesprekken.csv").write_text(
                (f / "gesprekken.csv").read_text(encoding="utf-8").replace("gesprek 14,4,", "gesprek 14,9,"),
                encoding="utf-8",
            ),
            "perceel staat niet",
        ),
        (
            lambda f: (f / "gesprekken.csv").write_text(
                "\n".join(
                    l
                    for l in (f / "gesprekken.csv").read_text(encoding="utf-8").splitlines()
                    if not l.startswith("gesprek 15")
                )
                + "\n",
                encoding="utf-8",
            ),
            "geen casus",
        ),
    ],
)
def test_bad_partnership_inputs_stop_with_the_file_named(tmp_path, change, message):
    from competentiecheck.core.errors import InputError
    from competentiecheck.partnerships.analysis import read_inputs

    folder = _copy(tmp_path)
    change(folder)
    with pytest.raises(InputError, match=message) as err:
        read_inputs(_params(), folder)
    assert "partnerschappen" in str(err.value)


def test_a_fund_that_took_part_without_a_circle_is_counted_and_named(tmp_path):
    from competentiecheck.partnerships.analysis import analyse_networks, read_inputs

    folder = _copy(tmp_path)
    circles = folder / "netwerkcirkels.csv"
    circles.write_text(
        "\n".join(line for line in circles.read_text(encoding="utf-8").splitlines() if ",Volta," not in line) + "\n",
        encoding="utf-8",
    )
    params = _params()
    inputs = read_inputs(params, folder)
    assert inputs.without_circle == ["Volta"]
    network = analyse_networks(inputs, params).networks[0]
    assert "Volta" in network.graph.nodes and "Volta" not in network.respondents
    assert network.measures["respondenten"] == 1


def test_the_demo_regenerates_byte_identical(tmp_path):
    from competentiecheck.partnerships.demo_partnerships import generate_partnerships

    shutil.copy(FOLDER / "deelnemers.csv", tmp_path / "deelnemers.csv")
    generate_partnerships(tmp_path)
    for name in ("netwerkcirkels.csv", "gesprekken.csv", "gesprekken.qdpx"):
        assert (tmp_path / name).read_bytes() == (FOLDER / name).read_bytes(), name


def test_the_circle_diagram_is_drawn_from_invented_partners_only():
    from competentiecheck.partnerships.demo_partnerships import example_circle

    circle = example_circle()
    assert list(circle["partner"]) == [f"partner {i}" for i in range(1, 7)]
    names = set(read_participants(PARTICIPANTS)["sectorfonds"])
    assert not names & set(circle["partner"])


def test_circles_from_an_xlsx_read_as_from_the_csv(tmp_path):
    from competentiecheck.partnerships.circles import read_circles

    participants = read_participants(PARTICIPANTS)
    frame = pd.read_csv(FOLDER / "netwerkcirkels.csv", dtype=str, keep_default_na=False)
    frame["bijdrage"] = frame["bijdrage"].astype(int)  # a spreadsheet stores numbers as numbers
    frame.to_excel(tmp_path / "netwerkcirkels.xlsx", index=False)
    from_xlsx = read_circles(tmp_path / "netwerkcirkels.xlsx", participants)
    pd.testing.assert_frame_equal(from_xlsx, read_circles(FOLDER / "netwerkcirkels.csv", participants))


def test_weighted_in_degree_and_mean_are_shown_only_with_enough_consultants_behind_them():
    """Two percelen of seven funds where every consultant names every partner: each fund is named by six,
    each perceel has seven consultants and so has the rest, so the scores may be shown; with a perceel of
    three consultants next to them they may not be shown for that perceel."""
    from competentiecheck.partnerships.analysis import PartnershipInputs, analyse_networks

    def programme(sizes):
        funds = [(p, f"F{p}{i}") for p, n in sizes.items() for i in range(n)]
        participants = pd.DataFrame(
            {
                "sectorfonds": [f for _, f in funds],
                "sector": "s",
                "perceel": [p for p, _ in funds],
                "status": "deelgenomen",
                "coordinator": ["x" if f.endswith("0") else "" for _, f in funds],
            }
        )
        rows = [
            {
                "respondent": f"C{a}",
                "fonds": a,
                "partner": b,
                "perceel": p,
                "vormen": frozenset({"informatie"}),
                "bijdrage": 1 + (k + i) % 4,
            }  # varied scores, 1-4
            for k, (p, a) in enumerate(funds)
            for i, (q, b) in enumerate(funds)
            if q == p and b != a
        ]
        return PartnershipInputs(participants, pd.DataFrame(rows), "x.csv", None, "test-zout-" + "x" * 16)

    params = load_params("totaal")
    inputs = programme({1: 7, 2: 7})
    results = analyse_networks(inputs, params)
    for network in results.networks:
        assert network.scores_shown and network.weighted_shown
        assert (network.centrality["in_graad"] == 6).all()
        mine = inputs.ties[inputs.ties["perceel"] == network.perceel]
        assert results.measures.set_index("perceel").loc[str(network.perceel), "gemiddelde_bijdrage"] == pytest.approx(
            mine["bijdrage"].mean()
        )
        by_hand = mine.groupby("partner")["bijdrage"].sum()
        assert dict(zip(network.centrality["fonds"], network.centrality["gewogen_in_graad"])) == by_hand.to_dict()
    small = analyse_networks(programme({1: 7, 2: 7, 3: 3}), params)
    shown = {n.perceel: (n.scores_shown, n.weighted_shown) for n in small.networks}
    # perceel 3 alone (3 people) would follow from the programme minus 1 and 2: perceel 1 is hidden with it
    assert shown == {1: (False, False), 2: (True, True), 3: (False, False)}
    assert pd.isna(small.measures.set_index("perceel").loc["3", "gemiddelde_bijdrage"])


def test_a_bad_input_stops_the_notebook_before_anything_is_written(tmp_path):
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from competentiecheck.core.paths import BUILD, ROOT

    folder = _copy(tmp_path)
    circles = folder / "netwerkcirkels.csv"
    circles.write_text(circles.read_text(encoding="utf-8").replace(",Constructiv,", ",Alimento,", 1), encoding="utf-8")
    before = {p: p.read_bytes() for p in (BUILD / "partnerschappen").rglob("*.md")}
    with pytest.raises(PapermillExecutionError) as err:
        papermill.execute_notebook(
            str(ROOT / "notebooks" / "06_partnerships.ipynb"),
            str(tmp_path / "out.ipynb"),
            parameters={"partnerships_dir": str(folder)},
            progress_bar=False,
        )
    assert "hoort bij perceel 2" in str(err.value) and "netwerkcirkels.csv" in str(err.value)
    assert {p: p.read_bytes() for p in (BUILD / "partnerschappen").rglob("*.md")} == before


def test_findings_and_conclusion_follow_the_tested_claims():
    from competentiecheck.partnerships.analysis import analyse_networks, read_inputs
    from competentiecheck.partnerships.report import partnerships_conclusion, partnerships_finding

    params = _params()
    results = analyse_networks(read_inputs(params), params)
    _, rows = _demo_by_hand()
    information = round(100 * sum(r["informatie"] == "x" for r in rows) / len(rows))
    assert f"{information} % van de banden" in partnerships_finding(results)
    assert "informatie delen en feedback" in partnerships_conclusion(results)
    results.forms.loc[results.forms["vorm"] == "cocreatie", "aandeel"] = 0.6  # co-creation common: the claim fails
    assert "vaker dan het eindverslag" in partnerships_conclusion(results)
    results.n_high = 0
    assert "sterk bij" not in partnerships_conclusion(results)


def test_a_perceel_without_any_circle_has_an_unknown_coordinator_outcome(tmp_path):
    """Issue 18, point 5: it was 'gedeeld' (every fund tied at in-degree 0)."""
    from competentiecheck.partnerships.analysis import analyse_networks, read_inputs

    folder = _copy(tmp_path)
    circles = folder / "netwerkcirkels.csv"
    circles.write_text(
        "\n".join(
            line
            for line in circles.read_text(encoding="utf-8").splitlines()
            if ",Vivo," not in line and ",Diverscity," not in line
        )
        + "\n",
        encoding="utf-8",
    )
    params = _params()
    inputs = read_inputs(params, folder)
    assert inputs.without_circle == ["Diverscity", "Vivo"]
    network = next(n for n in analyse_networks(inputs, params).networks if n.perceel == 4)
    assert network.claim == "onbekend"


def test_the_chapter_opens_with_its_finding_and_the_agreement_table_is_in_bijlage_e():
    from competentiecheck.core.paths import PUBLISHED
    from competentiecheck.partnerships.analysis import analyse_interviews, analyse_networks, read_inputs
    from competentiecheck.partnerships.report import partnerships_chapter, partnerships_codebook, partnerships_perceel
    from competentiecheck.partnerships.response import response_table

    params = _params()
    inputs = read_inputs(params)
    networks, interviews = analyse_networks(inputs, params), analyse_interviews(inputs, params)
    response = response_table(inputs.participants, pd.read_csv(PUBLISHED / "tabel8_respons.csv"))
    chapter = partnerships_chapter(
        networks, interviews, response, inputs.participants, params, "n.png", "c.png", synthetic_quotes=True
    )
    perceel, rows = _demo_by_hand()
    opening = chapter.split("\n")[0]
    # by hand: every row of the circles is a tie; information shared on ties with a mark in that column
    assert opening.startswith("Hoe werkten de sectorfondsen") and f"Van de {len(rows)} banden" in opening
    assert "tbl-partners-overeenstemming" not in chapter and chapter.count("Krippendorffs alfa") == 1
    assert "×" not in chapter.replace("'×'", "")
    appendix = partnerships_codebook(inputs.coded.scheme, interviews)
    assert "{#tbl-partners-overeenstemming}" in appendix and "O'Connor & Joffe, 2020" in appendix
    # a perceel report: its own measures beside the programme's, and a link to the programme report
    network = next(n for n in networks.networks if n.perceel == 4)
    text = partnerships_perceel(network, networks, response, inputs.participants, params, "p4.png")
    ties_4 = sum(1 for r in rows if perceel[r["fonds"]] == 4)
    assert f"tekenden {ties_4} banden" in text and "](../totaal/index.html#sec-partnerschappen)" in text
    assert "| Programma | 20 |" in text
