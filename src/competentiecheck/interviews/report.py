"""Report pieces of the company-interview step (chapter 7, Bijlagen 5 and 9): generated text, tables, figures.

Every number comes from :class:`~competentiecheck.interviews.analysis.InterviewResults` or the case
table; nothing is typed. The perceel reports get a pointer: with one to three interviews per perceel,
nothing about a perceel's interviews is shown (``disclosure.min_cases``).
"""

from __future__ import annotations

import pandas as pd

from competentiecheck.core.claims import Claim
from competentiecheck.core.tables import callout, markdown_table
from competentiecheck.core.terms import programme_report_link
from competentiecheck.interviews.analysis import InterviewResults
from competentiecheck.interviews.claims import SUPPORT, TIME, interviews_with, subthemes, theme_counts
from competentiecheck.qualitative.codebook import CodingScheme
from competentiecheck.qualitative.fragments import (  # noqa: F401 (agreement_table re-exported)
    agreement_appendix,
    agreement_sentence,
    agreement_table,
    coding_scheme_fragment,
)

__all__ = [
    "theme_label",
    "interviews_finding",
    "interviews_chapter",
    "interviews_opening",
    "interviews_agreement_fragment",
    "interviews_pointer",
    "swot_codebook_fragment",
    "coding_scheme_fragment",
    "agreement_table",
    "cases_fragment",
]


PREFIX = {"1.": "A", "2.": "S", "3.": "W", "4.": "O", "5.": "T"}


def _theme(path: str) -> str:
    return path.split(" > ", 1)[1] if " > " in path else path


def _labelled(path: str) -> str:
    """'S · Begeleiding > Consultants': the SWOT letter keeps 'Begeleiding' of S and W apart."""
    letter = PREFIX.get(path[:2], "")
    return f"{letter} · {_theme(path)}" if letter and " > " in path else path


def theme_label(path: str) -> str:
    """Short label of a theme for figures: 'S · Begeleiding'."""
    return _labelled(path)


SYNTHETIC_QUOTES = "Deze citaten komen uit synthetische demo-transcripten: ze tonen hoe de selectie en de controle op namen werken en zijn geen uitspraken van {who}."


def _top(swot: pd.DataFrame, category: str):
    rows = swot[swot["category"] == category].sort_values(["documents", "segments"], ascending=False, kind="stable")
    return rows.iloc[0] if len(rows) else None


def interviews_opening(results: InterviewResults, *, synthetic: bool = False) -> str:
    """Two or three sentences before the method: the question of the chapter and what the interviews show."""
    n = results.n_interviews
    found = []
    for category, word in (("S", "sterkte"), ("T", "risico")):
        top = _top(results.swot, category)
        if top is not None:
            found.append(f"'{top.code}' als {word} ({top.documents} van de {n})")
    text = (
        "Wat zien ondernemingen zelf als sterktes, kwetsbaarheden, kansen en risico's van de begeleiding? "
        f"In de {n} interviews met zaakvoerders en HR-verantwoordelijken komt "
        + (" en ".join(found) if found else "geen thema")
        + " het vaakst terug."
    )
    if synthetic:
        text += (
            " Deze interviews zijn synthetische demo-coderingen: het hoofdstuk toont hoe de analyse werkt, "
            "de aantallen zijn geen bevinding over het programma."
        )
    return text + "\n"


