"""The report pieces of the synthesis: chapter 9 (conclusions, triangulation, programme theory, Tabel 9,
recommendations), the first pages (key figures, main conclusions, top recommendations) in Dutch and English,
the appendix "Bevindingen en hun onderbouwing", and the tables and values behind them.

Wording rules: a conclusion is stated as a finding only at the levels its support allows, and says which
source supports which part; its heading affirms only when every part is supported, else it is a question
(marked '(alleen demo)' when only the demo speaks); whatever rests on synthetic demo data only is said to
be so, on the first page and in the chapter; only numbers computed from synthetic inputs carry the demo
mark; a claim is named by its short label, linked, never by its id, and a rule in words, never by its
parameter name; a link points only to an anchor that exists in the run's report (the appendix gives every
claim of the run one). A perceel's first page says what its own data can and cannot show.
"""

from __future__ import annotations

import pandas as pd

from competentiecheck.core.claims import DATA_STATUS_LABELS, OUTCOME_LABELS, QUESTIONS, SOURCES, Claim
from competentiecheck.core.tables import callout, markdown_table
from competentiecheck.core.terms import programme_report_link
from competentiecheck.synthesis.assemble import Synthesis
from competentiecheck.synthesis.conclusions import anchor, source_names, triangulation_fragment
from competentiecheck.synthesis.evidence import catalogue_entry
from competentiecheck.synthesis.key_figures import key_figures_note, key_figures_table
from competentiecheck.synthesis.labels import claim_label, reader_text
from competentiecheck.synthesis.programme_theory import (
    FIGURE_ALT,
    arrows_fragment,
    conditions_fragment,
    profile_table,
)
from competentiecheck.synthesis.recommendations import DEMO, ISSUED

__all__ = [
    "chapter_fragment",
    "summary_fragment",
    "summary_fragment_en",
    "appendix_fragment",
    "synthesis_tables",
    "synthesis_values",
    "FIGURE_NAME",
    "TOP_RECOMMENDATIONS",
]

FIGURE_NAME = "programmatheorie"
AUDIENCE_SHORT = {
    "DWSE": "DWSE",
    "dienstverleners": "Dienstverleners",
    "KMO's": "KMO's",
    "evaluatieteam": "Evaluatieteam",
}
AUDIENCE_SHORT_EN = {
    "DWSE": "DWSE",
    "dienstverleners": "Service providers",
    "KMO's": "SMEs",
    "evaluatieteam": "Evaluation team",
}
TOP_RECOMMENDATIONS = 3
DEMO_PARTS = {
    "literatuur": ("de codering van de literatuurstudie", "the coding of the literature review"),
    "plannen": ("de gecodeerde plannen van aanpak", "the coded plans of approach"),
    "vragenlijst": ("de antwoorden op de vragenlijst", "the survey answers"),
    "bedrijfsinterviews": ("de gecodeerde interviews met ondernemingen", "the coded company interviews"),
    "partnerschappen": (
        "de netwerkcirkels en de gecodeerde gesprekken met sectorconsulenten",
        "the network circles and the coded interviews with sector consultants",
    ),
}
SECTION_NAMES = {
    "sec-literatuur": "Literatuurstudie",
    "sec-profielen": "Profielen van KMO's",
    "sec-vragenlijst": "Vragenlijstonderzoek",
    "sec-statistiek": "Leerklimaat, leren en competenties",
    "sec-verandering": "Verandering tussen voor- en nameting",
    "sec-interviews": "Interviews met ondernemingen",
    "sec-partnerschappen": "Partnerschappen",
}


def _join(items: list[str], last: str = "en") -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {last} " + items[-1]


def _perceel_text(synthesis: Synthesis) -> str:
    return "het hele programma" if synthesis.is_programme else synthesis.label.lower()


# --------------------------------------------------------------------------- the demo notice


def demo_notice(synthesis: Synthesis, language: str = "nl") -> str:
    """A visible note while any strand rests on synthetic demo data, naming those parts; empty otherwise.
    (The same note stands on the first page and at the top of chapter 9.)"""
    if not synthesis.demo:
        return ""
    index = 0 if language == "nl" else 1
    parts = _join([DEMO_PARTS[strand][index] for strand in synthesis.demo], "en" if language == "nl" else "and")
    if language == "nl":
        return callout(
            f"**Synthetische demogegevens.** Dit rapport rust deels op synthetische gegevens, niet op de werking: "
            f"{parts}. Wat alleen daarop rust, is geen bevinding over de werking en staat er ook niet als bevinding; "
            "de bijlage [Bevindingen en hun onderbouwing](#sec-bevindingen) toont per uitspraak op welke gegevens ze "
            "rust."
        )
    return callout(
        f"**Synthetic demo data.** This report rests partly on synthetic data, not on the programme: {parts}. "
        "Whatever rests on them alone is not a finding about the programme and is not worded as one."
    )


