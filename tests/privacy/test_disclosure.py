"""The disclosure mechanism: rounding, small counts, the audit and complementary suppression.

Reference values come from brute-force enumeration of every integer table a reader could think of
(``_brute_force``), not from the integer programme under test.
"""

import itertools
import random

import pytest

from competentiecheck.privacy.audit import UNBOUNDED, interval_audit, pinned_cells
from competentiecheck.privacy.disclosure import (
    COMPLEMENTARY_LABEL,
    Disclosure,
    DisclosureError,
    Exact,
    Publication,
    exact_model_output,
    group_and_rest_allowed,
    protected_groups,
)

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


# --------------------------------------------------------------------------- issue 25: gaps a mutation test found


def _one_relation_brute_force(bounds, total, members, cap):
    """Min and max of every cell of ``total == sum(members)``: every member combination is enumerated
    (members capped at ``cap``), the total follows from it."""
    low_t, high_t = bounds[total][0], min(bounds[total][1], cap)
    low, high = {}, {}
    for combo in itertools.product(*(range(bounds[m][0], min(bounds[m][1], high_t) + 1) for m in members)):
        if low_t <= sum(combo) <= high_t:
            for key, value in zip((total, *members), (sum(combo), *combo)):
                low[key], high[key] = min(low.get(key, value), value), max(high.get(key, value), value)
    return {k: (low[k], high[k]) for k in low}


def _random_table(rng):
    """A total and 2-4 categories, with counts near the rounding boundaries (where rounding can pin)."""
    cells = [rng.choice([0, 1, 1, 2, 3, 4, 7, 8, 12, 13, 17, 18]) for _ in range(rng.randint(2, 4))]
    pub = Publication()
    members = [f"c{j}" for j in range(len(cells))]
    for member, value in zip(members, cells):
        pub.add(member, value)
    pub.add("t", sum(cells))
    pub.relate("t", members)
    return pub, members


def _exposed(shown, pub, members):
    """Small cells shown as '< 5' or '×' whose value a reader recovers exactly (by enumeration)."""
    bounds = {k: D.interval(v) for k, v in shown.items()}
    found = _one_relation_brute_force(bounds, "t", members, cap=sum(pub.values[m] for m in members) + 10)
    return [k for k, (lo, hi) in found.items() if lo == hi and 0 < pub.values[k] < 5]


def test_pinned_cells_with_one_target_agrees_with_brute_force():
    """How the protection asks (one cell at a time, ``_is_pinned``): the single-cell shortcut must have pushed
    the cell both up and down."""
    rng = random.Random(25)
    checked = pinned_seen = 0
    for _ in range(100):
        pub, members = _random_table(rng)
        bounds = {k: D.interval(D.count(v)) for k, v in pub.values.items()}
        expected = _one_relation_brute_force(bounds, "t", members, cap=80)
        for cell in ["t", *members]:
            lo, hi = expected[cell]
            truth = {cell: pub.values[cell]} if lo == hi else {}
            assert pinned_cells(bounds, pub.relations, [cell]) == truth, (pub.values, cell)
            assert pinned_cells(bounds, pub.relations, [cell], pub.values) == truth, (pub.values, cell)
            checked, pinned_seen = checked + 1, pinned_seen + bool(truth)
    assert checked > 300 and 0 < pinned_seen < checked  # both answers occur


def test_protect_is_safe_and_hides_nothing_it_does_not_need():
    """Every small cell stays ambiguous, and every '×' is needed: showing it again as it would have been shown
    lets a reader recover a small cell (checked by enumeration, not by the integer programme)."""
    rng = random.Random(20250601)
    relaxed = 0
    for _ in range(300):
        pub, members = _random_table(rng)
        shown = D.protect(pub)
        assert _exposed(shown, pub, members) == [], (pub.values, shown)
        for key, form in shown.items():
            if form == COMPLEMENTARY_LABEL:
                relaxed += 1
                again = {**shown, key: D.count(pub.values[key])}
                assert _exposed(again, pub, members), f"{key} is hidden without need in {pub.values}: {shown}"
    assert relaxed >= 3


