"""The Dutch terms of the report, from one data file (``data/report/termen.yml``), and the pointer from a
perceel report to the programme report.

The report pieces take their terms from here (``term('in_degree')`` is 'ingraad'); a test scans the rendered
Dutch text for the forbidden words of the same file.
"""

from __future__ import annotations

from functools import cache

from competentiecheck.core.paths import DATA
from competentiecheck.core.tabular import read_yaml

__all__ = ["TERMS_FILE", "terms", "term", "programme_report_link", "forbidden_hits"]

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


def forbidden_hits(text: str) -> list[tuple[str, str]]:
    """Every forbidden word (as a whole word, case-insensitive) and slip of the terms file in ``text``, with
    40 characters of context either side. Tokens with a '/' (paths, links) are not language and are skipped."""
    import re

    text = re.sub(r"\S*/\S*", " ", text)
    hits = []
    patterns = [
        (word, r"(?<![\w-])" + re.escape(word).replace(r"\ ", r"\s+") + r"(?![\w-])")
        for entry in terms()["terms"].values()
        for word in entry["forbidden"]
    ] + [(slip["pattern"], slip["pattern"]) for slip in terms()["slips"]]
    seen = set()
    for name, pattern in patterns:
        for match in re.finditer(pattern, text, flags=re.IGNORECASE):
            if (match.start(), name) in seen:
                continue
            seen.add((match.start(), name))
            context = " ".join(text[max(0, match.start() - 40) : match.end() + 40].split())
            hits.append((name, context))
    return hits