# --------------------------------------------------------------------------- chapter 9


def _found(synthesis: Synthesis) -> str:
    """What the chapter found, counted from the assessments: how many conclusions the data state as a finding,
    how many rest on the synthetic demo alone, how many are contested or undecided."""
    levels = [a.level for a in synthesis.assessments]
    n = len(levels)
    stated = sum(level in ("sterk", "gedeeltelijk") for level in levels)
    demo = levels.count("demo")
    other = n - stated - demo
    parts = [f"{stated} van de {n} conclusies {'staat' if stated == 1 else 'staan'} als bevinding op de gegevens"]
    if demo:
        parts.append(f"{demo} {'rust' if demo == 1 else 'rusten'} alleen op de synthetische demo")
    if other:
        parts.append(f"{other} {'wordt' if other == 1 else 'worden'} tegengesproken of niet beslist")
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]
    return f"Wat zeggen de onderzoeksdelen samen over de vijf vragen van de evaluatie? {listed}.\n\n"


def _intro(synthesis: Synthesis) -> str:
    questions = "\n".join(f"{number}. {text}" for number, text in sorted(QUESTIONS.items()))
    text = _found(synthesis) + (
        "Dit hoofdstuk brengt de uitspraken van alle onderzoeksdelen samen. Elke conclusie rust op benoemde "
        "uitspraken die de pijplijn op de gegevens toetst (de bijlage [Bevindingen en hun onderbouwing]"
        "(#sec-bevindingen) geeft ze alle, met hun cijfers). Hoe stellig een conclusie geformuleerd is, hangt af "
        "van hoeveel bronnen haar ondersteunen en of een bron haar tegenspreekt; verandert de uitkomst van een "
        "uitspraak, dan verandert de conclusie mee. De evaluatie beantwoordt vijf vragen:\n\n"
        f"{questions}\n"
    )
    if not synthesis.is_programme:
        names = _borrowed_names(synthesis)
        text += (
            f"\nDit hoofdstuk geldt voor {synthesis.label.lower()} en gebruikt de uitspraken die voor dit perceel "
            "getoetst zijn."
        )
        if names:
            text += (
                f" Wat alleen voor het hele programma beoordeeld wordt ({names}), telt hier mee als programmabrede "
                "bron en staat in de tabellen als *prog.*"
            )
        text += "\n"
    return text


def _borrowed_names(synthesis: Synthesis) -> str:
    """'de literatuurstudie, de interviews met ondernemingen en 1 uitspraak over de plannen van aanpak'."""
    evidence = synthesis.evidence
    names = []
    for strand, label in SOURCES.items():
        borrowed = [c for c in evidence.programme.values() if c.source == strand]
        if not borrowed:
            continue
        if any(c.source == strand for c in evidence.claims.values()):
            count = len(borrowed)
            names.append(f"{count} {'uitspraak' if count == 1 else 'uitspraken'} over de {label.lower()}")
        else:
            names.append(f"de {label.lower()}")
    return _join(names) if names else ""


def _conclusions(synthesis: Synthesis) -> str:
    parts = ["## Conclusies {#sec-synthese-conclusies}\n"]
    for assessment in synthesis.assessments:
        conclusion = assessment.conclusion
        parts.append(f"### {assessment.heading()} {{#sec-conclusie-{conclusion.id}}}\n")
        text = assessment.wording("nl")
        if assessment.complete:
            text += " " + conclusion.meaning
        parts.append(text + "\n")
        lines = assessment.evidence_lines(synthesis.evidence)
        if lines:
            parts.append("Onderbouwing:\n\n" + "\n".join(f"- {line}" for line in lines) + "\n")
    return "\n".join(parts)


