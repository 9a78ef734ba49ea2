"""Report pieces of the survey statistics: tables as Markdown fragments, inline values, the
reproduction of the published tables (totaal run)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from competentiecheck.core.paths import PUBLISHED
from competentiecheck.core.tables import callout, fmt_number, markdown_table
from competentiecheck.privacy.disclosure import Disclosure
from competentiecheck.survey.codebook import Codebook
from competentiecheck.survey.regression import CONSTANT
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
        "@tbl-items in de bijlage. "
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
        "sterkere intentie om te vertrekken (zie het codeboek).",
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
        return callout(
            stats.messages.get("regressie") or stats.messages.get("alles") or "Geen model geschat voor deze run."
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
                f"{configuration.replace('_', '-')}-{outcome.dependent.replace('_', '-')}."
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

PUBLISHED_CONFIGURATION = "gepubliceerd"  # the params configuration that mirrors Tabel 4-6


def reproduction_tables(stats: SurveyStatistics, codebook: Codebook) -> dict[str, pd.DataFrame]:
    """Published (Tabel 2-6) beside reproduced values, with the difference, as tidy tables."""
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
                f"{r.dependent!r}: nodig om Tabel 4-6 te reproduceren"
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
                "beta_published": r.beta,
                "beta_reproduced": np.nan if coef is None else coef["beta"],
                "sig_published": r.sig,
                "p_reproduced": np.nan if coef is None else coef["p_val"],
                "t_published": r.t,
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
    return out


def reproduction_fragment(tables: dict[str, pd.DataFrame] | None, codebook: Codebook, tolerances: dict) -> str:
    if tables is None:
        return callout(
            "De reproductie van de gepubliceerde tabellen hoort bij het hele programma: zie het rapport "
            "'totaal programma'."
        )
    parts = [
        "De demonstratiegegevens van dit project zijn synthetisch en afgestemd op de gepubliceerde cijfers. "
        "Deze bijlage zet de gepubliceerde waarden naast wat de pijplijn uit die gegevens berekent; met de "
        "echte exports toont ze of de analyse van het evaluatieteam gereproduceerd wordt.\n"
    ]
    t2 = tables["tabel2"]
    parts.append(
        markdown_table(
            pd.DataFrame(
                {
                    "Schaal": [codebook.scales[s].label for s in t2["scale"]],
                    "Gepubliceerd": t2["published"].map(lambda v: fmt_number(v, 2)),
                    "Gereproduceerd": t2["reproduced"].map(lambda v: fmt_number(v, 3)),
                    "Verschil": t2["difference"].map(lambda v: fmt_number(v, 3)),
                }
            ),
            "Cronbachs α: Tabel 2 van het eindverslag en de reproductie",
            "tbl-repro-alpha",
            align="lrrr",
            source=f"Bron: eindverslag §6.2, Tabel 2; reproductie uit de opgeschoonde gegevens. Tolerantie ± {fmt_number(tolerances['alpha'], 2)}.",
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
                }
            ),
            "Gemiddelden en standaardafwijkingen: Tabel 3 en de reproductie",
            "tbl-repro-beschrijvend",
            align="lrrrr",
            source=f"Bron: eindverslag §6.4, Tabel 3. Tolerantie ± {fmt_number(tolerances['mean'], 2)}. Het verslag "
            "drukt '/5' als maximum bij de informele leerschalen, terwijl de frequentie-items zeven antwoordopties hebben.",
        )
    )
    rho = tables["tabel3_spearman"]
    diff = rho["difference"].abs()
    agree = (rho["published_stars"] == rho["reproduced_stars"]).sum()
    worst = rho.assign(abs_diff=diff).sort_values("abs_diff", ascending=False).head(8)
    parts.append(
        f"Van de {len(rho)} Spearman-correlaties van Tabel 3 wijkt de reproductie gemiddeld "
        f"{fmt_number(diff.mean(), 3)} en hoogstens {fmt_number(diff.max(), 3)} af (tolerantie ± "
        f"{fmt_number(tolerances['rho'], 2)}); {agree} van de {len(rho)} paren hebben dezelfde significantiesterren. "
        f"@tbl-repro-rho toont de grootste verschillen; alle paren staan in `tables/reproductie_tabel3_spearman.csv`.\n"
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
                }
            ),
            "De acht grootste verschillen tussen gepubliceerde en gereproduceerde correlaties",
            "tbl-repro-rho",
            align="lrr",
            source="Bron: eindverslag §6.4, Tabel 3.",
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
            }
        )
        parts.append(
            markdown_table(
                rows,
                f"{table_name} ({codebook.scales[dv].label}): gepubliceerd en gereproduceerd",
                f"tbl-repro-{table_name.lower().replace(' ', '')}",
                align="rlrrrrrr",
                source=f"Bron: eindverslag §6.4, {table_name}; model 1 leerklimaat, model 2 met leeractiviteiten.",
            )
        )
    notes = t46[t46["note"] != ""]
    issues = [
        "De methode (§6.3) beschrijft drie stappen (achtergrondkenmerken, leeractiviteiten, leerklimaat), "
        "maar Tabel 4-6 tonen twee modellen in een andere volgorde (leerklimaat, dan leeractiviteiten) en geen "
        "achtergrondkenmerken. De hoofdtekst volgt de methode; deze bijlage reproduceert de gedrukte tabellen.",
        "De noot onder Tabel 4-6 noemt een verband significant onder 0,01, de tekst bespreekt ook verbanden met "
        "p < 0,05.",
    ]
    for r in notes.itertuples():
        issues.append(
            f"{r.table}, model {r.model}, {('constante' if r.term == CONSTANT else codebook.scales[r.term].label.lower())}: {r.note}."
        )
    parts.append("**Onregelmatigheden in de gedrukte tabellen.**\n\n" + "\n".join(f"- {i}" for i in issues) + "\n")
    return "\n".join(parts)


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
