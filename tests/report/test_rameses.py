"""Issue 20, point 8: the report answers every item of RAMESES II (Wong et al. 2016), and the checklist
data/synthesis/rameses.yml names, for each item, sections of this report that exist.

Runs on the sources only (report/*.qmd), without a build."""

from __future__ import annotations

import re

import yaml

from competentiecheck.core.paths import DATA, REPORT

CHECKLIST = DATA / "synthesis" / "rameses.yml"
APPENDIX = REPORT / "_bijlage_rameses.qmd"
ITEMS = 20  # RAMESES II has 20 items


def _headings(folder=REPORT) -> set[str]:
    """The section ids of every heading in the report sources: ``# Titel {#sec-x ...}``."""
    ids = set()
    for path in folder.glob("*.qmd"):
        ids |= set(re.findall(r"^#+ [^\n]*\{#(sec-[\w-]+)", path.read_text(encoding="utf-8"), re.M))
    return ids


def _problems(checklist: dict, headings: set[str]) -> list[str]:
    """What is wrong with a checklist: items missing or extra, items without a section, sections that no
    heading carries."""
    items = checklist["items"]
    problems = [f"punt {n} ontbreekt" for n in range(1, ITEMS + 1) if n not in items]
    problems += [f"punt {n} bestaat niet in RAMESES II" for n in items if n not in range(1, ITEMS + 1)]
    for number, item in items.items():
        if not item.get("name") or not item.get("asks"):
            problems.append(f"punt {number}: naam of omschrijving ontbreekt")
        if not item.get("sections"):
            problems.append(f"punt {number} noemt geen sectie")
        for section in item.get("sections") or []:
            if section not in headings:
                problems.append(f"punt {number}: sectie {section} bestaat niet in report/*.qmd")
    return problems


def _load() -> dict:
    return yaml.safe_load(CHECKLIST.read_text(encoding="utf-8"))


def test_every_item_is_answered_by_sections_that_exist():
    assert _problems(_load(), _headings()) == []


def test_a_missing_item_or_section_is_caught():
    checklist = _load()
    headings = _headings()
    before = set(_problems(checklist, headings))
    del checklist["items"][6]
    checklist["items"][17]["sections"] = ["sec-bestaat-niet"]
    checklist["items"][20]["sections"] = []
    checklist["items"][21] = {"name": "Extra", "asks": "Iets", "sections": ["sec-aanpak"]}
    assert set(_problems(checklist, headings)) - before == {
        "punt 6 ontbreekt",
        "punt 17: sectie sec-bestaat-niet bestaat niet in report/*.qmd",
        "punt 20 noemt geen sectie",
        "punt 21 bestaat niet in RAMESES II",
    }


def test_a_removed_heading_is_caught(tmp_path):
    """Dropping the ethics chapter from the sources leaves item 6 pointing at nothing."""
    for path in REPORT.glob("*.qmd"):
        if path.name != "_ethiek.qmd":
            (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    assert "punt 6: sectie sec-ethiek bestaat niet in report/*.qmd" not in _problems(_load(), _headings())
    assert "punt 6: sectie sec-ethiek bestaat niet in report/*.qmd" in _problems(_load(), _headings(tmp_path))


def test_the_appendix_lists_every_item_with_its_sections():
    """report/_bijlage_rameses.qmd: item n is the n-th entry of the list, and links exactly the sections
    the checklist names for it."""
    text = APPENDIX.read_text(encoding="utf-8")
    entries = re.findall(r"^(\d+)\. (.*)$", text, re.M)
    assert [int(n) for n, _ in entries] == list(range(1, ITEMS + 1))
    items = _load()["items"]
    for number, entry in entries:
        item = items[int(number)]
        assert entry.startswith(f"**{item['name']}.**"), number
        assert re.findall(r"\]\(#(sec-[\w-]+)\)", entry) == item["sections"], number


def test_the_subtitle_says_it_is_a_realist_evaluation():
    """Item 1: the title block (subtitle of report/index.qmd) names the approach."""
    front = (REPORT / "index.qmd").read_text(encoding="utf-8").split("---")[1]
    assert "realist" in yaml.safe_load(front)["subtitle"].lower()