def interviews_agreement_fragment(results: InterviewResults) -> str:
    """Bijlage C after the coding scheme: the SWOT counts behind the figure, and the agreement between coders."""
    n = results.n_interviews
    source = f"Bron: {n} interviews met ondernemingen, gecodeerd met het SWOT-schema van Bijlage 5 van het eindverslag."
    table = pd.DataFrame(
        {
            "Kwadrant": results.swot["kwadrant"],
            "Thema": results.swot["code"],
            "Interviews": results.swot["documents"],
            "Segmenten": results.swot["segments"],
        }
    )
    table["Kwadrant"] = table["Kwadrant"].where(table["Kwadrant"] != table["Kwadrant"].shift(), "")
    counts = "\n### Thema's van de SWOT {.unnumbered}\n\n" + markdown_table(
        table,
        "Thema's van de SWOT: interviews die het thema noemen en gecodeerde segmenten",
        "tbl-swot",
        align="llrr",
        source=source,
    )
    source = f"Bron: {results.n_double} dubbel gecodeerde interviews met ondernemingen."
    return (
        counts
        + "\n### Overeenstemming tussen codeurs {.unnumbered}\n\n"
        + agreement_appendix(
            results.agreement,
            results.alpha,
            results.alpha_used,
            results.n_double,
            results.n_unapplied,
            _labelled,
            "Interviews",
            "interview",
            "tbl-overeenstemming",
            source + " Kappa '–': niet gedefinieerd (geen variatie bij beide codeurs). A: "
            "achtergrond, S: sterkte, W: kwetsbaarheid, O: opportuniteit, T: risico.",
        )
    )


def interviews_chapter(
    results: InterviewResults, params: dict, swot_figure: str, matrix_figure: str, *, synthetic: bool = False
) -> str:
    """Chapter 7; ``synthetic``: the coded interviews are the synthetic demo (the quotes say so)."""
    n = results.n_interviews
    source = (
        f"Bron: {n} interviews met ondernemingen, gecodeerd met het SWOT-schema van Bijlage 5 van het eindverslag "
        f"([Bijlage C](#sec-codeboek-swot))."
    )
    plain = (
        f"Bron: {n} interviews met ondernemingen, gecodeerd met het SWOT-schema van Bijlage 5 van het eindverslag "
        f"(Bijlage C)."  # captions: no links
    )
    parts = [
        interviews_opening(results, synthetic=synthetic),
        f"De {n} interviews met zaakvoerders en HR-verantwoordelijken werden gecodeerd met het SWOT-schema van "
        f"het eindverslag. De tellingen gebruiken {results.coding_rule}. "
        + agreement_sentence(
            results.alpha,
            results.n_double,
            int((results.agreement["documents"] > 0).sum()),
            "interviews",
            "interview",
            "[Bijlage C](#sec-codeboek-swot)",
        ).strip()
        + " Een thema telt mee "
        "als het in een interview minstens één keer gecodeerd is, ook via een subthema. Interviews staan hier als "
        "'interview A', 'interview B', …, in een willekeurige volgorde die niet die van de "
        "casusbeschrijving ([Bijlage D](#sec-casussen)) is: zo kan geen code of citaat naar een organisatie of een perceel "
        "herleid worden.\n",
        "## SWOT van de begeleiding {.unnumbered}\n",
        f"![SWOT van de begeleiding: per thema het aantal interviews dat het noemt. {plain}]({swot_figure})"
        f"{{#fig-swot fig-alt=\"Vier kwadranten (sterktes, kwetsbaarheden, opportuniteiten, risico's) met per thema "
        f'het aantal interviews dat het thema noemt."}}\n',
    ]
    strongest = results.swot.sort_values(["documents", "segments"], ascending=False, kind="stable").iloc[0]
    parts.append(
        f"Het vaakst genoemd is '{strongest.code}' ({strongest.kwadrant.lower()}: {strongest.documents} van "
        f"de {n} interviews; @tbl-swot in [Bijlage C](#sec-codeboek-swot) geeft de aantallen van elk thema, met de "
        f"gecodeerde segmenten). @tbl-cooccurrentie toont welke sterktes samen met welke risico's in "
        f"hetzelfde interview voorkomen.\n"
    )
    co = results.co_occurrence.copy()
    co.index = [_theme(i) for i in co.index]
    co.columns = [_theme(c) for c in co.columns]
    co = co.reset_index().rename(columns={"index": "Sterkte (rij), risico (kolom)"})
    parts.append(
        markdown_table(
            co,
            "Sterktes en risico's in hetzelfde interview (aantal interviews)",
            "tbl-cooccurrentie",
            align="l" + "r" * (len(co.columns) - 1),
            source=source,
        )
    )
    parts.append(
        f"![Thema's per interview (aantal gecodeerde segmenten). {plain}]({matrix_figure})"
        f'{{#fig-interviewmatrix fig-alt="Heatmap met per interview het aantal gecodeerde segmenten per '
        f'SWOT-thema."}}\n'
    )
    groupings = {"KMO-profiel": (results.profiles, results.profile_note), **results.attributes}  # shown if large enough
    hidden = []
    for number, (label, (table, note)) in enumerate(groupings.items(), start=1):
        if table.shape[1]:
            shown = table.reset_index().rename(columns={"thema": "Thema"})
            shown["Thema"] = shown["Thema"].map(_labelled)
            parts.append(
                markdown_table(
                    shown,
                    f"Interviews per thema naar {label.lower()}",
                    f"tbl-swot-groep-{number}",
                    source=source + " " + note,
                )
            )
        else:
            hidden.append(label if label.startswith("KMO") else label.lower())
    if hidden:
        listed = hidden[0] if len(hidden) == 1 else ", ".join(hidden[:-1]) + " en " + hidden[-1]
        parts.append(
            callout(
                f"Een uitsplitsing naar {listed} wordt niet getoond: een groep organisaties komt alleen in beeld "
                f"als ze minstens {params['disclosure']['min_cases']} organisaties telt en de andere "
                f"organisaties samen ook; anders wijst een telling naar enkele organisaties."
            )
        )
    parts.append("## Citaten {.unnumbered}\n")
    if synthetic:
        parts.append(callout(SYNTHETIC_QUOTES.format(who="ondernemingen")))
    parts.append(
        f"Per thema ten hoogste {params['interviews']['quotes_per_theme']} korte citaten uit verschillende "
        f"interviews, gekozen volgens een vaste regel (de kortste gecodeerde segmenten tot "
        f"{params['interviews']['quote_max_chars']} tekens) en gecontroleerd op namen.\n"
    )
    for kwadrant, group in results.quotes.groupby("kwadrant", sort=False):
        parts.append(f"**{kwadrant}**\n")
        for row in group.itertuples():
            parts.append(f'- *{_theme(row.theme)}*: "{row.quote}" ({row.label})')
        parts.append("")
    return "\n".join(parts) + "\n"


