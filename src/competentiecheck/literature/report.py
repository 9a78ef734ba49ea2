"""Report pieces of the literature review: the chapter for the totaal run (with citations to the
included studies) and the pointer that the perceel reports show instead."""

from __future__ import annotations

import pandas as pd

from competentiecheck.core.tables import callout, markdown_table
from competentiecheck.core.terms import programme_report_link
from competentiecheck.literature.review import (
    DATABASES,
    Review,
    level_summary,
    search_table,
    theme_summary,
)

__all__ = ["literature_chapter", "literature_pointer"]


def _cite(keys: str) -> str:
    ids = [k for k in keys.split("; ") if k]
    return "[" + "; ".join(f"@{k}" for k in ids) + "]" if ids else "–"


def literature_chapter(review: Review, counts: dict) -> str:
    """Markdown of the chapter: question, method, flow, search table, themes, levels, bibliography."""
    criteria = "; ".join(review.codebook["criteria"])
    n_terms, n_sme = review.log["term"].nunique(), review.log["sme_term"].nunique()
    themes = theme_summary(review)
    levels = level_summary(review)
    top_support = levels.sort_values("n_supporting", ascending=False).iloc[0]
    top_hinder = levels.sort_values("n_hindering", ascending=False).iloc[0]
    parts = [
        f"Wat ondersteunt en wat belemmert de competentieontwikkeling van medewerkers in KMO's, volgens de "
        f"literatuur? Van de {counts['identified']} gevonden records bleven er na screening "
        f"{counts['included']} studies over. Het vaakst genoemde niveau van ondersteunende factoren is '{top_support['label'].split(':')[0].lower()}' "
        f"({top_support['n_supporting']} studies), van belemmerende factoren "
        f"'{top_hinder['label'].split(':')[0].lower()}' ({top_hinder['n_hindering']} studies).\n",
        f"**Vraag en aanpak.** De *rapid review* zocht naar antecedenten van competentieontwikkeling van medewerkers in "
        f"KMO's. {n_terms} zoektermen over leren en ontwikkelen werden gecombineerd met {n_sme} termen voor KMO's in "
        f"{len(DATABASES)} databanken (@tbl-zoektabel). Criteria: {criteria}. @fig-prisma toont hoeveel records in "
        f"elke fase afvielen en waarom.\n",
        markdown_table(
            _search_by_term(review),
            "Treffers per zoekterm en databank (alle vier KMO-termen samen)",
            "tbl-zoektabel",
            align="lrrrrrr",
            source="Bron: eindverslag, Bijlage 2 (zoektabel); per combinatie van zoekterm en KMO-term in "
            "tables/zoektabel.csv. De controle bij het inlezen vergelijkt alle subtotalen.",
        ),
        "![Stroomdiagram van de selectie van studies (PRISMA 2020). Bron: zoektabel van het eindverslag; aantallen "
        "per screeningsfase en redenen in de demoversie synthetisch (data/README.md).](figures/prisma.png)"
        '{#fig-prisma fig-alt="Stroomdiagram: records uit vijf databanken, dubbele records verwijderd, screening op '
        'titel en abstract, beoordeling van de volledige tekst, opgenomen studies, met aantallen en redenen."}\n',
        "**Thema's.** @tbl-themas telt per thema de studies waarop de bevindingen steunen; @fig-thema-matrix toont per "
        "studie bij hoeveel niveaus ze voor elk thema geciteerd wordt (de cijfers staan in "
        "tables/studie_thema_matrix.csv en in het notebook van deze stap).\n",
        markdown_table(
            pd.DataFrame(
                {"Thema": themes["label"], "Studies": themes["n_studies"], "Welke": themes["studies"].map(_cite)}
            ),
            "Aantal studies per thema",
            "tbl-themas",
            align="lrl",
            widths=[26, 9, 65],
            source="Bron: codering van de opgenomen studies volgens de verwijzingen in hoofdstuk 4 van het "
            "eindverslag (codering.csv van de literatuurstudie).",
        ),
        "![Opgenomen studies per thema: aantal niveaus waarop de studie voor het thema geciteerd wordt. Bron: codering "
        "van de opgenomen studies volgens de verwijzingen in hoofdstuk 4 van het eindverslag.]"
        '(figures/thema_matrix.png){#fig-thema-matrix fig-alt="Heatmap met de opgenomen studies als rijen en zes '
        "thema's als kolommen; donkerder is vaker geciteerd.\"}\n",
        "**Wat leren ondersteunt en belemmert, per niveau.** @tbl-niveaus zet de ondersteunende en de belemmerende "
        "factoren naast elkaar: de twee helften van de bevindingen over wat leren in KMO's helpt en hindert.\n",
        markdown_table(
            pd.DataFrame(
                {
                    "Niveau": levels["label"].str.split(":").str[0],
                    "Ondersteunt": [
                        f"{n} {_cite(k)}" if n else "–" for n, k in zip(levels["n_supporting"], levels["supporting"])
                    ],
                    "Belemmert": [
                        f"{n} {_cite(k)}" if n else "–" for n, k in zip(levels["n_hindering"], levels["hindering"])
                    ],
                }
            ),
            "Studies met ondersteunende en belemmerende factoren per niveau",
            "tbl-niveaus",
            align="lll",
            widths=[16, 42, 42],
            source="Bron: codering van de opgenomen studies (richting 'ondersteunt' of 'belemmert').",
        ),
        "## Opgenomen studies {.unnumbered}\n",
        "::: {#refs}\n:::\n",
    ]
    return "\n".join(parts)


def _search_by_term(review: Review) -> pd.DataFrame:
    table = search_table(review)
    body = table[table["term"] != "Totaal"].groupby("term", sort=False)[DATABASES + ["Totaal"]].sum().reset_index()
    total = table[table["term"] == "Totaal"][["term"] + DATABASES + ["Totaal"]]
    out = pd.concat([body, total], ignore_index=True)
    return out.rename(columns={"term": "Zoekterm", "Academic Search Complete": "ASC"})


def literature_pointer() -> str:
    return callout(
        "De literatuurstudie geldt voor het hele programma: ze staat in "
        + programme_report_link("sec-literatuur")
        + "."
    )
