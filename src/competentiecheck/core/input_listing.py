"""The listing of each input folder, for the Makefile: a step is out of date when a file appears or goes.

Make sees a changed input through its timestamp, but not a deleted one: after removing a coded
interview, ``make report`` would find every remaining input older than the step and do nothing, and
the report would still count nine interviews. So each input kind has a listing file
(``build/inputs/<kind>.lst``: the folder read and the names of its input files) that the Makefile
refreshes each time it is read (``$(shell …)``, so also under ``make -n``) and that the steps depend on. It is rewritten only when the listing changed,
so an unchanged folder leaves the steps up to date (a no-op ``make report`` stays a no-op); a file
added or removed, or a switch from the demo to the team's own folder, makes the dependent steps run.

Standard library only (no ``.venv`` needed), like :mod:`competentiecheck.core.deps`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from competentiecheck.core.paths import INPUT_KINDS, RAW_SURVEY, input_files, input_folder, relative, survey_folder

__all__ = ["listing", "write_listing", "write_all", "KINDS"]

KINDS = ("survey", *INPUT_KINDS)
SURVEY_SUFFIXES = (".csv", ".xlsx", ".sav", ".txt")


def listing(kind: str) -> str:
    """The folder a kind is read from and the names of its input files, one per line (sorted)."""
    if kind == "survey":
        folder = survey_folder()
        files = [p for p in input_files(folder) if p.suffix.lower() in SURVEY_SUFFIXES]
        salt = RAW_SURVEY / "pseudonimisering_salt.txt"  # the salt changes every pseudonym
        files += [salt] if salt.exists() and folder != RAW_SURVEY else []
    elif kind in INPUT_KINDS:
        folder = input_folder(kind)
        files = input_files(folder)
    else:
        raise ValueError(f"onbekende soort invoer {kind!r} (bekend: {', '.join(KINDS)})")
    return "".join(f"{relative(p)}\n" for p in [folder, *sorted(set(files))])


def write_listing(kind: str, target: Path) -> bool:
    """Write the listing to ``target`` when it differs from what is there; True when it was written."""
    text = listing(kind)
    target = Path(target)
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)
    return True


def write_all(folder: Path) -> list[str]:
    """Refresh ``<folder>/<kind>.lst`` for every kind; the kinds whose listing changed."""
    return [kind for kind in KINDS if write_listing(kind, Path(folder) / f"{kind}.lst")]


def main(argv: list[str] | None = None) -> int:
    """``python -m competentiecheck.core.input_listing MAP``: refresh the listing of every kind in MAP."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("gebruik: python -m competentiecheck.core.input_listing MAP", file=sys.stderr)
        return 2
    write_all(Path(args[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
