"""Synthetic demo data for the company interviews (chapter 7): no transcript of the evaluation is public.

Nine short Dutch transcripts, one per organisation of ``data/raw/interviews/casussen.csv``, made by
seeded code from sentence templates per code of the SWOT scheme (``data/codebook/swot.yml``), so that
the findings of §7.2 are present in the codings (how often a code is drawn follows the report's
wording: 'het merendeel', 'verschillende', 'enkele', 'in een aantal gevallen'). Coder A codes every
interview; coder B codes four of them again, with a few codings left out or given a neighbouring
code, so that agreement can be computed. Interviews 1-8 are exported as a REFI-QDA project
(``interviews.qdpx``), interview 9 as a flat export of coded segments. Regenerating gives the same
bytes. Everything here is invented; nothing names a person, organisation or place.
"""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

from competentiecheck.core.paths import DATA
from competentiecheck.qualitative.codebook import load_scheme, path_text
from competentiecheck.qualitative.demo_coding import Transcript, demo_users, scheme_code_rows, second_coder
from competentiecheck.qualitative.demo_coding import coding_rows as demo_coding_rows
from competentiecheck.qualitative.refi_qda import CodedProject, stable_guid, write_qdpx

__all__ = ["generate_interviews", "INTERVIEWS", "DEMO_SEED"]

INTERVIEWS = DATA / "demo" / "interviews"
DEMO_SEED = 20240915
FLAT_EXPORT_CASE = "organisatie 9"

S, W, O, T, A = (
    "2. Strengths",
    "3. Weaknesses",
    "4. Opportunities",
    "5. Threats",
    "1. Achtergrondinfo interviewpartner en onderneming",
)
# chance that an interview mentions the code, following the wording of §7.2, and sentences for it
TEMPLATES: dict[tuple[str, ...], tuple[float, list[str]]] = {
    (A, "Achtergrondinfo onderneming", "Thema's begeleiding"): (
        1.0,
        [
            "De begeleiding ging vooral over functieprofielen en een competentiematrix.",
            "We hebben gewerkt aan competenties, gespreksvoering en een opleidingsplan.",
        ],
    ),
    (A, "Achtergrondinfo onderneming", "Noden"): (
        0.8,
        [
            "We hadden nood aan duidelijkheid over wie welke competenties heeft.",
            "Onze functiebeschrijvingen waren verouderd en dat wilden we aanpakken.",
        ],
    ),
    (A, "Achtergrondinfo onderneming", "Beoogde resultaten"): (
        0.7,
        ["Het doel was een bruikbare competentiematrix voor de hele ploeg."],
    ),
    (A, "Achtergrondinfo onderneming", "Gerealiseerde resultaten"): (
        0.6,
        ["Uiteindelijk hebben we voor één afdeling een volledige matrix opgesteld."],
    ),
    (A, "Achtergrondinfo onderneming", "SHRD beleid"): (
        0.5,
        ["Een echt opleidingsbeleid hadden we voordien niet, dat groeit nu stilaan."],
    ),
    (A, "Achtergrond begeleiding", "Benadering begeleiding"): (
        1.0,
        [
            "De consultant kwam eerst luisteren naar wat wij zelf wilden bereiken.",
            "Er was een vaste opzet met een aantal sessies die vooraf vastlagen.",
        ],
    ),
    (A, "Achtergrond begeleiding", "Inhoud begeleiding"): (
        0.8,
        ["In de sessies vertaalden we de competenties naar concreet gedrag op de werkvloer."],
    ),
    (S, "Begeleiding", "Consultants"): (
        0.8,
        [
            "Het hielp dat iemand van buitenaf met een frisse blik naar ons bedrijf keek.",
            "De consultant sprak de taal van onze mensen en voelde de cultuur goed aan.",
            "Er was meteen een klik met de consultant, dat maakte veel verschil.",
        ],
    ),
    (S, "Begeleiding", "Inhoudelijk"): (
        0.7,
        [
            "De aanpak was gestructureerd, we wisten altijd waar we naartoe werkten.",
            "Omdat de begeleiding afgestemd was op onze noden, konden we er echt mee verder.",
        ],
    ),
    (S, "Tijd / timing"): (
        0.75,
        [
            "Dankzij het traject maakten we eindelijk tijd om stil te staan bij competenties.",
            "Anders schiet zoiets er in de dagelijkse drukte altijd bij in.",
        ],
    ),
    (S, "Motivatie / engagement om deel te nemen"): (
        0.5,
        ["Dat de begeleiding bijna niets kostte, gaf voor ons de doorslag om mee te doen."],
    ),
    (S, "Medewerkers"): (
        0.45,
        ["Onze medewerkers dachten mee over de competenties en voelden zich daardoor betrokken."],
    ),
    (S, "Leiderschap"): (
        0.5,
        [
            "Als zaakvoerder vind ik investeren in het leren van mijn mensen gewoon belangrijk.",
            "De teamleiders werden nadrukkelijk betrokken en dat hielp om het te laten landen.",
        ],
    ),
    (W, "Begeleiding", "Inhoud"): (0.2, ["Sommige sessies bleven voor ons nogal theoretisch."]),
    (W, "Begeleiding", "Verwachtingen"): (
        0.3,
        ["Het was niet altijd duidelijk wat we van de begeleiding mochten verwachten."],
    ),
    (W, "Tijd"): (0.45, ["De tijdsinvestering was groter dan we hadden ingeschat."]),
    (W, "Prioritering"): (0.35, ["Andere projecten moesten daardoor even wachten."]),
    (O, "Lange-termijn integratie"): (
        0.6,
        [
            "De matrix kunnen we straks ook gebruiken in de evaluatiegesprekken en bij aanwerving.",
            "Zo worden de loopbaanpaden binnen het bedrijf duidelijker voor iedereen.",
        ],
    ),
    (O, "Schaalbaarheid"): (0.35, ["We begonnen met één afdeling en kunnen nu zelf verder met de andere."]),
    (T, "Opvolging"): (0.5, ["Na de begeleiding moeten we het zelf trekken en dat is niet evident."]),
    (T, "Toepassing"): (0.4, ["De echte toepassing in de dagelijkse werking valt buiten het traject."]),
    (T, "Afstemming tussen begeleiding en noden"): (
        0.35,
        ["De vaste opzet paste niet helemaal bij wat wij eigenlijk nodig hadden."],
    ),
    (T, "Uitkomsten", "Ontevredenheid"): (
        0.15,
        ["Niet iedereen was blij om te zien op welk niveau hij volgens de matrix zat."],
    ),
    (T, "Uitkomsten", "Demotivatie"): (
        0.15,
        ["Voor enkele mensen werkte de confrontatie met hun competenties eerder demotiverend."],
    ),
    (T, "Uitkomsten", "Verloop"): (
        0.15,
        ["Na de gesprekken besloten een paar mensen dat hun job niet meer bij hen paste."],
    ),
}
QUESTIONS = {
    A: "Kunt u iets vertellen over uw organisatie en de begeleiding?",
    S: "Wat werkte goed in de begeleiding?",
    W: "Wat liep minder vlot?",
    O: "Welke kansen ziet u voor de toekomst?",
    T: "Waar ziet u risico's?",
}
ROLE = (A, "Achtergrondinfo interviewpartner")
DOUBLY_CODED = ["organisatie 1", "organisatie 3", "organisatie 5", "organisatie 7"]


