"""Report pieces of the sample step: Markdown fragments and inline values for one run."""

from __future__ import annotations

import pandas as pd

from competentiecheck.core.tables import callout, fmt_number, fmt_percent, markdown_table
from competentiecheck.privacy.disclosure import Disclosure
from competentiecheck.survey.publication import RunTables
from competentiecheck.survey.sample import MISSING_LABEL

__all__ = ["sample_fragments", "sample_values", "STAGE_LABELS", "percentage_sums", "sample_opening"]

STAGE_LABELS = {
    "ontvangen": "Ontvangen inzendingen",
    "toestemming": "Met toestemming",
    "geschikt": "Geschikt (echte inzending, perceel bekend, minimumleeftijd)",
    "uniek": "Na verwijderen van dubbele inzendingen",
    "geanalyseerd": "Voldoende ingevuld: geanalyseerd",
}
VARIABLE_LABELS = {
    "functiegroep": "Functie (groep)",
    "functie": "Functie",
    "statuut": "Statuut",
    "org_grootte": "Grootte van de organisatie",
    "geslacht": "Geslacht",
    "diploma": "Hoogste diploma",
    "contract": "Arbeidscontract",
}


def _flow_table(run_tables: RunTables) -> pd.DataFrame:
    """Submissions per stage and how many dropped out, in published form."""
    flow = run_tables.flow
    return pd.DataFrame(
        {"Fase": flow["fase"].map(STAGE_LABELS), "Aantal": flow["aantal"], "Uitgevallen": flow["uitgevallen"]}
    )


TOTAAL_LINK = "[het rapport over het hele programma](../totaal/index.html)"


def percentage_sums(frame: pd.DataFrame) -> dict[str, tuple[int, bool]]:
    """Per characteristic the sum of the percentages as printed (whole numbers) and whether every
    category has one (a hidden count has '–')."""
    kenmerk = frame["Kenmerk"].where(frame["Kenmerk"] != "").ffill()
    sums = {}
    for name, part in frame.groupby(kenmerk, sort=False):
        shown = [p for p in part["%"] if p != "–"]
        sums[name] = (sum(int(p.replace(" %", "")) for p in shown), len(shown) == len(part))
    return sums


def _sum_note(frame: pd.DataFrame) -> str:
    """A note for every characteristic whose printed percentages do not add up to 100 % (± 1 for the
    rounding of each percentage): the counts are rounded one by one, so they need not add up to the
    rounded total on which the percentages are computed."""
    off = [
        (name, total)
        for name, (total, complete) in percentage_sums(frame).items()
        if total > 101 or (complete and total < 99)
    ]
    if not off:
        return ""
    named = "; ".join(f"{name.lower()} {total} %" for name, total in off)
    return (
        f" De percentages tellen niet op tot 100 % ({named}): elk aantal is apart afgerond, en de afgeronde "
        "aantallen zijn samen niet gelijk aan het afgeronde totaal waarop de percentages berekend zijn."
    )


def sample_opening(params: dict, run_tables: RunTables, programme: RunTables | None = None) -> str:
    """Two sentences before the method: what the chapter answers and what it found (computed)."""
    counts = run_tables.counts
    who = "het hele programma" if params["perceel"] is None else f"perceel {params['perceel']}"
    question = "Dit hoofdstuk beschrijft wie de vragenlijst invulde en welke inzendingen niet meetellen."
    if not run_tables.tables:
        return (
            f"{question} Voor dit perceel zijn er te weinig respondenten om ze te beschrijven (@sec-steekproef); "
            "alleen de uitval per fase is te tonen.\n"
        )

    def profile(tables: dict) -> tuple[str, str]:
        groups = tables["functiegroep"].set_index("categorie")
        numeric = tables["numeriek"].set_index("variabele")
        return (
            fmt_percent(groups.loc["Leidinggevend", "procent"]),
            fmt_number(numeric.loc["leeftijd", "gemiddelde"], 0),
        )

    leading, age = profile(run_tables.tables)
    beside = ""
    if programme is not None and programme.tables:
        whole = profile(programme.tables)
        beside = f" (in het hele programma {whole[0]} en {whole[1]} jaar)"
    return (
        f"{question} Voor {who} kwamen {counts['n_ontvangen']} inzendingen binnen, waarvan er "
        f"{counts['n_geanalyseerd']} meetellen; {leading} van de respondenten heeft een leidinggevende functie, "
        f"en ze zijn gemiddeld {age} jaar{beside}.\n"
    )


