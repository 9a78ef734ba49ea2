"""Issue 17, point 5: contribution scores of the network circles are protected jointly, respondents are people.

Tie counts are public (network figures, measures table), so a perceel's mean is its sum of scores, and the
programme's sum is the sum over the percelen: programme mean × ties − Σ shown mean × ties gives the hidden
percelen's sum. The percelen whose mean is hidden must therefore hold together at least
``disclosure.min_group_size`` (5) respondents, and a respondent is a person: fund × respondent code.
"""

import csv
import io
import math
import random
import shutil

import pandas as pd
import pytest

from competentiecheck.core.params import load_params
from competentiecheck.core.paths import DATA

FOLDER = DATA / "demo" / "partnerschappen"
MINIMUM = 5  # disclosure.min_group_size in params/default.yml


@pytest.fixture(autouse=True)
def _secret_salt(monkeypatch):
    """A copy of the demo outside data/demo/ counts as real input and needs a secret salt (for the interview labels)."""
    monkeypatch.setenv("COMPETENTIECHECK_SALT", "test-zout-" + "0123456789abcdef" * 2)


def _params():
    params = load_params("totaal")
    assert params["disclosure"]["min_group_size"] == MINIMUM
    assert float(params["partnerships"]["high_contribution"]) == 3.0
    return params


def _copy(tmp_path):
    folder = tmp_path / "partnerschappen"
    shutil.copytree(FOLDER, folder)
    return folder


def _replace(file, pairs):
    text = file.read_text(encoding="utf-8")
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    file.write_text(text, encoding="utf-8")


def _analyse(folder):
    from competentiecheck.partnerships.analysis import analyse_networks, read_inputs

    params = _params()
    inputs = read_inputs(params, folder)
    return inputs, analyse_networks(inputs, params)


# --------------------------------------------------------------------------- (a) the rule by hand


@pytest.mark.parametrize(
    "respondents, shown, programme",
    [
        # 1 has 1 < 5: hidden (primary). Alone it holds 1 < 5, so the shown perceel with the fewest respondents is hidden
        # too: 2 and 3 both have 6, the lower number goes -> hidden {1, 2} hold 1 + 6 = 7 >= 5; 3 stays shown
        ({1: 1, 2: 6, 3: 6}, {3}, True),
        # 1 and 2 (3 each) are hidden; together 3 + 3 = 6 >= 5, so nothing more: 3 (10) stays shown
        ({1: 3, 2: 3, 3: 10}, {3}, True),
        # every perceel small and 2 + 2 = 4 < 5 in the programme: not even the programme mean is shown
        ({1: 2, 2: 2}, set(), False),
        # every perceel small, but 2 + 2 + 3 = 7 >= 5: the programme mean (their sum over 7 people) is shown
        ({1: 2, 2: 2, 3: 3}, set(), True),
        # every perceel at least 5 and nothing hidden: all shown (the old 'rest' rule would say the same)
        ({1: 5, 2: 7}, {1, 2}, True),
        # 1 (1) hidden; the fewest shown is 2 (5) -> hidden {1, 2} = 6 >= 5; 3 (8) and 4 (9) stay shown
        ({1: 1, 2: 5, 3: 8, 4: 9}, {3, 4}, True),
        # a perceel without any circle has no score: it hides nothing and needs nothing hidden
        ({1: 0, 2: 6, 3: 6}, {2, 3}, True),
        # the demo: 1 (2), 3 (3), 4 (2), 5 (3) hidden, together 10 >= 5; 2 (7) shown
        ({1: 2, 2: 7, 3: 3, 4: 2, 5: 3}, {2}, True),
    ],
)
def test_protected_score_groups_by_hand(respondents, shown, programme):
    from competentiecheck.privacy.disclosure import protected_groups

    assert protected_groups(respondents, MINIMUM) == (shown, programme)


