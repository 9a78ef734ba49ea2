"""Synthetic demo data for the partnership step (chapter 8): no network circle or transcript is public.

Made by seeded code, labelled synthetic in every file, and shaped after chapter 8's wording so that its
statements can be *checked* (the step tests them; nothing here forces them):

* ``netwerkcirkels.csv``: one circle per consultant of a fund that took part (``deelnemers.csv``),
  one row per partner named. A partner is named with a fixed chance (higher for the coordinating fund,
  which also tends to get a higher contribution); information sharing and feedback are drawn often,
  co-creation seldom; contributions are mostly 1-2, except in one perceel (``INTERDEPENDENT``) where
  most consultants give some partner a 4 ('resultaat niet mogelijk zonder samenwerking').
* ``gesprekken.csv`` and ``gesprekken.qdpx``: one interview per consultant, except perceel
  ``GROUP_INTERVIEW`` which was interviewed as a group (as one perceel in the report); short Dutch
  transcripts from sentence templates per code of Bijlage 8 (``data/codebook/partnerschappen.yml``).
  Coder A codes every interview, coder B three of them again (a few codings left out or moved to a
  sibling code) for the agreement.

``example_circle`` gives the invented circle the report draws to show the instrument: partners are
'partner 1…6', never funds, and it is never read from ``data/raw``.
"""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

from competentiecheck.core.paths import DATA
from competentiecheck.partnerships.circles import CIRCLE_COLUMNS
from competentiecheck.partnerships.network import FORMS
from competentiecheck.partnerships.response import read_participants
from competentiecheck.qualitative.codebook import load_scheme
from competentiecheck.qualitative.demo_coding import Transcript, demo_users, scheme_code_rows, second_coder
from competentiecheck.qualitative.demo_coding import coding_rows as demo_coding_rows
from competentiecheck.qualitative.refi_qda import CodedProject, stable_guid, write_qdpx

__all__ = ["generate_partnerships", "example_circle", "PARTNERSHIPS", "DEMO_SEED", "INTERDEPENDENT", "GROUP_INTERVIEW"]

PARTNERSHIPS = DATA / "demo" / "partnerschappen"
DEMO_SEED = 20240214
INTERDEPENDENT = 3  # the perceel where partners could not have offered the service alone
GROUP_INTERVIEW = 5  # the perceel interviewed as a group
DOUBLY_CODED = ["gesprek 02", "gesprek 07", "gesprek 11"]

