"""Network circles as a team types them from the paper circles (Bijlage 6): one row per respondent × partner.

Columns: ``respondent`` (a code, never a name), ``fonds`` (the respondent's own fund), ``partner``
(the fund named), ``informatie``, ``feedback``, ``cocreatie`` (x or empty: the forms of collaboration,
several allowed) and ``bijdrage`` (1 = no contribution … 4 = result impossible without it). CSV (``,`` or
``;``) or XLSX with one sheet of circles, read by :func:`competentiecheck.core.tabular.read_table`; funds are
names, matched to ``deelnemers.csv`` with spaces and case folded. ``write_template`` writes the empty
form a team hands out.

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

from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import relative
from competentiecheck.core.tabular import iter_rows, keep_rows, name_key, read_table, suggestion
from competentiecheck.partnerships.network import FORMS

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
        for partner in participants[
            (participants["perceel"] == fund.perceel)
            & (participants["sectorfonds"] != fund.sectorfonds)
            & (participants["status"] != "niet actief")
        ].itertuples():
            rows.append(
                {
                    "respondent": "",
                    "fonds": fund.sectorfonds,
                    "partner": partner.sectorfonds,
                    **{form: "" for form in FORMS},
                    "bijdrage": "",
                }
            )
    frame = pd.DataFrame(rows, columns=CIRCLE_COLUMNS)
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return Path(path)


def read_circles(file: Path, participants: pd.DataFrame) -> pd.DataFrame:
    """Checked ties: ``respondent, fonds, partner, perceel, vormen (frozenset), bijdrage``.

    Read with the project's one table reader (CSV with ``,`` or ``;``, or a workbook with one sheet of
    circles: a second sheet with the same header is an error naming both). Funds are names: matched to
    ``deelnemers.csv`` with spaces and case folded and written as there. The frame's ``attrs`` keep
    the file and the row of each tie.
    """
    frame = read_table(file, CIRCLE_COLUMNS, what="de netwerkcirkels")
    listed = participants.attrs.get("file", "deelnemers.csv").rsplit("/", 1)[-1]
    funds = participants.set_index("sectorfonds")
    canonical = {name_key(f): f for f in funds.index}
    status, perceel_of = funds["status"].to_dict(), funds["perceel"].to_dict()
    seen: dict[tuple[str, str, str], int] = {}
    rows, numbers = [], []
    for row in iter_rows(frame):
        respondent = row.name("respondent", required="respondent ontbreekt (een code, geen naam)")
        fund, partner = canonical.get(name_key(row["fonds"])), canonical.get(name_key(row["partner"]))
        if fund is None:
            row.fail(f"sectorfonds staat niet in {listed}{suggestion(row['fonds'], funds.index)}", "fonds")
        if status[fund] == "niet actief":
            row.fail("dit sectorfonds was niet actief in de werking", "fonds")
        if partner is None:
            row.fail(f"partnerfonds staat niet in {listed}{suggestion(row['partner'], funds.index)}", "partner")
        if partner == fund:
            row.fail("een respondent noemt zijn eigen fonds als partner", "partner")
        if perceel_of[partner] != perceel_of[fund]:
            row.fail(
                f"partnerfonds hoort bij perceel {perceel_of[partner]}, niet bij perceel {perceel_of[fund]}", "partner"
            )
        forms = set()
        for form in FORMS:
            mark = name_key(row[form])
            if mark not in MARKS:
                row.fail("onbekende aanduiding (verwacht x of leeg)", form)
            if MARKS[mark]:
                forms.add(form)
        try:
            contribution = row.whole("bijdrage", 1, 4)
        except InputError:
            raise row.error("bijdrage moet 1, 2, 3 of 4 zijn", "bijdrage") from None
        key = (fund, respondent, partner)  # the same code in another fund is another person
        if key in seen:
            row.fail(f"dezelfde respondent en partner staan ook in rij {seen[key]}", "partner")
        seen[key] = row.number
        rows.append(
            {
                "respondent": respondent,
                "fonds": fund,
                "partner": partner,
                "perceel": int(perceel_of[fund]),
                "vormen": frozenset(forms),
                "bijdrage": contribution,
            }
        )
        numbers.append(row.number)
    ties = pd.DataFrame(rows, columns=["respondent", "fonds", "partner", "perceel", "vormen", "bijdrage"])
    return keep_rows(ties, frame.attrs["file"], numbers)


def main(argv: list[str] | None = None) -> int:
    """``python -m competentiecheck.partnerships.circles OUT.csv``: the empty form for deelnemers.csv."""
    import argparse

    from competentiecheck.core.paths import input_folder
    from competentiecheck.partnerships.response import read_participants

    parser = argparse.ArgumentParser(description="Schrijf het lege invulbestand voor de netwerkcirkels.")
    parser.add_argument("out", type=Path)
    parser.add_argument("--deelnemers", type=Path, default=input_folder("partnerschappen") / "deelnemers.csv")
    args = parser.parse_args(argv)
    written = write_template(args.out, read_participants(args.deelnemers))
    print(f"Invulbestand voor de netwerkcirkels: {relative(written)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
