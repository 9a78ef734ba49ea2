"""Coded segments from a spreadsheet (CSV or XLSX), as teams export them from any QDA tool.

One row per coded segment: document, coder, code path (``Hoofdvariabel > Hoofdthema > Subthema``,
or with ``\\`` or ``::`` as the tools write it) and the segment text; start and end positions when
the tool gives them. Column names are matched in Dutch or English, case-insensitively; a missing
column is one error naming the file and the column.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..paths import relative
from .codebook import parse_path
from .refi_qda import CODING_COLUMNS, stable_guid

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


def read_flat_export(file: str | Path) -> pd.DataFrame:
    """Codings in the shape of :class:`~competentiecheck.qualitative.refi_qda.CodedProject` ``codings``."""
    path = Path(file)
    name = relative(path)
    if path.suffix.lower() == ".xlsx":
        frame = pd.read_excel(path, dtype=str)
    elif path.suffix.lower() == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", sep=None, engine="python")
    else:
        raise InputError(f"onbekend bestandstype '{path.suffix}' voor een export van gecodeerde segmenten "
                         f"(.csv of .xlsx)", file=name)
    lookup = {str(c).strip().casefold(): c for c in frame.columns}
    columns = {}
    for key, names in COLUMN_NAMES.items():
        found = next((lookup[n] for n in names if n in lookup), None)
        if found is None and key in REQUIRED:
            raise InputError(f"kolom ontbreekt (een van: {', '.join(names)})", file=name, column=key)
        columns[key] = found
    rows = []
    for number, record in enumerate(frame.to_dict("records"), start=2):
        source = str(record[columns["source"]]).strip()
        code = str(record[columns["code"]]).strip()
        coder = str(record[columns["coder"]]).strip()
        if not source or not code or not coder:
            raise InputError("document, codeur en code moeten ingevuld zijn", file=name, row=number)
        positions = []
        for key in ("start", "end"):
            value = record.get(columns[key]) if columns[key] is not None else None
            try:
                positions.append(int(float(value)) if value not in (None, "") else -1)
            except ValueError:
                raise InputError("geen geheel getal", file=name, row=number, column=columns[key], value=value) from None
        path_tuple = parse_path(code)
        rows.append({"source_guid": stable_guid("flat", source), "source": source,
                     "selection_guid": stable_guid("flat", source, str(number)), "start": positions[0], "end": positions[1],
                     "code_guid": stable_guid("flat-code", *path_tuple), "path": path_tuple, "coder": coder,
                     "text": str(record[columns["text"]])})
    return pd.DataFrame(rows, columns=CODING_COLUMNS)
