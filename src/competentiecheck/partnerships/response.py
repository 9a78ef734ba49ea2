"""Tabel 8 recomputed: which sector funds took part, per perceel, reconciled with the printed rates.

As the report counts: a fund that was not active in the programme leaves the denominator; every
participating fund sent one consultant. A recomputed rate that differs from the printed one is named.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..paths import relative

__all__ = ["read_participants", "response_table", "STATUSES"]

STATUSES = ("deelgenomen", "niet deelgenomen", "niet actief")


def read_participants(file: Path, percelen: range = range(1, 6)) -> pd.DataFrame:
    """``sectorfonds, sector, perceel, status, coordinator``; errors name file, row, column and value."""
    name = relative(Path(file))
    frame = pd.read_csv(file, dtype=str, keep_default_na=False)
    for column in ("sectorfonds", "sector", "perceel", "status", "coordinator"):
        if column not in frame.columns:
            raise InputError("kolom ontbreekt", file=name, column=column)
    for row, record in enumerate(frame.to_dict("records"), start=2):
        if record["status"] not in STATUSES:
            raise InputError(f"onbekende status (toegelaten: {', '.join(STATUSES)})", file=name, row=row,
                             column="status", value=record["status"])
        if not record["perceel"].isdigit() or int(record["perceel"]) not in percelen:
            raise InputError(f"perceel moet {percelen.start} tot {percelen.stop - 1} zijn", file=name, row=row, column="perceel", value=record["perceel"])
    duplicated = frame["sectorfonds"].duplicated()
    if duplicated.any():
        row = int(duplicated.idxmax()) + 2
        raise InputError("sectorfonds komt twee keer voor", file=name, row=row, column="sectorfonds",
                         value=frame.at[row - 2, "sectorfonds"])
    marked = frame[frame["coordinator"].str.strip() != ""]
    second = marked[marked["perceel"].duplicated()]
    if len(second):
        row = int(second.index[0])
        raise InputError(f"perceel {frame.at[row, 'perceel']} heeft al een coördinator "
                         f"({marked.loc[marked['perceel'] == frame.at[row, 'perceel'], 'sectorfonds'].iloc[0]})",
                         file=name, row=row + 2, column="coordinator", value=frame.at[row, "coordinator"])
    frame["perceel"] = frame["perceel"].astype(int)
    return frame


def response_table(participants: pd.DataFrame, published: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per perceel: active funds, participating funds, response rate (%), and the printed rate beside it."""
    rows = []
    for perceel, group in participants.groupby("perceel"):
        active = int((group["status"] != "niet actief").sum())
        took_part = int((group["status"] == "deelgenomen").sum())
        rows.append({"perceel": perceel, "fondsen_actief": active, "deelgenomen": took_part,
                     "responsgraad": 100.0 * took_part / active if active else float("nan")})
    table = pd.DataFrame(rows)
    if published is not None:
        printed = published.set_index("perceel")["responsgraad"]
        table["gedrukt"] = table["perceel"].map(printed)
        table["verschil"] = table["responsgraad"] - table["gedrukt"]
    return table
