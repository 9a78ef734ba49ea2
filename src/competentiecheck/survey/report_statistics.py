"""Report pieces of the survey statistics: tables as Markdown fragments, inline values, the
reproduction of the published tables (totaal run)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from competentiecheck.core.paths import DEMO_SURVEY, PUBLISHED, survey_folder
from competentiecheck.core.tables import callout, fmt_number, markdown_table
from competentiecheck.core.terms import programme_report_link
from competentiecheck.privacy.disclosure import Disclosure
from competentiecheck.survey.codebook import Codebook
from competentiecheck.survey.regression import CONSTANT
from competentiecheck.survey.report_context import mixed_scale_note
from competentiecheck.survey.reproduction import (
    PRINTED_DECIMALS,
    SOURCE_MAP,
    cell_verdicts,
    correlation_significance_changes,
    significance_conclusions,
)
from competentiecheck.survey.statistics import SurveyStatistics, label_of

__all__ = ["statistics_fragments", "statistics_values", "reproduction_tables", "reproduction_fragment"]


def _p(p: float) -> str:
    if p is None or (isinstance(p, float) and np.isnan(p)):
        return "–"
    return "<\u00a00,001" if p < 0.001 else fmt_number(p, 3)


def _interval(low: float, high: float) -> str:
    """``[0,67; 0,83]``: brackets and a semicolon, since the comma is the decimal sign."""
    return f"[{fmt_number(low, 2)}; {fmt_number(high, 2)}]".replace(" ", "\u00a0")


def reliability_fragment(stats: SurveyStatistics, source: str) -> str:
    if stats.reliability_scales is None:
        return callout(stats.messages.get("betrouwbaarheid") or stats.messages["alles"])
    rows = []
    for r in stats.reliability_scales.itertuples():
        if r.note:
            alpha, ci, remark = "–", "–", r.note
        else:
            alpha = fmt_number(r.alpha, 2)
            ci = _interval(r.ci_low, r.ci_high)
            remark = "lager dan 0,60" if r.flag_low else ""
        rows.append({"Schaal": r.label, "Items": r.n_items, "n": r.n, "α": alpha, "95 %-BI": ci, "Opmerking": remark})
    table = pd.DataFrame(rows)
    low = stats.reliability_scales[stats.reliability_scales["flag_low"]]["label"].str.lower().tolist()
    intro = (
        "@tbl-betrouwbaarheid toont de interne consistentie van elke schaal; de itemstatistieken staan in "
        "@tbl-items in [Bijlage F](#sec-items). "
        + (
            f"Onder de grens van 0,60 blijft: {', '.join(low)}; conclusies over die schaal zijn zwakker.\n"
            if low
            else "Geen enkele schaal blijft onder de grens van 0,60.\n"
        )
    )
    return (
        intro
        + "\n"
        + markdown_table(
            table,
            "Interne consistentie van de schalen (Cronbachs α)",
            "tbl-betrouwbaarheid",
            align="lrrrrl",
            source=source + " α over de respondenten die alle items van de schaal beantwoordden; "
            "95 %-betrouwbaarheidsinterval volgens Feldt. Onder 0,60 geldt een schaal als "
            "onvoldoende consistent.",
        )
    )


def item_fragment(stats: SurveyStatistics, codebook: Codebook, source: str) -> str:
    """Item statistics per scale: mean, SD, corrected item-total correlation, alpha if deleted."""
    if stats.reliability_items is None:
        return callout(stats.messages.get("betrouwbaarheid") or stats.messages["alles"])
    items = stats.reliability_items
    table = pd.DataFrame(
        {
            "Schaal": [codebook.scales[s].label for s in items["scale"]],
            "Item": items["item"],
            "n": items["n"],
            "Gemiddelde": items["mean"].map(lambda v: fmt_number(v, 2)),
            "SD": items["sd"].map(lambda v: fmt_number(v, 2)),
            "Item-rest r": items["r_item_rest"].map(lambda v: fmt_number(v, 2)),
            "α zonder item": items["alpha_if_deleted"].map(lambda v: fmt_number(v, 2)),
        }
    )
    table["Schaal"] = table["Schaal"].where(table["Schaal"] != table["Schaal"].shift(), "")
    return markdown_table(
        table,
        "Itemstatistieken per schaal",
        "tbl-items",
        align="llrrrrr",
        source=source + " Item-rest r: gecorrigeerde item-totaalcorrelatie (het item met de som van de "
        "andere items); α zonder item is niet gedefinieerd voor schalen van twee items "
        "(–). Omgekeerd gecodeerde items eindigen op _r.",
    )


def descriptives_fragment(
    stats: SurveyStatistics, codebook: Codebook, source: str, programme_means: pd.Series | None = None
) -> str:
    """Means and SDs; in a perceel report the programme mean beside the perceel's own."""
    if stats.descriptives is None:
        return callout(stats.messages["alles"])
    table = pd.DataFrame(
        {
            "Nr.": stats.descriptives["number"],
            "Variabele": stats.descriptives["label"],
            "n": stats.descriptives["n"],
            "Gemiddelde": stats.descriptives["mean"].map(lambda v: fmt_number(v, 2)),
        }
    )
    if programme_means is not None:
        table["Gemiddelde programma"] = [fmt_number(programme_means[v], 2) for v in stats.descriptives["variable"]]
    table["Max. mogelijk"] = stats.descriptives["max_possible"].map(lambda v: fmt_number(v, 2).rstrip("0").rstrip(","))
    table["SD"] = stats.descriptives["sd"].map(lambda v: fmt_number(v, 2))
    programme = (
        " Gemiddelde programma: alle respondenten van het programma, uit het rapport over het hele programma."
        if programme_means is not None
        else ""
    )
    mixed = mixed_scale_note(codebook)
    intro = "@tbl-beschrijvend geeft de gemiddelden van de vijftien variabelen"
    intro += ", met het gemiddelde van het hele programma ernaast.\n\n" if programme_means is not None else ".\n\n"
    return intro + markdown_table(
        table,
        "Gemiddelden en standaardafwijkingen van de bestudeerde variabelen",
        "tbl-beschrijvend",
        align="rl" + "r" * (len(table.columns) - 2),
        source=source + " Hogere scores op intentie tot retentie betekenen een "
        "sterkere intentie om te vertrekken (zie het codeboek in [Bijlage A](#sec-codeboek))."
        + programme
        + (" Max. mogelijk: " + mixed if mixed else ""),
    )


def correlation_fragment(stats: SurveyStatistics, codebook: Codebook, source: str, adjust: str) -> str:
    if stats.correlations is None:
        return callout(stats.messages.get("correlaties") or stats.messages["alles"])
    order = codebook.tabel3_order
    index = {v: i for i, v in enumerate(order)}
    matrix = [["" for _ in order[:-1]] for _ in order]
    for r in stats.correlations.itertuples():
        i, j = index[r.var_x], index[r.var_y]
        matrix[i][j] = "–" if np.isnan(r.rho) else fmt_number(r.rho, 2) + r.stars
    table = pd.DataFrame(matrix, columns=[str(j + 1) for j in range(len(order) - 1)])
    # rows by number and name, so the table reads on its own; columns by number (as Tabel 3 of the source)
    table.insert(0, "Variabele", [f"{i + 1}. {label_of(codebook, v)}" for i, v in enumerate(order)])
    basis = (
        "Benjamini-Hochberg-gecorrigeerde p over alle paren"
        if adjust == "fdr_bh"
        else "p zonder correctie voor meervoudig toetsen"
    )
    shown = sorted(set(stats.correlations["n"]), key=lambda v: (isinstance(v, str), v if not isinstance(v, str) else 0))
    pairs = f"n per paar {shown[0]}" if len(shown) == 1 else f"n per paar {shown[0]} tot {shown[-1]}"
    return "@tbl-correlaties geeft de Spearman-correlaties tussen die variabelen.\n\n" + markdown_table(
        table,
        "Spearman-correlaties tussen de bestudeerde variabelen",
        "tbl-correlaties",
        align="l" + "r" * (len(order) - 1),
        widths=[22] + [8] * (len(order) - 1),
        source=source + f" Kolommen genummerd als de rijen. * p < 0,05; ** p < 0,01 ({basis}); {pairs}.",
    )


