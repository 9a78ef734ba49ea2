"""Inter-coder agreement on code presence per document.

Convention (stated in the report): the unit is a document × code pair; a coder's value is 1 when
they applied the code (or one of its subcodes, when codes are rolled up by the caller) at least once
in the document, else 0. Only documents that at least two coders coded count, and a coder counts for
a document only when they coded something in it. This is the presence/absence agreement that MAXQDA's
"code occurrence in the document" and NVivo's coding comparison at document level report.

* per code: percentage agreement and Cohen's kappa over the doubly coded documents, of each document's
  primary coding (its coder ranked first: most documents coded) against its second coding;
  kappa is undefined when both coders are constant and agree on every document (expected agreement
  1): NaN with the reason, never a number;
* over all codes: Krippendorff's alpha for nominal data over every document × code unit, any number
  of coders, missing values allowed (Krippendorff, *Computing Krippendorff's alpha-reliability*,
  2011: coincidence matrix, alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k).

Which codes are units (``units``): the schemes of this project are fixed before coding (deductive,
Bijlage 5 and 8), so for every codable code of the scheme each coder decides, per document, whether it
applies; a code that neither coder applied is an agreement on its absence (Krippendorff, *Content
Analysis*, 2019, ch. 12: the units are the decisions the coders make; O'Connor & Joffe, 2020, on a
codebook fixed in advance). The default ``"scheme"`` therefore takes every codable code: the end codes
of the scheme (codes without subcodes; a heading with subcodes is not a decision) plus any other scheme
code a coder applied in a doubly coded document. ``"used"`` takes only the codes applied in a doubly
coded document (the convention for a codebook that grows while coding, where an unused code was never
on the coders' list); the report gives it as a sensitivity value, since never-applied codes raise alpha
without carrying any information on disagreement.
"""

from __future__ import annotations

from itertools import permutations

import numpy as np
import pandas as pd

__all__ = [
    "presence_table",
    "cohen_kappa",
    "code_agreement",
    "krippendorff_alpha_nominal",
    "agreement_codes",
    "double_coding_agreement",
    "first_two_coders",
]

AGREEMENT_COLUMNS = ["code", "documents", "agreement", "kappa", "note"]


def presence_table(codings: pd.DataFrame, codes: list[str], code_column: str = "code") -> pd.DataFrame:
    """0/1 per (document, code) and coder, for documents coded by at least two coders.

    ``codings`` has columns ``source``, ``coder`` and ``code_column``. Returns a frame indexed by
    ``(source, code)`` with one column per coder; NaN where that coder did not code the document.
    """
    coded_by = codings.groupby("source")["coder"].apply(lambda c: sorted(set(c)))
    documents = [d for d, coders in coded_by.items() if len(coders) >= 2]
    coders = sorted(set(codings["coder"]))
    present = set(zip(codings["source"], codings[code_column], codings["coder"]))
    rows = []
    for document in sorted(documents):
        for code in codes:
            row = {"source": document, "code": code}
            for coder in coders:
                row[coder] = float((document, code, coder) in present) if coder in coded_by[document] else np.nan
            rows.append(row)
    return pd.DataFrame(rows, columns=["source", "code"] + coders).set_index(["source", "code"])


def cohen_kappa(a, b) -> tuple[float, str]:
    """Cohen's kappa of two coders' nominal values on the same units; (NaN, reason) when undefined."""
    a, b = np.asarray(a), np.asarray(b)
    if a.size == 0:
        return float("nan"), "geen gemeenschappelijk gecodeerde documenten"
    categories = sorted(set(a) | set(b))
    observed = float(np.mean(a == b))
    expected = float(sum(np.mean(a == c) * np.mean(b == c) for c in categories))
    if expected == 1.0:
        return float(
            "nan"
        ), "kappa niet gedefinieerd: beide codeurs kozen overal hetzelfde (verwachte overeenstemming 1)"
    return (observed - expected) / (1.0 - expected), ""


def code_agreement(table: pd.DataFrame, coder_a: str, coder_b: str) -> pd.DataFrame:
    """Per code: doubly coded documents, percentage agreement and Cohen's kappa (``AGREEMENT_COLUMNS``)."""
    rows = []
    for code, group in table.groupby(level="code", sort=False):
        both = group[[coder_a, coder_b]].dropna()
        kappa, note = cohen_kappa(both[coder_a], both[coder_b])
        rows.append(
            {
                "code": code,
                "documents": len(both),
                "agreement": float((both[coder_a] == both[coder_b]).mean()) if len(both) else float("nan"),
                "kappa": kappa,
                "note": note,
            }
        )
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


