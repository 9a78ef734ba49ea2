import pandas as pd

from competentiecheck.disclosure import Disclosure


def test_counts_below_threshold_are_suppressed_zero_is_not():
    d = Disclosure(min_group_size=5, min_model_n=10)
    assert [d.count(n) for n in (0, 1, 4, 5, 95)] == [0, "< 5", "< 5", 5, 95]
    assert d.can_report(5) and not d.can_report(4)
    assert d.can_model(10) and not d.can_model(9)


def test_suppress_blanks_dependent_cells():
    d = Disclosure(min_group_size=5, min_model_n=10)
    table = pd.DataFrame({"categorie": ["a", "b", "c"], "n": [3, 0, 12], "procent": [20.0, 0.0, 80.0]})
    out = d.suppress(table, "n", ["procent"])
    assert out["n"].tolist() == ["< 5", 0, 12]
    assert out["procent"].tolist() == ["–", 0.0, 80.0]


def test_small_groups_in_count_tables():
    d = Disclosure(min_group_size=5, min_model_n=10)
    flow = pd.DataFrame({"run": ["perceel-1", "perceel-3"], "ontvangen": [22, 2], "geanalyseerd": [20, 2]})
    out = d.suppress_small_groups(flow, ["ontvangen", "geanalyseerd"], "geanalyseerd")
    assert out["ontvangen"].tolist() == [22, "< 5"] and out["geanalyseerd"].tolist() == [20, "< 5"]
