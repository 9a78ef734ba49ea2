"""Render the report of one run: Quarto where it exists, else the offline pandoc + Typst path.

Both paths start from the same staged sources: ``build/<run>/report/`` holds a copy of ``report/``
plus the run's generated pieces (``_values.yml``, ``_generated/*.md``, ``figures/``). The offline
path does what Quarto would do with the subset of features the project uses: front matter and
``metadata-files``, ``{{< include >}}`` and ``{{< meta >}}`` shortcodes, numbered ``#tbl-`` / ``#fig-``
cross-references ("Tabel n", "Figuur n") and callouts; then pandoc writes a standalone HTML file
and Typst source, which the ``typst`` wheel compiles to PDF.

Outputs land atomically in ``report/_output/<run>/``: ``index.html`` and ``report.pdf``.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from competentiecheck.core.outputs import staged_outputs
from competentiecheck.core.paths import BUILD, REPORT, REPORT_OUTPUT, RUNS, build_dir, figures_dir, relative
from competentiecheck.report.provenance import audit_fragment, export_notebooks, run_record, write_record

__all__ = ["stage_sources", "render_offline", "render_run", "expand_shortcodes", "number_crossrefs", "RenderError"]

SHORTCODE = re.compile(r"\{\{<\s*(\w+)\s*([^>]*?)\s*>\}\}")
TABLE_CAPTION = re.compile(r"^: (?P<caption>.*?) \{#(?P<id>tbl-[\w-]+)\}\s*$", re.MULTILINE)
FIGURE = re.compile(r"!\[(?P<caption>[^\]]*)\]\((?P<src>[^)\s]+)\)\{#(?P<id>fig-[\w-]+)(?P<attrs>[^}]*)\}")
REFERENCE = re.compile(r"@(?P<id>(?:tbl|fig|sec)-[\w-]+)")
HEADING = re.compile(r"^(?P<hashes>#{1,6}) (?P<title>.+?)(?: \{(?P<attrs>[^}]*)\})?\s*$", re.MULTILINE)


class RenderError(RuntimeError):
    """The report sources cannot be rendered as written (unknown key, missing include, ...)."""


# --------------------------------------------------------------------------- staging


def stage_sources(run: str, renderer: str, stage_dir: Path | None = None, extra_values: dict | None = None) -> Path:
    """Copy ``report/`` and the run's generated files into ``build/<run>/report``."""
    source_build = build_dir(run)
    values = merge_values(source_build)
    stage_dir = stage_dir or source_build / "report"
    if stage_dir.exists():
        shutil.rmtree(stage_dir)
    shutil.copytree(REPORT, stage_dir, ignore=shutil.ignore_patterns("_output", ".quarto"))
    values["renderer"] = renderer
    values.update(extra_values or {})
    (stage_dir / "_values.yml").write_text(yaml.safe_dump(values, allow_unicode=True, sort_keys=True), encoding="utf-8")
    generated = stage_dir / "_generated"
    generated.mkdir()
    for fragment in sorted((source_build / "fragments").glob("*.md")):
        shutil.copy2(fragment, generated / fragment.name)
    figures = stage_dir / "figures"
    figures.mkdir()
    for folder in (
        figures_dir(run),
        figures_dir("literatuur"),
        figures_dir("interviews"),
        figures_dir("documenten"),
        figures_dir("partnerschappen"),
    ):
        if folder.exists():
            for figure in sorted(folder.iterdir()):
                if figure.is_file() and not figure.name.startswith("."):
                    shutil.copy2(figure, figures / figure.name)
    # programme-wide literature review: the chapter for totaal, a pointer in the perceel reports
    literature = BUILD / "literatuur" / "fragments"
    if not literature.exists():
        raise RenderError(f"{relative(literature)} ontbreekt: voer eerst notebooks/03_literature.ipynb uit")
    chapter = "literatuur_totaal.md" if run == "totaal" else "literatuur_perceel.md"
    shutil.copy2(literature / chapter, generated / "literatuur.md")
    # programme-wide company interviews: the chapter for totaal, a pointer in the perceel reports
    interviews = BUILD / "interviews" / "fragments"
    if not interviews.exists():
        raise RenderError(f"{relative(interviews)} ontbreekt: voer eerst notebooks/04_interviews.ipynb uit")
    shutil.copy2(
        interviews / ("interviews_totaal.md" if run == "totaal" else "interviews_perceel.md"),
        generated / "interviews.md",
    )
    for name in ("codeboek_swot.md", "casussen.md"):
        shutil.copy2(interviews / name, generated / name)
    for suffix in ("", "_en"):
        shutil.copy2(
            interviews / f"bevinding_{'totaal' if run == 'totaal' else 'perceel'}{suffix}.md",
            generated / f"interviews_bevinding{suffix}.md",
        )
    # the plannen van aanpak: a chapter per run (its own profiles where the perceel is large enough)
    documents = BUILD / "documenten" / "fragments"
    if not documents.exists():
        raise RenderError(f"{relative(documents)} ontbreekt: voer eerst notebooks/05_documents.ipynb uit")
    shutil.copy2(documents / f"profielen_{run}.md", generated / "profielen.md")
    for suffix in ("", "_en"):
        shutil.copy2(documents / f"bevinding{suffix}.md", generated / f"profielen_bevinding{suffix}.md")
    # the partnerships: the chapter for totaal, each perceel its own network and response
    partnerships = BUILD / "partnerschappen" / "fragments"
    if not partnerships.exists():
        raise RenderError(f"{relative(partnerships)} ontbreekt: voer eerst notebooks/06_partnerships.ipynb uit")
    shutil.copy2(partnerships / f"partnerschappen_{run}.md", generated / "partnerschappen.md")
    shutil.copy2(partnerships / "codeboek_partnerschappen.md", generated / "codeboek_partnerschappen.md")
    shutil.copy2(partnerships / "conclusie.md", generated / "partnerschappen_conclusie.md")
    for suffix in ("", "_en"):
        shutil.copy2(partnerships / f"bevinding{suffix}.md", generated / f"partnerschappen_bevinding{suffix}.md")
    # at the project root: Quarto escapes a leading underscore in Typst paths (quarto-cli #12069)
    shutil.copy2(literature / "literatuur.bib", stage_dir / "literatuur.bib")
    return stage_dir