F, V, B, L, P, O, K = (
    "2. Samenwerkingsvorm",
    "3. Samenwerkingsstructuur",
    "4. Betekenisvolle samenwerking",
    "5. Team leergedragingen",
    "6. Partnerschap",
    "7. Ondersteuningsnoden voor toekomstige partnerschappen",
    "8. Kenmerken voor toekomstige partnerschappen",
)
FORMS_CODE = (F, "Samenwerkingsvorm")
FORMAL = (V, "Samenwerkingsstructuur", "Formeel (structureel/regulier/georganiseerd)")
INFORMAL = (V, "Samenwerkingsstructuur", "Informeel (e-mail, telefonisch, ad hoc)")
BASIS, TASK = (B, "Basiscondities voor samenwerking"), (B, "Structuur van een taak of project")
# chance that an interview mentions the code (following chapter 8's wording) and sentences for it
TEMPLATES: dict[tuple[str, ...], tuple[float, list[str]]] = {
    FORMS_CODE + ("Informatie", "Informatie delen"): (
        0.9,
        [
            "We stuurden elkaar vooral informatie door over de oproep en de timing.",
            "Nieuwe documenten van de administratie werden meteen met iedereen gedeeld.",
        ],
    ),
    FORMS_CODE + ("Informatie", "Doorverwijzen"): (
        0.5,
        ["Als een bedrijf eigenlijk bij een andere sector hoorde, verwezen we het door."],
    ),
    FORMS_CODE + ("Hulp", "Hulp ontvangen"): (
        0.5,
        ["Bij de rapportering kregen we hulp van een partner die daar al verder in stond."],
    ),
    FORMS_CODE + ("Hulp", "Hulp geven"): (
        0.4,
        ["We hebben een partner geholpen met het invullen van de eerste rapporten."],
    ),
    FORMS_CODE + ("Feedback", "Feedback ontvangen"): (
        0.7,
        [
            "Een vraag in de groep kreeg meestal binnen de dag een bruikbaar antwoord.",
            "Onze uitnodiging voor de bedrijven werd door de anderen nagelezen.",
        ],
    ),
    FORMS_CODE + ("Feedback", "Feedback geven"): (
        0.5,
        ["Wij gaven commentaar op de vragenlijst die een partner had opgesteld."],
    ),
    FORMS_CODE + ("Ondersteuning", "Ondersteuning ontvangen"): (
        0.5,
        ["De coördinatie hield ons op de hoogte van wat er op het overleg gezegd was."],
    ),
    FORMS_CODE + ("Ondersteuning", "Ondersteuning geven"): (
        0.3,
        ["Wie een probleem al had opgelost, legde uit hoe, zodat anderen dezelfde fout niet maakten."],
    ),
    FORMAL + ("Stuurgroep overleg",): (
        0.6,
        [
            "Elke maand was er een stuurgroep, maar die ging vooral over administratie.",
            "Op de stuurgroep werd vooral afgestemd over de rapportering.",
        ],
    ),
    FORMAL + ("Lerend netwerk",): (0.3, ["Een tijdelijke werkgroep maakte samen het communicatiemateriaal."]),
    INFORMAL + ("E-mail",): (0.7, ["Meestal ging het om een korte mail met een vraag."]),
    INFORMAL + ("Telefonisch",): (0.5, ["Even bellen was vaak sneller dan op de volgende vergadering te wachten."]),
    INFORMAL + ("Toevallige ontmoeting (e.g. event)",): (
        0.2,
        ["Op een event spraken we er toevallig over en zo is het idee ontstaan."],
    ),
    BASIS + ("Psychologische veiligheid", "Je uitspreken in een groep"): (
        0.4,
        ["In de groep durfde iedereen te zeggen wanneer iets niet lukte."],
    ),
    BASIS + ("Psychologische veiligheid", "Ideeën delen"): (
        0.3,
        ["Ideeën werden vrij gedeeld, ook als ze nog niet af waren."],
    ),
    BASIS + ("Psychologische veiligheid", "Risico's nemen"): (
        0.15,
        ["Iets nieuws uitproberen voelde in het begin riskant."],
    ),
    BASIS + ("Gedeelde visie", "Werken vanuit een gedeelde visie"): (
        0.25,
        [
            "Het eigen belang en het belang van het partnerschap botsten soms.",
            "Niet iedereen zag het partnerschap op dezelfde manier.",
        ],
    ),
    BASIS + ("Cohesie", "Collectieve commitment om naar doel te werken"): (
        0.4,
        ["Iedereen wilde dat de werking slaagde, ook al liep het tempo uiteen."],
    ),
    BASIS + ("Cohesie", "Gedeelde verantwoordelijkheid"): (
        0.3,
        ["De verantwoordelijkheid lag vooral bij de coördinatie, niet bij de groep."],
    ),
    TASK + ("Gedeelde doelen", "Gedeelde doelen"): (
        0.5,
        ["Een duidelijk gezamenlijk doel helpt, maar elke sector werkt op zijn eigen manier."],
    ),
    TASK + ("Gedeelde doelen", "Doelen zijn bekend"): (0.3, ["De doelen van de oproep waren voor iedereen bekend."]),
    TASK + ("Taak interdependentie", "Samenwerking nodig voor goede uitvoering taak"): (
        0.2,
        ["Eerlijk gezegd hadden we de dienstverlening ook alleen kunnen opzetten."],
    ),
    TASK + ("Uitkomst interdependentie", "Samenwerking nodig voor een goede uitkomst"): (
        0.2,
        ["Zonder de anderen hadden we dit aanbod nooit kunnen geven."],
    ),
    TASK + ("Uitkomst interdependentie", "Collectieve inspanningen worden beloond"): (
        0.1,
        ["Wat we samen bereikten, werd ook samen gerapporteerd."],
    ),
    (L, "Boundary crossing", "Kennis, info, hulp van externen"): (
        0.4,
        ["Voor de inhoud haalden we kennis bij externe experts."],
    ),
    (L, "Co-constructie", "Gedeelde informatie en ideeën worden verder uitgebouwd"): (
        0.2,
        ["Uit een voorstel van één partner groeide samen een betere aanpak."],
    ),
    (L, "Constructie", "Informatie en ideeën worden gedeeld"): (
        0.6,
        ["Elke partner bracht voorbeelden mee uit de eigen sector."],
    ),
    (L, "Constructief conflict", "Gedeelde informatie en ideeën worden kritisch bevraagd"): (
        0.2,
        ["Een voorstel werd soms stevig in vraag gesteld, en dat maakte het beter."],
    ),
    (L, "Error Communicatie", "Openlijk bespreken van fouten"): (
        0.3,
        ["Fouten in de rapportering werden open besproken."],
    ),
    (L, "Taakgericht leren", "Kennis, expertise en ideeën worden gedeeld om de taak goed uit te voeren"): (
        0.4,
        ["We leerden van elkaar hoe je een project als dit aanstuurt."],
    ),
    (L, "Team Reflexiviteit", "Regelmatig bespreken of team op een effectieve manier samenwerkt"): (
        0.2,
        ["Halverwege bespraken we hoe de samenwerking liep."],
    ),
    (P, "Samenstelling partnerschap"): (
        0.8,
        [
            "De samenstelling van het perceel voelde logisch, we kenden elkaar al.",
            "Met sommige partners was er weinig aansluiting.",
        ],
    ),
    (P, "Voordelen partnerschap"): (0.6, ["Het voordeel was dat je snel iemand kon bellen met een concrete vraag."]),
    (P, "Nadelen partnerschap"): (
        0.5,
        [
            "Samenwerken kost tijd, alleen waren we sneller geweest.",
            "De partners werkten op heel verschillende snelheden.",
        ],
    ),
    (O, "Ondersteuning Europa WSE"): (0.5, ["We willen vroeger betrokken worden bij het indelen van de percelen."]),
    (K, "Kenmerken partners"): (0.4, ["Een partner moet iets toevoegen wat je zelf niet hebt."]),
    (K, "Kenmerken thema"): (0.3, ["Het doel van de oproep bepaalt welke partners samen passen."]),
}
QUESTIONS = {
    F: "Hoe zag de samenwerking er concreet uit?",
    V: "Hoe was de samenwerking georganiseerd?",
    B: "Wat maakte de samenwerking betekenisvol, of net niet?",
    L: "Wat hebben jullie van elkaar geleerd?",
    P: "Wat zijn de voor- en nadelen van het partnerschap?",
    O: "Welke ondersteuning zou helpen?",
    K: "Waaraan moet een volgend partnerschap voldoen?",
}
BACKGROUND = (
    "1. Achtergrondinfo interviewpartner (indien relevant)",
    "Achtergrondinfo interviewpartner",
    "Interviewpartner",
)


