"""Tabel 8 recomputed: which sector funds took part, per perceel, reconciled with the printed rates.

As the report counts: a fund that was not active in the programme leaves the denominator; every
participating fund sent one consultant. A recomputed rate that differs from the printed one is named.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from competentiecheck.core.errors import InputError
from competentiecheck.core.tabular import check_unique, iter_rows, name_key, read_table, unify_spelling

__all__ = ["read_participants", "response_table", "STATUSES", "PARTICIPANT_COLUMNS"]

STATUSES = ("deelgenomen", "niet deelgenomen", "niet actief")
PARTICIPANT_COLUMNS = ("sectorfonds", "sector", "perceel", "status", "coordinator")


def read_participants(file: Path, percelen: range = range(1, 6)) -> pd.DataFrame:
    """``sectorfonds, sector, perceel, status, coordinator``; errors name file, row, column and value.

    Read with the project's one table reader (:func:`~competentiecheck.core.tabular.read_table`: ``,`` or
    ``;``, UTF-8 with or without BOM, CSV or XLSX). Fund and sector are names (spaces collapsed); a fund
    named twice (case and spaces folded) is an error naming both rows; spelling variants of a sector
    ('Horeca', 'horeca') are read as the first spelling, with a note. ``perceel`` is a whole number in
    ``percelen`` ('2' or '2.0'); ``status`` one of :data:`STATUSES` (case folded).
    """
    frame = read_table(file, PARTICIPANT_COLUMNS, what="de lijst van sectorfondsen (deelnemers.csv)")
    funds, sectors, numbers, statuses, coordinators = [], [], [], [], []
    for row in iter_rows(frame):
        funds.append(row.name("sectorfonds", required="sectorfonds ontbreekt"))
        sectors.append(row.name("sector"))
        status = name_key(row["status"])
        if status not in STATUSES:
            row.fail(f"onbekende status (toegelaten: {', '.join(STATUSES)})", "status")
        statuses.append(status)
        try:
            numbers.append(row.whole("perceel", percelen.start, percelen.stop - 1))
        except InputError:
            raise row.error(
                f"perceel moet {percelen.start} tot {percelen.stop - 1} zijn (een geheel getal)", "perceel"
            ) from None
        coordinators.append(row.name("coordinator"))
    frame["sectorfonds"], frame["sector"], frame["status"], frame["coordinator"] = (
        funds,
        sectors,
        statuses,
        coordinators,
    )
    frame["perceel"] = pd.Series(numbers, index=frame.index, dtype=int)
    check_unique(frame, "sectorfonds", "sectorfonds komt twee keer voor")
    unify_spelling(frame, "sector")
    first: dict[int, str] = {}
    for row in iter_rows(frame):
        if row["coordinator"]:
            if row["perceel"] in first:
                row.fail(f"perceel {row['perceel']} heeft al een coördinator ({first[row['perceel']]})", "coordinator")
            first[row["perceel"]] = row["sectorfonds"]
    return frame


def response_table(participants: pd.DataFrame, published: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per perceel: active funds, participating funds, response rate (%), and the printed rate beside it."""
    rows = []
    for perceel, group in participants.groupby("perceel"):
        active = int((group["status"] != "niet actief").sum())
        took_part = int((group["status"] == "deelgenomen").sum())
        rows.append(
            {
                "perceel": perceel,
                "fondsen_actief": active,
                "deelgenomen": took_part,
                "responsgraad": 100.0 * took_part / active if active else float("nan"),
            }
        )
    table = pd.DataFrame(rows)
    if published is not None:
        printed = published.set_index("perceel")["responsgraad"]
        table["gedrukt"] = table["perceel"].map(printed)
        table["verschil"] = table["responsgraad"] - table["gedrukt"]
    return table
