"""The statistics API named in the README keeps working at its old import paths (issue 19: the modules
moved into competentiecheck.survey; the old top-level modules re-export them)."""

import numpy as np
import pandas as pd


def _items(n=60, seed=1):
    rng = np.random.default_rng(seed)
    base = rng.normal(size=n)
    return pd.DataFrame({f"q{i}": base + rng.normal(scale=0.7, size=n) for i in range(1, 5)})


def test_old_paths_are_the_new_objects():
    from competentiecheck import correlations, psychometrics, regression
    from competentiecheck.survey import correlations as new_correlations
    from competentiecheck.survey import psychometrics as new_psychometrics
    from competentiecheck.survey import regression as new_regression

    assert psychometrics.reliability is new_psychometrics.reliability
    assert correlations.spearman_matrix is new_correlations.spearman_matrix
    assert correlations.describe is new_correlations.describe
    assert regression.hierarchical_regression is new_regression.hierarchical_regression
    for old, new in (
        (psychometrics, new_psychometrics),
        (correlations, new_correlations),
        (regression, new_regression),
    ):
        assert old.__all__ == new.__all__
        assert all(getattr(old, name) is getattr(new, name) for name in new.__all__)


def test_readme_api_runs_from_the_old_paths():
    from competentiecheck.correlations import describe, spearman_matrix
    from competentiecheck.psychometrics import Reliability, reliability
    from competentiecheck.regression import HierarchicalRegression, hierarchical_regression

    items = _items()
    columns = list(items.columns)
    assert isinstance(reliability(items, columns, scale="test"), Reliability)
    assert list(describe(items, columns)["variable"]) == columns
    assert len(spearman_matrix(items, columns)) == len(columns) * (len(columns) - 1) // 2
    frame = items.assign(y=items.sum(axis=1) + np.random.default_rng(2).normal(size=len(items)))
    assert isinstance(hierarchical_regression(frame, "y", [["q1"], ["q2", "q3"]]), HierarchicalRegression)
