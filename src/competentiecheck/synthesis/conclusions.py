"""The conclusions of chapter 9 and their triangulation over the strands of evidence.

Each conclusion (``data/synthesis/conclusies.yml``) is split into parts, and each part names, per strand,
the claims that test it and the outcome that supports it. A claim is listed under a part only when it
tests that part: a claim that gives context but does not decide the statement is not listed at all.

In a run a claim supports its part (its outcome is the supporting one), contradicts it (the other decided
outcome), is undecided, is withheld by the disclosure rule, or is not measured (no such claim in the run).
Per strand the claims give one cell of the triangulation matrix:

- ``steunt``: a claim supports, none contradicts; ``tegen``: the reverse; ``gemengd``: both;
- ``onbeslist`` / ``afgeschermd`` / ``niet gemeten``: nothing decided;
- ``stil``: the conclusion names no claim of this strand.

A cell decided only by claims on synthetic demo data is marked as demo and does not count. The level of
a conclusion follows from the strands that count:

- ``sterk``: at least two strands support, none contradicts, and every part is supported;
- ``gedeeltelijk``: some support, no contradiction, but one strand only or not every part;
- ``betwist``: support and contradiction;
- ``niet ondersteund``: contradiction only;
- ``niet te beoordelen``: nothing decided;
- ``demo``: nothing decided on real or published data, but the demo decides: the text says what the
  conclusion would be on the demo (the level computed with the demo claims counted) and that it is no finding.

The wording names the source behind each part ("De literatuurstudie wijst erop dat …; of … , kunnen alleen
de synthetische demogegevens tonen"): only a conclusion whose every part is supported gets its own,
affirming wording and heading; any other heading is the conclusion as a question.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from competentiecheck.core.claims import OUTCOME_LABELS, SOURCES, Claim
from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import DATA, relative
from competentiecheck.core.tables import markdown_table
from competentiecheck.core.tabular import read_yaml
from competentiecheck.synthesis.evidence import Evidence, catalogue_source, check_ids
from competentiecheck.synthesis.labels import anchor, claim_label

__all__ = [
    "CONCLUSIONS_FILE",
    "LEVELS",
    "Part",
    "Conclusion",
    "Assessment",
    "load_conclusions",
    "assess",
    "triangulation_table",
    "triangulation_fragment",
    "anchor",
    "claim_link",
    "source_names",
    "STRAND_SHORT",
]

CONCLUSIONS_FILE = DATA / "synthesis" / "conclusies.yml"
LEVELS = ("sterk", "gedeeltelijk", "betwist", "niet ondersteund", "niet te beoordelen", "demo")
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
    "onbeslist": "beslist niet",
    "afgeschermd": "niet publiceerbaar",
    "niet gemeten": "niet getoetst voor dit rapport",
}
# each strand as the subject of a sentence, with its grammatical number (True: plural)
SOURCE_NAMES = {
    "literatuur": {"nl": ("de literatuurstudie", False), "en": ("the literature review", False)},
    "plannen": {"nl": ("de plannen van aanpak", True), "en": ("the plans of approach", True)},
    "vragenlijst": {"nl": ("de vragenlijst", False), "en": ("the survey", False)},
    "bedrijfsinterviews": {"nl": ("de interviews met ondernemingen", True), "en": ("the company interviews", True)},
    "partnerschappen": {
        "nl": ("de gesprekken en netwerkcirkels van de partnerschappen", True),
        "en": ("the interviews and network circles of the partnerships", True),
    },
}
VERBS = {  # (singular, plural)
    "nl": {
        "steunt": ("wijst erop dat", "wijzen erop dat"),
        "tegen": ("spreekt tegen dat", "spreken tegen dat"),
        "steunt het": ("steunt het", "steunen het"),
        "niet": ("niet", "niet"),
    },
    "en": {
        "steunt": ("indicates that", "indicate that"),
        "tegen": ("contradicts the view that", "contradict the view that"),
        "steunt het": ("supports it", "support it"),
        "niet": ("does not", "do not"),
    },
}
AND = {"nl": "en", "en": "and"}


def _join(items: list[str], last: str) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {last} " + items[-1]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def source_names(strands, language: str = "nl") -> tuple[str, bool]:
    """'de literatuurstudie en de vragenlijst' and whether the subject is plural."""
    strands = list(strands)
    names = [SOURCE_NAMES[strand][language][0] for strand in strands]
    plural = len(strands) > 1 or SOURCE_NAMES[strands[0]][language][1]
    return _join(names, AND[language]), plural


def claim_link(claim_id: str, evidence: Evidence) -> str:
    """The claim's short label, linked to its entry in the appendix when the run has it (the anchor
    exists); never the id."""
    label = claim_label(claim_id)
    return f"[{label}](#{anchor(claim_id)})" if evidence.get(claim_id) else label


# --------------------------------------------------------------------------- the library


@dataclass(frozen=True)
class Part:
    """One testable part of a conclusion: a clause that follows 'dat' or 'of' (``text`` per language), the
    shared opening that lets parts be merged ('een warm leerklimaat samengaat met'; ``kern``, may be empty)
    and the claims per strand that test it."""

    id: str
    text: dict[str, str]
    kern: dict[str, str]
    rests_on: dict[str, tuple[tuple[str, str], ...]]  # strand -> ((claim id, supporting outcome), ...)


@dataclass(frozen=True)
class Conclusion:
    id: str
    title: str
    title_en: str
    vraag: str
    vraag_en: str
    short: str
    short_en: str
    question: int
    parts: tuple[Part, ...]
    wording: dict[str, dict[str, str]]
    meaning: str

    @property
    def rests_on(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """Every claim of every part, per strand (in the order of the parts, each claim once)."""
        merged: dict[str, list[tuple[str, str]]] = {}
        for part in self.parts:
            for strand, entries in part.rests_on.items():
                for entry in entries:
                    if entry not in merged.setdefault(strand, []):
                        merged[strand].append(entry)
        return {strand: tuple(entries) for strand, entries in merged.items()}

    def claim_ids(self) -> list[str]:
        return [claim_id for entries in self.rests_on.values() for claim_id, _ in entries]


REQUIRED = (
    "id",
    "title",
    "title_en",
    "vraag",
    "vraag_en",
    "short",
    "short_en",
    "question",
    "parts",
    "wording",
    "meaning",
)


def _rests_on(raw: dict, where: str, name: str) -> dict[str, tuple[tuple[str, str], ...]]:
    rests_on = {}
    for strand, entries in raw.items():
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
    return rests_on


def _part(item: dict, where: str, name: str) -> Part:
    missing = {"id", "nl", "en", "rests_on"} - set(item)
    if missing:
        raise InputError(f"{where} mist {', '.join(sorted(missing))}", file=name)
    kern = {"nl": item.get("kern", ""), "en": item.get("kern_en", "")}
    for language in ("nl", "en"):
        if kern[language] and not item[language].startswith(kern[language] + " "):
            raise InputError(f"{where}: de tekst ({language}) begint niet met de kern {kern[language]!r}", file=name)
    if not item["rests_on"]:
        raise InputError(f"{where}: geen uitspraak die dit deel toetst", file=name)
    return Part(item["id"], {"nl": item["nl"], "en": item["en"]}, kern, _rests_on(item["rests_on"], where, name))


def load_conclusions(path: Path = CONCLUSIONS_FILE) -> tuple[list[Conclusion], dict[str, dict[str, str]]]:
    """The conclusions and the demo wording, checked: every claim id in the catalogue and under the strand
    it belongs to, once per conclusion, a supporting outcome that decides, parts with a text in both
    languages, an affirming wording ('sterk') in both languages and no other, unique ids."""
    data = read_yaml(path, "de conclusies (conclusies.yml)", required=("source", "levels", "conclusions"))
    name = relative(Path(path))
    generic = data["levels"]
    if not isinstance(generic.get("demo"), dict) or not {"nl", "en"} <= set(generic["demo"]):
        raise InputError("levels: 'demo' mist een tekst in nl en en", file=name)
    conclusions: list[Conclusion] = []
    ids: dict[str, list[str]] = {}
    for number, item in enumerate(data["conclusions"], start=1):
        where = f"conclusie {item.get('id', number)!r}"
        missing = set(REQUIRED) - set(item)
        if missing:
            raise InputError(f"{where} mist {', '.join(sorted(missing))}", file=name)
        parts = tuple(_part(raw, f"{where}, deel {raw.get('id', i)!r}", name) for i, raw in enumerate(item["parts"], 1))
        if not parts or len({p.id for p in parts}) != len(parts):
            raise InputError(f"{where}: geen delen, of een deel-id staat twee keer", file=name)
        named = [claim_id for part in parts for entries in part.rests_on.values() for claim_id, _ in entries]
        doubles = sorted({c for c in named if named.count(c) > 1})
        if doubles:
            raise InputError(f"{where}: claim {doubles[0]!r} toetst meer dan één deel", file=name)
        conclusion = Conclusion(
            id=item["id"],
            title=item["title"],
            title_en=item["title_en"],
            vraag=item["vraag"],
            vraag_en=item["vraag_en"],
            short=item["short"],
            short_en=item["short_en"],
            question=int(item["question"]),
            parts=parts,
            wording=item["wording"],
            meaning=item["meaning"],
        )
        ids[where] = conclusion.claim_ids()
        if set(conclusion.wording) != {"sterk"} or not {"nl", "en"} <= set(conclusion.wording["sterk"]):
            raise InputError(
                f"{where}: wording heeft alleen 'sterk' (nl en en); de andere niveaus worden uit de delen opgesteld",
                file=name,
            )
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
    """What one strand says about one conclusion (or one part of it) in this run."""

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


def _cells(rests_on: dict[str, tuple[tuple[str, str], ...]], evidence: Evidence) -> dict[str, Cell]:
    return {
        strand: Cell(
            strand,
            [
                Support(claim_id, supports, evidence.get(claim_id), evidence.borrowed(claim_id))
                for claim_id, supports in entries
            ],
        )
        for strand, entries in rests_on.items()
    }


@dataclass
class PartAssessment:
    """One part of a conclusion in one run: its cells per strand that tests it."""

    part: Part
    cells: dict[str, Cell]

    def support(self, with_demo: bool) -> list[str]:
        return [strand for strand, cell in self.cells.items() if cell.counts(with_demo)[0]]

    def contra(self, with_demo: bool) -> list[str]:
        return [strand for strand, cell in self.cells.items() if cell.counts(with_demo)[1]]

    def category(self, with_demo: bool) -> str:
        """steunt, tegen, gemengd; demo (only the demo decides, when demo claims do not count); or open."""
        support, contra = self.support(with_demo), self.contra(with_demo)
        if support and contra:
            return "gemengd"
        if support or contra:
            return "steunt" if support else "tegen"
        if not with_demo and (self.support(True) or self.contra(True)):
            return "demo"
        return "open"


def _level(parts: list[PartAssessment], with_demo: bool) -> str:
    support = {strand for part in parts for strand in part.support(with_demo)}
    contra = {strand for part in parts for strand in part.contra(with_demo)}
    complete = all(part.category(with_demo) == "steunt" for part in parts)
    if support and not contra:
        return "sterk" if len(support) >= 2 and complete else "gedeeltelijk"
    if support and contra:
        return "betwist"
    if contra:
        return "niet ondersteund"
    return "niet te beoordelen"


def _clauses(parts: list[Part], language: str, word: str) -> str:
    """The clauses of ``parts`` as one list after 'dat'/'of' ('that'/'whether'): parts with the same kern
    share it ('een warm leerklimaat samengaat met meer leren en een hogere jobtevredenheid'), every further
    clause repeats the conjunction ('A, dat B en dat C')."""
    groups: list[tuple[str, list[str]]] = []
    for part in parts:
        kern, text = part.kern[language], part.text[language]
        if kern and groups and groups[-1][0] == kern:
            groups[-1][1].append(text[len(kern) :].strip())
        else:
            groups.append((kern, [text[len(kern) :].strip() if kern else text]))
    texts = [f"{kern} {_join(rests, AND[language])}" if kern else rests[0] for kern, rests in groups]
    return _join([texts[0]] + [f"{word} {text}" for text in texts[1:]], AND[language])


def _sentences(parts: list[PartAssessment], with_demo: bool, language: str) -> list[str]:
    """The conclusion in words, part by part, each part with the sources that decide it."""
    nl = language == "nl"
    that, whether = ("dat", "of") if nl else ("that", "whether")
    sentences = []
    for category in ("steunt", "tegen"):
        groups: dict[tuple[str, ...], list[Part]] = {}
        for part in parts:
            if part.category(with_demo) == category:
                strands = part.support(with_demo) if category == "steunt" else part.contra(with_demo)
                groups.setdefault(tuple(strands), []).append(part.part)
        for strands, members in groups.items():
            subject, plural = source_names(strands, language)
            verb = VERBS[language][category][plural]
            sentences.append(f"{subject} {verb} {_clauses(members, language, that)}.")
    for part in parts:
        if part.category(with_demo) != "gemengd":
            continue
        pro, pro_plural = source_names(part.support(with_demo), language)
        con, con_plural = source_names(part.contra(with_demo), language)
        text = part.part.text[language]
        pro_verb, con_verb = VERBS[language]["steunt het"][pro_plural], VERBS[language]["niet"][con_plural]
        if nl:
            sentences.append(f"Over de vraag of {text} spreken de bronnen elkaar tegen: {pro} {pro_verb}, {con} niet.")
        else:
            sentences.append(f"The sources disagree on whether {text}: {pro} {pro_verb}, {con} {con_verb}.")
    demo = [part.part for part in parts if part.category(with_demo) == "demo"]
    if demo:
        clauses = _clauses(demo, language, whether)
        sentences.append(
            f"Of {clauses}, kunnen alleen de synthetische demogegevens tonen, en die zijn geen bevinding over de "
            "werking."
            if nl
            else f"Only the synthetic demo data bear on whether {clauses}, and they are no finding about the programme."
        )
    open_ = [part.part for part in parts if part.category(with_demo) == "open"]
    if open_:
        clauses = _clauses(open_, language, whether)
        sentences.append(
            f"Of {clauses}, is met de gegevens van dit rapport niet te beoordelen."
            if nl
            else f"Whether {clauses} cannot be judged from the data of this report."
        )
    return [_capital(sentence) for sentence in sentences]


@dataclass
class Assessment:
    """A conclusion in one run: its parts, its cells per strand, its level and its wording."""

    conclusion: Conclusion
    cells: dict[str, Cell]
    parts: list[PartAssessment]
    level: str
    demo_level: str | None  # the level with the demo claims counted, when the level is 'demo'
    generic: dict[str, dict[str, str]]

    @property
    def is_finding(self) -> bool:
        return self.level in FINDING_LEVELS

    @property
    def complete(self) -> bool:
        """Every part is supported on real or published data and nothing contradicts: the conclusion as a
        whole is a finding (its heading affirms it, its meaning for practice is shown)."""
        return self.is_finding and all(part.category(False) == "steunt" for part in self.parts)

    def supporting_strands(self, with_demo: bool = False) -> list[str]:
        found = {strand for part in self.parts for strand in part.support(with_demo)}
        return [strand for strand in SOURCES if strand in found]

    def heading(self, language: str = "nl") -> str:
        """The conclusion's own title when it is a finding as a whole; otherwise the question, marked when
        only the demo speaks to it (so a contradicted or unsupported conclusion never gets an affirming
        heading)."""
        conclusion = self.conclusion
        if self.complete:
            return conclusion.title if language == "nl" else conclusion.title_en
        question = conclusion.vraag if language == "nl" else conclusion.vraag_en
        if self.level == "demo":
            question += " (alleen demo)" if language == "nl" else " (demo only)"
        return question

    def _text(self, level: str, with_demo: bool, language: str) -> str:
        if level == "sterk":
            own = self.conclusion.wording["sterk"][language]
            strands = self.supporting_strands(with_demo)
            if not strands:
                return own
            subject, _ = source_names(strands, language)
            return own + (f" Dat blijkt uit {subject}." if language == "nl" else f" This rests on {subject}.")
        return " ".join(_sentences(self.parts, with_demo, language))

    def wording(self, language: str = "nl") -> str:
        if self.level == "demo":
            return self.generic["demo"][language].format(demo=self._text(self.demo_level, True, language))
        return self._text(self.level, False, language)

    def evidence_lines(self, evidence: Evidence) -> list[str]:
        """Per part (named when the conclusion has more than one): what each strand says, with links to its
        claims (Markdown)."""
        lines = []
        several = len(self.parts) > 1
        for part in self.parts:
            bits = []
            for strand, cell in part.cells.items():
                claims = ", ".join(
                    f"{claim_link(s.claim_id, evidence)}: "
                    f"{OUTCOME_LABELS[s.claim.outcome] if s.claim else 'niet getoetst'}"
                    for s in cell.supports
                )
                notes = []
                if cell.state in DECIDED and cell.demo:
                    notes.append("alleen synthetische demogegevens, telt niet mee")
                elif cell.state in DECIDED and any(s.demo and s.state in DECIDED for s in cell.supports):
                    notes.append("deels synthetische demogegevens, die tellen niet mee")
                elif cell.demo:
                    notes.append("synthetische demogegevens")
                if cell.borrowed:
                    notes.append("programmabreed beoordeeld")
                note = f" ({'; '.join(notes)})" if notes else ""
                bits.append(f"**{SOURCES[strand]}**: {STATE_SENTENCE[cell.state]}{note}: {claims}")
            prefix = f"*Dat {part.part.text['nl']}*: " if several else ""
            lines.append(prefix + "; ".join(bits) + ".")
        return lines


def assess(conclusion: Conclusion, evidence: Evidence, generic: dict[str, dict[str, str]]) -> Assessment:
    parts = [PartAssessment(part, _cells(part.rests_on, evidence)) for part in conclusion.parts]
    level = _level(parts, with_demo=False)
    demo_level = None
    if level == "niet te beoordelen":
        with_demo = _level(parts, with_demo=True)
        if with_demo != "niet te beoordelen":
            level, demo_level = "demo", with_demo
    # the matrix: every strand gets a cell over all the conclusion's claims (silent where it names none)
    cells = _cells(conclusion.rests_on, evidence)
    ordered = {strand: cells.get(strand, Cell(strand)) for strand in SOURCES}
    return Assessment(conclusion, ordered, parts, level, demo_level, generic)


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
        "*steunt*: minstens één uitspraak van die bron ondersteunt (een deel van) de conclusie en geen spreekt ze "
        "tegen; *tegen*: omgekeerd; *gemengd*: beide; *onbeslist*: de gegevens beslissen het niet; *afgeschermd*: "
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
