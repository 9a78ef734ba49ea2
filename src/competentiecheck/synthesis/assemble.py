"""Everything chapter 9 and the summary of one run need, gathered once: the evidence, the conclusions with
their triangulation, the recommendations, the programme theory's evidence, Tabel 9 and the key figures."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from competentiecheck.core.paths import BUILD, input_folder
from competentiecheck.core.tabular import read_yaml
from competentiecheck.synthesis.conclusions import CONCLUSIONS_FILE, Assessment, assess, load_conclusions
from competentiecheck.synthesis.evidence import Evidence, collect_evidence, demo_strands
from competentiecheck.synthesis.key_figures import KeyFigure, key_figures
from competentiecheck.synthesis.programme_theory import THEORY_FILE, ArrowEvidence, Theory, arrow_evidence, load_theory
from competentiecheck.synthesis.recommendations import RECOMMENDATIONS_FILE, Decision, decide_all, load_recommendations

__all__ = ["Synthesis", "assemble"]


@dataclass
class Synthesis:
    run: str
    params: dict
    programme_params: dict
    evidence: Evidence
    assessments: list[Assessment]
    decisions: list[Decision]
    audiences: dict[str, dict[str, str]]
    theory: Theory
    arrows: list[ArrowEvidence]
    profiles: list[dict]
    profile_counts: pd.DataFrame | None
    key_figures: list[KeyFigure]
    demo: list[str]  # strands on synthetic demo data

    @property
    def is_programme(self) -> bool:
        return self.params["perceel"] is None

    @property
    def label(self) -> str:
        return self.params["label"]


def _table(path: Path) -> pd.DataFrame | None:
    return pd.read_csv(path, dtype=str, keep_default_na=False) if path.is_file() else None


def assemble(
    run: str,
    params: dict,
    programme_params: dict,
    build: Path = BUILD,
    conclusions_file: Path = CONCLUSIONS_FILE,
    recommendations_file: Path = RECOMMENDATIONS_FILE,
    theory_file: Path = THEORY_FILE,
    profiles_file: Path | None = None,
    check_folders: bool = True,
) -> Synthesis:
    """The synthesis of ``run`` from the claims and tables under ``build``. ``check_folders``: also mark a
    strand as demo when its input folder is the tracked demo (off in tests with made-up claims)."""
    build = Path(build)
    evidence = collect_evidence(run, build)
    conclusions, generic = load_conclusions(conclusions_file)
    recommendations, audiences = load_recommendations(recommendations_file)
    theory = load_theory(theory_file)
    spearman = _table(build / run / "tables" / "spearman.csv")
    profiles_file = profiles_file or input_folder("documenten") / "profielen.yml"
    profiles = read_yaml(profiles_file, "de profieldefinities (profielen.yml)", required=("profiles",))["profiles"]
    demo = demo_strands(evidence, folders=check_folders)
    return Synthesis(
        run=run,
        params=params,
        programme_params=programme_params,
        evidence=evidence,
        assessments=[assess(conclusion, evidence, generic) for conclusion in conclusions],
        decisions=decide_all(recommendations, evidence),
        audiences=audiences,
        theory=theory,
        arrows=arrow_evidence(theory, evidence, spearman, measured_demo="vragenlijst" in demo),
        profiles=profiles,
        profile_counts=_table(build / "documenten" / "tables" / "profielen.csv"),
        key_figures=key_figures(run, params, programme_params, build, demo),
        demo=demo,
    )
