"""Executed notebooks as HTML: the complete version for the team and the public version that travels
with the reports.

The public version is written once, by the step that executed the notebook
(:mod:`competentiecheck.core.steps`), next to the executed notebook in ``build/``; every report that shows
the step copies it. A programme-wide step is thus converted once, not once per report. The complete
version is made on request (``make notebooks-team``): the team has the executed ``.ipynb`` itself.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat

__all__ = [
    "TEAM_ONLY_TAG",
    "public_notebook",
    "export_html",
    "public_html_path",
    "team_html_path",
    "published_page",
]

TEAM_ONLY_TAG = "alleen-team"


def public_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The version of an executed notebook that travels with the reports.

    Cells tagged ``alleen-team`` (rows per submission, exact small counts) keep their code but lose
    their output; a note at the top says so. Everything else already passes the disclosure
    mechanism, and the output checker scans the result.
    """
    public = nbformat.from_dict(nb)
    hidden = 0
    for cell in public.cells:
        if cell.cell_type == "code" and TEAM_ONLY_TAG in cell.get("metadata", {}).get("tags", []):
            hidden += 1
            cell.outputs = []
            cell.execution_count = None
    note = (
        "**Publieke versie.** Alle aantallen in dit notebook zijn beschermd zoals in de rapporten (afgerond, "
        "kleine aantallen verborgen). "
        + (
            f"De uitvoer van {hidden} cel(len) met de tag `{TEAM_ONLY_TAG}` "
            f"(gegevens per inzending, exacte tellingen) is weggelaten; "
            f"het volledige notebook blijft bij het evaluatieteam."
            if hidden
            else "Geen enkele cel is weggelaten."
        )
    )
    public.cells.insert(0, nbformat.v4.new_markdown_cell(note))
    return public


def team_html_path(notebook: Path) -> Path:
    """``build/<step>/<name>.html``: the complete executed notebook (stays with the team)."""
    return Path(notebook).with_suffix(".html")


def public_html_path(notebook: Path) -> Path:
    """``build/<step>/<name>.public.html``: the public version, copied next to each report."""
    return Path(notebook).with_suffix(".public.html")


def _exporter():
    """nbconvert's HTML exporter, its accessibility pass (alt text, focusable cells) parsed with lxml.

    nbconvert re-parses every page with BeautifulSoup's pure-Python ``html.parser``: more than half of
    an export. lxml builds the same tree about three times faster (the page differs only in the blank
    line after the doctype).
    """
    import nbconvert.exporters.html as html_exporter
    from bs4 import BeautifulSoup

    def parse_with_lxml(markup, features=None, **kwargs):
        return BeautifulSoup(markup, features="lxml", **kwargs)

    html_exporter.BeautifulSoup = parse_with_lxml
    return html_exporter.HTMLExporter()


def export_html(executed: Path, notebook: Path, team: bool = False) -> list[Path]:
    """Write the public HTML of the executed notebook ``executed`` under the name of ``notebook`` (its
    final path in ``build/``), and with ``team`` the complete one too; returns the paths written.

    The steps write only the public version (the reports copy it); the team opens the executed
    ``.ipynb`` itself, or asks for the complete pages with ``make notebooks-team``.
    """
    exporter = _exporter()
    nb = nbformat.read(executed, as_version=4)
    versions = [(public_html_path(notebook), public_notebook(nb))]
    if team:
        versions.append((team_html_path(notebook), nb))
    for path, version in versions:
        body, _ = exporter.from_notebook_node(version)
        partial = path.with_name(path.name + ".part")
        partial.write_text(body, encoding="utf-8")
        partial.replace(path)
    return [path for path, _ in versions]


# the bar at the top of a published notebook page, and what keeps the page within a phone's width
PAGE_STYLE = """<style>
nav.terug { font-family: system-ui, sans-serif; font-size: 0.95rem; padding: 0.6rem 1rem; background: #f5f7f9;
  border-bottom: 1px solid #d8dde3; }
nav.terug a { color: #0072b2; margin-right: 1.2rem; display: inline-block; }
.jp-OutputArea-output, .jp-RenderedHTMLCommon { overflow-x: auto; max-width: 100%; }
.jp-RenderedHTMLCommon pre, .jp-OutputArea-output pre { overflow-x: auto; }
.jp-RenderedHTMLCommon a, .jp-RenderedHTMLCommon code { overflow-wrap: anywhere; }
.jp-Notebook img { max-width: 100%; height: auto; }
</style>"""


def published_page(page: str, title: str, report_label: str) -> str:
    """A public notebook page as it stands next to a report (``<run>/notebooks/<step>.html``).

    nbconvert titles every page 'Notebook' and gives no way back: the page gets ``title`` (the step's
    Dutch name), the language of its text, and a bar with links to its report (``../index.html``, its
    PDF) and to the landing page with all reports (``../../index.html``)."""
    label = html.escape(report_label)
    bar = (
        f'<nav class="terug" aria-label="Terug naar de rapporten">'
        f'<a href="../index.html">&larr; Rapport {label}</a>'
        f'<a href="../report.pdf">Rapport {label} als PDF</a>'
        f'<a href="../../index.html">Alle rapporten</a></nav>'
    )
    page, titles = re.subn(
        r"<title>.*?</title>", f"<title>{html.escape(title, quote=False)}</title>", page, count=1, flags=re.S
    )
    page, bodies = re.subn(r"(<body[^>]*>)", lambda m: m.group(1) + "\n" + bar, page, count=1)
    page, heads = re.subn(r"</head>", PAGE_STYLE + "\n</head>", page, count=1)
    if not (titles and bodies and heads):
        raise ValueError("geen <title>, <body> of </head> in de HTML van het notebook")
    return re.sub(r'<html lang="[^"]*">', '<html lang="nl">', page, count=1)


def main(argv: list[str] | None = None) -> int:
    """``make notebooks-team``: the complete HTML of every executed notebook in ``build/``."""
    import argparse

    parser = argparse.ArgumentParser(description="Volledige HTML (voor het team) van uitgevoerde notebooks.")
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for notebook in args.notebooks:
        export_html(notebook, notebook, team=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
