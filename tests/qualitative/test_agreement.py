"""Inter-coder agreement against values worked out by hand and the textbook example."""

import numpy as np
import pandas as pd
import pytest

from competentiecheck.qualitative.agreement import (
    code_agreement,
    cohen_kappa,
    krippendorff_alpha_nominal,
    presence_table,
)

# Krippendorff (2011), 'Computing Krippendorff's alpha-reliability', binary data, two observers:
# alpha = 0.095. By hand: o_00 = 10, o_01 = o_10 = 4, o_11 = 2, n_0 = 14, n_1 = 6, n = 20,
# alpha = 1 - 19 * 8 / (2 * 14 * 6) = 0.095238…
A = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
B = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]


def test_krippendorff_alpha_of_the_textbook_example():
    alpha = krippendorff_alpha_nominal(pd.DataFrame({"a": A, "b": B}, dtype=float))
    assert alpha == pytest.approx(1 - 19 * 8 / 168, abs=1e-12)
    assert round(alpha, 3) == 0.095


def test_krippendorff_alpha_leaves_out_units_with_one_value():
    frame = pd.DataFrame({"a": A + [1.0], "b": B + [np.nan]}, dtype=float)
    assert krippendorff_alpha_nominal(frame) == pytest.approx(1 - 19 * 8 / 168, abs=1e-12)
    assert np.isnan(krippendorff_alpha_nominal(pd.DataFrame({"a": [1.0, 1.0], "b": [1.0, 1.0]})))


def test_cohen_kappa_by_hand_and_undefined():
    # p_o = 6/10; p_e = 0.2 * 0.4 + 0.8 * 0.6 = 0.56; kappa = 0.04 / 0.44
    kappa, note = cohen_kappa(A, B)
    assert kappa == pytest.approx(0.04 / 0.44, abs=1e-12) and note == ""
    kappa, note = cohen_kappa([1, 1, 1], [1, 1, 1])
    assert np.isnan(kappa) and "niet gedefinieerd" in note


def test_presence_per_document_and_code_agreement():
    codings = pd.DataFrame(
        {
            "source": ["i1", "i1", "i1", "i2", "i2", "i3"],
            "coder": ["a", "b", "b", "a", "b", "a"],
            "code": ["tijd", "tijd", "opvolging", "opvolging", "tijd", "tijd"],
        }
    )
    table = presence_table(codings, ["tijd", "opvolging"])
    assert list(table.index.get_level_values("source").unique()) == ["i1", "i2"]  # i3 has one coder
    assert table.loc[("i1", "opvolging")].tolist() == [0.0, 1.0]
    per_code = code_agreement(table, "a", "b").set_index("code")
    assert per_code.loc["tijd", "agreement"] == 0.5 and per_code.loc["tijd", "documents"] == 2
    # 'tijd': a = (1, 0), b = (1, 1): p_o = 0.5, p_e = 0.5 * 1 + 0.5 * 0 = 0.5 -> kappa 0
    assert per_code.loc["tijd", "kappa"] == pytest.approx(0.0)


# --------------------------------------------------------------------------- issue 25: gaps a mutation test found


def test_percentage_agreement_and_kappa_where_they_differ_from_one_half():
    # code X on four documents: a = 1, 1, 0, 0 and b = 1, 0, 0, 0 -> agreement 3/4;
    # p_e = .5 * .25 + .5 * .75 = .5, kappa = (.75 - .5) / (1 - .5) = .5
    codings = pd.DataFrame(
        {
            "source": ["d1", "d1", "d2", "d2", "d3", "d3", "d4", "d4"],
            "coder": ["a", "b", "a", "b", "a", "b", "a", "b"],
            "code": ["X", "X", "X", "Y", "Y", "Y", "Y", "Y"],
        }
    )
    per_code = code_agreement(presence_table(codings, ["X", "Y"]), "a", "b").set_index("code")
    assert per_code.loc["X", "agreement"] == 0.75 and per_code.loc["X", "kappa"] == pytest.approx(0.5)
    assert per_code.loc["X", "documents"] == 4 and per_code.loc["X", "note"] == ""
    # Y: a = 0, 0, 1, 1 and b = 0, 1, 1, 1 -> 3/4 again; p_e = .5 * .25 + .5 * .75 = .5 -> .5
    assert per_code.loc["Y", "agreement"] == 0.75 and per_code.loc["Y", "kappa"] == pytest.approx(0.5)
    assert list(per_code.index) == ["X", "Y"]