def test_relabelling_a_small_cell_is_preferred_to_hiding_a_visible_one():
    # exact counts (base 1): 18 = a + b + 10 gives a + b = 8 with both below 5, so a = b = 4. Shown as '×'
    # instead of '< 5', a only has a >= 1, and 8 - b is 4 to 7: relabelling a alone frees both; hiding the 10
    # would work too but costs a visible count.
    exact = Disclosure(5, 10, rounding_base=1)
    pub = Publication()
    for key, value in {"a": 4, "b": 4, "c": 10, "t": 18}.items():
        pub.add(key, value)
    pub.relate("t", ["a", "b", "c"])
    assert exact.protect(pub) == {"a": COMPLEMENTARY_LABEL, "b": "< 5", "c": 10, "t": 18}


def test_only_the_total_is_hidden_when_small_categories_fill_it():
    # four percelen with 1 each, one with 0, totaal 4: every '< 5' is at least 1 and they add up to at most 4,
    # so all are pinned at 1. Relabelling any perceel keeps the others at 1 and the total at 4 (still pinned);
    # only the total as '×' frees them all, and then no perceel needs to be relabelled (worked out by hand).
    pub = Publication()
    for key, value in {"p1": 1, "p2": 1, "p3": 1, "p4": 1, "p5": 0, "totaal": 4}.items():
        pub.add(key, value)
    pub.relate("totaal", ["p1", "p2", "p3", "p4", "p5"])
    pub.add("los", 7)  # a count in an unrelated table, listed first: it is never a candidate
    pub.add("ander", 7)
    pub.relations.insert(0, ("los", ("ander",)))
    shown = D.protect(pub)
    assert shown == {
        "ander": 5,
        "los": 5,
        "p1": "< 5",
        "p2": "< 5",
        "p3": "< 5",
        "p4": "< 5",
        "p5": 0,
        "totaal": COMPLEMENTARY_LABEL,
    }


def test_a_perceel_is_hidden_before_the_totaal_and_a_category_before_a_total():
    # 43 + 48 + 1 = 92: the totaal rounds down (90), the percelen up (45, 50), so 90 - 45 - 50 pins the 1.
    # Relabelling the 1 does not help (it stays at most 92 - 43 - 48 = 1); the cheapest visible cell of its
    # relation is perceel 1 (a perceel before the totaal, the smallest count first): hidden, the 1 is free again.
    pub = Publication()
    cells = {("perceel-1", "x"): 43, ("perceel-2", "x"): 48, ("perceel-3", "x"): 1}
    for key, value in cells.items():
        pub.add(key, value)
    pub.add(("totaal", "x"), 92)
    pub.relate(("totaal", "x"), list(cells))
    shown = D.protect(pub)
    assert shown == {
        ("perceel-1", "x"): COMPLEMENTARY_LABEL,
        ("perceel-2", "x"): 50,
        ("perceel-3", "x"): "< 5",
        ("totaal", "x"): 90,
    }


def test_the_search_for_a_cell_to_hide_follows_hidden_cells_into_their_own_relations():
    # exact counts: 20 = a + h with 20 published exactly elsewhere (fixed), h unpublished but h = x + y with
    # x = 10 and y = 8 shown: a reader gets h = 18 and a = 2. Neither 20 (fixed) nor h (not shown) can be
    # hidden and relabelling a leaves it at 2; the nearest cells that help sit one relation further: y, the
    # smaller of x and y. With y hidden, a = 20 - 10 - y is 1 to 9, so a keeps its '< 5'.
    exact = Disclosure(5, 10, rounding_base=1)
    pub = Publication()
    pub.add("t", 20, shown=Exact(20))
    pub.add("a", 2)
    pub.add("h", 18, published=False)
    pub.add("x", 10)
    pub.add("y", 8)
    pub.relate("t", ["a", "h"])
    pub.relate("h", ["x", "y"])
    assert exact.protect(pub) == {"a": "< 5", "t": Exact(20), "x": 10, "y": COMPLEMENTARY_LABEL}


