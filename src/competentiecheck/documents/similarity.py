"""Near-identical documents: word-shingle Jaccard similarity (for template plans within a perceel).

A plan written from one template for every company shares almost all its word sequences with the
others. The similarity of two texts is the Jaccard index of their sets of ``k``-word shingles
(lower-cased, punctuation removed); pairs at or above a threshold (a parameter) are near-identical.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from scipy import sparse

__all__ = ["shingles", "jaccard", "near_identical_pairs"]


def shingles(text: str, k: int = 5) -> frozenset[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    if len(words) < k:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(tuple(words[i : i + k]) for i in range(len(words) - k + 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def near_identical_pairs(texts: dict[str, str], threshold: float, k: int = 5) -> pd.DataFrame:
    """Every pair of documents with shingle similarity ≥ ``threshold``: ``document_a, document_b, similarity``.

    All pairs at once: with X the documents × shingles 0/1 matrix, the intersections are X·Xᵀ and the
    unions |a| + |b| − |a ∩ b| (the same Jaccard index as :func:`jaccard`, tested against it).
    """
    names = sorted(texts)
    sets = [shingles(texts[name], k) for name in names]
    columns = ["document_a", "document_b", "similarity"]
    if len(names) < 2:
        return pd.DataFrame(columns=columns)
    vocabulary: dict = {}
    rows, cols = [], []
    for i, items in enumerate(sets):
        for item in items:
            rows.append(i)
            cols.append(vocabulary.setdefault(item, len(vocabulary)))
    matrix = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(names), max(len(vocabulary), 1)))
    inter = (matrix @ matrix.T).toarray()
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    union = sizes[:, None] + sizes[None, :] - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        similarity = np.where(union > 0, inter / union, 1.0)
    a, b = np.triu_indices(len(names), 1)
    keep = similarity[a, b] >= threshold
    return pd.DataFrame(
        {
            "document_a": [names[i] for i in a[keep]],
            "document_b": [names[j] for j in b[keep]],
            "similarity": similarity[a, b][keep],
        },
        columns=columns,
    ).reset_index(drop=True)
