"""Findings as tested claims: one record per statement the report makes, with the numbers behind it.

Every step writes the claims it can test into its build folder (``build/<step or run>/claims.csv``, by
:func:`write_claims` inside its ``staged_outputs`` block). The synthesis step reads them all
(:func:`read_claims`), draws the conclusions from their outcomes, issues the recommendations that rest
on claims that hold, and lists every claim in the appendix "Bevindingen en hun onderbouwing". So when the
data change, the outcome of a claim changes, and with it the conclusion and the recommendation.

A claim is worded as the statement that is tested (not as its result): "Het coördinerende fonds is in elk
perceel het meest centraal". Its outcome says whether the data support it:

- ``holds``: the data support the statement (the test named in ``test``);
- ``does not hold``: the data contradict it;
- ``undetermined``: the data cannot decide (too few cases, interval spans the threshold); ``reason`` says why;
- ``not publishable``: the disclosure rule forbids showing the numbers that would decide it; ``reason``
  says which rule. The claim is then listed without numbers.

``data_status`` says what the numbers stand on: ``real`` (the team's own inputs in ``data/raw/``),
``published`` (figures transcribed from the source report, ``data/published/``, or a demo that holds the
published facts only, such as the literature review), ``demo`` (synthetic inputs). A claim on demo data is
never worded as a finding about the programme.

The five evaluation questions (``question``) are those of §9.1 of the source report
(``data/synthesis/evaluatievragen.yml``, :data:`QUESTIONS`).
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from competentiecheck.core.paths import DATA
from competentiecheck.core.yaml_text import safe_load

__all__ = [
    "Claim",
    "OUTCOMES",
    "OUTCOME_LABELS",
    "DATA_STATUSES",
    "DATA_STATUS_LABELS",
    "QUESTIONS",
    "SOURCES",
    "CLAIMS_FILE",
    "ClaimError",
    "write_claims",
    "read_claims",
    "data_status",
    "catalogue",
    "make_claim",
    "CATALOGUE_FILE",
]

CLAIMS_FILE = "claims.csv"

OUTCOMES = ("holds", "does not hold", "undetermined", "not publishable")
OUTCOME_LABELS = {
    "holds": "klopt",
    "does not hold": "klopt niet",
    "undetermined": "onbeslist",
    "not publishable": "niet publiceerbaar",
}
DATA_STATUSES = ("real", "published", "demo")
DATA_STATUS_LABELS = {"real": "echte gegevens", "published": "gepubliceerde cijfers", "demo": "synthetische demo"}

# the strands of evidence (the columns of the triangulation matrix), in the order of the report
SOURCES = {
    "literatuur": "Literatuurstudie",
    "plannen": "Plannen van aanpak",
    "vragenlijst": "Vragenlijst",
    "bedrijfsinterviews": "Interviews met ondernemingen",
    "partnerschappen": "Partnerschappen (gesprekken en netwerkcirkels)",
}

QUESTIONS_FILE = DATA / "synthesis" / "evaluatievragen.yml"
CATALOGUE_FILE = DATA / "synthesis" / "claims.yml"


def _questions() -> dict[int, str]:
    """The evaluation questions of §9.1 (``data/synthesis/evaluatievragen.yml``), by number."""
    data = safe_load(QUESTIONS_FILE.read_text(encoding="utf-8"))
    return {int(number): item["text"] for number, item in data["questions"].items()}


QUESTIONS = _questions()


class ClaimError(ValueError):
    """A claim that breaks the schema: names the file (or step), the claim and the field."""


@dataclass(frozen=True)
class Claim:
    """One tested statement of the report.

    id : stable identifier, ``<source>.<name>`` (for example ``vragenlijst.klimaat_tevredenheid``); unique
        within a run.
    run : ``totaal`` for the programme, ``perceel-k`` for a perceel.
    chapter : the section of the report where it is computed (Quarto id, ``sec-statistiek``).
    question : the evaluation question (1-5, :data:`QUESTIONS`).
    source : the strand of evidence (a key of :data:`SOURCES`).
    statement : the statement tested, in Dutch, without its outcome.
    test : how it is decided, in Dutch (for example "95 %-interval van ρ ligt boven 0").
    numbers : the numbers behind it as the report publishes them (Dutch format), empty when not publishable.
    n : the number of cases as published ('95', '< 5', '×'), empty when not applicable.
    outcome : one of :data:`OUTCOMES`.
    reason : why the outcome is undetermined or not publishable; empty otherwise.
    data_status : one of :data:`DATA_STATUSES`.
    notebook : the notebook that computes it (``02_survey``).
    """

    id: str
    run: str
    chapter: str
    question: int
    source: str
    statement: str
    test: str
    numbers: str
    n: str
    outcome: str
    reason: str
    data_status: str
    notebook: str

    def __post_init__(self) -> None:
        problems = []
        if not self.id or self.id != self.id.strip() or "," in self.id:
            problems.append(f"id {self.id!r} is leeg of bevat spaties aan de rand of een komma")
        if self.question not in QUESTIONS:
            problems.append(f"question {self.question!r} is geen evaluatievraag (1-5)")
        if self.source not in SOURCES:
            problems.append(f"source {self.source!r} is geen bron ({', '.join(SOURCES)})")
        if self.outcome not in OUTCOMES:
            problems.append(f"outcome {self.outcome!r} is geen uitkomst ({', '.join(OUTCOMES)})")
        if self.data_status not in DATA_STATUSES:
            problems.append(f"data_status {self.data_status!r} is geen status ({', '.join(DATA_STATUSES)})")
        if self.outcome in ("undetermined", "not publishable") and not self.reason:
            problems.append(f"outcome {self.outcome!r} zonder reason")
        if self.outcome == "not publishable" and self.numbers:
            problems.append("een niet publiceerbare claim toont geen getallen (numbers moet leeg zijn)")
        if not self.statement or not self.chapter or not self.notebook:
            problems.append("statement, chapter en notebook zijn verplicht")
        if problems:
            raise ClaimError(f"claim {self.id!r} ({self.run}): " + "; ".join(problems))


COLUMNS = [f.name for f in fields(Claim)]


def write_claims(claims: list[Claim], folder: Path) -> Path:
    """Write ``folder/claims.csv``: one row per claim, sorted by run and id (same claims, same bytes).
    Two claims with the same run and id are an error."""
    seen: set[tuple[str, str]] = set()
    for claim in claims:
        if (claim.run, claim.id) in seen:
            raise ClaimError(f"claim {claim.id!r} komt twee keer voor in run {claim.run}")
        seen.add((claim.run, claim.id))
    path = Path(folder) / CLAIMS_FILE
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for claim in sorted(claims, key=lambda c: (c.run, c.id)):
            writer.writerow(asdict(claim))
    return path


def read_claims(*paths: Path) -> list[Claim]:
    """The claims of one or more ``claims.csv`` files, validated; an unknown column, a missing column or a
    bad value names the file and the row."""
    claims: list[Claim] = []
    for path in paths:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != COLUMNS:
                raise ClaimError(f"{path}: kolommen {reader.fieldnames} in plaats van {COLUMNS}")
            for row_number, row in enumerate(reader, start=2):
                try:
                    claims.append(Claim(**{**row, "question": int(row["question"])}))
                except (ClaimError, ValueError) as exc:
                    raise ClaimError(f"{path}, rij {row_number}: {exc}") from exc
    return claims


def data_status(*, demo: bool, published: bool = False) -> str:
    """The status of a claim's data: ``demo`` when any input it rests on is synthetic, else ``published``
    when it rests on transcribed published figures, else ``real``."""
    if demo:
        return "demo"
    return "published" if published else "real"


_CATALOGUE: dict[str, dict] | None = None


def catalogue() -> dict[str, dict]:
    """The catalogue of claims (``data/synthesis/claims.yml``): per id (or id pattern with
    ``{placeholders}``) its question, source, chapter, section, runs, statement and test."""
    global _CATALOGUE
    if _CATALOGUE is None:
        data = safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))
        for key, entry in data["claims"].items():
            missing = {"question", "source", "chapter", "section", "runs", "statement", "test"} - set(entry)
            if missing:
                raise ClaimError(f"{CATALOGUE_FILE.name}: claim {key!r} mist {', '.join(sorted(missing))}")
        _CATALOGUE = data["claims"]
    return _CATALOGUE


def _entry(claim_id: str) -> tuple[str, dict]:
    """The catalogue entry of an id: the exact key, else the pattern whose fixed parts match."""
    entries = catalogue()
    if claim_id in entries:
        return claim_id, entries[claim_id]
    for key, entry in entries.items():
        if "{" in key:
            prefix = key.split("{", 1)[0]
            if claim_id.startswith(prefix) and "." not in claim_id[len(prefix) :]:
                return key, entry
    raise ClaimError(f"claim {claim_id!r} staat niet in {CATALOGUE_FILE.name}")


def make_claim(
    claim_id: str,
    run: str,
    outcome: str,
    *,
    numbers: str = "",
    n: str = "",
    reason: str = "",
    data_status: str,
    notebook: str,
    **fill: str,
) -> Claim:
    """A claim of the catalogue with its outcome: the statement and the test come from
    ``data/synthesis/claims.yml`` (a pattern's ``{placeholders}`` filled from ``fill``)."""
    _, entry = _entry(claim_id)
    try:
        statement = entry["statement"].format(**fill)
        test = entry["test"].format(**fill)
    except KeyError as exc:
        raise ClaimError(f"claim {claim_id!r}: vul {exc} in (een veld van de tekst in {CATALOGUE_FILE.name})") from exc
    return Claim(
        id=claim_id,
        run=run,
        chapter=entry["chapter"],
        question=int(entry["question"]),
        source=entry["source"],
        statement=statement,
        test=test,
        numbers=numbers,
        n=n,
        outcome=outcome,
        reason=reason,
        data_status=data_status,
        notebook=notebook,
    )
