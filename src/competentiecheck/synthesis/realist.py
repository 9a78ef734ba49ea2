"""The initial programme theory as context-mechanism-outcome (CMO) statements, tested by the claims.

A realist evaluation states before the results how the programme is expected to work (RAMESES II items 4
and 15): in which context (C) which mechanism (M) leads to which outcome (O). ``data/synthesis/cmo.yml``
holds those statements, each with the claims of the catalogue that test it; :func:`mark_cmos` judges
every statement from the claims' outcomes, and :func:`cmo_fragment` writes the table of chapter 9.

The rule: a claim *agrees* with a statement when its outcome is the one the statement expects (``holds``
unless the statement says ``expect: does not hold``). Only decided claims (``holds``, ``does not hold``)
count; undetermined, unpublishable and absent claims do not.

- ``ondersteund``: every decided claim agrees;
- ``weerlegd``: no decided claim agrees;
- ``verfijnd``: some agree and some do not (the theory holds in part and needs refining);
- ``niet getoetst``: no claim is decided in this run.

A verdict whose decided claims all rest on the synthetic demo is marked as such: it says how the
pipeline works, not how the programme worked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from competentiecheck.core.claims import DATA_STATUS_LABELS, OUTCOME_LABELS, SOURCES, Claim
from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import DATA, relative
from competentiecheck.core.tabular import read_yaml
from competentiecheck.synthesis.evidence import catalogue_source, check_ids
from competentiecheck.synthesis.labels import anchor, claim_label

__all__ = [
    "CMO_FILE",
    "VERDICTS",
    "ClaimLink",
    "Cmo",
    "CmoVerdict",
    "load_cmos",
    "mark_cmos",
    "cmo_fragment",
]

CMO_FILE = DATA / "synthesis" / "cmo.yml"
SUPPORTED, REFUTED, REFINED, UNTESTED = "ondersteund", "weerlegd", "verfijnd", "niet getoetst"
VERDICTS = (SUPPORTED, REFINED, REFUTED, UNTESTED)
DECIDED = ("holds", "does not hold")
FIELDS = ("id", "name", "context", "mechanism", "outcome", "source", "claims")


@dataclass(frozen=True)
class ClaimLink:
    """A claim that tests a statement, and the outcome the statement expects of it."""

    id: str
    expect: str = "holds"


@dataclass(frozen=True)
class Cmo:
    """One statement of the initial programme theory."""

    id: str
    name: str
    context: str
    mechanism: str
    outcome: str
    source: str
    claims: tuple[ClaimLink, ...]

    @property
    def strands(self) -> list[str]:
        """The strands of evidence (keys of :data:`SOURCES`, in report order) whose claims test it."""
        named = {catalogue_source(link.id) for link in self.claims}
        return [strand for strand in SOURCES if strand in named]


@dataclass(frozen=True)
class CmoVerdict:
    """The judgement of one statement in one run, with the claims behind it."""

    cmo: Cmo
    verdict: str
    agreeing: tuple[Claim, ...]
    contradicting: tuple[Claim, ...]
    undecided: tuple[Claim, ...]  # undetermined or not publishable
    absent: tuple[str, ...]  # not computed in this run
    demo_only: bool  # every decided claim rests on the synthetic demo

    @property
    def decided(self) -> tuple[Claim, ...]:
        return self.agreeing + self.contradicting


def _link(raw, where: str, path: Path) -> ClaimLink:
    if isinstance(raw, str):
        return ClaimLink(raw)
    if isinstance(raw, dict) and set(raw) <= {"id", "expect"} and isinstance(raw.get("id"), str):
        expect = raw.get("expect", "holds")
        if expect not in DECIDED:
            raise InputError(f"{where}: expect {expect!r} moet 'holds' of 'does not hold' zijn", file=relative(path))
        return ClaimLink(raw["id"], expect)
    raise InputError(f"{where}: een claim is een id, of een mapping met id en expect", file=relative(path))


def load_cmos(path: Path = CMO_FILE) -> list[Cmo]:
    """The statements of ``cmo.yml``, checked: every field present and filled, ids unique, at least one
    claim per statement, and every claim id in the catalogue (``data/synthesis/claims.yml``)."""
    path = Path(path)
    entries = read_yaml(path, "de programmatheorie in CMO-configuraties", required=("cmos",))["cmos"]
    if not isinstance(entries, list) or not entries:
        raise InputError("'cmos' moet een niet-lege lijst van configuraties zijn", file=relative(path))
    cmos: list[Cmo] = []
    for number, entry in enumerate(entries, start=1):
        where = f"configuratie {entry.get('id', number) if isinstance(entry, dict) else number}"
        if not isinstance(entry, dict) or set(entry) != set(FIELDS):
            found = sorted(entry) if isinstance(entry, dict) else type(entry).__name__
            raise InputError(f"{where}: precies de velden {', '.join(FIELDS)} (gevonden: {found})", file=relative(path))
        for name in FIELDS[:-1]:
            if not isinstance(entry[name], str) or not entry[name].strip():
                raise InputError(f"{where}: {name} moet een niet-lege tekst zijn", file=relative(path))
        if not isinstance(entry["claims"], list) or not entry["claims"]:
            raise InputError(f"{where}: geen claims die de configuratie toetsen", file=relative(path))
        links = tuple(_link(raw, where, path) for raw in entry["claims"])
        if len({link.id for link in links}) != len(links):
            raise InputError(f"{where}: een claim staat twee keer bij de configuratie", file=relative(path))
        check_ids({where: [link.id for link in links]}, path)
        text = {name: " ".join(entry[name].split()) for name in FIELDS[:-1]}
        cmos.append(Cmo(**text, claims=links))
    ids = [cmo.id for cmo in cmos]
    doubles = sorted({i for i in ids if ids.count(i) > 1})
    if doubles:
        raise InputError(f"configuratie {doubles[0]!r} komt twee keer voor", file=relative(path))
    return cmos


def mark_cmos(cmos: Iterable[Cmo], claims: Iterable[Claim]) -> list[CmoVerdict]:
    """Judge every statement from the claims of one run (its own claims, and for a perceel run the
    programme-wide claims it borrows). An id given twice is an error: which outcome would count?"""
    by_id: dict[str, Claim] = {}
    for claim in claims:
        if claim.id in by_id:
            raise ValueError(f"claim {claim.id!r} komt twee keer voor (runs {by_id[claim.id].run} en {claim.run})")
        by_id[claim.id] = claim
    verdicts = []
    for cmo in cmos:
        agreeing, contradicting, undecided, absent = [], [], [], []
        for link in cmo.claims:
            claim = by_id.get(link.id)
            if claim is None:
                absent.append(link.id)
            elif claim.outcome not in DECIDED:
                undecided.append(claim)
            elif claim.outcome == link.expect:
                agreeing.append(claim)
            else:
                contradicting.append(claim)
        if not agreeing and not contradicting:
            verdict = UNTESTED
        elif not contradicting:
            verdict = SUPPORTED
        elif not agreeing:
            verdict = REFUTED
        else:
            verdict = REFINED
        decided = agreeing + contradicting
        demo_only = bool(decided) and all(claim.data_status == "demo" for claim in decided)
        verdicts.append(
            CmoVerdict(cmo, verdict, tuple(agreeing), tuple(contradicting), tuple(undecided), tuple(absent), demo_only)
        )
    return verdicts


def _count_cell(verdict: CmoVerdict) -> str:
    """How the claims of a statement came out, in words: '2 steunen, 1 spreekt tegen, 1 onbeslist'."""
    parts = []
    for number, one, more in (
        (len(verdict.agreeing), "steunt", "steunen"),
        (len(verdict.contradicting), "spreekt tegen", "spreken tegen"),
        (len(verdict.undecided), "onbeslist of niet publiceerbaar", "onbeslist of niet publiceerbaar"),
        (len(verdict.absent), "niet berekend", "niet berekend"),
    ):
        if number:
            parts.append(f"{number} {one if number == 1 else more}")
    return ", ".join(parts)


def _claim_item(verdict: CmoVerdict, run: str | None) -> str:
    """One list item: the statement's claims by role, with their outcome (a claim of the programme that a
    perceel run borrows is marked as such)."""

    def named(claims) -> str:
        return ", ".join(
            f"[{claim_label(claim.id)}](#{anchor(claim.id)}) ({OUTCOME_LABELS[claim.outcome]}"
            + (", voor het hele programma" if run is not None and claim.run != run else "")
            + ")"
            for claim in claims
        )

    groups = [
        ("steunt", verdict.agreeing),
        ("spreekt tegen", verdict.contradicting),
        ("beslist niet", verdict.undecided),
    ]
    parts = [f"{label}: {named(claims)}" for label, claims in groups if claims]
    if verdict.absent:
        parts.append(
            "niet berekend voor dit rapport: " + ", ".join(claim_label(claim_id) for claim_id in verdict.absent)
        )
    return f"- **{verdict.cmo.id}** — " + "; ".join(parts) + "."


def _data_cell(verdict: CmoVerdict) -> str:
    statuses = [claim.data_status for claim in verdict.decided]
    if not statuses:
        return "–"
    if verdict.demo_only:
        return "alleen synthetische demo"
    labels = [DATA_STATUS_LABELS[s] for s in ("real", "published", "demo") if s in statuses]
    return ", ".join(labels)


def cmo_fragment(verdicts: list[CmoVerdict], run: str | None = None, appendix: str | None = "sec-bevindingen") -> str:
    """The Markdown of chapter 9: one sentence with the count per verdict and a table with, per statement,
    its verdict, the claims that decided it and the data they rest on. ``run``: claims of another run are
    marked as programme-wide; ``appendix``: the section that lists the claims with their numbers (None: no
    link)."""
    counts = {v: sum(1 for verdict in verdicts if verdict.verdict == v) for v in VERDICTS}
    parts = [f"{counts[v]} {v}" for v in VERDICTS if counts[v]]
    summary = ", ".join(parts[:-1]) + (" en " if len(parts) > 1 else "") + parts[-1] if parts else "geen"
    lines = [
        f"Van de {len(verdicts)} CMO-configuraties van de initiële programmatheorie (@sec-programmatheorie) zijn "
        f"er in dit rapport {summary}. Een configuratie is ondersteund als elke besliste uitspraak die haar toetst "
        "uitkomt zoals ze voorspelt, weerlegd als geen enkele dat doet, en verfijnd als de ene het wel doet en de "
        "andere niet; onbesliste of niet publiceerbare uitspraken tellen niet mee.",
        "",
    ]
    demo = [verdict.cmo.id for verdict in verdicts if verdict.demo_only]
    if demo:
        which = ("configuraties " if len(demo) > 1 else "configuratie ") + ", ".join(demo)
        lines += [
            f"Het oordeel over {which} rust alleen op de synthetische demo: het toont hoe de toetsing werkt, niet "
            "hoe de werking werkte.",
            "",
        ]
    lines += [
        "| Configuratie | Oordeel | Uitspraken | Gegevens |",
        "|:--|:--|:--|:--|",
    ]
    for verdict in verdicts:
        judged = verdict.verdict + (" (alleen demo)" if verdict.demo_only else "")
        lines.append(
            f"| **{verdict.cmo.id}** {verdict.cmo.name} | {judged} | {_count_cell(verdict)} | {_data_cell(verdict)} |"
        )
    lines += ["", ": De initiële programmatheorie getoetst aan de uitspraken van dit rapport {#tbl-cmo}", ""]
    lines += ["De uitspraken achter elk oordeel:", ""]
    lines += [_claim_item(verdict, run) for verdict in verdicts]
    lines += [""]
    if appendix:
        lines += [
            f"Elke uitspraak staat met haar cijfers in de bijlage [Bevindingen en hun onderbouwing](#{appendix}).",
            "",
        ]
    return "\n".join(lines)
