"""Issue 19: the programme-wide protection of the sample is computed once and read by every run."""

from __future__ import annotations

import json

import pandas as pd

from competentiecheck.core.params import load_params
from competentiecheck.core.paths import NOTEBOOKS, PROCESSED, RUNS
from competentiecheck.privacy.disclosure import Disclosure
from competentiecheck.survey.codebook import load_codebook
from competentiecheck.survey.publication import load_protected_sample, main, protected_sample
from competentiecheck.survey.waves import baseline


def test_the_stored_protection_is_the_protection(full_report, tmp_path):
    params = load_params("totaal")
    # the sample is that of the first wave (issue 23)
    data = baseline(pd.read_parquet(PROCESSED / "vragenlijst.parquet"), params)
    first = data["meting"].iat[0]
    direct = protected_sample(
        data,
        baseline(pd.read_csv(PROCESSED / "exclusiestroom.csv"), params, drop=True, label=first),
        baseline(pd.read_csv(PROCESSED / "exclusies.csv"), params, drop=True, label=first),
        load_codebook(),
        Disclosure.from_params(params),
        params,
    )
    assert main([str(tmp_path / "beschermd.pkl")]) == 0
    stored = load_protected_sample(tmp_path / "beschermd.pkl")
    assert set(stored) == set(RUNS)
    for run in RUNS:
        assert stored[run].counts == direct[run].counts
        pd.testing.assert_frame_equal(stored[run].flow, direct[run].flow)
        for name, table in direct[run].tables.items():
            pd.testing.assert_frame_equal(stored[run].tables[name], table)


def test_the_run_notebook_reads_it_instead_of_computing_it_again():
    nb = json.loads((NOTEBOOKS / "02_survey.ipynb").read_text(encoding="utf-8"))
    code = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "load_protected_sample(" in code and "protected_sample(" not in code.replace("load_protected_sample(", "")
