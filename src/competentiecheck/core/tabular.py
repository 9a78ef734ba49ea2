"""The one reader for every table (CSV, XLSX) and YAML input that is not a survey export.

The survey's rules (:mod:`competentiecheck.core.readers`) hold for every input:

* **CSV**: UTF-8 with or without byte-order mark; any other encoding (Windows-1252, what Excel writes
  as plain 'CSV') is an error naming the line, the column and the character (the survey's own
  decoder, ``readers._decode``). The delimiter is ``;`` when the first line has more ``;`` than ``,``
  (Belgian and Dutch Excel), else ``,``; a ``;`` file has the decimal comma. Every row has as many
  cells as the header. Blank lines are skipped; row numbers are the file's line numbers.
* **XLSX**: the workbook has exactly one sheet whose first filled row holds the expected columns
  (instruction sheets are passed over); several such sheets are an error naming them, none an error
  naming the sheets (or the row where the header is, when something stands above it). Cells are read
  by the survey's reader (``readers.read_export``), so numbers read as the survey reads them.
* **Columns** are matched on their name with case and spaces folded (``' Perceel'`` is ``perceel``);
  a missing required column is an error naming it, a column named twice too.
* **Cells** are text with surrounding spaces removed; an empty cell is ``''``.
* **Names** (of a case, a fund, a sector, a coder, a plan, a profile) are compared with spaces
  collapsed and, where :func:`name_key` is used, case folded: :func:`clean_name`. Spelling variants
  of one name in one column are read as the first spelling seen, with an :class:`InputNote` naming
  the variants (:func:`unify_spelling`).
* **Numbers**: :func:`whole_number` and :func:`decimal_number` accept the file's decimal sign (a comma
  in a ``;`` file) and a point; ``'2.0'`` is the whole number 2, ``'7,5'`` is no whole number and
  ``'8 uur'`` no number at all; each error names file, row, column and value.
* **YAML** (:func:`read_yaml`): UTF-8; a syntax error or a key given twice names the file, the line
  and the character; missing top-level keys are named.

A frame from :func:`read_table` keeps where each row came from: ``frame.attrs['file']`` and
``frame.attrs['rows']`` (the file's row number of each index label, the index being the reader's
``RangeIndex``); :func:`iter_rows`, :func:`check_unique` and :func:`check_matched` use them, so every
error names the file, the row, the column and the value.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import re
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd
import yaml

from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import relative
from competentiecheck.core.readers import _decode, read_export
from competentiecheck.core.yaml_text import SafeLoader

__all__ = [
    "read_table",
    "read_yaml",
    "read_case_table",
    "clean_name",
    "name_key",
    "whole_number",
    "decimal_number",
    "iter_rows",
    "Row",
    "check_unique",
    "check_matched",
    "unify_spelling",
    "source_row",
    "keep_rows",
    "suggestion",
    "InputNote",
    "CASE_COLUMNS",
]

# the case table of the company interviews (casussen.csv): the columns the steps use
CASE_COLUMNS = ("casus", "perceel", "profielen", "aanpak_in_afstemming", "themas")


class _RowNumbers(tuple):
    """The file row of each index label, kept in ``frame.attrs``: immutable, so pandas (which deep-copies
    ``attrs`` on every operation) shares it instead of copying thousands of numbers each time."""

    def __deepcopy__(self, memo):
        return self

    def __copy__(self):
        return self


class InputNote(UserWarning):
    """Something the reader resolved and the team should know (spelling variants read as one name)."""


# --------------------------------------------------------------------------- names and numbers


def clean_name(value: object) -> str:
    """A name as it is compared: Unicode NFC, spaces (also non-breaking ones) collapsed and stripped.
    ``None`` and NaN are ``''``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value)
    return " ".join((text if text.isascii() else unicodedata.normalize("NFC", text)).split())


def name_key(value: object) -> str:
    """The key two spellings of one name share: :func:`clean_name`, case folded."""
    return clean_name(value).casefold()


def suggestion(value: object, known: Iterable[str]) -> str:
    """' (bedoeld: 'X'?)' for a close known name, else ''."""
    known = [str(k) for k in known]
    by_key = {name_key(k): k for k in known}
    if name_key(value) in by_key:
        return f" (bedoeld: {by_key[name_key(value)]!r}? hoofdletters en spaties tellen hier)"
    close = difflib.get_close_matches(name_key(value), list(by_key), n=1, cutoff=0.8)
    return f" (bedoeld: {by_key[close[0]]!r}?)" if close else ""


