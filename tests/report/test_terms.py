"""The Dutch terms of the report (data/report/termen.yml): the rendered Dutch text uses none of the forbidden
words, the English Summary is left out of the scan, and the report pieces take their terms from the file."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from competentiecheck.core.paths import ROOT
from competentiecheck.core.terms import forbidden_hits, programme_report_link, term, terms

OUTPUT = ROOT / "report" / "_output"
RUNS = ["totaal", "perceel-1", "perceel-2", "perceel-3", "perceel-4", "perceel-5"]
SKIPPED = ("script", "style", "code", "pre", "kbd", "samp")


def dutch_text(page: str) -> str:
    """The reader's Dutch text of a rendered report: the English Summary (from its heading, or its Quarto
    section, to the next chapter) cut out; code, scripts and styles left out; alt texts of figures kept."""
    start = re.search(r"<(h2|section)[^>]*\bid=[\"']summary[\"']", page)
    if start:
        end = page.find("<h1", start.end())
        page = page[: start.start()] + (page[end:] if end >= 0 else "")
    tree = lxml_html.fromstring(page)
    for element in tree.iter(*SKIPPED):
        element.drop_tree() if element.getparent() is not None else None
    alts = " ".join(tree.xpath("//img/@alt"))
    return " ".join(tree.itertext()) + " " + alts


def test_the_terms_file_names_its_source_and_each_term_has_a_dutch_use():
    data = terms()
    assert "Taalunie" in data["source"] and "SPSS" in data["source"]
    for key, entry in data["terms"].items():
        assert entry["forbidden"] and entry["use"], key
        assert not forbidden_hits(entry["use"]), f"{key}: the Dutch term is itself forbidden"
    assert term("in_degree") == "ingraad" and term("listwise") == "lijstgewijze verwijdering"
    assert term("notebook") == "het notebook"


def test_the_scan_finds_whole_words_only_and_skips_the_english_summary_and_code():
    page = (
        "<html><body><h1 id='sec-samenvatting'>Samenvatting</h1><p>Per run wordt de in-graad berekend; "
        "de notebook toont dat, voor 1 codes.</p><p>Runtime, rund en ingraad zijn geen treffers; ook "
        "build/&lt;run&gt;/ niet.</p><code>listwise</code>"
        "<h2 id='summary'>Summary</h2><p>This run used listwise deletion.</p>"
        "<h1 id='sec-inleiding'>Inleiding</h1><p>Na de summary: pairwise.</p>"
        "<img src='x.png' alt='Netwerk met de in-degree per fonds'></body></html>"
    )
    found = sorted({word for word, _ in forbidden_hits(dutch_text(page))})
    slip = [w for w in found if w.startswith("\\b1")]
    assert [w for w in found if w not in slip] == ["de notebook", "in-degree", "in-graad", "pairwise", "run"]
    assert len(slip) == 1  # 'voor 1 codes'
    assert "listwise" not in found  # only in code and in the English summary


def test_a_perceel_report_links_to_the_programme_report_in_html_and_on_paper():
    link = programme_report_link("sec-anova")
    assert "](../totaal/index.html#sec-anova)" in link and "map `totaal`" in link


@pytest.mark.parametrize("run", RUNS)
def test_the_rendered_dutch_text_uses_no_forbidden_word(run):
    page = OUTPUT / run / "index.html"
    if not page.exists():
        pytest.skip(f"{page} is not rendered (make report)")
    hits = forbidden_hits(dutch_text(page.read_text(encoding="utf-8")))
    assert not hits, "\n".join(f"{word!r}: …{context}…" for word, context in hits)


DUTCH_LABELS = ["Tabel", "eindverslag", "Bron", "Hoofdstuk", "Kerncijfer", "Programma", "Perceel", "van de"]


def english_summary(page: str) -> str:
    start = re.search(r"<(h2|section)[^>]*\bid=[\"']summary[\"']", page)
    end = page.find("<h1", start.end())
    return " ".join(lxml_html.fromstring(page[start.start() : end]).itertext())


@pytest.mark.parametrize("run", ["totaal", "perceel-4"])
def test_the_english_summary_has_no_dutch_labels(run):
    page = OUTPUT / run / "index.html"
    if not page.exists():
        pytest.skip(f"{page} is not rendered (make report)")
    text = english_summary(page.read_text(encoding="utf-8"))
    assert "Key figures" in text
    found = [w for w in DUTCH_LABELS if re.search(rf"\b{w}\b", text)]
    assert not found, found


@pytest.mark.parametrize("run", RUNS[1:])
def test_every_link_to_the_programme_report_finds_its_anchor(run):
    page, programme = OUTPUT / run / "index.html", OUTPUT / "totaal" / "index.html"
    if not page.exists() or not programme.exists():
        pytest.skip("reports not rendered (make report)")
    targets = set(re.findall(r'href="\.\./totaal/index\.html#([\w-]+)"', page.read_text(encoding="utf-8")))
    assert targets, "a perceel report links to the programme report"
    ids = set(re.findall(r'\bid="([\w-]+)"', programme.read_text(encoding="utf-8")))
    assert not targets - ids