def test_codes_used_only_in_singly_coded_documents_count_as_agreed_absence():
    from competentiecheck.qualitative.agreement import double_coding_agreement

    X, Y, Z = ("Thema", "X"), ("Thema", "Y"), ("Thema", "Z")
    codings = pd.DataFrame(
        {
            "case": ["d1", "d1", "d2", "d3", "d1", "d2"],
            "coder": ["A", "A", "A", "A", "B", "B"],
            "path": [X, Y, X, Z, X, Y],
        }
    )
    scheme = ["Thema", "Thema > X", "Thema > Y", "Thema > Z"]  # 'Thema' is a heading: never a unit
    table, alpha, n_double = double_coding_agreement(codings, scheme, "A")
    # units d1 and d2 × X, Y and Z (Z only used in d3, coded once: in d1 and d2 both coders left it out):
    # (1, 1), (1, 0), (1, 0), (0, 1), (0, 0), (0, 0). Coincidences o11 = 2, o10 = o01 = 3, o00 = 4:
    # n1 = 5, n0 = 7, n = 12 -> alpha = 1 - 11 * 6 / (2 * 5 * 7) = 4 / 70
    assert alpha == pytest.approx(4 / 70, abs=1e-12) and n_double == 2
    per_code = table.set_index("code")
    assert list(per_code.index) == ["Thema > X", "Thema > Y", "Thema > Z"]
    assert per_code.loc["Thema > X", "agreement"] == 0.5 and per_code.loc["Thema > Y", "agreement"] == 0.0
    assert per_code.loc["Thema > Z", "agreement"] == 1.0 and np.isnan(per_code.loc["Thema > Z", "kappa"])
    assert per_code.loc["Thema > X", "documents"] == 2
    # only the applied codes (the sensitivity value): o00 = 0, n0 = 3, n = 8 -> 1 - 7 * 6 / (2 * 5 * 3) = -0.4
    used, alpha_used, _ = double_coding_agreement(codings, scheme, "A", units="used")
    assert alpha_used == pytest.approx(-0.4, abs=1e-12) and list(used["code"]) == ["Thema > X", "Thema > Y"]
    # one coder: nothing to compare
    alone = codings[codings["coder"] == "A"]
    empty, alpha_alone, none = double_coding_agreement(alone, ["Thema > X"], ["A"])
    assert empty.empty and list(empty.columns) == ["code", "documents", "agreement", "kappa", "note"]
    assert np.isnan(alpha_alone) and none == 0


# The case of issue 21: a fixed scheme of 15 codes, four interviews coded by two coders, 13 codes applied there.
# Per code and interview (A, B): K01-K05 (1,1) (1,1) (0,0) (0,0); K06-K10 (1,1) (1,0) (0,0) (0,0);
# K11-K12 (1,1) (1,1) (0,1) (1,0); K13 (1,1) (1,1) (1,0) (0,1); K14 only in a fifth interview that A coded
# alone; K15 never. Over the 13 applied codes: 21 units (1,1), 11 units that disagree, 20 units (0,0).
PATTERNS = {
    **{k: [(1, 1), (1, 1), (0, 0), (0, 0)] for k in range(1, 6)},
    **{k: [(1, 1), (1, 0), (0, 0), (0, 0)] for k in range(6, 11)},
    11: [(1, 1), (1, 1), (0, 1), (1, 0)],
    12: [(1, 1), (1, 1), (0, 1), (1, 0)],
    13: [(1, 1), (1, 1), (1, 0), (0, 1)],
}


def _fifteen_codes() -> tuple[pd.DataFrame, list[str]]:
    rows = []
    for k, pattern in PATTERNS.items():
        for d, (a, b) in enumerate(pattern, start=1):
            rows += [
                {"case": f"i{d}", "coder": coder, "path": ("SWOT", f"K{k:02d}")}
                for coder, v in (("A", a), ("B", b))
                if v
            ]
    rows.append({"case": "i5", "coder": "A", "path": ("SWOT", "K14")})
    return pd.DataFrame(rows), ["SWOT"] + [f"SWOT > K{k:02d}" for k in range(1, 16)]


