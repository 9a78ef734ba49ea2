"""Synthetic part of the literature demo data: the records the review excluded and all screening
decisions.

The report publishes the search table (161 hits), the 23 included studies and the exclusion
criteria, but not the excluded records or the counts per screening stage (its PRISMA figure was lost).
This module writes clearly synthetic placeholder records for the 138 excluded hits, spread over the
databases exactly as the search log says, and a screening decision for every record (the 23 real
ones included). Counts per stage and reason are the project's invention, labelled as such in
``data/README.md``. Seeded: regenerating gives the same bytes.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np

from competentiecheck.core.paths import DEMO

__all__ = ["generate_literature", "STAGE_PLAN"]

LITERATURE = DEMO / "literature"
SEED = 20230206
# excluded per database = search-log total minus the included records of that database
EXCLUDED_PER_DATABASE = {"SSCI": 115, "APA": 11, "Econlit": 5, "Academic Search Complete": 2, "ERIC": 5}
STAGE_PLAN = {
    "duplicaten": {"duplicaat": 28},
    "titel_abstract": {
        "gepubliceerd vóór 2012": 14,
        "geen KMO volgens de Europese definitie": 31,
        "niet over leren en ontwikkelen van medewerkers": 30,
        "studenten, geen werkenden": 9,
    },
    "volledige_tekst": {
        "geen KMO volgens de Europese definitie": 12,
        "niet over leren en ontwikkelen van medewerkers": 11,
        "niet Engelstalig": 3,
    },
}


def _csv(rows: list[list]) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def generate_literature(out_dir: Path = LITERATURE, included: list[str] | None = None) -> None:
    rng = np.random.default_rng(SEED)
    databases = [db for db, n in EXCLUDED_PER_DATABASE.items() for _ in range(n)]
    records = [f"SYN-{n:03d}" for n in range(1, len(databases) + 1)]
    reasons = [(stage, reason) for stage, plan in STAGE_PLAN.items() for reason, n in plan.items() for _ in range(n)]
    assert len(reasons) == len(records)
    order = rng.permutation(len(records))
    assigned = {records[i]: reasons[k] for k, i in enumerate(order)}
    kept = [r for r in records if assigned[r][0] != "duplicaten"]
    record_rows = [["record_id", "database", "title", "year", "doi", "note"]]
    screening_rows = [["record_id", "stage", "decision", "reason", "duplicate_of"]]
    for record, database in zip(records, databases):
        stage, reason = assigned[record]
        year = int(rng.integers(2003, 2012)) if reason == "gepubliceerd vóór 2012" else int(rng.integers(2012, 2023))
        record_rows.append(
            [
                record,
                database,
                f"Synthetisch record {record[4:]} (niet gepubliceerd)",
                year,
                "",
                "synthetisch: het eindverslag publiceert de uitgesloten records niet",
            ]
        )
        duplicate_of = kept[int(rng.integers(len(kept)))] if stage == "duplicaten" else ""
        screening_rows.append([record, stage, "uitgesloten", reason, duplicate_of])
    for study in sorted(included or []):
        screening_rows.append([study, "volledige_tekst", "opgenomen", "", ""])
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "records_uitgesloten_synthetisch.csv").write_bytes(_csv(record_rows))
    (out_dir / "screening.csv").write_bytes(_csv(screening_rows))
