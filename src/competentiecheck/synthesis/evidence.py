"""The evidence of one run: the claims every step wrote (``claims.csv`` in its build folder), checked.

A programme run (``totaal``) gets all claims of the programme. A perceel run gets its own claims and,
as context, the claims that are only ever evaluated for the programme (``runs: totaal`` in the catalogue:
the literature, the company interviews, the template plans); those count for the perceel's conclusions
but are listed once, as programme-wide, never as if they were tested on the perceel.

Every claim id that the synthesis names (conclusions, recommendations, programme theory) must be in the
catalogue ``data/synthesis/claims.yml``; a family id such as ``literatuur.niveau.{level}`` stands for its
members (the levels of the literature's theme codebook, the competences of the survey).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from competentiecheck.core.claims import CATALOGUE_FILE, Claim, catalogue, read_claims
from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import BUILD, DEMO, DEMO_SURVEY, input_folder, is_demo_input, relative, survey_folder
from competentiecheck.core.tabular import read_yaml

__all__ = [
    "Step",
    "STEPS",
    "Evidence",
    "collect_evidence",
    "known_claim_ids",
    "check_ids",
    "catalogue_entry",
    "catalogue_source",
    "demo_strands",
]

TOTAAL = "totaal"


@dataclass(frozen=True)
class Step:
    """A step that writes claims: its build folder (``None``: the run's own folder), notebook and strands."""

    notebook: str
    folder: str | None
    strands: tuple[str, ...]

    def claims_file(self, run: str, build: Path) -> Path:
        return Path(build) / (self.folder or run) / "claims.csv"


STEPS = (
    Step("02_survey", None, ("vragenlijst",)),
    Step("03_literature", "literatuur", ("literatuur",)),
    Step("04_interviews", "interviews", ("bedrijfsinterviews",)),
    Step("05_documents", "documenten", ("plannen",)),
    Step("06_partnerships", "partnerschappen", ("partnerschappen",)),
)
# the input folder behind each strand (None: the survey exports); the literature's demo holds published facts
STRAND_INPUTS = {
    "vragenlijst": None,
    "bedrijfsinterviews": "interviews",
    "plannen": "documenten",
    "partnerschappen": "partnerschappen",
}


@dataclass
class Evidence:
    """The claims of one run by id (``claims``) and the programme-wide claims that a perceel run borrows
    (``programme``; empty for ``totaal``), with the files they came from."""

    run: str
    claims: dict[str, Claim]
    programme: dict[str, Claim] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    @property
    def is_programme(self) -> bool:
        return self.run == TOTAAL

    def get(self, claim_id: str) -> Claim | None:
        """The claim of the run, else the programme-wide one it borrows."""
        return self.claims.get(claim_id) or self.programme.get(claim_id)

    def borrowed(self, claim_id: str) -> bool:
        return claim_id not in self.claims and claim_id in self.programme

    def all(self) -> list[Claim]:
        return list(self.claims.values()) + list(self.programme.values())


def _programme_only(claim_id: str) -> bool:
    """Is the claim evaluated for the programme only (``runs: totaal`` in the catalogue)?"""
    entries = catalogue()
    if claim_id in entries:
        return entries[claim_id]["runs"] == TOTAAL
    for key, entry in entries.items():
        if "{" in key and claim_id.startswith(key.split("{", 1)[0]):
            return entry["runs"] == TOTAAL
    return False


def collect_evidence(run: str, build: Path = BUILD) -> Evidence:
    """Read the claims of every step for ``run``. A missing claims file names the file and the step that
    should have written it; an id that is not in the catalogue names the file."""
    known = known_claim_ids()
    claims: dict[str, Claim] = {}
    programme: dict[str, Claim] = {}
    files = []
    for step in STEPS:
        path = step.claims_file(run, build)
        if not path.is_file():
            raise InputError(
                f"de uitspraken (claims) van stap {step.notebook} ontbreken: voer eerst "
                f"notebooks/{step.notebook}.ipynb uit{'' if step.folder else f' voor run {run}'}",
                file=relative(path),
            )
        files.append(path)
        for claim in read_claims(path):
            if claim.id not in known:
                raise InputError(f"claim {claim.id!r} staat niet in {CATALOGUE_FILE.name}", file=relative(path))
            if claim.source not in step.strands:
                raise InputError(
                    f"claim {claim.id!r} hoort bij de bron {claim.source!r}, niet bij stap {step.notebook}",
                    file=relative(path),
                )
            if claim.run == run:
                if claim.id in claims:
                    raise InputError(f"claim {claim.id!r} staat twee keer in run {run}", file=relative(path))
                claims[claim.id] = claim
            elif run != TOTAAL and claim.run == TOTAAL and _programme_only(claim.id):
                programme[claim.id] = claim
    return Evidence(run, claims, {k: v for k, v in programme.items() if k not in claims}, files)


# --------------------------------------------------------------------------- the catalogue's ids


def _levels() -> list[str]:
    """The levels of the literature's theme codebook (the members of ``literatuur.niveau.{level}``)."""
    folder = input_folder("literature")
    path = folder / "thema_codeboek.yml"
    if not path.is_file():
        path = DEMO / "literature" / "thema_codeboek.yml"
    return list(read_yaml(path, "het themacodeboek van de literatuurstudie", required=("levels",))["levels"])


def _competences() -> list[str]:
    """The dependent variables of the survey models (the members of ``vragenlijst.sterkste.{competence}``)."""
    from competentiecheck.core.params import load_params

    return list(load_params(TOTAAL)["statistics"]["dependents"])


FAMILY_MEMBERS = {"level": _levels, "competence": _competences}


def known_claim_ids() -> set[str]:
    """Every id of the catalogue, with each family expanded to its members."""
    ids = set()
    for key in catalogue():
        if "{" not in key:
            ids.add(key)
            continue
        prefix, rest = key.split("{", 1)
        placeholder = rest.split("}", 1)[0]
        if placeholder not in FAMILY_MEMBERS:
            raise InputError(f"onbekende familie {{{placeholder}}} in claim {key!r}", file=relative(CATALOGUE_FILE))
        ids.update(prefix + member for member in FAMILY_MEMBERS[placeholder]())
    return ids


def check_ids(ids: dict[str, list[str]], file: Path) -> None:
    """Every id named in ``file`` must be in the catalogue: ``ids`` maps where it is named (for the message)
    to the ids named there."""
    known = known_claim_ids()
    for where, named in ids.items():
        for claim_id in named:
            if claim_id not in known:
                raise InputError(
                    f"{where}: claim {claim_id!r} staat niet in {CATALOGUE_FILE.name}", file=relative(Path(file))
                )


def catalogue_entry(claim_id: str) -> dict:
    """The catalogue entry of a (member) id."""
    entries = catalogue()
    if claim_id in entries:
        return entries[claim_id]
    for key, entry in entries.items():
        if "{" in key and claim_id.startswith(key.split("{", 1)[0]):
            return entry
    raise KeyError(claim_id)


def catalogue_source(claim_id: str) -> str:
    """The strand of a (member) id, from the catalogue."""
    return catalogue_entry(claim_id)["source"]


def demo_strands(evidence: Evidence, folders: bool = True) -> list[str]:
    """The strands that rest on synthetic demo data in this run: any claim of the strand on demo data, or
    (``folders``) its input folder is the tracked demo (the literature's demo holds published facts, so
    there its claims decide)."""
    strands = {claim.source for claim in evidence.all() if claim.data_status == "demo"}
    for strand, kind in STRAND_INPUTS.items() if folders else ():
        folder = survey_folder() if kind is None else input_folder(kind)
        if (folder == DEMO_SURVEY) if kind is None else is_demo_input(folder):
            strands.add(strand)
    from competentiecheck.core.claims import SOURCES

    return [strand for strand in SOURCES if strand in strands]