def _step_table(outcome) -> pd.DataFrame:
    rows = []
    for s in outcome.result.steps.itertuples():
        df = f"{s.df1}; {s.df2}" if outcome.exact else f"df₁ = {s.df1}"
        rows.append(
            {
                "Stap": s.step,
                "Blok": s.block,
                "R²": fmt_number(s.r2, 3),
                "Aangep. R²": fmt_number(s.adj_r2, 3),
                "ΔR²": fmt_number(s.r2_change, 3),
                "F-verandering": f"{fmt_number(s.f_change, 2)} ({df})",
                "p": _p(s.p_change),
            }
        )
    return pd.DataFrame(rows)


def anova_fragment(stats: SurveyStatistics, codebook: Codebook, configuration: str, source: str) -> str:
    """Model summary and ANOVA of every step (as SPSS REGRESSION prints them), for exact model output."""
    outcomes = [m for m in stats.models if m.configuration == configuration and m.result is not None]
    if not outcomes:
        # Bijlage G keeps its letter in every report: say why it is empty and where the programme's models are
        return callout(
            (stats.messages.get("regressie") or stats.messages.get("alles") or "Dit rapport schat geen regressiemodel.")
            + " De modelsamenvattingen en ANOVA-tabellen van het hele programma staan in Bijlage G van "
            + programme_report_link("sec-anova")
            + "."
        )
    if not any(m.exact for m in outcomes):
        return callout(
            "De modelsamenvatting met ANOVA-tabel (kwadratensommen en vrijheidsgraden) staat alleen in het "
            "rapport van het hele programma: daaruit volgt het exacte aantal respondenten, dat in een "
            "perceelrapport afgerond wordt."
        )
    parts = []
    for outcome in outcomes:
        rows = []
        for s in outcome.result.steps.itertuples():
            rows.append(
                {
                    "Stap": s.step,
                    "Bron": "Regressie",
                    "R": fmt_number(s.r, 3),
                    "SE schatting": fmt_number(s.sigma, 3),
                    "Kwadratensom": fmt_number(s.ss_regression, 2),
                    "df": s.df_regression,
                    "Gem. kwadraat": fmt_number(s.ms_regression, 3),
                    "F": fmt_number(s.f, 2),
                    "p": _p(s.p_f),
                }
            )
            rows.append(
                {
                    "Stap": "",
                    "Bron": "Residu",
                    "R": "",
                    "SE schatting": "",
                    "Kwadratensom": fmt_number(s.ss_residual, 2),
                    "df": s.df_residual,
                    "Gem. kwadraat": fmt_number(s.ms_residual, 3),
                    "F": "",
                    "p": "",
                }
            )
            rows.append(
                {
                    "Stap": "",
                    "Bron": "Totaal",
                    "R": "",
                    "SE schatting": "",
                    "Kwadratensom": fmt_number(s.ss_total, 2),
                    "df": s.df_regression + s.df_residual,
                    "Gem. kwadraat": "",
                    "F": "",
                    "p": "",
                }
            )
        notes = [n for n in outcome.result.steps["note"] if n]
        label = label_of(codebook, outcome.dependent)
        key = f"{configuration}-{outcome.dependent}".replace("_", "-")
        parts.append(
            markdown_table(
                pd.DataFrame(rows),
                f"{label}: modelsamenvatting en ANOVA per stap",
                f"tbl-anova-{key}",
                align="rlrrrrrrr",
                source=source + " R: multipele correlatie; SE schatting: standaardfout van de "
                "schatting. " + " ".join(dict.fromkeys(notes)),
            )
        )
    return "\n".join(parts)


def _coefficient_table(result, codebook: Codebook) -> pd.DataFrame:
    """Coefficients of every step, as SPSS prints them (the step number only on its first row)."""
    rows = []
    for c in result.coefficients.itertuples():
        predictor = "Constante" if c.term == CONSTANT else label_of(codebook, c.term)
        if c.note:  # aliased: excluded, as SPSS's 'Excluded Variables' (tolerance 0)
            rows.append(
                {
                    "Stap": c.step,
                    "Predictor": predictor,
                    "B": "niet schatbaar",
                    "SE": "",
                    "β": "",
                    "t": "",
                    "p": "",
                    "95 %-BI van B": "",
                    "95 %-BI van β": "",
                    "VIF": "",
                }
            )
            continue
        rows.append(
            {
                "Stap": c.step,
                "Predictor": predictor,
                "B": fmt_number(c.b, 3),
                "SE": fmt_number(c.se, 3),
                "β": "" if np.isnan(c.beta) else fmt_number(c.beta, 3),
                "t": fmt_number(c.t, 2),
                "p": _p(c.p_val),
                "95 %-BI van B": _interval(c.ci_low, c.ci_high),
                "95 %-BI van β": "" if np.isnan(c.beta) else _interval(c.beta_ci_low, c.beta_ci_high),
                "VIF": "" if np.isnan(c.vif) else fmt_number(c.vif, 2),
            }
        )
    table = pd.DataFrame(rows)
    table["Stap"] = table["Stap"].where(table["Stap"] != table["Stap"].shift(), "")
    return table


