"""Synthetic demo data for the document analysis (chapter 4): the plannen van aanpak are not public.

Sixty short Dutch plans, as many per perceel as §5.1.1 counts (8, 14, 3, 20, 15), coded with the theme
codebook (``data/codebook/documenten.yml``) so that the profile mix follows what the report says
qualitatively: most plans fit 'Krachtige ambitie' and/or 'Krachtige basis', a few the other profiles,
some none; in percelen 3 and 5 one template text serves every company (§5.1.1: 'miniem en
repetitief'), so there a plan says nothing of the company's own profile. The nine organisations of the
interviews get plans that mostly carry their published profiles (``casussen.csv``), outside the
template percelen, so rule and human judgement can be compared. Seeded; regenerating gives
the same bytes. Everything is invented.
"""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import yaml

from competentiecheck.core.paths import DATA
from competentiecheck.qualitative.codebook import load_scheme, parse_path, path_text
from competentiecheck.qualitative.refi_qda import CodedProject, stable_guid, write_qdpx

__all__ = ["generate_documents", "DOCUMENTS", "PLANS_PER_PERCEEL"]

DOCUMENTS = DATA / "demo" / "documenten"
PLANS_PER_PERCEEL = {1: 8, 2: 14, 3: 3, 4: 20, 5: 15}  # eindverslag §5.1.1
TEMPLATE_PERCELEN = (3, 5)
DEMO_SEED = 20240301
SECTORS = {
    1: ["bouw", "hout", "elektriciteit", "autosector"],
    2: ["voeding", "chemie", "metaal", "textiel"],
    3: ["audiovisueel", "podiumkunsten"],
    4: ["kinderopvang", "thuiszorg", "ouderenzorg"],
    5: ["retail", "horeca"],
}
SENTENCE = "De begeleiding werkt aan {theme}."
# profile mix of the plans that are not interviewed organisations: (profiles, weight)
MIX = [
    (("Krachtige ambitie",), 18),
    (("Krachtige basis",), 16),
    (("Krachtige ambitie", "Krachtige basis"), 10),
    (("Krachtige basis", "Krachtige groeimogelijkheden"), 3),
    (("Krachtige employee journey",), 2),
    (("Krachtige lerende organisatie",), 1),
    (("Geen L&D-beleid",), 2),
    ((), 3),
]


def _codes_for(profiles, rules: dict, all_themes: list[str], rng: random.Random) -> list[str]:
    chosen: set[str] = set()
    for profile in profiles:
        rule = rules[profile]
        indicators = list(rule["indicators"])
        rng.shuffle(indicators)
        chosen |= set(indicators[: rule["rule"]["at_least"] + rng.choice([0, 0, 1])])
    excluded = {e for p in profiles for e in rules[p]["rule"].get("excludes", [])}
    extra = [
        t
        for t in all_themes
        if t not in chosen and t not in excluded and not t.startswith("Beoogde resultaten > Wettelijke")
    ]
    if "Geen L&D-beleid" not in profiles and extra:
        chosen.add(rng.choice(extra))  # one theme outside the profile, as real plans have
    return sorted(chosen)


def generate_documents(out_dir: Path = DOCUMENTS, seed: int = DEMO_SEED) -> dict:
    """Write ``plannen.csv`` (the plan register) and ``plannen.qdpx`` (the coded plans)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    scheme = load_scheme(DATA / "codebook" / "documenten.yml")
    profiles = {
        p["name"]: p for p in yaml.safe_load((out_dir / "profielen.yml").read_text(encoding="utf-8"))["profiles"]
    }
    themes = [path_text(p) for p in scheme.codes["path"] if len(p) == 2]
    cases = pd.read_csv(DATA / "demo" / "interviews" / "casussen.csv", dtype=str)
    interviewed = {
        int(p): [c for c, q in zip(cases["casus"], cases["perceel"]) if int(q) == int(p)] for p in set(cases["perceel"])
    }
    human = dict(zip(cases["casus"], cases["profielen"].fillna("")))
    register, sources, codings = [], [], []
    number = 0
    for perceel, count in PLANS_PER_PERCEEL.items():
        template_codes = None
        for k in range(count):
            number += 1
            plan = f"PvA-{number:02d}"
            companies = interviewed.get(perceel, [])
            company = companies[k] if k < len(companies) else f"onderneming {perceel}.{k + 1:02d}"
            if company in human:
                published = tuple(p.strip() for p in human[company].split(";") if p.strip())
                # mostly the published profiles; sometimes one is missed, as a coder reading a short plan would
                mix = published if rng.random() < 0.75 or len(published) < 2 else published[:-1]
            else:
                mix = rng.choices([m for m, _ in MIX], weights=[w for _, w in MIX])[0]
            if perceel in TEMPLATE_PERCELEN:
                if template_codes is None:  # one text for every company, whatever its own profile
                    drawn = rng.choices([m for m, _ in MIX], weights=[w for _, w in MIX])[0]
                    template_codes = _codes_for(drawn, profiles, themes, rng)
                codes = template_codes
                text = "Standaardaanpak van het sectorfonds voor elke onderneming. "
            else:
                codes = _codes_for(mix, profiles, themes, rng)
                text = f"Plan van aanpak voor {company} (synthetische demotekst). "
            source_guid = stable_guid("plan", plan)
            for code in codes:
                sentence = SENTENCE.format(theme=parse_path(code)[-1].lower())
                start = len(text)
                text += sentence + " "
                codings.append(
                    {
                        "source_guid": source_guid,
                        "source": plan,
                        "selection_guid": stable_guid("plan-selection", plan, code),
                        "start": start,
                        "end": start + len(sentence),
                        "code_guid": stable_guid("plan-code", code),
                        "path": parse_path(code),
                        "coder": "codeur A",
                        "text": sentence,
                    }
                )
            sources.append({"source_guid": source_guid, "source": plan, "text": text.strip()})
            register.append(
                {
                    "plan": plan,
                    "perceel": perceel,
                    "sector": rng.choice(SECTORS[perceel]),
                    "uren": rng.choice([6, 8, 10, 12, 16, 20, 24]) if perceel not in TEMPLATE_PERCELEN else 8,
                    "bedrijven": company,
                }
            )
    paths = list(scheme.codes["path"])
    project = CodedProject(
        name="Plannen van aanpak (synthetische demo)",
        codes=pd.DataFrame(
            {
                "code_guid": [stable_guid("plan-code", path_text(p)) for p in paths],
                "code": [p[-1] for p in paths],
                "path": paths,
                "parent_guid": [stable_guid("plan-code", path_text(p[:-1])) if len(p) > 1 else None for p in paths],
                "level": [len(p) for p in paths],
            }
        ),
        sources=pd.DataFrame(sources),
        codings=pd.DataFrame(codings),
        users=pd.DataFrame({"user_guid": [stable_guid("user", "codeur A")], "user": ["codeur A"]}),
    )
    write_qdpx(project, out_dir / "plannen.qdpx")
    pd.DataFrame(register).to_csv(out_dir / "plannen.csv", index=False, encoding="utf-8", lineterminator="\n")
    return {"plans": len(register), "codings": len(codings)}
