"""Plausible claims files for trying the synthesis before (or without) the steps' own: every step folder
under a build root gets a ``claims.csv`` made with ``make_claim``, with outcomes that can be overridden.

Run as a script to fill a folder for the notebook (``claims_dir`` parameter):
``python tests/synthesis/synthesis_claims.py /tmp/claims``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from competentiecheck.core.claims import make_claim, write_claims
from competentiecheck.core.paths import RUNS

PERCELEN = [run for run in RUNS if run != "totaal"]
LEVELS = ["extern", "organisatie", "job", "relationeel", "leiderschap", "medewerker"]
COMPETENCES = {
    "beroepsexpertise": ("Individuele verantwoordelijkheid en autonomie", "beroepsexpertise"),
    "anticipatie_optimalisatie": ("Formeel leren", "anticipatie en optimalisatie"),
    "persoonlijke_flexibiliteit": ("Individuele verantwoordelijkheid en autonomie", "persoonlijke flexibiliteit"),
}

# claim id -> (outcome, data_status) of the default programme, with numbers where the steps give them
DEFAULTS = {
    "literatuur.informeel_leren": ("holds", "published"),
    "literatuur.leiderschap": ("holds", "published"),
    "plannen.profielen_verschillen": ("holds", "demo"),
    "plannen.ambitie_basis_90": ("does not hold", "demo"),
    "plannen.meerdere_profielen": ("holds", "demo"),
    "plannen.zesde_profiel": ("holds", "demo"),
    "plannen.op_maat": ("does not hold", "demo"),
    "vragenlijst.betrouwbaarheid": ("does not hold", "demo"),
    "vragenlijst.klimaat_leren": ("holds", "demo"),
    "vragenlijst.individueel_boven_sociaal": ("undetermined", "demo"),
    "vragenlijst.autonomie_competenties": ("holds", "demo"),
    "vragenlijst.leerleiderschap_leren": ("holds", "demo"),
    "vragenlijst.klimaat_tevredenheid": ("holds", "demo"),
    "vragenlijst.klimaat_retentie": ("holds", "demo"),
    "vragenlijst.eenmalige_meting": ("holds", "demo"),
    "bedrijfsinterviews.sterkte": ("holds", "demo"),
    "bedrijfsinterviews.tijd_risico": ("holds", "demo"),
    "bedrijfsinterviews.medewerkers_betrekken": ("holds", "demo"),
    "bedrijfsinterviews.maturiteit": ("holds", "demo"),
    "bedrijfsinterviews.leerklimaat": ("holds", "demo"),
    "partnerschappen.coordinator_centraal": ("does not hold", "demo"),
    "partnerschappen.informatie_feedback": ("holds", "demo"),
    "partnerschappen.cocreatie_zeldzaam": ("holds", "demo"),
    "partnerschappen.lage_afhankelijkheid": ("holds", "demo"),
    "partnerschappen.respons": ("holds", "published"),
}
DEFAULTS.update({f"literatuur.niveau.{level}": ("holds", "published") for level in LEVELS})
DEFAULTS["literatuur.niveau.job"] = ("undetermined", "published")
DEFAULTS.update({f"vragenlijst.sterkste.{c}": ("holds", "demo") for c in COMPETENCES})

NOTEBOOKS = {
    "literatuur": "03_literature",
    "plannen": "05_documents",
    "vragenlijst": "02_survey",
    "bedrijfsinterviews": "04_interviews",
    "partnerschappen": "06_partnerships",
}
FOLDERS = {
    "literatuur": "literatuur",
    "plannen": "documenten",
    "bedrijfsinterviews": "interviews",
    "partnerschappen": "partnerschappen",
}
PROGRAMME_ONLY = ("literatuur.", "bedrijfsinterviews.", "plannen.op_maat")


def _fill(claim_id: str) -> dict:
    if claim_id.startswith("literatuur.niveau."):
        return {"label": claim_id.rsplit(".", 1)[1]}
    if claim_id.startswith("vragenlijst.sterkste."):
        predictor, label = COMPETENCES[claim_id.rsplit(".", 1)[1]]
        return {"predictor": predictor, "competence_label": label}
    return {}


def claim(claim_id: str, run: str = "totaal", outcome: str = "holds", data_status: str = "demo", **extra):
    strand = claim_id.split(".", 1)[0]
    reason = extra.pop("reason", "")
    if outcome in ("undetermined", "not publishable") and not reason:
        reason = "te weinig respondenten in deze run" if outcome == "not publishable" else "het interval bevat 0"
    numbers = extra.pop("numbers", "" if outcome == "not publishable" else "ρ = 0,31 (95 %-interval 0,12 tot 0,48)")
    return make_claim(
        claim_id,
        run,
        outcome,
        numbers=numbers,
        n=extra.pop("n", "" if outcome == "not publishable" else "95"),
        reason=reason,
        data_status=data_status,
        notebook=NOTEBOOKS[strand],
        **_fill(claim_id),
    )


def write_build(
    root: Path,
    overrides: dict[tuple[str, str], tuple[str, str]] | None = None,
    runs: tuple[str, ...] = RUNS,
    drop: tuple[str, ...] = (),
) -> Path:
    """Write every step's ``claims.csv`` under ``root`` (the folders of ``build/``). ``overrides``:
    (claim id, run) -> (outcome, data_status); ``drop``: ids left out everywhere."""
    overrides = overrides or {}
    by_file: dict[Path, list] = {}
    for claim_id, (outcome, status) in DEFAULTS.items():
        if claim_id in drop:
            continue
        strand = claim_id.split(".", 1)[0]
        claim_runs = ["totaal"] if claim_id.startswith(PROGRAMME_ONLY) else list(runs)
        for run in claim_runs:
            if run not in runs:
                continue
            out, st = overrides.get((claim_id, run), (outcome, status))
            folder = Path(root) / (run if strand == "vragenlijst" else FOLDERS[strand])
            by_file.setdefault(folder, []).append(claim(claim_id, run, out, st))
    for folder in [Path(root) / r for r in runs] + [Path(root) / f for f in FOLDERS.values()]:
        folder.mkdir(parents=True, exist_ok=True)
        write_claims(by_file.get(folder, []), folder)
    return Path(root)


if __name__ == "__main__":
    print(write_build(Path(sys.argv[1])))
