"""The names of the programme (funds, sectors, companies) as its inputs give them, for every screen that
must keep them out of quotes and outputs: the quote screening of chapters 7 and 8 and the output check."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from competentiecheck.core.paths import input_folder
from competentiecheck.core.tabular import read_table

__all__ = ["programme_names", "name_values", "name_text"]


def name_text(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def name_values(values: Iterable, split: str = r";") -> set[str]:
    """Non-empty texts of ``values``, each also split into its parts (on ``split``)."""
    out: set[str] = set()
    for value in values:
        text = name_text(value)
        if not text:
            continue
        out.add(text)
        out |= {p.strip() for p in re.split(split, text) if p.strip()}
    return out


def _read_table(file: Path) -> pd.DataFrame | None:
    """The names columns of a metadata table, read with the project's one reader (';' or ',', BOM, ...)."""
    if not file.is_file():
        return None
    return read_table(file, what="namen voor de controle van citaten", optional=("sectorfonds", "sector", "bedrijven"))


_SECTOR_PARTS = r"\s*(?:[,;/&]|\s\+\s|\sen\s)\s*"  # 'Chemie, kunststoffen en life sciences' -> three sectors


def programme_names(participants: pd.DataFrame | None = None, plans: pd.DataFrame | None = None) -> dict[str, set[str]]:
    """Every fund, sector and company of the programme, by kind: ``sectorfonds`` and ``sector`` of the
    partnership inputs' ``deelnemers.csv`` (``participants``; default: read from
    ``input_folder('partnerschappen')`` when it exists), ``sector`` and ``bedrijf`` of the documents'
    ``plannen.csv`` (``plans``; default: read from ``input_folder('documenten')`` when it exists).
    A sector is also screened by its parts ('Papier en Karton': 'Papier', 'Karton')."""
    if participants is None:
        participants = _read_table(input_folder("partnerschappen") / "deelnemers.csv")
    if plans is None:
        plans = _read_table(input_folder("documenten") / "plannen.csv")
    names: dict[str, set[str]] = {"sectorfonds": set(), "sector": set(), "bedrijf": set()}
    for table in (participants, plans):
        if table is None:
            continue
        if "sectorfonds" in table.columns:
            names["sectorfonds"] |= name_values(table["sectorfonds"])
        if "sector" in table.columns:
            names["sector"] |= name_values(table["sector"], _SECTOR_PARTS)
        if "bedrijven" in table.columns:
            names["bedrijf"] |= name_values(table["bedrijven"])
    return names
