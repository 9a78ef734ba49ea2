"""Report fragments shared by the qualitative steps (interviews, partnerships): inter-coder agreement and the
printed coding scheme."""

from __future__ import annotations

import numpy as np
import pandas as pd

from competentiecheck.core.tables import fmt_number, markdown_table
from competentiecheck.qualitative.codebook import CodingScheme

__all__ = ["agreement_table", "agreement_meaning", "agreement_sentence", "agreement_appendix", "coding_scheme_fragment"]

# Krippendorff (Content Analysis, 2019, §12.4): rely on variables with alpha >= .800, draw tentative
# conclusions only from .667 up
RELIABLE, TENTATIVE = 0.800, 0.667


def agreement_meaning(alpha: float) -> str:
    """What an alpha means for the reader, by Krippendorff's two thresholds."""
    if np.isnan(alpha):
        return "niet te berekenen"
    if alpha >= RELIABLE:
        return "goed: de codes zijn betrouwbaar genoeg om op te bouwen"
    if alpha >= TENTATIVE:
        return "matig: genoeg voor voorzichtige conclusies, niet voor harde"
    return "te laag om op de codering alleen te steunen: de tellingen zijn een indicatie"


def agreement_sentence(alpha: float, n_double: int, n_codes: int, documents: str, document: str, appendix: str) -> str:
    """One sentence for the main text: how far two coders agreed, and what that means."""
    if np.isnan(alpha):
        return (
            f"De overeenstemming tussen codeurs is niet te berekenen: er zijn geen {documents} die twee codeurs "
            f"codeerden ({appendix}).\n"
        )
    return (
        f"Een tweede codeur codeerde {n_double} {documents} opnieuw, los van de eerste; de overeenstemming over "
        f"welke codes in een {document} voorkomen is "
        f"{agreement_meaning(alpha)} (Krippendorffs alfa {fmt_number(alpha, 2)} over de {n_codes} codes van het "
        f"schema; {appendix} geeft de berekening en de waarde per code).\n"
    )


def agreement_appendix(
    agreement: pd.DataFrame,
    alpha: float,
    alpha_used: float,
    n_double: int,
    n_unapplied: int,
    code_label,
    units: str,
    document: str,
    label: str,
    source: str,
) -> str:
    """The agreement as the appendix gives it: what is computed, the sensitivity value, the table per code."""
    unit = units.lower()
    shown = agreement[agreement["documents"] > 0]
    undefined = int(shown["kappa"].isna().sum())
    text = (
        f"Op de {n_double} dubbel gecodeerde {unit} is de eenheid een combinatie van {document} "
        f"en code: heeft de codeur die code er minstens één keer gebruikt (ja of nee)? Het codeerschema lag vast "
        f"voor het coderen begon, dus elke codeur besliste voor elke code die een segment kan krijgen (een kop met "
        f"subcodes niet) of ze van toepassing is; ook een code die geen van beiden gebruikte, is een beslissing "
        f"waarover ze het eens waren (Krippendorff, 2019; O'Connor & Joffe, 2020). Daarom telt Krippendorffs alfa "
        f"(nominaal) alle {len(shown)} codes van het schema: {fmt_number(alpha, 2) if not np.isnan(alpha) else 'niet te berekenen'}."
    )
    if n_unapplied and not np.isnan(alpha_used):
        text += (
            f" {n_unapplied} van die codes gebruikte geen codeur in de dubbel gecodeerde {unit}; zulke codes "
            f"verhogen alfa zonder iets over onenigheid te zeggen. Over alleen de {len(shown) - n_unapplied} "
            f"gebruikte codes is alfa {fmt_number(alpha_used, 2)}."
        )
    else:
        text += f" Elke code werd in minstens één dubbel gecodeerd {document} gebruikt."
    text += (
        f" Per code geeft @{label} het percentage overeenstemming en Cohens kappa van de eerste codering "
        f"tegen de tweede; "
        + (
            f"voor {undefined} {'code' if undefined == 1 else 'codes'} is kappa niet gedefinieerd, omdat beide "
            f"codeurs de code in alle of in geen van de {unit} gebruikten.\n"
            if undefined
            else "kappa is voor elke code gedefinieerd.\n"
        )
    )
    return text + "\n" + agreement_table(shown, code_label, units, label, source)


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
