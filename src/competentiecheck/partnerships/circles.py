"""Network circles as a team types them from the paper circles (Bijlage 6): one row per respondent × partner.

Columns: ``respondent`` (a code, never a name), ``fonds`` (the respondent's own fund), ``partner``
(the fund named), ``informatie``, ``feedback``, ``cocreatie`` (x or empty: the forms of collaboration,
several allowed) and ``bijdrage`` (1 = no contribution … 4 = result impossible without it). CSV or XLSX;
``write_template`` writes the empty form a team hands out.

A respondent is a person: fund × respondent code (``PERSON``), never the code alone, since a team may
number its consultants per fund or per perceel ('R1' in every fund is one person per fund). Count them
with ``count_respondents``.

Every row is checked against ``deelnemers.csv``; an error names the file, row, column and value:
a fund or partner not in the list, a partner from another perceel, a respondent naming their own fund,
a respondent of a fund that was not active, a contribution outside 1-4, an unknown form mark, a
duplicate respondent (fund × code) × partner row.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..paths import relative
from .network import FORMS

__all__ = ["read_circles", "write_template", "count_respondents", "CIRCLE_COLUMNS", "PERSON"]

CIRCLE_COLUMNS = ["respondent", "fonds", "partner", *FORMS, "bijdrage"]
MARKS = {"x": True, "ja": True, "1": True, "": False, "nee": False, "0": False}
PERSON = ["fonds", "respondent"]  # what identifies a respondent: the code is only unique within a fund


def count_respondents(ties: pd.DataFrame) -> int:
    """The people behind ``ties``: distinct (fund, respondent code) pairs, never distinct codes."""
    return len(ties[PERSON].drop_duplicates())


def write_template(path: Path, participants: pd.DataFrame) -> Path:
    """An empty form: one row per participating fund × partner of the same perceel, to fill in."""
    rows = []
    active = participants[participants["status"] == "deelgenomen"]
    for fund in active.itertuples():
        for partner in participants[(participants["perceel"] == fund.perceel) &
                                    (participants["sectorfonds"] != fund.sectorfonds) &
                                    (participants["status"] != "niet actief")].itertuples():
            rows.append({"respondent": "", "fonds": fund.sectorfonds, "partner": partner.sectorfonds,
                         **{form: "" for form in FORMS}, "bijdrage": ""})
    frame = pd.DataFrame(rows, columns=CIRCLE_COLUMNS)
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return Path(path)


def read_circles(file: Path, participants: pd.DataFrame) -> pd.DataFrame:
    """Checked ties: ``respondent, fonds, partner, perceel, vormen (frozenset), bijdrage``."""
    path = Path(file)
    name = relative(path)
    if path.suffix.lower() == ".xlsx":
        frame = pd.read_excel(path, dtype=str).fillna("")
    else:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.columns = [str(c).strip().casefold() for c in frame.columns]
    for column in CIRCLE_COLUMNS:
        if column not in frame.columns:
            raise InputError("kolom ontbreekt", file=name, column=column)
    funds = participants.set_index("sectorfonds")
    seen: dict[tuple[str, str], int] = {}
    rows = []
    for row, record in enumerate(frame.to_dict("records"), start=2):
        def fail(message: str, column: str) -> None:
            raise InputError(message, file=name, row=row, column=column, value=record[column])

        fund, partner = record["fonds"].strip(), record["partner"].strip()
        if not record["respondent"].strip():
            fail("respondent ontbreekt (een code, geen naam)", "respondent")
        if fund not in funds.index:
            fail("sectorfonds staat niet in deelnemers.csv", "fonds")
        if funds.at[fund, "status"] == "niet actief":
            fail("dit sectorfonds was niet actief in de werking", "fonds")
        if partner not in funds.index:
            fail("partnerfonds staat niet in deelnemers.csv", "partner")
        if partner == fund:
            fail("een respondent noemt zijn eigen fonds als partner", "partner")
        if funds.at[partner, "perceel"] != funds.at[fund, "perceel"]:
            fail(f"partnerfonds hoort bij perceel {funds.at[partner, 'perceel']}, niet bij perceel "
                 f"{funds.at[fund, 'perceel']}", "partner")
        forms = set()
        for form in FORMS:
            mark = record[form].strip().casefold()
            if mark not in MARKS:
                fail("onbekende aanduiding (verwacht x of leeg)", form)
            if MARKS[mark]:
                forms.add(form)
        try:
            contribution = int(record["bijdrage"])
        except ValueError:
            contribution = None
        if contribution not in (1, 2, 3, 4):
            fail("bijdrage moet 1, 2, 3 of 4 zijn", "bijdrage")
        key = (fund, record["respondent"].strip(), partner)  # the same code in another fund is another person
        if key in seen:
            fail(f"dezelfde respondent en partner staan ook in rij {seen[key]}", "partner")
        seen[key] = row
        rows.append({"respondent": key[1], "fonds": fund, "partner": partner, "perceel": int(funds.at[fund, "perceel"]),
                     "vormen": frozenset(forms), "bijdrage": contribution})
    return pd.DataFrame(rows, columns=["respondent", "fonds", "partner", "perceel", "vormen", "bijdrage"])


def main(argv: list[str] | None = None) -> int:
    """``python -m competentiecheck.partnerships.circles OUT.csv``: the empty form for deelnemers.csv."""
    import argparse

    from ..paths import input_folder
    from .response import read_participants

    parser = argparse.ArgumentParser(description="Schrijf het lege invulbestand voor de netwerkcirkels.")
    parser.add_argument("out", type=Path)
    parser.add_argument("--deelnemers", type=Path, default=input_folder("partnerschappen") / "deelnemers.csv")
    args = parser.parse_args(argv)
    written = write_template(args.out, read_participants(args.deelnemers))
    print(f"Invulbestand voor de netwerkcirkels: {relative(written)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
