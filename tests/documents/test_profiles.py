"""Profile rules, the Wilson interval and the adjusted Rand index, against hand-computed values."""

import math

import pandas as pd
import pytest

from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import DATA
from competentiecheck.documents.profiles import adjusted_rand_index, assign_profiles, parse_rules, wilson_interval
from competentiecheck.qualitative.codebook import load_scheme

SCHEME = load_scheme(DATA / "codebook" / "swot.yml")
S, T = "2. Strengths", "5. Threats"


def test_rules_assign_several_profiles_or_none():
    rules = parse_rules(
        [
            {
                "name": "betrokken",
                "indicators": [f"{S} > Medewerkers", f"{S} > Leiderschap", f"{S} > Begeleiding"],
                "rule": {"at_least": 2},
            },
            {
                "name": "kwetsbaar",
                "indicators": [f"{T} > Opvolging", f"{T} > Toepassing"],
                "rule": {"at_least": 1, "excludes": [f"{S} > Leiderschap"]},
            },
        ],
        SCHEME,
        "profielen.yml",
    )
    codings = pd.DataFrame(
        {
            "case": ["d1", "d1", "d2", "d2", "d3"],
            "path": [
                (S, "Medewerkers"),
                (S, "Begeleiding", "Consultants"),  # a subcode meets 'Begeleiding'
                (S, "Leiderschap"),
                (T, "Opvolging"),
                (T, "Toepassing"),
            ],
        }
    )
    assigned = assign_profiles(codings, rules, ["d1", "d2", "d3", "d4"])
    # by hand: d1 has 2 of 3 -> betrokken; d2 has 1 of 3 and Leiderschap excludes kwetsbaar; d3 -> kwetsbaar; d4 none
    assert assigned.to_dict("index") == {
        "d1": {"betrokken": 1, "kwetsbaar": 0},
        "d2": {"betrokken": 0, "kwetsbaar": 0},
        "d3": {"betrokken": 0, "kwetsbaar": 1},
        "d4": {"betrokken": 0, "kwetsbaar": 0},
    }
    assert "minstens 2 van" in rules[0].describe() and "en niet" in rules[1].describe()


def test_a_rule_naming_an_unknown_code_stops():
    with pytest.raises(InputError, match="Geluk.*staat niet in het codeboek") as err:
        parse_rules([{"name": "x", "indicators": [f"{S} > Geluk"], "rule": {"at_least": 1}}], SCHEME, "profielen.yml")
    assert "profielen.yml" in str(err.value)


def test_wilson_interval_by_hand():
    # Wilson: (p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), z = 1.959964, p = 50/60
    z, n, p = 1.959963984540054, 60, 50 / 60
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    low, high = wilson_interval(50, 60)
    assert low == pytest.approx(centre - half, abs=1e-12) and high == pytest.approx(centre + half, abs=1e-12)
    assert all(math.isnan(v) for v in wilson_interval(0, 0))