def _triangulation(synthesis: Synthesis) -> str:
    return (
        "## Triangulatie {#sec-triangulatie}\n\n"
        "@tbl-triangulatie zet de conclusies naast de vijf bronnen van de evaluatie. Een conclusie krijgt haar "
        "eigen, stellige formulering en kop alleen als elk deel ervan gesteund wordt en geen bron haar "
        "tegenspreekt (en als één formulering voor het geheel: als minstens twee bronnen haar steunen); anders "
        "zegt de tekst welke bron welk deel steunt, waarover alleen synthetische demogegevens of niets "
        "beslissen, en staat de kop als vraag.\n\n"
        + triangulation_fragment(synthesis.assessments, synthesis.is_programme)
    )


def _programme_theory(synthesis: Synthesis, figure_path: str) -> str:
    table, _ = _profile_table(synthesis)
    caption = (
        f"Programmatheorie van de werking, met op elke pijl de onderbouwing uit de gegevens van "
        f"{_perceel_text(synthesis)}. Bron: programmatheorie.yml (naar Figuur 6 van het eindverslag), de "
        "uitspraken van dit rapport en de Spearman-correlaties van de vragenlijst."
    )
    return (
        "## Bijgestelde programmatheorie {#sec-programmatheorie-bijgesteld}\n\n"
        "Na de resultaten en een laatste co-creatiesessie met de dienstverleners stelde het eindverslag de "
        "programmatheorie bij. Ze vat samen hoe de werking competentieontwikkeling in KMO's zou moeten bereiken "
        "(@fig-programmatheorie): het maturiteitsprofiel van een onderneming bepaalt waar haar leer- en "
        "ontwikkelbeleid staat; dat beleid kan de leerklimaatcondities versterken, die gaan samen met meer "
        "leeractiviteiten en die met de ontwikkeling van competenties; het leerklimaat hangt ook samen met "
        "jobtevredenheid en de intentie om te blijven. Op elke pijl staat wat de gegevens erover zeggen: de "
        "samenhang die de vragenlijst meet, de uitspraak van een andere bron, of 'niet gemeten'. @tbl-programmatheorie-pijlen "
        "geeft hetzelfde in woorden.\n\n"
        f'![{caption}]({figure_path}){{#fig-programmatheorie fig-alt="{FIGURE_ALT}"}}\n\n'
        + arrows_fragment(synthesis.theory, synthesis.arrows, synthesis.evidence)
        + "\n**Basisvoorwaarden.** Welk profiel een onderneming ook heeft, een leer- en ontwikkelbeleid komt pas "
        "van de grond als aan vijf voorwaarden voldaan is:\n\n"
        + conditions_fragment(synthesis.theory, synthesis.evidence)
        + "\n**Profielen.** De profielen zijn geen hokjes: een plan kan bij meer dan één profiel passen, en een "
        "deel van de ondernemingen heeft nog geen leer- en ontwikkelbeleid (het zesde profiel). "
        "@tbl-profielen-samenvatting vat ze samen, met het aantal plannen van aanpak dat bij elk profiel past "
        "(@sec-profielen).\n\n" + table
    )


def _profile_table(synthesis: Synthesis):
    totals = {"totaal": int(synthesis.programme_params["context"]["plannen_van_aanpak"])}
    totals[synthesis.run] = int(synthesis.params["context"]["plannen_van_aanpak"])
    return profile_table(synthesis.profiles, synthesis.profile_counts, synthesis.run, synthesis.label, totals)


def _recommendation_line(decision, synthesis: Synthesis, language: str = "nl") -> str:
    text = decision.recommendation.text[language]
    if language == "nl":
        text += f" (onderbouwing: {decision.links(synthesis.evidence)})"
    return text


def _for_audiences(synthesis: Synthesis, audiences: list[str]) -> str:
    """'Voor dienstverleners en consultants en voor KMO's'."""
    names = [synthesis.audiences[a]["nl"] for a in audiences]
    return _join([names[0]] + [name[:1].lower() + name[1:] for name in names[1:]])


def _by_audience(synthesis: Synthesis, decisions: list) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for audience in synthesis.audiences:
        found = [d for d in decisions if d.recommendation.audience == audience]
        if found:
            grouped[audience] = found
    return grouped