def test_protected_score_groups_never_leave_a_small_hidden_group():
    """On random programmes: every shown perceel has >= 5, the hidden ones together 0 or >= 5 (or everything is
    hidden, the programme too), and the programme is shown exactly when it has >= 5 respondents."""
    from competentiecheck.privacy.disclosure import protected_groups

    generator = random.Random(17)
    for _ in range(500):
        respondents = {p: generator.choice([0, 1, 2, 3, 4, 5, 6, 9]) for p in range(1, generator.randint(2, 6))}
        shown, programme = protected_groups(respondents, MINIMUM)
        hidden = sum(n for p, n in respondents.items() if p not in shown)
        assert all(respondents[p] >= MINIMUM for p in shown)
        assert hidden == 0 or hidden >= MINIMUM or not (shown or programme)
        assert programme == (sum(respondents.values()) >= MINIMUM)


# --------------------------------------------------------------------------- (b) the attack on a perceel of one


def _one_respondent_in_perceel_1(tmp_path):
    """The demo with Constructiv's circle left out (perceel 1: only Volta's consultant, 3 ties scored 2, 1, 4)
    and percelen 4 and 5 merged into 3 (3 + 2 + 3 = 8 consultants), so that the old rule showed 2 and 3:
    perceel 1: 1 respondent; 2: 7 (rest 9); 3: 8 (rest 8)."""
    folder = _copy(tmp_path)
    _replace(
        folder / "deelnemers.csv",
        [
            ("Vivo,Social profit,4,deelgenomen,demo", "Vivo,Social profit,3,deelgenomen,"),
            ("Diverscity,Lokale besturen,4,deelgenomen,", "Diverscity,Lokale besturen,3,deelgenomen,"),
            ("Fonds 320,Begrafenissector,4,niet actief,", "Fonds 320,Begrafenissector,3,niet actief,"),
            ("Vorm DC,Dienstencheques,4,niet actief,", "Vorm DC,Dienstencheques,3,niet actief,"),
            ("Unizo,Ondernemers,5,deelgenomen,demo", "Unizo,Ondernemers,3,deelgenomen,"),
            ("Horeca Vlaanderen,Horeca,5,deelgenomen,", "Horeca Vlaanderen,Horeca,3,deelgenomen,"),
            ("PMO,Retail,5,deelgenomen,", "PMO,Retail,3,deelgenomen,"),
        ],
    )
    _replace(
        folder / "gesprekken.csv",
        [
            ("gesprek 13,4,", "gesprek 13,3,"),
            ("gesprek 14,4,", "gesprek 14,3,"),
            ("gesprek 15,5,groep,3", "gesprek 15,3,groep,3"),
        ],
    )
    circles = folder / "netwerkcirkels.csv"
    circles.write_text(
        "".join(
            line
            for line in circles.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith("C02,Constructiv,")
        ),
        encoding="utf-8",
    )
    return folder


