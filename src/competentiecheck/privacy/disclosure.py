"""The one mechanism that keeps small groups out of every output that reports people.

Rules (thresholds from ``params['disclosure']``):

* **Primary suppression.** A count of people (or of forms) between 1 and ``min_group_size - 1`` is
  shown as ``< 5``; nothing that summarises fewer people is shown. Zero is shown: it is not
  disclosive. No correlation or model over fewer than ``min_model_n`` respondents.
* **Rounding to a base.** Every other published count is rounded to the nearest multiple of
  ``rounding_base`` (default 5; halves up), and percentages are computed from the rounded counts, so
  they carry no more than the counts do. Rounding is what keeps the per-perceel reports and the
  totaal report from being subtracted from each other: ``95 - 20 - 31 - 25 - 17`` recovers a
  hidden perceel exactly, ``95 - 20 - 30 - 25 - 15`` does not (Hundepool et al., *Statistical
  Disclosure Control*, 2012, §5.4; rounding to base 5 as in the UK and New Zealand census outputs).
* **Complementary suppression, checked by an audit.** Deterministic rounding alone can, for
  unlucky remainders, still pin a hidden cell (a total rounded down by 2 and every other cell
  rounded up by 2). So every build's counts are also registered in a :class:`Publication` with the
  additive relations a reader knows (categories add up to a total, the totaal run is the sum of
  the percelen, a flow stage is the next stage plus what dropped out). The interval audit
  (:mod:`competentiecheck.privacy.audit`) computes what a reader can infer about each hidden
  cell; where a small hidden cell is pinned, the next-smallest visible cell of one of its relations
  is suppressed as well (shown as ``×``), preferring perceel cells over the totaal, and the audit
  runs again until nothing is pinned.

Counts inside models and reliability tables (n of a correlation pair, of a regression) are rounded
by the same rule; they are not part of the audit (README, privacy section).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np

from competentiecheck.privacy.audit import UNBOUNDED, pinned_cells

__all__ = [
    "Disclosure",
    "Publication",
    "Exact",
    "DisclosureError",
    "COMPLEMENTARY_LABEL",
    "group_and_rest_allowed",
    "protected_groups",
    "exact_model_output",
]

COMPLEMENTARY_LABEL = "×"
TOTAAL = "totaal"


@dataclass(frozen=True)
class Exact:
    """A count published exactly (a model's n in the totaal run, given by its residual df)."""

    n: int

    def __str__(self) -> str:
        return str(self.n)


def group_and_rest_allowed(size: int, total: int, minimum: int) -> bool:
    """May a group of ``size`` out of ``total`` units be shown on its own?

    Only when the group has at least ``minimum`` units and the rest is empty or also has at least
    ``minimum``: otherwise the total minus the group gives the small rest (used for groups of
    organisations and plans in the qualitative steps).
    """
    rest = total - size
    return size >= minimum and (rest == 0 or rest >= minimum)


def protected_groups(respondents_per_perceel: dict[int, int], minimum: int) -> tuple[set[int], bool]:
    """Which percelen may show an aggregate (a mean of scores, a count of interviews), and may the programme?

    Tie counts are public (network figures, measures table), so a mean is a sum, and the programme's
    sum is the sum over its percelen: the programme mean × its ties minus the shown means × their ties
    gives the sum of the hidden percelen. So the hidden percelen must be none, or hold together at least
    ``minimum`` respondents (people: fund × respondent code):

    * primary: a perceel with fewer than ``minimum`` respondents is hidden;
    * complementary: while some percelen are hidden but together have fewer than ``minimum``
      respondents, the shown perceel with the fewest respondents is hidden too (equal: the lowest number);
    * the programme is shown when it has at least ``minimum`` respondents: the hidden percelen are then
      none or at least ``minimum`` together, or every perceel is hidden and the programme is their sum.

    A perceel without respondents has no score: it is not shown and does not count as hidden.
    Minimum 5: ``{1: 1, 2: 6, 3: 6}`` gives ``({3}, True)`` (1 hidden, then 2 as well: 7 together);
    ``{1: 3, 2: 3, 3: 10}`` gives ``({3}, True)``; ``{1: 2, 2: 2}`` gives ``(set(), False)``.
    """
    scored = {perceel: n for perceel, n in respondents_per_perceel.items() if n > 0}
    shown = {perceel for perceel, n in scored.items() if n >= minimum}

    def hidden_respondents() -> int:
        return sum(n for perceel, n in scored.items() if perceel not in shown)

    while shown and 0 < hidden_respondents() < minimum:
        shown.remove(min(shown, key=lambda perceel: (scored[perceel], perceel is not None, str(perceel).zfill(8))))
    return shown, sum(scored.values()) >= minimum


def exact_model_output(run: str) -> bool:
    """May this run publish a model's exact n (residual df, ANOVA table), as SPSS prints it?

    Only the totaal run. Model output is safe on its own when its residual df is large enough (ACRO's
    rule for regressions), but exact model n's of the percelen could be subtracted from the totaal's to
    recover a hidden perceel. The totaal's exact model n's are registered in the disclosure audit
    (:mod:`competentiecheck.survey.publication`) with the cases dropped listwise left unpublished.
    """
    return run == "totaal"


class DisclosureError(RuntimeError):
    """The mechanism cannot protect a cell (should not happen: it can always hide more)."""


@dataclass
class Publication:
    """Every count one build publishes across all runs, with the relations a reader knows.

    ``values`` holds the true counts (never published as such); ``published`` says which cells are
    shown somewhere; the others exist and take part in relations (a perceel below the threshold,
    submissions without a perceel, respondents who left a question open). ``insensitive``: unpublished
    cells that may be small when a reader works them out, because they describe no group of people but
    answers left open (the cases a model loses listwise: a run's exact n minus its model's exact n).
    """

    values: dict[Hashable, int] = field(default_factory=dict)
    published: set[Hashable] = field(default_factory=set)
    relations: list[tuple[Hashable, tuple[Hashable, ...]]] = field(default_factory=list)
    fixed: dict[Hashable, object] = field(default_factory=dict)
    insensitive: set[Hashable] = field(default_factory=set)

    def add(self, key: Hashable, value: int, published: bool = True, shown=None, sensitive: bool = True) -> None:
        """Register a cell. ``shown``: its published form when another step fixes it (a model's exact n
        in the totaal run is ``exact(n)``); such a cell is audited but never hidden further. ``sensitive``
        False: an unpublished count of answers left open, which the audit does not protect."""
        value = int(value)
        if key in self.values and self.values[key] != value:
            raise ValueError(f"cel {key!r} twee keer geregistreerd met een andere waarde")
        if not sensitive and published:
            raise ValueError(f"cel {key!r}: alleen een niet gepubliceerde cel kan niet-gevoelig zijn")
        self.values[key] = value
        if published:
            self.published.add(key)
        if not sensitive:
            self.insensitive.add(key)
        if shown is not None:
            self.fixed[key] = shown

    def relate(self, total: Hashable, members: Sequence[Hashable]) -> None:
        """The reader knows ``total == sum(members)``; checked against the true values."""
        missing = [k for k in (total, *members) if k not in self.values]
        if missing:
            raise ValueError(f"relatie met onbekende cellen: {missing!r}")
        if self.values[total] != sum(self.values[m] for m in members):
            raise ValueError(f"relatie klopt niet: {total!r} != som van {list(members)!r}")
        self.relations.append((total, tuple(members)))


@dataclass(frozen=True)
class Disclosure:
    min_group_size: int
    min_model_n: int
    rounding_base: int = 5

    @classmethod
    def from_params(cls, params: dict) -> Disclosure:
        d = params["disclosure"]
        return cls(int(d["min_group_size"]), int(d["min_model_n"]), int(d["rounding_base"]))

    def can_report(self, n: int) -> bool:
        """May an aggregate over ``n`` respondents be shown?"""
        return n >= self.min_group_size

    def can_model(self, n: int) -> bool:
        """May a correlation or model over ``n`` respondents be shown?"""
        return n >= self.min_model_n

    @property
    def small_label(self) -> str:
        return f"< {self.min_group_size}"

    # ------------------------------------------------------------------ one count

    def rounded(self, n: int) -> int:
        """``n`` rounded to the nearest multiple of ``rounding_base`` (halves up)."""
        b = self.rounding_base
        return int(b * np.floor(n / b + 0.5))

    def count(self, n):
        """The published form of a count: 0, the small label, or the rounded count."""
        n = int(n)
        if n == 0:
            return 0
        if n < self.min_group_size:
            return self.small_label
        return self.rounded(n)

    def interval(self, shown) -> tuple[int, int]:
        """What a reader can infer about the true count from what is shown for it alone."""
        if shown == self.small_label:
            return 1, self.min_group_size - 1
        if shown == COMPLEMENTARY_LABEL:
            return 1, UNBOUNDED
        if isinstance(shown, Exact):
            return shown.n, shown.n
        r = int(shown)
        if r == 0:
            return 0, 0
        b = self.rounding_base
        return max(self.min_group_size, r - b // 2), r + (b + 1) // 2 - 1

    def percent(self, shown, total_shown):
        """Percentage of a published count in a published total, or '–' when either is hidden."""
        if isinstance(shown, str) or isinstance(total_shown, str) or not total_shown:
            return "–"
        return 100.0 * shown / total_shown

    def group_message(self, n: int, what: str = "dit deel") -> str:
        return (
            f"Te weinig respondenten (minder dan {self.min_group_size}) om {what} te tonen: "
            f"de respondenten kregen de belofte dat niemand herkenbaar wordt."
        )

    @property
    def rule_note(self) -> str:
        """One sentence for table notes."""
        return (
            f"Aantallen afgerond op een veelvoud van {self.rounding_base}; aantallen van 1 tot "
            f"{self.min_group_size - 1} staan als '{self.small_label}', '{COMPLEMENTARY_LABEL}' is een "
            f"aantal dat verborgen is zodat een klein aantal niet uit totalen af te leiden is. "
            f"Percentages zijn berekend op de afgeronde aantallen."
        )

    @property
    def figure_note(self) -> str:
        return (
            f"'{self.small_label}': 1 tot {self.min_group_size - 1}; '{COMPLEMENTARY_LABEL}': verborgen aantal; "
            f"aantallen afgerond op {self.rounding_base}"
        )

    # ------------------------------------------------------------------ a whole build

    def bounds(self, shown: dict, publication: Publication) -> dict:
        return {k: self.interval(shown[k]) if k in shown else (0, UNBOUNDED) for k in publication.values}

    def pinned(self, shown: dict, publication: Publication) -> list:
        """Small hidden cells (true value 1 … min_group_size - 1) a reader can recover exactly."""
        sensitive = [
            k
            for k, v in publication.values.items()
            if 0 < v < self.min_group_size
            and (k not in shown or isinstance(shown[k], str))
            and k not in publication.insensitive
        ]
        if not sensitive:
            return []
        return list(pinned_cells(self.bounds(shown, publication), publication.relations, sensitive, publication.values))

    def protect(self, publication: Publication, max_rounds: int = 500) -> dict:
        """Published form of every published cell: rounded, small, or complementarily suppressed.

        For each pinned cell, the candidate cells (:meth:`_complements`) are hidden one by one, cheapest
        first, until the cell is free; then every hidden candidate that turns out not to be needed is
        shown again (last first), so no more is hidden than this greedy search requires.
        """
        shown = {
            k: publication.fixed.get(k, self.count(publication.values[k]))
            for k in sorted(publication.published, key=repr)
        }
        for _ in range(max_rounds):
            pinned = self.pinned(shown, publication)
            if not pinned:
                return shown
            target = pinned[0]
            options = self._complements(target, shown, publication)
            if not options:  # everything near is hidden already: follow the hidden cells as far as they go
                options = self._complements(target, shown, publication, depth=len(publication.values))
            if not options:
                raise DisclosureError(f"geen cel om aanvullend te verbergen voor {target!r}")
            trial, chosen = dict(shown), []
            for option in options:
                trial[option] = COMPLEMENTARY_LABEL
                chosen.append(option)
                if not self._is_pinned(target, trial, publication):
                    break
            else:
                shown = trial  # not enough within reach yet: the next round looks further
                continue
            for option in reversed(chosen[:-1]):
                without = {**trial, option: shown[option]}
                if not self._is_pinned(target, without, publication):
                    trial = without
            shown = trial
        raise DisclosureError("aanvullende onderdrukking convergeert niet")  # pragma: no cover

    def _is_pinned(self, cell, shown: dict, publication: Publication) -> bool:
        return bool(pinned_cells(self.bounds(shown, publication), publication.relations, [cell], publication.values))

    def _complements(self, cell, shown: dict, publication: Publication, depth: int = 4) -> list:
        """Cells that could be hidden further to protect ``cell``, nearest and cheapest first.

        Nearest: in a relation of ``cell``, then in a relation of a hidden cell of those, and so on.
        A cell shown as '< k' can be relabelled '×' (the reader then no longer knows it is small);
        a visible non-zero count can be hidden; a cell whose published form is fixed (:meth:`Publication.add`
        with ``shown``, e.g. a model's exact n or a count a source publishes) never is. Cheapest: relabelling before hiding, a perceel before
        the totaal, a category before a total, the smallest count first.
        """
        totals = {t for t, _ in publication.relations}
        options, reached, frontier = {}, {cell}, {cell}
        for layer in range(depth):
            touched = set()
            for total, members in publication.relations:
                cells = (total, *members)
                if not frontier.intersection(cells):
                    continue
                for key in cells:
                    value = shown.get(key)
                    if value is None or isinstance(value, str):
                        touched.add(key)  # hidden: its own relations are the next layer
                    if (
                        key in options
                        or value is None
                        or value == 0
                        or value == COMPLEMENTARY_LABEL
                        or key in publication.fixed
                    ):  # published elsewhere as it is: hiding it protects nothing
                        continue
                    in_totaal = isinstance(key, tuple) and len(key) > 0 and key[0] == TOTAAL
                    options[key] = (
                        layer,
                        not isinstance(value, str),
                        in_totaal,
                        key in totals,
                        publication.values[key],
                        repr(key),
                    )
            frontier = touched - reached
            reached |= touched
            if not frontier:
                break
        return sorted(options, key=options.get)
