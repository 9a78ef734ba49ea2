"""Report pieces of the sample step: Markdown fragments and inline values for one run."""

from __future__ import annotations

import pandas as pd

from .disclosure import Disclosure
from .sample import MISSING_LABEL
from .tables import callout, fmt_number, fmt_percent, markdown_table

__all__ = ["sample_fragments", "sample_values", "STAGE_LABELS"]

STAGE_LABELS = {
    "ontvangen": "Ontvangen inzendingen",
    "toestemming": "Met toestemming",
    "geschikt": "Geschikt (echte inzending, perceel bekend, minimumleeftijd)",
    "uniek": "Na verwijderen van dubbele inzendingen",
    "geanalyseerd": "Voldoende ingevuld: geanalyseerd",
}
VARIABLE_LABELS = {
    "functiegroep": "Functie (groep)", "functie": "Functie", "statuut": "Statuut",
    "org_grootte": "Grootte van de organisatie", "geslacht": "Geslacht", "diploma": "Hoogste diploma",
    "contract": "Arbeidscontract",
}


def _flow_table(flow: pd.DataFrame, disclosure: Disclosure) -> pd.DataFrame:
    """Submissions per stage. They count forms, not characteristics of people, so a run whose
    analysed group is large enough shows them in full; in a run below the threshold every small
    count is suppressed."""
    row = flow.iloc[0] if len(flow) else pd.Series({s: 0 for s in STAGE_LABELS})
    shown = (lambda n: n) if disclosure.can_report(int(row["geanalyseerd"])) else disclosure.count
    rows, previous = [], None
    for stage, label in STAGE_LABELS.items():
        n = int(row[stage])
        dropped = "" if previous is None else shown(previous - n)
        rows.append({"Fase": label, "Aantal": shown(n), "Uitgevallen": dropped})
        previous = n
    return pd.DataFrame(rows)


def sample_fragments(params: dict, disclosure: Disclosure, tables: dict[str, pd.DataFrame],
                     flow: pd.DataFrame, figure_path: str) -> dict[str, str]:
    """``exclusies`` and ``steekproef`` fragments (Markdown with captions, labels, source notes)."""
    n_analysed = int(flow.iloc[0]["geanalyseerd"]) if len(flow) else 0
    source = f"Bron: vragenlijst 2023-2024, {params['label'].lower()}; n = {disclosure.count(n_analysed)}."
    exclusions = markdown_table(
        _flow_table(flow, disclosure), "Van ontvangen inzending tot geanalyseerde respondent", "tbl-exclusies",
        align="lrr", source=f"Bron: opgeschoonde vragenlijstexports, {params['label'].lower()}. "
                            f"Aantallen inzendingen; in een run met minder dan {disclosure.min_group_size} "
                            f"geanalyseerde respondenten staan kleine aantallen als '{disclosure.small_label}'.")
    if not tables:
        sample = callout(disclosure.group_message(n_analysed, "de steekproef van deze run"))
        return {"exclusies": exclusions, "steekproef": sample}

    def characteristics(keys: list[str]) -> pd.DataFrame:
        rows = []
        for key in keys:
            for _, r in tables[key].iterrows():
                rows.append({"Kenmerk": VARIABLE_LABELS[key], "Categorie": r["categorie"], "n": r["n"],
                             "%": fmt_percent(r["procent"])})
        frame = pd.DataFrame(rows)
        # name the characteristic only on its first row, for readability
        frame["Kenmerk"] = frame["Kenmerk"].where(frame["Kenmerk"] != frame["Kenmerk"].shift(), "")
        return frame

    note = source + f" Percentages van alle respondenten, '{MISSING_LABEL}' inbegrepen."
    numeric = tables["numeriek"].rename(columns={"omschrijving": "Kenmerk", "gemiddelde": "Gemiddelde", "sd": "SD"})
    numeric["Gemiddelde"] = numeric["Gemiddelde"].map(lambda v: fmt_number(v, 1))
    numeric["SD"] = numeric["SD"].map(lambda v: fmt_number(v, 1))
    parts = [
        "@tbl-functie, @tbl-organisatie en @tbl-persoon beschrijven wie de vragenlijst invulde, "
        "@tbl-numeriek vat leeftijd, anciënniteit en werkuren samen en @fig-functies toont de functies.\n",
        markdown_table(characteristics(["functiegroep", "functie", "statuut"]), "Functie en statuut van de respondenten",
                       "tbl-functie", align="llrr", source=note),
        markdown_table(characteristics(["org_grootte", "contract"]), "Grootte van de organisatie en arbeidscontract",
                       "tbl-organisatie", align="llrr", source=note),
        markdown_table(characteristics(["geslacht", "diploma"]), "Geslacht en hoogste diploma",
                       "tbl-persoon", align="llrr", source=note),
        markdown_table(numeric[["Kenmerk", "n", "Gemiddelde", "SD"]], "Leeftijd, anciënniteit en werkuren",
                       "tbl-numeriek", align="lrrr",
                       source=source + " Minimum en maximum worden niet getoond: dat zijn waarden van één persoon."),
        f"![Functie van de respondenten. {source}]({figure_path}){{#fig-functies "
        f"fig-alt=\"Staafdiagram met het aantal respondenten per functie: werknemer, teamleider, manager en "
        f"directeur of zaakvoerder.\"}}\n",
    ]
    return {"exclusies": exclusions, "steekproef": "\n".join(parts)}


