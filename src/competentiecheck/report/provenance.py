"""Audit trail: what each run was made from (inputs with fingerprints, parameters, executed notebooks,
package versions, code version, time), for the report's appendix and ``build/manifest.json``.

Fingerprints: a tracked public file (codebook, parameters, published tables, the synthetic demo) gets its
SHA-256, which anyone holding the repository can check. The team's real inputs (``data/raw/``) get an
HMAC-SHA256 keyed with the secret salt instead: a plain hash of a small file (an interview table of
fifteen rows) would let a reader confirm a guessed content, a keyed one only the team can check. Files
the team names freely appear under a neutral name (:func:`~competentiecheck.core.paths.public_name`).

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

from competentiecheck.core.notebook_html import TEAM_ONLY_TAG, public_html_path, public_notebook, published_page
from competentiecheck.core.paths import (
    BUILD,
    CODEBOOK,
    DATA,
    PARAMS,
    PROCESSED,
    PUBLISHED,
    RAW,
    ROOT,
    build_dir,
    input_files,
    input_folder,
    public_name,
    relative,
    survey_folder,
)
from competentiecheck.core.tables import markdown_table
from competentiecheck.privacy.pseudonymise import keyed_digest, resolve_salt
from competentiecheck.report.versions import run_label

__all__ = [
    "sha256",
    "run_record",
    "audit_fragment",
    "export_notebooks",
    "notebook_title",
    "shipped_files_fragment",
    "public_notebook",
    "TEAM_ONLY_TAG",
    "STEP_NOTEBOOKS",
    "PACKAGES",
]

STEP_NOTEBOOKS = {
    "01_survey_cleaning": "Opschonen van de vragenlijstexports",
    "02_survey": "Steekproef, exclusies, betrouwbaarheid, correlaties en regressies",
    "03_literature": "Literatuurstudie: zoeklog, screening en codering",
    "04_interviews": "Interviews met ondernemingen: SWOT en overeenstemming",
    "05_documents": "Plannen van aanpak: thema's en profielen",
    "06_partnerships": "Partnerschappen: respons, netwerken en gesprekken",
    "07_synthesis": "Synthese: conclusies, triangulatie, programmatheorie en aanbevelingen",
}
PACKAGES = [
    "pandas",
    "numpy",
    "scipy",
    "statsmodels",
    "pyarrow",
    "openpyxl",
    "pyreadstat",
    "matplotlib",
    "seaborn",
    "papermill",
    "nbconvert",
    "pypandoc-binary",
    "typst",
    "lxml",
    "networkx",
]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_time() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.replace(microsecond=0).isoformat()


def git_commit() -> str:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
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
    return {
        "notebook": relative(path),
        "parameters": pm.get("parameters", {}),
        "start": pm.get("start_time"),
        "end": pm.get("end_time"),
        "seconds": pm.get("duration"),
        "failed": bool(pm.get("exception")),
    }


def _is_real_input(path: Path) -> bool:
    return Path(path).resolve().is_relative_to(RAW.resolve())


def fingerprint(path: Path, salt: str) -> dict:
    """``{"kind": "sha256" | "hmac-sha256", "value": hex}``: keyed for the team's real inputs (see module)."""
    if _is_real_input(path):
        return {"kind": "hmac-sha256", "value": keyed_digest(salt, "invoerbestand", Path(path).read_bytes())}
    return {"kind": "sha256", "value": sha256(path)}


def _inputs(paths: list[Path], salt: str) -> list[dict]:
    return [
        {"file": relative(p), "public_name": public_name(p), "fingerprint": fingerprint(p, salt)}
        for p in sorted(set(paths))
    ]