def interviews_pointer(params: dict) -> str:
    return callout(
        f"De interviews met ondernemingen worden alleen voor het hele programma gerapporteerd: per "
        f"perceel zijn er minder dan {params['disclosure']['min_cases']} interviews, te weinig om iets te "
        f"tonen zonder dat het naar een organisatie wijst. Het hoofdstuk staat in "
        + programme_report_link("sec-interviews")
        + "."
    )


def swot_codebook_fragment(scheme: CodingScheme) -> str:
    return coding_scheme_fragment(
        scheme,
        ["Hoofdvariabele", "Hoofdthema", "Subthema"],
        "Codeerschema van de SWOT-analyse",
        "tbl-codeboek-swot",
        "data/codebook/swot.yml",
    )


def cases_fragment(cases: pd.DataFrame) -> str:
    """Bijlage 9 (one row per organisation) and Tabel 7 (organisations per perceel and profile)."""
    per_perceel = cases.groupby("perceel").agg(
        organisaties=("case", "count"),
        profielen=("profielen", lambda v: "; ".join(sorted({p.strip() for x in v.dropna() for p in x.split(";")}))),
    )
    tabel7 = pd.DataFrame(
        {
            "Perceel": per_perceel.index,
            "Organisaties": per_perceel["organisaties"].values,
            "KMO-profielen": per_perceel["profielen"].replace("", "–").values,
        }
    )
    detail = pd.DataFrame(
        {
            "Casus": cases["case"],
            "Perceel": cases["perceel"],
            "Aanpak": cases["aanpak_in_afstemming"].fillna("–"),
            "Thema's": cases["themas"].fillna("–"),
            "Profiel": cases["profielen"].fillna("–"),
        }
    )
    return (
        "\n".join(
            [
                markdown_table(
                    tabel7,
                    "Deelnemende organisaties per perceel",
                    "tbl-casussen-perceel",
                    align="lrl",
                    source="Bron: eindverslag, Tabel 7 en Bijlage 9; casustabel casussen.csv van de interviews.",
                ),
                markdown_table(
                    detail,
                    "Beschrijving van de casussen",
                    "tbl-casussen",
                    align="lrlll",
                    widths=[12, 6, 26, 36, 20],
                    source="Bron: eindverslag, Bijlage 9 (gepubliceerde kenmerken); casustabel casussen.csv van de interviews.",
                ),
            ]
        )
        + "\n"
    )