def test_the_pinned_cells_of_a_build_are_only_its_small_hidden_ones():
    pub = Publication()
    for key, value in {"a": 2, "b": 9, "c": 0, "t": 11}.items():
        pub.add(key, value)
    pub.relate("t", ["a", "b", "c"])
    shown = {"a": "< 5", "b": 10, "c": 0, "t": 10}  # a: 8-12 minus 8-12 is 0-4, at least 1: not pinned
    assert D.bounds(shown, pub) == {"a": (1, 4), "b": (8, 12), "c": (0, 0), "t": (8, 12)}
    assert D.pinned(shown, pub) == []  # the zero is known exactly but is no small count
    shown["t"] = Exact(11)
    shown["b"] = Exact(9)
    assert D.pinned(shown, pub) == ["a"]
    del shown["b"]  # a cell nobody sees: anything from 0 up
    assert D.bounds(shown, pub)["b"] == (0, UNBOUNDED) and D.pinned(shown, pub) == []


def test_interval_audit_by_default_audits_every_cell_a_reader_does_not_see_exactly():
    bounds = {"t": (10, 10), "a": (1, 4), "b": (5, 7), "z": (0, 0)}
    relations = [("t", ("a", "b", "z"))]
    # by hand: a = 10 - b with b 5-7 and a 1-4 -> a 3-4, b 6-7; t and z are known exactly and not audited
    assert interval_audit(bounds, relations) == {"a": (3, 4), "b": (6, 7)}
    with pytest.raises(ValueError, match="tegenstrijdig"):
        interval_audit({"t": (10, 10), "a": (1, 4)}, [("t", ("a",))])


def test_pinned_cells_across_relations_and_the_value_they_are_pinned_at():
    # exact counts: t = a + b and u = b + c with t = 7, u = 9 and c = 6 shown: b = 3, a = 4; d alone
    bounds = {"t": (7, 7), "u": (9, 9), "c": (6, 6), "a": (1, 4), "b": (1, 4), "d": (1, 4), "e": (0, UNBOUNDED)}
    relations = [("t", ("a", "b")), ("u", ("b", "c")), ("e", ("d",))]
    reference = {"t": 7, "u": 9, "c": 6, "a": 4, "b": 3, "d": 2, "e": 2}
    for ref in (reference, None):
        assert pinned_cells(bounds, relations, ["d", "b", "a", "c"], ref) == {"a": 4, "b": 3, "c": 6}
        assert list(pinned_cells(bounds, relations, ["d", "b", "a", "c"], ref)) == ["a", "b", "c"]  # by name
    assert pinned_cells(bounds, relations, ["c"]) == {"c": 6}  # shown exactly: pinned at its own value
    assert pinned_cells({"a": (3, 9)}, [], ["a"]) == {}  # no relation at all


def test_protected_groups_as_documented():
    assert protected_groups({1: 1, 2: 6, 3: 6}, 5) == ({3}, True)  # 1 hidden, then 2 (equal: lowest number)
    assert protected_groups({1: 3, 2: 3, 3: 10}, 5) == ({3}, True)  # 1 and 2 hidden hold 6 together
    assert protected_groups({1: 2, 2: 2}, 5) == (set(), False)
    assert protected_groups({1: 0, 2: 6, 3: 7}, 5) == ({2, 3}, True)  # no respondents: nothing to hide
    assert protected_groups({1: 7, 2: 6, 3: 6, 4: 2}, 5) == ({1, 3}, True)  # 4 then 2: 8 together
    assert protected_groups({1: 5, 2: 4}, 5) == (set(), True)  # 4 alone would follow from the programme
    assert protected_groups({None: 6, 1: 6, 2: 1}, 5) == ({1}, True)  # a group without a number goes first
    assert protected_groups({1: 5, 2: 5}, 5) == ({1, 2}, True)


def test_a_group_may_be_shown_only_when_the_rest_is_empty_or_large_enough():
    assert group_and_rest_allowed(5, 10, 5) and group_and_rest_allowed(5, 5, 5)
    assert not group_and_rest_allowed(5, 9, 5)  # the rest of 4 follows from the total
    assert not group_and_rest_allowed(4, 20, 5)
    assert group_and_rest_allowed(6, 11, 5) and not group_and_rest_allowed(6, 10, 5)