def test_a_lone_consultants_mean_no_longer_follows_from_the_published_measures(tmp_path):
    from competentiecheck.core.outputs import write_table

    inputs, results = _analyse(_one_respondent_in_perceel_1(tmp_path))
    # by hand: Volta's consultant scored Constructiv 2, Educam 1, Woodwize 4 -> 7 points over 3 ties
    lone_mean = 7 / 3
    table = results.measures.set_index("perceel")
    assert table.loc["1", "respondenten"] == 1 and table.loc["1", "banden"] == 3
    assert table.loc[["1", "2", "3"], "respondenten"].tolist() == [1, 7, 8]
    percelen = table.drop(index="programma")
    hidden = percelen[percelen["gemiddelde_bijdrage"].isna() & (percelen["respondenten"] > 0)]
    assert hidden["respondenten"].sum() >= MINIMUM
    # the attack, from the published table: programme mean × ties − Σ shown means × ties; with the old rule
    # 2,25 × 40 − (2,115… × 26 + 2,545… × 11) = 90 − 55 − 28 = 7 points over 40 − 37 = 3 ties:
    # exactly the lone consultant's mean 2,33
    shown = percelen[percelen["gemiddelde_bijdrage"].notna()]
    programme = table.loc["programma"]
    assert not math.isnan(programme["gemiddelde_bijdrage"])
    shown_sum = (shown["gemiddelde_bijdrage"] * shown["banden"]).sum()
    rest_sum = programme["gemiddelde_bijdrage"] * programme["banden"] - shown_sum
    rest_ties = programme["banden"] - shown["banden"].sum()
    # now: 90 − 28 = 62 points over 40 − 11 = 29 ties (percelen 1 and 2 together, 8 people): 2,14, not 2,33
    assert rest_ties == 29 and rest_sum == pytest.approx(62)
    assert rest_sum / rest_ties != pytest.approx(lone_mean, abs=0.005)
    # the rule: 1 hidden (1 < 5); alone it would be 1 person, so the smaller shown perceel, 2 (7 < 8), goes too:
    # hidden {1, 2} hold 1 + 7 = 8 >= 5 people; 3 is shown, and the programme (16 people)
    assert results.shown_percelen == [3] and results.programme_shown
    # the written table carries the hidden means as empty cells
    write_table(results.measures, tmp_path / "netwerkmaten.csv")
    with open(tmp_path / "netwerkmaten.csv", encoding="utf-8") as file:
        written = {row["perceel"]: row for row in csv.DictReader(file)}
    assert written["1"]["gemiddelde_bijdrage"] == "" and written["2"]["gemiddelde_bijdrage"] == ""
    assert written["3"]["gemiddelde_bijdrage"] != ""
    # nothing else in the results keeps a score aggregate of a hidden perceel: no mean, no weighted in-degree
    # (with one consultant behind them, Volta's weighted in-degrees 2, 1, 4 are that consultant's own scores)
    for network in results.networks:
        if not network.scores_shown:
            assert math.isnan(network.measures["gemiddelde_bijdrage"])
            assert network.centrality["gewogen_in_graad"].isna().all() and not network.weighted_shown
            assert network.high_interdependence is None
    frames = [results.measures, results.forms, results.claims, results.ties_table] + [
        network.centrality for network in results.networks
    ]
    for frame in frames:
        numbers = frame.select_dtypes("number").to_numpy().ravel()
        assert not any(value == pytest.approx(lone_mean) for value in numbers if value == value)


# --------------------------------------------------------------------------- (c) respondents are people