def _recommendations(synthesis: Synthesis) -> str:
    parts = [
        "## Aanbevelingen {#sec-aanbevelingen}\n",
        "Een aanbeveling wordt alleen uitgebracht als elke uitspraak die haar redenering draagt (haar "
        "voorwaarde) de uitkomst heeft die de voorwaarde vraagt, en op echte of gepubliceerde gegevens rust. Bij "
        "elke aanbeveling staan de uitspraken waarop ze rust; aanbevelingen die niet uitgebracht worden, staan "
        "met hun reden in de bijlage [Bevindingen en hun onderbouwing](#sec-bevindingen).\n",
    ]
    issued = _by_audience(synthesis, [d for d in synthesis.decisions if d.status == ISSUED])
    for audience, decisions in issued.items():
        parts.append(f"### {synthesis.audiences[audience]['nl']}\n")
        parts.append("\n".join(f"- {_recommendation_line(d, synthesis)}" for d in decisions) + "\n")
    without = [audience for audience in synthesis.audiences if audience not in issued]
    if without:
        parts.append(
            f"{_for_audiences(synthesis, without)} wordt op de gegevens van dit rapport geen aanbeveling uitgebracht.\n"
        )
    demo = _by_audience(synthesis, [d for d in synthesis.decisions if d.status == DEMO])
    if demo:
        parts.append("### Wat de synthetische demo zou opleveren (geen aanbeveling)\n")
        parts.append(
            callout(
                "Deze punten volgen alleen als synthetische demogegevens meetellen: minstens één uitspraak van hun "
                "voorwaarde rust erop. Ze tonen hoe de aanbevelingen uit de gegevens volgen, maar zijn geen "
                "aanbeveling: met de echte gegevens kan elk ervan wegvallen."
            )
        )
        for audience, decisions in demo.items():
            items = "\n".join(f"- {_recommendation_line(d, synthesis)}" for d in decisions)
            parts.append(f"**{synthesis.audiences[audience]['nl']}**\n\n{items}\n")
    return "\n".join(parts)


def chapter_fragment(synthesis: Synthesis, figure_path: str, theory_test: str = "") -> str:
    """Chapter 9 of the run (the heading is in ``report/_conclusies.qmd``). ``theory_test``: the Markdown that
    judges the initial programme theory (:mod:`competentiecheck.synthesis.realist`), as its own section."""
    tested = f"## De initiële programmatheorie getoetst {{#sec-programmatheorie-getoetst}}\n\n{theory_test}"
    return "\n".join(
        part
        for part in (
            demo_notice(synthesis),
            _intro(synthesis),
            _conclusions(synthesis),
            _triangulation(synthesis),
            tested if theory_test else "",
            _programme_theory(synthesis, figure_path),
            _recommendations(synthesis),
        )
        if part
    )


# --------------------------------------------------------------------------- the first pages


def _top(synthesis: Synthesis) -> list:
    issued = [d for d in synthesis.decisions if d.status == ISSUED]
    ranked = sorted(issued, key=lambda d: (d.recommendation.top is None, d.recommendation.top or 0))
    return ranked[:TOP_RECOMMENDATIONS]


SUMMARY_LEVELS = ("sterk", "gedeeltelijk", "betwist", "niet ondersteund")


def _lower(name: str) -> str:
    """Lower case, but not an abbreviation ('SMEs', 'KMO's')."""
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


def _summary_conclusions(synthesis: Synthesis, language: str) -> str:
    """One line per conclusion the data decide, under its heading (a question unless every part is
    supported); the others named together, those on which only the demo speaks apart from those the data do
    not decide."""
    nl = language == "nl"
    lines, demo, undecided = [], [], []
    for assessment in synthesis.assessments:
        conclusion = assessment.conclusion
        if assessment.level not in SUMMARY_LEVELS:
            name = _lower(conclusion.short if nl else conclusion.short_en)
            (demo if assessment.level == "demo" else undecided).append(name)
            continue
        link = f" (@sec-conclusie-{conclusion.id})" if nl else ""
        lines.append(f"- **{assessment.heading(language)}** {assessment.wording(language)}{link}")
    if demo or undecided:
        if nl:
            said = []
            if demo:
                said.append(f"over {_join(demo)} spreken alleen synthetische demogegevens zich uit")
            if undecided:
                said.append(f"over {_join(undecided)} beslissen de gegevens niet")
            lines.append(f"- {_capital('; '.join(said))}: daarover trekt dit rapport geen conclusie.")
        else:
            said = []
            if demo:
                said.append(f"only synthetic demo data bear on {_join(demo, 'and')}")
            if undecided:
                said.append(f"the data do not decide on {_join(undecided, 'and')}")
            lines.append(f"- {_capital('; '.join(said))}, so this report draws no conclusion on them.")
    return "\n".join(lines)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _summary_recommendation(decision, synthesis: Synthesis, language: str) -> str:
    audience = {"nl": AUDIENCE_SHORT, "en": AUDIENCE_SHORT_EN}[language][decision.recommendation.audience]
    return f"- *{audience}*: {decision.recommendation.text[language]}"


