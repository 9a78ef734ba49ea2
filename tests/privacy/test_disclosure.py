"""The disclosure mechanism: rounding, small counts, the audit and complementary suppression.

Reference values come from brute-force enumeration of every integer table a reader could think of
(``_brute_force``), not from the integer programme under test.
"""

import itertools
import random

import pytest

from competentiecheck.privacy.audit import interval_audit, pinned_cells
from competentiecheck.privacy.disclosure import COMPLEMENTARY_LABEL, Disclosure, Publication

D = Disclosure(min_group_size=5, min_model_n=10, rounding_base=5)


def _brute_force(bounds, relations, cap=40):
    """Min and max of every cell over all integer solutions (bounds capped at ``cap``)."""
    keys = list(bounds)
    ranges = [range(lo, min(hi, cap) + 1) for lo, hi in (bounds[k] for k in keys)]
    low, high = {}, {}
    for combo in itertools.product(*ranges):
        value = dict(zip(keys, combo))
        if all(value[t] == sum(value[m] for m in ms) for t, ms in relations):
            for k in keys:
                low[k] = min(low.get(k, combo[keys.index(k)]), value[k])
                high[k] = max(high.get(k, value[k]), value[k])
    return {k: (low[k], high[k]) for k in keys}


def test_counts_are_rounded_to_base_five_small_ones_hidden_zero_shown():
    shown = [D.count(n) for n in (0, 1, 4, 5, 7, 8, 12, 13, 95, 97, 98)]
    assert shown == [0, "< 5", "< 5", 5, 5, 10, 10, 15, 95, 95, 100]
    assert D.can_report(5) and not D.can_report(4)
    assert D.can_model(10) and not D.can_model(9)


def test_what_a_reader_infers_from_one_shown_count():
    assert D.interval(0) == (0, 0)
    assert D.interval("< 5") == (1, 4)
    assert D.interval(5) == (5, 7)  # 3 and 4 would be '< 5'
    assert D.interval(10) == (8, 12)
    assert D.interval(COMPLEMENTARY_LABEL)[0] == 1
    # every count lies in the interval its own published form gives
    for n in range(1, 200):
        lo, hi = D.interval(D.count(n))
        assert lo <= n <= hi
    assert Disclosure(5, 10, rounding_base=10).interval(20) == (15, 24)
    assert Disclosure(5, 10, rounding_base=1).interval(17) == (17, 17)


def test_percentages_come_from_the_published_counts():
    assert D.percent(45, 95) == pytest.approx(100 * 45 / 95)
    assert D.percent("< 5", 95) == "–" and D.percent(COMPLEMENTARY_LABEL, 95) == "–"


def test_audit_agrees_with_brute_force_on_random_tables():
    rng = random.Random(20240601)
    for _ in range(40):
        cells = [rng.randint(0, 12) for _ in range(3)]
        total = sum(cells)
        shown = {("c", i): D.count(v) for i, v in enumerate(cells)}
        shown[("t",)] = D.count(total)
        bounds = {k: D.interval(v) for k, v in shown.items()}
        relations = [(("t",), tuple(("c", i) for i in range(3)))]
        expected = _brute_force(bounds, relations)
        assert interval_audit(bounds, relations, list(bounds)) == expected
        pinned = pinned_cells(bounds, relations, list(bounds))
        assert set(pinned) == {k for k, (lo, hi) in expected.items() if lo == hi}


def test_rounding_alone_can_pin_a_small_cell_and_protection_prevents_it():
    # 43 men, 48 women, 1 unanswered: total 92 rounds down by 2, both cells round up by 2,
    # so 90 - 45 - 50 leaves room for exactly one unanswered form
    pub = Publication()
    for key, value in {"men": 43, "women": 48, "open": 1}.items():
        pub.add(key, value)
    pub.add("total", 92)
    pub.relate("total", ["men", "women", "open"])
    naive = {k: D.count(v) for k, v in pub.values.items()}
    assert naive == {"men": 45, "women": 50, "open": "< 5", "total": 90}
    bounds = {k: D.interval(v) for k, v in naive.items()}
    assert _brute_force(bounds, pub.relations, cap=100)["open"] == (1, 1)
    shown = D.protect(pub)
    assert shown["open"] in ("< 5", COMPLEMENTARY_LABEL)
    assert list(shown.values()).count(COMPLEMENTARY_LABEL) >= 1
    bounds = {k: D.interval(v) for k, v in shown.items()}
    low, high = _brute_force(bounds, pub.relations, cap=100)["open"]
    assert low < high


def test_a_hidden_perceel_cannot_be_recovered_by_subtracting_the_others_from_the_total():
    percelen = {"p1": 20, "p2": 31, "p3": 2, "p4": 25, "p5": 17}
    relations = [("totaal", tuple(percelen))]
    exact = Disclosure(5, 10, rounding_base=1)  # the old rule: only small counts hidden
    shown = {k: exact.count(v) for k, v in percelen.items()} | {"totaal": 95}
    bounds = {k: exact.interval(v) for k, v in shown.items()}
    assert pinned_cells(bounds, relations, ["p3"]) == {"p3": 2}  # 95 - 20 - 31 - 25 - 17
    pub = Publication()
    for key, value in percelen.items():
        pub.add(key, value)
    pub.add("totaal", 95)
    pub.relate("totaal", list(percelen))
    shown = D.protect(pub)
    assert shown == {"p1": 20, "p2": 30, "p3": "< 5", "p4": 25, "p5": 15, "totaal": 95}
    assert interval_audit({k: D.interval(v) for k, v in shown.items()}, relations, ["p3"])["p3"] == (1, 4)


def test_small_counts_that_fill_a_small_total_are_protected():
    # four percelen with one refusal each and a totaal of four: each '< 5' is at least 1, so
    # together they pin every one of them at exactly 1 unless the total's upper bound is hidden
    pub = Publication()
    for p in ("p1", "p2", "p3", "p4"):
        pub.add(p, 1)
    pub.add("totaal", 4)
    pub.relate("totaal", ["p1", "p2", "p3", "p4"])
    naive = {k: D.count(v) for k, v in pub.values.items()}
    assert set(pinned_cells({k: D.interval(v) for k, v in naive.items()}, pub.relations, list(naive))) == set(naive)
    shown = D.protect(pub)
    bounds = {k: D.interval(v) for k, v in shown.items()}
    for key, (lo, hi) in _brute_force(bounds, pub.relations, cap=12).items():
        assert lo < hi, (key, shown)


def test_a_relation_must_hold_for_the_true_values():
    pub = Publication()
    pub.add("a", 3)
    pub.add("t", 4)
    with pytest.raises(ValueError, match="klopt niet"):
        pub.relate("t", ["a"])
    with pytest.raises(ValueError, match="onbekende cellen"):
        pub.relate("t", ["b"])