def _recoded(tmp_path, code):
    """The demo circles with respondent codes that restart: ``code(perceel, number within perceel)``."""
    folder = _copy(tmp_path)
    with open(FOLDER / "deelnemers.csv", encoding="utf-8") as file:
        perceel = {r["sectorfonds"]: r["perceel"] for r in csv.DictReader(file)}
    with open(FOLDER / "netwerkcirkels.csv", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    numbers: dict[str, dict[str, int]] = {}
    for row in rows:
        within = numbers.setdefault(perceel[row["fonds"]], {})
        row["respondent"] = code(within.setdefault(row["fonds"], len(within) + 1))
    with open(folder / "netwerkcirkels.csv", "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return folder, rows


@pytest.mark.parametrize(
    "code",
    [
        lambda number: f"R{number}",  # numbered per perceel: R1 … R7 (the case)
        lambda number: "R1",
    ],  # every fund's consultant is 'R1'
    ids=["per-perceel", "R1-everywhere"],
)
def test_restarting_respondent_codes_still_count_people(tmp_path, code):
    from competentiecheck.partnerships.circles import count_respondents

    folder, rows = _recoded(tmp_path, code)
    pairs = {(row["fonds"], row["respondent"]) for row in rows}
    # by hand: the demo has one consultant per fund with a circle, 17 funds: 2 + 7 + 3 + 2 + 3 per perceel;
    # the codes alone are at most 7 (R1 … R7) or 1 ('R1')
    assert len(pairs) == 17 and len({row["respondent"] for row in rows}) in (7, 1)
    inputs, results = _analyse(folder)
    assert count_respondents(inputs.ties) == len(pairs) == 17
    assert results.n_respondents == 17
    assert results.measures.set_index("perceel")["respondenten"].to_dict() == {
        "1": 2,
        "2": 7,
        "3": 3,
        "4": 2,
        "5": 3,
        "programma": 17,
    }
    assert [network.n_respondents for network in results.networks] == [2, 7, 3, 2, 3]
    # who is shown does not depend on how the codes were numbered: as in the demo, perceel 2 only
    assert results.shown_percelen == [2] and results.programme_shown


def test_count_respondents_counts_fund_and_code_pairs():
    from competentiecheck.partnerships.circles import count_respondents

    ties = pd.DataFrame({"respondent": ["R1", "R1", "R1", "R2"], "fonds": ["A", "A", "B", "B"]})
    assert count_respondents(ties) == 3  # (A, R1), (B, R1), (B, R2)


# --------------------------------------------------------------------------- (d) interdependence of hidden percelen

HIDDEN_LOWER = [  # perceel 3 (hidden) loses 3 points, percelen 4 and 5 (hidden) gain them: nothing shown changes
    ("C10,Liberform,Fonds323,,x,x,4", "C10,Liberform,Fonds323,,x,x,3"),
    ("C11,Mediarte,Liberform,x,x,,4", "C11,Mediarte,Liberform,x,x,,3"),
    ("C12,Fonds323,Podiumkunsten,x,,,4", "C12,Fonds323,Podiumkunsten,x,,,3"),
    ("C13,Vivo,Diverscity,x,,x,1", "C13,Vivo,Diverscity,x,,x,2"),
    ("C14,Diverscity,Vivo,x,,,1", "C14,Diverscity,Vivo,x,,,2"),
    ("C15,Unizo,PMO,x,x,,2", "C15,Unizo,PMO,x,x,,3"),
]


def _published_text(inputs, results):
    from competentiecheck.partnerships.drawing import network_panels
    from competentiecheck.partnerships.report import (
        _interdependence_sentence,
        partnerships_conclusion,
        partnerships_finding,
        partnerships_perceel,
    )
    from competentiecheck.partnerships.response import response_table

    response = response_table(inputs.participants)
    texts = [
        _interdependence_sentence(results),
        partnerships_finding(results, "nl"),
        partnerships_finding(results, "en"),
        partnerships_conclusion(results),
    ]
    texts += [
        partnerships_perceel(network, results, response, inputs.participants, _params(), "x.png")
        for network in results.networks
    ]
    figure = io.BytesIO()
    network_panels(results.networks).savefig(figure, format="svg", metadata={"Date": None})
    return texts, figure.getvalue()


def test_the_interdependence_sentence_says_nothing_about_a_hidden_perceel(tmp_path):
    """Perceel 3 is hidden (3 consultants). In the demo its mean is 20 / 6 = 3,33 (>= 3,0, strongly interdependent);
    in the variant 17 / 6 = 2,83 (below). The programme's sum (94 over 43 ties), perceel 2 and every count stay the
    same, so everything published must be the same: the old text said 'in 1 perceel … minstens 3,0' against
    'in 0 percelen'."""
    demo_inputs, demo = _analyse(_copy(tmp_path / "demo"))
    folder = _copy(tmp_path / "variant")
    _replace(folder / "netwerkcirkels.csv", HIDDEN_LOWER)
    variant_inputs, variant = _analyse(folder)
    means = {}
    for name, inputs in (("demo", demo_inputs), ("variant", variant_inputs)):
        mine = inputs.ties[inputs.ties["perceel"] == 3]
        means[name] = mine["bijdrage"].sum() / len(mine)
    assert means["demo"] == pytest.approx(20 / 6) and means["variant"] == pytest.approx(17 / 6)
    assert demo.programme_contribution == pytest.approx(variant.programme_contribution)
    pd.testing.assert_frame_equal(demo.measures, variant.measures)
    demo_texts, demo_figure = _published_text(demo_inputs, demo)
    variant_texts, variant_figure = _published_text(variant_inputs, variant)
    assert demo_texts == variant_texts
    assert demo_figure == variant_figure  # node sizes by in-degree: the scores are not drawn
    assert demo.shown_percelen == variant.shown_percelen == [2] and 3 in demo.hidden_percelen
    assert demo.n_high == variant.n_high == 0  # counted over the shown perceel 2 (2,12) only
    sentence = demo_texts[0]
    assert "de andere 4 percelen (1, 3, 4 en 5)" in sentence and "perceel 2" in sentence
