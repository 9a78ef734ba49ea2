"""Rendering with Quarto, where the ``quarto`` command exists (one ``quarto render`` per run)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from competentiecheck.report.errors import RenderError

__all__ = ["render_quarto"]


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
