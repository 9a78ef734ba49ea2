"""Where Quarto is installed, both renderers give the same report (issue 22).

Compared on the totaal run, the largest: headings with their numbers, tables, figures, citations, the
text of every cross-reference, and in the PDF the page count (within 2 pages) and the text of each
page (after normalising what the two pandoc/Typst versions spell differently: soft hyphens and
hyphenation, dashes and minus signs, word joiners). Quarto's warnings are errors (`render_quarto`).
Skipped where no `quarto` is on the path (CI renders offline); see README, 'Rendering'.
"""

import re
import shutil
import subprocess

import pytest
from pdf_layout import MAX_EMPTY, pages, table_starts, tables_apart_from_their_caption, too_empty
from pypdf import PdfReader

from competentiecheck.core.paths import BUILD, ROOT
from competentiecheck.report.browser import chromium, measure
from competentiecheck.report.render import render_offline, render_quarto

pytestmark = pytest.mark.skipif(shutil.which("quarto") is None, reason="Quarto is niet geïnstalleerd op deze machine")

PAGE_TOLERANCE = 2  # pages
# share of PDF pages whose normalised text must be equal: Typst 0.13 (Quarto 1.7) and the wheel break
# tables over pages and place floating figures slightly differently (issue 21), and one shifted break
# moves the text of the pages after it: 80 of 92 pages equal when measured
SAME_PAGES = 0.85


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).strip()


def _headings(page: str) -> list[tuple[str, str]]:
    """(level, text incl. its section number) of every h1-h3 of the document body, without the title
    block and the contents navigation (the renderers put those in another order)."""
    body = re.sub(r'<nav[^>]*id="TOC".*?</nav>', "", page, flags=re.S)
    body = re.sub(r"<header[^>]*>.*?</header>", "", body, flags=re.S)
    found = [(level, _text(text)) for level, text in re.findall(r"<h([123])[^>]*>(.*?)</h\1>", body, re.S)]
    return [(level, text) for level, text in found if text]  # Quarto's page has an empty h3 of its own


def _references(page: str) -> list[str]:
    """The visible text of every internal link to a section, table or figure, in document order."""
    return [_text(t) for t in re.findall(r'<a href="#(?:sec|tbl|fig)-[\w-]+"[^>]*>(.*?)</a>', page, re.S)]


def _citations(page: str) -> list[str]:
    return [_text(t) for t in re.findall(r'<span class="citation"[^>]*>(.*?)</span>', page, re.S)]


def _normalise(text: str) -> list[str]:
    text = text.replace("\xad", "").replace("\u2060", "").replace("−", "-").replace("–", "-")
    text = re.sub(r"-\s*\n\s*", "", text)  # hyphenation at a line end
    return text.split()


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    done = subprocess.run(["make", "report/_output/totaal/index.html"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    folder = tmp_path_factory.mktemp("renderers")
    offline_stage, quarto_stage = folder / "offline-stage", folder / "quarto-stage"
    shutil.copytree(BUILD / "totaal" / "report", offline_stage)
    shutil.copytree(BUILD / "totaal" / "report", quarto_stage)
    render_offline(offline_stage, folder / "offline")
    render_quarto(quarto_stage, folder / "quarto")  # raises on any Quarto warning
    return {name: folder / name for name in ("offline", "quarto")}


def test_same_headings_numbers_tables_figures_citations_and_references(both):
    offline = (both["offline"] / "index.html").read_text(encoding="utf-8")
    quarto = (both["quarto"] / "index.html").read_text(encoding="utf-8")
    assert _headings(offline) == _headings(quarto)
    assert any(re.match(r"\d+(\.\d+)* ", text) for _, text in _headings(quarto))  # numbers are compared
    for count in (r"<table", r"<img"):
        assert len(re.findall(count, offline)) == len(re.findall(count, quarto)), count
    assert _citations(offline) == _citations(quarto) and _citations(quarto)
    assert _references(offline) == _references(quarto) and _references(quarto)
    for page in (offline, quarto):  # an unresolved reference shows as '?@…' or '??' in the text
        text = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
        assert "?@" not in text and "??" not in text


def test_every_image_has_a_text_alternative_in_both_renderers(both):
    for name in ("offline", "quarto"):
        page = (both[name] / "index.html").read_text(encoding="utf-8")
        images = re.findall(r"<img\b[^>]*>", page)
        assert images, name
        for tag in images:
            assert re.search(r'\balt="[^"]*\w[^"]*"', tag), (name, tag[:120])


def test_same_pdf_within_the_stated_tolerance(both):
    offline = PdfReader(both["offline"] / "report.pdf")
    quarto = PdfReader(both["quarto"] / "report.pdf")
    assert abs(len(offline.pages) - len(quarto.pages)) <= PAGE_TOLERANCE
    pairs = list(zip(offline.pages, quarto.pages))
    same = sum(_normalise(a.extract_text()) == _normalise(b.extract_text()) for a, b in pairs)
    assert same >= SAME_PAGES * len(pairs), f"{same} van {len(pairs)} pagina's gelijk"


def test_both_pdfs_keep_each_table_with_its_caption_and_leave_no_page_mostly_empty(both):
    """The page layout of issue 21 (typst-template.typ) holds with Quarto's Typst too (test_pdf_layout)."""
    for name, folder in both.items():
        found, starts = pages(folder / "report.pdf")
        tables = table_starts((folder / "index.html").read_text(encoding="utf-8"))
        assert len(tables) > 30, name
        assert not tables_apart_from_their_caption(found, tables), name
        assert not too_empty(found, starts, MAX_EMPTY), name


@pytest.mark.skipif(chromium() is None, reason="chromium is niet geïnstalleerd: geen layoutmeting")
def test_both_fit_a_phone_with_the_contents_behind_a_button(both):
    """Quarto hides its contents below 768 px; the report shows them behind a button there (issue 21),
    as the offline renderer does, and neither page scrolls sideways at 400 px."""
    shown = (
        "(() => { const s = document.querySelector('details.inhoud > summary'), a = document.querySelector('nav#TOC a');"
        " return [s && s.checkVisibility() ? s.textContent.trim() : null, a.checkVisibility()]; })()"
    )
    click = "document.querySelector('details.inhoud > summary').click()"
    for name, folder in both.items():
        phone = measure(folder / "index.html", 400, evaluate={"closed": shown, "click": click, "opened": shown})
        assert phone.scroll_width <= 400 and not phone.sticking_out, (name, phone.scroll_width, phone.sticking_out[:5])
        assert phone.values["closed"] == ["Inhoud", False] and phone.values["opened"] == ["Inhoud", True], name
        wide = measure(folder / "index.html", 1400, evaluate={"wide": shown})
        assert wide.scroll_width <= 1400 and wide.values["wide"] == [None, True], name
