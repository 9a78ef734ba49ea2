"""The text of a report and of a letter, as a list of blocks that both the HTML and the Typst writer render.

Plain Dutch for the manager of a small firm. Everything here is about one organisation and the programme:
the organisation's own means (only in its own report), its perceel's and the programme's means, what the
programme's analysis found, its plan's profiles and the synthesis' recommendations for companies.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from competentiecheck.core.tables import fmt_number
from competentiecheck.feedback.change import Change
from competentiecheck.feedback.context import GROUPS, Lever, Recommendation, Scale
from competentiecheck.feedback.figure import Row, scale_figure
from competentiecheck.feedback.means import Estimate
from competentiecheck.privacy.disclosure import Disclosure

__all__ = ["Organisation", "Programme", "report_blocks", "letter_blocks", "count_words"]

PROGRAMME_NAME = "Competentiechecks voor ondernemingen"


@dataclass
class Organisation:
    code: str
    name: str
    perceel: int
    n: int  # analysed respondents (first wave)
    own: dict[str, Estimate] = field(default_factory=dict)  # scale -> the organisation's estimate
    perceel_means: dict[str, Estimate] | None = None  # None: the perceel may not be shown beside it
    subgroups: dict[str, dict[str, Estimate]] = field(default_factory=dict)
    profiles: list[str] = field(default_factory=list)
    has_plan: bool = False
    show_programme: bool = True  # False: the programme minus this organisation would be too small a rest
    waves: tuple[str, str] | None = None  # (first, second) when the data hold two waves
    change: dict[str, Change] = field(default_factory=dict)  # scale -> change over matched pairs (shown ones)


@dataclass
class Programme:
    means: dict[str, Estimate]
    scales: dict[str, Scale]
    levers: list[Lever]
    recommendations: list[Recommendation]
    profile_texts: dict[str, str]
    disclosure: Disclosure
    min_respondents: int
    demo: bool
    perceel_shown: dict[int, bool]  # may a perceel's means be shown at all (its own size)?


def count_words(n: int, disclosure: Disclosure) -> str:
    """A count of people as the disclosure mechanism publishes it, in words."""
    shown = disclosure.count(n)
    if shown == 0:
        return "geen"
    if isinstance(shown, str):
        return f"minder dan {disclosure.min_group_size}"
    return f"ongeveer {shown}"


def _demo_note(programme: Programme) -> list[dict]:
    if not programme.demo:
        return []
    return [
        {
            "t": "note",
            "text": "Voorbeeld op synthetische gegevens: deze organisatie en haar antwoorden zijn verzonnen om te tonen "
            "hoe de terugkoppeling werkt. Trek er geen conclusies uit.",
        }
    ]


def _lever_sentences(programme: Programme) -> list[str]:
    scales = programme.scales
    items = []
    for lever in programme.levers:
        outcome = scales[lever.dependent].label.lower() if lever.dependent in scales else lever.dependent
        if not lever.available:
            items.append(f"Voor {outcome} kon het programma geen analyse maken (te weinig antwoorden).")
        elif not lever.predictors:
            items.append(
                f"Voor {outcome} sprong geen enkel aspect van het leerklimaat of van het leren er duidelijk uit."
            )
        else:
            for sign, word in ((1, "hoger"), (-1, "lager")):
                names = [scales[p].label.lower() if p in scales else p for p, b in lever.predictors if b * sign > 0]
                if names:
                    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
                    items.append(
                        f"{outcome.capitalize()} hing het duidelijkst samen met {joined}: wie daar hoger scoorde, "
                        f"scoorde gemiddeld {word} op {outcome}."
                    )
    return items


def _lever_blocks(programme: Programme) -> list[dict]:
    sentences = _lever_sentences(programme)
    return [
        {
            "t": "p",
            "text": "Over alle deelnemende organisaties heen keek de evaluatie welke kenmerken van het leerklimaat "
            "en welke manieren van leren samengaan met competenties, tevredenheid en vertrekplannen (rekening "
            "houdend met leeftijd, geslacht en leidinggeven). Daar kan ook in uw organisatie een hefboom liggen:",
        },
        {"t": "list", "items": sentences},
        {
            "t": "p",
            "text": "Dit zijn samenhangen in het hele programma, geen bewezen oorzaken en geen metingen in uw "
            "organisatie alleen.",
        },
    ]


def _recommendation_blocks(organisation: Organisation | None, programme: Programme) -> list[dict]:
    applies = [r for r in programme.recommendations if not r.needs_profile or (organisation and organisation.profiles)]
    issued = [r.text for r in applies if r.status == "issued"]
    demo = [r.text for r in applies if r.status == "demo"]
    blocks: list[dict] = [{"t": "h2", "text": "Aanbevelingen van de evaluatie voor ondernemingen"}]
    if issued:
        blocks.append({"t": "list", "items": issued})
    else:
        blocks.append(
            {"t": "p", "text": "De evaluatie deed op echte gegevens nog geen aanbeveling voor ondernemingen."}
        )
    if demo and programme.demo:
        blocks.append(
            {
                "t": "p",
                "text": "Alleen op de synthetische voorbeeldgegevens (dus nog geen aanbeveling):",
            }
        )
        blocks.append({"t": "list", "items": demo})
    return blocks


def _comparison(organisation: Organisation, programme: Programme) -> list[str]:
    """Scales where the organisation's whole interval lies above or below the programme's mean."""
    higher, lower = [], []
    for _, _, keys in GROUPS:
        for key in keys:
            own = organisation.own.get(key)
            whole = programme.means.get(key) if organisation.show_programme else None
            if own is None or whole is None or own.low != own.low:
                continue
            label = programme.scales[key].label.lower()
            if own.low > whole.mean:
                higher.append(label)
            elif own.high < whole.mean:
                lower.append(label)

    def join(words):
        return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]

    items = []
    if higher:
        items.append(f"Duidelijk hoger dan in het hele programma: {join(higher)}.")
    if lower:
        items.append(f"Duidelijk lager dan in het hele programma: {join(lower)}.")
    if not items:
        items.append(
            "Op geen enkele schaal ligt uw organisatie duidelijk hoger of lager dan het hele programma: de "
            "verschillen die u ziet, kunnen bij zo weinig antwoorden ook toeval zijn."
        )
    else:
        items.append("Bij de andere schalen is het verschil met het hele programma niet duidelijk.")
    return items


def _explanation(programme: Programme, organisation: Organisation | None = None) -> list[dict]:
    d = programme.disclosure
    snapshot = (
        "Een momentopname. De cijfers tonen hoe uw medewerkers het leren in uw organisatie zagen op "
        "het moment dat ze de vragenlijst invulden. Ze tonen niet of de begeleiding van de werking iets "
        "veranderd heeft: daarvoor is een meting vóór en na de begeleiding nodig, en die was er niet."
    )
    if organisation is not None and organisation.waves is not None:
        first, second = organisation.waves
        snapshot = (
            f"Een momentopname. De cijfers tonen hoe uw medewerkers het leren in uw organisatie zagen bij de "
            f"{first}. De verandering tot de {second} (waar ze staat) vergelijkt twee momentopnames van dezelfde "
            f"mensen; of de begeleiding van de werking die verandering veroorzaakte, kan niemand eruit afleiden: er "
            f"was geen vergelijkingsgroep zonder begeleiding."
        )
    # no page break before it: the section follows the recommendations (a forced break left a page with one
    # bullet when a report has the change section)
    return [
        {"t": "h1", "text": "Wat deze cijfers wel en niet zeggen"},
        {
            "t": "p",
            "text": snapshot,
        },
        {
            "t": "p",
            "text": "Weinig antwoorden. Een gemiddelde van een tiental mensen schommelt sterk: twee of drie "
            "andere invullers hadden een ander beeld kunnen geven. Daarom staat bij elk gemiddelde een lijn: "
            "het 95 %-betrouwbaarheidsinterval. Als de antwoorden een willekeurige greep uit uw medewerkers "
            "waren, ligt het echte gemiddelde van al uw medewerkers met 95 % zekerheid binnen die lijn. Hoe "
            "korter de lijn, hoe zekerder. Overlappen de lijnen van uw organisatie en van het programma, dan is "
            "het verschil niet duidelijk.",
        },
        {
            "t": "p",
            "text": "Wie invulde. Niet iedereen vulde in, en wie wel invulde, deed dat vrijwillig. Wie het "
            "meest (of het minst) met leren bezig is, vult zo'n vragenlijst misschien eerder in. De cijfers "
            "gelden voor wie antwoordde, niet vanzelf voor iedereen.",
        },
        {
            "t": "p",
            "text": "Vergelijken. Naast uw organisatie staan uw perceel (de organisaties van dezelfde sectoren in "
            "de werking) en het hele programma. Een perceel staat er alleen als genoeg andere medewerkers het "
            "vormen, zodat niemand uit het verschil af te leiden is. Andere organisaties werken in andere "
            "omstandigheden: een verschil is een vraag om over na te denken, geen oordeel.",
        },
        {
            "t": "p",
            "text": "Wat de analyse van het programma zegt. De hefbomen komen uit een analyse over alle "
            "deelnemers samen. Ze tonen wat samengaat, niet wat wat veroorzaakt, en niet wat in uw organisatie "
            "het beste werkt.",
        },
        {
            "t": "p",
            "text": f"Privacy. De medewerkers kregen de belofte dat niemand herkenbaar wordt. Daarom staan hier "
            f"alleen gemiddelden van schalen (nooit de antwoorden op één vraag, nooit wat iemand zelf schreef), "
            f"krijgt een organisatie pas cijfers vanaf {programme.min_respondents} invullers, en staat een groep "
            f"binnen de organisatie (bijvoorbeeld de leidinggevenden) er alleen als zij én de rest van de "
            f"organisatie elk minstens {d.min_group_size} invullers tellen. Aantallen van mensen zijn afgerond "
            f"op {d.rounding_base}. Dit rapport is alleen voor uw organisatie bestemd.",
        },
        {
            "t": "p",
            "text": "Hoe gerekend. Een schaalscore is het gemiddelde van de vragen van die schaal (sommige in "
            "omgekeerde richting gescoord); de lijn is het t-interval van het gemiddelde (gemiddelde plus en min "
            "t(0,975; n − 1) keer de standaardafwijking gedeeld door de wortel van n), afgekapt op de laagste "
            "en hoogste mogelijke score."
            + (
                " De verandering is het gemiddelde van de verschillen per gekoppelde invuller (nameting min "
                "voormeting), met hetzelfde t-interval over die verschillen (n − 1 vrijheidsgraden, n het aantal "
                "paren): een gepaarde t-toets."
                if organisation is not None and organisation.change
                else ""
            ),
        },
    ]


def _rows(organisation: Organisation, programme: Programme, key: str) -> list[Row]:
    rows = [Row("Uw organisatie", "organisatie", organisation.own.get(key))]
    perceel_label = f"Perceel {organisation.perceel}"
    if organisation.perceel_means is None:
        rows.append(Row(perceel_label, "perceel", None, "niet getoond: te weinig andere invullers"))
    else:
        rows.append(Row(perceel_label, "perceel", organisation.perceel_means.get(key)))
    whole = programme.means.get(key) if organisation.show_programme else None
    rows.append(Row("Hele programma", "programma", whole, "niet getoond: te weinig andere invullers"))
    return rows


def report_blocks(organisation: Organisation, programme: Programme) -> list[dict]:
    """A report of 3-4 pages for an organisation with enough respondents."""
    d = programme.disclosure
    blocks: list[dict] = [
        {"t": "title", "text": "Wat uw medewerkers zeggen over leren op het werk"},
        {
            "t": "subtitle",
            "text": f"{organisation.name} · terugkoppeling bij de vragenlijst van de werking "
            f"'{PROGRAMME_NAME}' · perceel {organisation.perceel}",
        },
        *_demo_note(programme),
        {
            "t": "p",
            "text": f"Bedankt! {count_words(organisation.n, d).capitalize()} medewerkers van uw organisatie vulden "
            f"de vragenlijst van de evaluatie in. Dit rapport geeft hun antwoorden samengevat terug, naast die "
            f"van uw perceel en van alle deelnemende organisaties samen, zodat u ziet waar uw organisatie staat "
            f"en waar hefbomen liggen.",
        },
        {"t": "h2", "text": "Kort"},
        {"t": "list", "items": _comparison(organisation, programme)},
        {
            "t": "p",
            "text": "Zo leest u de figuren: de stip is het gemiddelde, de lijn het bereik waarin het echte "
            "gemiddelde waarschijnlijk ligt (95 %-interval). Rechts staan beide in cijfers. Meer uitleg staat "
            "op de laatste pagina.",
        },
    ]
    for title, sentence, keys in GROUPS:
        blocks.append({"t": "h1", "text": title})
        blocks.append({"t": "p", "text": sentence})
        for key in keys:
            scale = programme.scales[key]
            blocks.append(
                {"t": "figure", "figure": scale_figure(scale, _rows(organisation, programme, key), scale.about)}
            )
    blocks += _change_blocks(organisation, programme)
    blocks.append({"t": "h1", "text": "Waar liggen de hefbomen?"})
    blocks += _lever_blocks(programme)
    blocks.append({"t": "h2", "text": "Leidinggevenden en medewerkers"})
    if organisation.subgroups:
        blocks.append(
            {
                "t": "p",
                "text": "Competenties, tevredenheid en vertrekplannen van leidinggevenden en van medewerkers zonder "
                "leidinggevende functie apart (beide groepen tellen genoeg invullers):",
            }
        )
        for key in [
            "beroepsexpertise",
            "anticipatie_optimalisatie",
            "persoonlijke_flexibiliteit",
            "jobtevredenheid",
            "intentie_retentie",
        ]:
            rows = [Row(label, "deelgroep", means.get(key)) for label, means in organisation.subgroups.items()]
            if any(r.estimate for r in rows):
                scale = programme.scales[key]
                blocks.append({"t": "figure", "figure": scale_figure(scale, rows)})
    else:
        blocks.append(
            {
                "t": "p",
                "text": f"Een opsplitsing naar leidinggevenden en medewerkers staat hier niet: daarvoor moeten beide "
                f"groepen minstens {d.min_group_size} invullers tellen, anders wordt iemand herkenbaar.",
            }
        )
    blocks.append({"t": "h1", "text": "Uw plan van aanpak en wat de evaluatie aanraadt"})
    blocks += _profile_blocks(organisation, programme)
    blocks += _recommendation_blocks(organisation, programme)
    blocks += _explanation(programme, organisation)
    return blocks


def _change_blocks(organisation: Organisation, programme: Programme) -> list[dict]:
    """The change between the two waves over the matched pairs (none with one wave; a sentence why not when
    no scale may be shown)."""
    if organisation.waves is None:
        return []
    first, second = organisation.waves
    d = programme.disclosure
    blocks: list[dict] = [{"t": "h1", "text": f"Verandering tussen {first} en {second}"}]
    if not organisation.change:
        blocks.append(
            {
                "t": "p",
                "text": f"De vragenlijst werd twee keer afgenomen ({first} en {second}), maar een verandering staat "
                f"hier niet. Daarvoor moeten in beide metingen minstens {programme.min_respondents} medewerkers "
                f"invullen, minstens {d.min_group_size} van hen beide keren (herkend aan hun eigen code), en ook de "
                f"andere invullers van de {first} minstens {d.min_group_size} zijn (of geen): anders wordt iemand "
                f"herkenbaar of is het verschil te onzeker.",
            }
        )
        return blocks
    blocks.append(
        {
            "t": "p",
            "text": f"De vragenlijst werd twee keer afgenomen: een {first} en een {second}. Hier staan alleen de "
            f"medewerkers die beide keren invulden en aan hun eigen code te koppelen waren, zodat dezelfde mensen "
            f"vergeleken worden. Wie maar één keer invulde, telt hier niet mee; daarom wijkt het gemiddelde bij de "
            f"{first} wat af van de cijfers hierboven (alle invullers van de {first}).",
        }
    )
    blocks.append(
        {
            "t": "p",
            "text": "Twee momentopnames van dezelfde mensen, geen bewijs van een effect: zonder vergelijkingsgroep "
            "weet niemand of het ook zonder de begeleiding zo veranderd was. De verandering is het gemiddelde "
            f"verschil per persoon ({second} min {first}) met zijn 95 %-interval; bevat dat interval 0, dan is de "
            "verandering niet duidelijk.",
        }
    )
    labels = {first: first.capitalize(), second: second.capitalize()}
    for _, _, keys in GROUPS:
        for key in keys:
            change = organisation.change.get(key)
            if change is None:
                continue
            rows = [Row(labels[first], "voormeting", change.pre), Row(labels[second], "nameting", change.post)]
            scale = programme.scales[key]
            blocks.append({"t": "figure", "figure": scale_figure(scale, rows, change=change.diff)})
    return blocks


def _profile_blocks(organisation: Organisation, programme: Programme) -> list[dict]:
    if not organisation.has_plan:
        return [{"t": "p", "text": "Van uw organisatie zat geen plan van aanpak bij de plannen die de evaluatie las."}]
    if not organisation.profiles:
        return [
            {
                "t": "p",
                "text": "Uw plan van aanpak past bij geen van de maturiteitsprofielen van de evaluatie: het combineert "
                "te weinig van de thema's die bij één profiel horen.",
            }
        ]
    blocks = [
        {
            "t": "p",
            "text": "De evaluatie las de plannen van aanpak en deelde ze in bij maturiteitsprofielen: een beeld van hoe "
            "ver een organisatie staat met haar leer- en ontwikkelbeleid. Uw plan past bij:",
        }
    ]
    items = []
    for profile in organisation.profiles:
        text = programme.profile_texts.get(profile, "")
        items.append(f"{profile}: {text}" if text else profile)
    blocks.append({"t": "list", "items": items})
    blocks.append(
        {"t": "p", "text": "Omschrijving uit Tabel 1 van het eindverslag; de indeling volgt de thema's van het plan."}
    )
    return blocks


def letter_blocks(organisation: Organisation, programme: Programme) -> list[dict]:
    """A one-page letter for an organisation below the threshold: no figures of its own."""
    d = programme.disclosure
    answered = count_words(organisation.n, d)
    if organisation.n == 0:
        opening = (
            "Bedankt voor uw deelname aan de werking. Uit uw organisatie kwam geen ingevulde vragenlijst binnen "
            "die de evaluatie kon gebruiken."
        )
    else:
        opening = (
            f"Bedankt voor uw deelname aan de werking en aan de evaluatie. {answered.capitalize()} medewerkers van "
            f"uw organisatie vulden de vragenlijst in."
        )
    highlights = []
    for key in ("jobtevredenheid", "autonomie", "formeel_leren"):
        est, scale = programme.means.get(key), programme.scales.get(key)
        if est and scale:
            highlights.append(
                f"{scale.label}: gemiddeld {fmt_number(est.mean, 1)} op een schaal van {fmt_number(scale.low, 0)} "
                f"tot {fmt_number(scale.high, 0)} over alle deelnemende organisaties."
            )
    return [
        {"t": "title", "text": "Bedankt voor uw deelname"},
        {"t": "subtitle", "text": f"{organisation.name} · werking '{PROGRAMME_NAME}' · perceel {organisation.perceel}"},
        *_demo_note(programme),
        {"t": "p", "text": opening},
        {
            "t": "p",
            "text": f"Waarom u geen cijfers van uw eigen organisatie krijgt: een organisatie krijgt een eigen rapport "
            f"vanaf {programme.min_respondents} invullers. Een gemiddelde van minder mensen is te onzeker om iets "
            f"over uw organisatie te zeggen, en het zou laten zien wat een enkele collega antwoordde. De medewerkers "
            f"kregen de belofte dat niemand herkenbaar wordt.",
        },
        {"t": "h2", "text": "Wat de evaluatie in het hele programma vond"},
        {"t": "list", "items": highlights + _lever_sentences(programme)},
        *_recommendation_blocks(organisation, programme),
        {
            "t": "p",
            "text": "Dit zijn momentopnames over alle deelnemers samen: ze tonen samenhangen, geen effect van de "
            "begeleiding. Wilt u een volgende keer een eigen rapport? Vraag dan meer collega's om de vragenlijst "
            "in te vullen.",
        },
    ]
