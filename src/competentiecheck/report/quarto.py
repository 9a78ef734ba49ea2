"""Rendering with Quarto, where the ``quarto`` command exists (one ``quarto render`` per run)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from competentiecheck.report.errors import RenderError
from competentiecheck.report.responsive import collapsible_contents

__all__ = ["render_quarto", "quarto_warnings"]

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def quarto_warnings(output: str) -> list[str]:
    """The warning lines of Quarto's (and pandoc's, citeproc's, Typst's) output, without colour codes."""
    lines = (ANSI.sub("", line).strip() for line in output.splitlines())
    return sorted({line for line in lines if re.match(r"^\[?WARN(ING)?\b", line)})


def render_quarto(stage_dir: Path, out_dir: Path) -> list[Path]:
    """Render with Quarto (HTML and Typst PDF) from the staged project."""
    for stale in ("index.html", "report.pdf", "index.pdf"):  # e.g. an offline render of the same stage
        (stage_dir / stale).unlink(missing_ok=True)
    # one call renders every format of _quarto.yml (html, then typst), each once
    done = subprocess.run(["quarto", "render", "index.qmd"], cwd=stage_dir, capture_output=True, text=True)
    if done.returncode != 0:
        raise RenderError(f"quarto render faalde:\n{done.stderr}")
    warnings = quarto_warnings(done.stdout + done.stderr)
    if warnings:
        # Quarto exits 0 on an unresolved cross-reference or citation and writes '?@fig-x' into the
        # report; the offline renderer stops on the same, so this path does too
        raise RenderError("Quarto gaf waarschuwingen (als fouten behandeld):\n" + "\n".join(warnings))
    pdf = stage_dir / "report.pdf"  # format typst: output-file in _quarto.yml
    if not pdf.exists():
        raise RenderError("Quarto schreef geen report.pdf (format typst: output-file in _quarto.yml)")
    out_dir.mkdir(parents=True, exist_ok=True)
    # Quarto hides its contents below 768 px: there they stand behind a button (report.css)
    page = (stage_dir / "index.html").read_text(encoding="utf-8")
    (out_dir / "index.html").write_text(collapsible_contents(page), encoding="utf-8")
    shutil.copy2(pdf, out_dir / "report.pdf")
    return [out_dir / "index.html", out_dir / "report.pdf"]
