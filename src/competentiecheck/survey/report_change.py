"""The chapter 'Verandering tussen voor- en nameting' (issue 23), written only when two waves exist.

With one wave the fragment is empty, so the single-wave report stays as it was. Every count goes
through :class:`~competentiecheck.privacy.disclosure.Disclosure` (matched pairs count as people):
counts are rounded or shown as '< 5'; a mean needs ``min_group_size`` people, a test or model
``min_model_n`` pairs. A perceel report shows no t, df or interval of a change (with the effect size
they would give away its exact number of pairs); the totaal report shows them, as it shows exact model n.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from competentiecheck.core.tables import callout, fmt_number, markdown_table
from competentiecheck.core.terms import programme_report_link
from competentiecheck.privacy.disclosure import Disclosure, exact_model_output
from competentiecheck.survey.change import (
    climate_frames,
    climate_min_cases,
    climate_model,
    group_mean,
    paired_change,
    pairs_frame,
)
from competentiecheck.survey.codebook import Codebook
from competentiecheck.survey.waves import EXACT, TOLERANT, match_counts, present_waves

__all__ = ["ChangeResult", "change_chapter", "CHANGE_FRAGMENT"]

CHANGE_FRAGMENT = "verandering"


@dataclass
class ChangeResult:
    fragment: str = ""
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)


def _num(value: float) -> str:
    """fmt_number without a minus sign on a value that rounds to zero."""
    return fmt_number(0.0 if round(value, 2) == 0 else value)


def _p(p: float) -> str:
    if p is None or np.isnan(p):
        return "–"
    return "< 0,001" if p < 0.001 else fmt_number(p, 3)


def change_chapter(
    everyone: pd.DataFrame,
    codebook: Codebook,
    params: dict,
    disclosure: Disclosure,
    demo: bool,
    shown: dict,
    withheld: str = "",
):
    """The fragment and the published tables of the change chapter for the run of ``params``.

    ``everyone``: the cleaned data of all waves and percelen (``data/processed/vragenlijst.parquet``).
    ``shown``: the published counts of the chapter, protected with the sample of every run by step 1
    (:attr:`competentiecheck.survey.publication.RunTables.change`); the counts of the matching and
    participation tables are printed as that protection gives them. ``withheld``: why the run shows no
    tests, group comparison or models of change (step 1's decision,
    :attr:`~competentiecheck.survey.publication.RunTables.change_statistics`); then only the counts.
    """
    waves = present_waves(everyone, params)
    if len(waves) < 2:
        return ChangeResult()
    first, second = waves[0], waves[1]
    run = params["run"]
    perceel = params["perceel"]
    data = everyone if perceel is None else everyone[everyone["perceel"] == perceel]
    data = data.reset_index(drop=True)
    exact = exact_model_output(run)
    if not disclosure.can_report(int((data["meting"] == first).sum())):
        return ChangeResult(
            fragment="# Verandering tussen voor- en nameting {#sec-verandering}\n\n"
            + disclosure.group_message(int((data["meting"] == first).sum()), "de verandering in dit rapport")
            + "\n"
        )
    scales = list(codebook.tabel3_order)
    label = {s: codebook.scales[s].label for s in scales}
    tables: dict[str, pd.DataFrame] = {}
    parts = [
        "# Verandering tussen voor- en nameting {#sec-verandering}\n",
        f"Dit hoofdstuk volgt de respondenten die de vragenlijst twee keer invulden: bij de {first} en bij de "
        f"{second}. Wie twee keer antwoordde, wordt herkend aan een code die hij of zij zelf samenstelt "
        "(letters en cijfers die alleen de respondent kan reproduceren); de code zelf verlaat de opschoning "
        "nooit, alleen een gezouten pseudoniem. Een verschil tussen de twee metingen zegt hoe de antwoorden van "
        "dezelfde mensen veranderden, niet waardoor. Er is geen controlegroep: tijd, seizoen, andere "
        "opleidingen, het invullen van de eerste vragenlijst zelf, terugkeer naar het gemiddelde en de selectieve "
        "uitval hieronder kunnen elk een deel van een verandering verklaren. Een verandering is dus geen effect "
        "van de competentiecheck; het ontbreken van een verandering ook geen bewijs dat er geen effect was.\n",
    ]
    if demo:
        parts.append(
            callout(
                "**Synthetische gegevens.** De nameting in deze versie is een synthetische demo: een deel van de "
                "demorespondenten kreeg een tweede meting met uitval, enkele verkeerd getypte codes en een kleine "
                "verandering op een paar schalen. De cijfers tonen hoe het hoofdstuk werkt, niet wat het programma "
                "deed."
            )
            + "\n"
        )

    # ---------------------------------------------------------------- matching and attrition
    counts = match_counts(data, [first, second])
    matching = pd.DataFrame(
        {
            "Koppeling": counts["koppeling"],
            **{
                w.capitalize(): [shown[(run, "koppeling", status, w)] for status in counts["koppeling"]]
                for w in (first, second)
            },
        }
    )
    tables["koppeling"] = matching
    parts.append("## Wie vulde twee keer in? {#sec-verandering-koppeling}\n")
    parts.append(
        "Gelijke codes in beide metingen vormen een paar. Een code met één ander teken wordt alleen gekoppeld als "
        "er binnen het perceel precies één kandidaat is, in beide richtingen. Wie niet eenduidig te koppelen is, "
        "telt als uitgesloten, met de reden; niemand verdwijnt ongemerkt (@tbl-koppeling).\n"
    )
    parts.append(
        markdown_table(
            matching,
            f"Koppeling van de respondenten van de {first} en de {second}",
            "tbl-koppeling",
            align="lrr",
            source=f"Geanalyseerde respondenten per meting. {disclosure.rule_note}",
        )
    )
    flow_rows = []
    groups = [(str(int(p)), f"perceel-{int(p)}") for p in sorted(data["perceel"].unique())]
    if perceel is None:
        groups.append(("Totaal", run))
    for name, key in groups:
        flow_rows.append(
            {
                "Perceel": name,
                f"{first.capitalize()}": shown[(key, "n")],
                "Beide (paren)": shown[(key, "deelname", "beide")],
                f"Alleen {first}": shown[(key, "deelname", "alleen_voor")],
                f"Alleen {second}": shown[(key, "deelname", "alleen_na")],
                "Uitgesloten (voor / na)": f"{shown[(key, 'deelname', 'uitgesloten_voor')]} / "
                f"{shown[(key, 'deelname', 'uitgesloten_na')]}",
            }
        )
    flow_shown = pd.DataFrame(flow_rows)
    tables["uitval"] = flow_shown
    parts.append(
        f"\n@tbl-uitval toont per perceel wie alleen de {first}, alleen de {second} of beide invulde."
        + (
            ""
            if withheld
            else f" Wie na de {first} afhaakte, kan verschillen van wie bleef; de volgende paragraaf vergelijkt beide "
            f"groepen bij de {first}."
        )
        + "\n"
    )
    parts.append(
        markdown_table(
            flow_shown,
            "Deelname aan de twee metingen per perceel",
            "tbl-uitval",
            align="lrrrrr",
            widths=[9, 12, 14, 18, 17, 22],
            source=disclosure.rule_note,
        )
    )

    if withheld:
        parts.append("## Verandering per schaal {#sec-verandering-schalen}\n")
        parts.append(callout(withheld) + "\n")
        parts.append(
            f"{programme_report_link('sec-verandering', 'Het rapport over het hele programma')} toont de verandering voor alle percelen samen.\n"
        )
        return ChangeResult(fragment="\n".join(parts), tables=tables)

    # ---------------------------------------------------------------- who left
    # everyone of the first wave without a pair: who did not answer again and who could not be matched (their
    # number is the run's n minus the pairs, both known to a reader of the tests below, so no split is given)
    pre = data[data["meting"] == first]
    stayed = pre[pre["koppeling"].isin([EXACT, TOLERANT])]
    left = pre[~pre["koppeling"].isin([EXACT, TOLERANT])]
    parts.append(f"## Verschillen wie afhaakte bij de {first}? {{#sec-verandering-uitval}}\n")
    if disclosure.can_report(len(stayed)) and disclosure.can_report(len(left)):
        rows = []
        for s in scales:
            n1, m1, l1, h1 = group_mean(stayed[s])
            n2, m2, l2, h2 = group_mean(left[s])
            rows.append(
                {
                    "Schaal": label[s],
                    "Bleef: M [95 %-BI]": f"{fmt_number(m1)} [{fmt_number(l1)}; {fmt_number(h1)}]"
                    if disclosure.can_report(n1)
                    else "–",
                    "Zonder paar: M [95 %-BI]": f"{fmt_number(m2)} [{fmt_number(l2)}; {fmt_number(h2)}]"
                    if disclosure.can_report(n2)
                    else "–",
                    "Verschil (zonder paar − gebleven)": _num(m2 - m1) if disclosure.can_report(min(n1, n2)) else "–",
                }
            )
        baseline_table = pd.DataFrame(rows)
        tables["uitval_basismeting"] = baseline_table
        parts.append(
            f"Gemiddelde schaalscores bij de {first} van wie ook de {second} invulde (en gekoppeld werd) en van wie "
            f"geen paar vormde (alleen de {first} invulde of niet gekoppeld kon worden), met een "
            f"95 %-betrouwbaarheidsinterval (t-verdeling) per groep "
            f"(@tbl-uitval-basis). Overlappen de intervallen sterk, dan is er geen aanwijzing dat de uitval "
            f"selectief was op die schaal; bij kleine groepen kan een echt verschil wel onopgemerkt blijven.\n"
        )
        parts.append(
            markdown_table(
                baseline_table,
                f"Scores bij de {first}: wie bleef en wie afhaakte",
                "tbl-uitval-basis",
                align="lrrr",
                widths=[34, 22, 22, 20],
                source=f"Bleef: {disclosure.count(len(stayed))} respondenten; zonder paar: "
                f"{disclosure.count(len(left))} (afgerond).",
            )
        )
    else:
        parts.append(disclosure.group_message(min(len(stayed), len(left)), "wie bleef en wie afhaakte te vergelijken"))
        parts.append("\n")

    # ---------------------------------------------------------------- change per scale
    pairs = pairs_frame(data, first, second, scales)
    parts.append("## Verandering per schaal {#sec-verandering-schalen}\n")
    n_pairs = len(pairs)
    if disclosure.can_model(n_pairs):
        rows = []
        for s in scales:
            res = paired_change(pairs[f"{s}_pre"], pairs[f"{s}_post"])
            row = {
                "Schaal": label[s],
                "n": disclosure.count(res.n),
                "Voor": fmt_number(res.mean_pre),
                "Na": fmt_number(res.mean_post),
            }
            if exact:
                row["Verschil [95 %-BI]"] = f"{_num(res.mean_diff)} [{_num(res.ci_low)}; {_num(res.ci_high)}]"
                row["t (df)"] = f"{_num(res.t)} ({res.df})"
            else:
                row["Verschil"] = _num(res.mean_diff)
            row["p"] = _p(res.p)
            row["d~z~"] = _num(res.d_z)
            row["p (Wilcoxon)"] = _p(res.wilcoxon_p)
            rows.append(row)
        change = pd.DataFrame(rows)
        tables["verandering"] = change
        parts.append(
            f"Voor elk paar is het verschil de score bij de {second} min die bij de {first}; positief is hoger bij de "
            f"{second} (bij intentie tot retentie betekent hoger: meer intentie om te vertrekken). @tbl-verandering "
            "geeft het gemiddelde verschil, de gepaarde t-toets en Cohens d~z~ (gemiddeld verschil gedeeld door de "
            "standaardafwijking van de verschillen), met de Wilcoxon-rangtekentoets als controle die geen normale "
            "verdeling van de verschillen veronderstelt. Er zijn vijftien schalen getoetst: bij p-waarden rond 0,05 "
            "is toeval niet uit te sluiten.\n"
        )
        note = (
            "Paren met een score op beide metingen. Gepaarde t-toets en Wilcoxon-rangtekentoets (tweezijdig; "
            "nulverschillen weggelaten, normale benadering met continuïteitscorrectie bij gelijke rangen, zoals R's "
            "`wilcox.test`)."
        )
        if exact:
            note += (
                " De kolom n is afgerond zoals alle aantallen; de vrijheidsgraden zijn het exacte aantal paren min 1 "
                "(@sec-statistiek zegt waarom de toetsen op de exacte aantallen rusten)."
            )
        else:
            note += (
                " In een perceelrapport staan geen t, vrijheidsgraden of interval. Ook zo is het exacte aantal paren "
                "af te leiden (uit p en d~z~); daarom toont een perceel deze toetsen alleen als de respondenten van de "
                "eerste meting zonder paar er geen of minstens het minimum zijn."
            )
        parts.append(
            markdown_table(
                change,
                f"Verandering tussen {first} en {second} bij dezelfde respondenten",
                "tbl-verandering",
                align="l" + "r" * (len(change.columns) - 1),
                widths=[28, 4, 6, 6, 20, 11, 9, 6, 10] if exact else [30, 5, 6, 6, 9, 9, 7, 10],
                source=f"Voor: {first}; na: {second}. " + note + " " + disclosure.rule_note.split(";")[0] + ".",
            )
        )
    else:
        parts.append(
            f"Te weinig gekoppelde paren (minder dan {disclosure.min_model_n}) om verandering te toetsen: de "
            "respondenten kregen de belofte dat niemand herkenbaar wordt.\n"
        )

    # ---------------------------------------------------------------- change and climate
    parts.append("## Gaat verandering samen met het leerklimaat bij de start? {#sec-verandering-klimaat}\n")
    rows = []
    min_cases = climate_min_cases(disclosure.min_model_n, params)
    for dv, frame in climate_frames(pre, pairs, codebook, params).items():
        if len(frame) < min_cases:
            continue
        model = climate_model(frame["pre"], frame["post"], frame["klimaat"])
        rows.append(
            {
                "Uitkomst": label[dv],
                "n": disclosure.count(model.n),
                "B voormeting": fmt_number(model.b_pre),
                "B leerklimaat [95 %-BI]": f"{_num(model.b_climate)} [{_num(model.ci_low)}; {_num(model.ci_high)}]",
                "p": _p(model.p),
                "R²": fmt_number(model.r_squared),
            }
        )
    if rows:
        models = pd.DataFrame(rows)
        tables["verandering_klimaat"] = models
        parts.append(
            f"Per competentie en uitkomst een bescheiden regressie: de score bij de {second} op die bij de "
            f"{first} en op het leerklimaat dat de respondent bij de {first} aangaf (het gemiddelde van de zes "
            "leerklimaatschalen). Met de voormeting in het model zegt de coëfficiënt van het leerklimaat of wie "
            "een warmer klimaat rapporteerde, bij gelijke startscore meer veranderde (@tbl-verandering-klimaat). "
            "Ook dit is samenhang bij de mensen die bleven, geen effect: het klimaat is niet toegewezen, en wat "
            "met een warm klimaat samengaat (sector, functie, werkgever) zit mee in de coëfficiënt.\n"
        )
        parts.append(
            markdown_table(
                models,
                f"Score bij de {second} naar score bij de {first} en leerklimaat bij de {first} (OLS)",
                "tbl-verandering-klimaat",
                align="lrrrrr",
                source="Ongestandaardiseerde coëfficiënten; gekoppelde paren met alle scores; n afgerond op een "
                f"veelvoud van {disclosure.rounding_base}.",
            )
        )
    else:
        parts.append(
            f"Te weinig gekoppelde paren met alle scores (minder dan {min_cases}) voor een model met twee "
            "predictoren.\n"
        )
    parts.append("## Wat dit ontwerp wel en niet kan tonen {#sec-verandering-grenzen}\n")
    parts.append(
        "Een voor- en nameting bij dezelfde mensen toont of hun antwoorden veranderden en bij wie meer. Ze toont "
        "niet of de competentiecheck die verandering veroorzaakte: daarvoor is een vergelijkingsgroep nodig die "
        "de check niet kreeg, of een gespreide start waarbij organisaties die later beginnen als vergelijking "
        "dienen. De paren zijn bovendien een selectie van wie twee keer wilde antwoorden; de vergelijking bij de "
        f"{first} hierboven toont alleen of die selectie op de gemeten schalen zichtbaar is.\n"
    )
    return ChangeResult(fragment="\n".join(parts), tables=tables)
