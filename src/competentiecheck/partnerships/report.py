"""Report pieces of the partnership step (chapter 8 and the Bijlage 8 appendix): generated, nothing typed.

Every number comes from :mod:`competentiecheck.partnerships.analysis`, already within its privacy
rules: ties and forms between named funds are shown, contribution scores only as aggregates over at
least ``disclosure.min_group_size`` respondents (jointly protected across percelen and programme),
code counts per perceel only for a large enough perceel, interviews under neutral labels. Statements
about strong interdependence cover the percelen whose mean is shown, never the hidden ones.
"""

from __future__ import annotations

import pandas as pd

from competentiecheck.core.claims import Claim
from competentiecheck.core.tables import callout, fmt_number, fmt_percent, markdown_table
from competentiecheck.core.terms import programme_report_link, term
from competentiecheck.partnerships.analysis import FORM_LABELS, InterviewResults, NetworkResults, PerceelNetwork
from competentiecheck.partnerships.claims import (
    cocreation_outcome,
    coordinator_counts,
    form_shares,
    forms_outcome,
    interdependence_outcome,
    network_claims,
)
from competentiecheck.partnerships.drawing import MATRIX_FROM, drawn_as_matrix
from competentiecheck.partnerships.network import FORMS
from competentiecheck.qualitative.codebook import CodingScheme
from competentiecheck.qualitative.fragments import (
    agreement_appendix,
    agreement_sentence,
    coding_scheme_fragment,
)

__all__ = [
    "partnerships_chapter",
    "partnerships_perceel",
    "partnerships_finding",
    "partnerships_conclusion",
    "partnerships_codebook",
    "CLAIM_LABELS",
]

CLAIM_LABELS = {"ja": "ja, alleen", "gedeeld": "gedeeld", "nee": "nee", "onbekend": "coördinator onbekend"}
SOURCE_CIRCLES = "Bron: netwerkcirkels van de sectorconsulenten (instrument: Bijlage 6 van het eindverslag)."
SOURCE_INTERVIEWS = (
    "Bron: gesprekken met sectorconsulenten, gecodeerd met het schema van Bijlage 8 van het eindverslag."
)


SYNTHETIC_QUOTES = "Deze citaten komen uit synthetische demo-transcripten: ze tonen hoe de selectie en de controle op namen werken en zijn geen uitspraken van sectorconsulenten."


def _share(value: float) -> str:
    return fmt_percent(100 * value, 0)