def _key_figures(synthesis: Synthesis, language: str) -> str:
    run_label = None if synthesis.is_programme else synthesis.label
    if run_label and language == "en":
        run_label = run_label.replace("Perceel", "Lot")
    table = key_figures_table(synthesis.key_figures, run_label, language, mark="\\*")
    note = key_figures_note(synthesis.key_figures, language)
    caption, label = ("Kerncijfers", "tbl-kerncijfers") if language == "nl" else ("Key figures", "tbl-key-figures")
    if language == "en":
        # a numbered table would read 'Tabel n' (the report's crossref is Dutch) and a table without caption
        # still takes a number in the PDF: a titled list instead
        values = table.columns[1:]
        items = []
        for _, row in table.iterrows():
            shown = [f"{row[c]} ({c.lower()})" for c in values if row[c] != "programme only"]
            if len(shown) < len(values):  # a figure the perceel report does not have: the programme's alone
                shown = [f"{row[values[-1]]} (programme only)"]
            items.append(
                f"- {row[table.columns[0]]}: " + ("; ".join(shown) if len(values) > 1 else str(row[values[0]]))
            )
        return "**Key figures**\n\n" + "\n".join(items) + "\n\n" + note + "\n"
    return markdown_table(table, caption, label, align="l" + "r" * (len(table.columns) - 1), source=note)


def _strand_states(synthesis: Synthesis) -> tuple[list[str], list[str], list[str]]:
    """The perceel's own strands (not the programme-wide ones it borrows): those whose claims cannot be
    shown (every claim on the perceel's data not publishable), those its data do not decide (every such
    claim undetermined or not publishable) and those decided on synthetic demo data only. Claims on
    published figures (the single wave, Tabel 8) say nothing about the perceel's data and are left out."""
    hidden, undecided, demo = [], [], []
    for strand in SOURCES:
        own = [c for c in synthesis.evidence.claims.values() if c.source == strand and c.data_status != "published"]
        decided = [c for c in own if c.outcome in ("holds", "does not hold")]
        if not own:
            continue
        if all(c.outcome == "not publishable" for c in own):
            hidden.append(strand)
        elif not decided:
            undecided.append(strand)
        elif all(c.data_status == "demo" for c in decided):
            demo.append(strand)
    return hidden, undecided, demo


def _programme_wide(synthesis: Synthesis) -> list:
    """The conclusions of the summary that a perceel report draws only from programme-wide claims."""
    found = []
    for assessment in synthesis.assessments:
        if assessment.level not in SUMMARY_LEVELS:
            continue
        deciding = [
            s
            for part in assessment.parts
            for cell in part.cells.values()
            for s in cell.supports
            if s.claim is not None and s.state in ("steunt", "tegen") and not s.demo
        ]
        if deciding and all(s.borrowed for s in deciding):
            found.append(assessment)
    return found