_NUMBER = {".": re.compile(r"[-+]?\d+(\.\d+)?"), ",": re.compile(r"[-+]?\d+([.,]\d+)?")}


def _parse_number(text: str, decimal: str) -> float | None:
    text = clean_name(text)
    if not _NUMBER["," if decimal == "," else "."].fullmatch(text):
        return None
    return float(text.replace(",", "."))


def decimal_number(
    value: object,
    *,
    file: str | None = None,
    row: int | None = None,
    column: str | None = None,
    decimal: str = ".",
    minimum: float | None = None,
) -> float:
    """A number, decimals allowed: the file's decimal sign (a comma in a ``;`` file) or a point."""
    number = _parse_number(str(value), decimal)
    if number is None:
        hint = " (in dit bestand is het decimaalteken een punt)" if decimal == "." and "," in str(value) else ""
        raise InputError(f"geen getal{hint}", file=file, row=row, column=column, value=value, has_value=True)
    if minimum is not None and number < minimum:
        raise InputError(f"moet minstens {minimum:g} zijn", file=file, row=row, column=column, value=value)
    return number


def whole_number(
    value: object,
    *,
    file: str | None = None,
    row: int | None = None,
    column: str | None = None,
    decimal: str = ".",
    minimum: int | None = None,
    maximum: int | None = None,
) -> int:
    """A whole number: '2', '2.0' (and '2,0' in a ``;`` file) are 2; '7,5', '8 uur', 'P2' are errors."""
    number = _parse_number(str(value), decimal)
    if number is None or not number.is_integer():
        reason = "geen geheel getal" if number is None else "moet een geheel getal zijn"
        raise InputError(reason, file=file, row=row, column=column, value=value, has_value=True)
    number = int(number)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        bounds = (
            f"{minimum} tot {maximum}"
            if minimum is not None and maximum is not None
            else f"minstens {minimum}"
            if minimum is not None
            else f"hoogstens {maximum}"
        )
        raise InputError(f"moet {bounds} zijn", file=file, row=row, column=column, value=value)
    return number


# --------------------------------------------------------------------------- tables


def _csv_records(path: Path, name: str) -> tuple[list[tuple[int, list[str]]], str]:
    data = path.read_bytes()
    if not data.strip():
        raise InputError("het bestand is leeg", file=name)
    text = _decode(path, data)  # the survey's rule: UTF-8 (BOM or not), else an error naming line, column, character
    first = next(line for line in text.splitlines() if line.strip())
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise InputError(f"geen leesbaar CSV-bestand ({exc})", file=name) from None
    return [(n, r) for n, r in enumerate(records, start=1) if any(c.strip() for c in r)], delimiter


