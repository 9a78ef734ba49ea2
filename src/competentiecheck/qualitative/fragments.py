"""Report fragments shared by the qualitative steps (interviews, partnerships): inter-coder agreement and the
printed coding scheme."""

from __future__ import annotations

import numpy as np
import pandas as pd

from competentiecheck.core.tables import fmt_number, markdown_table
from competentiecheck.qualitative.codebook import CodingScheme

__all__ = ["agreement_table", "coding_scheme_fragment"]


def agreement_table(agreement: pd.DataFrame, code_label, units: str, label: str, source: str) -> str:
    """Per code: doubly coded documents, percentage agreement and Cohen's kappa ('–' where undefined)."""
    shown = pd.DataFrame(
        {
            "Code": agreement["code"].map(code_label),
            units: agreement["documents"],
            "Overeenstemming": agreement["agreement"].map(lambda v: fmt_number(100 * v, 0) + " %"),
            "Kappa": [("–" if np.isnan(k) else fmt_number(k, 2)) for k in agreement["kappa"]],
        }
    )
    return markdown_table(
        shown, "Overeenstemming tussen de codeurs per code", label, align="lrrr", widths=[50, 10, 14, 8], source=source
    )


def coding_scheme_fragment(scheme: CodingScheme, headers: list[str], caption: str, label: str, file: str) -> str:
    """A coding scheme as printed: one row per code, its name in the column of its level; then the decisions."""
    rows = [
        {header: (path[-1] if len(path) == level else "") for level, header in enumerate(headers, start=1)}
        for path in scheme.codes["path"]
    ]
    parts = [
        markdown_table(
            pd.DataFrame(rows, columns=headers),
            caption,
            label,
            align="l" * len(headers),
            source=f"Bron: {scheme.source}; {file}.",
        )
    ]
    for decision in scheme.decisions:
        parts.append(f"- *{decision['topic']}.* {decision['decision']} {decision['reason']}")
    return "\n".join(parts) + "\n"
