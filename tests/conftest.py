"""Shared fixtures: the codebook, default parameters and the cleaned demo data (computed once)."""

from __future__ import annotations

import subprocess

import pytest

from competentiecheck.core.params import load_params
from competentiecheck.core.paths import DEMO_SURVEY, REPORT_OUTPUT, ROOT
from competentiecheck.survey.cleaning import clean_survey
from competentiecheck.survey.codebook import load_codebook


@pytest.fixture(scope="session")
def codebook():
    return load_codebook()


@pytest.fixture(scope="session")
def params():
    return load_params("totaal")


@pytest.fixture(scope="session")
def cleaned(codebook, params):
    """The demo exports in data/demo/survey, cleaned with the default parameters."""
    # the first wave (voormeting): every single-wave analysis and the reproduction use it (issue 23)
    return clean_survey(DEMO_SURVEY, codebook, params).wave()


@pytest.fixture(scope="session")
def full_report():
    """`make -j2 report` on the demo data: every run's report, the landing page and the build tables."""
    done = subprocess.run(["make", "-j2", "report"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return REPORT_OUTPUT
