"""The conclusions of chapter 9 and their triangulation over the strands of evidence.

Each conclusion (``data/synthesis/conclusies.yml``) names, per strand, the claims it rests on and the
outcome that supports it. In a run a claim supports the conclusion (its outcome is the supporting one),
contradicts it (the other decided outcome), is undecided, is withheld by the disclosure rule, or is not
measured (no such claim in the run). Per strand the claims give one cell of the triangulation matrix:

- ``steunt``: a claim supports, none contradicts; ``tegen``: the reverse; ``gemengd``: both;
- ``onbeslist`` / ``afgeschermd`` / ``niet gemeten``: nothing decided;
- ``stil``: the conclusion names no claim of this strand.

A cell decided only by claims on synthetic demo data is marked as demo and does not count. The level of
a conclusion, and with it its wording, follows from the strands that count:

- ``sterk``: at least two strands support, none contradicts;
- ``gedeeltelijk``: one strand supports, none contradicts;
- ``betwist``: support and contradiction;
- ``niet ondersteund``: contradiction only;
- ``niet te beoordelen``: nothing decided;
- ``demo``: nothing decided on real or published data, but the demo decides: the text says what the
  conclusion would be on the demo (the level computed with the demo claims counted) and that it is no finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from competentiecheck.core.claims import OUTCOME_LABELS, SOURCES, Claim
from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import DATA, relative
from competentiecheck.core.tables import markdown_table
from competentiecheck.core.tabular import read_yaml
from competentiecheck.synthesis.evidence import Evidence, catalogue_source, check_ids

__all__ = [
    "CONCLUSIONS_FILE",
    "LEVELS",
    "Conclusion",
    "Assessment",
    "load_conclusions",
    "assess",
    "triangulation_table",
    "triangulation_fragment",
    "anchor",
    "claim_link",
    "STRAND_SHORT",
]

CONCLUSIONS_FILE = DATA / "synthesis" / "conclusies.yml"
LEVELS = ("sterk", "gedeeltelijk", "betwist", "niet ondersteund", "niet te beoordelen", "demo")
GENERIC_LEVELS = ("gedeeltelijk", "betwist", "niet ondersteund", "niet te beoordelen", "demo")
FINDING_LEVELS = ("sterk", "gedeeltelijk")  # levels at which a conclusion is stated as a finding
DECIDED = ("steunt", "tegen", "gemengd")
# column heads of the triangulation matrix: short, so the table fits a phone
STRAND_SHORT = {
    "literatuur": "Literatuur",
    "plannen": "Plannen",
    "vragenlijst": "Vragenlijst",
    "bedrijfsinterviews": "Interviews",
    "partnerschappen": "Partners",
}
CELL_WORDS = {
    "steunt": "steunt",
    "tegen": "tegen",
    "gemengd": "gemengd",
    "onbeslist": "onbeslist",
    "afgeschermd": "afgeschermd",
    "niet gemeten": "niet gemeten",
    "stil": "–",
}
STATE_SENTENCE = {
    "steunt": "steunt",
    "tegen": "spreekt tegen",
    "gemengd": "steunt en spreekt tegen",
    "onbeslist": "onbeslist",
    "afgeschermd": "niet publiceerbaar",
    "niet gemeten": "niet getoetst voor dit rapport",
}


def anchor(claim_id: str) -> str:
    """The anchor of a claim in the appendix: ``bev-`` and the id in lower case, dots and underscores as
    hyphens (a label both HTML and Typst accept)."""
    return "bev-" + re.sub(r"[^a-z0-9]+", "-", claim_id.lower()).strip("-")


def claim_link(claim_id: str, evidence: Evidence) -> str:
    """A link to the claim in the appendix when the run has it (the anchor exists), else the id as code."""
    return f"[{claim_id}](#{anchor(claim_id)})" if evidence.get(claim_id) else f"`{claim_id}`"


# --------------------------------------------------------------------------- the library


@dataclass(frozen=True)
class Conclusion:
    id: str
    title: str
    title_en: str
    short: str
    question: int
    stelling: str
    statement: str
    rests_on: dict[str, tuple[tuple[str, str], ...]]  # strand -> ((claim id, supporting outcome), ...)
    wording: dict[str, dict[str, str]]
    meaning: str

    def claim_ids(self) -> list[str]:
        return [claim_id for entries in self.rests_on.values() for claim_id, _ in entries]


def load_conclusions(path: Path = CONCLUSIONS_FILE) -> tuple[list[Conclusion], dict[str, dict[str, str]]]:
    """The conclusions and the generic wordings per level, checked: every claim id in the catalogue and
    under the strand it belongs to, a supporting outcome that decides, a wording for every level that has
    no generic one, unique ids."""
    data = read_yaml(path, "de conclusies (conclusies.yml)", required=("source", "levels", "conclusions"))
    name = relative(Path(path))
    generic = data["levels"]
    for level in GENERIC_LEVELS:
        if not isinstance(generic.get(level), dict) or not {"nl", "en"} <= set(generic[level]):
            raise InputError(f"levels: '{level}' mist een tekst in nl en en", file=name)
    conclusions = []
    ids: dict[str, list[str]] = {}
    for number, item in enumerate(data["conclusions"], start=1):
        where = f"conclusie {item.get('id', number)!r}"
        missing = {
            "id",
            "title",
            "title_en",
            "short",
            "question",
            "stelling",
            "statement",
            "rests_on",
            "wording",
            "meaning",
        } - set(item)
        if missing:
            raise InputError(f"{where} mist {', '.join(sorted(missing))}", file=name)
        rests_on = {}
        for strand, entries in item["rests_on"].items():
            if strand not in SOURCES:
                raise InputError(f"{where}: {strand!r} is geen bron ({', '.join(SOURCES)})", file=name)
            parsed = []
            for entry in entries:
                claim_id, supports = (entry, "holds") if isinstance(entry, str) else (entry["claim"], entry["supports"])
                if supports not in ("holds", "does not hold"):
                    raise InputError(
                        f"{where}: claim {claim_id!r} steunt met {supports!r}, geen beslissende uitkomst", file=name
                    )
                parsed.append((claim_id, supports))
            rests_on[strand] = tuple(parsed)
        conclusion = Conclusion(
            id=item["id"],
            title=item["title"],
            title_en=item["title_en"],
            short=item["short"],
            question=int(item["question"]),
            stelling=item["stelling"],
            statement=item["statement"],
            rests_on=rests_on,
            wording=item["wording"],
            meaning=item["meaning"],
        )
        ids[where] = conclusion.claim_ids()
        for level, texts in conclusion.wording.items():
            if level not in LEVELS or not {"nl", "en"} <= set(texts):
                raise InputError(f"{where}: wording '{level}' is geen niveau met een tekst in nl en en", file=name)
        if "sterk" not in conclusion.wording:
            raise InputError(f"{where}: wording 'sterk' ontbreekt (daarvoor is er geen algemene tekst)", file=name)
        if any(c.id == conclusion.id for c in conclusions):
            raise InputError(f"{where}: id staat twee keer in het bestand", file=name)
        conclusions.append(conclusion)
    check_ids(ids, path)
    for conclusion in conclusions:
        for strand, entries in conclusion.rests_on.items():
            for claim_id, _ in entries:
                if catalogue_source(claim_id) != strand:
                    raise InputError(
                        f"conclusie {conclusion.id!r}: claim {claim_id!r} hoort bij de bron "
                        f"{catalogue_source(claim_id)!r}, niet bij {strand!r}",
                        file=name,
                    )
    return conclusions, generic


# --------------------------------------------------------------------------- assessing one run


@dataclass(frozen=True)
class Support:
    """One claim a conclusion rests on, as found in the run."""

    claim_id: str
    supports: str
    claim: Claim | None
    borrowed: bool  # a programme-wide claim in a perceel run

    @property
    def state(self) -> str:
        if self.claim is None:
            return "niet gemeten"
        outcome = self.claim.outcome
        if outcome == "not publishable":
            return "afgeschermd"
        if outcome == "undetermined":
            return "onbeslist"
        return "steunt" if outcome == self.supports else "tegen"

    @property
    def demo(self) -> bool:
        return self.claim is not None and self.claim.data_status == "demo"


def _decided(supports: list[Support]) -> str | None:
    pro = any(s.state == "steunt" for s in supports)
    con = any(s.state == "tegen" for s in supports)
    return "gemengd" if pro and con else "steunt" if pro else "tegen" if con else None


@dataclass
class Cell:
    """What one strand says about one conclusion in this run."""

    strand: str
    supports: list[Support] = field(default_factory=list)

    @property
    def present(self) -> list[Support]:
        return [s for s in self.supports if s.claim is not None]

    @property
    def state(self) -> str:
        if not self.supports:
            return "stil"
        decided = _decided([s for s in self.supports if not s.demo]) or _decided(self.supports)
        if decided:
            return decided
        states = {s.state for s in self.supports}
        for state in ("onbeslist", "afgeschermd"):
            if state in states:
                return state
        return "niet gemeten"

    @property
    def demo(self) -> bool:
        """The cell's state rests on synthetic demo data only."""
        if self.state in DECIDED:
            return _decided([s for s in self.supports if not s.demo]) is None
        return bool(self.present) and all(s.demo for s in self.present)

    @property
    def borrowed(self) -> bool:
        return bool(self.present) and all(s.borrowed for s in self.present)

    def counts(self, with_demo: bool) -> tuple[bool, bool]:
        """(supports, contradicts), counting demo claims only when ``with_demo``."""
        state = _decided([s for s in self.supports if with_demo or not s.demo])
        return state in ("steunt", "gemengd"), state in ("tegen", "gemengd")

    def label(self) -> str:
        """The short word of the matrix, with its marks."""
        word = CELL_WORDS[self.state]
        marks = [mark for mark, on in (("demo", self.demo), ("prog.", self.borrowed)) if on]
        return word + (f" ({', '.join(marks)})" if marks else "")


