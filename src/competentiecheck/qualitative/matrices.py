"""Counts over coded documents: code frequencies, the case × code matrix and code co-occurrence.

Conventions: a code counts for itself and for every code above it (a segment coded
'Strengths > Begeleiding > Consultants' is also a 'Strengths > Begeleiding' segment); 'documents' is
the number of documents with at least one such segment, 'segments' the number of coded segments.
One coding per document is counted: the caller passes the primary codings
(:meth:`~.coded_data.CodedData.primary_codings`: every coded document with the codings of its coder, a
doubly coded one with those of the coder who coded most documents), so a doubly coded document does not
count twice and a document coded by another coder than the first is not dropped.
"""

from __future__ import annotations

import pandas as pd

from competentiecheck.qualitative.codebook import CodingScheme, path_text

__all__ = ["code_frequencies", "case_code_matrix", "co_occurrence"]

FREQUENCY_COLUMNS = ["category", "path", "code", "level", "documents", "segments"]


def _rolled_up(codings: pd.DataFrame) -> pd.DataFrame:
    """One row per coded segment and every code above it: ``case, path`` (path as text), ``level``."""
    rows = []
    for case, path in zip(codings["case"], codings["path"]):
        for level in range(1, len(path) + 1):
            rows.append({"case": case, "path": path_text(tuple(path[:level])), "level": level})
    return pd.DataFrame(rows, columns=["case", "path", "level"])


def code_frequencies(codings: pd.DataFrame, scheme: CodingScheme) -> pd.DataFrame:
    """Documents and segments per code of the scheme (every code listed, also when never used)."""
    rolled = _rolled_up(codings)
    documents = rolled.drop_duplicates().groupby("path").size()
    segments = rolled.groupby("path").size()
    out = scheme.codes.copy()
    out["path"] = out["path"].map(path_text)
    out["documents"] = [int(documents.get(p, 0)) for p in out["path"]]
    out["segments"] = [int(segments.get(p, 0)) for p in out["path"]]
    return out[FREQUENCY_COLUMNS].reset_index(drop=True)


def case_code_matrix(
    codings: pd.DataFrame, scheme: CodingScheme, level: int = 2, cases: list[str] | None = None
) -> pd.DataFrame:
    """Segments per case (rows) and code at ``level`` (columns, in scheme order, as path text)."""
    rolled = _rolled_up(codings)
    rolled = rolled[rolled["level"] == level]
    columns = [path_text(p) for p in scheme.codes["path"] if len(p) == level]
    counts = rolled.groupby(["case", "path"]).size()
    index = cases or sorted(codings["case"].unique())
    table = pd.DataFrame(
        [[int(counts.get((case, column), 0)) for column in columns] for case in index],
        index=pd.Index(index, name="case"),
        columns=columns,
    )
    return table


def co_occurrence(codings: pd.DataFrame, scheme: CodingScheme, level: int = 2) -> pd.DataFrame:
    """Number of documents in which two codes at ``level`` both occur (diagonal: documents with the code)."""
    presence = (case_code_matrix(codings, scheme, level) > 0).astype(int)
    return presence.T @ presence
