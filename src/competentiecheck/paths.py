"""Every folder of the project, derived from the package's own location.

Notebooks and modules import paths from here instead of writing relative strings.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

DATA = ROOT / "data"
RAW = DATA / "raw"
RAW_SURVEY = RAW / "survey"  # the team's real exports (git-ignored)
DEMO_SURVEY = DATA / "demo" / "survey"  # synthetic demo exports, read while RAW_SURVEY has none
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


def relative(path: Path) -> str:
    """Path relative to the project root when inside it (for messages and manifests)."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