def _level(cells: list[Cell], with_demo: bool) -> str:
    support = sum(cell.counts(with_demo)[0] for cell in cells)
    contra = sum(cell.counts(with_demo)[1] for cell in cells)
    if support >= 2 and not contra:
        return "sterk"
    if support == 1 and not contra:
        return "gedeeltelijk"
    if support and contra:
        return "betwist"
    if contra:
        return "niet ondersteund"
    return "niet te beoordelen"


@dataclass
class Assessment:
    """A conclusion in one run: its cells per strand, its level and its wording."""

    conclusion: Conclusion
    cells: dict[str, Cell]
    level: str
    demo_level: str | None  # the level with the demo claims counted, when the level is 'demo'
    generic: dict[str, dict[str, str]]

    @property
    def is_finding(self) -> bool:
        return self.level in FINDING_LEVELS

    def _text(self, level: str, language: str) -> str:
        own = self.conclusion.wording.get(level, {}).get(language)
        if own:
            return own
        return self.generic[level][language].format(
            stelling=self.conclusion.stelling, statement=self.conclusion.statement
        )

    def wording(self, language: str = "nl") -> str:
        if self.level == "demo":
            return self.generic["demo"][language].format(demo=self._text(self.demo_level, language))
        return self._text(self.level, language)

    def evidence_lines(self, evidence: Evidence) -> list[str]:
        """Per strand that the conclusion names: what it says, with links to its claims (Markdown)."""
        lines = []
        for strand, cell in self.cells.items():
            if cell.state == "stil":
                continue
            claims = ", ".join(
                f"{claim_link(s.claim_id, evidence)} {OUTCOME_LABELS[s.claim.outcome] if s.claim else 'niet gemeten'}"
                for s in cell.supports
            )
            notes = []
            if cell.state in DECIDED and cell.demo:
                notes.append("alleen op synthetische demogegevens, telt niet mee")
            elif cell.state in DECIDED and any(s.demo and s.state in DECIDED for s in cell.supports):
                notes.append("deels op synthetische demogegevens, die tellen niet mee")
            if cell.borrowed:
                notes.append("programmabreed beoordeeld")
            note = f" ({'; '.join(notes)})" if notes else ""
            lines.append(f"**{SOURCES[strand]}**: {STATE_SENTENCE[cell.state]}{note}: {claims}.")
        return lines