def test_parameters_notes_and_small_pieces():
    d = Disclosure.from_params({"disclosure": {"min_group_size": "6", "min_model_n": 12, "rounding_base": 10}})
    assert (d.min_group_size, d.min_model_n, d.rounding_base) == (6, 12, 10) and d.small_label == "< 6"
    assert exact_model_output("totaal") and not exact_model_output("perceel-2")
    assert str(Exact(17)) == "17" and D.interval(Exact(17)) == (17, 17)
    assert D.percent(5, 0) == "–" and D.percent(0, 20) == 0.0 and D.percent(5, "< 5") == "–"
    assert D.rule_note == (
        "Aantallen afgerond op een veelvoud van 5; aantallen van 1 tot 4 staan als '< 5', '×' is een aantal dat "
        "verborgen is zodat een klein aantal niet uit totalen af te leiden is. Percentages zijn berekend op de "
        "afgeronde aantallen."
    )
    assert d.figure_note == "'< 6': 1 tot 5; '×': verborgen aantal; aantallen afgerond op 10"
    assert D.group_message(3, "de tabel") == (
        "Te weinig respondenten (minder dan 5) om de tabel te tonen: de respondenten kregen de belofte dat "
        "niemand herkenbaar wordt."
    )
    assert D.rounded(12) == 10 and D.rounded(13) == 15 and D.count(2) == "< 5"


def test_a_cell_registered_twice_must_keep_its_value():
    pub = Publication()
    pub.add("a", 3)
    pub.add("a", 3.0)  # the same count again: fine
    pub.add("b", 4, published=False)
    pub.add("m", 9, shown=Exact(9))
    assert pub.values == {"a": 3, "b": 4, "m": 9} and pub.published == {"a", "m"} and pub.fixed == {"m": Exact(9)}
    with pytest.raises(ValueError, match="twee keer geregistreerd met een andere waarde"):
        pub.add("a", 4)


def test_a_cell_pinned_through_a_long_chain_of_hidden_cells_is_protected():
    # exact counts: t = a + h1, h1 = h2 + f2, h2 = h3 + f3, h3 = h4 + f4, h4 = x + y, with t and the f's
    # published elsewhere (fixed) and the h's not published: x and y give h4 = 12, so h3, h2, h1 and a = 2.
    # The only cells that can be hidden sit five relations away: the first round looks four relations far and
    # can only relabel a (not enough: a = 2 still); the next looks as far as the hidden cells go and hides the
    # smaller of x and y, x (then a is 1 to 9). This used to stop with DisclosureError.
    exact = Disclosure(5, 10, rounding_base=1)
    pub = Publication()
    pub.add("t", 32, shown=Exact(32))
    pub.add("a", 2)
    for name, value in {"h1": 30, "h2": 25, "h3": 19, "h4": 12}.items():
        pub.add(name, value, published=False)
    for name, value in {"f2": 5, "f3": 6, "f4": 7}.items():
        pub.add(name, value, shown=Exact(value))
    pub.add("x", 5)
    pub.add("y", 7)
    for total, members in [("t", ["a", "h1"]), ("h1", ["h2", "f2"]), ("h2", ["h3", "f3"]), ("h3", ["h4", "f4"])]:
        pub.relate(total, members)
    pub.relate("h4", ["x", "y"])
    shown = exact.protect(pub)
    assert shown == {
        "a": COMPLEMENTARY_LABEL,
        "f2": Exact(5),
        "f3": Exact(6),
        "f4": Exact(7),
        "t": Exact(32),
        "x": COMPLEMENTARY_LABEL,
        "y": 7,
    }


def test_protected_groups_at_their_boundaries():
    assert protected_groups({1: 2, 2: 3, 3: 10}, 5) == ({3}, True)  # the hidden hold exactly 5 together: enough
    assert protected_groups({1: 3, 2: 2}, 5) == (set(), True)  # a programme of exactly 5 may be shown
    assert protected_groups({16: 6, 8: 6, 1: 1}, 5) == ({16}, True)  # equal sizes: the lowest number, also past 9