def read_table(
    path: str | Path,
    columns: Iterable[str] = (),
    *,
    what: str,
    optional: Iterable[str] = (),
    aliases: dict[str, list[str]] | None = None,
) -> pd.DataFrame:
    """One input table, CSV or XLSX by its suffix, as text cells (``''`` when empty).

    ``columns``: required columns, ``optional``: columns read when present; both by their canonical
    name, matched with case and spaces folded, or by one of ``aliases[name]``. Other columns are kept
    under their header (spaces collapsed). ``what`` names the input in messages ('de casustabel').
    The frame's ``attrs`` hold ``file`` (for messages), ``rows`` (file row of each index label),
    ``decimal`` (the file's decimal sign), ``sheet``, ``what`` and ``headers`` (column -> header as written).
    """
    path = Path(path)
    name = relative(path)
    columns, optional = list(columns), list(optional)
    aliases = aliases or {}
    if not path.is_file():
        raise InputError(f"{what} ontbreekt", file=name)
    spellings = {c: {name_key(c), *(name_key(a) for a in aliases.get(c, []))} for c in columns + optional}
    suffix = path.suffix.lower()
    sheet = None
    if suffix == ".csv":
        records, delimiter = _csv_records(path, name)
        decimal = "," if delimiter == ";" else "."
        (_, headers), body = records[0], records[1:]
        for number, record in body:
            if len(record) != len(headers):
                raise InputError(
                    f"de rij heeft {len(record)} cellen, de kop {len(headers)} (scheidingsteken "
                    f"'{delimiter}'; staat er een scheidingsteken in een waarde zonder aanhalingstekens?)",
                    file=name,
                    row=number,
                )
        cells = [[c.strip() for c in record] for _, record in body]
        numbers = [n for n, _ in body]
    elif suffix == ".xlsx":
        if path.stat().st_size == 0:
            raise InputError("het bestand is leeg", file=name)
        required = [spellings[c] for c in columns]
        present = lambda row: {name_key(c) for c in row if c is not None}  # noqa: E731
        is_header = (lambda row: all(keys & present(row) for keys in required)) if required else (lambda row: True)
        # the survey's workbook rule (one sheet with the header) and cell reading (numbers, empty cells, stray cells)
        export = read_export(
            path, header_row=is_header, several="zet alle rijen op één blad (een tweede blad wordt anders niet gelezen)"
        )
        headers, numbers, decimal = export.headers, export.row_numbers, "."
        cells = [["" if c is None else c for c in record] for record in export.rows]
    else:
        raise InputError(f"onbekend bestandstype '{path.suffix}' voor {what} (.csv of .xlsx)", file=name)
    if not cells:
        raise InputError(f"{what}: het bestand heeft een kop maar geen rijen", file=name)
    texts = [clean_name(h) for h in headers]
    keys = [name_key(t) for t in texts]
    wanted = set().union(*spellings.values()) if spellings else set()
    names: list[str | None] = [t or None for t in texts]
    for index, text in enumerate(texts):
        if not text:
            filled = next((numbers[i] for i, record in enumerate(cells) if record[index]), None)
            if filled is not None:
                raise InputError("een waarde in een kolom zonder kop", file=name, row=filled)
        elif keys.index(keys[index]) != index:
            if keys[index] in wanted:
                raise InputError("de kolom staat twee keer in de kop", file=name, column=text)
            names[index] = None  # a column the step does not read, named twice: only the first is kept
    written: dict[str, str] = {}  # column -> its header as the file writes it (for messages)
    for column in columns + optional:  # the first of its spellings the file has (the aliases in their order)
        order = [*aliases.get(column, []), column]
        index = next((keys.index(name_key(k)) for k in order if name_key(k) in keys), None)
        if index is not None:
            names[index], written[column] = column, texts[index]
    for index, column in enumerate(names):
        if column is not None and names.index(column) != index:
            raise InputError(
                f"twee kolommen voor {column!r}: {texts[names.index(column)]!r} en {texts[index]!r}",
                file=name,
                column=texts[index],
            )
    for column in columns:
        if column not in names:
            listed = [column, *aliases.get(column, [])]
            hint = f" (een van: {', '.join(listed)})" if len(listed) > 1 else ""
            raise InputError(
                f"kolom ontbreekt{hint}; gevonden: {', '.join(repr(n) for n in names if n)}", file=name, column=column
            )
    keep = [i for i, n in enumerate(names) if n]
    frame = pd.DataFrame(
        [[record[i] for i in keep] for record in cells], columns=[names[i] for i in keep], dtype=object
    ).astype(str)
    frame.attrs.update(file=name, rows=_RowNumbers(numbers), decimal=decimal, sheet=sheet, what=what, headers=written)
    return frame


def keep_rows(frame: pd.DataFrame, file: str, rows: Iterable[int]) -> pd.DataFrame:
    """Let ``frame`` (one row per source row, ``RangeIndex``) name its source: the file and the row of each
    label, as a frame from :func:`read_table` does (for a frame built from checked rows)."""
    frame.attrs.update(file=file, rows=_RowNumbers(rows))
    return frame


def source_row(frame: pd.DataFrame, label) -> int | None:
    """The file row of index ``label`` of a frame from :func:`read_table` (``None`` when unknown)."""
    rows = frame.attrs.get("rows")
    try:
        return rows[label] if rows is not None else None
    except (IndexError, TypeError):
        return None


