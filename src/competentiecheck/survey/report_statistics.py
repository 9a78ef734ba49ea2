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


def descriptives_fragment(stats: SurveyStatistics, source: str) -> str:
    if stats.descriptives is None:
        return callout(stats.messages["alles"])
    table = pd.DataFrame(
        {
            "Nr.": stats.descriptives["number"],
            "Variabele": stats.descriptives["label"],
            "n": stats.descriptives["n"],
            "Gemiddelde": stats.descriptives["mean"].map(lambda v: fmt_number(v, 2)),
            "Max. mogelijk": stats.descriptives["max_possible"].map(lambda v: fmt_number(v, 2).rstrip("0").rstrip(",")),
            "SD": stats.descriptives["sd"].map(lambda v: fmt_number(v, 2)),
        }
    )
    return "@tbl-beschrijvend geeft de gemiddelden van de vijftien variabelen.\n\n" + markdown_table(
        table,
        "Gemiddelden en standaardafwijkingen van de bestudeerde variabelen",
        "tbl-beschrijvend",
        align="rlrrrr",
        source=source + " Hogere scores op intentie tot retentie betekenen een "
        "sterkere intentie om te vertrekken (zie het codeboek in [Bijlage A](#sec-codeboek)).",
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
    table.insert(0, "", [f"{i + 1}." for i in range(len(order))])
    basis = (
        "Benjamini-Hochberg-gecorrigeerde p over alle paren"
        if adjust == "fdr_bh"
        else "p zonder correctie voor meervoudig toetsen"
    )
    shown = sorted(set(stats.correlations["n"]), key=lambda v: (isinstance(v, str), v if not isinstance(v, str) else 0))
    pairs = f"n per paar {shown[0]}" if len(shown) == 1 else f"n per paar {shown[0]} tot {shown[-1]}"
    return "@tbl-correlaties geeft de Spearman-correlaties tussen die variabelen.\n\n" + markdown_table(
        table,
        "Spearman-correlaties tussen de bestudeerde variabelen (nummers als in @tbl-beschrijvend)",
        "tbl-correlaties",
        align="l" + "r" * (len(order) - 1),
        source=source + f" * p < 0,05; ** p < 0,01 ({basis}); {pairs}.",
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
                "VIF": "" if np.isnan(c.vif) else fmt_number(c.vif, 2),
            }
        )
    table = pd.DataFrame(rows)
    table["Stap"] = table["Stap"].where(table["Stap"] != table["Stap"].shift(), "")
    return table


def regression_fragment(
    stats: SurveyStatistics, codebook: Codebook, configuration: str, label: str, source: str, figure_path: str | None
) -> str:
    if not stats.models:
        return callout(stats.messages.get("regressie") or stats.messages["alles"])
    parts = []
    for outcome in [m for m in stats.models if m.configuration == configuration]:
        dv_label = label_of(codebook, outcome.dependent)
        parts.append(f"### {dv_label} {{.unnumbered}}\n")
        if outcome.result is None:
            parts.append(callout(outcome.reason))
            continue
        res = outcome.result
        if outcome.exact:
            note = (
                f"{source.split('; n = ')[0]}; n in het model = {outcome.n_shown} (listwise: wie op een variabele "
                f"van het model geen antwoord gaf, valt weg). Modelsamenvatting en ANOVA: @tbl-anova-"
                f"{configuration.replace('_', '-')}-{outcome.dependent.replace('_', '-')} in "
                f"[Bijlage G](#sec-anova)."
            )
        else:
            lost = (
                f" {outcome.dropped_shown} respondenten vielen weg door ontbrekende waarden (listwise)."
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
        if outcome.caution:
            parts.append(callout(outcome.caution))
        key = f"{configuration}-{outcome.dependent}".replace("_", "-")
        parts.append(
            markdown_table(
                _step_table(outcome),
                f"{dv_label}: verklaarde variantie per stap ({label})",
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
                align="rlrrrrrrr",
                source=note + " β: gestandaardiseerde coëfficiënt; VIF: variantie-inflatiefactor.",
            )
        )
    if figure_path:
        parts.append(
            f"![Gemiddeld residu (± 2 standaardfouten) per groep respondenten met vergelijkbare voorspelde "
            f"waarde, laatste stap van elk model; elke groep telt minstens het minimum aantal respondenten, "
            f"zodat geen punt één persoon is. {source}]({figure_path})"
            f'{{#fig-residuen-{configuration} fig-alt="Per afhankelijke variabele een diagram met het '
            f'gemiddelde residu per groep tegen de gemiddelde voorspelde waarde, rond een nullijn."}}\n'
        )
    return "\n".join(parts)


def statistics_fragments(
    stats: SurveyStatistics, codebook: Codebook, params: dict, disclosure: Disclosure, residual_figure: str | None
) -> dict[str, str]:
    source = f"Bron: vragenlijst 2023-2024, {params['label'].lower()}; n = {disclosure.count(stats.n)}."
    main = params["statistics"]["main_configuration"]
    configs = params["statistics"]["configurations"]
    return {
        "betrouwbaarheid": reliability_fragment(stats, source),
        "items": item_fragment(stats, codebook, source),
        "beschrijvend": descriptives_fragment(stats, source),
        "correlaties": correlation_fragment(stats, codebook, source, params["statistics"]["correlation_adjust"]),
        "regressie": regression_fragment(stats, codebook, main, configs[main]["label"], source, residual_figure),
        "anova": anova_fragment(stats, codebook, main, source),
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
        text = "niet te bepalen (geen model voor deze run)"
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
            f"{codebook.scales[r.var_x].label.lower()} × {codebook.scales[r.var_y].label.lower()} "
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
                        f"{r.row}–{r.col}: {codebook.scales[r.var_x].label} × {codebook.scales[r.var_y].label}"
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
            "Voor deze run zijn er te weinig respondenten om verbanden te tonen; de bevindingen over het hele "
            "programma staan in het rapport 'totaal programma'."
        )
        en = "This run has too few respondents to show associations; see the report on the whole programme."
        return {"bevinding_klimaat": nl + "\n", "bevinding_klimaat_en": en + "\n"}
    sat, sat_rho = _climate_links(stats, "jobtevredenheid", +1)
    ret, ret_rho = _climate_links(stats, "intentie_retentie", -1)
    verb = "hangt" if sat == 1 else "hangen"
    nl = (
        f"Van de zes leerklimaatcondities {verb} er {_COUNT_NL[sat]} significant positief samen met jobtevredenheid "
        f"(mediane ρ = {fmt_number(sat_rho, 2)}) en {_COUNT_NL[ret]} significant negatief met de intentie om te "
        f"vertrekken (mediane ρ = {fmt_number(ret_rho, 2)})."
    )
    en = (
        f"Of the six learning-climate conditions, {_COUNT_EN[sat]} correlate significantly and positively with job "
        f"satisfaction (median ρ = {sat_rho:.2f}) and {_COUNT_EN[ret]} significantly and negatively with the "
        f"intention to leave (median ρ = {ret_rho:.2f})."
    )
    nl = nl.replace("hangen er alle zes", "hangen alle zes")
    return {"bevinding_klimaat": nl + "\n", "bevinding_klimaat_en": en + "\n"}