def test_only_small_hidden_counts_are_sensitive():
    exact = Disclosure(5, 10, rounding_base=1)
    pub = Publication()
    for key, value in {
        "t": 20,
        "a": 8,
        "h": 12,
        "u": 13,
        "b": 8,
        "five": 5,
        "v": 3,
        "z": 0,
        "s": 3,
        "small": 2,
    }.items():
        pub.add(key, value, published=key not in ("h", "five", "z", "small"))
    pub.relate("t", ["a", "h"])  # h = 12 follows, but is no small count
    pub.relate("u", ["b", "five"])  # five = 5 follows: not below the threshold
    pub.relate("v", ["s", "z"])  # z = 0 follows: a zero discloses nobody
    shown = {"t": Exact(20), "a": Exact(8), "u": Exact(13), "b": Exact(8), "v": Exact(3), "s": Exact(3)}
    assert exact.pinned(shown, pub) == []
    pub.add("w", 2)
    pub.relate("w", ["small"])  # an unpublished 2 equal to a count shown as '< 5': 1 to 4, not pinned
    assert exact.pinned({**shown, "w": "< 5"}, pub) == []
    assert exact.pinned({**shown, "w": Exact(2)}, pub) == ["small"]


def test_keys_of_different_kinds_and_a_cell_that_cannot_be_protected():
    pub = Publication()
    pub.add("a", 12)
    pub.add(("b", 1), 3)
    pub.add(("t",), 15)
    pub.relate(("t",), ["a", ("b", 1)])
    assert D.protect(pub) == {"a": 10, ("b", 1): "< 5", ("t",): 15}  # 15 - 8..12: 3 to 7, not pinned
    stuck = Publication()
    stuck.add("t", 2, shown=Exact(2))  # published exactly elsewhere
    stuck.add("a", 2)
    stuck.relate("t", ["a"])
    with pytest.raises(DisclosureError, match=r"^geen cel om aanvullend te verbergen voor 'a'$"):
        D.protect(stuck)


def test_protection_that_needs_more_rounds_than_allowed_stops():
    exact = Disclosure(5, 10, rounding_base=1)
    pub = Publication()
    pub.add("t", 32, shown=Exact(32))
    pub.add("a", 2)
    for name, value in {"h1": 30, "h2": 25, "h3": 19, "h4": 12}.items():
        pub.add(name, value, published=False)
    for name, value in {"f2": 5, "f3": 6, "f4": 7}.items():
        pub.add(name, value, shown=Exact(value))
    pub.add("x", 5)
    pub.add("y", 7)
    for total, members in [("t", ["a", "h1"]), ("h1", ["h2", "f2"]), ("h2", ["h3", "f3"]), ("h3", ["h4", "f4"])]:
        pub.relate(total, members)
    pub.relate("h4", ["x", "y"])
    with pytest.raises(DisclosureError, match="^aanvullende onderdrukking convergeert niet$"):
        exact.protect(pub, max_rounds=1)


def test_the_group_message_names_what_is_not_shown():
    assert D.group_message(2) == (
        "Te weinig respondenten (minder dan 5) om dit deel te tonen: de respondenten kregen de belofte dat niemand "
        "herkenbaar wordt."
    )


def test_the_audit_counts_in_whole_numbers():
    # t = a + b and a = b (a relation of one member): t = 2b. With t = 3 a fractional b (1.5) would do, a
    # whole one does not: no solution. With t = 4, b = 2 exactly.
    relations = [("t", ("a", "b")), ("a", ("b",))]
    with pytest.raises(
        ValueError, match="^de gepubliceerde aantallen zijn onderling tegenstrijdig: geen enkele oplossing$"
    ):
        interval_audit({"t": (3, 3), "a": (0, 9), "b": (0, 9)}, relations, ["b"])
    assert interval_audit({"t": (4, 4), "a": (0, 9), "b": (0, 9)}, relations, ["b"]) == {"b": (2, 2)}
    # t between 3 and 5: b is 2 (t = 4) whatever the fractions in between
    assert interval_audit({"t": (3, 5), "a": (0, 9), "b": (0, 9)}, relations, ["b"]) == {"b": (2, 2)}
    assert pinned_cells({"t": (3, 5), "a": (0, 9), "b": (0, 9)}, relations, ["b", "a"]) == {"a": 2, "b": 2}