def merge_values(source_build: Path) -> dict:
    """Merge the inline values of every step (``values/<step>.yml``) into ``values.yml``.

    A key written by two steps is an error: each value has one author.
    """
    files = sorted((source_build / "values").glob("*.yml"))
    if not files:
        raise RenderError(f"{relative(source_build / 'values')} bevat geen waarden: voer eerst de notebooks uit")
    merged: dict = {}
    origin: dict[str, str] = {}
    for path in files:
        for key, value in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if key in merged:
                raise RenderError(f"waarde {key!r} staat in {origin[key]} en in {path.name}")
            merged[key], origin[key] = value, path.name
    (source_build / "values.yml").write_text(
        yaml.safe_dump(dict(sorted(merged.items())), allow_unicode=True), encoding="utf-8"
    )
    return merged


# --------------------------------------------------------------------------- Quarto-subset preprocessing


def _split_front_matter(text: str) -> tuple[dict, str]:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end == -1:
            raise RenderError("front matter zonder afsluitende ---")
        return yaml.safe_load(text[4:end]) or {}, text[end + 5 :]
    return {}, text


def _lookup(meta: dict, key: str):
    value = meta
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            raise RenderError(f"{{{{< meta {key} >}}}}: sleutel bestaat niet in de metadata van deze run")
        value = value[part]
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def expand_shortcodes(text: str, base: Path, meta: dict, _depth: int = 0) -> str:
    """Resolve ``include`` (relative to ``base``) and ``meta`` shortcodes; any other one is an error."""
    if _depth > 10:
        raise RenderError("te diep geneste includes (lus?)")

    def replace(match: re.Match) -> str:
        name, argument = match.group(1), match.group(2).strip()
        if name == "include":
            path = (base / argument).resolve()
            if not path.exists():
                raise RenderError(f"{{{{< include {argument} >}}}}: bestand {relative(path)} bestaat niet")
            included = path.read_text(encoding="utf-8")
            return expand_shortcodes(included, path.parent, meta, _depth + 1)
        if name == "meta":
            return _lookup(meta, argument)
        raise RenderError(f"shortcode {{{{< {name} >}}}} wordt door de offline renderer niet ondersteund")

    return SHORTCODE.sub(replace, text)