def test_adjusted_rand_index_by_hand():
    assert adjusted_rand_index([1, 1, 2, 2], ["a", "a", "b", "b"]) == pytest.approx(1.0)
    # a = (0,0,0,1,1,1), b = (0,0,1,1,2,2): pairs within cells 1 + 0 + 1 + 1 = ... worked out:
    # contingency [[2,1,0],[0,1,2]]: sum C(n_ij,2) = 1 + 1 = 2; rows C(3,2)*2 = 6; cols C(2,2)*3 = 3; total C(6,2) = 15
    # expected = 6 * 3 / 15 = 1.2; max = (6 + 3) / 2 = 4.5; ARI = (2 - 1.2) / (4.5 - 1.2) = 0.2424…
    assert adjusted_rand_index([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) == pytest.approx(0.8 / 3.3, abs=1e-12)
    with pytest.raises(ValueError):
        adjusted_rand_index([1, 2], [1])


def test_near_identical_texts_by_shingles():
    from competentiecheck.documents.similarity import jaccard, near_identical_pairs, shingles

    template = "Wij begeleiden de onderneming bij het opstellen van een competentiematrix voor alle functies."
    texts = {"p1": template, "p2": template.replace("alle", "de"), "p3": "Een heel ander plan over leiderschap."}
    # by hand (k = 3): 13 words, 11 shingles each; 'alle' (word 12) sits in the last 2 -> 9 shared of 13 distinct
    assert jaccard(shingles(texts["p1"], 3), shingles(texts["p2"], 3)) == pytest.approx(9 / 13)
    pairs = near_identical_pairs(texts, threshold=0.5, k=3)
    assert pairs[["document_a", "document_b"]].values.tolist() == [["p1", "p2"]]


def test_demo_plans_follow_the_published_counts_and_regenerate_byte_identical(tmp_path):
    import shutil

    import yaml

    from competentiecheck.documents.demo import DOCUMENTS, PLANS_PER_PERCEEL, generate_documents
    from competentiecheck.qualitative.refi_qda import read_qdpx

    shutil.copy(DOCUMENTS / "profielen.yml", tmp_path / "profielen.yml")
    generate_documents(tmp_path)
    for name in ("plannen.csv", "plannen.qdpx"):
        assert (tmp_path / name).read_bytes() == (DOCUMENTS / name).read_bytes(), name
    register = pd.read_csv(DOCUMENTS / "plannen.csv")
    assert register.groupby("perceel").size().to_dict() == PLANS_PER_PERCEEL  # §5.1.1: 8, 14, 3, 20, 15
    project = read_qdpx(DOCUMENTS / "plannen.qdpx")
    scheme = load_scheme(DATA / "codebook" / "documenten.yml")
    scheme.check(project.codings["path"], "plannen.qdpx")
    rules = parse_rules(
        yaml.safe_load((DOCUMENTS / "profielen.yml").read_text(encoding="utf-8"))["profiles"], scheme, "profielen.yml"
    )
    assigned = assign_profiles(project.codings.rename(columns={"source": "case"}), rules, list(register["plan"]))
    either = ((assigned["Krachtige ambitie"] + assigned["Krachtige basis"]) > 0).mean()
    assert either > 0.6  # most plans fit ambitie and/or basis, as the report says qualitatively


def test_pairwise_similarity_matches_the_plain_jaccard():
    import random

    from competentiecheck.documents.similarity import jaccard, near_identical_pairs, shingles

    rng = random.Random(7)
    words = "de begeleiding werkt aan competenties opleidingsplan onthaal loopbaan".split()
    texts = {f"t{i}": " ".join(rng.choice(words) for _ in range(12)) for i in range(12)}
    texts["t12"] = texts["t3"]
    pairs = near_identical_pairs(texts, threshold=0.0, k=2)
    assert len(pairs) == 13 * 12 // 2
    for row in pairs.itertuples():
        assert row.similarity == pytest.approx(
            jaccard(shingles(texts[row.document_a], 2), shingles(texts[row.document_b], 2))
        )
    assert near_identical_pairs(texts, 1.0, k=2)[["document_a", "document_b"]].values.tolist() == [["t12", "t3"]]


# --------------------------------------------------------------------------- issue 25: what a mutation test found

B = f"{S} > Begeleiding"


def _rules(*definitions):
    return parse_rules(list(definitions), SCHEME, "profielen.yml")


def test_rules_in_words_for_the_report():
    rule = _rules(
        {
            "name": "x",
            "indicators": [f"{S} > Medewerkers", B],
            "rule": {"at_least": 1, "requires": [f"{S} > Leiderschap"], "excludes": [f"{T} > Opvolging"]},
        }
    )[0]
    assert rule.describe() == (
        f"minstens 1 van: {S} > Medewerkers; {B} — en altijd: {S} > Leiderschap — en niet: {T} > Opvolging"
    )
    assert (
        rule.describe(short=True)
        == "minstens 1 van: medewerkers; begeleiding — en altijd: leiderschap — en niet: opvolging"
    )
    plain = _rules({"name": "y", "indicators": [B], "rule": {"at_least": 1}})[0]
    assert plain.describe() == f"minstens 1 van: {B}" and (plain.requires, plain.excludes) == ((), ())


def test_a_required_code_must_be_there_and_a_top_level_indicator_is_met_by_any_code_under_it():
    rules = _rules(
        {"name": "met", "indicators": [B], "rule": {"at_least": 1, "requires": [f"{T} > Opvolging"]}},
        {"name": "top", "indicators": [S], "rule": {"at_least": 1}},
    )
    codings = pd.DataFrame(
        {"case": ["d1", "d2", "d2"], "path": [(S, "Begeleiding"), (S, "Begeleiding"), (T, "Opvolging")]}
    )
    assigned = assign_profiles(codings, rules, ["d1", "d2", "d3"])
    assert assigned.to_dict("index") == {
        "d1": {"met": 0, "top": 1},
        "d2": {"met": 1, "top": 1},
        "d3": {"met": 0, "top": 0},
    }
    assert assigned.index.name == "document" and list(assigned.columns) == ["met", "top"]
    assert assign_profiles(codings.assign(case="elders"), rules, ["d1"]).to_dict("index") == {
        "d1": {"met": 0, "top": 0}
    }


@pytest.mark.parametrize(
    "definition, message",
    [
        (
            {"indicators": [B], "rule": {"at_least": 1}},
            "profiel 2: 'name', 'indicators' en 'rule: at_least' zijn nodig",
        ),
        ({"name": "x", "rule": {"at_least": 1}}, "profiel 2: 'name', 'indicators' en 'rule: at_least' zijn nodig"),
        (
            {"name": "x", "indicators": [B], "rule": {}},
            "profiel 2: 'name', 'indicators' en 'rule: at_least' zijn nodig",
        ),
        ({"name": "x", "indicators": [B]}, "profiel 2: 'name', 'indicators' en 'rule: at_least' zijn nodig"),
        (
            {"name": "x", "indicators": [B], "rule": {"at_least": True}},
            "profiel 'x', sleutel 'rule: at_least': moet een geheel getal van 1 tot en met 1 (het aantal indicatoren) "
            "zijn, niet een ja/nee-waarde (yes/no, true/false)",
        ),
        (
            {"name": "x", "indicators": [B], "rule": {"at_least": "1"}},
            "profiel 'x', sleutel 'rule: at_least': moet een geheel getal van 1 tot en met 1 (het aantal indicatoren) "
            "zijn, niet '1'",
        ),
        (
            {"name": "x", "indicators": [B, f"{S} > Leiderschap"], "rule": {"at_least": 3}},
            "profiel 'x', sleutel 'rule: at_least': moet een geheel getal van 1 tot en met 2 (het aantal indicatoren) "
            "zijn, niet 3",
        ),
        (
            {"name": "x", "indicators": [B], "rule": {"at_least": 1, "excludes": [f"{T} > Geluk"]}},
            f"profiel 'x': code '{T} > Geluk' staat niet in het codeboek",
        ),
    ],
)
def test_a_bad_profile_definition_names_the_profile_and_the_file(definition, message):
    good = {"name": "goed", "indicators": [B], "rule": {"at_least": 1}}
    with pytest.raises(InputError) as err:
        _rules(good, definition)
    assert err.value.file == "profielen.yml" and message in str(err.value)


def test_wilson_intervals_at_the_edges_and_at_another_level():
    # n = 1, one success: centre (1 + z²/2) / (1 + z²), half z·sqrt(z²/4) / (1 + z²) = (z²/2) / (1 + z²)
    z = 1.959963984540054
    low, high = wilson_interval(1, 1)
    assert low == pytest.approx((1 + z * z / 2 - z * z / 2) / (1 + z * z), abs=1e-12) and high == pytest.approx(1.0)
    z90, n, p = 1.6448536269514722, 60, 50 / 60
    centre = (p + z90 * z90 / (2 * n)) / (1 + z90 * z90 / n)
    half = z90 * math.sqrt(p * (1 - p) / n + z90 * z90 / (4 * n * n)) / (1 + z90 * z90 / n)
    assert wilson_interval(50, 60, level=0.90) == (
        pytest.approx(centre - half, abs=1e-12),
        pytest.approx(centre + half, abs=1e-12),
    )


def test_adjusted_rand_index_of_degenerate_partitions():
    assert adjusted_rand_index([1, 1, 1], ["x", "x", "x"]) == 1.0  # one group each: identical
    assert adjusted_rand_index([1, 2, 3], ["x", "y", "z"]) == 1.0  # all apart each: identical
    assert adjusted_rand_index([7], ["x"]) == 1.0  # one item: no pair to disagree on
    # a = (0, 0, 1, 1), b = (0, 1, 0, 1): no pair together in both; expected 2 * 2 / 6 = 2/3, max 2: (0 - 2/3) / (2 - 2/3)
    assert adjusted_rand_index([0, 0, 1, 1], [0, 1, 0, 1]) == pytest.approx(-0.5, abs=1e-12)
    with pytest.raises(ValueError, match="^de twee indelingen hebben een andere lengte$"):
        adjusted_rand_index([1, 2], [1])


def test_short_descriptions_use_the_last_level_of_a_code_whole():
    from competentiecheck.documents.profiles import ProfileRule

    rule = ProfileRule("x", ("Groep > Vorm > Ondersteuning ontvangen", "Groep > Samen werken"), at_least=1)
    assert rule.describe(short=True) == "minstens 1 van: ondersteuning ontvangen; samen werken"