def run_record(run: str) -> dict:
    """Everything needed to audit one run's report."""

    raw = [p for p in survey_folder().iterdir() if p.is_file() and p.suffix.lower() in (".csv", ".xlsx", ".sav")]
    folders = {kind: input_folder(kind) for kind in ("literature", "interviews", "documenten", "partnerschappen")}
    real = [p for p in raw if _is_real_input(p)] + [
        p for f in folders.values() for p in input_files(f) if _is_real_input(p)
    ]
    from competentiecheck.core.params import load_params

    salt = resolve_salt(real, ROOT / load_params(run)["pseudonymisation"]["salt_file"]).value
    steps = {
        "01_survey_cleaning": {
            **_notebook(BUILD / "opschonen" / "01_survey_cleaning.ipynb"),
            "inputs": _inputs(raw + [CODEBOOK, PARAMS / "default.yml"], salt),
        }
    }
    run_inputs = [PROCESSED / "vragenlijst.parquet", PARAMS / "default.yml", PARAMS / f"{run}.yml"]
    steps["02_survey"] = {
        **_notebook(build_dir(run) / "02_survey.ipynb"),
        "inputs": _inputs(run_inputs + [CODEBOOK] + sorted(PUBLISHED.glob("*.csv")), salt),
    }
    steps["03_literature"] = {
        **_notebook(BUILD / "literatuur" / "03_literature.ipynb"),
        "inputs": _inputs(input_files(folders["literature"]), salt),
    }
    interviews = input_files(folders["interviews"]) + [DATA / "codebook" / "swot.yml"]
    steps["04_interviews"] = {
        **_notebook(BUILD / "interviews" / "04_interviews.ipynb"),
        "inputs": _inputs(interviews, salt),
    }
    documents = input_files(folders["documenten"]) + [DATA / "codebook" / "documenten.yml"]
    steps["05_documents"] = {
        **_notebook(BUILD / "documenten" / "05_documents.ipynb"),
        "inputs": _inputs(documents, salt),
    }
    partnerships = input_files(folders["partnerschappen"]) + [
        DATA / "codebook" / "partnerschappen.yml",
        PUBLISHED / "tabel8_respons.csv",
    ]
    steps["06_partnerships"] = {
        **_notebook(BUILD / "partnerschappen" / "06_partnerships.ipynb"),
        "inputs": _inputs(partnerships, salt),
    }
    # the synthesis reads the claims every step wrote for this run and the synthesis library
    claims = [build_dir(run) / "claims.csv"] + [
        BUILD / step / "claims.csv" for step in ("literatuur", "interviews", "documenten", "partnerschappen")
    ]
    steps["07_synthesis"] = {
        **_notebook(build_dir(run) / "07_synthesis.ipynb"),
        "inputs": _inputs([p for p in claims if p.exists()] + sorted((DATA / "synthesis").glob("*.yml")), salt),
    }
    pseudonyms = json.loads((PROCESSED / "pseudonimisering.json").read_text(encoding="utf-8"))
    return {
        "run": run,
        "time": run_time(),
        "commit": git_commit(),
        "packages": package_versions(),
        "data_version": sha256(PROCESSED / "vragenlijst.parquet")[:12],
        "steps": steps,
        "salt_fingerprint": pseudonyms["vingerafdruk"],
    }


def write_record(record: dict) -> Path:
    path = build_dir(record["run"]) / "audit.json"
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return path


def audit_fragment(record: dict, shipped: dict[str, str] | None = None, left_out: dict[str, str] | None = None) -> str:
    """Markdown of the audit appendix: steps, inputs with fingerprints, versions, and the files shipped
    next to the report with their SHA-256 (``shipped``: path relative to the report's folder -> checksum;
    ``left_out``: files the output check kept back, with the reason)."""
    steps = []
    for name, step in record["steps"].items():
        params = ", ".join(f"{k} = {v}" for k, v in step["parameters"].items()) or "standaardwaarden"
        seconds = "" if step["seconds"] is None else f"{step['seconds']:.1f} s".replace(".", ",")
        steps.append(
            {
                "Stap": f"[{name}](notebooks/{name}.html)",
                "Wat": STEP_NOTEBOOKS[name],
                "Parameters": params,
                "Uitgevoerd (UTC)": (step["start"] or "")[:19].replace("T", " "),
                "Duur": seconds,
            }
        )
    import pandas as pd

    parts = [
        markdown_table(
            pd.DataFrame(steps),
            "Uitgevoerde stappen van dit rapport",
            "tbl-audit-stappen",
            align="lllll",
            source="Bron: metadata van papermill in de uitgevoerde notebooks (`build/<run>/`).",
        )
    ]
    inputs = []
    for name, step in record["steps"].items():
        for item in step["inputs"]:
            kind = "SHA-256" if item["fingerprint"]["kind"] == "sha256" else "HMAC (sleutel)"
            inputs.append(
                {
                    "Stap": name,
                    "Bestand": f"`{item['public_name']}`",
                    "Soort": kind,
                    "Vingerafdruk (begin)": f"`{item['fingerprint']['value'][:16]}`",
                }
            )
    parts.append(
        markdown_table(
            pd.DataFrame(inputs),
            "Invoerbestanden en hun vingerafdruk",
            "tbl-audit-invoer",
            align="llll",
            source="SHA-256 voor publieke bestanden uit de repository (iedereen kan ze narekenen); "
            "HMAC-SHA256 met het geheime zout voor de echte invoer van het team, zodat een "
            "lezer een geraden bestand niet kan bevestigen. Bestanden met een vrij gekozen naam "
            "staan als 'bestand k' van hun map. De volledige vingerafdrukken staan in "
            "verantwoording/manifest.json naast dit rapport.",
        )
    )
    versions = ", ".join(f"{k} {v}" for k, v in record["packages"].items())
    parts.append(
        f"Code: commit `{record['commit']}`. Software: {versions}. Gegevensversie (SHA-256 van "
        f"`data/processed/vragenlijst.parquet`, begin): `{record['data_version']}`. Rapport gemaakt op "
        f"{record['time'][:19].replace('T', ' ')} UTC. Organisaties zijn gepseudonimiseerd met een zout met "
        f"vingerafdruk `{record['salt_fingerprint']}` (het zout zelf staat nergens in de uitvoer). De "
        f"notebooks bij dit rapport zijn publieke versies: wat naar één inzending wijst, is weggelaten.\n"
    )
    if shipped:
        parts.append(shipped_files_fragment(shipped, left_out or {}))
    return "\n".join(parts)


