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
