"""Page layout of the PDF (issue 21): a table starts on the page of its caption, no page is left mostly
empty before its chapter ends, and table cells are ragged right without hyphenation.

The built totaal report is read with pypdf (pdf_layout.py); the rules of report/typst-template.typ
are also checked on small documents compiled with the template, where the edge cases can be forced.
"""

from __future__ import annotations

import re
import shutil

import pytest
import typst
from pdf_layout import (
    MAX_EMPTY,
    Page,
    empty_share,
    normalise,
    pages,
    table_starts,
    tables_apart_from_their_caption,
    too_empty,
)
from pypdf import PdfReader

from competentiecheck.core.paths import REPORT

# Soft hyphens in 9-pt text (table cells and captions): the report had about 250 before issue 21,
# when narrow justified columns hyphenated every word; now only a word wider than its cell breaks.
MAX_SOFT_HYPHENS = 20


@pytest.fixture(scope="module")
def totaal(full_report):
    found, starts = pages(full_report / "totaal" / "report.pdf")
    tables = table_starts((full_report / "totaal" / "index.html").read_text(encoding="utf-8"))
    return found, starts, tables


def test_every_table_starts_on_the_page_of_its_caption(totaal):
    found, _, tables = totaal
    assert len(tables) > 30
    assert not tables_apart_from_their_caption(found, tables)


def test_no_page_mostly_empty_before_its_chapter_ends(totaal):
    found, starts, _ = totaal
    assert len(found) - len(starts) > 40  # pages that are checked
    assert not too_empty(found, starts, MAX_EMPTY), f"meer dan {MAX_EMPTY:.0%} leeg"


def test_few_hyphenated_words_in_tables(totaal):
    found, _, _ = totaal
    soft = sum(piece.strip() in ("-", "\u00ad") for page in found for piece in page.small_lines)
    assert soft <= MAX_SOFT_HYPHENS


def test_empty_share_reads_where_the_content_ends():
    """The measure itself: a page whose last line sits halfway down the text area is half empty."""
    from pdf_layout import MARGIN_Y

    height = 841.89
    half = MARGIN_Y + (height - 2 * MARGIN_Y) / 2
    assert empty_share(Page("", half, height, [])) == pytest.approx(0.5)
    assert empty_share(Page("", MARGIN_Y, height, [])) == 0.0
    assert empty_share(Page("", None, height, [])) == 1.0


# --- the template's rules on small documents -------------------------------------------------------

FILLER = "Dit is een zin die de pagina vult, zodat de tabel ergens onderaan terechtkomt. "


HYPHEN_BREAK = re.compile(r"[-\u00ad]\n")  # pypdf writes a hyphen at a line end as '-' or a soft hyphen


def _compile(tmp_path, body: str) -> list[str]:
    """Compile ``body`` with the report's template (as both renderers call it) and return page texts."""
    shutil.copy(REPORT / "typst-template.typ", tmp_path / "typst-template.typ")
    source = (
        '#import "typst-template.typ": competentiecheck-rapport, report-table\n'
        "#show: competentiecheck-rapport.with(title: [Proef], toc: false)\n"
        "#show figure.where(kind: table): set figure.caption(position: top)\n" + body
    )
    (tmp_path / "proef.typ").write_text(source, encoding="utf-8")
    pdf = typst.compile(str(tmp_path / "proef.typ"), root=str(tmp_path))
    (tmp_path / "proef.pdf").write_bytes(pdf)
    return [page.extract_text() for page in PdfReader(tmp_path / "proef.pdf").pages][1:]  # after the title page


def _rows(count: int) -> str:
    return ", ".join(f"[rij{i}], [{i}]" for i in range(count))


def test_a_caption_never_ends_a_page_without_its_table(tmp_path):
    """A long table (which may break, core.tables) after space of every height down the page, in steps
    smaller than a caption with a header and a row: its caption is always on the page of its header
    and first row, and the header repeats on the next page."""
    for tenths in range(200, 250, 4):
        texts = _compile(
            tmp_path,
            f"= Hoofdstuk\n#v({tenths / 10}cm)\n\n#[\n#show figure: set block(breakable: true)\n"
            f"#figure(table(columns: 2, table.header([Kop], [n]), {_rows(40)}), caption: [Lange tabel], kind: table)\n]\n",
        )
        page = next(i for i, text in enumerate(texts) if "Lange tabel" in text)
        assert "rij0" in texts[page], tenths
        assert all("Kop" in text for text in texts[page + 1 :] if "rij" in text), tenths


def test_a_tall_table_of_few_rows_starts_where_it_stands(tmp_path):
    """A table of few but tall rows (report-table) that does not fit under the text does not leave the
    rest of the page empty: it starts there, caption and header first, and continues on the next page."""
    tall = ", ".join(f"[rij{i}], [{FILLER * 3}]" for i in range(8))
    texts = _compile(
        tmp_path,
        f"= Hoofdstuk\n#v(15cm)\nTekst.\n\n#report-table[\n#figure(table(columns: 2, table.header([Kop], [Tekst]), "
        f"{tall}), caption: [Hoge tabel], kind: table)\n\nBron: de proef.\n]\n",
    )
    assert "Hoge tabel" in texts[0] and "rij0" in texts[0]
    assert "Bron: de proef." in texts[1] and "Kop" in texts[1]


def test_text_flows_past_a_large_figure_that_does_not_fit(tmp_path):
    """A large figure that does not fit under the text moves on (it floats); the text after it fills the
    page instead of leaving it empty."""
    texts = _compile(
        tmp_path,
        "= Hoofdstuk\nTekst.\n\n= Tweede\n#v(12cm)\nVoor de figuur.\n\n"
        "#figure(rect(width: 100%, height: 14cm)[BEELD], kind: image, caption: [Groot])\n\n"
        f"Na de figuur. {FILLER * 40}\n",
    )
    page = next(i for i, text in enumerate(texts) if "Voor de figuur." in text)
    assert "Na de figuur." in texts[page] and "BEELD" not in texts[page]
    assert "BEELD" in texts[page + 1] and normalise("Figuur 1: Groot") in normalise(texts[page + 1])


def test_table_cells_are_not_hyphenated_unless_a_word_is_wider_than_its_cell(tmp_path):
    words = "Zaakvoerder (incl. HR) in dialoog met de werknemer, belangrijk beschouwd als kwaliteitsnormen"
    long = "Arbeidsmarktdoorgroeimogelijkheden"
    texts = _compile(
        tmp_path,
        f"#figure(table(columns: (17%, 83%), table.header([Regie], [n]), [{words}], [12,5]), caption: [Smal], kind: table)\n\n"
        f"EINDE\n\n#block(width: 17%, inset: (x: 6pt))[#set text(size: 9pt); #set par(justify: true); {words}]\n\nEINDE\n\n"
        f"#figure(table(columns: (17%, 83%), table.header([Woord], [n]), [{long}], [1]), caption: [Lang], kind: table)\n",
    )
    cells, justified, overlong = texts[0].split("EINDE")
    assert normalise(words) in normalise(cells) and not HYPHEN_BREAK.search(
        cells
    )  # whole words, in a column as narrow as Tabel 8's
    assert HYPHEN_BREAK.search(justified)  # the same words justified at that width are hyphenated
    assert normalise(long) in normalise(overlong) and long not in overlong  # too wide for its cell: broken
