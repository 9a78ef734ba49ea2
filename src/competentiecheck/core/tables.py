"""Tables for the report: Dutch number formatting and Markdown fragments with captions and labels."""

from __future__ import annotations

import math
import re

import pandas as pd

__all__ = ["fmt_number", "fmt_percent", "markdown_table", "callout"]


def fmt_number(value, decimals: int = 2) -> str:
    """Dutch notation: decimal comma, no thousands separator below 10 000 (e.g. ``3,75``)."""
    if value is None or isinstance(value, str):
        return "" if value is None else value
    if isinstance(value, float) and math.isnan(value):
        return "–"
    text = f"{value:,.{decimals}f}".replace(",", "\u2009").replace(".", ",")
    return text.replace("\u2009", ".") if abs(value) >= 10000 else text.replace("\u2009", "")


def fmt_percent(value, decimals: int = 0) -> str:
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{fmt_number(value, decimals)} %"


def _escape(cell: object) -> str:
    # '4. Betekenisvolle samenwerking' at the start of a cell would become a numbered list in Typst: a
    # no-break space after the period keeps it text (and looks the same in HTML)
    text = re.sub(r"^(\d+)\. ", "\\1.\u00a0", str(cell))
    return text.replace("|", "\\|").replace("\n", " ")


LONG_TABLE_ROWS = 18


def markdown_table(
    frame: pd.DataFrame,
    caption: str,
    label: str,
    align: str | None = None,
    source: str | None = None,
    widths: list[int] | None = None,
) -> str:
    """Pipe table with a Quarto caption line ``: caption {#tbl-label}`` and an optional source note.

    ``align`` is one character per column: ``l`` or ``r``. ``widths`` gives relative column widths;
    by default they follow the content (capped, so one long column cannot squeeze the others). In the PDF, tables stay on one page;
    a table longer than ``LONG_TABLE_ROWS`` rows may continue on the next page (a scoped Typst rule
    in raw blocks that HTML ignores).
    """
    if not label.startswith("tbl-"):
        raise ValueError("tabellabels beginnen met 'tbl-'")
    headers = [str(c) for c in frame.columns]
    align = align or "l" + "r" * (len(headers) - 1)
    # pandoc sizes wide pipe tables by the number of dashes per column: make them follow the content
    if widths is None:
        widths = [
            min(30, max([6, len(h) + 2] + [len(_escape(c)) for c in frame[col]]))
            for h, col in zip(headers, frame.columns)
        ]
    elif len(widths) != len(headers):
        raise ValueError("geef één breedte per kolom")
    rule = [("-" * max(3, w - 1) + ":") if a == "r" else (":" + "-" * max(3, w - 1)) for a, w in zip(align, widths)]
    lines = ["| " + " | ".join(_escape(h) for h in headers) + " |", "| " + " | ".join(rule) + " |"]
    for row in frame.itertuples(index=False):
        lines.append("| " + " | ".join(_escape(c) for c in row) + " |")
    text = "\n".join(lines) + f"\n\n: {caption} {{#{label}}}\n"
    if source:
        text += f"\n::: {{.bron}}\n{source}\n:::\n"
    if len(frame) > LONG_TABLE_ROWS:
        opening = "#[\n#show figure: set block(breakable: true)"
    else:
        opening = "#report-table["  # one block with its source note, floating when large (typst-template.typ)
    return f"```{{=typst}}\n{opening}\n```\n\n{text}\n```{{=typst}}\n]\n```\n"


MELDING_TYPST = (
    '#block(width: 100%, breakable: false, inset: (x: 10pt, y: 8pt), fill: rgb("#eef5fb"), '
    'stroke: (left: 3pt + rgb("#0072b2")))['
)


def callout(text: str) -> str:
    """A note block, the same in both renderers and both formats: a div of class ``melding`` (styled by
    report.css in HTML) around a raw Typst box (HTML drops it).

    Not a Quarto callout: in Typst those import the package ``@preview/fontawesome``, which Quarto
    downloads on first use (a machine without internet cannot render), and the offline renderer draws
    them differently.
    """
    return f"::: {{.melding}}\n```{{=typst}}\n{MELDING_TYPST}\n```\n\n{text}\n\n```{{=typst}}\n]\n```\n:::\n"