def test_alpha_of_a_fixed_scheme_counts_every_code_and_the_applied_ones_are_the_sensitivity_value():
    from competentiecheck.qualitative.agreement import double_coding_agreement

    codings, scheme = _fifteen_codes()
    table, alpha, n_double = double_coding_agreement(codings, scheme, ["A", "B"])
    # all 15 codes × 4 interviews = 60 units, 120 values: (1,1) 21 -> o11 = 42; disagreements 11 -> o10 = o01 = 11;
    # (0,0) 20 + 2 codes × 4 = 28 -> o00 = 56. n1 = 53, n0 = 67, n = 120:
    # alpha = 1 - (n - 1) * (o10 + o01) / (2 * n1 * n0) = 1 - 119 * 22 / (2 * 53 * 67) = 1 - 1309 / 3551
    assert n_double == 4 and len(table) == 15
    assert alpha == pytest.approx(1 - 1309 / 3551, abs=1e-12)
    assert round(alpha, 2) == 0.63
    # over the 13 applied codes: 52 units, (0,0) 20 -> n0 = 51, n1 = 53, n = 104: 1 - 103 * 11 / (53 * 51)
    used, alpha_used, _ = double_coding_agreement(codings, scheme, ["A", "B"], units="used")
    assert len(used) == 13 and alpha_used == pytest.approx(1 - 1133 / 2703, abs=1e-12)
    assert round(alpha_used, 2) == 0.58
    per_code = table.set_index("code")
    # K06: (1,1) (1,0) (0,0) (0,0): 3 of 4 agree; kappa: po = 3/4, A always 1 on i1,i2 -> pA1 = 1/2, pB1 = 1/4:
    # pe = 1/2 * 1/4 + 1/2 * 3/4 = 1/2 -> kappa = (3/4 - 1/2) / (1/2) = 1/2
    assert per_code.loc["SWOT > K06", "agreement"] == 0.75 and per_code.loc["SWOT > K06", "kappa"] == pytest.approx(0.5)
    assert per_code.loc["SWOT > K15", "agreement"] == 1.0 and np.isnan(per_code.loc["SWOT > K15", "kappa"])


def test_a_heading_counts_only_when_a_coder_applied_it_and_units_is_checked():
    from competentiecheck.qualitative.agreement import agreement_codes

    scheme = ["S", "S > a", "S > b", "T", "T > c", "T > c > x"]
    assert agreement_codes(scheme, set()) == ["S > a", "S > b", "T > c > x"]
    assert agreement_codes(scheme, {"T > c"}) == ["S > a", "S > b", "T > c", "T > c > x"]
    assert agreement_codes(scheme, {"T > c"}, "used") == ["T > c"]
    with pytest.raises(ValueError):
        agreement_codes(scheme, set(), "all")


def test_the_first_ranked_coder_of_each_document_is_compared_with_the_next():
    table = pd.DataFrame(
        {"A": [1.0, np.nan], "B": [0.0, 1.0], "C": [1.0, 0.0]},
        index=pd.MultiIndex.from_tuples([("d1", "X"), ("d2", "X")], names=["source", "code"]),
    )
    from competentiecheck.qualitative.agreement import first_two_coders

    pairs = first_two_coders(table, ["C", "A"])  # C first, then A, then the others alphabetically
    assert pairs.loc[("d1", "X")].tolist() == [1.0, 1.0]  # C against A
    assert pairs.loc[("d2", "X")].tolist() == [0.0, 1.0]  # C against B (A did not code d2)
    assert list(pairs.columns) == ["eerste", "tweede"]
    unranked = first_two_coders(table, [])
    assert unranked.loc[("d1", "X")].tolist() == [1.0, 0.0]  # A against B, alphabetically