def _section_numbers(text: str) -> dict[str, str]:
    """``sec-`` labels -> "Sectie 3.2" (numbered headings, as Quarto) or the title (unnumbered)."""
    counters = [0] * 6
    numbers = {}
    for m in HEADING.finditer(text):
        attrs = m.group("attrs") or ""
        level = len(m.group("hashes"))
        unnumbered = ".unnumbered" in attrs or "-}" in attrs
        if not unnumbered:
            counters[level - 1] += 1
            counters[level:] = [0] * (6 - level)
        label = re.search(r"#(sec-[\w-]+)", attrs)
        if label:
            numbers[label.group(1)] = (
                m.group("title") if unnumbered else "Sectie " + ".".join(str(c) for c in counters[:level])
            )
    return numbers


def number_crossrefs(text: str) -> tuple[str, str]:
    """Number tables and figures in document order and resolve ``@tbl-``/``@fig-`` references.

    Returns the text for HTML (captions prefixed "Tabel n: " / "Figuur n: ") and for Typst
    (captions left bare: Typst numbers figures itself, in the same order).
    """
    numbers: dict[str, str] = _section_numbers(text)
    events = sorted(
        [(m.start(), "tbl", m.group("id")) for m in TABLE_CAPTION.finditer(text)]
        + [(m.start(), "fig", m.group("id")) for m in FIGURE.finditer(text)]
    )
    counters = {"tbl": 0, "fig": 0}
    for _, kind, ident in events:
        if ident in numbers:
            raise RenderError(f"label #{ident} komt twee keer voor")
        counters[kind] += 1
        numbers[ident] = f"{'Tabel' if kind == 'tbl' else 'Figuur'} {counters[kind]}"

    def reference(match: re.Match) -> str:
        ident = match.group("id")
        if ident not in numbers:
            raise RenderError(f"verwijzing @{ident} naar een label dat niet bestaat")
        return f"[{numbers[ident]}](#{ident})"

    def figure(prefix: bool):
        def replace(m: re.Match) -> str:
            attrs = m.group("attrs").replace("fig-alt=", "alt=")
            caption = f"{numbers[m.group('id')]}: {m.group('caption')}" if prefix else m.group("caption")
            return f"![{caption}]({m.group('src')}){{#{m.group('id')}{attrs}}}"

        return replace

    def table(prefix: bool):
        def replace(m: re.Match) -> str:
            caption = f"{numbers[m.group('id')]}: {m.group('caption')}" if prefix else m.group("caption")
            return f": {caption} {{#{m.group('id')}}}"

        return replace

    with_refs = REFERENCE.sub(reference, text)
    html = FIGURE.sub(figure(True), TABLE_CAPTION.sub(table(True), with_refs))
    typst_text = FIGURE.sub(figure(False), TABLE_CAPTION.sub(table(False), with_refs))
    return html, typst_text


def _project_metadata(stage_dir: Path) -> tuple[dict, dict, str]:
    config = yaml.safe_load((stage_dir / "_quarto.yml").read_text(encoding="utf-8")) or {}
    meta: dict = {}
    for name in config.get("metadata-files", []):
        meta.update(yaml.safe_load((stage_dir / name).read_text(encoding="utf-8")) or {})
    front, body = _split_front_matter((stage_dir / "index.qmd").read_text(encoding="utf-8"))
    for key in ("lang", "title", "subtitle", "date", "toc-title"):
        if key in config and key not in meta:
            meta[key] = config[key]
    meta.update(front)
    return config, meta, body