def _n(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def _list(items: list) -> str:
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def _response_table(response: pd.DataFrame, participants: pd.DataFrame, percelen: list[int] | None = None) -> str:
    rows = []
    for record in response.itertuples():
        if percelen is not None and record.perceel not in percelen:
            continue
        funds = participants[participants["perceel"] == record.perceel]
        names = {
            status: ", ".join(funds.loc[funds["status"] == status, "sectorfonds"]) or "–"
            for status in ("deelgenomen", "niet deelgenomen", "niet actief")
        }
        rows.append(
            {
                "Perceel": record.perceel,
                "Deelgenomen": names["deelgenomen"],
                "Niet deelgenomen": names["niet deelgenomen"],
                "Niet actief": names["niet actief"],
                "Respons": f"{record.deelgenomen} van {record.fondsen_actief}",
                "Herberekend": fmt_percent(record.responsgraad, 0),
                "Eindverslag": fmt_percent(record.gedrukt, 0) if "gedrukt" in response.columns else "–",
            }
        )
    suffix = "" if percelen is None else f"-{percelen[0]}"
    return markdown_table(
        pd.DataFrame(rows),
        "Respons van de sectorfondsen per perceel (Tabel 8 van het eindverslag herberekend)",
        f"tbl-partners-respons{suffix}",
        align="lllllrr",
        widths=[7, 30, 16, 14, 9, 10, 10],
        source="Bron: eindverslag, Tabel 8; deelnemers.csv van de partnerschappen. Een fonds dat "
        "niet actief was in de werking telt niet mee in de noemer, zoals in het eindverslag.",
    )


def _reconciliation(response: pd.DataFrame) -> str:
    if "verschil" not in response.columns:
        return "Er is geen gedrukte responsgraad om mee te vergelijken.\n"
    different = response[response["verschil"].abs() > 0.5]
    if different.empty:
        return "Elke herberekende responsgraad is gelijk aan die in Tabel 8 van het eindverslag.\n"
    named = "; ".join(
        f"perceel {r.perceel}: herberekend {fmt_percent(r.responsgraad, 0)}, gedrukt {fmt_percent(r.gedrukt, 0)}"
        for r in different.itertuples()
    )
    return f"**Verschil met Tabel 8 van het eindverslag.** {named}.\n"


def _measures_table(results: NetworkResults, percelen: list[str] | None = None, suffix: str = "") -> str:
    table = results.measures if percelen is None else results.measures[results.measures["perceel"].isin(percelen)]
    shown = pd.DataFrame(
        {
            "Perceel": table["perceel"].str.replace("programma", "Programma"),
            "Fondsen": table["fondsen"],
            "Met cirkel": table["respondenten"],
            "Banden": table["banden"],
            "Dichtheid": table["dichtheid"].map(lambda v: fmt_number(v, 2)),
            "Wederkerig": table["wederkerigheid"].map(lambda v: fmt_number(v, 2)),
            "Vormen per band": table["multiplexiteit"].map(lambda v: fmt_number(v, 2)),
            "Met co-creatie": table["aandeel_cocreatie"].map(_share),
            "Gem. bijdrage": table["gemiddelde_bijdrage"].map(lambda v: fmt_number(v, 2)),
        }
    )
    return markdown_table(
        shown,
        "Netwerkmaten per perceel",
        f"tbl-partners-maten{suffix}",
        align="lrrrrrrrr",
        widths=[12, 9, 9, 8, 10, 10, 10, 10, 10],
        source=SOURCE_CIRCLES + " Met cirkel: consulenten die een netwerkcirkel invulden. "
        "Dichtheid: banden gedeeld door de mogelijke banden (fondsen met "
        "een cirkel maal de andere fondsen); wederkerig: aandeel banden tussen fondsen met een cirkel "
        "dat in beide richtingen bestaat. Gemiddelde bijdrage (1-4) alleen waar minstens "
        f"{results.min_group_size} consulenten achter het getal staan en de percelen zonder "
        f"getoond gemiddelde samen ook minstens {results.min_group_size} consulenten tellen "
        "(anders volgt hun gemiddelde uit dat van het programma en de aantallen banden); "
        "'–' anders.",
    )


def _claims_table(results: NetworkResults, percelen: list[int] | None = None, suffix: str = "") -> str:
    claims = results.claims if percelen is None else results.claims[results.claims["perceel"].isin(percelen)]
    shown = pd.DataFrame(
        {
            "Perceel": claims["perceel"],
            "Coördinator": claims["coordinator"],
            "Genoemd door": claims["in_graad_coordinator"].map(lambda v: "–" if pd.isna(v) else int(v)),
            "Meest genoemd": claims["meest_centraal"],
            "Hoogste aantal": claims["hoogste_in_graad"],
            "Coördinator het meest centraal?": claims["uitkomst"].map(CLAIM_LABELS),
        }
    )
    return markdown_table(
        shown,
        "Is het coördinerende fonds het meest centraal?",
        f"tbl-partners-centraal{suffix}",
        align="llrlrl",
        widths=[7, 14, 9, 26, 9, 16],
        source=SOURCE_CIRCLES + " Centraliteit: het aantal partners dat het fonds in hun cirkel "
        f"noemde ({term('in_degree')}). Een fonds zonder eigen cirkel kan genoemd worden maar noemt niemand.",
    )


def _forms_claim(results: NetworkResults) -> tuple[dict[str, float], bool]:
    """The programme's shares per form, and whether the report's statement holds on them: information and
    feedback the most common forms and co-creation rare (the claims partnerschappen.informatie_feedback and
    partnerschappen.cocreatie_zeldzaam)."""
    shares = form_shares(results)
    return shares, forms_outcome(shares) == "holds" and cocreation_outcome(shares) == "holds"


def _percelen(numbers: list[int]) -> str:
    return f"perceel {numbers[0]}" if len(numbers) == 1 else f"de percelen {_list(numbers)}"


def _programme_mean_sentence(results: NetworkResults) -> str:
    if not results.programme_shown:
        return (
            f"Ook de gemiddelde bijdrage over het hele programma wordt niet getoond: minder dan "
            f"{results.min_group_size} consulenten vulden een netwerkcirkel in."
        )
    return (
        f"Over het hele programma is de gemiddelde bijdrage van een samenwerking "
        f"{fmt_number(results.programme_contribution, 2)} op de schaal van 1 (geen bijdrage) tot 4 (resultaat niet "
        f"mogelijk zonder samenwerking)."
    )


def _shown_means_sentence(results: NetworkResults) -> str:
    """Which shown percelen reach the threshold; the hidden ones are only counted, never placed."""
    threshold = fmt_number(results.high_contribution, 1)
    shown, hidden, high = results.shown_percelen, results.hidden_percelen, results.high_named
    if not shown:
        return (
            "Voor geen enkel perceel wordt de gemiddelde bijdrage getoond: te weinig consulenten vulden een "
            "cirkel in om een gemiddelde per perceel te tonen zonder dat het naar personen wijst."
        )
    if not results.n_high:
        verdict = (
            f"ze ligt daar onder {threshold} ('grote bijdrage')"
            if len(shown) == 1
            else f"in geen ervan is ze minstens {threshold} ('grote bijdrage')"
        )
    else:
        verdict = f"ze is minstens {threshold} ('grote bijdrage') in {_percelen(high)}" + (
            " en lager in de andere" if len(high) < len(shown) else ""
        )
    text = f"De gemiddelde bijdrage mag getoond worden voor {_percelen(shown)} (@tbl-partners-maten); {verdict}."
    if hidden:
        text += (
            f" Voor {'het andere perceel' if len(hidden) == 1 else f'de andere {len(hidden)} percelen'} "
            f"({_list(hidden)}) wordt ze niet getoond: daar vulden minder dan {results.min_group_size} consulenten "
            f"een cirkel in, of hun gemiddelde zou samen met het programmagemiddelde, de getoonde gemiddelden en de "
            f"aantallen banden naar minder dan {results.min_group_size} consulenten wijzen. Hoe sterk de "
            f"samenwerking daar bijdroeg, laat dit hoofdstuk open."
        )
    return text


def _interdependence_verdict(results: NetworkResults) -> str:
    """The report's claim (low interdependence except in one perceel), judged on the shown percelen only."""
    n, outcome = results.n_high, interdependence_outcome(results)
    if outcome == "not publishable":
        return (
            "Of de vaststelling van het eindverslag klopt dat de onderlinge afhankelijkheid laag was op één "
            "perceel na, is zonder de niet getoonde percelen niet na te gaan."
        )
    if outcome == "holds":
        return (
            "Dat past bij de vaststelling van het eindverslag dat de onderlinge afhankelijkheid laag was, op één "
            "perceel na."
        )
    where = "al in de getoonde percelen" if results.hidden_percelen else "in deze gegevens"
    return (
        "Het eindverslag stelt dat de onderlinge afhankelijkheid laag was op één perceel na; "
        f"{where} {'is dat in geen enkel perceel zo' if n == 0 else f'geldt het voor {n} percelen'}."
    )


def _interdependence_sentence(results: NetworkResults) -> str:
    return (
        " ".join([_programme_mean_sentence(results), _shown_means_sentence(results), _interdependence_verdict(results)])
        + "\n"
    )


def _demo_coordinator_note(participants: pd.DataFrame) -> str:
    """A callout while any coordinator in deelnemers.csv is the marked demo value (the report does not publish it)."""
    if not (participants["coordinator"].str.strip().str.casefold() == "demo").any():
        return ""
    return callout(
        "Het eindverslag publiceert niet welk fonds elk perceel coördineerde. In deze gegevens is de "
        "coördinator een demowaarde (kolom `coordinator` van deelnemers.csv); de uitkomst hierboven toont hoe "
        "de toets werkt, niet wat in de werking gebeurde."
    )


def partnerships_chapter(
    networks: NetworkResults,
    interviews: InterviewResults,
    response: pd.DataFrame,
    participants: pd.DataFrame,
    params: dict,
    network_figure: str,
    circle_figure: str,
    without_circle: list[str] | None = None,
    *,
    synthetic_quotes: bool = False,
) -> str:
    """Chapter 8; ``synthetic_quotes``: the coded consultant interviews are the synthetic demo (the quotes
    say so)."""
    consultants = int(response["deelgenomen"].sum())
    counts = coordinator_counts(networks)
    shares, forms_hold = _forms_claim(networks)
    parts = [
        partnerships_opening(networks, synthetic=synthetic_quotes),
        f"De samenwerking binnen de vijf percelen werd onderzocht met netwerkcirkels en gesprekken met de "
        f"sectorconsulenten van de deelnemende fondsen. {consultants} consulenten namen deel; {networks.n_respondents} "
        f"van hen vulden een netwerkcirkel in, met samen {networks.n_ties} banden naar partnerfondsen. Er waren "
        f"{interviews.n_interviews} gesprekken, waarvan {interviews.n_group} in groep; ze werden gecodeerd met het "
        f"codeerschema van Bijlage 8 van het eindverslag ([Bijlage E](#sec-codeboek-partnerschappen))."
        + (
            f" Geen netwerkcirkel van {_list(without_circle)}: "
            f"{'dit fonds staat' if len(without_circle) == 1 else 'deze fondsen staan'} in de netwerken als fonds dat "
            f"genoemd kan worden maar zelf niemand noemt."
            if without_circle
            else ""
        )
        + "\n",
        callout(
            "Een consulent spreekt vaak als enige voor een fonds. Daarom staat in dit hoofdstuk wel welke fondsen "
            "met elkaar samenwerkten en in welke vorm (de fondsen staan in Tabel 8 van het eindverslag), maar nooit de "
            "score die een consulent aan een samenwerking gaf: een gemiddelde bijdrage verschijnt alleen waar "
            f"minstens {params['disclosure']['min_group_size']} consulenten erachter staan, en een niet getoond "
            "gemiddelde is ook niet terug te rekenen uit het programmagemiddelde en de getoonde gemiddelden. "
            "Gesprekken heten "
            "'gesprek A', 'gesprek B', … in een willekeurige volgorde, zonder perceel of fonds."
        ),
        "## Respons {.unnumbered}\n",
        _response_table(response, participants),
        _reconciliation(response),
        "## Netwerken per perceel {.unnumbered}\n",
        *_network_figures(networks, network_figure),
        _measures_table(networks),
        "## Het coördinerende fonds {.unnumbered}\n",
        f"Het eindverslag stelt dat het coördinerende fonds in elk partnerschap de meest centrale partner was. In de "
        f"netwerkcirkels is het coördinerende fonds in {counts['ja']} van de {len(networks.claims)} percelen alleen het "
        f"vaakst genoemd, deelt het die plaats in {_n(counts['gedeeld'], 'perceel', 'percelen')} en is het in "
        f"{_n(counts['nee'], 'perceel', 'percelen')} niet het vaakst genoemde fonds (@tbl-partners-centraal). In een perceel waar weinig fondsen een cirkel "
        f"invulden, kan een fonds maar door weinig partners genoemd worden; een gedeelde eerste plaats is daar "
        f"eerder regel dan uitzondering.\n",
        _claims_table(networks),
    ]
    parts.append(_demo_coordinator_note(participants))
    form_table = networks.forms.pivot(index="perceel", columns="vorm", values="aandeel")[list(FORMS)]
    form_table = form_table.reindex([p for p in form_table.index if p != "programma"] + ["programma"])
    shown = pd.DataFrame(
        {
            "Perceel": [p.replace("programma", "Programma") for p in form_table.index],
            **{FORM_LABELS[f]: form_table[f].map(_share).values for f in FORMS},
        }
    )
    parts += [
        "## Vormen van samenwerking en onderlinge afhankelijkheid {.unnumbered}\n",
        f"Van alle banden omvat {_share(shares['informatie'])} het delen van informatie of doorverwijzen, "
        f"{_share(shares['feedback'])} feedback, hulp of ondersteuning en {_share(shares['cocreatie'])} co-creatie "
        f"(een band kan meer vormen hebben). "
        + (
            "Zoals het eindverslag vaststelt, zijn de eerste twee vormen gewoon en is co-creatie zeldzaam."
            if forms_hold
            else "Het eindverslag stelt dat de eerste twee vormen gewoon waren en co-creatie zeldzaam; in deze gegevens "
            "gaat dat niet helemaal op."
        )
        + "\n",
        markdown_table(
            shown,
            "Aandeel van de banden met elke vorm van samenwerking",
            "tbl-partners-vormen",
            align="lrrr",
            source=SOURCE_CIRCLES + " Een band kan meer dan één vorm hebben.",
        ),
        _interdependence_sentence(networks),
        "## Het instrument: de netwerkcirkel {.unnumbered}\n",
        f"![De netwerkcirkel zoals een consulent hem invult: partners in de sector van elke vorm van samenwerking, "
        f"dichter bij het midden naarmate de samenwerking meer bijdroeg. Verzonnen voorbeeld, geen gegevens van een "
        f'deelnemer.]({circle_figure}){{#fig-partners-cirkel fig-alt="Concentrische cirkel met drie sectoren '
        f'(informatie, feedback, co-creatie) en vier ringen voor de bijdrage, met zes genummerde partners."}}\n',
    ]
    parts += _interview_sections(interviews, params, synthetic_quotes)
    return "\n".join(parts) + "\n"


def partnerships_opening(networks: NetworkResults, *, synthetic: bool = False) -> str:
    """Two or three sentences before the method: what chapter 8 answers and what the circles show."""
    counts = coordinator_counts(networks)
    shares, _ = _forms_claim(networks)
    text = (
        "Hoe werkten de sectorfondsen binnen een perceel samen, en werd die samenwerking betekenisvol? "
        f"Van de {networks.n_ties} banden die consulenten in hun netwerkcirkel tekenden, omvat "
        f"{_share(shares['informatie'])} het delen van informatie en {_share(shares['cocreatie'])} co-creatie; "
        f"het coördinerende fonds is in {counts['ja']} van de {len(networks.claims)} percelen alleen het vaakst "
        f"genoemd."
    )
    if synthetic:
        text += (
            " De netwerkcirkels en de codering van de gesprekken zijn hier synthetische demogegevens: het hoofdstuk "
            "toont hoe de analyse werkt, geen bevinding over het programma."
        )
    return text + "\n"


def _interview_sections(results: InterviewResults, params: dict, synthetic_quotes: bool = False) -> list[str]:
    settings = params["partnerships"]
    layers = results.layers
    columns = {
        "Laag": layers["laag"].where(layers["laag"] != layers["laag"].shift(), ""),
        "Code": layers["code"],
        "Gesprekken": layers["gesprekken"],
    }
    for perceel in results.shown_percelen:
        columns[f"Perceel {perceel}"] = layers[f"perceel {perceel}"]
    table = pd.DataFrame(columns)
    per_layer = layers.groupby("laag", sort=False)["gesprekken"].max()
    top = layers.sort_values("gesprekken", ascending=False, kind="stable").iloc[0]
    parts = [
        "## Betekenisvolle samenwerking in de gesprekken {.unnumbered}\n",
        f"De tellingen gebruiken {results.coding_rule}. "
        + agreement_sentence(
            results.alpha,
            results.n_double,
            int((results.agreement["documents"] > 0).sum()),
            "gesprekken",
            "gesprek",
            "[Bijlage E](#sec-codeboek-partnerschappen)",
        ).strip()
        + " Een code telt in een gesprek als ze er minstens één "
        f"keer gebruikt is, ook via een subcode; een groepsgesprek telt als één gesprek. Het vaakst gecodeerd is "
        f"'{top.code}' ({top.laag.lower()}: {top.gesprekken} van de {results.n_interviews} gesprekken). Per laag "
        f"van het model komt de meest besproken code in "
        + _list([f"{n} gesprekken ({layer.lower()})" for layer, n in per_layer.items()])
        + " voor.\n",
        markdown_table(
            table,
            "Codes van de drie lagen van betekenisvolle samenwerking: aantal gesprekken",
            "tbl-partners-lagen",
            align="llr" + "r" * len(results.shown_percelen),
            source=SOURCE_INTERVIEWS + " " + results.perceel_note,
        ),
    ]
    themes = results.themes
    common = themes.sort_values("gesprekken", ascending=False, kind="stable").iloc[0]
    parts.append(
        f"Van de andere thema's van het codeerschema komt '{common.code}' ({common.thema.lower()}) het vaakst "
        f"voor, in {common.gesprekken} van de {results.n_interviews} gesprekken (@tbl-partners-themas); "
        f"@tbl-partners-structuur toont welke vormen van samenwerking samen met welke overlegstructuur "
        f"besproken werden.\n"
    )
    columns = {
        "Thema": themes["thema"].where(themes["thema"] != themes["thema"].shift(), ""),
        "Code": themes["code"],
        "Gesprekken": themes["gesprekken"],
    }
    for perceel in results.shown_percelen:
        columns[f"Perceel {perceel}"] = themes[f"perceel {perceel}"]
    parts.append(
        markdown_table(
            pd.DataFrame(columns),
            "Andere thema's van het codeerschema: aantal gesprekken",
            "tbl-partners-themas",
            align="llr" + "r" * len(results.shown_percelen),
            source=SOURCE_INTERVIEWS + " " + results.perceel_note,
        )
    )
    co = results.co_occurrence.reset_index().rename(columns={"vorm": "Vorm (rij), structuur (kolom)"})
    parts.append(
        markdown_table(
            co,
            "Vormen en structuren van samenwerking in hetzelfde gesprek (aantal gesprekken)",
            "tbl-partners-structuur",
            align="l" + "r" * (len(co.columns) - 1),
            source=SOURCE_INTERVIEWS,
        )
    )
    parts.append("## Citaten {.unnumbered}\n")
    if synthetic_quotes:
        parts.append(callout(SYNTHETIC_QUOTES))
    parts.append(
        f"Per laag ten hoogste {settings['quotes_per_theme']} korte citaten uit verschillende gesprekken, "
        f"gekozen volgens een vaste regel (de kortste gecodeerde segmenten tot {settings['quote_max_chars']} "
        f"tekens) en gecontroleerd op de namen van alle fondsen en sectoren.\n"
    )
    titles = {
        "4. Betekenisvolle samenwerking > Basiscondities voor samenwerking": "Basiscondities",
        "4. Betekenisvolle samenwerking > Structuur van een taak of project": "Structuur van de taak",
        "5. Team leergedragingen": "Collaboratieve activiteit (team leergedragingen)",
        "6. Partnerschap": "Het partnerschap",
    }
    for theme, group in results.quotes.groupby("theme", sort=False):
        parts.append(f"**{titles.get(theme, theme)}**\n")
        parts += [f'- "{row.quote}" ({row.label})' for row in group.itertuples()]
        parts.append("")
    return parts


def _perceel_figure(network: PerceelNetwork, figure: str, label: str) -> str:
    """One perceel's network: a circle diagram, or from ``MATRIX_FROM`` funds a matrix (drawing.py)."""
    perceel = network.perceel
    funds = network.graph.number_of_nodes()
    if drawn_as_matrix(network):
        return (
            f"![Samenwerking binnen perceel {perceel} als matrix: elke rij is een fonds waarvan de consulent partners "
            f"noemde, elke kolom een genoemde partner; een gevuld vak toont de vormen van die samenwerking. "
            f"{SOURCE_CIRCLES}]({figure})"
            f'{{#{label} fig-alt="Matrix van de {funds} sectorfondsen van perceel {perceel}: per paar van noemend '
            f'fonds en genoemde partner drie vakjes voor informatie, feedback en co-creatie."}}\n'
        )
    return (
        f"![Samenwerkingsnetwerk van perceel {perceel}: een pijl gaat van het fonds waarvan de consulent een partner "
        f"noemde naar die partner; de lijnstijl toont de diepste vorm van samenwerking. {SOURCE_CIRCLES}]({figure})"
        f'{{#{label} fig-alt="Netwerkdiagram van de {funds} sectorfondsen van perceel {perceel} met '
        f'pijlen voor de genoemde samenwerkingen."}}\n'
    )


def _network_figures(networks: NetworkResults, network_figure: str) -> list[str]:
    """The circle diagrams of the smaller percelen in one figure, then a matrix per perceel of
    ``MATRIX_FROM`` funds or more (``partners_netwerk_perceel-<k>.png`` next to ``network_figure``)."""
    circles = [n for n in networks.networks if not drawn_as_matrix(n)]
    matrices = [n for n in networks.networks if drawn_as_matrix(n)]
    folder = network_figure.rsplit("/", 1)[0] + "/" if "/" in network_figure else ""
    parts = []
    if matrices:
        parts.append(
            f"Een perceel met {MATRIX_FROM} of meer fondsen staat als matrix in een eigen figuur: in een cirkel "
            f"zouden de pijlen elkaar te vaak kruisen om nog te lezen.\n"
        )
    if circles:
        which = "per perceel" if not matrices else "van de percelen met minder dan " + str(MATRIX_FROM) + " fondsen"
        parts.append(
            f"![Samenwerkingsnetwerk {which}: een pijl gaat van het fonds waarvan de consulent een partner noemde "
            f"naar die partner; de lijnstijl toont de diepste vorm van samenwerking. {SOURCE_CIRCLES}]({network_figure})"
            f'{{#fig-partners-netwerken fig-alt="{_count_word(len(circles))} netwerkdiagrammen, één per perceel, met '
            f"de sectorfondsen op een cirkel, pijlen voor de genoemde samenwerkingen en het coördinerende fonds met "
            f'een donkere rand."}}\n'
        )
    for network in matrices:
        parts.append(
            _perceel_figure(
                network,
                f"{folder}partners_netwerk_perceel-{network.perceel}.png",
                f"fig-partners-netwerk-matrix-{network.perceel}",
            )
        )
    return parts


def _count_word(n: int) -> str:
    words = ["Geen", "Eén", "Twee", "Drie", "Vier", "Vijf", "Zes", "Zeven", "Acht", "Negen", "Tien"]
    return words[n] if n < len(words) else str(n)


def partnerships_perceel(
    network: PerceelNetwork,
    networks: NetworkResults,
    response: pd.DataFrame,
    participants: pd.DataFrame,
    params: dict,
    figure: str,
) -> str:
    """A perceel report: its own response, network and coordinator test; the rest in the programme report."""
    perceel = network.perceel
    suffix = f"-{perceel}"
    outcome = {
        "ja": "alleen het vaakst genoemde fonds",
        "gedeeld": "samen met een ander fonds het vaakst genoemd",
        "nee": "niet het vaakst genoemde fonds",
        "onbekend": "niet te beoordelen (geen coördinator bekend of geen cirkel)",
    }[network.claim]
    row = networks.measures.set_index("perceel")
    own, programme = row.loc[str(perceel)], row.loc["programma"]
    ties = int(own["banden"])
    parts = [
        f"Hoe werkten de sectorfondsen van perceel {perceel} samen? Hun consulenten tekenden {ties} "
        f"{'band' if ties == 1 else 'banden'} naar partnerfondsen, waarvan {_share(own['aandeel_cocreatie'])} "
        f"met co-creatie (programma: {_share(programme['aandeel_cocreatie'])}); het coördinerende fonds is {outcome}. "
        f"@tbl-partners-maten{suffix} zet de maten van het perceel naast die van het programma. De vergelijking met "
        f"de andere percelen, de gesprekken met de consulenten en de citaten staan in "
        + programme_report_link("sec-partnerschappen")
        + ".\n",
        _response_table(response, participants, [perceel]),
        _perceel_figure(network, figure, f"fig-partners-netwerk{suffix}"),
        _measures_table(networks, [str(perceel), "programma"], suffix),
        _claims_table(networks, [perceel], suffix),
        _demo_coordinator_note(participants),
    ]
    if not network.scores_shown:
        parts.append(callout(_hidden_perceel_note(network, params["disclosure"]["min_group_size"])))
    return "\n".join(parts) + "\n"


def _hidden_perceel_note(network: PerceelNetwork, minimum: int) -> str:
    if network.n_respondents < minimum:
        return (
            f"In dit perceel vulden minder dan {minimum} consulenten een netwerkcirkel in: de bijdrage die zij aan "
            f"hun samenwerkingen gaven, wordt daarom niet getoond, ook niet als gemiddelde."
        )
    return (
        f"In dit perceel vulden minstens {minimum} consulenten een netwerkcirkel in, maar in een ander perceel te "
        f"weinig. Met het programmagemiddelde en de getoonde gemiddelden zou dat kleine perceel terug te rekenen "
        f"zijn; daarom wordt ook de gemiddelde bijdrage van dit perceel niet getoond."
    )


def _high_clause(networks: NetworkResults, language: str) -> str:
    """Strong interdependence over the percelen whose mean is shown, for the summary (no hidden perceel counted)."""
    shown, n = len(networks.shown_percelen), networks.n_high
    if language == "nl":
        if shown == 0:
            return "de gemiddelde bijdrage van de samenwerking mag voor geen enkel perceel getoond worden"
        if shown == 1:
            return (
                f"in het enige perceel waarvan het gemiddelde getoond mag worden, leverde de samenwerking gemiddeld "
                f"{'minstens' if n else 'minder dan'} een 'grote bijdrage' aan de eigen doelen"
            )
        return (
            f"van de {shown} percelen waarvan het gemiddelde getoond mag worden, leverde de samenwerking "
            f"{f'in {n}' if n else 'in geen ervan'} gemiddeld minstens een 'grote bijdrage' aan de eigen doelen"
        )
    if shown == 0:
        return "the mean contribution of the collaboration may not be shown for any perceel"
    if shown == 1:
        return (
            f"in the only perceel whose mean may be shown, the collaboration contributed "
            f"{'at least' if n else 'less than'} 'much' to the consultants' own goals on average"
        )
    return (
        f"of the {shown} percelen whose mean may be shown, the collaboration contributed at least 'much' to the "
        f"consultants' own goals on average in {n if n else 'none'}"
    )


CIRCLE_CLAIMS = (
    "partnerschappen.coordinator_centraal",
    "partnerschappen.informatie_feedback",
    "partnerschappen.cocreatie_zeldzaam",
    "partnerschappen.lage_afhankelijkheid",
)


def _programme_claims(networks: NetworkResults, claims: list[Claim] | None) -> dict[str, Claim]:
    """The programme's claims on the circles by id. Without ``claims`` the text cannot know that the circles
    are real, so it words them as demo values (a demo value is never worded as a finding)."""
    if claims is None:
        claims = network_claims(networks, "totaal", status="demo")
    found = {claim.id: claim for claim in claims if claim.run == "totaal"}
    missing = [claim_id for claim_id in CIRCLE_CLAIMS if claim_id not in found]
    if missing:
        raise ValueError(f"claims van het programma ontbreken: {', '.join(missing)}")
    return found


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _is_demo(claim: Claim) -> bool:
    return claim.data_status == "demo"


def partnerships_finding(networks: NetworkResults, language: str = "nl", claims: list[Claim] | None = None) -> str:
    """Generated sentences for the summary and the conclusions (the same in every report), worded by the
    data status of the claims: on the demo the numbers are called what they are, synthetic values that show
    how the tests work, never a finding about the programme."""
    found = _programme_claims(networks, claims)
    counts = coordinator_counts(networks)
    shares, forms_hold = _forms_claim(networks)
    info, feedback, cocreation = (_share(shares[form]) for form in ("informatie", "feedback", "cocreatie"))
    n_percelen = len(networks.claims)
    circles_demo = _is_demo(found["partnerschappen.informatie_feedback"])
    coordinator_demo = _is_demo(found["partnerschappen.coordinator_centraal"])
    if language == "nl":
        forms = (
            f"{info} van de banden tussen fondsen gaat over informatie delen, {feedback} over feedback of hulp en "
            f"{cocreation} over co-creatie"
        )
        coordinator = (
            f"het coördinerende fonds is in {counts['ja']} van de {n_percelen} percelen alleen het vaakst genoemd "
            f"(gedeeld in {counts['gedeeld']})"
        )
        if circles_demo:
            return (
                f"De netwerkcirkels en de coördinerende fondsen in deze gegevens zijn synthetische demowaarden, "
                f"geen waarnemingen uit de werking: ze tonen alleen hoe de toetsen van @sec-partnerschappen werken. "
                f"In die demo geldt: {forms}; {coordinator}; {_high_clause(networks, 'nl')}.\n"
            )
        verdict = (
            ", zoals het eindverslag vaststelt: informatie en feedback zijn de gewone vormen, co-creatie is zeldzaam"
            if forms_hold
            else "; dat informatie en feedback de gewone vormen zijn en co-creatie zeldzaam, gaat hier niet helemaal op"
        )
        text = (
            f"In de netwerkcirkels van {networks.n_respondents} sectorconsulenten gaat {info} van de banden tussen "
            f"fondsen over informatie delen, {feedback} over feedback of hulp en {cocreation} over co-creatie{verdict}. "
        )
        if coordinator_demo:
            text += (
                "Welk fonds elk perceel coördineerde, is in deze gegevens een demowaarde; de toets of het "
                "coördinerende fonds het meest centraal is, toont dus alleen hoe ze werkt. "
            )
        else:
            text += _capital(coordinator) + ". "
        return text + _capital(_high_clause(networks, "nl")) + "; zie @sec-partnerschappen.\n"
    forms = (
        f"{info} of the ties between funds involve sharing information, {feedback} feedback or help and "
        f"{cocreation} co-creation"
    )
    coordinator = (
        f"the coordinating fund is named most often, alone, in {counts['ja']} of the {n_percelen} percelen "
        f"(shared in {counts['gedeeld']})"
    )
    if circles_demo:
        return (
            f"The network circles and the coordinating funds in these data are synthetic demo values, not "
            f"observations of the programme: they only show how the tests work. In this demo, {forms}; "
            f"{coordinator}; {_high_clause(networks, 'en')}.\n"
        )
    verdict = (
        ", as the final report states: information and feedback are the common forms, co-creation is rare"
        if forms_hold
        else "; that information and feedback are the common forms and co-creation rare does not fully hold here"
    )
    text = f"In the network circles of {networks.n_respondents} sector consultants, {forms}{verdict}. "
    if coordinator_demo:
        text += (
            "Which fund coordinated each perceel is a demo value in these data, so the test of whether the "
            "coordinator is the most central fund only shows how it works. "
        )
    else:
        text += _capital(coordinator) + ". "
    return text + _capital(_high_clause(networks, "en")) + ".\n"


def partnerships_conclusion(networks: NetworkResults, claims: list[Claim] | None = None) -> str:
    """What the circles suggest for a next call, following from the tested claims (not typed per result).

    On demo circles no recommendation follows: the text says how the test would lead to one. It never points
    to a perceel: what a perceel's partners did is in chapter 8 where the report may show it."""
    found = _programme_claims(networks, claims)
    shares, forms_hold = _forms_claim(networks)
    cocreation = _share(shares["cocreatie"])
    if _is_demo(found["partnerschappen.cocreatie_zeldzaam"]):
        text = (
            "De netwerkcirkels zijn hier synthetisch: er volgt nog geen aanbeveling uit, wel hoe de toets tot een "
            "aanbeveling leidt. "
        )
        if forms_hold:
            text += (
                f"In de demo bestaat de samenwerking vooral uit informatie delen en feedback, en komt co-creatie in "
                f"{cocreation} van de banden voor. Blijft co-creatie ook in de echte netwerkcirkels onder een derde "
                f"van de banden, dan bepaalt een volgende oproep best vooraf welke taken partners echt samen "
                f"uitvoeren: pas waar partners elkaar nodig hebben, kan samenwerken meer opleveren dan elk fonds alleen"
            )
        else:
            text += (
                f"In de demo komt co-creatie in {cocreation} van de banden voor, vaker dan het eindverslag "
                f"beschrijft. Is dat ook in de echte netwerkcirkels zo, dan loont het om na te gaan in welke taken "
                f"partners samen ontwierpen en wat dat opleverde"
            )
        return text + " (@sec-partnerschappen).\n"
    if forms_hold:
        text = (
            f"De samenwerking bestond vooral uit informatie delen en feedback; co-creatie kwam in "
            f"{cocreation} van de banden voor. Wie bij een volgende oproep meer wil dan uitwisseling, "
            f"bepaalt vooraf welke taken partners echt samen uitvoeren: pas waar partners elkaar nodig hebben, kan "
            f"samenwerken meer opleveren dan elk fonds alleen"
        )
    else:
        text = (
            f"Co-creatie kwam in {cocreation} van de banden voor, vaker dan het eindverslag "
            f"beschrijft; het loont om na te gaan in welke taken partners samen ontwierpen en wat dat opleverde"
        )
    if networks.n_high and not _is_demo(found["partnerschappen.lage_afhankelijkheid"]):  # shown percelen only
        text += (
            f". Waar de samenwerking gemiddeld sterk bijdroeg aan de eigen doelen (in {networks.n_high} van de "
            f"{len(networks.shown_percelen)} percelen waarvan het gemiddelde getoond mag worden), is onderlinge "
            f"afhankelijkheid dus "
            f"haalbaar: een volgende oproep kan partners vooraf laten beschrijven welke resultaten ze alleen samen "
            f"bereiken, en dat na afloop laten nagaan"
        )
    return text + " (@sec-partnerschappen).\n"


def partnerships_codebook(scheme: CodingScheme, interviews: InterviewResults | None = None) -> str:
    """Bijlage E: the coding scheme and, given the interview results, the agreement between coders."""
    text = coding_scheme_fragment(
        scheme,
        ["Hoofdvariabele", "Hoofdthema", "Subthema", "Sub-subthema"],
        "Codeerschema van de gesprekken over partnerschappen",
        "tbl-codeboek-partnerschappen",
        "data/codebook/partnerschappen.yml",
    )
    if interviews is None:
        return text
    heading = "\n### Overeenstemming tussen codeurs {.unnumbered}\n\n"
    if interviews.n_double == 0:
        return (
            text
            + heading
            + "Geen enkel gesprek werd door twee codeurs gecodeerd; de overeenstemming is niet te berekenen.\n"
        )
    return (
        text
        + heading
        + agreement_appendix(
            interviews.agreement,
            interviews.alpha,
            interviews.alpha_used,
            interviews.n_double,
            interviews.n_unapplied,
            lambda c: " > ".join(c.split(" > ")[-2:]),
            "Gesprekken",
            "gesprek",
            "tbl-partners-overeenstemming",
            SOURCE_INTERVIEWS + " Code: de laatste twee niveaus van het pad in het codeerschema. "
            "Kappa '–': niet gedefinieerd.",
        )
    )
