"""Verdicts on the reproduction of the published survey tables (totaal run): per printed cell, and per
published conclusion; and where each table, figure and appendix of the evaluation report is in this one.

Conventions
-----------
- *Equal within the published rounding*: a value printed with d decimals stands for every value that
  rounds to it, so a reproduced (unrounded) value agrees when
  ``|reproduced − published| ≤ ½ · 10^−d + 1e−9`` (the last term absorbs floating-point noise). The
  decimals are those the report prints (:data:`PRINTED_DECIMALS`): two for α, means, SDs and ρ (Tabel 2
  and 3 of the evaluation report), three for B, SE, β, t and Sig. (Tabel 4-6). A printed Sig. of .000
  therefore agrees with any p below .0005.
- *Cells*: every number the report prints in those tables and that the pipeline recomputes: α per scale,
  mean and SD per variable, the 105 correlations, and B, SE, β, t and Sig. of every row of Tabel 4-6
  (β of the constant is not printed). A t printed as '-' has no value to compare: it is listed, not
  counted.
- *Conclusions*: the report concludes from Tabel 4-6 which predictors matter. A conclusion is the set of
  predictors (the constant excluded) with p below the level: the printed Sig. against the reproduced p,
  per table and model, at p < .05 (the level the report's text uses) and at p < .01 (the note under its
  tables). For Tabel 3, a correlation is significant in the report when it carries at least one star.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from competentiecheck.survey.regression import CONSTANT

__all__ = [
    "PRINTED_DECIMALS",
    "SOURCE_MAP",
    "rounding_limit",
    "equal_within_rounding",
    "cell_verdicts",
    "significance_conclusions",
    "correlation_significance_changes",
]

PRINTED_DECIMALS = {"alpha": 2, "mean": 2, "sd": 2, "rho": 2, "b": 3, "se": 3, "beta": 3, "t": 3, "sig": 3}
FLOAT_TOLERANCE = 1e-9


def rounding_limit(decimals: int) -> float:
    """Largest difference still 'equal within the rounding' of a value printed with ``decimals``."""
    return 0.5 * 10.0**-decimals + FLOAT_TOLERANCE


def equal_within_rounding(published: float, reproduced: float, decimals: int) -> bool:
    return bool(abs(reproduced - published) <= rounding_limit(decimals))


def _cell(table: str, statistic: str, cell: str, published: float, reproduced: float) -> dict:
    decimals = PRINTED_DECIMALS[statistic]
    comparable = not (pd.isna(published) or pd.isna(reproduced))
    return {
        "table": table,
        "statistic": statistic,
        "cell": cell,
        "published": published,
        "reproduced": reproduced,
        "decimals": decimals,
        "difference": reproduced - published if comparable else np.nan,
        "limit": rounding_limit(decimals),
        "comparable": comparable,
        "equal": comparable and equal_within_rounding(published, reproduced, decimals),
    }


def cell_verdicts(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per printed cell of Tabel 2-6 with its verdict (see the module conventions)."""
    rows = [_cell("Tabel 2", "alpha", r.scale, r.published, r.reproduced) for r in tables["tabel2"].itertuples()]
    for r in tables["tabel3_beschrijvend"].itertuples():
        statistic = "mean" if r.statistic == "gemiddelde" else "sd"
        rows.append(_cell("Tabel 3", statistic, r.scale, r.published, r.reproduced))
    for r in tables["tabel3_spearman"].itertuples():
        rows.append(_cell("Tabel 3", "rho", f"{r.var_x} × {r.var_y}", r.published, r.reproduced))
    for r in tables["tabel4_6"].itertuples():
        cell = f"model {r.model}, {r.term}"
        rows.append(_cell(r.table, "b", cell, r.b_published, r.b_reproduced))
        rows.append(_cell(r.table, "se", cell, r.se_published, r.se_reproduced))
        if r.term != CONSTANT:  # no β is printed for the constant
            rows.append(_cell(r.table, "beta", cell, r.beta_published, r.beta_reproduced))
        rows.append(_cell(r.table, "t", cell, r.t_published, r.t_reproduced))
        rows.append(_cell(r.table, "sig", cell, r.sig_published, r.p_reproduced))
    return pd.DataFrame(rows)


def significance_conclusions(regression: pd.DataFrame, level: float) -> pd.DataFrame:
    """Per table and model: the predictors with p < ``level`` as printed and as reproduced.

    ``regression`` is the ``tabel4_6`` reproduction table. ``published``/``reproduced`` hold the
    predictor ids in the printed row order; ``same`` says whether the two sets are equal.
    """
    rows = []
    for (table, dependent, model), group in regression.groupby(["table", "dependent", "model"], sort=True):
        predictors = group[group["term"] != CONSTANT]
        published = predictors.loc[predictors["sig_published"] < level, "term"].tolist()
        reproduced = predictors.loc[predictors["p_reproduced"] < level, "term"].tolist()
        rows.append(
            {
                "table": table,
                "dependent": dependent,
                "model": int(model),
                "level": level,
                "published": published,
                "reproduced": reproduced,
                "same": set(published) == set(reproduced),
            }
        )
    return pd.DataFrame(rows)


