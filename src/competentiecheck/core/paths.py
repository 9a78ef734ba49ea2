"""Every folder of the project, derived from the package's own location.

Notebooks and modules import paths from here instead of writing relative strings.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

DATA = ROOT / "data"
RAW = DATA / "raw"
DEMO = DATA / "demo"
RAW_SURVEY = RAW / "survey"  # the team's real exports (git-ignored)
DEMO_SURVEY = DEMO / "survey"  # synthetic demo exports, read while RAW_SURVEY has none
# input kinds besides the survey: real inputs in data/raw/<kind>/ (git-ignored but for a README), the
# demo in data/demo/<kind>/, read while the raw folder holds no input file
INPUT_KINDS = ("literature", "interviews", "documenten", "partnerschappen", "organisaties")
PROCESSED = DATA / "processed"
PUBLISHED = DATA / "published"
CODEBOOK = DATA / "codebook" / "vragenlijst.yml"

PARAMS = ROOT / "params"
NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "build"
FIGURES = ROOT / "figures"
REPORT = ROOT / "report"
REPORT_OUTPUT = REPORT / "_output"

RUNS = ("totaal", "perceel-1", "perceel-2", "perceel-3", "perceel-4", "perceel-5")


def build_dir(run: str) -> Path:
    """Folder of one run's executed notebooks, tables and values."""
    return BUILD / run


def figures_dir(run: str) -> Path:
    """Folder of one run's figures (PNG and SVG)."""
    return FIGURES / run


def input_files(folder: Path) -> list[Path]:
    """The input files of a folder: every visible file except its README."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".") and p.name.casefold() != "readme.md"
    )


def input_folder(kind: str, override: str | Path | None = None) -> Path:
    """Where the inputs of ``kind`` are read from: ``override`` when given (relative to the project
    root), else ``data/raw/<kind>/`` as soon as it holds an input file, else the demo ``data/demo/<kind>/``.
    """
    if kind not in INPUT_KINDS:
        raise ValueError(f"onbekende soort invoer {kind!r} (bekend: {', '.join(INPUT_KINDS)})")
    if override:
        return ROOT / override
    raw = RAW / kind
    return raw if input_files(raw) else DEMO / kind


def is_demo_input(folder: Path) -> bool:
    """Is this the tracked synthetic demo folder of its kind (not the team's real inputs)?"""
    return Path(folder).resolve().parent == DEMO.resolve()


# inputs with a fixed, documented name (data/README.md): their names say nothing about a case
FIXED_INPUT_NAMES = frozenset(
    {
        "casussen.csv",
        "plannen.csv",
        "profielen.yml",
        "deelnemers.csv",
        "gesprekken.csv",
        "netwerkcirkels.csv",
        "netwerkcirkels.xlsx",
        "pseudonimisering_salt.txt",
        "sha256sums",
    }
)
NAMED_BY_THE_TEAM = ("survey", "interviews", "documenten", "partnerschappen")  # kinds whose other file names are free


def public_name(path: Path) -> str:
    """How an input file is named in anything a reader receives.

    The team names its exports, transcripts and coded files freely, and such a name may point to a case
    ('segmenten_organisatie_9.csv' told which organisation was coded by one coder only): outside the fixed names of
    ``FIXED_INPUT_NAMES`` a file of ``data/raw/<kind>/`` or ``data/demo/<kind>/`` is shown as
    'bestand k' of its folder (k in sorted order) with its extension. Tracked public files (codebooks,
    parameters, published tables) and the literature keep their names.
    """
    path = Path(path)
    folder = path.parent
    in_input_folder = folder.parent.resolve() in (RAW.resolve(), DEMO.resolve()) and folder.name in NAMED_BY_THE_TEAM
    if not in_input_folder or path.name.casefold() in FIXED_INPUT_NAMES:
        return relative(path)
    free = [p for p in input_files(folder) if p.name.casefold() not in FIXED_INPUT_NAMES]
    number = free.index(path) + 1 if path in free else len(free) + 1
    return f"{relative(folder)}/bestand {number}{path.suffix.lower()}"


SURVEY_EXPORT_SUFFIXES = (".csv", ".xlsx", ".sav")


def survey_folder() -> Path:
    """Where the survey exports are read from: ``data/raw/survey/`` as soon as it holds an export, else the demo."""
    raw = [p for p in input_files(RAW_SURVEY) if p.suffix.lower() in SURVEY_EXPORT_SUFFIXES]
    return RAW_SURVEY if raw else DEMO_SURVEY


def relative(path: Path) -> str:
    """Path relative to the project root when inside it (for messages and manifests)."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