def sample_fragments(
    params: dict,
    disclosure: Disclosure,
    run_tables: RunTables,
    figure_path: str,
    programme: RunTables | None = None,
) -> dict[str, str]:
    """``exclusies``, ``steekproef`` and ``vragenlijst_opening`` fragments (Markdown with captions, labels,
    source notes). ``programme``: the published tables of the whole programme, shown beside a perceel's own
    percentages (the totaal report publishes them)."""
    tables = run_tables.tables
    n_shown = run_tables.counts["n_geanalyseerd"]
    source = f"Bron: vragenlijst 2023-2024, {params['label'].lower()}; n = {n_shown}."
    exclusions = markdown_table(
        _flow_table(run_tables),
        "Van ontvangen inzending tot geanalyseerde respondent",
        "tbl-exclusies",
        align="lrr",
        source=f"Bron: opgeschoonde vragenlijstexports, {params['label'].lower()}. "
        f"Aantallen inzendingen; per fase en reden in [Bijlage B](#sec-exclusies). {disclosure.rule_note}",
    )
    if not tables:
        sample = callout(
            disclosure.group_message(0, "de respondenten van dit perceel")
            + f" De respondenten van het hele programma staan in {TOTAAL_LINK}."
        )
        return {
            "exclusies": exclusions,
            "steekproef": sample,
            "vragenlijst_opening": sample_opening(params, run_tables, programme),
        }

    beside = programme is not None and bool(programme.tables)

    def characteristics(keys: list[str]) -> pd.DataFrame:
        rows = []
        for key in keys:
            whole = programme.tables[key].set_index("categorie")["procent"] if beside else None
            for _, r in tables[key].iterrows():
                row = {
                    "Kenmerk": VARIABLE_LABELS[key],
                    "Categorie": r["categorie"],
                    "n": r["n"],
                    "%": fmt_percent(r["procent"]),
                }
                if beside:
                    row["% programma"] = fmt_percent(whole.get(r["categorie"], "–"))
                rows.append(row)
        frame = pd.DataFrame(rows)
        # name the characteristic only on its first row, for readability
        frame["Kenmerk"] = frame["Kenmerk"].where(frame["Kenmerk"] != frame["Kenmerk"].shift(), "")
        return frame

    note = source + f" Percentages van alle respondenten, '{MISSING_LABEL}' inbegrepen. {disclosure.rule_note}"
    if beside:
        note += " % programma: alle respondenten van het programma, zoals in het rapport over het hele programma."
    align = "llrrr" if beside else "llrr"
    numeric = tables["numeriek"].rename(columns={"omschrijving": "Kenmerk", "gemiddelde": "Gemiddelde", "sd": "SD"})
    numeric["Gemiddelde"] = numeric["Gemiddelde"].map(lambda v: fmt_number(v, 1))
    numeric["SD"] = numeric["SD"].map(lambda v: fmt_number(v, 1))
    # the four functions are in the figure; the table keeps the two groups (no figure repeating a table)
    function_table = characteristics(["functiegroep", "statuut"])
    organisation_table = characteristics(["org_grootte", "contract"])
    person_table = characteristics(["geslacht", "diploma"])
    parts = [
        "@tbl-functie, @tbl-organisatie en @tbl-persoon beschrijven wie de vragenlijst invulde, "
        "@tbl-numeriek vat leeftijd, anciënniteit en werkuren samen en @fig-functies toont de functies.\n",
        markdown_table(
            function_table,
            "Functiegroep en statuut van de respondenten",
            "tbl-functie",
            align=align,
            source=note + _sum_note(function_table),
        ),
        markdown_table(
            organisation_table,
            "Grootte van de organisatie en arbeidscontract",
            "tbl-organisatie",
            align=align,
            source=note + _sum_note(organisation_table),
        ),
        markdown_table(
            person_table,
            "Geslacht en hoogste diploma",
            "tbl-persoon",
            align=align,
            source=note + _sum_note(person_table),
        ),
        markdown_table(
            numeric[["Kenmerk", "n", "Gemiddelde", "SD"]],
            "Leeftijd, anciënniteit en werkuren",
            "tbl-numeriek",
            align="lrrr",
            source=source
            + " Minimum en maximum worden niet getoond: dat zijn waarden van één persoon. "
            + disclosure.rule_note,
        ),
        f"![Functie van de respondenten. {source}]({figure_path}){{#fig-functies "
        f'fig-alt="Staafdiagram met het aantal respondenten per functie: werknemer, teamleider, manager en '
        f'directeur of zaakvoerder."}}\n',
    ]
    return {
        "exclusies": exclusions,
        "steekproef": "\n".join(parts),
        "vragenlijst_opening": sample_opening(params, run_tables, programme),
    }


def sample_values(params: dict, disclosure: Disclosure, run_tables: RunTables) -> dict:
    """Inline values of the run; every count is in its protected, published form."""
    tables = run_tables.tables
    ctx = params["context"]
    values = {
        "title": f"Competentiechecks voor ondernemingen: {params['label'].lower()}",
        "run": params["run"],
        "run_label": params["label"],
        "run_omschrijving": "het hele programma" if params["perceel"] is None else f"perceel {params['perceel']}",
        "perceel_sectoren": ctx["sectors"],
        "perceel_pc": ", ".join(ctx["paritaire_comites"])
        or "alle paritaire comités die niet in een ander perceel vallen",
        "perceel_budget": "€ " + fmt_number(ctx["budget_eur"], 2) if ctx["budget_eur"] is not None else "–",
        "perceel_min_bereik": fmt_number(ctx["min_bereik"], 0) if ctx["min_bereik"] is not None else "–",
        "perceel_pva": fmt_number(ctx["plannen_van_aanpak"], 0) if ctx["plannen_van_aanpak"] is not None else "–",
        "min_groep": disclosure.min_group_size,
        "afrondingsbasis": disclosure.rounding_base,
        "min_leeftijd": params["eligibility"]["min_age"],
        **run_tables.counts,
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
        for key in (
            "pct_leidinggevend",
            "pct_medewerker",
            "leeftijd_gemiddelde",
            "leeftijd_sd",
            "jaren_bedrijf_gemiddelde",
        ):
            values[key] = "–"
    return values
