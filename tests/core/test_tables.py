import math

import pandas as pd
import pytest

from competentiecheck.core.tables import LONG_TABLE_ROWS, fmt_number, fmt_percent, markdown_table


def test_dutch_number_format():
    assert fmt_number(3.754, 2) == "3,75"
    assert fmt_number(-0.069, 3) == "-0,069"
    assert fmt_number(12345.6, 1) == "12.345,6"
    assert fmt_number(9751275.0, 2) == "9.751.275,00"
    assert fmt_number(math.nan) == "–"
    assert fmt_percent(41.05) == "41 %" and fmt_percent("< 5") == "< 5"


def test_markdown_table_caption_label_and_source():
    text = markdown_table(pd.DataFrame({"a": ["x"], "b": [1]}), "Titel", "tbl-t", source="Bron: test.")
    assert ": Titel {#tbl-t}" in text and "::: {.bron}\nBron: test.\n:::" in text
    assert text.startswith("```{=typst}\n#report-table[")  # one block with its source note (typst-template.typ)
    with pytest.raises(ValueError):
        markdown_table(pd.DataFrame({"a": [1]}), "Titel", "t")
    with pytest.raises(ValueError):
        markdown_table(pd.DataFrame({"a": [1], "b": [2]}), "Titel", "tbl-t", widths=[1])


def test_long_tables_may_break_across_pages_in_typst_only():
    long = pd.DataFrame({"a": range(LONG_TABLE_ROWS + 1)})
    text = markdown_table(long, "Lang", "tbl-lang")
    assert text.startswith("```{=typst}\n#[\n#show figure: set block(breakable: true)")
    assert text.rstrip().endswith("```{=typst}\n]\n```")


def test_a_cell_starting_with_a_number_and_period_stays_text_in_typst():
    """'4. Betekenisvolle samenwerking' in a cell: Typst would read '4. ' as a numbered list item."""
    import pypandoc

    md = markdown_table(pd.DataFrame({"Code": ["4. Betekenisvolle samenwerking"], "n": [3]}), "c", "tbl-x")
    typst = pypandoc.convert_text(md, "typst", format="markdown")
    assert "[4.~Betekenisvolle samenwerking]" in typst
    html = pypandoc.convert_text(md, "html", format="markdown")
    assert "4.\u00a0Betekenisvolle" in html or "4.&nbsp;Betekenisvolle" in html