TOTAAL_LINK = "[het rapport over het hele programma](../totaal/index.html)"
_NUMBER_NL = {0: "geen", 1: "één", 2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven", 8: "acht"}
_STARS = ((0.01, "**"), (0.05, "*"))


def _stars(p: float) -> str:
    return next((mark for limit, mark in _STARS if p is not None and not np.isnan(p) and p < limit), "")


def _main_outcomes(stats: SurveyStatistics, configuration: str) -> list:
    return [m for m in stats.models if m.configuration == configuration]


def _model_statement(configuration: dict, reproduction: bool) -> str:
    """Which model the chapter shows, in words, and how it differs from the printed Tabel 4-6."""
    blocks = configuration["blocks"]
    steps = ", dan ".join(b["name"].lower() for b in blocks)
    text = (
        f"Per uitkomst volgt een hiërarchische regressie in {_NUMBER_NL.get(len(blocks), len(blocks))} stappen: {steps}. Zo is te zien wat "
        "elk blok toevoegt bovenop het vorige. Dit is het model dat §6.3 van het eindverslag beschrijft, met "
        "leeftijd, geslacht en een leidinggevende functie als achtergrondkenmerken. Tabel 4-6 van het eindverslag "
        "tonen een ander model: zonder achtergrondkenmerken, en met het leerklimaat vóór de leeractiviteiten."
    )
    if reproduction:
        text += " Die gedrukte modellen worden in [Bijlage H](#sec-reproductie) gereproduceerd."
    return text + "\n"


def _overview_table(outcomes: list, codebook: Codebook) -> pd.DataFrame:
    """One row per outcome: n, ΔR² per block (stars on the p of the F change), R² of the last step and the
    strongest predictor of the last step (largest |β| with p < 0,05)."""
    rows = []
    for outcome in outcomes:
        res = outcome.result
        row = {"Uitkomst": label_of(codebook, outcome.dependent)}
        for s in res.steps.itertuples():
            row[f"ΔR² {s.step}"] = fmt_number(s.r2_change, 2) + _stars(s.p_change)
        row["R²"] = fmt_number(res.steps["r2"].iloc[-1], 2)
        final = res.coefficients
        final = final[(final["step"] == final["step"].max()) & (final["term"] != CONSTANT)]
        significant = final[final["p_val"] < 0.05]
        if len(significant):
            best = significant.loc[significant["beta"].abs().idxmax()]
            row["Sterkste voorspeller (β)"] = f"{label_of(codebook, best['term'])} ({fmt_number(best['beta'], 2)})"
        else:
            row["Sterkste voorspeller (β)"] = "geen met p < 0,05"
        rows.append(row)
    return pd.DataFrame(rows)


def regression_main_fragment(
    stats: SurveyStatistics,
    codebook: Codebook,
    params: dict,
    source: str,
    coefficient_figure: str | None,
) -> str:
    """The main text of the regressions: which model, the coefficient figure, one compact table; the step
    tables, model summaries and diagnostics are in the appendix (:func:`regression_appendix_fragment`)."""
    main = params["statistics"]["main_configuration"]
    config = params["statistics"]["configurations"][main]
    outcomes = _main_outcomes(stats, main)
    estimated = [m for m in outcomes if m.result is not None]
    parts = ["## Wat voorspelt competenties, tevredenheid en retentie? {#sec-regressie}\n"]
    if not estimated:
        reason = next((m.reason for m in outcomes if m.reason), stats.messages.get("regressie", ""))
        parts.append(
            callout(
                f"{reason} Dit rapport toont daarom geen regressies. Wat competenties, tevredenheid en retentie "
                f"voorspelt over het hele programma, staat in {TOTAAL_LINK} (hoofdstuk 'Leerklimaat, leren en "
                "competenties')."
            )
        )
        return "\n".join(parts)
    parts.append(_model_statement(config, reproduction=params["perceel"] is None))
    missing = [m for m in outcomes if m.result is None]
    if missing:
        names = ", ".join(label_of(codebook, m.dependent).lower() for m in missing)
        parts.append(callout(f"Geen model voor {names}: {missing[0].reason}"))
    cautions = [m.caution for m in estimated if m.caution]
    ratio = (
        " " + cautions[0].replace("Voorzichtig lezen: ", "Lees de modellen voorzichtig: ")
        if cautions and len(cautions) == len(estimated)
        else ""
    )
    shown = estimated
    predictors = [p for b in config["blocks"] for p in b["variables"]]
    if coefficient_figure:
        parts.append(
            "@fig-coefficienten toont per uitkomst de gestandaardiseerde coëfficiënten (β) van de laatste stap "
            "met hun 95 %-betrouwbaarheidsinterval: hoe verder een punt van nul, hoe sterker de voorspeller bij "
            "gelijkblijvende andere voorspellers; een interval dat nul niet raakt, is significant (p < 0,05). "
            f"@tbl-regressie-overzicht vat per uitkomst samen hoeveel verklaarde variantie elk blok toevoegt.{ratio} "
            "De tabellen per stap, de modelsamenvattingen en de controle van de residuen staan in "
            "[Bijlage G](#sec-anova).\n"
        )
        labels = ", ".join(label_of(codebook, p).lower() for p in predictors)
        panels = _NUMBER_NL.get(len(estimated), str(len(estimated))).capitalize()
        per_outcome = []
        for m in estimated:
            final = m.result.coefficients
            final = final[(final["step"] == final["step"].max()) & (final["term"] != CONSTANT)]
            hits = [label_of(codebook, t).lower() for t in final.loc[final["p_val"] < 0.05, "term"]]
            per_outcome.append(f"{label_of(codebook, m.dependent).lower()}: {', '.join(hits) or 'geen'}")
        significant = "; ".join(per_outcome)
        parts.append(
            f"![Gestandaardiseerde coëfficiënten (β) met 95 %-betrouwbaarheidsinterval in de laatste stap, per "
            f"uitkomst; voorspellers in dezelfde volgorde in elk paneel (stippellijnen scheiden de blokken), gevuld punt: p < 0,05. Het interval van β "
            f"is het interval van B herschaald met SD(x) / SD(y) (SPSS drukt het niet af); het is gelijk aan het "
            f"interval van de helling in een model op z-scores. {source}]({coefficient_figure})"
            f'{{#fig-coefficienten fig-alt="{panels} panelen, één per uitkomst, met voor elke voorspeller '
            f"({labels}) een punt voor β en een horizontale lijn voor het 95 %-interval rond een verticale "
            f'nullijn. Met p < 0,05: {significant}."}}\n'
        )
    table = _overview_table(shown, codebook)
    blocks = "; ".join(f"{i}: {b['name'].lower()}" for i, b in enumerate(config["blocks"], start=1))
    exact = all(m.exact for m in shown)
    # the model n goes in the note, not in a count column: in totaal it is the exact n of the model
    # (allowed for the exact model output), which a column of counts would not be
    counts = pd.Series([m.n_shown for m in shown], index=[label_of(codebook, m.dependent).lower() for m in shown])
    common = counts.astype(str).mode().iat[0]
    others = [f"{label} {n}" for label, n in counts.items() if str(n) != common]
    n_note = (
        f"Respondenten in het model: {common}{' (' + ', '.join(others) + ')' if others else ''}"
        + (", afgerond" if not exact else "")
        + ", na lijstgewijze verwijdering (wie op een variabele van het model geen antwoord gaf, valt weg)."
    )
    parts.append(
        markdown_table(
            table,
            "Verklaarde variantie per blok en sterkste voorspeller, per uitkomst",
            "tbl-regressie-overzicht",
            align="l" + "r" * (len(table.columns) - 2) + "l",
            widths=[22] + [8] * (len(table.columns) - 2) + [30],
            source=f"{source.split('; n = ')[0]}. {n_note} ΔR² 1, 2, …: toename van de verklaarde variantie door "
            f"het blok van stap 1, 2, … ({blocks}); "
            "* p < 0,05; ** p < 0,01 (F-toets van de toename). Sterkste voorspeller: grootste |β| met p < 0,05 "
            "in de laatste stap.",
        )
    )
    return "\n".join(parts)


def regression_appendix_fragment(
    stats: SurveyStatistics, codebook: Codebook, params: dict, source: str, residual_figure: str | None
) -> str:
    """The appendix of the regressions: per outcome the steps and the coefficients of every step, the model
    summaries with their ANOVA, and the binned residual plot."""
    main = params["statistics"]["main_configuration"]
    configuration = params["statistics"]["configurations"][main]
    outcomes = _main_outcomes(stats, main)
    if not any(m.result is not None for m in outcomes):
        return callout(
            "Voor deze gegevens is geen regressiemodel geschat (zie het hoofdstuk 'Leerklimaat, leren en "
            f"competenties'); de modellen van het hele programma staan in {TOTAAL_LINK}."
        )
    parts = [
        f"Het model is dat van @sec-regressie: {configuration['label'][0].lower() + configuration['label'][1:]}. "
        "Per uitkomst eerst de verklaarde variantie per stap, dan de coëfficiënten van elke stap zoals SPSS ze "
        "toont; daarna de modelsamenvatting met de variantieanalyse van elk model en de controle van de "
        "residuen.\n"
    ]
    for outcome in outcomes:
        dv_label = label_of(codebook, outcome.dependent)
        parts.append(f"## {dv_label} {{.unnumbered}}\n")
        if outcome.result is None:
            parts.append(callout(outcome.reason))
            continue
        res = outcome.result
        key = f"{main}-{outcome.dependent}".replace("_", "-")
        if outcome.exact:
            note = (
                f"{source.split('; n = ')[0]}; n in het model = {outcome.n_shown} (na lijstgewijze verwijdering: "
                f"wie op een variabele van het model geen antwoord gaf, valt weg). Modelsamenvatting en ANOVA: "
                f"@tbl-anova-{key}."
            )
        else:
            lost = (
                f" {outcome.dropped_shown} respondenten vielen weg door lijstgewijze verwijdering."
                if res.n_dropped
                else ""
            )
            note = (
                f"{source.split('; n = ')[0]}; n in het model = {outcome.n_shown} (afgerond).{lost} De "
                f"vrijheidsgraden van de residuen worden niet getoond: samen met het aantal predictoren geven ze "
                f"het exacte aantal respondenten."
            )
        excluded = [t for t, n in zip(res.coefficients["term"], res.coefficients["note"]) if n]
        if excluded:
            note += (
                " Niet schatbaar (lineair afhankelijk van eerdere termen, uitgesloten zoals SPSS): "
                + ", ".join(dict.fromkeys(label_of(codebook, t) for t in excluded))
                + "."
            )
        parts.append(
            markdown_table(
                _step_table(outcome),
                f"{dv_label}: verklaarde variantie per stap",
                f"tbl-stappen-{key}",
                align="rlrrrrr",
                source=note,
            )
        )
        parts.append(
            markdown_table(
                _coefficient_table(res, codebook),
                f"{dv_label}: coëfficiënten per stap",
                f"tbl-coef-{key}",
                align="rlrrrrrrrr",
                source=note + " β: gestandaardiseerde coëfficiënt, met als 95 %-interval dat van B herschaald met "
                "SD(x) / SD(y); VIF: variantie-inflatiefactor.",
            )
        )
    parts.append("## Modelsamenvatting en ANOVA {.unnumbered}\n")
    parts.append(
        "Per uitkomst en per stap: de multipele correlatie R, de standaardfout van de schatting en de "
        "variantieanalyse van het model (kwadratensommen, vrijheidsgraden, gemiddelde kwadraten, F en p), zoals "
        "SPSS REGRESSION ze standaard toont. Vrijheidsgraden volgen uit de rang van het model: een predictor die "
        "lineair afhankelijk is van eerder ingevoerde termen, wordt uitgesloten en telt niet mee.\n"
    )
    parts.append(anova_fragment(stats, codebook, main, source))
    if residual_figure:
        parts.append("## Controle van de residuen {.unnumbered}\n")
        parts.append(
            f"@fig-residuen-{main} legt per uitkomst het gemiddelde residu naast de voorspelde waarde. Liggen de "
            "punten zonder patroon rond de nullijn, dan past het lineaire model; een boog wijst op een verband dat "
            "niet recht is, een trechter op een spreiding die met de voorspelde waarde groeit.\n"
        )
        parts.append(
            f"![Gemiddeld residu (± 2 standaardfouten) per groep respondenten met vergelijkbare voorspelde "
            f"waarde, laatste stap van elk model; elke groep telt minstens het minimum aantal respondenten, "
            f"zodat geen punt één persoon is. {source}]({residual_figure})"
            f'{{#fig-residuen-{main} fig-alt="Per afhankelijke variabele een diagram met het '
            f'gemiddelde residu per groep tegen de gemiddelde voorspelde waarde, rond een nullijn."}}\n'
        )
    return "\n".join(parts)


QUESTIONS = (
    "Dit hoofdstuk beantwoordt met de vragenlijst drie vragen: gaat een sterker leerklimaat samen met meer "
    "leren en meer inzetbaarheid, gaan leerklimaat en leren samen met jobtevredenheid en de intentie om te "
    "blijven, en wat voorspelt elke inzetbaarheidscompetentie het sterkst?"
)


def _regression_finding(stats: SurveyStatistics, codebook: Codebook, params: dict) -> str:
    """One sentence on the regressions: how many outcomes have a significant predictor in the last step,
    and where the last block adds most."""
    main = params["statistics"]["main_configuration"]
    estimated = [m for m in _main_outcomes(stats, main) if m.result is not None]
    if not estimated:
        return "Regressiemodellen kunnen hier niet geschat worden; @sec-regressie zegt waarom."
    with_predictor = 0
    for m in estimated:
        final = m.result.coefficients
        final = final[(final["step"] == final["step"].max()) & (final["term"] != CONSTANT)]
        with_predictor += bool((final["p_val"] < 0.05).any())
    last = [(m, m.result.steps.iloc[-1]) for m in estimated]
    block = last[0][1]["block"].lower()
    significant = [(m, s) for m, s in last if s["p_change"] < 0.05]
    best_m, best_s = max(last, key=lambda pair: pair[1]["r2_change"])
    total = _NUMBER_NL.get(len(estimated), str(len(estimated)))
    if with_predictor == 0:
        first = f"In de regressies heeft geen van de {total} uitkomsten een voorspeller met p < 0,05 in de laatste stap"
    else:
        verb = "heeft" if with_predictor == 1 else "hebben"
        first = (
            f"In de regressies {verb} {_NUMBER_NL.get(with_predictor, str(with_predictor))} van de {total} "
            "uitkomsten een voorspeller met p < 0,05 in de laatste stap"
        )
    text = (
        f"{first}; het laatste blok ({block}) voegt bij {_NUMBER_NL.get(len(significant), str(len(significant)))} "
        f"van de {total} uitkomsten significant verklaarde variantie toe, het meest bij {label_of(codebook, best_m.dependent).lower()} "
        f"(ΔR² = {fmt_number(best_s['r2_change'], 2)})."
    )
    return text


def statistics_opening(stats: SurveyStatistics, codebook: Codebook, params: dict) -> str:
    """Two or three sentences before the method: what the chapter answers and what it found (computed)."""
    if stats.descriptives is None or stats.correlations is None:
        message = stats.messages.get("alles") or stats.messages.get("correlaties", "")
        shown = "" if stats.descriptives is None else " Alleen de gemiddelden zijn te tonen."
        return f"{QUESTIONS} {message}{shown} De antwoorden voor het hele programma staan in {TOTAAL_LINK}.\n"
    climate = findings_fragments(stats, params)["bevinding_klimaat"].strip()
    return f"{QUESTIONS} {climate} {_regression_finding(stats, codebook, params)}\n"


def statistics_fragments(
    stats: SurveyStatistics,
    codebook: Codebook,
    params: dict,
    disclosure: Disclosure,
    residual_figure: str | None,
    coefficient_figure: str | None = None,
    programme_means: pd.Series | None = None,
) -> dict[str, str]:
    """``statistiek`` (the whole chapter after its heading), ``items`` (Bijlage F) and ``regressie_bijlage``
    (Bijlage G). What a perceel's data cannot show is said once, with a link to the totaal report."""
    n_shown = disclosure.count(stats.n) if stats.n_shown is None else stats.n_shown
    source = f"Bron: vragenlijst 2023-2024, {params['label'].lower()}; n = {n_shown}."
    method = (
        "De statistieken worden berekend zoals SPSS dat doet; het notebook van deze stap beschrijft de conventies.\n"
    )
    parts = [statistics_opening(stats, codebook, params), method]
    if stats.descriptives is None:
        parts = parts[:1]  # the opening says what cannot be shown and where it is: no method, no sections
    elif stats.correlations is None:
        parts += [
            "## Gemiddelden van leerklimaat, leren en uitkomsten\n",
            descriptives_fragment(stats, codebook, source, programme_means),
        ]
    else:
        parts += [
            "## Meten de schalen wat ze moeten meten?\n",
            reliability_fragment(stats, source),
            "## Samenhang tussen leerklimaat, leren en uitkomsten\n",
            "Correlaties tonen samenhang, geen oorzaak: dit hoofdstuk gebruikt de antwoorden van één meetmoment, "
            "en daarmee kan de vragenlijst geen effecten aantonen.\n",
            descriptives_fragment(stats, codebook, source, programme_means),
            correlation_fragment(stats, codebook, source, params["statistics"]["correlation_adjust"]),
            regression_main_fragment(stats, codebook, params, source, coefficient_figure),
        ]
    return {
        "statistiek": "\n".join(parts),
        "items": item_fragment(stats, codebook, source),
        "regressie_bijlage": regression_appendix_fragment(stats, codebook, params, source, residual_figure),
    }


def statistics_values(stats: SurveyStatistics, codebook: Codebook, params: dict) -> dict:
    """Inline values for the prose: counts, flagged scales, strongest predictors (main configuration)."""
    values = {
        "stat_rapporteerbaar": stats.descriptives is not None,
        "stat_modellen": any(m.result is not None for m in stats.models),
    }
    if stats.reliability_scales is not None:
        low = stats.reliability_scales[stats.reliability_scales["flag_low"]]
        values["alpha_laag_aantal"] = int(len(low))
        values["alpha_laag_schalen"] = ", ".join(low["label"].str.lower()) or "geen"
    else:
        values["alpha_laag_aantal"] = "–"
        values["alpha_laag_schalen"] = "–"
    main = params["statistics"]["main_configuration"]
    for dv in params["statistics"]["dependents"]:
        outcome = next((m for m in stats.models if m.configuration == main and m.dependent == dv), None)
        text = "niet te bepalen (geen model voor deze gegevens)"
        text_en = "not determined (no model for this run)"
        if outcome is not None and outcome.result is not None:
            final = outcome.result.coefficients
            final = final[(final["step"] == final["step"].max()) & (final["term"] != CONSTANT)]
            significant = final[final["p_val"] < 0.05]
            if len(significant):
                best = significant.loc[significant["beta"].abs().idxmax()]
                text = (
                    f"{label_of(codebook, best['term']).lower()} (β = {fmt_number(best['beta'], 2)}, "
                    f"p = {_p(best['p_val'])})"
                )
                english = codebook.scales[best["term"]].label_en if best["term"] in codebook.scales else best["term"]
                text_en = f"{english.lower()} (β = {best['beta']:.2f})"
            else:
                text = "geen enkele predictor (geen β met p < 0,05)"
                text_en = "no single predictor (no β with p < .05)"
        values[f"sterkste_{dv}"] = text
        values[f"sterkste_{dv}_en"] = text_en
    return values


# --------------------------------------------------------------------------- reproduction (totaal)

PUBLISHED_CONFIGURATION = "gepubliceerd"  # the params configuration that mirrors the printed Tabel 4-6


def reproduction_tables(stats: SurveyStatistics, codebook: Codebook) -> dict[str, pd.DataFrame]:
    """Published (Tabel 2-6 of the evaluation report) beside reproduced values, with the difference, as tidy
    tables; ``cellen`` holds the verdict per printed cell (:func:`~competentiecheck.survey.reproduction.cell_verdicts`)."""
    out = {}
    alpha = pd.read_csv(PUBLISHED / "tabel2_alpha.csv").dropna(subset=["alpha"])
    rel = stats.reliability_scales.set_index("scale")
    out["tabel2"] = pd.DataFrame(
        {
            "scale": alpha["scale"],
            "published": alpha["alpha"],
            "reproduced": [rel.loc[s, "alpha"] for s in alpha["scale"]],
            "source": alpha["source"],
        }
    )
    desc_pub = pd.read_csv(PUBLISHED / "tabel3_descriptives.csv")
    desc = stats.descriptives.set_index("variable")
    rows = []
    for r in desc_pub.itertuples():
        rows.append(
            {
                "scale": r.scale,
                "statistic": "gemiddelde",
                "published": r.mean,
                "reproduced": desc.loc[r.scale, "mean"],
                "source": r.source,
            }
        )
        rows.append(
            {
                "scale": r.scale,
                "statistic": "sd",
                "published": r.sd,
                "reproduced": desc.loc[r.scale, "sd"],
                "source": r.source,
            }
        )
    out["tabel3_beschrijvend"] = pd.DataFrame(rows)
    rho_pub = pd.read_csv(PUBLISHED / "tabel3_spearman.csv")
    order = codebook.tabel3_order
    corr = stats.correlations.set_index(["var_x", "var_y"])
    rows = []
    for r in rho_pub.itertuples():
        x, y = order[r.row - 1], order[r.col - 1]
        rows.append(
            {
                "row": r.row,
                "col": r.col,
                "var_x": x,
                "var_y": y,
                "published": r.rho,
                "published_stars": "*" * int(r.stars),
                "reproduced": corr.loc[(x, y), "rho"],
                "reproduced_stars": corr.loc[(x, y), "stars"],
                "p_reproduced": corr.loc[(x, y), "p_val"],
                "source": r.source,
            }
        )
    out["tabel3_spearman"] = pd.DataFrame(rows)
    reg_pub = pd.read_csv(PUBLISHED / "tabel4_6_regressie.csv")
    rows = []
    for r in reg_pub.itertuples():
        outcome = next(
            (m for m in stats.models if m.configuration == PUBLISHED_CONFIGURATION and m.dependent == r.dependent), None
        )
        if outcome is None:
            raise ValueError(
                f"statistics.configurations mist '{PUBLISHED_CONFIGURATION}' met afhankelijke variabele "
                f"{r.dependent!r}: nodig om Tabel 4-6 van het eindverslag te reproduceren"
            )
        coef = None
        if outcome.result is not None:
            c = outcome.result.coefficients
            match = c[(c["step"] == r.model) & (c["term"] == r.term)]
            coef = match.iloc[0] if len(match) else None
        rows.append(
            {
                "table": r.table,
                "dependent": r.dependent,
                "model": r.model,
                "term": r.term,
                "b_published": r.b,
                "b_reproduced": np.nan if coef is None else coef["b"],
                "se_published": r.se,
                "se_reproduced": np.nan if coef is None else coef["se"],
                "beta_published": r.beta,
                "beta_reproduced": np.nan if coef is None else coef["beta"],
                "sig_published": r.sig,
                "p_reproduced": np.nan if coef is None else coef["p_val"],
                "t_published": r.t,
                "t_reproduced": np.nan if coef is None else coef["t"],
                "t_from_printed_b_se": r.b / r.se,
                "note": r.note if isinstance(r.note, str) else "",
                "source": r.source,
            }
        )
    out["tabel4_6"] = pd.DataFrame(rows)
    for table in out.values():
        if "published" in table and "reproduced" in table:
            table["difference"] = table["reproduced"] - table["published"]
    out["tabel4_6"]["beta_difference"] = out["tabel4_6"]["beta_reproduced"] - out["tabel4_6"]["beta_published"]
    out["cellen"] = cell_verdicts(out)
    return out


STATISTIC_LABELS = {
    "alpha": "Cronbachs α",
    "mean": "gemiddelde",
    "sd": "standaardafwijking",
    "rho": "Spearmans ρ",
    "b": "B",
    "se": "standaardfout",
    "beta": "β",
    "t": "t",
    "sig": "Sig. (p)",
}
_SHORT = {"mean": "M", "sd": "SD", "b": "B", "se": "SE", "beta": "β", "t": "t", "sig": "p"}


def _yes(value: bool) -> str:
    return "ja" if value else "nee"


def _names(codebook: Codebook, terms: list[str]) -> str:
    labels = [codebook.scales[t].label.lower() for t in terms]
    if not labels:
        return "geen"
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " en " + labels[-1]


def _significant(codebook: Codebook, terms: list[str]) -> str:
    """'geen enkele predictor', 'alleen X' or 'twee: X en Y' (for a sentence on significant predictors)."""
    if not terms:
        return "geen enkele predictor"
    if len(terms) == 1:
        return f"alleen {_names(codebook, terms)}"
    count = {2: "twee", 3: "drie", 4: "vier", 5: "vijf"}.get(len(terms), str(len(terms)))
    return f"{count}: {_names(codebook, terms)}"


def _data_status(demo: bool, tolerances: dict) -> str:
    if demo:
        return (
            "**Synthetische gegevens.** De vragenlijstgegevens van deze versie zijn geen antwoorden van echte "
            "personen: ze zijn gemaakt om de gepubliceerde aggregaten te benaderen (α tot op ± "
            f"{fmt_number(tolerances['alpha'], 2)}, gemiddelden tot op ± {fmt_number(tolerances['mean'], 2)}, "
            f"correlaties tot op ± {fmt_number(tolerances['rho'], 2)}). Verschillen met het eindverslag zijn dus "
            "te verwachten en zeggen niets over de analyse van het evaluatieteam; met de echte exports wordt deze "
            "bijlage een controle van die analyse.\n"
        )
    return (
        "**Echte gegevens.** De vragenlijstgegevens zijn de exports van het evaluatieteam, opgeschoond met de "
        "regels van dit project. Deze bijlage is dus een controle: een cel die niet gelijk is binnen de "
        "afronding, wijst op een verschil in gegevens, opschoning of berekening dat verklaard moet worden.\n"
    )


def _map_fragment() -> str:
    table = pd.DataFrame(
        [(f"{kind} {number}", what, here, how) for kind, number, what, here, how in SOURCE_MAP],
        columns=["Eindverslag", "Inhoud", "In dit rapport", "Hoe"],
    )
    return (
        "## Waar staat wat uit het eindverslag? {.unnumbered}\n\n"
        "@tbl-repro-kaart geeft voor elke tabel, figuur en bijlage van het eindverslag aan waar dit rapport ze "
        "herberekent, overneemt of vervangt, met de nummers van dit rapport.\n\n"
        + markdown_table(
            table,
            "Tabellen, figuren en bijlagen van het eindverslag en hun plaats in dit rapport",
            "tbl-repro-kaart",
            align="llll",
            widths=[11, 28, 28, 33],
            source="Bron: inhoudsopgave van het eindverslag. '–': niet in dit rapport.",
        )
    )


def _verdict_fragment(cells: pd.DataFrame) -> str:
    comparable = cells[cells["comparable"]]
    equal = int(comparable["equal"].sum())
    missing = cells[~cells["comparable"]]
    rows = []
    order = {statistic: i for i, statistic in enumerate(PRINTED_DECIMALS)}
    comparable = comparable.sort_values(
        ["table", "statistic"], key=lambda c: c.map(order) if c.name == "statistic" else c, kind="stable"
    )
    for (table, statistic), group in comparable.groupby(["table", "statistic"], sort=False):
        decimals = int(group["decimals"].iloc[0])
        rows.append(
            {
                "Eindverslag": table,
                "Grootheid": STATISTIC_LABELS[statistic],
                "Decimalen": decimals,
                "Cellen": len(group),
                "Gelijk": int(group["equal"].sum()),
                "Grootste verschil": fmt_number(group["difference"].abs().max(), decimals + 1),
            }
        )
    rows.append(
        {
            "Eindverslag": "Alle",
            "Grootheid": "",
            "Decimalen": "",
            "Cellen": len(comparable),
            "Gelijk": equal,
            "Grootste verschil": "",
        }
    )
    not_counted = (
        f" Niet meegeteld: {len(missing)} t-waarden die het eindverslag als '-' drukt (er is geen waarde om te "
        f"vergelijken)."
        if len(missing)
        else ""
    )
    return (
        "## Gelijk binnen de afronding? {.unnumbered}\n\n"
        "Een gedrukte waarde staat voor elke waarde die erop afrondt. Een herberekende waarde is daarom gelijk "
        "binnen de afronding als ze hoogstens een halve eenheid van de laatste gedrukte decimaal afwijkt: "
        f"{fmt_number(0.005, 3)} bij twee decimalen (α, gemiddelden, standaardafwijkingen en correlaties in Tabel 2 "
        f"en 3 van het eindverslag) en {fmt_number(0.0005, 4)} bij drie (B, SE, β, t en Sig. in Tabel 4-6 van het "
        "eindverslag), met een marge van een miljardste voor de rekenruis van de computer. Een gedrukte Sig. van "
        f"{fmt_number(0, 3)} is zo gelijk aan elke p onder {fmt_number(0.0005, 4)}.\n\n"
        f"**{equal} van de {len(comparable)} gepubliceerde cellen zijn gelijk binnen de afronding.**{not_counted} "
        "@tbl-repro-oordeel telt ze per tabel en grootheid; elke cel met haar oordeel staat in "
        "`tables/reproductie_cellen.csv`.\n\n"
        + markdown_table(
            pd.DataFrame(rows),
            "Gepubliceerde cellen die gelijk zijn binnen de afronding, per tabel van het eindverslag",
            "tbl-repro-oordeel",
            align="llrrrr",
            source="Bron: eindverslag, Tabel 2-6; reproductie uit de opgeschoonde gegevens. Decimalen: zoals "
            "het eindverslag ze drukt. Grootste verschil: absoluut, tussen de gedrukte en de onafgeronde "
            "herberekende waarde.",
        )
    )


def _change_sentence(row, codebook: Codebook) -> str:
    """'in Tabel 6 van het eindverslag (…), model 2, is geen enkele predictor significant, in de reproductie twee: …'"""
    return (
        f"in {row.table} van het eindverslag ({codebook.scales[row.dependent].label.lower()}), model {row.model}, "
        f"is {_significant(codebook, row.published)} significant, in de reproductie "
        f"{_significant(codebook, row.reproduced)}"
    )


def _conclusions_fragment(tables: dict[str, pd.DataFrame], codebook: Codebook, demo: bool) -> str:
    at_05 = significance_conclusions(tables["tabel4_6"], 0.05)
    at_01 = significance_conclusions(tables["tabel4_6"], 0.01)
    table = pd.DataFrame(
        {
            "Eindverslag": at_05["table"],
            "Uitkomst": [codebook.scales[d].label for d in at_05["dependent"]],
            "Model": at_05["model"],
            "Significant in het eindverslag": [_names(codebook, t) for t in at_05["published"]],
            "Significant in de reproductie": [_names(codebook, t) for t in at_05["reproduced"]],
            "Zelfde conclusie": at_05["same"].map(_yes),
        }
    )
    changed = at_05[~at_05["same"]]
    parts = [
        "## Veranderen de conclusies? {.unnumbered}\n",
        "Uit Tabel 4-6 van het eindverslag leidt het eindverslag af welke predictoren een "
        "inzetbaarheidscompetentie voorspellen. @tbl-repro-conclusies zet per model de predictoren met "
        f"p < {fmt_number(0.05, 2)} in het eindverslag naast die in de reproductie.\n",
        markdown_table(
            table,
            f"Predictoren met p < {fmt_number(0.05, 2)}: Tabel 4-6 van het eindverslag en de reproductie",
            "tbl-repro-conclusies",
            align="llrlll",
            widths=[11, 18, 7, 24, 24, 10],
            source="Bron: eindverslag, §6.4, Tabel 4-6; reproductie uit de opgeschoonde gegevens. Zonder de "
            "constante; in het eindverslag de gedrukte Sig., in de reproductie de herberekende p.",
        ),
    ]
    if changed.empty:
        parts.append(
            f"Bij p < {fmt_number(0.05, 2)} verandert de reproductie geen enkele conclusie van Tabel 4-6 van het "
            "eindverslag.\n"
        )
    else:
        sentences = [_change_sentence(r, codebook) for r in changed.itertuples()]
        outcomes = sorted({codebook.scales[d].label.lower() for d in changed["dependent"]})
        text = (
            "**De reproductie verandert een conclusie van het eindverslag.** "
            + "; ".join(s[0].upper() + s[1:] if i == 0 else s for i, s in enumerate(sentences))
            + f". Wat het eindverslag concludeert over {' en '.join(outcomes)}, zou met deze gegevens dus anders "
            "luiden."
        )
        changed_01 = at_01[~at_01["same"]]
        if changed_01.empty:
            text += (
                f" Met de grens uit de noot onder Tabel 4-6 van het eindverslag (p < {fmt_number(0.01, 2)}) "
                "blijven alle conclusies gelijk."
            )
        else:
            text += (
                f" Ook met de grens uit de noot onder Tabel 4-6 van het eindverslag (p < {fmt_number(0.01, 2)}) "
                "verschilt: " + "; ".join(_change_sentence(r, codebook) for r in changed_01.itertuples()) + "."
            )
        text += (
            " Op synthetische gegevens is zo'n verschil een eigenschap van de demonstratiegegevens, geen bevinding "
            "over de werking."
            if demo
            else " Zo'n verschil moet verklaard worden voordat de conclusie van het eindverslag gebruikt wordt."
        )
        parts.append(text + "\n")
    rho = tables["tabel3_spearman"]
    flips = correlation_significance_changes(rho, 0.05)
    if flips.empty:
        parts.append(
            f"Bij de correlaties van Tabel 3 van het eindverslag is elk paar in de reproductie even (niet) "
            f"significant bij p < {fmt_number(0.05, 2)} als in het eindverslag.\n"
        )
    else:
        pairs = [
            f"{codebook.scales[r.var_x].label.lower()} en {codebook.scales[r.var_y].label.lower()} "
            f"({'significant' if r.published_significant else 'niet significant'} in het eindverslag, "
            f"{'wel' if r.reproduced_significant else 'niet'} in de reproductie)"
            for r in flips.itertuples()
        ]
        parts.append(
            f"Bij de correlaties van Tabel 3 van het eindverslag verschilt de significantie bij "
            f"p < {fmt_number(0.05, 2)} voor {len(flips)} van de {len(rho)} paren: " + "; ".join(pairs) + ".\n"
        )
    return "\n".join(parts)


def _differs(verdicts: dict, table: str, cell: str, statistics: list[str]) -> str:
    """The short names of the statistics of one row that are not equal within the rounding ('–': none)."""
    named = [_SHORT[s] for s in statistics if (table, s, cell) in verdicts and not verdicts[(table, s, cell)]]
    return ", ".join(named) or "–"


def _detail_fragment(tables: dict[str, pd.DataFrame], codebook: Codebook) -> str:
    cells = tables["cellen"]
    verdicts = {(r.table, r.statistic, r.cell): r.equal for r in cells[cells["comparable"]].itertuples()}
    within_2 = f"hoogstens {fmt_number(0.005, 3)} verschil"
    parts = ["## De tabellen naast elkaar {.unnumbered}\n"]
    t2 = tables["tabel2"]
    parts.append(
        markdown_table(
            pd.DataFrame(
                {
                    "Schaal": [codebook.scales[s].label for s in t2["scale"]],
                    "Gepubliceerd": t2["published"].map(lambda v: fmt_number(v, 2)),
                    "Gereproduceerd": t2["reproduced"].map(lambda v: fmt_number(v, 3)),
                    "Verschil": t2["difference"].map(lambda v: fmt_number(v, 3)),
                    "Gelijk binnen de afronding": [_yes(verdicts[("Tabel 2", "alpha", s)]) for s in t2["scale"]],
                }
            ),
            "Cronbachs α: Tabel 2 van het eindverslag en de reproductie",
            "tbl-repro-alpha",
            align="lrrrl",
            source=f"Bron: eindverslag, §6.2, Tabel 2; reproductie uit de opgeschoonde gegevens. Gelijk binnen de "
            f"afronding: {within_2}.",
        )
    )
    t3 = tables["tabel3_beschrijvend"]
    wide = t3.pivot(index="scale", columns="statistic", values=["published", "reproduced"]).reindex(
        codebook.tabel3_order
    )
    parts.append(
        markdown_table(
            pd.DataFrame(
                {
                    "Variabele": [codebook.scales[s].label for s in wide.index],
                    "M gepubl.": wide[("published", "gemiddelde")].map(lambda v: fmt_number(v, 2)),
                    "M reprod.": wide[("reproduced", "gemiddelde")].map(lambda v: fmt_number(v, 2)),
                    "SD gepubl.": wide[("published", "sd")].map(lambda v: fmt_number(v, 2)),
                    "SD reprod.": wide[("reproduced", "sd")].map(lambda v: fmt_number(v, 2)),
                    "Verschilt in": [_differs(verdicts, "Tabel 3", s, ["mean", "sd"]) for s in wide.index],
                }
            ),
            "Gemiddelden en standaardafwijkingen: Tabel 3 van het eindverslag en de reproductie",
            "tbl-repro-beschrijvend",
            align="lrrrrl",
            source=f"Bron: eindverslag, §6.4, Tabel 3. Verschilt in: de grootheden met meer dan {fmt_number(0.005, 3)} verschil (buiten "
            "de afronding). Het eindverslag drukt '/5' als maximum bij de informele leerschalen, terwijl de "
            "frequentie-items zeven antwoordopties hebben.",
        )
    )
    rho = tables["tabel3_spearman"]
    diff = rho["difference"].abs()
    agree = int((rho["published_stars"] == rho["reproduced_stars"]).sum())
    equal_rho = sum(verdicts[("Tabel 3", "rho", f"{r.var_x} × {r.var_y}")] for r in rho.itertuples())
    worst = rho.assign(abs_diff=diff).sort_values("abs_diff", ascending=False).head(8)
    parts.append(
        f"Van de {len(rho)} Spearman-correlaties van Tabel 3 van het eindverslag wijkt de reproductie gemiddeld "
        f"{fmt_number(diff.mean(), 3)} en hoogstens {fmt_number(diff.max(), 3)} af; {equal_rho} zijn gelijk binnen "
        f"de afronding en {agree} hebben dezelfde significantiesterren. @tbl-repro-rho toont de grootste "
        "verschillen; alle paren staan in `tables/reproductie_tabel3_spearman.csv`.\n"
    )
    parts.append(
        markdown_table(
            pd.DataFrame(
                {
                    "Paar": [
                        f"{r.row}–{r.col}: {codebook.scales[r.var_x].label} en {codebook.scales[r.var_y].label}"
                        for r in worst.itertuples()
                    ],
                    "Gepubliceerd": [fmt_number(r.published, 2) + r.published_stars for r in worst.itertuples()],
                    "Gereproduceerd": [fmt_number(r.reproduced, 2) + r.reproduced_stars for r in worst.itertuples()],
                    "Gelijk binnen de afronding": [
                        _yes(verdicts[("Tabel 3", "rho", f"{r.var_x} × {r.var_y}")]) for r in worst.itertuples()
                    ],
                }
            ),
            "De acht grootste verschillen tussen gepubliceerde en gereproduceerde correlaties",
            "tbl-repro-rho",
            align="lrrl",
            source="Bron: eindverslag, §6.4, Tabel 3; paren genummerd zoals daar. * p < 0,05; ** p < 0,01.",
        )
    )
    t46 = tables["tabel4_6"]
    for table_name, group in t46.groupby("table", sort=True):
        dv = group["dependent"].iloc[0]
        rows = pd.DataFrame(
            {
                "Model": group["model"],
                "Predictor": ["Constante" if t == CONSTANT else codebook.scales[t].label for t in group["term"]],
                "B gepubl.": group["b_published"].map(lambda v: fmt_number(v, 3)),
                "B reprod.": group["b_reproduced"].map(lambda v: fmt_number(v, 3)),
                "β gepubl.": group["beta_published"].map(lambda v: "" if np.isnan(v) else fmt_number(v, 3)),
                "β reprod.": group["beta_reproduced"].map(lambda v: "" if np.isnan(v) else fmt_number(v, 3)),
                "Sig. gepubl.": group["sig_published"].map(lambda v: fmt_number(v, 3)),
                "p reprod.": group["p_reproduced"].map(_p),
                "Verschilt in": [
                    _differs(verdicts, table_name, f"model {r.model}, {r.term}", ["b", "se", "beta", "t", "sig"])
                    for r in group.itertuples()
                ],
            }
        )
        parts.append(
            markdown_table(
                rows,
                f"{table_name} van het eindverslag ({codebook.scales[dv].label.lower()}): gepubliceerd en "
                "gereproduceerd",
                f"tbl-repro-{table_name.lower().replace(' ', '')}",
                align="rlrrrrrrl",
                source=f"Bron: eindverslag, §6.4, {table_name}; model 1 leerklimaat, model 2 met leeractiviteiten. "
                f"Verschilt in: de cellen met meer dan {fmt_number(0.0005, 4)} verschil (buiten de afronding), ook "
                "de standaardfout (SE) en t, die hier niet getoond worden en in `tables/reproductie_cellen.csv` "
                "staan.",
            )
        )
    return "\n".join(parts)


def _irregularities(tables: dict[str, pd.DataFrame], codebook: Codebook) -> str:
    t46 = tables["tabel4_6"]
    issues = [
        "De methode (§6.3 van het eindverslag) beschrijft drie stappen (achtergrondkenmerken, leeractiviteiten, "
        "leerklimaat), maar Tabel 4-6 van het eindverslag tonen twee modellen in een andere volgorde (leerklimaat, "
        "dan leeractiviteiten) en geen achtergrondkenmerken. De hoofdtekst (@sec-regressie) volgt de methode; "
        "deze bijlage reproduceert de gedrukte tabellen.",
        "De noot onder Tabel 4-6 van het eindverslag noemt een verband significant onder 0,01, de tekst bespreekt "
        "ook verbanden met p < 0,05.",
    ]
    for r in t46[t46["note"] != ""].itertuples():
        term = "constante" if r.term == CONSTANT else codebook.scales[r.term].label.lower()
        issues.append(f"{r.table} van het eindverslag, model {r.model}, {term}: {r.note}.")
    return "## Onregelmatigheden in de gedrukte tabellen {.unnumbered}\n\n" + "\n".join(f"- {i}" for i in issues) + "\n"


def reproduction_fragment(
    tables: dict[str, pd.DataFrame] | None, codebook: Codebook, tolerances: dict, demo: bool | None = None
) -> str:
    """The reproduction appendix of the totaal run: the map of the evaluation report onto this one, the
    verdict per printed cell with its count, the conclusions that would change, the tables side by side.

    ``tolerances`` are the calibration tolerances of the synthetic demo data (named on demo data);
    ``demo`` defaults to whether the survey is read from the demo exports.
    """
    if tables is None:
        return callout(
            "De reproductie van de gepubliceerde tabellen hoort bij het hele programma: zie het rapport "
            "'totaal programma'."
        )
    if demo is None:
        demo = survey_folder() == DEMO_SURVEY
    intro = (
        "Deze bijlage zet de cijfers die het eindverslag over de vragenlijst drukt naast wat de pijplijn uit de "
        "gegevens berekent, en zegt per gedrukte cel of de reproductie ermee overeenkomt. Een tabel, figuur of "
        "bijlage van het eindverslag staat hier altijd met 'van het eindverslag' (of, in een bronvermelding, "
        "'eindverslag, …'); zonder die toevoeging gaat het om dit rapport. De bijlagen van dit rapport hebben "
        "letters, die van het eindverslag cijfers.\n"
    )
    return "\n".join(
        [
            intro,
            _data_status(demo, tolerances),
            _map_fragment(),
            _verdict_fragment(tables["cellen"]),
            _conclusions_fragment(tables, codebook, demo),
            _detail_fragment(tables, codebook),
            _irregularities(tables, codebook),
        ]
    )


# --------------------------------------------------------------------------- findings in words

CLIMATE = ["leerleiderschap", "ruimte_tijd", "ondersteuning", "leeropportuniteiten", "kennisdeling", "autonomie"]
_COUNT_NL = {0: "geen", 1: "één", 2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "alle zes"}
_COUNT_EN = {0: "none", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "all six"}


def _climate_links(stats: SurveyStatistics, outcome: str, sign: int) -> tuple[int, float]:
    corr = stats.correlations
    rows = corr[
        ((corr["var_x"] == outcome) & corr["var_y"].isin(CLIMATE))
        | ((corr["var_y"] == outcome) & corr["var_x"].isin(CLIMATE))
    ]
    basis = rows["p_adj"] if rows["p_adj"].notna().any() else rows["p_val"]
    hits = int(((np.sign(rows["rho"]) == sign) & (basis < 0.05)).sum())
    return hits, float(rows["rho"].median())


def findings_fragments(stats: SurveyStatistics, params: dict) -> dict[str, str]:
    """One sentence per language on how the learning climate goes with satisfaction and retention."""
    if stats.correlations is None:
        nl = (
            "Hier zijn er te weinig respondenten om verbanden te tonen; de bevindingen over het hele "
            f"programma staan in {TOTAAL_LINK}."
        )
        en = "This run has too few respondents to show associations; see the report on the whole programme."
        return {"bevinding_klimaat": nl + "\n", "bevinding_klimaat_en": en + "\n"}
    sat, sat_rho = _climate_links(stats, "jobtevredenheid", +1)
    ret, ret_rho = _climate_links(stats, "intentie_retentie", -1)
    verb = "hangt" if sat == 1 else "hangen"
    nl = (
        f"Van de zes leerklimaatcondities {verb} er {_COUNT_NL[sat]} significant positief samen met jobtevredenheid "
        f"en {_COUNT_NL[ret]} significant negatief met de intentie om te vertrekken (mediane ρ over alle zes "
        f"condities: {fmt_number(sat_rho, 2)} met jobtevredenheid, {fmt_number(ret_rho, 2)} met de intentie om te "
        f"vertrekken)."
    )
    en = (
        f"Of the six learning-climate conditions, {_COUNT_EN[sat]} correlate significantly and positively with job "
        f"satisfaction and {_COUNT_EN[ret]} significantly and negatively with the intention to leave (median ρ "
        f"over all six conditions: {sat_rho:.2f} and {ret_rho:.2f})."
    )
    nl = nl.replace("hangen er alle zes", "hangen alle zes")
    return {"bevinding_klimaat": nl + "\n", "bevinding_klimaat_en": en + "\n"}
