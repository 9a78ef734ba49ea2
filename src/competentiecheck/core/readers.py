"""Read survey exports as they arrive: CSV (both conventions), XLSX and SPSS ``.sav``.

A reader returns the raw cells as text, with the file's own row numbers, so that every later
error can point at the exact cell. Nothing is interpreted here except the file format:
column mapping and value checks are the cleaning step's job.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path

from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import relative

__all__ = ["RawExport", "read_export", "SUPPORTED_SUFFIXES"]

SUPPORTED_SUFFIXES = (".csv", ".xlsx", ".sav")


@dataclass
class RawExport:
    """Cells of one export as text (``None`` for empty cells).

    ``headers`` are the first header row; ``header_texts`` the question wording per column when the
    file carries it (a second header row in online-tool exports, variable labels in ``.sav``).
    ``row_numbers[i]`` is the number a user sees for data row ``i`` (spreadsheet row, or case number).
    """

    path: Path
    format: str
    headers: list[str]
    header_texts: list[str | None]
    rows: list[list[str | None]]
    row_numbers: list[int]
    delimiter: str | None = None
    decimal: str = "."
    value_labels: dict[str, dict[float, str]] = field(default_factory=dict)
    sheet: str | None = None

    @property
    def name(self) -> str:
        return relative(self.path)


def _cell(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            return str(int(value))
        return repr(value)
    text = str(value).strip()
    return text or None


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        # the same file read as Windows-1252 (what Excel writes as 'CSV'): which column, which character
        legacy = data.decode("cp1252", errors="replace")
        lines = legacy.splitlines()
        header_line = lines[0].lstrip("\ufeff") if lines else ""
        delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
        headers = next(csv.reader([header_line], delimiter=delimiter), [])
        prefix = data[start : exc.start].decode("cp1252", errors="replace")
        column_index = next(csv.reader([prefix + "x"], delimiter=delimiter), [""]).__len__() - 1
        column = headers[column_index].strip() if column_index < len(headers) else None
        character = data[exc.start : exc.start + 1].decode("cp1252", errors="replace")
        raise InputError(
            f"het bestand is niet in UTF-8 gecodeerd (het teken {character!r}, byte 0x{data[exc.start]:02X}, wijst op "
            f"Windows-1252); bewaar de export als 'CSV UTF-8' en probeer opnieuw",
            file=relative(path),
            row=line,
            column=column,
        ) from None


def _read_csv(path: Path) -> RawExport:
    data = path.read_bytes()
    if not data.strip():
        raise InputError("het bestand is leeg", file=relative(path))
    text = _decode(path, data)
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    decimal = "," if delimiter == ";" else "."
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    records_with_rows = [(n, r) for n, r in enumerate(records, start=1) if any(c.strip() for c in r)]
    if not records_with_rows:
        raise InputError("het bestand is leeg", file=relative(path))
    header_row, headers = records_with_rows[0]
    headers = [h.strip() for h in headers]
    body = records_with_rows[1:]
    header_texts: list[str | None] = [None] * len(headers)
    # Online survey tools write the question wording as a second header row and an import-id row.
    if body and _looks_like_question_row(body[0][1], headers):
        header_texts = [c.strip() or None for c in body[0][1]] + [None] * (len(headers) - len(body[0][1]))
        body = body[1:]
        if body and all((c.strip().startswith('{"ImportId"') or not c.strip()) for c in body[0][1]):
            body = body[1:]
    rows, numbers = [], []
    for number, record in body:
        if len(record) != len(headers):
            raise InputError(
                f"de rij heeft {len(record)} cellen, de kop {len(headers)} "
                f"(scheidingsteken '{delimiter}'; staat er een scheidingsteken in een antwoord zonder aanhalingstekens?)",
                file=relative(path),
                row=number,
            )
        rows.append([c.strip() or None for c in record])  # _cell for text, inlined: CSV cells are text
        numbers.append(number)
    if not rows:
        raise InputError("het bestand bevat een kop maar geen antwoorden", file=relative(path))
    return RawExport(path, "csv", headers, header_texts, rows, numbers, delimiter, decimal)


def _looks_like_question_row(cells: list[str], headers: list[str]) -> bool:
    """A question-text row has long texts where the first header row has short codes."""
    long_cells = sum(1 for c in cells if len(c.strip()) > 25)
    return long_cells >= max(3, len(headers) // 3)


HEADER_SHARE = 0.5  # a header row: at least half of its filled cells are codebook column names


def _is_header(row, known_header) -> bool:
    cells = [_cell(c) for c in row if _cell(c) is not None]
    return bool(cells) and sum(known_header(c) for c in cells) >= HEADER_SHARE * len(cells)


SURVEY_SHEET_ADVICE = "kies er één met input.xlsx_sheet in params/default.yml"


def choose_sheet(
    path: Path, sheets: dict[str, list], wanted: str | None, is_header_row, several: str = SURVEY_SHEET_ADVICE
) -> str:
    """The one sheet of a workbook that holds the data (every workbook input of the project follows it).

    ``sheets``: title -> filled rows ``(number, cells)``. The sheet named by ``wanted``, else the only
    sheet whose first filled row passes ``is_header_row`` (None: any filled sheet). Several candidates
    are an error naming them (``several`` says what to do), a header lower down one naming its row (a
    title, group heading or instructions above it), none one naming the sheets.
    """
    if wanted is not None:
        if wanted not in sheets:
            raise InputError(
                f"blad {wanted!r} (input.xlsx_sheet) bestaat niet; bladen: {', '.join(sheets)}", file=relative(path)
            )
        return wanted
    filled = {name: records for name, records in sheets.items() if records}
    candidates = [name for name, records in filled.items() if is_header_row is None or is_header_row(records[0][1])]
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        raise InputError(
            f"meerdere bladen met gegevens ({', '.join(repr(c) for c in candidates)}): {several}", file=relative(path)
        )
    for name, records in filled.items():  # a header lower down: group headings or instructions above it
        for number, row in records[1:10]:
            if is_header_row(row):
                raise InputError(
                    f"blad {name!r}: de kolomkoppen staan in rij {number}, verwacht in de eerste rij; "
                    f"verwijder wat erboven staat (bv. een samengevoegde groepskop of instructies)",
                    file=relative(path),
                )
    raise InputError(
        f"geen blad met de verwachte kolomkoppen in de eerste rij (bladen: {', '.join(repr(t) for t in sheets)})",
        file=relative(path),
    )


def _read_xlsx(
    path: Path, sheet: str | None = None, known_header=None, header_row=None, several: str = SURVEY_SHEET_ADVICE
) -> RawExport:
    import openpyxl

    if path.stat().st_size == 0:
        raise InputError("het bestand is leeg", file=relative(path))
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for corrupt files
        raise InputError(
            f"geen leesbaar Excel-bestand ({exc.__class__.__name__}: {exc})", file=relative(path)
        ) from None
    sheets = {}
    for worksheet in book.worksheets:
        records = [(n, list(r)) for n, r in enumerate(worksheet.iter_rows(values_only=True), start=1)]
        sheets[worksheet.title] = [(n, r) for n, r in records if any(_cell(c) is not None for c in r)]
    book.close()
    if not any(sheets.values()):
        raise InputError("het bestand is leeg", file=relative(path))
    if header_row is None and known_header is not None:
        header_row = lambda row: _is_header(row, known_header)  # noqa: E731
    name = choose_sheet(path, sheets, sheet, header_row, several)
    records = sheets[name]
    if not records:
        raise InputError(f"blad {name!r} is leeg", file=relative(path))
    header_row, headers_raw = records[0]
    width = max((i + 1 for i, h in enumerate(headers_raw) if _cell(h) is not None), default=0)
    headers = [_cell(h) or "" for h in headers_raw[:width]]
    rows, numbers = [], []
    for number, record in records[1:]:
        extra = [c for c in record[width:] if _cell(c) is not None]
        if extra:
            raise InputError(
                f"blad {name!r}: de rij heeft een waarde in een kolom zonder kop",
                file=relative(path),
                row=number,
                value=_cell(extra[0]),
                private=True,
            )
        record = list(record[:width]) + [None] * (width - len(record[:width]))
        rows.append([_cell(c) for c in record])
        numbers.append(number)
    if not rows:
        raise InputError("het bestand bevat een kop maar geen antwoorden", file=relative(path))
    return RawExport(path, "xlsx", headers, [None] * len(headers), rows, numbers, sheet=name)


def _read_sav(path: Path) -> RawExport:
    import pyreadstat

    if path.stat().st_size == 0:
        raise InputError("het bestand is leeg", file=relative(path))
    try:
        frame, meta = pyreadstat.read_sav(str(path), apply_value_formats=False, user_missing=False)
    except Exception as exc:
        raise InputError(f"geen leesbaar SPSS-bestand ({exc})", file=relative(path)) from None
    if len(frame) == 0:
        raise InputError("het bestand bevat geen antwoorden", file=relative(path))
    headers = list(frame.columns)
    texts = [meta.column_names_to_labels.get(h) for h in headers]
    rows = [[_cell(v) for v in record] for record in frame.itertuples(index=False, name=None)]
    numbers = list(range(1, len(rows) + 1))
    return RawExport(path, "sav", headers, texts, rows, numbers, value_labels=dict(meta.variable_value_labels))


def read_export(
    path: Path, sheet: str | None = None, known_header=None, header_row=None, several: str = SURVEY_SHEET_ADVICE
) -> RawExport:
    """Read one export file; the format follows the file suffix.

    ``sheet``: the XLSX sheet with the answers (default: the only sheet whose first row is a header,
    judged by ``known_header``, a function telling whether a cell is a codebook column name, or by
    ``header_row``, a function telling whether a whole row is the header; see :func:`choose_sheet`).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix == ".xlsx":
        return _read_xlsx(path, sheet, known_header, header_row, several)
    if suffix == ".sav":
        return _read_sav(path)
    raise InputError(
        f"onbekend bestandstype '{suffix}' (ondersteund: {', '.join(SUPPORTED_SUFFIXES)})", file=relative(path)
    )
