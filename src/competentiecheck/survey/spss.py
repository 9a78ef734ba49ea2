"""The cleaned survey data as an SPSS file, with the codebook's Dutch variable and value labels."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from competentiecheck.core.outputs import fix_sav_timestamp
from competentiecheck.survey.codebook import Codebook

__all__ = ["write_sav"]


def write_sav(frame: pd.DataFrame, path: Path, codebook: Codebook, extra_labels: dict[str, str] | None = None) -> None:
    """SPSS file with Dutch variable labels and value labels from the codebook."""
    import pyreadstat

    extra_labels = extra_labels or {}
    labels, value_labels = [], {}
    for column in frame.columns:
        base = column[:-2] if column.endswith("_r") else column
        var = codebook.variables.get(base)
        if column in codebook.scales:
            labels.append(f"Schaalscore: {codebook.scales[column].label}")
        elif var is not None:
            text = var.texts.get("nl", column)
            labels.append((text + " (omgekeerd gecodeerd)") if column.endswith("_r") else text)
            if var.labels.get("nl") and not column.endswith("_r"):
                value_labels[column] = {float(c): lab for c, lab in zip(var.codes, var.labels["nl"])}
        else:
            labels.append(extra_labels.get(column, column))
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == bool:
            out[column] = out[column].astype(float)
        elif not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].astype(object).where(out[column].notna(), "").astype(str)
    pyreadstat.write_sav(
        out,
        str(path),
        column_labels=labels,
        variable_value_labels=value_labels,
        file_label="Competentiechecks: opgeschoonde vragenlijstdata",
    )
    fix_sav_timestamp(path)
