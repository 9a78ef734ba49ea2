"""Report pieces of the document-analysis step (chapter 4 'Profielen van KMO's'): generated, nothing typed.

Counts are in their published form (:mod:`competentiecheck.documents.analysis`): rounded, small ones
hidden, a perceel with too few plans without counts of its own.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from competentiecheck.core.tables import callout, fmt_number, fmt_percent, markdown_table
from competentiecheck.core.terms import programme_report_link
from competentiecheck.documents.analysis import PERCELEN, DocumentResults, PlanData
from competentiecheck.privacy.disclosure import Disclosure

__all__ = ["documents_chapter", "documents_opening", "documents_finding", "profiles_table"]

WORKSHOP_ESTIMATE = "90 %"  # §5.3: the service providers' estimate, quoted as published


def _theme(path: str) -> str:
    return path.split(" > ", 1)[1] if " > " in path else path


def _about(shown, disclosure: Disclosure) -> str:
    """A published count at the start of a sentence: 'Geen', 'Minder dan 5', 'Ongeveer 20' (it is rounded)."""
    if shown == 0:
        return "Geen"
    if shown == disclosure.small_label:
        return f"Minder dan {disclosure.min_group_size}"
    if isinstance(shown, str):
        return "Een verborgen aantal"
    return f"Ongeveer {shown}"


def profiles_table(data: PlanData) -> str:
    """Tabel 1 / Tabel 9 of the evaluation report from profielen.yml: the published texts per category, with our rule."""
    rows = []
    for definition, rule in zip(data.profiles, data.rules):
        texts = definition.get("texts", {})
        rows.append(
            {
                "Profiel": rule.name,
                "Wat?": texts.get("Wat?", "–"),
                "Waarom?": texts.get("Waarom?", "–"),
                "Opleidingsplannen": texts.get("Opleidingsplannen", "–"),
                "Regie": texts.get("Regie", "–"),
                "Toewijzingsregel": rule.describe(short=True),
            }
        )
    return markdown_table(
        pd.DataFrame(rows),
        "De leer- en ontwikkelprofielen van KMO's en hun toewijzingsregel",
        "tbl-profielen",
        align="llllll",
        widths=[12, 26, 22, 16, 14, 24],
        source="Bron: eindverslag, Tabel 1 (§5.2), Tabel 9 en §9.3 (zesde profiel); de regel is die "
        "van dit project (profielen.yml bij de plannen van aanpak).",
    )


def _most_common(counts: pd.Series) -> tuple[str, int] | None:
    """The profile with the highest published count (hidden and '< 5' cells never win)."""
    numbers = pd.to_numeric(counts, errors="coerce").dropna()
    if numbers.empty or numbers.max() <= 0:
        return None
    return str(numbers.idxmax()), int(numbers.max())


def documents_opening(results: DocumentResults, n: int, *, synthetic: bool = False) -> str:
    """Two or three sentences before the method: the question of chapter 4 and what the plans show."""
    share = results.share
    text = (
        "Welke leer- en ontwikkelprofielen hebben de KMO's, afgaande op hun plannen van aanpak, en klopt de "
        f"schatting van de dienstverleners dat de meeste bij 'Krachtige ambitie' of 'Krachtige basis' passen? Van de "
        f"{n} plannen past {fmt_percent(100 * share['count'] / n)} bij een van die twee"
    )
    top = _most_common(results.profiles["totaal"])
    text += f"; het vaakst toegewezen profiel is '{top[0]}' (ongeveer {top[1]} plannen)." if top else "."
    if synthetic:
        text += (
            " De codering van de plannen is hier een synthetische demo: het hoofdstuk toont hoe de analyse werkt, "
            "de aandelen zijn geen bevinding over het programma."
        )
    return text + "\n"


def documents_chapter(
    results: DocumentResults,
    data: PlanData,
    params: dict,
    run: str,
    theme_figure: str,
    combination_figure: str,
    *,
    synthetic: bool = False,
    published_plans: int | None = None,
) -> str:
    """Chapter 4 of ``run``. ``published_plans``: the perceel's number of plans as the final report publishes
    it (§5.1.1, also in the key figures), so a small perceel's chapter names the same number."""
    disclosure = Disclosure.from_params(params)
    n = len(data.register)
    counts = data.register.groupby("perceel").size()
    per_perceel = ", ".join(f"perceel {p}: {c}" for p, c in counts.items())
    source = "Bron: plannen van aanpak, gecodeerd met het themacodeboek (data/codebook/documenten.yml)."
    note = f"{disclosure.rule_note} Per perceel worden alleen percelen met minstens {params['disclosure']['min_cases']} plannen getoond."
    if run != "totaal":
        if not results.reportable[run]:
            counted = (
                f"{published_plans} plannen van aanpak (eindverslag §5.1.1), minder dan "
                if published_plans is not None
                else "minder dan "
            )
            return (
                f"Welke leer- en ontwikkelprofielen hebben de KMO's van dit perceel? Dit perceel telt {counted}"
                f"{params['disclosure']['min_cases']}: een telling per profiel zou naar afzonderlijke ondernemingen "
                f"wijzen. De profielen van alle plannen samen staan in "
                + programme_report_link("sec-profielen")
                + "; hieronder alleen de profielen en hun toewijzingsregel.\n\n"
                + profiles_table(data)
            )
        own = pd.DataFrame(
            {
                "Profiel": results.profiles.index,
                "Plannen van dit perceel": results.profiles[run].values,
                "Programma": results.profiles["totaal"].values,
            }
        )
        top = _most_common(results.profiles[run])
        return (
            "\n".join(
                [
                    "Welke leer- en ontwikkelprofielen hebben de KMO's van dit perceel? "
                    + (f"Het vaakst toegewezen profiel is '{top[0]}' (ongeveer {top[1]} plannen); " if top else "")
                    + "@tbl-profielen-perceel zet elk profiel naast het programma. De profielen worden toegewezen "
                    "met de regels van @tbl-profielen; "
                    + programme_report_link("sec-profielen")
                    + " vergelijkt de percelen en toont de thema's.\n",
                    profiles_table(data),
                    markdown_table(
                        own,
                        "Plannen van aanpak van dit perceel per profiel",
                        "tbl-profielen-perceel",
                        align="lrr",
                        source=source + " Een plan kan bij meer profielen passen, of bij geen. " + note,
                    ),
                ]
            )
            + "\n"
        )
    share = results.share
    low, high = fmt_percent(100 * share["low"]), fmt_percent(100 * share["high"])
    themes = results.themes.copy()
    themes.insert(0, "Thema", [_theme(t) for t in themes.index])
    themes.insert(0, "Groep", [t.split(" > ")[0] for t in themes.index])
    themes["Groep"] = themes["Groep"].where(themes["Groep"] != themes["Groep"].shift(), "")
    themes = themes.rename(columns={r: f"P{r[-1]}" for r in PERCELEN} | {"totaal": "Totaal"})
    count_columns = [f"P{r[-1]}" for r in PERCELEN] + ["Totaal"]
    themes[count_columns] = themes[count_columns].replace("", "–")
    profile_rows = (
        results.profiles.copy()
        .replace("", "–")
        .rename(columns={r: f"P{r[-1]}" for r in PERCELEN} | {"totaal": "Totaal"})
    )
    profile_rows.insert(0, "Profiel", profile_rows.index)
    hours = results.hours.assign(uren=results.hours["uren"].map(lambda v: fmt_number(v, 0))).rename(
        columns={"profiel": "Profiel", "plannen": "Plannen", "uren": "Gemiddeld gepland aantal uren"}
    )
    human = results.human
    kappa = "niet te berekenen" if np.isnan(human["kappa"]) else fmt_number(human["kappa"], 2)
    parts = [
        documents_opening(results, n, synthetic=synthetic),
        f"De analyse steunt op {n} plannen van aanpak ({per_perceel}). Elk plan is gecodeerd met thema's in de vier "
        f"groepen van het eindverslag: noden rond competentiedenken, HR-processen en beleidsthema's, leiderschap en "
        f"beoogde resultaten. Met de regels van @tbl-profielen krijgt elk plan nul, één of meer profielen.\n",
        profiles_table(data),
        f"![Thema's van de plannen van aanpak in de vier groepen: aantal plannen per thema. {source}]({theme_figure})"
        f'{{#fig-documentthemas fig-alt="Staafdiagrammen per groep met het aantal plannen van aanpak per thema."}}\n',
        markdown_table(
            themes.reset_index(drop=True),
            "Plannen van aanpak per thema en perceel",
            "tbl-documentthemas",
            align="ll" + "r" * 6,
            widths=[16, 30, 5, 5, 5, 5, 5, 7],
            source=source + " " + note,
        ),
        markdown_table(
            profile_rows.reset_index(drop=True),
            "Plannen van aanpak per profiel en perceel",
            "tbl-documentprofielen",
            align="l" + "r" * 6,
            source=source + " Een plan kan bij meer profielen passen, of bij geen. " + note,
        ),
        f"![Combinaties van profielen: aantal plannen per combinatie (balken) en de profielen die ze vormen (punten). "
        f'{source}]({combination_figure}){{#fig-profielcombinaties fig-alt="Staafdiagram met het aantal plannen per '
        f'combinatie van profielen, met daaronder een puntenmatrix van de profielen in elke combinatie."}}\n',
        f"Van de {n} plannen past {fmt_percent(100 * share['count'] / n)} bij 'Krachtige ambitie' en/of 'Krachtige "
        f"basis' (95 %-betrouwbaarheidsinterval volgens Wilson: {low} tot {high}). De dienstverleners schatten dat "
        f"aandeel tijdens de co-creatieworkshop op {WORKSHOP_ESTIMATE}; de regels vinden "
        + ("een aandeel dat daarmee verenigbaar is." if share["high"] >= 0.9 else "duidelijk minder.")
        + "\n",
        f"**Regel en menselijk oordeel.** Voor de {human['organisations']} organisaties uit de interviews geeft het "
        f"eindverslag een profiel. Over alle profielen samen is de overeenstemming tussen regel en dat oordeel "
        f"(Cohens kappa) {kappa}. Met zo weinig organisaties zegt dat weinig: één andere toewijzing verandert het "
        f"getal sterk, en per profiel zou elke cel naar een organisatie wijzen, dus die tabel blijft bij het team.\n",
        f"**Gevoeligheid.** Een hiërarchische clustering van de plannen op hun thema's (Jaccard-afstand, gemiddelde "
        f"koppeling, {results.n_clusters} clusters) stemt met de profielcombinaties overeen met een aangepaste "
        f"Rand-index van {fmt_number(results.ari, 2)} (1 is gelijk, 0 is toeval).\n",
        f"**Sjabloonplannen.** {_about(results.templates['plans'], disclosure)} van de {n} plannen zijn nagenoeg "
        f"gelijk aan een ander plan "
        f"van hetzelfde perceel (gelijkenis van woordreeksen vanaf {fmt_number(params['documents']['template_threshold'], 2)}), "
        f"in {results.templates['percelen']} percelen: daar zegt de tekst weinig over de onderneming zelf.\n",
    ]
    if results.sectors.shape[1]:
        sectors = results.sectors.reset_index().rename(columns={"index": "Profiel"})
        parts.append(
            markdown_table(
                sectors,
                "Plannen van aanpak per profiel en sector",
                "tbl-profielsector",
                source=source + " " + results.sector_note + " " + disclosure.rule_note,
            )
        )
    else:
        parts.append(
            callout(
                "Hangen de profielen af van de sector (§9.3 van het eindverslag)? Per sector wordt niets getoond: "
                + results.sector_note
            )
        )
    if len(hours):
        parts.append(
            markdown_table(
                hours,
                "Gepland aantal uren begeleiding per profiel",
                "tbl-profieluren",
                align="lrr",
                source=source + " Alleen profielen met minstens "
                f"{params['disclosure']['min_cases']} plannen en evenveel andere; gemiddelden "
                "afgerond op hele uren. " + note,
            )
        )
    return "\n".join(parts) + "\n"


def documents_finding(results: DocumentResults, language: str = "nl") -> str:
    share, n = results.share, results.share["n"]
    pct = fmt_percent(100 * share["count"] / n) if language == "nl" else f"{100 * share['count'] / n:.0f} %"
    if language == "nl":
        return (
            f"Van de {n} plannen van aanpak past {pct} bij de profielen 'Krachtige ambitie' en/of 'Krachtige basis' "
            f"(de dienstverleners schatten {WORKSHOP_ESTIMATE}); zie @sec-profielen.\n"
        )
    return (
        f"Of the {n} action plans, {pct} fit the profiles 'strong ambition' and/or 'strong basis' (the service "
        f"providers estimated 90 %).\n"
    )
