"""Render the report of one run: Quarto where it exists, else the offline pandoc + Typst path.

The jobs live in their own modules: staging the sources (:mod:`~competentiecheck.report.staging`), the
Quarto subset and the offline renderer (:mod:`~competentiecheck.report.quarto_subset`,
:mod:`~competentiecheck.report.offline`), Quarto itself (:mod:`~competentiecheck.report.quarto`), versions and
the landing page (:mod:`~competentiecheck.report.versions`) and the audit trail
(:mod:`~competentiecheck.report.provenance`). This module runs them for one run, and is the command line.

Outputs land atomically in ``report/_output/<run>/``: ``index.html``, ``report.pdf``, ``notebooks/*.html``,
``verantwoording/`` and ``SHA256SUMS`` (:mod:`~competentiecheck.report.evidence`).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

from competentiecheck.core.outputs import staged_outputs
from competentiecheck.core.paths import REPORT_OUTPUT, relative
from competentiecheck.report.errors import RenderError
from competentiecheck.report.evidence import FOLDER, ship_evidence, write_checksums
from competentiecheck.report.offline import pandoc_path as _pandoc
from competentiecheck.report.offline import render_offline
from competentiecheck.report.provenance import audit_fragment, export_notebooks, run_record, write_record
from competentiecheck.report.quarto import render_quarto
from competentiecheck.report.quarto_subset import expand_shortcodes, number_crossrefs
from competentiecheck.report.staging import merge_values, stage_sources
from competentiecheck.report.versions import VERSION_FILE, landing_page, remove_stale_reports, report_version

__all__ = [
    "render_run",
    "renderer_name",
    "RenderError",
    # re-exported: the jobs' public names under their former home
    "stage_sources",
    "merge_values",
    "render_offline",
    "render_quarto",
    "expand_shortcodes",
    "number_crossrefs",
    "VERSION_FILE",
    "report_version",
    "remove_stale_reports",
    "landing_page",
    "_pandoc",
]


def renderer_name(use_quarto: bool) -> str:
    if use_quarto:
        version = subprocess.run(["quarto", "--version"], capture_output=True, text=True).stdout.strip()
        return f"Quarto {version}"
    import pypandoc
    import typst

    return (
        f"de offline renderer van het project: pandoc {pypandoc.get_pandoc_version()} "
        f"(pypandoc-binary) en Typst (typst-py {typst.__version__ if hasattr(typst, '__version__') else ''})"
    )


def render_run(run: str, force_offline: bool = False) -> list[Path]:
    """Stage, audit and render one run; the outputs replace the old ones only when all exist.

    Writes ``report/_output/<run>/index.html``, ``report.pdf``, ``notebooks/*.html`` (the executed
    notebooks of the run), ``verantwoording/`` (what the audit appendix cites) with ``SHA256SUMS``, and
    ``build/<run>/audit.json``.
    """
    use_quarto = shutil.which("quarto") is not None and not force_offline
    record = run_record(run)
    write_record(record)
    stage_dir = stage_sources(run, renderer_name(use_quarto), extra_values={"date": record["time"][:10]})
    target = REPORT_OUTPUT / run
    with staged_outputs(target) as staging:
        # the shipped files first: the appendix lists their checksums
        shipped, left_out = ship_evidence(record, staging)
        sums = write_checksums(staging, export_notebooks(record, staging / "notebooks") + shipped)
        (stage_dir / "_generated" / "audit.md").write_text(audit_fragment(record, sums, left_out), encoding="utf-8")
        (render_quarto if use_quarto else render_offline)(stage_dir, staging)
        version = {"run": run, "data_version": record["data_version"], "commit": record["commit"]}
        (staging / VERSION_FILE).write_text(json.dumps(version, sort_keys=True) + "\n", encoding="utf-8")
    remove_unlisted(target, sums)
    for removed in remove_stale_reports(record["data_version"]):
        print(f"Verouderd rapport verwijderd (andere gegevensversie): {relative(removed)}")
    return [target / "index.html", target / "report.pdf"]


def remove_unlisted(target: Path, sums: dict[str, str]) -> list[Path]:
    """Remove notebooks and shipped files an earlier render left that this one no longer ships."""
    removed = []
    for folder in (target / "notebooks", target / FOLDER):
        for path in sorted(folder.rglob("*")) if folder.exists() else []:
            if path.is_file() and path.relative_to(target).as_posix() not in sums:
                path.unlink()
                removed.append(path)
    return removed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render het rapport van één run, of de overzichtspagina.")
    parser.add_argument("run", help="totaal, perceel-1 … perceel-5, of 'overzicht' voor report/_output/index.html")
    parser.add_argument("--offline", action="store_true", help="gebruik de offline renderer, ook als Quarto er is")
    args = parser.parse_args(argv)
    try:
        paths = [landing_page()] if args.run == "overzicht" else render_run(args.run, force_offline=args.offline)
    except RenderError as exc:
        print(f"Rapport {args.run} niet gerenderd: {exc}", file=sys.stderr)
        return 1
    print("Gerenderd:", ", ".join(relative(p) for p in paths))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