def perceel_scope(synthesis: Synthesis, language: str = "nl") -> str:
    """What a perceel report can say about the perceel itself: which of its own sources have too few data or
    do not decide, and which conclusions are the programme's (drawn from programme-wide sources only).
    Empty for the programme."""
    if synthesis.is_programme:
        return ""
    nl = language == "nl"
    name = synthesis.label if nl else synthesis.label.replace("Perceel", "Lot")
    hidden, undecided, demo = _strand_states(synthesis)
    sentences = []
    if hidden:
        sources, _ = source_names(hidden, language)
        sentences.append(
            f"{name} telt te weinig gegevens om uitspraken uit {sources} te tonen: daarover trekt dit rapport voor "
            "dit perceel geen conclusie."
            if nl
            else f"{name} has too few data to show findings from {sources}: this report draws no conclusion on "
            "them for this lot."
        )
    if undecided:
        sources, plural = source_names(undecided, language)
        sentences.append(
            f"Op de gegevens van dit perceel beslissen {sources} geen enkele uitspraak."
            if nl
            else f"On the data of this lot, {sources} decide{'' if plural else 's'} none of the statements tested."
        )
    if demo:
        sources, plural = source_names(demo, language)
        sentences.append(
            f"Wat {sources} over dit perceel zelf {'zeggen' if plural else 'zegt'}, rust alleen op synthetische "
            "demogegevens en is geen bevinding."
            if nl
            else f"What {sources} {'say' if plural else 'says'} about this lot itself rests on synthetic demo data "
            "only and is no finding."
        )
    programme = _programme_wide(synthesis)
    if programme:
        titles = [_lower(a.conclusion.short if nl else a.conclusion.short_en) for a in programme]
        if nl:
            sentences.append(
                f"De conclusies over {_join(titles)} rusten alleen op bronnen die voor het hele programma "
                "beoordeeld worden; ze zijn die van het programma en gelden hier ook."
                if len(titles) > 1
                else f"De conclusie over {titles[0]} rust alleen op bronnen die voor het hele programma beoordeeld "
                "worden; ze is die van het programma en geldt hier ook."
            )
        else:
            sentences.append(
                f"The conclusion{'s' if len(titles) > 1 else ''} on {_join(titles, 'and')} "
                f"rest{'' if len(titles) > 1 else 's'} only on sources judged for the programme as a whole: "
                f"{'they are' if len(titles) > 1 else 'it is'} the programme's and appl{'y' if len(titles) > 1 else 'ies'} "
                "here too."
            )
    elif not sentences:
        return ""
    if hidden or undecided:
        # said once here; the chapters that show nothing of the perceel link to the programme report as well
        sentences.append(
            "Wat dit rapport voor het perceel niet kan tonen, staat in " + programme_report_link() + "."
            if nl
            else "What this report cannot show for the lot is given for the programme as a whole in the report on "
            "the whole programme (folder `totaal` beside this report's)."
        )
    return " ".join(sentences) + "\n"


def _top_recommendations(synthesis: Synthesis, language: str) -> str:
    top = _top(synthesis)
    if top:
        return "\n".join(_summary_recommendation(d, synthesis, language) for d in top)
    demo = sum(d.status == DEMO for d in synthesis.decisions)
    if language == "nl":
        return "Op de gegevens van dit rapport wordt geen aanbeveling uitgebracht" + (
            f"; de synthetische demo zou er {demo} opleveren, die @sec-aanbevelingen apart toont." if demo else "."
        )
    return "No recommendation is issued on the data of this report" + (
        f"; the synthetic demo would yield {demo}, listed apart in the Dutch text." if demo else "."
    )


def summary_fragment(synthesis: Synthesis) -> str:
    """The first page (Dutch): demo notice, what the report covers (and, for a perceel, what it can say
    about the perceel), key figures, main conclusions, top recommendations."""
    return "\n".join(
        part
        for part in (
            demo_notice(synthesis),
            f"Dit rapport evalueert de werking 'Competentiechecks voor ondernemingen' voor {_perceel_text(synthesis)}.\n",
            perceel_scope(synthesis, "nl"),
            _key_figures(synthesis, "nl"),
            f"**Belangrijkste conclusies** (@sec-synthese-conclusies)\n\n{_summary_conclusions(synthesis, 'nl')}\n",
            f"**Belangrijkste aanbevelingen** (@sec-aanbevelingen)\n\n{_top_recommendations(synthesis, 'nl')}\n",
        )
        if part
    )


def summary_fragment_en(synthesis: Synthesis) -> str:
    """The English summary: the same content, labels translated."""
    scope = (
        "the programme as a whole"
        if synthesis.is_programme
        else f"{synthesis.label.replace('Perceel', 'lot')} ({synthesis.label.lower()}), one of the programme's five lots"
    )
    return "\n".join(
        part
        for part in (
            demo_notice(synthesis, "en"),
            f"This report evaluates the Flemish programme 'Competentiechecks voor ondernemingen' (competence checks "
            f"for companies) for {scope}.\n",
            perceel_scope(synthesis, "en"),
            _key_figures(synthesis, "en"),
            f"**Main conclusions**\n\n{_summary_conclusions(synthesis, 'en')}\n",
            f"**Main recommendations**\n\n{_top_recommendations(synthesis, 'en')}\n",
        )
        if part
    )


# --------------------------------------------------------------------------- the claims appendix