def sample_values(params: dict, disclosure: Disclosure, data: pd.DataFrame, flow: pd.DataFrame,
                  tables: dict[str, pd.DataFrame]) -> dict:
    """Inline values of the run; every count of people passes through the disclosure rule."""
    row = flow.iloc[0]
    ctx = params["context"]
    values = {
        "title": f"Competentiechecks voor ondernemingen: {params['label'].lower()}",
        "run": params["run"],
        "run_label": params["label"],
        "run_omschrijving": "het hele programma" if params["perceel"] is None else f"perceel {params['perceel']}",
        "perceel_sectoren": ctx["sectors"],
        "perceel_pc": ", ".join(ctx["paritaire_comites"]) or "alle paritaire comités die niet in een ander perceel vallen",
        "perceel_budget": "€ " + fmt_number(ctx["budget_eur"], 2) if ctx["budget_eur"] is not None else "–",
        "perceel_min_bereik": fmt_number(ctx["min_bereik"], 0) if ctx["min_bereik"] is not None else "–",
        "perceel_pva": fmt_number(ctx["plannen_van_aanpak"], 0) if ctx["plannen_van_aanpak"] is not None else "–",
        "min_groep": disclosure.min_group_size,
        "min_leeftijd": params["eligibility"]["min_age"],
        "n_ontvangen": disclosure.count(int(row["ontvangen"])),
        "n_geanalyseerd": disclosure.count(int(row["geanalyseerd"])),
        "n_uitgesloten": disclosure.count(int(row["ontvangen"]) - int(row["geanalyseerd"])),
        "rapporteerbaar": bool(tables),
    }
    if tables:
        groups = tables["functiegroep"].set_index("categorie")
        values["pct_leidinggevend"] = fmt_percent(groups.loc["Leidinggevend", "procent"])
        values["pct_medewerker"] = fmt_percent(groups.loc["Medewerker", "procent"])
        numeric = tables["numeriek"].set_index("variabele")
        values["leeftijd_gemiddelde"] = fmt_number(numeric.loc["leeftijd", "gemiddelde"], 0)
        values["leeftijd_sd"] = fmt_number(numeric.loc["leeftijd", "sd"], 0)
        values["jaren_bedrijf_gemiddelde"] = fmt_number(numeric.loc["jaren_bedrijf", "gemiddelde"], 0)
    else:
        for key in ("pct_leidinggevend", "pct_medewerker", "leeftijd_gemiddelde", "leeftijd_sd",
                    "jaren_bedrijf_gemiddelde"):
            values[key] = "–"
    return values
