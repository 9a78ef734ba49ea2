"""Reading the page layout of a rendered report PDF (pypdf only): the text of each page, where its
content ends, which pages open a chapter, and the first row of every numbered table in the HTML.

Used by test_pdf_layout.py on the build's report and by test_quarto.py on Quarto's.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

MARGIN_Y = 2.4 / 2.54 * 72  # pt, the vertical page margin of report/_quarto.yml (format typst, margin y)

# No page is more than this share empty, except the last page of a chapter (or of the report) and the
# pages before the first chapter (title page, contents). A table or figure taller than 30 % of the page
# never waits for the next page (typst-template.typ, large-share), so what is left is at most a small
# table or figure that did not fit, or a figure that floated on and left its own page for the next.
MAX_EMPTY = 0.5


@dataclass
class Page:
    text: str
    lowest: float | None  # y (pt from the bottom) of the lowest text baseline or image edge in the text area
    height: float
    small_lines: list[str]  # text pieces in 9 pt: table cells and captions (typst-template.typ)


def pages(pdf: Path) -> tuple[list[Page], set[int]]:
    """Every page, and the 0-based numbers of the pages where a chapter (top-level outline entry) starts."""
    reader = PdfReader(pdf)
    result = []
    for page in reader.pages:
        lows, small = [], []

        def on_text(text, cm, tm, font, size):
            if text.strip():
                lows.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])
                if round(size * abs(tm[3]) * abs(cm[3]), 1) == 9.0:
                    small.append(text)

        def on_operator(op, args, cm, tm):
            if op == b"Do":  # an image: the lowest corner of its unit square under the current matrix
                lows.append(min(cm[5], cm[3] + cm[5], cm[1] + cm[5], cm[1] + cm[3] + cm[5]))

        text = page.extract_text(visitor_text=on_text, visitor_operand_before=on_operator)
        in_area = [y for y in lows if y > MARGIN_Y - 12]  # the page number sits lower, in the margin
        result.append(Page(text, min(in_area) if in_area else None, float(page.mediabox.height), small))
    starts = {reader.get_destination_page_number(item) for item in reader.outline if not isinstance(item, list)}
    return result, starts


def empty_share(page: Page) -> float:
    """The share of the text area below the page's last line or image."""
    area = page.height - 2 * MARGIN_Y
    if page.lowest is None:
        return 1.0
    return max(0.0, min(1.0, (page.lowest - MARGIN_Y) / area))


def normalise(text: str) -> str:
    """Text without what the PDF and HTML write differently: spaces and line ends, hyphens (a soft
    hyphen at a line end comes out as '-'), dashes, quotes."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"[\s\u00a0\u2009\u202f\u2060\u00ad\-‐–−'’‘\"“”]", "", text)


@dataclass
class TableStart:
    number: int
    caption: str
    first_row: list[str]


def table_starts(page: str) -> list[TableStart]:
    """Caption and first body row of every numbered table of a rendered HTML report (pandoc's or
    Quarto's: the element with id tbl-…, its 'Tabel N: …' caption, the first row of its body)."""
    found = []
    for match in re.finditer(r'id="tbl-[\w-]+"', page):
        rest = page[match.end() :]
        caption = re.search(r"Tabel\s+(\d+):\s*(.*?)</(?:caption|figcaption)>", rest, re.S)
        body = re.search(r"<tbody[^>]*>\s*<tr[^>]*>(.*?)</tr>", rest, re.S)
        if caption is None or body is None:
            continue
        cells = [
            html.unescape(re.sub(r"<[^>]+>|\s+", " ", c)).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", body.group(1), re.S)
        ]
        found.append(TableStart(int(caption.group(1)), re.sub(r"<[^>]+>|\s+", " ", caption.group(2)).strip(), cells))
    return found


def caption_page(pages_: list[Page], table: TableStart) -> tuple[int, str] | None:
    """The page with the table's caption and the page's text after it (normalised), or None."""
    key = normalise(f"Tabel {table.number}: {table.caption}")[:40]
    for number, page in enumerate(pages_):
        text = normalise(page.text)
        at = text.find(key)
        if at >= 0:
            return number, text[at + len(key) :]
    return None


def tables_apart_from_their_caption(pages_: list[Page], tables: list[TableStart]) -> list[str]:
    """Every table whose caption is not found, or whose first row is not on the caption's page after it."""
    problems = []
    for table in tables:
        located = caption_page(pages_, table)
        if located is None:
            problems.append(f"Tabel {table.number}: bijschrift niet gevonden")
            continue
        page, after = located
        missing = [cell for cell in map(normalise, table.first_row) if cell and cell not in after]
        if missing:
            problems.append(f"Tabel {table.number} (p. {page + 1}): eerste rij niet onder het bijschrift: {missing}")
    return problems


def too_empty(pages_: list[Page], chapter_starts: set[int], limit: float) -> dict[int, float]:
    """Pages (1-based) more than ``limit`` empty, except the pages before the first chapter (title page,
    contents), the last page of each chapter and the last page."""
    checked = [n for n in range(min(chapter_starts), len(pages_) - 1) if n + 1 not in chapter_starts]
    shares = {n + 1: round(empty_share(pages_[n]), 2) for n in checked}
    return {page: share for page, share in shares.items() if share > limit}
