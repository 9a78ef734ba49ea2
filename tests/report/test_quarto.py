"""Where Quarto is installed, both renderers must give the same headings, tables and figures."""

import re
import shutil
import subprocess

import pytest

from competentiecheck.core.paths import BUILD, ROOT
from competentiecheck.report.render import render_offline, render_quarto

pytestmark = pytest.mark.skipif(shutil.which("quarto") is None, reason="Quarto is niet geïnstalleerd op deze machine")


def _structure(html: str) -> tuple[list[str], int, int]:
    headings = [
        re.sub(r"<[^>]+>|^\s*[\d.]+\s*", "", h).strip() for h in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", html, re.S)
    ]
    return headings, len(re.findall(r"<table", html)), len(re.findall(r"<img", html))


def test_quarto_and_offline_render_the_same_structure(tmp_path):
    done = subprocess.run(["make", "report/_output/totaal/index.html"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    stage = BUILD / "totaal" / "report"
    offline, quarto_stage = tmp_path / "offline", tmp_path / "quarto"
    shutil.copytree(stage, quarto_stage)
    render_offline(stage, offline)
    render_quarto(quarto_stage, tmp_path / "quarto-out")
    a = _structure((offline / "index.html").read_text(encoding="utf-8"))
    b = _structure((tmp_path / "quarto-out" / "index.html").read_text(encoding="utf-8"))
    assert a == b