def interviews_finding(results: InterviewResults | None, params: dict, language: str, claims: list[Claim]) -> str:
    """One or two generated sentences for the summary and the conclusions (the programme run), or a pointer.

    Worded from the interview claims (:func:`~competentiecheck.interviews.claims.interview_claims`): what the
    firms name most as a strength (the support itself, or another theme), the most frequent risk and whether
    lack of time is among the three most named weaknesses and risks. The claims carry the data status: on
    the synthetic demo codings the sentence says so, it is no finding about the programme."""
    english = language != "nl"
    if results is None:
        return (
            "The company interviews are reported for the whole programme only.\n"
            if english
            else "De interviews met ondernemingen staan alleen in het rapport over het hele programma.\n"
        )
    outcome = {c.id: c.outcome for c in claims}
    demo = any(c.data_status == "demo" for c in claims)
    n = results.n_interviews
    if outcome.get("bedrijfsinterviews.sterkte") == "not publishable":
        return (
            "The company interviews are too few to report counts.\n"
            if english
            else f"Er zijn te weinig interviews met ondernemingen om tellingen te tonen (minder dan "
            f"{params['disclosure']['min_cases']}).\n"
        )
    strengths = theme_counts(results, ["S"])
    support = next((t for t in strengths if t.path == SUPPORT), strengths[0])
    risk = theme_counts(results, ["T"])[0]
    time = interviews_with(results, TIME)
    parts = ", ".join(f"{c.name.lower()} {c.interviews}" for c in subthemes(results, SUPPORT))
    strength_outcome = outcome.get("bedrijfsinterviews.sterkte")
    time_holds = outcome.get("bedrijfsinterviews.tijd_risico") == "holds"
    if english:
        lead = (
            f"In the synthetic demo codings of {n} interviews (not a finding about the programme)"
            if demo
            else (f"Of the {n} company interviews")
        )
        if strength_outcome == "holds":
            first = f"{lead}, {support.interviews} name the support itself as a strength ({parts})"
        else:
            first = f"{lead}, the strength named most often is '{strengths[0].name}' ({strengths[0].interviews})"
        second = (
            f"the most frequent risk is '{risk.name}' ({risk.interviews}), and lack of time is "
            + ("" if time_holds else "not ")
            + f"among the three most frequent weaknesses and risks ({time} interviews)."
        )
        return f"{first}; {second}\n"
    lead = (
        f"In de synthetische demo-coderingen van {n} interviews (geen bevinding over het programma)"
        if demo
        else f"Van de {n} geïnterviewde ondernemingen"
    )
    if strength_outcome == "holds":
        first = f"{lead} noemen er {support.interviews} de begeleiding zelf als sterkte ({parts} interviews)"
    elif strength_outcome == "undetermined":
        first = (
            f"{lead} noemen er {support.interviews} de begeleiding zelf als sterkte, evenveel als er "
            f"'{next(t.name for t in strengths if t.path != SUPPORT)}' noemen"
        )
    else:
        first = (
            f"{lead} wordt niet de begeleiding maar '{strengths[0].name}' het vaakst als sterkte genoemd "
            f"({strengths[0].interviews} interviews)"
        )
    second = (
        f"het vaakst genoemde risico is '{risk.name}' ({risk.interviews} interviews), en tijdgebrek hoort "
        + ("" if time_holds else "niet ")
        + f"bij de drie vaakst genoemde kwetsbaarheden en risico's ({time} interviews); zie @sec-interviews."
    )
    return f"{first}; {second}\n"
