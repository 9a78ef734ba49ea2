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
