"""The Dutch terms of the report, from one data file (``data/report/termen.yml``), and the pointer from a
perceel report to the programme report.

The report pieces take their terms from here (``term('in_degree')`` is 'ingraad'); a test scans the rendered
Dutch text for the forbidden words of the same file.
"""

from __future__ import annotations

from functools import cache

from competentiecheck.core.paths import DATA
from competentiecheck.core.tabular import read_yaml

__all__ = ["TERMS_FILE", "terms", "term", "programme_report_link"]

TERMS_FILE = DATA / "report" / "termen.yml"


@cache
def terms() -> dict:
    """The whole file: ``source``, ``terms`` (key -> forbidden, use) and ``slips``."""
    return read_yaml(TERMS_FILE, "de termenlijst van het rapport", required=["source", "terms", "slips"])


def term(key: str) -> str:
    """The Dutch term the report uses for ``key`` (a key of ``terms`` in the file)."""
    return terms()["terms"][key]["use"]


def programme_report_link(anchor: str = "", what: str = "het rapport over het hele programma") -> str:
    """Markdown that points a perceel report to the programme report: a link that works in the HTML
    (``../totaal/index.html``) and words that work on paper (the folder ``totaal`` beside this report's)."""
    target = "../totaal/index.html" + (f"#{anchor}" if anchor else "")
    return f"[{what}]({target}) (map `totaal` naast die van dit rapport, als HTML en als PDF)"