def _interview(case: str, rng: random.Random) -> tuple[str, list[tuple[int, int, tuple[str, ...]]]]:
    """One transcript and its codings (start, end, code path) by coder A."""
    role = rng.choice(["Zaakvoerder", "HR verantwoordelijke", "Zowel zaakvoerder als HR verantwoordelijke"])
    transcript = Transcript()
    transcript.say(f"Interview met {case} (synthetische demotekst).\n")
    transcript.say("Interviewer: Wat is uw rol in de organisatie?\n")
    transcript.answer(
        {
            "Zaakvoerder": "Ik ben de zaakvoerder.",
            "HR verantwoordelijke": "Ik ben verantwoordelijk voor HR.",
            "Zowel zaakvoerder als HR verantwoordelijke": "Ik ben zaakvoerder en doe ook het HR-beleid.",
        }[role],
        ROLE + (role,),
    )
    for category, question in QUESTIONS.items():
        chosen = [code for code, (chance, _) in TEMPLATES.items() if code[0] == category and rng.random() < chance]
        if case == "organisatie 6" and category == T:  # §7.2.4 and Bijlage 9: expectations differed here
            chosen = sorted(set(chosen) | {(T, "Afstemming tussen begeleiding en noden")})
        transcript.block(question, chosen, TEMPLATES, rng)
    return transcript.text, transcript.codings


def generate_interviews(out_dir: Path = INTERVIEWS, seed: int = DEMO_SEED) -> dict:
    """Write ``interviews.qdpx`` (organisaties 1-8) and ``segmenten_codeur_a.csv``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    scheme = load_scheme(DATA / "codebook" / "swot.yml")
    cases = pd.read_csv(out_dir / "casussen.csv", dtype=str)
    rng = random.Random(seed)
    code_rows = scheme_code_rows(scheme)
    source_rows, coding_rows, case_rows, variable_rows, flat_rows = [], [], [], [], []
    for record in cases.itertuples():
        case = record.casus
        text, codings = _interview(case, rng)
        source_guid = stable_guid("source", case)
        coders = [("codeur A", codings)]
        if case in DOUBLY_CODED:
            second = second_coder(codings, scheme, rng, drop=0.12, move=0.2, min_depth=2)
            coders.append(("codeur B", second))
        if case == FLAT_EXPORT_CASE:
            for start, end, code in codings:
                flat_rows.append(
                    {
                        "document": case,
                        "codeur": "codeur A",
                        "code": path_text(code),
                        "begin": start,
                        "einde": end,
                        "segment": text[start:end],
                    }
                )
            continue
        source_rows.append({"source_guid": source_guid, "source": case, "text": text})
        coding_rows += demo_coding_rows(case, source_guid, text, coders)
        case_rows.append({"case_guid": stable_guid("case", case), "case": case, "source_guid": source_guid})
        variable_rows.append({"case": case, "variable": "perceel", "value": str(record.perceel)})
    project = CodedProject(
        name="Interviews met ondernemingen (synthetische demo)",
        codes=pd.DataFrame(code_rows),
        sources=pd.DataFrame(source_rows),
        codings=pd.DataFrame(coding_rows),
        cases=pd.DataFrame(case_rows),
        variables=pd.DataFrame(variable_rows),
        users=demo_users(["codeur A", "codeur B"]),
    )
    write_qdpx(project, out_dir / "interviews.qdpx")
    pd.DataFrame(flat_rows).to_csv(
        out_dir / "segmenten_codeur_a.csv", index=False, encoding="utf-8", lineterminator="\n"
    )
    return {"interviews": len(source_rows) + 1, "codings": len(coding_rows) + len(flat_rows)}