def correlation_significance_changes(spearman: pd.DataFrame, level: float = 0.05) -> pd.DataFrame:
    """Pairs of Tabel 3 whose significance at ``level`` differs: printed stars against the reproduced p."""
    published = spearman["published_stars"].str.len() > 0
    reproduced = spearman["p_reproduced"] < level
    return spearman[published != reproduced].assign(
        published_significant=published[published != reproduced],
        reproduced_significant=reproduced[published != reproduced],
    )


# --------------------------------------------------------------------------- the map

# Every table, figure and appendix of the evaluation report (kind, number), what it holds, where this report
# reproduces, replaces or leaves it, and how. Where it is here is Markdown: cross-references (@tbl-, @fig-, @sec-) to this report's own numbers,
# or a link to a lettered appendix. The labels belong to the steps that write them (survey, literature,
# documents, interviews, partnerships); a label that disappears stops the offline renderer.
SOURCE_MAP: tuple[tuple[str, int, str, str, str], ...] = (
    ("Tabel", 1, "Leer- en ontwikkelprofielen van KMO's", "@tbl-profielen", "overgenomen, met de toewijzingsregel"),
    (
        "Tabel",
        2,
        "Schalen en hun interne consistentie",
        "@tbl-codeboek, @tbl-betrouwbaarheid; @tbl-repro-alpha",
        "herberekend; gedrukt en herberekend naast elkaar",
    ),
    (
        "Tabel",
        3,
        "Gemiddelden, standaardafwijkingen en correlaties",
        "@tbl-beschrijvend, @tbl-correlaties; @tbl-repro-beschrijvend, @tbl-repro-rho",
        "herberekend; gedrukt en herberekend naast elkaar",
    ),
    *(
        (
            "Tabel",
            number,
            f"Regressie voor {outcome}",
            f"@sec-regressie; @tbl-repro-tabel{number}",
            "herberekend met de drie stappen van de methode; de gedrukte twee modellen in deze bijlage",
        )
        for number, outcome in (
            (4, "beroepsexpertise"),
            (5, "anticipatie en optimalisatie"),
            (6, "persoonlijke flexibiliteit"),
        )
    ),
    ("Tabel", 7, "Deelnemende organisaties per perceel", "@tbl-casussen-perceel", "overgenomen"),
    ("Tabel", 8, "Responsgraad per sectorfonds", "@tbl-partners-respons", "herberekend uit de deelnemerslijst"),
    ("Tabel", 9, "Samenvatting van de profielen", "@tbl-profielen", "samengevoegd met Tabel 1 van het eindverslag"),
    ("Figuur", 1, "Centrale concepten en onderzoeksinteresses", "–", "niet opgenomen: een schema zonder gegevens"),
    ("Figuur", 2, "De drie fasen van de realist evaluation", "@sec-aanpak", "beschreven in de tekst"),
    (
        "Figuur",
        3,
        "Model van betekenisvol samenwerken",
        "@tbl-partners-lagen",
        "de drie lagen ordenen de codes van de gesprekken",
    ),
    (
        "Figuur",
        4,
        "Thema's van de plannen van aanpak",
        "@fig-documentthemas",
        "opnieuw getekend uit de gecodeerde plannen",
    ),
    ("Figuur", 5, "Functies van de deelnemers", "@fig-functies", "herberekend"),
    ("Figuur", 6, "Programmatheorie", "@sec-conclusies", "in het hoofdstuk met de conclusies"),
    ("Bijlage", 1, "Bestek van de werking", "@tbl-percelen", "percelen, budget en minimumbereik als parameters"),
    (
        "Bijlage",
        2,
        "Protocol van de literatuurstudie",
        "@tbl-zoektabel, @fig-prisma",
        "zoektabel overgenomen en bij het inlezen gecontroleerd",
    ),
    ("Bijlage", 3, "Vragenlijst (korte Nederlandstalige versie)", "[Bijlage A](#sec-codeboek)", "als codeboek"),
    ("Bijlage", 4, "Interviewleidraad ondernemingen", "–", "niet opgenomen"),
    (
        "Bijlage",
        5,
        "Codeerschema van de SWOT-analyse",
        "[Bijlage C](#sec-codeboek-swot)",
        "overgenomen; de interviews worden ertegen gecontroleerd",
    ),
    (
        "Bijlage",
        6,
        "Instructies voor de netwerkcirkels",
        "@fig-partners-cirkel",
        "het instrument als figuur",
    ),
    ("Bijlage", 7, "Interviewleidraad partnerschappen", "–", "niet opgenomen"),
    (
        "Bijlage",
        8,
        "Codeerschema partnerschappen",
        "[Bijlage E](#sec-codeboek-partnerschappen)",
        "overgenomen; de gesprekken worden ertegen gecontroleerd",
    ),
    ("Bijlage", 9, "Detailbeschrijving van de casussen", "[Bijlage D](#sec-casussen)", "overgenomen"),
)