class Row:
    """One row of a table with its place in the file: ``row['kolom']``, ``row.fail(...)``, ``row.whole(...)``."""

    __slots__ = ("values", "number", "label", "file", "decimal", "headers")

    def __init__(
        self, values: dict, number: int | None, label, file: str | None, decimal: str, headers: dict | None = None
    ):
        self.values, self.number, self.label, self.file, self.decimal = values, number, label, file, decimal
        self.headers = headers or {}

    def header(self, column: str) -> str:
        """The column as the file names it (messages name what the user sees)."""
        return self.headers.get(column, column)

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    def error(self, message: str, column: str | None = None, *, private: bool = False) -> InputError:
        value = self.values.get(column) if column is not None else None
        return InputError(
            message,
            file=self.file,
            row=self.number,
            column=self.header(column) if column is not None else None,
            value=value,
            has_value=column is not None,
            private=private,
        )

    def fail(self, message: str, column: str | None = None, *, private: bool = False):
        raise self.error(message, column, private=private)

    def name(self, column: str, *, required: str | None = None) -> str:
        """The cell as a name (:func:`clean_name`); ``required``: the message when it is empty."""
        text = clean_name(self.values[column])
        if required and not text:
            self.fail(required, column)
        return text

    def whole(self, column: str, minimum: int | None = None, maximum: int | None = None) -> int:
        return whole_number(
            self.values[column],
            file=self.file,
            row=self.number,
            column=self.header(column),
            decimal=self.decimal,
            minimum=minimum,
            maximum=maximum,
        )

    def decimal_number(self, column: str, minimum: float | None = None) -> float:
        return decimal_number(
            self.values[column],
            file=self.file,
            row=self.number,
            column=self.header(column),
            decimal=self.decimal,
            minimum=minimum,
        )


def iter_rows(frame: pd.DataFrame) -> Iterator[Row]:
    """The rows of a frame from :func:`read_table`, each knowing its file and row number."""
    file, decimal, headers = frame.attrs.get("file"), frame.attrs.get("decimal", "."), frame.attrs.get("headers")
    columns = list(frame.columns)
    for label, values in zip(frame.index, frame.itertuples(index=False, name=None)):
        yield Row(dict(zip(columns, values)), source_row(frame, label), label, file, decimal, headers)


def check_unique(frame: pd.DataFrame, columns: str | list[str], message: str | None = None, key=name_key) -> None:
    """No two rows with the same value (compared by ``key``: spaces and case folded) in ``columns``;
    otherwise an error naming the file, the second row, the column, the value and the first row."""
    columns = [columns] if isinstance(columns, str) else list(columns)
    seen: dict[tuple, object] = {}
    for label, values in zip(frame.index, frame[columns].itertuples(index=False, name=None)):
        k = tuple(key(v) for v in values)
        if k in seen:
            first = source_row(frame, seen[k])
            what = message or f"{' × '.join(columns)} komt twee keer voor"
            raise InputError(
                f"{what} (ook in rij {first})" if first is not None else what,
                file=frame.attrs.get("file"),
                row=source_row(frame, label),
                column=frame.attrs.get("headers", {}).get(columns[-1], columns[-1]),
                value=values[-1],
            )
        seen[k] = label


def check_matched(frame: pd.DataFrame, column: str, known: Iterable[str], message: str) -> None:
    """Every value of ``column`` is one of ``known`` (compared as given); otherwise an error naming the
    file, the row, the column and the value, with a close known value when there is one."""
    known = set(known)
    for label, value in zip(frame.index, frame[column]):
        if value not in known:
            raise InputError(
                message + suggestion(value, known),
                file=frame.attrs.get("file"),
                row=source_row(frame, label),
                column=frame.attrs.get("headers", {}).get(column, column),
                value=value,
            )


def unify_spelling(frame: pd.DataFrame, column: str, *, separator: str | None = None) -> dict[str, list[str]]:
    """Read spelling variants of one name in ``column`` (spaces collapsed, case folded) as the first
    spelling seen, in place, and warn (:class:`InputNote`) naming the variants; returns
    ``{kept spelling: [variants]}``. ``separator``: the cells are lists ('a; b'), each part a name."""
    first: dict[str, str] = {}
    variants: dict[str, list[str]] = {}

    def one(name: str) -> str:
        name = clean_name(name)
        if not name:
            return name
        kept = first.setdefault(name_key(name), name)
        if name != kept and name not in variants.setdefault(kept, []):
            variants[kept].append(name)
        return kept

    def cell(value):
        if not isinstance(value, str):
            return value
        if separator is None:
            return one(value)
        parts = [one(p) for p in value.split(separator)]
        return f"{separator} ".join(p for p in parts if p)

    frame[column] = [cell(v) for v in frame[column]]
    variants = {k: v for k, v in variants.items() if v}
    if variants:
        listed = "; ".join(f"{k!r} (ook geschreven als {', '.join(repr(v) for v in vs)})" for k, vs in variants.items())
        warnings.warn(
            f"{frame.attrs.get('file', '')}, kolom '{column}': spellingvarianten van één naam als één "
            f"gelezen: {listed}",
            InputNote,
            stacklevel=2,
        )
    return variants


