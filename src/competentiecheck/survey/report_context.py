"""Report pieces that describe the programme and the survey instrument: the five percelen, the
codebook appendix and the exclusion reasons of a run."""

from __future__ import annotations

import pandas as pd

from competentiecheck.core.params import load_params
from competentiecheck.core.tables import fmt_number, markdown_table
from competentiecheck.privacy.disclosure import Disclosure
from competentiecheck.survey.codebook import Codebook
from competentiecheck.survey.statistics import scale_maximum

__all__ = ["percelen_fragment", "codebook_fragment", "exclusion_reasons_fragment", "mixed_scale_note"]


def mixed_scale_note(codebook: Codebook) -> str:
    """One sentence per scale whose items have different answer scales (reflectie: 3 items of 7 points and
    4 of 5): its score is the mean of the items as answered, so its highest possible value is the mean of
    the item maxima."""
    sentences = []
    for sid, scale in codebook.scales.items():
        maxima = [codebook.variables[i].maximum for i in scale.items]
        if len(set(maxima)) < 2:
            continue
        parts = " en ".join(f"{maxima.count(m)} items op {m} punten" for m in sorted(set(maxima), reverse=True))
        sentences.append(
            f"{scale.label} mengt antwoordschalen ({parts}); de score is het gemiddelde van de items zoals ze "
            f"beantwoord zijn, dus het hoogst mogelijke is het gemiddelde van de itemmaxima, "
            f"{fmt_number(scale_maximum(codebook, sid), 2)}."
        )
    return " ".join(sentences)


def percelen_fragment() -> str:
    """The five percelen with sectors, joint committees, budget and minimum reach (from params)."""
    rows = []
    for n in range(1, 6):
        ctx = load_params(f"perceel-{n}")["context"]
        rows.append(
            {
                "Perceel": n,
                "Sectoren": ctx["sectors"],
                "Paritaire comités": ", ".join(ctx["paritaire_comites"]) or "alle overige",
                "Budget (€, incl. btw)": fmt_number(ctx["budget_eur"], 0),
                "Minimum bereik": fmt_number(ctx["min_bereik"], 0),
            }
        )
    return markdown_table(
        pd.DataFrame(rows),
        "De vijf percelen van de werking",
        "tbl-percelen",
        align="llllr",
        source="Bron: bestek van de werking (eindverslag, Bijlage 1, §1.3.2-1.3.3); "
        "parameters in params/perceel-1.yml … perceel-5.yml.",
    )


def codebook_fragment(codebook: Codebook) -> str:
    """Scales with their items and keying, and the decisions taken where the report is ambiguous."""
    rows = []
    for scale in codebook.scales.values():
        for item in scale.items:
            var = codebook.variables[item]
            labels = var.labels.get("nl")
            answer = (
                f"{labels[0]} … {labels[-1]} ({var.codes[0]}-{var.codes[-1]})"
                if labels
                else f"{var.codes[0]}-{var.codes[-1]}"
            )
            rows.append(
                {
                    "Schaal": scale.label,
                    "Item": item + (" (omgekeerd)" if var.reverse else ""),
                    "Formulering": var.texts["nl"],
                    "Antwoordschaal": answer,
                }
            )
    items = pd.DataFrame(rows)
    items["Schaal"] = items["Schaal"].where(items["Schaal"] != items["Schaal"].shift(), "")
    parts = [
        "Het volledige codeboek staat in `data/codebook/vragenlijst.yml`: elk item met zijn formulering in het "
        "Nederlands, Frans en Engels, de antwoordschalen met codes en labels, en de achtergrondvragen. "
        "@tbl-codeboek toont de schalen die in de analyses gebruikt worden.\n",
        markdown_table(
            items,
            "Schalen en items van de vragenlijst",
            "tbl-codeboek",
            align="llll",
            widths=[18, 12, 48, 22],
            source="Bron: eindverslag, Bijlage 3 en §6.2; codeboek van het project.",
        ),
        "**Controles bij het inlezen.** Elke export wordt gecontroleerd voordat er iets geschreven wordt; een "
        "fout stopt de opschoning met bestand, rij, kolom en (voor gecodeerde kolommen) de waarde:\n",
        "- elke kolom moet in het codeboek staan (id, kolomnaam van de tool of vraagtekst);",
        "- de verplichte kolommen (perceel, toestemming, leeftijd) en alle schaalitems van de versie van de "
        "export (lang of kort) moeten aanwezig zijn;",
        "- elke waarde moet een code of label van de antwoordschaal zijn, binnen het toegelaten bereik;",
        "- waardelabels in een SPSS-bestand moeten dezelfde antwoorden betekenen als in het codeboek (anders "
        "stopt de opschoning, of wordt er op label gehercodeerd als `input.recode_by_label` aan staat);",
        "- een XLSX-bestand moet één blad met de kolomkoppen in de eerste rij hebben (of het blad uit "
        "`input.xlsx_sheet`);",
        "- dezelfde response-id van de surveytool met andere antwoorden is een fout, met dezelfde antwoorden een "
        "getelde exclusie;",
        "- een bestand moet UTF-8 zijn; echte exports vragen een geheim zout voor de pseudoniemen.\n",
        "**Keuzes waar het eindverslag dubbelzinnig is.**\n",
    ]
    for decision in codebook.decisions:
        parts.append(f"- *{decision['topic']}.* {decision['decision']} {decision['reason']}")
    mixed = mixed_scale_note(codebook)
    if mixed:
        parts.append(
            "- *Hoogst mogelijke score van een gemengde schaal.* "
            + mixed
            + " Zo staat het als 'Max. mogelijk' in de tabel met gemiddelden; een score van zo'n schaal is niet "
            "te lezen als een antwoord op één van de antwoordschalen."
        )
    return "\n".join(parts) + "\n"


def exclusion_reasons_fragment(reasons: pd.DataFrame, disclosure: Disclosure) -> str:
    """Counts per stage and reason, in published form (see :mod:`competentiecheck.survey.publication`);
    file names and row numbers stay in data/processed/exclusies.csv."""
    if reasons.empty:
        return "Er viel geen enkele inzending af.\n"
    table = pd.DataFrame({"Fase": reasons["fase"], "Reden": reasons["reden"], "Aantal": reasons["aantal"]})
    return markdown_table(
        table,
        "Uitgesloten inzendingen naar fase en reden",
        "tbl-exclusieredenen",
        align="llr",
        source="Bron: data/processed/exclusies.csv (met bestand en rij van elke inzending, "
        f"alleen voor het evaluatieteam). {disclosure.rule_note}",
    )