def _claim_key(claim: Claim) -> str:
    """The entry's head: the label in bold with the anchor, the id once as the key of the notebooks."""
    return f"[**{_capital(claim_label(claim.id))}**]{{#{anchor(claim.id)}}} (`{claim.id}`)"


def _claim_entry(claim: Claim, params: dict, evidence_link: bool = True) -> str:
    parts = [f"{_claim_key(claim)}: {claim.statement} **{OUTCOME_LABELS[claim.outcome].capitalize()}.**"]
    if claim.numbers:
        parts.append(claim.numbers.rstrip(".") + ".")
    if claim.n:
        parts.append(f"n = {claim.n}.")
    if claim.reason:
        parts.append(f"Reden: {reader_text(claim.reason, params).rstrip('.')}.")
    section = catalogue_entry(claim.id).get("section")
    origin = f" De uitspraak komt uit het eindverslag, {section}." if section else ""
    test = reader_text(claim.test, params).rstrip(".")
    parts.append(f"*Gegevens: {DATA_STATUS_LABELS[claim.data_status]}.* Toets: {test}.{origin}")
    where = [f"[notebook {claim.notebook}](notebooks/{claim.notebook}.html)"]
    undecided_here = params.get("perceel") is not None and claim.outcome in ("undetermined", "not publishable")
    if evidence_link and claim.chapter in SECTION_NAMES and not undecided_here:
        where.insert(0, f"@{claim.chapter}")
    parts.append("Berekend in " + " en ".join(where) + ".")
    if undecided_here:
        # the perceel's chapter shows nothing that decides it: point to where the programme's outcome stands
        parts.append(
            "De gegevens van dit perceel beslissen de uitspraak niet; haar uitkomst voor het hele programma staat in "
            + programme_report_link(anchor(claim.id))
            + "."
        )
    return " ".join(parts)


def _audience_label(synthesis: Synthesis, audience: str) -> str:
    """'Departement Werk en Sociale Economie (DWSE)', 'KMO's': the audience without 'Voor (het)'."""
    who = synthesis.audiences[audience]["nl"].removeprefix("Voor ").removeprefix("het ")
    return _capital(who)


def _not_issued(synthesis: Synthesis, decisions: list) -> str:
    """Per audience the recommendations with their reasons; those held back only because the claims they
    rest on may not be published in this run share one line per rule (said once, not for every
    recommendation)."""
    lines, grouped, listed = [], {}, []
    for decision in decisions:
        kinds = {problem.kind for problem in decision.problems}
        if kinds == {"not publishable"} and len({p.detail for p in decision.problems}) == 1:
            grouped.setdefault(decision.problems[0].detail, []).append(decision)
        else:
            listed.append(decision)
    for audience, found in _by_audience(synthesis, listed).items():
        items = "\n".join(
            f"    - {d.recommendation.text['nl']} Niet uitgebracht: {'; '.join(d.reasons)}." for d in found
        )
        lines.append(f"- *{_audience_label(synthesis, audience)}*:\n\n{items}\n")
    for rule, held in grouped.items():
        items = "\n".join(
            f"    - *{_audience_label(synthesis, d.recommendation.audience)}*: {d.recommendation.text['nl']}"
            for d in held
        )
        lines.append(
            f"- Niet uitgebracht omdat de uitspraken waarop ze rusten in {_perceel_text(synthesis)} niet "
            f"publiceerbaar zijn ({rule.rstrip('.')}):\n\n{items}\n"
        )
    return "\n".join(lines)