def shipped_files_fragment(shipped: dict[str, str], left_out: dict[str, str]) -> str:
    """The list of shipped files with their full SHA-256, as ``SHA256SUMS`` has them."""
    lines = [
        "**Meegeleverde bestanden en hun controlesom.** In de map van dit rapport staan, naast `index.html` en "
        "`report.pdf`: de uitgevoerde notebooks (`notebooks/`), het manifest van dit rapport "
        "(`verantwoording/manifest.json`: stappen, parameters, invoer met volledige vingerafdruk, versies), de "
        "gepubliceerde tabellen waartegen de pijplijn getoetst wordt (`verantwoording/data/published/`, "
        "overgenomen uit het eindverslag) en de toelichting bij de gegevens (`verantwoording/data/README.md`: "
        "wat echt is en wat synthetisch, per bestand). Het bestand `SHA256SUMS` in dezelfde map bevat de "
        "controlesommen hieronder; `sha256sum -c SHA256SUMS` (Linux) of `shasum -a 256 -c SHA256SUMS` (macOS) "
        "in die map controleert alle bestanden tegelijk.",
        "",
    ]
    for name, digest in shipped.items():
        lines.append(f"- `{name}`\\\n  `{digest}`")
    if left_out:
        names = ", ".join(f"`{name}`" for name in left_out)
        lines += [
            "",
            f"Niet meegeleverd: {names}. De uitvoercontrole laat het niet toe (aantallen van personen die "
            "niet afgerond of kleiner dan de drempel zijn); het staat in de repository van het project.",
        ]
    return "\n".join(lines) + "\n"


def notebook_title(name: str) -> str:
    """'Stap 2: Steekproef, exclusies, …' for the notebook ``02_survey``."""
    return f"Stap {int(name[:2])}: {STEP_NOTEBOOKS[name]}"


def export_notebooks(record: dict, out_dir: Path) -> list[Path]:
    """The public versions of the run's executed notebooks next to the report (``notebooks/<step>.html``),
    copied from the HTML each step wrote once (:func:`~competentiecheck.core.notebook_html.export_html`),
    each titled with its step and linked back to its report and the landing page."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, step in record["steps"].items():
        source = public_html_path(ROOT / step["notebook"])
        if not source.exists():
            raise FileNotFoundError(
                f"{relative(source)} ontbreekt: de stap {name} schrijft zijn publieke HTML bij het uitvoeren "
                f"(make voert de stap opnieuw uit als het notebook ouder is dan zijn bronnen)."
            )
        target = out_dir / f"{name}.html"
        label = run_label(record["run"])
        page = published_page(source.read_text(encoding="utf-8"), f"{notebook_title(name)} ({label})", label)
        target.write_text(page, encoding="utf-8")
        written.append(target)
    return written
