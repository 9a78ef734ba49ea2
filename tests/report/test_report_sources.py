"""The report sources type no results: every number in the prose comes from the data."""

import re

from competentiecheck.core.paths import REPORT

# Digit sequences that may stand in the prose, each with the reason it is not a result.
ALLOWED = {
    "2023": "start of the survey period (programme fact)",
    "2024": "end of the survey period (programme fact)",
    "0,60": "the report's own threshold for alpha (method, not a result)",
    "0,05": "significance level (method)",
    ".05": "significance level in the English summary (method)",
    "256": "name of the hash function SHA-256",
}


def _prose(text: str) -> str:
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # front matter
    text = re.sub(r"\{\{<.*?>\}\}", "", text)  # shortcodes
    text = re.sub(r"\{[#.][^}]*\}", "", text)  # attributes and labels
    text = re.sub(r"`[^`]*`", "", text)  # code spans
    text = re.sub(r"^\s*\d+\. ", "", text, flags=re.M)  # ordered-list markers
    return text


def test_no_result_is_typed_into_a_qmd():
    offenders = []
    for path in sorted(REPORT.glob("*.qmd")):
        for match in re.finditer(r"\d[\d.,]*\d|\d", _prose(path.read_text(encoding="utf-8"))):
            token = match.group(0).rstrip(".,")
            if token and token not in ALLOWED:
                offenders.append(f"{path.name}: {token}")
    assert not offenders, "getypte getallen in de rapportbronnen: " + ", ".join(offenders)


def test_the_digit_check_catches_a_typed_result(tmp_path):
    assert re.search(r"\d", _prose("Er waren 95 respondenten."))
    assert not re.search(r"\d", _prose("Er waren {{< meta n_geanalyseerd >}} respondenten (@tbl-x)."))


def test_every_chapter_is_included_once():
    index = (REPORT / "index.qmd").read_text(encoding="utf-8")
    included = re.findall(r"\{\{< include (\S+) >\}\}", index)
    chapters = sorted(p.name for p in REPORT.glob("_*.qmd"))
    assert sorted(included) == chapters
