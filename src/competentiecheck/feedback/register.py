"""The register of participating organisations, and the link between it and the survey's respondents.

Step 1 keeps no organisation names: it stores the salted pseudonym of the name a respondent gave
(``org_id``). The register (``organisaties.csv`` in ``data/raw/organisaties/``, or the synthetic demo in
``data/demo/organisaties/``) lists every participating organisation with the team's short code, its name,
its perceel and the id of its plan of aanpak; its names are pseudonymised with the same salt, so the two meet
without a name ever leaving the register. Every pseudonym of the survey must be in the register (an unknown
one stops the step naming file, row, column and pseudonym); a respondent without organisation is a counted
exclusion; an organisation whose respondents answered for another perceel than the register's is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import input_files, relative
from competentiecheck.core.tabular import check_unique, iter_rows, read_table, source_row
from competentiecheck.privacy.pseudonymise import pseudonym

__all__ = ["Register", "read_register", "link_respondents", "Linked", "REGISTER_NAMES"]

REGISTER_NAMES = ("organisaties.csv", "organisaties.xlsx")
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")


@dataclass
class Register:
    table: pd.DataFrame  # code, organisatie, perceel, plan, org_id (index: code, sorted)
    file: str


def _register_file(folder: Path) -> Path:
    found = [p for p in input_files(Path(folder)) if p.name.casefold() in REGISTER_NAMES]
    if len(found) != 1:
        raise InputError(
            f"verwacht precies één register {' of '.join(REGISTER_NAMES)}, gevonden: "
            f"{', '.join(p.name for p in found) or 'geen'}",
            file=relative(folder),
        )
    return found[0]


def read_register(folder: Path, salt: str, percelen: range = range(1, 6)) -> Register:
    """The register with each name's pseudonym; codes and names unique (names after folding)."""
    path = _register_file(folder)
    frame = read_table(path, ["code", "organisatie", "perceel"], optional=["plan"], what="het organisatieregister")
    if "plan" not in frame:
        frame["plan"] = ""
    rows = []
    for row in iter_rows(frame):
        code = row.name("code", required="een organisatie zonder code")
        if not CODE.match(code):
            row.fail("een code is kort (tot 40 tekens) en bestaat uit letters, cijfers, '-' en '_'", "code")
        name = row.name("organisatie", required="een organisatie zonder naam")
        org_id = pseudonym(name, salt)
        if org_id is None:
            row.fail("de naam bevat geen letters of cijfers", "organisatie", private=True)
        perceel = row.whole("perceel", minimum=min(percelen), maximum=max(percelen))
        rows.append({"code": code, "organisatie": name, "perceel": perceel, "plan": row.name("plan"), "org_id": org_id})
    table = pd.DataFrame(rows)
    table.attrs.update(frame.attrs)
    check_unique(table, "code", "twee organisaties met dezelfde code")
    # two spellings of one organisation (case, accents, legal form) get one pseudonym: one row only
    first_row: dict[str, int] = {}
    for label, org_id in zip(table.index, table.org_id):
        row = source_row(table, label)
        if org_id in first_row:
            raise InputError(
                f"dezelfde organisatie als rij {first_row[org_id]} (na het gelijkmaken van hoofdletters, accenten, "
                "leestekens en rechtsvorm)",
                file=table.attrs.get("file"),
                row=row,
                column="organisatie",
            )
        first_row[org_id] = row
    return Register(table.set_index("code", drop=False).sort_index(), relative(path))


@dataclass
class Linked:
    data: pd.DataFrame  # every analysed respondent, with the register code of its organisation ('' when none)
    without_organisation: int  # counted exclusion: respondents who named no organisation


def link_respondents(data: pd.DataFrame, register: Register, file: str) -> Linked:
    """Attach the register code to every respondent; unknown pseudonyms and perceel mismatches are errors."""
    by_id = dict(zip(register.table.org_id, register.table.code))
    perceel_of = dict(zip(register.table.code, register.table.perceel))
    codes = []
    for position, (org_id, perceel) in enumerate(zip(data["org_id"], data["perceel"]), start=1):
        if org_id is None or (isinstance(org_id, float) and pd.isna(org_id)) or not str(org_id).strip():
            codes.append("")
            continue
        code = by_id.get(str(org_id))
        if code is None:
            raise InputError(
                f"organisatie onbekend in het register {register.file} (voeg ze toe met haar naam, perceel en plan)",
                file=file,
                row=position,
                column="org_id",
                value=str(org_id),
            )
        if pd.notna(perceel) and int(perceel) != perceel_of[code]:
            raise InputError(
                f"de respondent antwoordde voor perceel {int(perceel)}, het register zet organisatie {code} in "
                f"perceel {perceel_of[code]}",
                file=file,
                row=position,
                column="perceel",
                value=int(perceel),
            )
        codes.append(code)
    linked = data.copy()
    linked["code"] = codes
    return Linked(linked, int(sum(1 for c in codes if not c)))