def _circle_rows(participants: pd.DataFrame, rng: random.Random) -> list[dict]:
    rows, number = [], 0
    for perceel, group in participants.groupby("perceel"):
        active = group[group["status"] != "niet actief"]
        coordinator = next(iter(group.loc[group["coordinator"].str.strip() != "", "sectorfonds"]), None)
        for fund in active[active["status"] == "deelgenomen"]["sectorfonds"]:
            number += 1
            named = []
            for partner in sorted(p for p in active["sectorfonds"] if p != fund):
                if rng.random() < (0.95 if partner == coordinator else 0.65):
                    named.append(partner)
            if not named:  # a circle names at least one partner
                named = [sorted(p for p in active["sectorfonds"] if p != fund)[0]]
            for partner in named:
                forms = {
                    "informatie": rng.random() < 0.85,
                    "feedback": rng.random() < 0.6,
                    "cocreatie": rng.random() < (0.35 if perceel == INTERDEPENDENT else 0.12),
                }
                if not any(forms.values()):
                    forms["informatie"] = True
                weights = [0.05, 0.15, 0.4, 0.4] if perceel == INTERDEPENDENT else [0.3, 0.5, 0.17, 0.03]
                contribution = rng.choices([1, 2, 3, 4], weights)[0]
                if partner == coordinator and contribution < 3 and rng.random() < 0.5:
                    contribution += 1
                rows.append(
                    {
                        "respondent": f"C{number:02d}",
                        "fonds": fund,
                        "partner": partner,
                        **{form: "x" if forms[form] else "" for form in FORMS},
                        "bijdrage": contribution,
                    }
                )
    return rows


