"""Executed notebooks as HTML: the complete version for the team and the public version that travels
with the reports.

Both are written once, by the step that executed the notebook (:mod:`competentiecheck.core.steps`), next
to the executed notebook in ``build/``; every report that shows the step copies the public file. A
programme-wide step is thus converted once, not once per report.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

__all__ = ["TEAM_ONLY_TAG", "public_notebook", "export_html", "public_html_path", "team_html_path"]

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
