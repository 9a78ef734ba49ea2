"""The recommendations of chapter 9 as data (``data/synthesis/aanbevelingen.yml``), issued by their condition.

A recommendation rests on claims (``rests_on``) and names a condition: the claims that carry its
reasoning, each with the outcome it must have. A claim that only gives context stays in ``rests_on`` and
out of the condition. In a run a recommendation is

- **issued** when every claim of the condition has the required outcome and every one of them rests on
  real or published data;
- **demo** when every claim of the condition has the required outcome but at least one of them rests on
  synthetic demo data: chapter 9 lists it apart, clearly as no recommendation ("Wat de synthetische demo
  zou opleveren");
- **withheld** otherwise (a claim not measured in the run, not publishable, undecided, or with the other
  outcome): the appendix lists it with the reason.

So an issued recommendation links to every claim of its reasoning, each with the outcome its condition
asks, on real or published data. A text never names a perceel: a recommendation cannot point to what a
chapter hides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from competentiecheck.core.claims import OUTCOME_LABELS, Claim
from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import DATA, relative
from competentiecheck.core.tabular import read_yaml
from competentiecheck.synthesis.conclusions import claim_link
from competentiecheck.synthesis.evidence import Evidence, check_ids
from competentiecheck.synthesis.labels import reader_text

__all__ = [
    "RECOMMENDATIONS_FILE",
    "Recommendation",
    "Problem",
    "Decision",
    "load_recommendations",
    "decide",
    "decide_all",
]

RECOMMENDATIONS_FILE = DATA / "synthesis" / "aanbevelingen.yml"
ISSUED, DEMO, WITHHELD = "issued", "demo", "withheld"
PERCEEL_NAME = re.compile(r"\bpercee?l(en)?\s+\d", re.IGNORECASE)


@dataclass(frozen=True)
class Recommendation:
    id: str
    audience: str
    text: dict[str, str]
    rests_on: tuple[str, ...]
    condition: dict[str, str]
    top: int | None


def load_recommendations(path: Path = RECOMMENDATIONS_FILE) -> tuple[list[Recommendation], dict[str, dict[str, str]]]:
    """The recommendations and the audiences, checked: ids in the catalogue, a condition on at least one of
    the claims the recommendation rests on, texts in Dutch and English without a perceel number, known
    audiences, unique ids and places among the top."""
    data = read_yaml(path, "de aanbevelingen (aanbevelingen.yml)", required=("source", "audiences", "recommendations"))
    name = relative(Path(path))
    audiences = data["audiences"]
    recommendations: list[Recommendation] = []
    ids: dict[str, list[str]] = {}
    for number, item in enumerate(data["recommendations"], start=1):
        where = f"aanbeveling {item.get('id', number)!r}"
        missing = {"id", "audience", "text", "rests_on", "condition"} - set(item)
        if missing:
            raise InputError(f"{where} mist {', '.join(sorted(missing))}", file=name)
        if item["audience"] not in audiences:
            raise InputError(f"{where}: doelgroep {item['audience']!r} is geen van {', '.join(audiences)}", file=name)
        if not {"nl", "en"} <= set(item["text"]):
            raise InputError(f"{where}: tekst in nl en en ontbreekt", file=name)
        for language, text in item["text"].items():
            if PERCEEL_NAME.search(text):
                raise InputError(f"{where}: de tekst ({language}) noemt een perceel", file=name)
        condition = dict(item["condition"])
        for claim_id, outcome in condition.items():
            if outcome not in ("holds", "does not hold"):
                raise InputError(
                    f"{where}: voorwaarde {claim_id!r}: {outcome!r} is geen beslissende uitkomst", file=name
                )
            if claim_id not in item["rests_on"]:
                raise InputError(f"{where}: voorwaarde op {claim_id!r}, dat niet onder rests_on staat", file=name)
        if not condition:
            raise InputError(f"{where}: de voorwaarde noemt geen enkele claim", file=name)
        if any(r.id == item["id"] for r in recommendations):
            raise InputError(f"{where}: id staat twee keer in het bestand", file=name)
        top = item.get("top")
        if top is not None and any(r.top == top for r in recommendations):
            raise InputError(f"{where}: plaats {top} bij de belangrijkste aanbevelingen is al bezet", file=name)
        ids[where] = list(item["rests_on"])
        recommendations.append(
            Recommendation(item["id"], item["audience"], dict(item["text"]), tuple(item["rests_on"]), condition, top)
        )
    check_ids(ids, path)
    return recommendations, audiences


@dataclass(frozen=True)
class Problem:
    """Why a recommendation is not issued: ``kind`` (missing, not publishable, undetermined, outcome, demo),
    the claim it concerns (none for demo) and the sentence for the reader."""

    kind: str
    claim_id: str
    detail: str
    text: str


@dataclass(frozen=True)
class Decision:
    """A recommendation in one run: issued, demo or withheld, with the reasons it was not issued."""

    recommendation: Recommendation
    status: str
    problems: tuple[Problem, ...]
    claims: tuple[tuple[str, Claim | None], ...]

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(problem.text for problem in self.problems)

    def links(self, evidence: Evidence) -> str:
        """Links to the claims it rests on (those the run has), a claim on synthetic demo data marked so."""
        return ", ".join(
            claim_link(claim_id, evidence) + (" (demo)" if claim is not None and claim.data_status == "demo" else "")
            for claim_id, claim in self.claims
        )


def decide(recommendation: Recommendation, evidence: Evidence) -> Decision:
    problems = []
    on_demo = []
    for claim_id, required in recommendation.condition.items():
        claim = evidence.get(claim_id)
        link = claim_link(claim_id, evidence)
        if claim is None:
            problems.append(Problem("missing", claim_id, "", f"{link} is voor dit rapport niet getoetst"))
        elif claim.outcome == "not publishable":
            reason = reader_text(claim.reason)
            problems.append(Problem("not publishable", claim_id, reason, f"{link} is niet publiceerbaar ({reason})"))
        elif claim.outcome == "undetermined":
            reason = reader_text(claim.reason)
            problems.append(Problem("undetermined", claim_id, reason, f"{link} is onbeslist ({reason})"))
        elif claim.outcome != required:
            demo = " (synthetische demo)" if claim.data_status == "demo" else ""
            text = f"{link} {OUTCOME_LABELS[claim.outcome]}{demo}, de voorwaarde vraagt '{OUTCOME_LABELS[required]}'"
            problems.append(Problem("outcome", claim_id, claim.outcome, text))
        elif claim.data_status == "demo":
            on_demo.append(link)
    if problems:
        status = WITHHELD
    elif on_demo:
        status = DEMO
        rests = "rust" if len(on_demo) == 1 else "rusten"
        problems.append(
            Problem(
                "demo",
                "",
                "",
                f"de voorwaarde is vervuld, maar {_join(on_demo)} {rests} op synthetische demogegevens",
            )
        )
    else:
        status = ISSUED
    claims = tuple((claim_id, evidence.get(claim_id)) for claim_id in recommendation.rests_on)
    return Decision(recommendation, status, tuple(problems), claims)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def decide_all(recommendations: list[Recommendation], evidence: Evidence) -> list[Decision]:
    return [decide(r, evidence) for r in recommendations]