def krippendorff_alpha_nominal(values: pd.DataFrame) -> float:
    """Krippendorff's alpha (nominal) of a units × coders frame (NaN = not coded by that coder).

    Units with fewer than two values are not pairable and are left out. NaN when there is no
    variation at all (every pairable value the same).
    """
    matrix = values.to_numpy(dtype=float)
    coincidence: dict[tuple[float, float], float] = {}
    for unit in matrix:
        present = unit[~np.isnan(unit)]
        m = present.size
        if m < 2:
            continue
        for i, j in permutations(range(m), 2):
            key = (present[i], present[j])
            coincidence[key] = coincidence.get(key, 0.0) + 1.0 / (m - 1)
    if not coincidence:
        return float("nan")
    categories = sorted({c for c, _ in coincidence})
    n_c = {c: sum(v for (a, _), v in coincidence.items() if a == c) for c in categories}
    n = sum(n_c.values())
    disagree_observed = sum(v for (a, b), v in coincidence.items() if a != b)
    disagree_expected = sum(n_c[a] * n_c[b] for a in categories for b in categories if a != b)
    if disagree_expected == 0:
        return float("nan")
    return 1.0 - (n - 1) * disagree_observed / disagree_expected


def first_two_coders(table: pd.DataFrame, ranking: list[str]) -> pd.DataFrame:
    """Per doubly coded document its primary coding and the next one: a :func:`presence_table` reduced to
    the columns ``eerste`` (the document's coder ranked first in ``ranking``) and ``tweede`` (the next of
    its coders), so that per-code kappa compares the coding that counts with its check, whoever did which."""
    rank = {coder: i for i, coder in enumerate(ranking)}
    rows = []
    for (source, code), values in table.iterrows():
        coders = sorted(
            (c for c in table.columns if not np.isnan(values[c])), key=lambda c: (rank.get(c, len(rank)), c)
        )
        rows.append({"source": source, "code": code, "eerste": values[coders[0]], "tweede": values[coders[1]]})
    return pd.DataFrame(rows, columns=["source", "code", "eerste", "tweede"]).set_index(["source", "code"])


def agreement_codes(scheme_paths: list[str], used: set[str], units: str = "scheme") -> list[str]:
    """The codes that are units of agreement, in scheme order (see the module docstring on ``units``).

    ``scheme_paths``: every code of the scheme as path text (``A > B``); ``used``: the path texts a coder
    applied in a doubly coded document.
    """
    from competentiecheck.qualitative.codebook import SEPARATOR

    if units == "used":
        return [c for c in scheme_paths if c in used]
    if units != "scheme":
        raise ValueError(f"units is 'scheme' of 'used', niet {units!r}")
    headings = {c for c in scheme_paths if any(other.startswith(c + SEPARATOR) for other in scheme_paths)}
    return [c for c in scheme_paths if c not in headings or c in used]


def double_coding_agreement(
    codings: pd.DataFrame, scheme_paths: list[str], ranking: list[str] | str, units: str = "scheme"
) -> tuple[pd.DataFrame, float, int]:
    """Agreement of the primary coding with the second coding on the doubly coded documents.

    ``codings``: ``case, coder, path`` (a tuple), every coder's codings. ``ranking``: the coders in the order
    that decides a document's primary coding (:meth:`~.coded_data.CodedData.coder_ranking`; a single name
    puts that coder first, the others alphabetically). Per code: percentage agreement and Cohen's kappa of
    each doubly coded document's first-ranked coder against its next one (a document with three coders
    counts with its first two); Krippendorff's alpha uses every coder. Codes are those of ``scheme_paths``
    (path text, in scheme order) chosen by :func:`agreement_codes` with ``units``: by default every codable
    code of the fixed scheme, also one that no coder applied (agreement on absence). Returns the per-code
    table, alpha over those codes (NaN with one coder) and the number of doubly coded documents.
    """
    from competentiecheck.qualitative.codebook import path_text

    coders = sorted(codings["coder"].unique())
    if isinstance(ranking, str):
        ranking = [ranking] + [c for c in coders if c != ranking]
    doubly = codings.groupby("case")["coder"].nunique()
    used = set(codings[codings["case"].isin(doubly[doubly > 1].index)]["path"].map(path_text))
    codes = agreement_codes(scheme_paths, used, units)
    table = presence_table(codings.assign(source=codings["case"], code=codings["path"].map(path_text)), codes)
    if len(coders) < 2:
        return pd.DataFrame(columns=AGREEMENT_COLUMNS), float("nan"), 0
    n_double = int(table.index.get_level_values("source").nunique()) if len(table) else 0
    pairs = (
        first_two_coders(table, ranking)
        if len(table)
        else pd.DataFrame(columns=["source", "code", "eerste", "tweede"]).set_index(["source", "code"])
    )
    return code_agreement(pairs, "eerste", "tweede"), krippendorff_alpha_nominal(table), n_double
