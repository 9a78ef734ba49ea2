"""The offline renderer: pandoc and Typst from the PyPI wheels, for machines without Quarto (and CI).

It does what Quarto would do with the features the project uses (:mod:`competentiecheck.report.quarto_subset`);
then pandoc writes a standalone HTML file and Typst source, which the ``typst`` wheel compiles to PDF.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

from competentiecheck.report.angle_brackets import escape_comparisons
from competentiecheck.report.errors import RenderError
from competentiecheck.report.quarto_subset import expand_shortcodes, format_date, number_crossrefs, project_metadata
from competentiecheck.report.responsive import phone_friendly

__all__ = ["render_offline", "pandoc_path"]


def pandoc_path() -> str:
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

    config, meta, body = project_metadata(stage_dir)
    expanded = expand_shortcodes(body, stage_dir, meta)
    # the staged files are escaped already (staging); the values the meta shortcodes brought in are not
    html_md, typst_md = (escape_comparisons(text) for text in number_crossrefs(expanded, config.get("crossref")))
    for text in (html_md, typst_md):
        if "{{<" in text:
            raise RenderError("er blijft een shortcode over na het verwerken")
    header = {
        k: v
        for k, v in meta.items()
        if k in ("title", "subtitle", "date", "lang", "toc-title", "bibliography", "link-citations")
    }
    if "date" in header:
        header["date"] = format_date(header["date"], config.get("date-format"))
    front = "---\n" + yaml.safe_dump(header, allow_unicode=True, sort_keys=True) + "---\n\n"
    (stage_dir / "_offline_html.md").write_text(front + html_md, encoding="utf-8")
    (stage_dir / "_offline_typst.md").write_text(front + typst_md, encoding="utf-8")
    html_options = config.get("format", {}).get("html", {}) or {}
    pandoc = pandoc_path()
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
    if citeproc and config.get("csl"):
        citeproc += ["--csl", config["csl"]]
    # the project's Lua filters (``filters`` in _quarto.yml), as Quarto runs them on both formats
    filters = [arg for name in config.get("filters", []) for arg in ("--lua-filter", name)]
    _run(command + filters + citeproc, stage_dir)
    # the contents behind a button and each table in its own scroll box on a phone, as in Quarto's HTML
    page = stage_dir / "index.html"
    page.write_text(phone_friendly(page.read_text(encoding="utf-8")), encoding="utf-8")
    typst_options = config.get("format", {}).get("typst", {}) or {}
    # the format options reach the template as metadata, as Quarto passes them; the table of contents
    # is the template's own (typst-template.typ), so Pandoc's 'toc' stays off
    options = {
        key: typst_options[key]
        for key in ("papersize", "fontsize", "section-numbering", "margin")
        if key in typst_options
    }
    (stage_dir / "_offline_typst.yml").write_text(yaml.safe_dump(options, sort_keys=True), encoding="utf-8")
    command = (
        [
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
        ]
        + filters
        + citeproc
    )
    if (stage_dir / "typst-conf.typ").exists():  # the report's template; a bare project gets Pandoc's
        command += ["--variable", "template=typst-conf.typ"]
        # the template's block functions (report-table) for the body, as Quarto's inlined partial gives them
        command += ["--variable", 'header-includes=#import "typst-template.typ": report-table']
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
