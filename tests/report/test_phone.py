"""The report on a phone (issue 21): no page scrolls sideways at 400 px, wide tables scroll in their own
box, the contents stand behind a button on narrow screens and stay a sidebar on wide ones.

Measured with headless Chromium's layout (``document.documentElement.scrollWidth`` against the viewport
width, :mod:`competentiecheck.report.browser`); skipped only where Chromium is not installed.
"""

from __future__ import annotations

import re

import pytest

from competentiecheck.report.browser import chromium, measure
from competentiecheck.report.errors import RenderError
from competentiecheck.report.responsive import collapsible_contents, phone_friendly, scrollable_tables

needs_chromium = pytest.mark.skipif(chromium() is None, reason="chromium is niet geïnstalleerd: geen layoutmeting")

# what a reader sees of the contents: the button (its text, or None when not shown) and the first entry
CONTENTS_SHOWN = """(() => {
  const s = document.querySelector('details.inhoud > summary'), a = document.querySelector('nav#TOC a');
  return {button: s && s.checkVisibility() ? s.textContent.trim() : null, entry: a.checkVisibility(),
          top: Math.round(a.getBoundingClientRect().top)};
})()"""
CLICK = "document.querySelector('details.inhoud > summary').click()"


# --------------------------------------------------------------------------- the HTML transformations


PANDOC_PAGE = """<body>
<nav id="TOC" role="doc-toc">
<h2 id="toc-title">Inhoud</h2>
<ul>
<li><a href="#sec-a" id="toc-sec-a">1 Inleiding</a></li>
</ul>
</nav>
<p>Zie <a href="#tbl-a">Tabel 1</a>.</p>
<table id="tbl-a" style="width:100%;">
<caption>Tabel 1: Breed</caption>
<thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody>
</table>
<table><tbody><tr><td>zonder titel</td></tr></tbody></table>
</body>"""

QUARTO_NAV = """<div id="quarto-sidebar-toc-left" class="sidebar toc-left">
  <nav id="TOC" role="doc-toc" class="toc-active">
    <h2 id="toc-title">Inhoud</h2>
  <ul class="collapse">
  <li><a href="#sec-a" id="toc-sec-a" class="nav-link active" data-scroll-target="#sec-a">Inleiding</a></li>
  </ul>
</nav>
</div>"""


def test_contents_go_into_a_closed_details_with_their_title_as_button():
    for page in (PANDOC_PAGE, QUARTO_NAV):
        out = collapsible_contents(page)
        details = re.search(
            r'<details class="inhoud">\s*<summary>(.*?)</summary>\s*(<nav id="TOC".*?</nav>)', out, re.S
        )
        assert details, out
        assert details.group(1) == "Inhoud"
        assert details.group(2) == re.search(r'<nav id="TOC".*?</nav>', page, re.S).group(0)  # nav unchanged
        assert '<details class="inhoud" open' not in out  # closed: a phone shows the button only
    with pytest.raises(RenderError, match="inhoudstafel"):
        collapsible_contents("<body><p>geen inhoud</p></body>")


def test_a_table_caption_moves_out_of_the_scroll_box_and_keeps_the_label():
    out = scrollable_tables(PANDOC_PAGE)
    figure = re.search(
        r'<figure class="tabel" id="tbl-a">\s*<figcaption>Tabel 1: Breed</figcaption>\s*'
        r'<div class="tabel-scroll">\s*<table style="width:100%;">(.*?)</table>\s*</div>\s*</figure>',
        out,
        re.S,
    )
    assert figure and "<caption" not in figure.group(1)
    assert '<div class="tabel-scroll"><table><tbody><tr><td>zonder titel' in out
    assert out.count("<table") == 2 and out.count('id="tbl-a"') == 1  # the cross-reference target stays unique
    assert phone_friendly(PANDOC_PAGE).count("tabel-scroll") == 2


# --------------------------------------------------------------------------- measured in Chromium


@needs_chromium
def test_a_wide_table_scrolls_in_its_box_not_the_page(tmp_path):
    """Independent of the report: a 1200 px table on a 400 px screen widens the page without the
    stylesheet's scroll box and does not with it (so the measurement can fail)."""
    from competentiecheck.core.paths import REPORT

    head = '<meta name="viewport" content="width=device-width, initial-scale=1">'
    cells = "".join(f"<td>kolom{i}breed</td>" for i in range(40))
    body = f"<table id='tbl-b'><caption>Tabel 1: Breed</caption><tr>{cells}</tr></table>"
    bare = tmp_path / "kaal.html"
    bare.write_text(f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>", encoding="utf-8")
    assert measure(bare, 400).scroll_width > 1000
    css = (REPORT / "report.css").read_text(encoding="utf-8")
    styled = tmp_path / "opgemaakt.html"
    styled.write_text(
        f"<!DOCTYPE html><html><head>{head}<style>{css}</style></head><body>{scrollable_tables(body)}</body></html>",
        encoding="utf-8",
    )
    layout = measure(styled, 400, evaluate={"box": "document.querySelector('.tabel-scroll').scrollWidth"})
    assert layout.scroll_width <= 400 and layout.values["box"] > 1000


def _pages(report):
    return {
        "totaal": report / "totaal" / "index.html",
        "perceel-3": report / "perceel-3" / "index.html",
        "notebook": report / "totaal" / "notebooks" / "02_survey.html",
        "overzicht": report / "index.html",
    }


@needs_chromium
@pytest.mark.parametrize("page", ["totaal", "perceel-3", "notebook", "overzicht"])
def test_no_page_scrolls_sideways_at_400_px_and_the_contents_collapse(full_report, page):
    """At 400 and 1400 px: the layout is no wider than the screen; a report's contents are behind a
    button on the phone (and open with it, still within the width) and a sidebar on the wide screen."""
    path = _pages(full_report)[page]
    report = page in ("totaal", "perceel-3")
    on_phone = {"closed": CONTENTS_SHOWN, "click": CLICK, "opened": CONTENTS_SHOWN} if report else {}
    for width in (400, 1400):
        layout = measure(
            path, width, evaluate=on_phone if width == 400 else ({"wide": CONTENTS_SHOWN} if report else {})
        )
        assert layout.viewport == width
        assert layout.scroll_width <= width, (page, width, layout.scroll_width, layout.sticking_out[:10])
        assert not layout.sticking_out, (page, width, layout.sticking_out[:10])
        if report and width == 400:
            closed, opened = layout.values["closed"], layout.values["opened"]
            assert (closed["button"], closed["entry"]) == ("Inhoud", False)  # the list behind the button
            assert (opened["button"], opened["entry"]) == ("Inhoud", True)
        elif report:
            assert layout.values["wide"]["button"] is None and layout.values["wide"]["entry"] is True
            assert layout.values["wide"]["top"] < 900  # the sidebar as before, on the first screen
    text = path.read_text(encoding="utf-8")
    viewport = re.search(r"<meta[^>]*viewport[^>]*>", text)  # laid out at the phone's own width
    assert viewport and "width=device-width" in viewport.group(0)
