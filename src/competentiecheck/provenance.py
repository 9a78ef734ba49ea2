"""Audit trail: what each run was made from (inputs with SHA-256, parameters, executed notebooks,
package versions, code version, time), for the report's appendix and ``build/manifest.json``.

The time of a run is ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the current time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

import nbformat

from .paths import BUILD, CODEBOOK, PARAMS, PROCESSED, PUBLISHED, RAW, RAW_SURVEY, ROOT, build_dir, relative
from .tables import markdown_table

__all__ = ["sha256", "run_record", "audit_fragment", "export_notebooks", "STEP_NOTEBOOKS", "PACKAGES"]

STEP_NOTEBOOKS = {"01_opschonen": "Opschonen van de vragenlijstexports",
                  "02_steekproef": "Steekproef en exclusies",
                  "03_vragenlijst_statistiek": "Betrouwbaarheid, correlaties en regressies",
                  "04_literatuur": "Literatuurstudie: zoeklog, screening en codering"}
PACKAGES = ["pandas", "numpy", "scipy", "statsmodels", "pyarrow", "openpyxl", "pyreadstat", "matplotlib", "seaborn",
            "papermill", "nbconvert", "pypandoc-binary", "typst"]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_time() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return moment.replace(microsecond=0).isoformat()


def git_commit() -> str:
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True,
                               text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "onbekend (geen git)"
    return commit + (" (met niet-vastgelegde wijzigingen)" if dirty else "")


def package_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "niet geïnstalleerd"
    return versions


def _notebook(path: Path) -> dict:
    nb = nbformat.read(path, as_version=4)
    pm = nb.metadata.get("papermill", {})
    return {"notebook": relative(path), "parameters": pm.get("parameters", {}), "start": pm.get("start_time"),
            "end": pm.get("end_time"), "seconds": pm.get("duration"), "failed": bool(pm.get("exception"))}


def _inputs(paths: list[Path]) -> list[dict]:
    return [{"file": relative(p), "sha256": sha256(p)} for p in sorted(set(paths))]


def run_record(run: str) -> dict:
    """Everything needed to audit one run's report."""
    raw = [p for p in RAW_SURVEY.iterdir() if p.is_file() and p.suffix.lower() in (".csv", ".xlsx", ".sav")]
    steps = {"01_opschonen": {**_notebook(BUILD / "opschonen" / "01_opschonen.ipynb"),
                              "inputs": _inputs(raw + [CODEBOOK, PARAMS / "default.yml"])}}
    run_inputs = [PROCESSED / "vragenlijst.parquet", PARAMS / "default.yml", PARAMS / f"{run}.yml"]
    steps["02_steekproef"] = {**_notebook(build_dir(run) / "02_steekproef.ipynb"),
                              "inputs": _inputs(run_inputs + [PROCESSED / "exclusiestroom.csv", PROCESSED / "exclusies.csv", CODEBOOK])}
    steps["03_vragenlijst_statistiek"] = {**_notebook(build_dir(run) / "03_vragenlijst_statistiek.ipynb"),
                                          "inputs": _inputs(run_inputs + [CODEBOOK] + sorted(PUBLISHED.glob("*.csv")))}
    literature = sorted(p for p in (RAW / "literature").iterdir() if p.is_file())
    steps["04_literatuur"] = {**_notebook(BUILD / "literatuur" / "04_literatuur.ipynb"), "inputs": _inputs(literature)}
    return {"run": run, "time": run_time(), "commit": git_commit(), "packages": package_versions(),
            "data_version": sha256(PROCESSED / "vragenlijst.parquet")[:12], "steps": steps}


def write_record(record: dict) -> Path:
    path = build_dir(record["run"]) / "audit.json"
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return path


def audit_fragment(record: dict) -> str:
    """Markdown of the audit appendix: steps, inputs with fingerprints, versions."""
    steps = []
    for name, step in record["steps"].items():
        params = ", ".join(f"{k} = {v}" for k, v in step["parameters"].items()) or "standaardwaarden"
        seconds = "" if step["seconds"] is None else f"{step['seconds']:.1f} s".replace(".", ",")
        steps.append({"Stap": f"[{name}](notebooks/{name}.html)", "Wat": STEP_NOTEBOOKS[name], "Parameters": params,
                      "Uitgevoerd (UTC)": (step["start"] or "")[:19].replace("T", " "), "Duur": seconds})
    import pandas as pd

    parts = [markdown_table(pd.DataFrame(steps), "Uitgevoerde stappen van deze run", "tbl-audit-stappen", align="lllll",
                            source="Bron: metadata van papermill in de uitgevoerde notebooks (`build/<run>/`).")]
    inputs = []
    for name, step in record["steps"].items():
        for item in step["inputs"]:
            inputs.append({"Stap": name, "Bestand": f"`{item['file']}`", "SHA-256 (begin)": f"`{item['sha256'][:16]}`"})
    parts.append(markdown_table(pd.DataFrame(inputs), "Invoerbestanden en hun vingerafdruk", "tbl-audit-invoer",
                                align="lll", source="De volledige SHA-256 staat in build/manifest.json."))
    versions = ", ".join(f"{k} {v}" for k, v in record["packages"].items())
    parts.append(f"Code: commit `{record['commit']}`. Software: {versions}. Gegevensversie (SHA-256 van "
                 f"`data/processed/vragenlijst.parquet`, begin): `{record['data_version']}`. Rapport gemaakt op "
                 f"{record['time'][:19].replace('T', ' ')} UTC.\n")
    return "\n".join(parts)


def export_notebooks(record: dict, out_dir: Path) -> list[Path]:
    """Executed notebooks of the run as HTML, next to the report (``notebooks/<step>.html``) and next
    to the executed notebook itself in ``build/``."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, step in record["steps"].items():
        body, _ = exporter.from_filename(str(ROOT / step["notebook"]))
        target = out_dir / f"{name}.html"
        target.write_text(body, encoding="utf-8")
        (ROOT / step["notebook"]).with_suffix(".html").write_text(body, encoding="utf-8")
        written.append(target)
    return written