def test_no_shared_documents_and_presence_per_coder():
    kappa, note = cohen_kappa([], [])
    assert np.isnan(kappa) and note == "geen gemeenschappelijk gecodeerde documenten"
    codings = pd.DataFrame({"source": ["i1", "i1", "i2"], "coder": ["a", "c", "b"], "code": ["X", "X", "X"]})
    table = presence_table(codings, ["X", "Y"])
    assert list(table.columns) == ["a", "b", "c"] and table.index.names == ["source", "code"]
    assert table.loc[("i1", "Y")].tolist()[0] == 0.0 and np.isnan(table.loc[("i1", "X"), "b"])
    assert table.loc[("i1", "X"), "c"] == 1.0
    empty = code_agreement(table, "a", "b")  # a and b never coded the same document
    assert empty["documents"].tolist() == [0, 0] and empty["agreement"].isna().all()
    # three coders on one unit: every ordered pair counts with weight 1/(m - 1)
    alpha = krippendorff_alpha_nominal(pd.DataFrame({"a": [1.0, 0.0], "b": [1.0, 0.0], "c": [0.0, 0.0]}))
    # o11 = 1, o10 = o01 = 1, o00 = 3 (unit 1: 2 pairs (1,1), 4 mixed pairs, weight 1/2; unit 2: 6 pairs (0,0)/2)
    # n1 = 2, n0 = 4, n = 6 -> 1 - 5 * 2 / (2 * 2 * 4) = 0.375
    assert alpha == pytest.approx(0.375, abs=1e-12)


def test_alpha_over_three_categories_and_units_that_cannot_be_paired():
    # units (0, 0), (1, 2), (2, 2), a unit with one value first: o00 = 2, o12 = o21 = 1, o22 = 2;
    # n0 = 2, n1 = 1, n2 = 3, n = 6; D_o = 2, D_e = 2 (2·1 + 2·3 + 1·3) = 22 -> 1 - 5 · 2 / 22 = 12/22
    frame = pd.DataFrame({"a": [1.0, 0, 1, 2], "b": [np.nan, 0, 2, 2]})
    assert krippendorff_alpha_nominal(frame) == pytest.approx(12 / 22, abs=1e-12)
    assert np.isnan(krippendorff_alpha_nominal(pd.DataFrame({"a": [1.0, 0.0], "b": [np.nan, np.nan]})))


def test_codes_keep_the_order_of_the_scheme_and_the_ranking_decides_the_pair():
    from competentiecheck.qualitative.agreement import double_coding_agreement

    codings = pd.DataFrame({"source": ["d1", "d1"], "coder": ["a", "b"], "code": ["Z", "A"]})
    assert code_agreement(presence_table(codings, ["Z", "A"]), "a", "b")["code"].tolist() == ["Z", "A"]
    X = ("Thema", "X")
    three = pd.DataFrame({"case": ["d1", "d1", "d1"], "coder": ["A", "B", "C"], "path": [X, X, ("Thema", "Y")]})
    # ranked first: C, then the others alphabetically: C (Y only) against A (X only) disagree on both codes
    table, _, n_double = double_coding_agreement(three, ["Thema > X", "Thema > Y"], "C")
    assert table["agreement"].tolist() == [0.0, 0.0] and n_double == 1
    # A first: A against B agree on both
    assert double_coding_agreement(three, ["Thema > X", "Thema > Y"], "A")[0]["agreement"].tolist() == [1.0, 1.0]


def test_two_coders_who_never_coded_the_same_document():
    from competentiecheck.qualitative.agreement import AGREEMENT_COLUMNS, double_coding_agreement

    codings = pd.DataFrame({"case": ["d1", "d2"], "coder": ["A", "B"], "path": [("Thema", "X"), ("Thema", "X")]})
    table, alpha, n_double = double_coding_agreement(codings, ["Thema > X"], ["A", "B"])
    assert table.empty and list(table.columns) == AGREEMENT_COLUMNS and np.isnan(alpha) and n_double == 0


def test_the_meaning_of_alpha_follows_krippendorffs_thresholds():
    from competentiecheck.qualitative.fragments import agreement_meaning, agreement_sentence

    assert agreement_meaning(0.80).startswith("goed")
    assert agreement_meaning(0.7999).startswith("matig") and agreement_meaning(0.667).startswith("matig")
    assert agreement_meaning(0.666).startswith("te laag") and agreement_meaning(float("nan")) == "niet te berekenen"
    sentence = agreement_sentence(0.6314, 4, 15, "interviews", "interview", "Bijlage C")
    assert "4 interviews" in sentence and "alfa 0,63 over de 15 codes" in sentence and "te laag" in sentence
    assert "niet te berekenen" in agreement_sentence(float("nan"), 0, 15, "gesprekken", "gesprek", "Bijlage E")