def appendix_fragment(synthesis: Synthesis) -> str:
    """Every claim of the run with an anchor; in a perceel report the claims it cannot evaluate in one line
    per reason and the programme-wide ones in one paragraph; then the recommendations not issued."""
    evidence = synthesis.evidence
    parts = [
        "Elke uitspraak die dit rapport op de gegevens toetst, met haar uitkomst (*klopt*, *klopt niet*, "
        "*onbeslist*: de gegevens beslissen het niet, *niet publiceerbaar*: de cijfers die het zouden beslissen, "
        "mogen niet getoond worden), de cijfers zoals het rapport ze publiceert, het aantal eenheden (n), de "
        "gegevens waarop ze rust en waar ze berekend wordt. De uitspraken staan geformuleerd zoals ze getoetst "
        "worden, niet als resultaat.\n"
    ]
    for strand, label in SOURCES.items():
        own = sorted((c for c in evidence.claims.values() if c.source == strand), key=lambda c: c.id)
        if not own:
            continue
        shown = [c for c in own if c.outcome != "not publishable" or synthesis.is_programme]
        lines = [f"- {_claim_entry(c, synthesis.params, c.outcome != 'not publishable')}" for c in shown]
        withheld: dict[str, list[Claim]] = {}
        for claim in own:
            if claim not in shown:
                withheld.setdefault(reader_text(claim.reason, synthesis.params), []).append(claim)
        for reason, claims in withheld.items():
            names = ", ".join(_claim_key(c) for c in claims)
            lines.append(
                f"- Niet publiceerbaar voor {synthesis.label.lower()} ({reason.rstrip('.')}): {names}. Hun uitkomst "
                f"voor het hele programma staat in {programme_report_link('sec-bevindingen')}."
            )
        parts.append(f"**{label}**\n\n" + "\n".join(lines) + "\n")
    if evidence.programme:
        by_strand: dict[str, list[Claim]] = {}
        for claim in sorted(evidence.programme.values(), key=lambda c: c.id):
            by_strand.setdefault(claim.source, []).append(claim)
        sentences = []
        for strand in SOURCES:
            if strand in by_strand:
                items = "; ".join(
                    f"{_claim_key(c)}: {OUTCOME_LABELS[c.outcome]}"
                    f"{' (synthetische demo)' if c.data_status == 'demo' else ''}"
                    for c in by_strand[strand]
                )
                sentences.append(f"{SOURCES[strand]}: {items}.")
        parts.append(
            "**Alleen voor het hele programma beoordeeld.** Deze uitspraken worden niet per perceel getoetst; ze "
            "gelden ook voor dit perceel en staan met hun cijfers en toets in de bijlage van "
            + programme_report_link("sec-bevindingen")
            + ". "
            + " ".join(sentences)
            + "\n"
        )
    not_issued = [d for d in synthesis.decisions if d.status != ISSUED]
    if not_issued:
        parts.append("**Aanbevelingen die niet uitgebracht worden**\n\n" + _not_issued(synthesis, not_issued) + "\n")
    return "\n".join(parts)


# --------------------------------------------------------------------------- tables and values


def synthesis_tables(synthesis: Synthesis) -> dict[str, pd.DataFrame]:
    """Tidy tables of what the chapter shows (``build/<run>/tables/synthese_*.csv``)."""
    cells = [
        {
            "conclusie": a.conclusion.id,
            "kop": a.heading(),
            "bron": strand,
            "cel": cell.state,
            "demo": cell.demo,
            "programmabreed": cell.borrowed,
            "niveau": a.level,
            "niveau_op_demo": a.demo_level or "",
        }
        for a in synthesis.assessments
        for strand, cell in a.cells.items()
    ]
    decisions = [
        {
            "aanbeveling": d.recommendation.id,
            "doelgroep": d.recommendation.audience,
            "status": d.status,
            "rust_op": "; ".join(d.recommendation.rests_on),
            "reden": "; ".join(d.reasons),
        }
        for d in synthesis.decisions
    ]
    arrows = [
        {
            "van": a.source,
            "naar": a.target,
            "soort": a.kind,
            "mediaan_rho": a.median,
            "teken_omgekeerd": a.reversed,
            "paren": a.pairs,
            "n_zoals_gepubliceerd": a.n,
            "berekend_op_demo": a.demo_measure,
            "uitspraken": "; ".join(f"{cid}: {c.outcome if c else 'niet gemeten'}" for cid, c in a.claims),
        }
        for a in synthesis.arrows
    ]
    run_label = None if synthesis.is_programme else synthesis.label
    _, profiles = _profile_table(synthesis)
    return {
        "synthese_triangulatie": pd.DataFrame(cells),
        "synthese_aanbevelingen": pd.DataFrame(decisions),
        "synthese_pijlen": pd.DataFrame(arrows),
        "synthese_kerncijfers": key_figures_table(synthesis.key_figures, run_label),
        "synthese_profielen": profiles,
    }


def synthesis_values(synthesis: Synthesis) -> dict:
    return {
        "synthese_demo": bool(synthesis.demo),
        "synthese_aanbevelingen_uitgebracht": sum(d.status == ISSUED for d in synthesis.decisions),
        "synthese_conclusies_als_bevinding": sum(a.is_finding for a in synthesis.assessments),
    }