# --------------------------------------------------------------------------- offline rendering


def _pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def _run(command: list[str], cwd: Path) -> None:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0 or done.stderr.strip():
        raise RenderError(f"{Path(command[0]).name} faalde ({done.returncode}):\n{done.stderr.strip()}")


OFFLINE_CSS = "offline.css"  # the page layout Quarto's HTML has; Quarto itself does not load it


def render_offline(stage_dir: Path, out_dir: Path) -> list[Path]:
    """Render the staged sources to ``out_dir/index.html`` and ``out_dir/report.pdf``."""
    import typst

    config, meta, body = _project_metadata(stage_dir)
    expanded = expand_shortcodes(body, stage_dir, meta)
    html_md, typst_md = number_crossrefs(expanded)
    for text in (html_md, typst_md):
        if "{{<" in text:
            raise RenderError("er blijft een shortcode over na het verwerken")
    header = {
        k: v
        for k, v in meta.items()
        if k in ("title", "subtitle", "date", "lang", "toc-title", "bibliography", "link-citations")
    }
    front = "---\n" + yaml.safe_dump(header, allow_unicode=True, sort_keys=True) + "---\n\n"
    (stage_dir / "_offline_html.md").write_text(front + html_md, encoding="utf-8")
    (stage_dir / "_offline_typst.md").write_text(front + typst_md, encoding="utf-8")
    html_options = config.get("format", {}).get("html", {}) or {}
    pandoc = _pandoc()
    command = [
        pandoc,
        "_offline_html.md",
        "--from",
        "markdown",
        "--to",
        "html5",
        "--standalone",
        "--embed-resources",
        "--toc",
        "--toc-depth",
        str(config.get("toc-depth", 2)),
        "--number-sections",
        "--metadata",
        f"toc-title={config.get('toc-title', 'Inhoud')}",
        "--output",
        "index.html",
    ]
    for css in [html_options.get("css"), OFFLINE_CSS]:
        if css and (stage_dir / css).exists():
            command += ["--css", css]
    if html_options.get("include-before-body"):
        command += ["--include-before-body", html_options["include-before-body"]]
    citeproc = ["--citeproc"] if meta.get("bibliography") else []
    _run(command + citeproc, stage_dir)
    typst_options = config.get("format", {}).get("typst", {}) or {}
    # the format options reach the template as metadata, as Quarto passes them; the table of contents
    # is the template's own (typst-template.typ), so Pandoc's 'toc' stays off
    options = {
        key: typst_options[key]
        for key in ("papersize", "fontsize", "section-numbering", "margin")
        if key in typst_options
    }
    (stage_dir / "_offline_typst.yml").write_text(yaml.safe_dump(options, sort_keys=True), encoding="utf-8")
    command = [
        pandoc,
        "_offline_typst.md",
        "--from",
        "markdown",
        "--to",
        "typst",
        "--standalone",
        "--output",
        "report.typ",
        "--metadata-file",
        "_offline_typst.yml",
    ] + citeproc
    if (stage_dir / "typst-conf.typ").exists():  # the report's template; a bare project gets Pandoc's
        command += ["--variable", "template=typst-conf.typ"]
    _run(command, stage_dir)
    pdf, warnings = typst.compile_with_warnings(str(stage_dir / "report.typ"), root=str(stage_dir))
    if warnings:
        details = "\n".join(str(w) for w in warnings)
        raise RenderError(f"Typst gaf waarschuwingen (als fouten behandeld):\n{details}")
    (stage_dir / "report.pdf").write_bytes(pdf)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy2(stage_dir / "index.html", out_dir / "index.html")
    shutil.copy2(stage_dir / "report.pdf", out_dir / "report.pdf")
    return [out_dir / "index.html", out_dir / "report.pdf"]


