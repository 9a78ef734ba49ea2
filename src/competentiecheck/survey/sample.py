"""Description of the analysed sample (§6.1 of the report): exact counts, percentages, means.

These are the true values; what is published goes through :mod:`competentiecheck.survey.publication`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from competentiecheck.survey.codebook import Codebook

__all__ = ["frequency_table", "numeric_summary", "function_groups", "CATEGORY_VARIABLES", "NUMERIC_VARIABLES"]

CATEGORY_VARIABLES = ["functie", "statuut", "org_grootte", "geslacht", "diploma", "contract"]
NUMERIC_VARIABLES = {
    "leeftijd": "Leeftijd (jaren)",
    "jaren_bedrijf": "Jaren in het bedrijf",
    "uren_week": "Uren per week",
    "aantal_functies": "Aantal functies (incl. huidige)",
}
MISSING_LABEL = "Niet ingevuld"


def frequency_table(data: pd.DataFrame, variable: str, codebook: Codebook) -> pd.DataFrame:
    """Counts per category with the percentage of all respondents (missing shown as its own row).

    Returns columns ``variabele, code, categorie, n, procent``; every category of the codebook is
    listed, also when empty, so tables of different runs line up. Codes the codebook marks as
    missing (e.g. 'ik verkies hierover geen informatie te verschaffen') keep their own row.
    """
    var = codebook.variables[variable]
    if variable not in data.columns:
        raise ValueError(f"kolom {variable!r} ontbreekt in de data")
    total = len(data)
    rows = []
    for code, label in var.dutch_labels().items():
        n = int((data[variable] == code).sum())
        rows.append({"variabele": variable, "code": code, "categorie": label, "n": n})
    n_missing = int(data[variable].isna().sum())
    rows.append({"variabele": variable, "code": np.nan, "categorie": MISSING_LABEL, "n": n_missing})
    table = pd.DataFrame(rows)
    table["procent"] = 100 * table["n"] / total if total else np.nan
    return table


def function_groups(data: pd.DataFrame) -> pd.DataFrame:
    """Leidinggevend (teamleider, manager, directeur) versus medewerker, as §6.1 reports them."""
    total = len(data)
    groups = [
        ("Leidinggevend", int((data["leidinggevend"] == 1).sum())),
        ("Medewerker", int((data["leidinggevend"] == 0).sum())),
        (MISSING_LABEL, int(data["leidinggevend"].isna().sum())),
    ]
    table = pd.DataFrame(groups, columns=["categorie", "n"])
    table["procent"] = 100 * table["n"] / total if total else np.nan
    return table


def numeric_summary(data: pd.DataFrame, columns: dict[str, str] = NUMERIC_VARIABLES) -> pd.DataFrame:
    """n, mean and SD (ddof = 1, as SPSS) of numeric background variables."""
    rows = []
    for column, label in columns.items():
        values = data[column].dropna().astype(float)
        rows.append(
            {
                "variabele": column,
                "omschrijving": label,
                "n": int(values.size),
                "gemiddelde": values.mean() if values.size else np.nan,
                "sd": values.std(ddof=1) if values.size > 1 else np.nan,
            }
        )
    return pd.DataFrame(rows)
