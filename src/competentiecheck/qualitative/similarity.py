"""Near-identical documents: word-shingle Jaccard similarity (for template plans within a perceel).

A plan written from one template for every company shares almost all its word sequences with the
others. The similarity of two texts is the Jaccard index of their sets of ``k``-word shingles
(lower-cased, punctuation removed); pairs at or above a threshold (a parameter) are near-identical.
"""

from __future__ import annotations

import re
from itertools import combinations

import pandas as pd

__all__ = ["shingles", "jaccard", "near_identical_pairs"]


def shingles(text: str, k: int = 5) -> frozenset[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    if len(words) < k:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(tuple(words[i:i + k]) for i in range(len(words) - k + 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def near_identical_pairs(texts: dict[str, str], threshold: float, k: int = 5) -> pd.DataFrame:
    """Every pair of documents with shingle similarity ≥ ``threshold``: ``document_a, document_b, similarity``."""
    sets = {name: shingles(text, k) for name, text in sorted(texts.items())}
    rows = [{"document_a": a, "document_b": b, "similarity": jaccard(sets[a], sets[b])}
            for a, b in combinations(sets, 2)]
    frame = pd.DataFrame(rows, columns=["document_a", "document_b", "similarity"])
    return frame[frame["similarity"] >= threshold].reset_index(drop=True)