def render_quarto(stage_dir: Path, out_dir: Path) -> list[Path]:
    """Render with Quarto (HTML and Typst PDF) from the staged project."""
    for stale in ("index.html", "report.pdf", "index.pdf"):  # e.g. an offline render of the same stage
        (stage_dir / stale).unlink(missing_ok=True)
    # one call renders every format of _quarto.yml (html, then typst), each once
    done = subprocess.run(["quarto", "render", "index.qmd"], cwd=stage_dir, capture_output=True, text=True)
    if done.returncode != 0:
        raise RenderError(f"quarto render faalde:\n{done.stderr}")
    pdf = stage_dir / "report.pdf"  # format typst: output-file in _quarto.yml
    if not pdf.exists():
        raise RenderError("Quarto schreef geen report.pdf (format typst: output-file in _quarto.yml)")
    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy2(stage_dir / "index.html", out_dir / "index.html")
    shutil.copy2(pdf, out_dir / "report.pdf")
    return [out_dir / "index.html", out_dir / "report.pdf"]


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

    Writes ``report/_output/<run>/index.html``, ``report.pdf`` and ``notebooks/*.html`` (the executed
    notebooks of the run), and ``build/<run>/audit.json``.
    """
    use_quarto = shutil.which("quarto") is not None and not force_offline
    record = run_record(run)
    write_record(record)
    stage_dir = stage_sources(run, renderer_name(use_quarto), extra_values={"date": record["time"][:10]})
    (stage_dir / "_generated" / "audit.md").write_text(audit_fragment(record), encoding="utf-8")
    target = REPORT_OUTPUT / run
    with staged_outputs(target) as staging:
        (render_quarto if use_quarto else render_offline)(stage_dir, staging)
        export_notebooks(record, staging / "notebooks")
        version = {"run": run, "data_version": record["data_version"], "commit": record["commit"]}
        (staging / VERSION_FILE).write_text(json.dumps(version, sort_keys=True) + "\n", encoding="utf-8")
    for removed in remove_stale_reports(record["data_version"]):
        print(f"Verouderd rapport verwijderd (andere gegevensversie): {relative(removed)}")
    return [target / "index.html", target / "report.pdf"]


VERSION_FILE = "versie.json"


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
        label = "Totaal programma" if run == "totaal" else f"Perceel {run.split('-')[1]}"
        rows.append(
            f'<tr><td>{html.escape(label)}</td><td><a href="{run}/index.html">HTML</a> · '
            f'<a href="{run}/report.pdf">PDF</a></td><td>{html.escape(record["time"][:10])}</td>'
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
<html lang="nl"><head><meta charset="utf-8"><title>Competentiechecks voor ondernemingen: rapporten</title>
<style>body{{font-family:"Segoe UI",Arial,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d1d1d}}
h1{{color:#17324d}}table{{border-collapse:collapse;width:100%}}th,td{{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #d8dde3}}
thead th{{border-bottom:2px solid #17324d}}p.note{{color:#555;font-size:.9rem}}</style></head>
<body><h1>Evaluatie 'Competentiechecks voor ondernemingen'</h1>
<p>Eén rapport voor het hele programma en één per perceel, elk gegenereerd uit dezelfde gegevens door dezelfde pijplijn.</p>
<table><thead><tr><th>Rapport</th><th>Openen</th><th>Datum</th><th>Gegevensversie</th><th>Code (commit)</th></tr></thead>
<tbody>
{rows}
</tbody></table>
<p class="note">Gegevensversie: begin van de SHA-256 van de opgeschoonde vragenlijstdata. Elk rapport heeft een bijlage 'Verantwoording' met de uitgevoerde notebooks, de parameters en de vingerafdruk van elk invoerbestand; build/manifest.json bevat hetzelfde, machineleesbaar.</p>
</body></html>
"""


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
