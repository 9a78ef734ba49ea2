"""What the reports take from the other steps, read from their files: the scales (codebook), what the
programme's own analysis found matters most (the totaal regressions of step 2), the maturity profiles of each
plan (step 5, ``build/documenten/team/``) and the recommendations for companies (step 7)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from competentiecheck.core.paths import BUILD, CODEBOOK, DATA, input_folder
from competentiecheck.core.tabular import read_yaml

__all__ = [
    "Scale",
    "GROUPS",
    "load_scales",
    "Lever",
    "levers",
    "plan_profiles",
    "profile_texts",
    "Recommendation",
    "recommendations",
    "ALPHA",
]

ALPHA = 0.05
COMPANY_AUDIENCE = "KMO's"

# Plain Dutch for a manager of a small firm: what each scale is about (the project's own wording)
PLAIN = {
    "leerleiderschap": ("Leidinggevende die leren steunt", "de leidinggevende steunt en coacht wie wil leren"),
    "ruimte_tijd": ("Ruimte en tijd om te leren", "er zijn afspraken, middelen en tijd om te leren"),
    "ondersteuning": ("Steun voor leren", "wie leert, krijgt budget en waardering"),
    "leeropportuniteiten": ("Kansen om te leren", "vernieuwen, iets uitproberen en lessen delen mag"),
    "kennisdeling": ("Kennis delen", "kritisch meedenken en informatie delen met andere teams"),
    "autonomie": ("Zelf sturen", "zelf kiezen wat, hoe en wanneer je leert, en weten wat er verwacht wordt"),
    "formeel_leren": ("Opleidingen volgen", "opleidingen, workshops, presentaties, e-learning, studiedagen"),
    "informeel_sociaal": ("Leren van collega's", "iets vragen, kijken hoe anderen het doen, om feedback vragen"),
    "informeel_individueel": ("Zelf opzoeken", "websites, tijdschriften, boeken en filmpjes raadplegen"),
    "informeel_reflectie": ("Nadenken over het eigen werk", "stilstaan bij wat je doet en hoe het beter kan"),
    "beroepsexpertise": ("Vakmanschap", "het werk goed, nauwkeurig en met weinig fouten doen"),
    "anticipatie_optimalisatie": ("Vooruitkijken", "zich voorbereiden op veranderingen en het eigen werk verbeteren"),
    "persoonlijke_flexibiliteit": ("Wendbaarheid", "zich aanpassen aan veranderingen in het werk"),
    "jobtevredenheid": ("Tevredenheid met de job", "hoe tevreden men alles bij elkaar is, van 0 tot 10"),
    "intentie_retentie": ("Vertrekplannen", "hoger betekent: meer plannen om binnen enkele jaren te vertrekken"),
}
# the report's sections, in order: title, one sentence, the scales
GROUPS = [
    (
        "Leerklimaat",
        "Hoe de organisatie leren mogelijk maakt, zoals de medewerkers het zien (1 = helemaal niet akkoord, "
        "5 = helemaal akkoord).",
        ["leerleiderschap", "ruimte_tijd", "ondersteuning", "leeropportuniteiten", "kennisdeling", "autonomie"],
    ),
    (
        "Leeractiviteiten",
        "Hoe vaak de medewerkers de voorbije zes maanden op deze manieren leerden (1 = nooit, 7 = altijd; "
        "nadenken over het werk mengt die schaal met een schaal van akkoord).",
        ["formeel_leren", "informeel_sociaal", "informeel_individueel", "informeel_reflectie"],
    ),
    (
        "Competenties",
        "Hoe de medewerkers hun eigen inzetbaarheid inschatten (1 = zeer slecht of nooit, 6 = zeer goed of zeer vaak).",
        ["beroepsexpertise", "anticipatie_optimalisatie", "persoonlijke_flexibiliteit"],
    ),
    (
        "Tevredenheid en vertrekplannen",
        "Tevredenheid met de job (0 tot 10) en plannen om te vertrekken (1 tot 5; hoger is méér vertrekplannen).",
        ["jobtevredenheid", "intentie_retentie"],
    ),
]


@dataclass(frozen=True)
class Scale:
    key: str
    label: str  # plain label
    about: str  # one line: what it is about
    low: float  # lowest possible score
    high: float  # highest possible score


def load_scales(codebook: Path = CODEBOOK) -> dict[str, Scale]:
    """The report's scales with their possible range (mean of the items' lowest and highest codes)."""
    book = yaml.safe_load(Path(codebook).read_text(encoding="utf-8"))
    codes = {name: spec["codes"] for name, spec in book["response_scales"].items()}
    response = {item["id"]: item["response"] for item in book["items"]}
    scales = {}
    for _, _, keys in GROUPS:
        for key in keys:
            items = book["scales"][key]["items"]
            low = float(np.mean([min(codes[response[i]]) for i in items]))
            high = float(np.mean([max(codes[response[i]]) for i in items]))
            label, about = PLAIN[key]
            scales[key] = Scale(key, label, about, low, high)
    return scales


@dataclass(frozen=True)
class Lever:
    dependent: str
    predictors: tuple[tuple[str, float], ...]  # (scale, standardised beta), strongest first
    available: bool  # was a model estimated and published?


def levers(params: dict, build: Path = BUILD, alpha: float = ALPHA) -> list[Lever]:
    """Per outcome of the totaal regressions (main configuration, last block), the learning-climate
    conditions and learning activities with p < ``alpha``, strongest standardised beta first. Background
    characteristics (age, gender, managing others) are no levers and are left out."""
    stats = params["statistics"]
    config = stats["main_configuration"]
    blocks = stats["configurations"][config]["blocks"]
    background = set(blocks[0]["variables"]) if len(blocks) > 1 else set()
    found = []
    for dependent in stats["dependents"]:
        path = Path(build) / "totaal" / "tables" / f"regressie_{config}_{dependent}_coefficienten.csv"
        if not path.exists():
            found.append(Lever(dependent, (), False))
            continue
        table = pd.read_csv(path)
        last = table[table["step"] == table["step"].max()]
        rows = last[
            (last["term"] != "(Constante)")
            & ~last["term"].isin(background)
            & (pd.to_numeric(last["p_val"], errors="coerce") < alpha)
            & (pd.to_numeric(last["beta"], errors="coerce") != 0)
        ]
        rows = rows.assign(size=rows["beta"].abs()).sort_values(["size", "term"], ascending=[False, True])
        found.append(Lever(dependent, tuple((t, float(b)) for t, b in zip(rows["term"], rows["beta"])), True))
    return found


def plan_profiles(build: Path = BUILD) -> dict[str, list[str]]:
    """Plan id -> the profiles step 5 assigned to it (team-only table; empty when step 5 wrote none)."""
    path = Path(build) / "documenten" / "team" / "profielen_per_plan.csv"
    if not path.exists():
        return {}
    table = pd.read_csv(path, dtype={"plan": str})
    profiles = [c for c in table.columns if c != "plan"]
    return {plan: [p for p in profiles if int(row[p]) == 1] for plan, (_, row) in zip(table["plan"], table.iterrows())}


def profile_texts(folder: Path | None = None) -> dict[str, str]:
    """Profile -> its description ('Wat?', as the profile definitions give it; Tabel 1 of the eindverslag)."""
    path = Path(folder or input_folder("documenten")) / "profielen.yml"
    if not path.exists():
        return {}
    data = read_yaml(path, "de profieldefinities", required=["profiles"])
    return {p["name"]: str(p.get("texts", {}).get("Wat?", "")).strip() for p in data["profiles"]}


@dataclass(frozen=True)
class Recommendation:
    id: str
    text: str
    status: str  # issued (on real or published data) or demo (met only on synthetic demo data)
    needs_profile: bool  # rests on the plans: applies to an organisation with a profile only


def recommendations(
    build: Path = BUILD, catalogue: Path = DATA / "synthesis" / "aanbevelingen.yml"
) -> list[Recommendation]:
    """The synthesis' recommendations for companies with the status it gave them in the totaal run (withheld
    ones are left out). One that rests on a claim about the plans applies to an organisation with a profile."""
    path = Path(build) / "totaal" / "tables" / "synthese_aanbevelingen.csv"
    if not path.exists():
        return []
    status = dict(zip(*pd.read_csv(path, dtype=str)[["aanbeveling", "status"]].T.values))
    data = yaml.safe_load(Path(catalogue).read_text(encoding="utf-8"))
    found = []
    for rec in data["recommendations"]:
        if rec["audience"] != COMPANY_AUDIENCE or status.get(rec["id"]) not in ("issued", "demo"):
            continue
        needs_profile = any(str(claim).startswith("plannen.") for claim in rec.get("rests_on", []))
        found.append(Recommendation(rec["id"], rec["text"]["nl"], status[rec["id"]], needs_profile))
    return found