def _interview(case: str, perceel: int, group: bool, rng: random.Random) -> tuple[str, list]:
    transcript = Transcript()
    transcript.say(f"Gesprek {case[-2:]} (synthetische demotekst{', groepsgesprek' if group else ''}).\n")
    transcript.say("Interviewer: Hoe lang werk je al als sectorconsulent?\n")
    transcript.answer(
        rng.choice(["Ik doe dit werk al enkele jaren.", "Ik ben nog niet zo lang sectorconsulent."]), BACKGROUND
    )
    for category, question in QUESTIONS.items():
        chosen = []
        for code, (chance, _) in TEMPLATES.items():
            if code[0] != category:
                continue
            if perceel == INTERDEPENDENT and "interdependentie" in " ".join(code):
                chance = 0.8
            if (
                code == TASK + ("Taak interdependentie", "Samenwerking nodig voor goede uitvoering taak")
                and perceel == INTERDEPENDENT
            ):
                continue  # there the partners say the opposite (the outcome sentence covers it)
            if rng.random() < chance:
                chosen.append(code)
        transcript.block(question, chosen, TEMPLATES, rng)
    return transcript.text, transcript.codings


def generate_partnerships(out_dir: Path = PARTNERSHIPS, seed: int = DEMO_SEED) -> dict:
    """Write ``netwerkcirkels.csv``, ``gesprekken.csv`` and ``gesprekken.qdpx`` next to ``deelnemers.csv``."""
    out_dir = Path(out_dir)
    participants = read_participants(out_dir / "deelnemers.csv")
    rng = random.Random(seed)
    circles = pd.DataFrame(_circle_rows(participants, rng), columns=CIRCLE_COLUMNS)
    circles.to_csv(out_dir / "netwerkcirkels.csv", index=False, encoding="utf-8", lineterminator="\n")
    scheme = load_scheme(DATA / "codebook" / "partnerschappen.yml")
    cases, number = [], 0
    for perceel, group in participants[participants["status"] == "deelgenomen"].groupby("perceel"):
        consultants = len(group)
        if perceel == GROUP_INTERVIEW:
            number += 1
            cases.append(
                {"casus": f"gesprek {number:02d}", "perceel": perceel, "vorm": "groep", "deelnemers": consultants}
            )
            continue
        for _ in range(consultants):
            number += 1
            cases.append({"casus": f"gesprek {number:02d}", "perceel": perceel, "vorm": "individueel", "deelnemers": 1})
    case_table = pd.DataFrame(cases)
    case_table.to_csv(out_dir / "gesprekken.csv", index=False, encoding="utf-8", lineterminator="\n")
    code_rows = scheme_code_rows(scheme)
    source_rows, coding_rows, case_rows, variable_rows = [], [], [], []
    for record in case_table.itertuples():
        text, codings = _interview(record.casus, record.perceel, record.vorm == "groep", rng)
        source_guid = stable_guid("source", record.casus)
        coders = [("codeur A", codings)]
        if record.casus in DOUBLY_CODED:
            second = second_coder(codings, scheme, rng, drop=0.1, move=0.18, min_depth=3)
            coders.append(("codeur B", second))
        source_rows.append({"source_guid": source_guid, "source": record.casus, "text": text})
        coding_rows += demo_coding_rows(record.casus, source_guid, text, coders)
        case_rows.append(
            {"case_guid": stable_guid("case", record.casus), "case": record.casus, "source_guid": source_guid}
        )
        variable_rows.append({"case": record.casus, "variable": "perceel", "value": str(record.perceel)})
    project = CodedProject(
        name="Interviews met sectorconsulenten (synthetische demo)",
        codes=pd.DataFrame(code_rows),
        sources=pd.DataFrame(source_rows),
        codings=pd.DataFrame(coding_rows),
        cases=pd.DataFrame(case_rows),
        variables=pd.DataFrame(variable_rows),
        users=demo_users(["codeur A", "codeur B"]),
    )
    write_qdpx(project, out_dir / "gesprekken.qdpx")
    return {
        "circles": int(circles["respondent"].nunique()),
        "ties": len(circles),
        "interviews": len(case_table),
        "codings": len(coding_rows),
    }


def example_circle(seed: int = DEMO_SEED) -> pd.DataFrame:
    """An invented circle of one consultant with six partners ('partner 1…6'): ``partner, vormen, bijdrage``."""
    rng = random.Random(seed)
    rows = []
    for number in range(1, 7):
        forms = [form for form, chance in zip(FORMS, (0.8, 0.55, 0.25)) if rng.random() < chance] or ["informatie"]
        rows.append(
            {
                "partner": f"partner {number}",
                "vormen": frozenset(forms),
                "bijdrage": rng.choices([1, 2, 3, 4], [0.2, 0.4, 0.3, 0.1])[0],
            }
        )
    return pd.DataFrame(rows)
