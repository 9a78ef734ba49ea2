"""Coded segments from a spreadsheet (CSV or XLSX), as teams export them from any QDA tool.

One row per coded segment: document, coder, code path (``Hoofdvariabel > Hoofdthema > Subthema``,
or with ``\\`` or ``::`` as the tools write it) and the segment text; start and end positions when
the tool gives them. Column names are matched in Dutch or English, case-insensitively; a missing
column is one error naming the file and the column.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import relative
from competentiecheck.core.tabular import iter_rows, read_table
from competentiecheck.qualitative.codebook import CodingScheme, parse_path, path_text
from competentiecheck.qualitative.refi_qda import CODING_COLUMNS, stable_guid

__all__ = ["read_flat_export", "COLUMN_NAMES"]

COLUMN_NAMES = {
    "source": ["document", "bron", "source", "interview", "documentnaam", "document name"],
    "coder": ["codeur", "coder", "gebruiker", "user", "coded by"],
    "code": ["code", "codepad", "code path", "code (pad)"],
    "text": ["segment", "tekst", "text", "gecodeerd segment", "coded segment"],
    "start": ["begin", "start", "startpositie", "start position"],
    "end": ["einde", "end", "eindpositie", "end position"],
}
REQUIRED = ("source", "coder", "code", "text")


def read_flat_export(file: str | Path, scheme: CodingScheme | None = None) -> pd.DataFrame:
    """Codings in the shape of :class:`~competentiecheck.qualitative.refi_qda.CodedProject` ``codings``.

    Read with the project's one table reader (:func:`~competentiecheck.core.tabular.read_table`: CSV with
    ``,`` or ``;``, UTF-8 with or without BOM, or a workbook with one sheet of segments). Document and
    coder are names (spaces collapsed). ``scheme``: every code is checked against it here, so that an
    unknown code names its row."""
    path = Path(file)
    name = relative(path)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise InputError(
            f"onbekend bestandstype '{path.suffix}' voor een export van gecodeerde segmenten (.csv of .xlsx)", file=name
        )
    frame = read_table(
        path,
        REQUIRED,
        optional=[k for k in COLUMN_NAMES if k not in REQUIRED],
        aliases=COLUMN_NAMES,
        what="de export van gecodeerde segmenten",
    )
    rows = []
    for row in iter_rows(frame):
        source = row.name("source")
        code = row["code"]
        coder = row.name("coder")  # an empty cell is a missing coder
        if not coder:
            row.fail("de codeur is niet ingevuld", "coder")
        if not source or not code:
            raise InputError("document, codeur en code moeten ingevuld zijn", file=name, row=row.number)
        positions = [row.whole(key, minimum=0) if row.values.get(key, "") != "" else -1 for key in ("start", "end")]
        path_tuple = parse_path(code)
        if scheme is not None and path_tuple not in scheme.paths:
            row.fail(f"code {path_text(path_tuple)!r} staat niet in het codeboek ({scheme.source})", "code")
        rows.append(
            {
                "source_guid": stable_guid("flat", source),
                "source": source,
                "selection_guid": stable_guid("flat", source, str(row.number)),
                "start": positions[0],
                "end": positions[1],
                "code_guid": stable_guid("flat-code", *path_tuple),
                "path": path_tuple,
                "coder": coder,
                "text": row["text"],
            }
        )
    return pd.DataFrame(rows, columns=CODING_COLUMNS)
