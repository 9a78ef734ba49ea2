"""Writing outputs so that a failed run leaves nothing half-written.

Files are first written into a staging folder next to the target; only when every file of the step
has been written are they moved into place. On any error the staging folder is removed.
"""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

__all__ = ["staged_outputs", "write_table", "neutralise_formula", "fix_sav_timestamp"]


@contextlib.contextmanager
def staged_outputs(*targets: Path, owner: str | None = None):
    """Yield a staging folder per target (one path for one target, else a tuple); when the block ends
    without error, move every staged file into its target (replacing), else discard them all.

    A step stages all its outputs in one block (its tables and fragments in ``build/`` and its figures in
    ``figures/``): a step that fails after drawing its figures must not leave new figures beside old tables.

    ``owner`` names the step that writes here (several steps share ``build/<run>/``). The files it
    wrote last time are listed in ``target/.uitvoer-<owner>.txt``; those it did not write again are
    removed, so a table or figure from older data never outlives the step that made it (a perceel
    that drops below the threshold loses its old tables).
    """
    if not targets:
        raise ValueError("geen doelmap")
    stagings = []
    try:
        for target in map(Path, targets):
            target.mkdir(parents=True, exist_ok=True)
            stagings.append((target, Path(tempfile.mkdtemp(prefix=".staging-", dir=target))))
        yield stagings[0][1] if len(stagings) == 1 else tuple(staging for _, staging in stagings)
        for target, staging in stagings:
            _move_into_place(staging, target, owner)
    finally:
        for _, staging in stagings:
            shutil.rmtree(staging, ignore_errors=True)


def _move_into_place(staging: Path, target: Path, owner: str | None) -> None:
    written = []
    for path in sorted(staging.rglob("*")):
        if path.is_file():
            destination = target / path.relative_to(staging)
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, destination)
            written.append(str(path.relative_to(staging)))
    if owner is not None:
        listing = target / f".uitvoer-{owner}.txt"
        previous = listing.read_text(encoding="utf-8").splitlines() if listing.exists() else []
        for name in sorted(set(previous) - set(written)):
            (target / name).unlink(missing_ok=True)
        listing.write_text("".join(f"{name}\n" for name in written), encoding="utf-8")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Free text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP, CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_table(frame: pd.DataFrame, path: Path, free_text: list[str] | None = None) -> None:
    """Tidy CSV: UTF-8, comma separated, decimal point, no index (for tools and reviewers).

    ``free_text``: columns typed by respondents; cells that start like a formula are neutralised, and
    every text cell is quoted (a carriage return inside an answer must not end the row).
    """
    quoting = csv.QUOTE_MINIMAL
    if free_text:
        frame = frame.copy()
        for column in free_text:
            frame[column] = frame[column].map(neutralise_formula)
        quoting = csv.QUOTE_NONNUMERIC
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n", quoting=quoting)


def fix_sav_timestamp(path: Path) -> None:
    """SPSS headers carry the creation date (offset 92, 9 bytes) and time (offset 101, 8 bytes).

    Fixing them makes the file depend on its content only (same inputs, same bytes).
    """
    data = bytearray(Path(path).read_bytes())
    if data[:4] not in (b"$FL2", b"$FL3"):
        raise ValueError(f"{path} is geen SPSS-systeembestand")
    data[92:101] = b"01 Jan 25"
    data[101:109] = b"00:00:00"
    Path(path).write_bytes(bytes(data))