def assess(conclusion: Conclusion, evidence: Evidence, generic: dict[str, dict[str, str]]) -> Assessment:
    cells = {}
    for strand, entries in conclusion.rests_on.items():
        cells[strand] = Cell(
            strand,
            [
                Support(claim_id, supports, evidence.get(claim_id), evidence.borrowed(claim_id))
                for claim_id, supports in entries
            ],
        )
    level = _level(list(cells.values()), with_demo=False)
    demo_level = None
    if level == "niet te beoordelen":
        with_demo = _level(list(cells.values()), with_demo=True)
        if with_demo != "niet te beoordelen":
            level, demo_level = "demo", with_demo
    # every strand gets a cell (silent where the conclusion names none), in the order of the report
    ordered = {strand: cells.get(strand, Cell(strand)) for strand in SOURCES}
    return Assessment(conclusion, ordered, level, demo_level, generic)


def triangulation_table(assessments: list[Assessment], numbered: bool = True) -> pd.DataFrame:
    """Conclusion × strand: the short word of each cell (``Cell.label``)."""
    rows = []
    for number, assessment in enumerate(assessments, start=1):
        row = {"Conclusie": (f"{number}. " if numbered else "") + assessment.conclusion.short}
        row.update({STRAND_SHORT[strand]: cell.label() for strand, cell in assessment.cells.items()})
        rows.append(row)
    return pd.DataFrame(rows)


def triangulation_fragment(assessments: list[Assessment], run_is_programme: bool) -> str:
    """The matrix as a Markdown table with its legend under it."""
    table = triangulation_table(assessments)
    legend = (
        "*steunt*: minstens één uitspraak van die bron ondersteunt de conclusie en geen spreekt ze tegen; "
        "*tegen*: omgekeerd; *gemengd*: beide; *onbeslist*: de gegevens beslissen het niet; *afgeschermd*: "
        "de cijfers die het zouden beslissen, mogen niet getoond worden; *niet gemeten*: de uitspraak is in "
        "dit rapport niet getoetst; *–*: de bron zegt over deze conclusie niets. *(demo)*: rust alleen op "
        "synthetische demogegevens en telt niet mee."
    )
    if not run_is_programme:
        legend += " *(prog.)*: alleen voor het hele programma beoordeeld, geldt ook voor dit perceel."
    return markdown_table(
        table,
        "Triangulatie: wat elke bron zegt over elke conclusie",
        "tbl-triangulatie",
        align="l" * len(table.columns),
        source=legend,
    )
