"""Shared fixtures: the codebook, default parameters and the cleaned demo data (computed once)."""

from __future__ import annotations

import pytest

from competentiecheck.cleaning import clean_survey
from competentiecheck.codebook import load_codebook
from competentiecheck.params import load_params
from competentiecheck.paths import DEMO_SURVEY


@pytest.fixture(scope="session")
def codebook():
    return load_codebook()


@pytest.fixture(scope="session")
def params():
    return load_params("totaal")


@pytest.fixture(scope="session")
def cleaned(codebook, params):
    """The demo exports in data/demo/survey, cleaned with the default parameters."""
    return clean_survey(DEMO_SURVEY, codebook, params)
