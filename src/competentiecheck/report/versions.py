"""Report versions and the landing page: ``report/_output/`` never shows reports of two data versions.

Each rendered run carries ``versie.json`` (its data version and commit). Rendering a run removes the
reports of another data version and the landing page; the landing page (``render overzicht``) is only
made when all runs share one data version.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

from competentiecheck.core.paths import BUILD, REPORT_OUTPUT, RUNS, build_dir, relative
from competentiecheck.report.errors import RenderError

__all__ = ["VERSION_FILE", "report_version", "remove_stale_reports", "landing_page", "run_label"]

VERSION_FILE = "versie.json"


def run_label(run: str) -> str:
    """How a run is named to readers: 'Totaal programma', 'Perceel 3'."""
    return "Totaal programma" if run == "totaal" else f"Perceel {run.split('-')[1]}"


def report_version(folder: Path) -> str | None:
    """Data version a published report was made from (None when it carries no version)."""
    path = Path(folder) / VERSION_FILE
    return json.loads(path.read_text(encoding="utf-8"))["data_version"] if path.exists() else None


def remove_stale_reports(data_version: str, output_dir: Path = REPORT_OUTPUT) -> list[Path]:
    """Remove every published report of another data version, and the landing page.

    ``report/_output/`` must never show reports of two data versions side by side (a build that
    failed half-way would otherwise leave old perceel reports next to new ones). The landing page is
    made again, after all runs, by ``render overzicht``.
    """
    removed = []
    for folder in sorted(p for p in Path(output_dir).iterdir() if p.is_dir()) if Path(output_dir).exists() else []:
        if folder.name not in RUNS or any(folder.glob(".staging-*")):
            continue  # a render of that run is writing here right now (make -j2): it brings its own version
        if report_version(folder) != data_version:
            shutil.rmtree(folder)
            removed.append(folder)
    landing = Path(output_dir) / "index.html"
    if landing.exists():
        landing.unlink()
    return removed


def landing_page(runs: tuple[str, ...] = RUNS) -> Path:
    """``report/_output/index.html`` listing every run's report, and ``build/manifest.json``."""
    records = []
    for run in runs:
        path = build_dir(run) / "audit.json"
        if not path.exists():
            raise RenderError(f"{relative(path)} ontbreekt: render eerst het rapport van run {run}")
        records.append(json.loads(path.read_text(encoding="utf-8")))
    versions = {run: report_version(REPORT_OUTPUT / run) for run in runs}
    if (
        len(set(versions.values())) != 1
        or None in versions.values()
        or any(versions[r["run"]] != r["data_version"] for r in records)
    ):
        shown = ", ".join(f"{run}: {version or 'ontbreekt'}" for run, version in versions.items())
        raise RenderError(
            f"de rapporten in {relative(REPORT_OUTPUT)} komen niet uit één gegevensversie ({shown}); "
            f"geen overzichtspagina"
        )
    manifest = {"runs": records}
    BUILD.mkdir(exist_ok=True)
    (BUILD / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
    )
    rows = []
    for record in records:
        run = record["run"]
        label = run_label(run)
        rows.append(
            f'<tr><td>{html.escape(label)}</td><td><a href="{run}/index.html">HTML</a> · '
            f'<a href="{run}/report.pdf">PDF</a></td>'
            f'<td><a href="{run}/index.html#sec-audit">notebooks en bestanden</a></td>'
            f"<td>{html.escape(record['time'][:10])}</td>"
            f"<td><code>{html.escape(record['data_version'])}</code></td>"
            f"<td><code>{html.escape(record['commit'][:12])}</code></td></tr>"
        )
    page = LANDING_TEMPLATE.format(rows="\n".join(rows))
    target = REPORT_OUTPUT / "index.html"
    REPORT_OUTPUT.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".part")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(target)
    return target


LANDING_TEMPLATE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Competentiechecks voor ondernemingen: rapporten</title>
<style>body{{font-family:"Segoe UI",Arial,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d1d1d;line-height:1.5}}
h1{{color:#17324d;line-height:1.25}}table{{border-collapse:collapse;width:100%}}th,td{{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #d8dde3}}
thead th{{border-bottom:2px solid #17324d}}p.note{{color:#555;font-size:.9rem}}.tabel-scroll{{overflow-x:auto;max-width:100%}}
code,a{{overflow-wrap:anywhere}}</style></head>
<body><h1>Evaluatie 'Competentiechecks voor ondernemingen'</h1>
<p>Eén rapport voor het hele programma en één per perceel, elk gegenereerd uit dezelfde gegevens door dezelfde pijplijn.</p>
<div class="tabel-scroll"><table><thead><tr><th>Rapport</th><th>Openen</th><th>Verantwoording</th><th>Datum</th><th>Gegevensversie</th><th>Code (commit)</th></tr></thead>
<tbody>
{rows}
</tbody></table></div>
<p class="note">Gegevensversie: begin van de SHA-256 van de opgeschoonde vragenlijstdata. Elk rapport heeft een bijlage 'Verantwoording' met de uitgevoerde notebooks, de parameters en de vingerafdruk van elk invoerbestand. In de map van elk rapport staan de notebooks (<code>notebooks/</code>), het manifest, de gepubliceerde tabellen en de toelichting bij de gegevens (<code>verantwoording/</code>) en hun controlesommen (<code>SHA256SUMS</code>, te controleren met <code>sha256sum -c SHA256SUMS</code>).</p>
</body></html>
"""