# --------------------------------------------------------------------------- YAML


class _UniqueKeyLoader(SafeLoader):
    """PyYAML's safe loader, but a key given twice in one mapping is an error (PyYAML keeps the last)."""

    def construct_mapping(self, node, deep=False):
        keys = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in keys
            except TypeError:  # an unhashable key: PyYAML's own error follows
                duplicate = False
            if duplicate:
                raise yaml.constructor.ConstructorError(
                    "in een mapping", node.start_mark, f"sleutel {key!r} staat twee keer", key_node.start_mark
                )
            keys.add(key)
        return super().construct_mapping(node, deep)


def read_yaml(path: str | Path, what: str, required: Iterable[str] = ()) -> dict:
    """A YAML input as a mapping. A syntax error, a key given twice, a file not in UTF-8 or a missing
    top-level key (``required``) is an :class:`InputError` naming the file and the line and character,
    or the key; ``error.row`` is the line."""
    path = Path(path)
    name = relative(path)
    if not path.is_file():
        raise InputError(f"{what} ontbreekt", file=name)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        character = data[exc.start : exc.start + 1].decode("cp1252", errors="replace")
        error = InputError(
            f"het bestand is niet in UTF-8 gecodeerd (regel {line}: het teken {character!r}, byte "
            f"0x{data[exc.start]:02X}, wijst op Windows-1252); bewaar het als UTF-8",
            file=name,
        )
        error.row = line
        raise error from None
    try:
        document = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" op regel {mark.line + 1}, teken {mark.column + 1}" if mark is not None else ""
        problem = (
            " ".join(p for p in (getattr(exc, "problem", None), getattr(exc, "context", None)) if p)
            or exc.__class__.__name__
        )
        error = InputError(f"geen geldige YAML{where}: {problem}", file=name)
        error.row = mark.line + 1 if mark is not None else None
        raise error from None
    if document is None:
        document = {}
    if not isinstance(document, dict):
        raise InputError(
            f"{what}: verwacht sleutels met waarden bovenaan, niet een {type(document).__name__}", file=name
        )
    for key in required:
        if key not in document:
            near = [k for k in document if name_key(k) == name_key(key)]
            hint = f" (wel {near[0]!r}: de naam is hoofdlettergevoelig)" if near else ""
            raise InputError(
                f"sleutel '{key}' ontbreekt{hint}; {what} heeft: "
                f"{', '.join(repr(str(k)) for k in document) or 'geen sleutels'}",
                file=name,
            )
    return document


# --------------------------------------------------------------------------- the case table


def read_case_table(folder: str | Path, percelen: range = range(1, 6)) -> pd.DataFrame:
    """The case table of the company interviews (``casussen.csv`` in ``folder``): one row per
    organisation, text cells (NaN when empty, as the steps expect), checked.

    ``casus`` is a name (spaces collapsed) and unique, spaces and case folded; ``perceel`` a whole
    number in ``percelen`` (written '2' or '2.0'; kept as text '2'); the profiles in ``profielen``
    (separated by ';') and ``participatief`` are names whose case variants are read as the first
    spelling. The frame keeps its rows (``attrs``) for :func:`check_matched`, e.g. every case coded.
    """
    folder = Path(folder)
    file = folder / "casussen.csv" if folder.is_dir() or folder.suffix.lower() != ".csv" else folder
    frame = read_table(file, CASE_COLUMNS, what="de casustabel (casussen.csv)")
    cases, perceel = [], []
    for row in iter_rows(frame):
        cases.append(row.name("casus", required="casus ontbreekt"))
        perceel.append(str(row.whole("perceel", percelen.start, percelen.stop - 1)))
    frame["casus"], frame["perceel"] = cases, perceel
    check_unique(frame, "casus", "casus komt twee keer voor")
    unify_spelling(frame, "profielen", separator=";")
    if "participatief" in frame.columns:
        unify_spelling(frame, "participatief")
    return frame.mask(frame == "")
