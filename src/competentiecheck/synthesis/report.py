"""The report pieces of the synthesis: chapter 9 (conclusions, triangulation, programme theory, Tabel 9,
recommendations), the first pages (key figures, main conclusions, top recommendations) in Dutch and English,
the appendix "Bevindingen en hun onderbouwing", and the tables and values behind them.

Wording rules: a conclusion is stated as a finding only at the levels its support allows; whatever rests
on synthetic demo data only is said to be so, on the first page and in the chapter; a link points only to
an anchor that exists in the run's report (the appendix gives every claim of the run one).
"""

from __future__ import annotations

import pandas as pd

from competentiecheck.core.claims import DATA_STATUS_LABELS, OUTCOME_LABELS, QUESTIONS, SOURCES, Claim
from competentiecheck.core.tables import callout, markdown_table
from competentiecheck.synthesis.assemble import Synthesis
from competentiecheck.synthesis.conclusions import anchor, triangulation_fragment
from competentiecheck.synthesis.evidence import catalogue_entry
from competentiecheck.synthesis.key_figures import DEMO_MARK, key_figures_table
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


def _intro(synthesis: Synthesis) -> str:
    questions = "\n".join(f"{number}. {text}" for number, text in sorted(QUESTIONS.items()))
    text = (
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
        parts.append(f"### {conclusion.title} {{#sec-conclusie-{conclusion.id}}}\n")
        text = assessment.wording("nl")
        if assessment.is_finding:
            text += " " + conclusion.meaning
        parts.append(text + "\n")
        lines = assessment.evidence_lines(synthesis.evidence)
        if lines:
            parts.append("Onderbouwing:\n\n" + "\n".join(f"- {line}" for line in lines) + "\n")
    return "\n".join(parts)


def _triangulation(synthesis: Synthesis) -> str:
    return (
        "## Triangulatie {#sec-triangulatie}\n\n"
        "@tbl-triangulatie zet de conclusies naast de vijf bronnen van de evaluatie. Een conclusie is stellig "
        "geformuleerd als minstens twee bronnen haar ondersteunen en geen haar tegenspreekt; steunt één bron, dan "
        "zegt de tekst dat; spreken bronnen elkaar tegen, dan heet ze betwist.\n\n"
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


def _recommendation_line(decision, synthesis: Synthesis, language: str = "nl", audience: bool = False) -> str:
    text = decision.recommendation.text[language]
    if audience:
        who = synthesis.audiences[decision.recommendation.audience][language]
        text = f"*{who}*: {text}"
    if language == "nl":
        text += f" (onderbouwing: {decision.links(synthesis.evidence)})"
    return text


def _recommendations(synthesis: Synthesis) -> str:
    parts = [
        "## Aanbevelingen {#sec-aanbevelingen}\n",
        "Een aanbeveling wordt alleen uitgebracht als de uitspraken waarop ze rust de uitkomst hebben die haar "
        "voorwaarde vraagt, en minstens één uitspraak die moet kloppen op echte of gepubliceerde gegevens rust. "
        "Bij elke aanbeveling staan de uitspraken waarop ze rust; aanbevelingen die niet uitgebracht worden, staan "
        "met hun reden in de bijlage [Bevindingen en hun onderbouwing](#sec-bevindingen).\n",
    ]
    for audience, names in synthesis.audiences.items():
        issued = [d for d in synthesis.decisions if d.status == ISSUED and d.recommendation.audience == audience]
        parts.append(f"### {names['nl']}\n")
        if issued:
            parts.append("\n".join(f"- {_recommendation_line(d, synthesis)}" for d in issued) + "\n")
        else:
            parts.append("Op de gegevens van dit rapport wordt voor deze doelgroep geen aanbeveling uitgebracht.\n")
    demo = [d for d in synthesis.decisions if d.status == DEMO]
    if demo:
        parts.append("### Wat de synthetische demo zou opleveren (geen aanbeveling)\n")
        parts.append(
            callout(
                "Deze punten volgen alleen uit synthetische demogegevens. Ze tonen hoe de aanbevelingen uit de "
                "gegevens volgen, maar zijn geen aanbeveling: met de echte gegevens kan elk ervan wegvallen."
            )
        )
        parts.append("\n".join(f"- {_recommendation_line(d, synthesis, audience=True)}" for d in demo) + "\n")
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


def _summary_conclusions(synthesis: Synthesis, language: str) -> str:
    """One sentence per conclusion the data decide; the others together in one sentence (on demo data
    that is most of them: they are named, not stated)."""
    lines, open_ones = [], []
    for assessment in synthesis.assessments:
        conclusion = assessment.conclusion
        if assessment.level not in SUMMARY_LEVELS:
            name = conclusion.short if language == "nl" else conclusion.title_en
            # lower case, but not an abbreviation ('SMEs', 'KMO's')
            open_ones.append(name if name[1:2].isupper() else name[:1].lower() + name[1:])
            continue
        title = conclusion.title if language == "nl" else conclusion.title_en
        link = f" (@sec-conclusie-{conclusion.id})" if language == "nl" else ""
        lines.append(f"- **{title}**: {assessment.wording(language)}{link}")
    if open_ones:
        demo = any(a.level == "demo" for a in synthesis.assessments)
        if language == "nl":
            why = (
                "spreken alleen synthetische demogegevens zich uit, of beslissen de gegevens niet"
                if demo
                else ("beslissen de gegevens niet")
            )
            lines.append(f"- Over {_join(open_ones)} {why}: daarover trekt dit rapport geen conclusie.")
        else:
            why = (
                "only synthetic demo data bear on them, or the data do not decide" if demo else "the data do not decide"
            )
            lines.append(f"- No conclusion is drawn on {_join(open_ones, 'and')}: {why}.")
    return "\n".join(lines)


def _summary_recommendation(decision, synthesis: Synthesis, language: str) -> str:
    audience = {"nl": AUDIENCE_SHORT, "en": AUDIENCE_SHORT_EN}[language][decision.recommendation.audience]
    return f"- *{audience}*: {decision.recommendation.text[language]}"


def _key_figures(synthesis: Synthesis, language: str) -> str:
    run_label = None if synthesis.is_programme else synthesis.label
    table = key_figures_table(synthesis.key_figures, run_label, language)
    demo = any(f.demo for f in synthesis.key_figures)
    if language == "nl":
        note = (
            "Bron: parameters van de run (plannen van aanpak en minimaal bereik volgens de oproep), de hoofdstukken "
            "over de vragenlijst, de partnerschappen en de interviews. Het werkelijke aantal bereikte organisaties "
            "is niet bekend."
        )
        if demo:
            note += f" {DEMO_MARK} synthetische demogegevens."
        return markdown_table(
            table, "Kerncijfers", "tbl-kerncijfers", align="l" + "r" * (len(table.columns) - 1), source=note
        )
    note = (
        "Source: run parameters (plans of approach and minimum reach set by the call) and the chapters on the "
        "survey, the partnerships and the interviews. The number of organisations actually reached is not known."
    )
    if demo:
        note += f" {DEMO_MARK} synthetic demo data."
    return markdown_table(
        table, "Key figures", "tbl-key-figures", align="l" + "r" * (len(table.columns) - 1), source=note
    )


def summary_fragment(synthesis: Synthesis) -> str:
    """The first page (Dutch): demo notice, key figures, main conclusions, top recommendations."""
    conclusions = _summary_conclusions(synthesis, "nl")
    top = _top(synthesis)
    if top:
        recommendations = "\n".join(_summary_recommendation(d, synthesis, "nl") for d in top)
    else:
        demo = sum(d.status == DEMO for d in synthesis.decisions)
        recommendations = "Op de gegevens van dit rapport wordt geen aanbeveling uitgebracht" + (
            f"; de synthetische demo zou er {demo} opleveren, die @sec-aanbevelingen apart toont." if demo else "."
        )
    return "\n".join(
        part
        for part in (
            demo_notice(synthesis),
            f"Dit rapport evalueert de werking 'Competentiechecks voor ondernemingen' voor {_perceel_text(synthesis)}.\n",
            _key_figures(synthesis, "nl"),
            f"**Belangrijkste conclusies** (@sec-synthese-conclusies)\n\n{conclusions}\n",
            f"**Belangrijkste aanbevelingen** (@sec-aanbevelingen)\n\n{recommendations}\n",
        )
        if part
    )


def summary_fragment_en(synthesis: Synthesis) -> str:
    """The English summary: the same content, labels translated."""
    scope = (
        "the programme as a whole"
        if synthesis.is_programme
        else f"{synthesis.label.lower()}, one of the programme's lots (percelen)"
    )
    conclusions = _summary_conclusions(synthesis, "en")
    top = _top(synthesis)
    if top:
        recommendations = "\n".join(_summary_recommendation(d, synthesis, "en") for d in top)
    else:
        demo = sum(d.status == DEMO for d in synthesis.decisions)
        recommendations = "No recommendation is issued on the data of this report" + (
            f"; the synthetic demo would yield {demo}, listed apart in the Dutch text." if demo else "."
        )
    return "\n".join(
        part
        for part in (
            demo_notice(synthesis, "en"),
            f"This report evaluates the Flemish programme 'Competentiechecks voor ondernemingen' (competence checks "
            f"for companies) for {scope}.\n",
            _key_figures(synthesis, "en"),
            f"**Main conclusions**\n\n{conclusions}\n",
            f"**Main recommendations**\n\n{recommendations}\n",
        )
        if part
    )


# --------------------------------------------------------------------------- the claims appendix


def _claim_entry(claim: Claim, evidence_link: bool = True) -> str:
    parts = [
        f"[**{claim.id}**]{{#{anchor(claim.id)}}} {claim.statement} **{OUTCOME_LABELS[claim.outcome].capitalize()}.**"
    ]
    if claim.numbers:
        parts.append(claim.numbers.rstrip(".") + ".")
    if claim.n:
        parts.append(f"n = {claim.n}.")
    if claim.reason:
        parts.append(f"Reden: {claim.reason.rstrip('.')}.")
    section = catalogue_entry(claim.id).get("section")
    origin = f" De uitspraak komt uit het eindverslag, {section}." if section else ""
    parts.append(f"*Gegevens: {DATA_STATUS_LABELS[claim.data_status]}.* Toets: {claim.test.rstrip('.')}.{origin}")
    where = [f"[notebook {claim.notebook}](notebooks/{claim.notebook}.html)"]
    if evidence_link and claim.chapter in SECTION_NAMES:
        where.insert(0, f"@{claim.chapter}")
    parts.append("Berekend in " + " en ".join(where) + ".")
    return " ".join(parts)


def _audience(synthesis: Synthesis, decision) -> str:
    who = synthesis.audiences[decision.recommendation.audience]["nl"].removeprefix("Voor ")
    return who[:1].lower() + who[1:]


def _not_issued(synthesis: Synthesis, decisions: list) -> str:
    """One line per recommendation with its reasons; those held back only because the claims they rest on
    may not be published in this run share one line per rule (said once, not for every recommendation)."""
    lines, grouped = [], {}
    for decision in decisions:
        kinds = {problem.kind for problem in decision.problems}
        if kinds == {"not publishable"} and len({p.detail for p in decision.problems}) == 1:
            grouped.setdefault(decision.problems[0].detail, []).append(decision)
            continue
        reasons = "; ".join(decision.reasons)
        lines.append(
            f"- *{_audience(synthesis, decision)}*: {decision.recommendation.text['nl']} Niet uitgebracht: {reasons}."
        )
    for rule, held in grouped.items():
        items = "\n".join(f"    - *{_audience(synthesis, d)}*: {d.recommendation.text['nl']}" for d in held)
        lines.append(
            f"- Niet uitgebracht omdat de uitspraken waarop ze rusten in {_perceel_text(synthesis)} niet "
            f"publiceerbaar zijn ({rule.rstrip('.')}):\n\n{items}"
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
        lines = [f"- {_claim_entry(c, c.outcome != 'not publishable')}" for c in shown]
        withheld: dict[str, list[Claim]] = {}
        for claim in own:
            if claim not in shown:
                withheld.setdefault(claim.reason, []).append(claim)
        for reason, claims in withheld.items():
            names = ", ".join(f"[**{c.id}**]{{#{anchor(c.id)}}}" for c in claims)
            lines.append(f"- Niet publiceerbaar voor {synthesis.label.lower()} ({reason.rstrip('.')}): {names}.")
        parts.append(f"**{label}**\n\n" + "\n".join(lines) + "\n")
    if evidence.programme:
        by_strand: dict[str, list[Claim]] = {}
        for claim in sorted(evidence.programme.values(), key=lambda c: c.id):
            by_strand.setdefault(claim.source, []).append(claim)
        sentences = []
        for strand in SOURCES:
            if strand in by_strand:
                items = "; ".join(
                    f"[**{c.id}**]{{#{anchor(c.id)}}} {OUTCOME_LABELS[c.outcome]}"
                    f"{' (synthetische demo)' if c.data_status == 'demo' else ''}"
                    for c in by_strand[strand]
                )
                sentences.append(f"{SOURCES[strand]}: {items}.")
        parts.append(
            "**Alleen voor het hele programma beoordeeld.** Deze uitspraken worden niet per perceel getoetst; ze "
            "gelden ook voor dit perceel en staan met hun cijfers en toets in de bijlage van het totaalrapport. "
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
            "paren": a.pairs,
            "n_zoals_gepubliceerd": a.n,
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
