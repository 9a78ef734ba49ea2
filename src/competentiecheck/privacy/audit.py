"""Interval audit: what can a reader work out about a hidden count from everything published?

A reader knows, for every published count, the interval its true value lies in (a rounded count
``r`` to base 5 lies in ``[r - 2, r + 2]``; a count shown as ``< 5`` in ``[1, 4]``; a zero is a
zero), and the additive relations between counts (the categories of a table add up to its total;
the totaal run is the sum of the percelen; a stage of the exclusion flow is the next stage plus
what dropped out). For every hidden cell this module computes the smallest and the largest value
that is consistent with all of that, by integer linear programming (``scipy.optimize.milp``,
HiGHS). A hidden cell whose smallest and largest value coincide can be recovered exactly, by
subtraction or by any combination of tables: that is what the disclosure mechanism prevents and
what the output checker looks for.

This is the audit step of cell suppression as in tau-ARGUS (Hundepool et al., *Statistical
Disclosure Control*, Wiley 2012, §4.3 and §5.5), applied with integer variables so the bounds are
exact rather than the LP relaxation's.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

import numpy as np

__all__ = ["interval_audit", "pinned_cells", "UNBOUNDED"]

UNBOUNDED = 10**7  # upper bound for a count nobody published (far above any survey's size)


class _Model:
    """The reader's knowledge as an integer programme: bounds per cell, equalities per relation."""

    def __init__(self, bounds: dict, relations):
        # imported here: scipy.optimize costs half a second to import, and most processes that import the
        # disclosure rules (the renderer, the synthesis, the feedback reports) never solve a programme
        from scipy.optimize import Bounds, LinearConstraint
        from scipy.sparse import csr_array

        self.keys = list(bounds)
        self.index = {k: i for i, k in enumerate(self.keys)}
        rows = []
        for total, members in relations:
            row = np.zeros(len(self.keys))
            row[self.index[total]] += 1.0
            for member in members:
                row[self.index[member]] -= 1.0
            rows.append(row)
        # one sparse matrix, built once (milp would convert a dense one at every solve)
        self.constraints = [LinearConstraint(csr_array(np.array(rows)), 0.0, 0.0)] if rows else []
        self.bounds = Bounds(
            np.array([bounds[k][0] for k in self.keys], dtype=float),
            np.array([bounds[k][1] for k in self.keys], dtype=float),
        )
        self.integrality = np.ones(len(self.keys))

    def solve(self, weights: dict) -> np.ndarray:
        """An integer solution minimising ``sum(weight * cell)``."""
        from scipy.optimize import milp

        objective = np.zeros(len(self.keys))
        for key, weight in weights.items():
            objective[self.index[key]] = weight
        solution = milp(objective, constraints=self.constraints, integrality=self.integrality, bounds=self.bounds)
        if solution.status != 0:
            raise ValueError("de gepubliceerde aantallen zijn onderling tegenstrijdig: geen enkele oplossing")
        return np.round(solution.x).astype(np.int64)


def interval_audit(
    bounds: dict[Hashable, tuple[int, int]],
    relations: Iterable[tuple[Hashable, Sequence[Hashable]]],
    targets: Iterable[Hashable] | None = None,
) -> dict[Hashable, tuple[int, int]]:
    """Smallest and largest feasible value of each target cell.

    Parameters
    ----------
    bounds : dict
        Cell key -> (lowest, highest) value the reader can infer from what is shown for that cell
        alone. Cells nobody published get ``(0, UNBOUNDED)``.
    relations : iterable of (total, members)
        ``total == sum(members)`` holds for the true values and is known to the reader.
    targets : iterable, optional
        Cells to audit (default: every cell whose bounds are not a single value).

    Returns
    -------
    dict
        Target key -> (min, max) over all integer solutions. Raises ``ValueError`` when the
        published values are inconsistent (no solution).
    """
    model = _Model(bounds, list(relations))
    if targets is None:
        targets = [k for k in model.keys if bounds[k][0] != bounds[k][1]]
    result = {}
    for target in targets:
        low = model.solve({target: 1.0})[model.index[target]]
        high = model.solve({target: -1.0})[model.index[target]]
        result[target] = (int(low), int(high))
    return result


def pinned_cells(
    bounds: dict[Hashable, tuple[int, int]],
    relations: Iterable[tuple[Hashable, Sequence[Hashable]]],
    targets: Iterable[Hashable],
    reference: dict[Hashable, int] | None = None,
) -> dict[Hashable, int]:
    """The targets whose value every solution agrees on (the ones a reader recovers exactly), with
    that value.

    Same answer as checking ``min == max`` in :func:`interval_audit`, with far fewer solves: two
    solutions that differ in a cell prove that cell is not pinned, so every solution found
    clears all the cells in which it differs from a reference solution (the true values when the
    caller knows them, else a first solution).
    """
    model = _Model(bounds, list(relations))
    targets = [t for t in targets]
    if reference is None:
        ref = model.solve({})
    else:
        ref = np.array([reference[k] for k in model.keys], dtype=np.int64)
    open_ = {t for t in targets if bounds[t][0] != bounds[t][1]}
    fixed = [t for t in targets if bounds[t][0] == bounds[t][1]]

    def clear(solution: np.ndarray) -> None:
        for key in [k for k in open_ if solution[model.index[k]] != ref[model.index[k]]]:
            open_.discard(key)

    for sign in (1.0, -1.0):  # push all open cells up at once, then down
        if open_:
            clear(model.solve({k: -sign for k in open_}))
    pinned = {t: int(bounds[t][0]) for t in fixed}
    if len(targets) == 1:  # the joint push was the single cell's own minimum and maximum
        pinned.update({t: int(ref[model.index[t]]) for t in open_})
        return pinned
    for target in sorted(open_, key=repr):
        if target not in open_:
            continue
        for sign in (1.0, -1.0):
            clear(model.solve({target: -sign}))
            if target not in open_:
                break
        else:
            pinned[target] = int(ref[model.index[target]])
            open_.discard(target)
    return dict(sorted(pinned.items(), key=lambda item: repr(item[0])))
