"""The cleaned totaal demo sample reproduces the published statistics of the report.

Published values are transcribed in data/published/ with their section. Tolerances (issue 2):
alphas and means within 0.05, Spearman correlations within 0.10; SDs within 0.05.
Spearman is computed here with pandas (pairwise complete cases), alpha with the package function
whose formula is checked against a hand computation in test_psychometrics.py.
"""

import numpy as np
import pandas as pd
import pytest

from competentiecheck.paths import PUBLISHED
from competentiecheck.psychometrics import cronbach_alpha

ALPHA_TOL, MEAN_TOL, SD_TOL, RHO_TOL = 0.05, 0.05, 0.05, 0.10


def test_alphas_of_tabel_2(cleaned, codebook):
    published = pd.read_csv(PUBLISHED / "tabel2_alpha.csv").dropna(subset=["alpha"])
    for row in published.itertuples():
        scale = codebook.scales[row.scale]
        alpha, n = cronbach_alpha(cleaned.data[list(scale.scored_columns())])
        assert abs(alpha - row.alpha) <= ALPHA_TOL, f"{row.scale}: {alpha:.3f} vs {row.alpha}"
        assert n >= 94


def test_means_and_sds_of_tabel_3(cleaned):
    published = pd.read_csv(PUBLISHED / "tabel3_descriptives.csv")
    for row in published.itertuples():
        values = cleaned.data[row.scale].dropna()
        assert abs(values.mean() - row.mean) <= MEAN_TOL, f"{row.scale} mean {values.mean():.3f} vs {row.mean}"
        assert abs(values.std(ddof=1) - row.sd) <= SD_TOL, f"{row.scale} sd {values.std(ddof=1):.3f} vs {row.sd}"


def test_spearman_correlations_of_tabel_3(cleaned, codebook):
    order = codebook.tabel3_order
    rho = cleaned.data[order].corr(method="spearman")
    published = pd.read_csv(PUBLISHED / "tabel3_spearman.csv")
    assert len(published) == 105
    worst = 0.0
    for row in published.itertuples():
        value = rho.iloc[row.row - 1, row.col - 1]
        worst = max(worst, abs(value - row.rho))
        assert abs(value - row.rho) <= RHO_TOL, f"{order[row.row - 1]} x {order[row.col - 1]}: {value:.2f} vs {row.rho}"
    assert worst > 0  # the data are not a copy of the table


def test_composition_of_section_6_1(cleaned):
    data = cleaned.data
    assert len(data) == 95
    assert (data["leidinggevend"] == 1).sum() == 39
    assert (data["leidinggevend"] == 0).sum() == 53
    assert data["leidinggevend"].isna().sum() == 3
    assert (data["geslacht"] == 2).sum() == 43 and (data["geslacht"] == 1).sum() == 48
    assert round(100 * (data["statuut"] == 1).mean()) == 36
    assert round(100 * (data["statuut"] == 2).mean()) == 56
    size = data["org_grootte"]
    assert [round(100 * (size <= k).mean()) for k in (3, 4, 5)] == [44, 75, 95]
    assert round(100 * (data["contract"] == 1).mean()) == 91
    assert data["leeftijd"].min() == 16 and data["leeftijd"].max() == 61
    assert round(data["leeftijd"].mean()) == 39 and round(data["leeftijd"].std(ddof=1)) == 11
    assert round(data["jaren_bedrijf"].mean()) == 9
    assert (data["diploma"] == 4).sum() == 37 and (data["diploma"] == 6).sum() == 28
