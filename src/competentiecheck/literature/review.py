"""The literature review step: search log, records, screening decisions and study coding, checked
against each other, and the tables behind the PRISMA 2020 flow diagram and the study x theme matrix.

Inputs (``data/raw/literature/``):

- ``zoeklog.csv``: the search table of Bijlage 2 as printed (term x SME term rows, one column per
  database, a subtotal per row and a final ``Subtotal`` row);
- records: ``*.ris`` (via ``rispy``), ``*.bib`` (via ``bibtexparser``) and ``records*.csv``;
- ``screening.csv``: one final decision per record (stage, decision, reason, duplicate_of);
- ``codering.csv``: study x theme x level x direction, with the report section it comes from;
- ``thema_codeboek.yml``: themes, levels, directions and the inclusion criteria.

Every inconsistency raises :class:`InputError` naming the file, row and value.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import DEMO, input_folder, relative
from competentiecheck.core.tabular import read_table, read_yaml, source_row

__all__ = [
    "Review",
    "load_review",
    "read_search_log",
    "read_records",
    "prisma_counts",
    "search_table",
    "study_theme_matrix",
    "theme_summary",
    "level_summary",
    "write_bibtex",
    "citation_label",
    "DATABASES",
    "STAGES",
]

LITERATURE = DEMO / "literature"  # the demo; load_review() reads input_folder("literature")
DATABASES = ["SSCI", "APA", "Econlit", "Academic Search Complete", "ERIC"]
STAGES = ["duplicaten", "titel_abstract", "volledige_tekst"]
RECORD_COLUMNS = [
    "record_id",
    "source_file",
    "database",
    "type",
    "authors",
    "year",
    "title",
    "venue",
    "volume",
    "issue",
    "pages",
    "doi",
]


@dataclass
class Review:
    log: pd.DataFrame  # long: term, sme_term, database, hits
    records: pd.DataFrame  # RECORD_COLUMNS
    screening: pd.DataFrame  # record_id, stage, decision, reason, duplicate_of
    coding: pd.DataFrame  # study_id, theme, level, direction, source
    codebook: dict

    @property
    def included(self) -> pd.DataFrame:
        ids = self.screening.loc[self.screening["decision"] == "opgenomen", "record_id"]
        return self.records[self.records["record_id"].isin(ids)].sort_values("record_id").reset_index(drop=True)


# --------------------------------------------------------------------------- readers


def _int(value: str, file: Path, row: int, column: str) -> int:
    try:
        number = float(str(value).strip())
    except ValueError:
        raise InputError("geen getal", file=relative(file), row=row, column=column, value=value) from None
    if not number.is_integer() or number < 0:
        raise InputError("moet een geheel getal >= 0 zijn", file=relative(file), row=row, column=column, value=value)
    return int(number)


def read_search_log(path: Path) -> pd.DataFrame:
    """The printed search table, checked: each row adds up to its subtotal, each database to the
    printed column subtotal, and the subtotals to the printed total."""
    path = Path(path)
    if not path.exists() or not path.read_bytes().strip():
        raise InputError("de zoeklog ontbreekt of is leeg", file=relative(path))
    frame = read_table(path, what="de zoeklog")  # ',' or ';', UTF-8 with or without BOM
    missing = [c for c in ["term", "sme_term", *DATABASES, "subtotal"] if c not in frame.columns]
    if missing:
        raise InputError(f"kolommen ontbreken: {missing}", file=relative(path))
    total_rows = frame.index[frame["term"].str.strip().str.casefold() == "subtotal"]
    if len(total_rows) != 1:
        raise InputError("de zoeklog moet precies één rij 'Subtotal' hebben", file=relative(path))
    printed = frame.loc[total_rows[0]]
    body = frame.drop(index=total_rows)
    rows, sums = [], {db: 0 for db in DATABASES}
    for idx, r in body.iterrows():
        line = source_row(frame, idx)
        hits = {db: _int(r[db], path, line, db) for db in DATABASES}
        subtotal = _int(r["subtotal"], path, line, "subtotal")
        if sum(hits.values()) != subtotal:
            raise InputError(
                f"de databases tellen op tot {sum(hits.values())}, de gedrukte subtotaal is {subtotal}",
                file=relative(path),
                row=line,
                column="subtotal",
                value=r["subtotal"],
            )
        for db in DATABASES:
            sums[db] += hits[db]
            rows.append({"term": r["term"], "sme_term": r["sme_term"], "database": db, "hits": hits[db]})
    line = source_row(frame, total_rows[0])
    for db in DATABASES:
        if sums[db] != _int(printed[db], path, line, db):
            raise InputError(
                f"de rijen van {db} tellen op tot {sums[db]}, niet tot het gedrukte subtotaal",
                file=relative(path),
                row=line,
                column=db,
                value=printed[db],
            )
    if sum(sums.values()) != _int(printed["subtotal"], path, line, "subtotal"):
        raise InputError(
            f"de databases tellen op tot {sum(sums.values())}, niet tot het gedrukte totaal",
            file=relative(path),
            row=line,
            column="subtotal",
            value=printed["subtotal"],
        )
    return pd.DataFrame(rows)


def _database(raw: str) -> str:
    for db in DATABASES:
        if raw and db.casefold() in raw.casefold():
            return db
    return raw or ""


def _from_ris(path: Path) -> list[dict]:
    import rispy

    try:
        entries = rispy.loads(path.read_text(encoding="utf-8"))
    except Exception as exc:
        raise InputError(f"geen leesbaar RIS-bestand ({exc})", file=relative(path)) from None
    out = []
    for n, e in enumerate(entries, start=1):
        pages = "-".join(p for p in (e.get("start_page"), e.get("end_page")) if p)
        out.append(
            {
                "record_id": e.get("id", ""),
                "source_file": relative(path),
                "database": _database(e.get("name_of_database", "")),
                "type": e.get("type_of_reference", ""),
                "authors": "; ".join(e.get("authors", []) or e.get("first_authors", [])),
                "year": e.get("year", ""),
                "title": e.get("title", "") or e.get("primary_title", ""),
                "venue": e.get("secondary_title", "") or e.get("journal_name", ""),
                "volume": e.get("volume", ""),
                "issue": e.get("number", ""),
                "pages": pages,
                "doi": e.get("doi", ""),
                "source_row": n,
            }
        )
    return out


def _from_bib(path: Path) -> list[dict]:
    import bibtexparser

    library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
    if library.failed_blocks:
        block = library.failed_blocks[0]
        raise InputError(
            "BibTeX-blok kan niet gelezen worden", file=relative(path), row=block.start_line + 1, value=block.raw[:60]
        )
    out = []
    for n, e in enumerate(library.entries, start=1):
        f = {k: v.value for k, v in e.fields_dict.items()}
        out.append(
            {
                "record_id": e.key,
                "source_file": relative(path),
                "database": _database(f.get("database", "")),
                "type": {"article": "JOUR", "incollection": "CHAP"}.get(e.entry_type, e.entry_type.upper()),
                "authors": "; ".join(a.strip() for a in f.get("author", "").split(" and ") if a.strip()),
                "year": f.get("year", ""),
                "title": f.get("title", ""),
                "venue": f.get("journal", f.get("booktitle", "")),
                "volume": f.get("volume", ""),
                "issue": f.get("number", ""),
                "pages": f.get("pages", "").replace("--", "-"),
                "doi": f.get("doi", ""),
                "source_row": n,
            }
        )
    return out


def _from_csv(path: Path) -> list[dict]:
    frame = read_table(path, what="de records")
    if "record_id" not in frame.columns:
        raise InputError("kolom 'record_id' ontbreekt", file=relative(path))
    out = []
    for n, r in frame.iterrows():
        out.append(
            {
                "record_id": r["record_id"],
                "source_file": relative(path),
                "database": _database(r.get("database", "")),
                "type": r.get("type", ""),
                "authors": r.get("authors", ""),
                "year": r.get("year", ""),
                "title": r.get("title", ""),
                "venue": r.get("venue", ""),
                "volume": r.get("volume", ""),
                "issue": r.get("issue", ""),
                "pages": r.get("pages", ""),
                "doi": r.get("doi", ""),
                "source_row": source_row(frame, n),
            }
        )
    return out


def read_records(folder: Path) -> pd.DataFrame:
    """All records of the folder (RIS, BibTeX, ``records*.csv``); record ids must be unique."""
    folder = Path(folder)
    rows: list[dict] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() == ".ris":
            rows += _from_ris(path)
        elif path.suffix.lower() == ".bib":
            rows += _from_bib(path)
        elif path.suffix.lower() == ".csv" and path.name.startswith("records"):
            rows += _from_csv(path)
    if not rows:
        raise InputError("geen records gevonden (.ris, .bib of records*.csv)", file=relative(folder))
    frame = pd.DataFrame(rows)
    for r in frame.itertuples():
        if not r.record_id:
            raise InputError("record zonder id", file=r.source_file, row=r.source_row, column="record_id", value="")
    dup = frame[frame["record_id"].duplicated(keep=False)]
    if len(dup):
        first = dup.iloc[0]
        raise InputError(
            "record-id komt meer dan één keer voor",
            file=first["source_file"],
            row=first["source_row"],
            column="record_id",
            value=first["record_id"],
        )
    frame["year"] = frame["year"].astype(str).str.extract(r"(\d{4})", expand=False)
    return frame[RECORD_COLUMNS + ["source_row"]]


# --------------------------------------------------------------------------- the whole review


def load_review(folder: Path | None = None) -> Review:
    """Read every input and check that they reconcile; raises InputError at the first problem.

    ``folder``: default ``data/raw/literature/`` when it holds inputs, else the demo (:func:`input_folder`)."""
    folder = input_folder("literature") if folder is None else Path(folder)
    log = read_search_log(folder / "zoeklog.csv")
    records = read_records(folder)
    codebook = read_yaml(
        folder / "thema_codeboek.yml", "het themacodeboek", required=("themes", "levels", "directions")
    )
    screening_path, coding_path = folder / "screening.csv", folder / "codering.csv"
    screening = read_table(
        screening_path, ("record_id", "stage", "decision", "reason", "duplicate_of"), what="de screeningsbeslissingen"
    )
    coding = read_table(coding_path, ("study_id", "theme", "level", "direction"), what="de codering van de studies")
    _check(log, records, screening, coding, codebook, screening_path, coding_path)
    return Review(
        log=log, records=records.drop(columns="source_row"), screening=screening, coding=coding, codebook=codebook
    )


def _check(log, records, screening, coding, codebook, screening_path, coding_path) -> None:
    known = set(records["record_id"])
    decided = screening["record_id"].tolist()
    for n, r in screening.iterrows():

        def fail(message: str, column: str) -> None:
            raise InputError(
                message, file=relative(screening_path), row=source_row(screening, n), column=column, value=r[column]
            )

        if r["record_id"] not in known:
            fail("beslissing voor een record dat niet bestaat", "record_id")
        if r["stage"] not in STAGES:
            fail(f"onbekende fase (toegelaten: {', '.join(STAGES)})", "stage")
        if r["decision"] not in ("uitgesloten", "opgenomen"):
            fail("beslissing moet 'uitgesloten' of 'opgenomen' zijn", "decision")
        if r["decision"] == "uitgesloten" and not r["reason"]:
            fail("uitsluiting zonder reden", "reason")
        if r["stage"] == "duplicaten" and r["duplicate_of"] not in known:
            fail("duplicaat verwijst naar een onbekend record", "duplicate_of")
    repeated = screening[screening["record_id"].duplicated()]
    if len(repeated):
        raise InputError(
            "record heeft meer dan één beslissing",
            file=relative(screening_path),
            row=source_row(screening, repeated.index[0]),
            column="record_id",
            value=repeated.iloc[0]["record_id"],
        )
    undecided = sorted(known - set(decided))
    if undecided:
        r = records[records["record_id"] == undecided[0]].iloc[0]
        raise InputError(
            f"record zonder screeningsbeslissing ({len(undecided)} in totaal)",
            file=r["source_file"],
            row=int(r["source_row"]),
            column="record_id",
            value=r["record_id"],
        )
    included = set(screening.loc[screening["decision"] == "opgenomen", "record_id"])
    for r in records[records["record_id"].isin(included)].itertuples():
        for column in ("doi", "year"):
            if not isinstance(getattr(r, column), str) or not getattr(r, column):
                raise InputError(
                    f"opgenomen studie zonder {column}",
                    file=r.source_file,
                    row=r.source_row,
                    column=column,
                    value=getattr(r, column) if isinstance(getattr(r, column), str) else "",
                )
    total = int(log["hits"].sum())
    if len(records) != total:
        raise InputError(
            f"{len(records)} records, maar de zoeklog telt {total} treffers", file=relative(screening_path)
        )
    per_db = records["database"].value_counts()
    for db in DATABASES:
        expected = int(log.loc[log["database"] == db, "hits"].sum())
        if int(per_db.get(db, 0)) != expected:
            raise InputError(
                f"{int(per_db.get(db, 0))} records uit {db}, maar de zoeklog telt {expected} treffers",
                file=relative(screening_path),
                column="database",
                value=db,
            )
    themes, levels, directions = codebook["themes"], codebook["levels"], codebook["directions"]
    for n, r in coding.iterrows():

        def fail(message: str, column: str) -> None:
            raise InputError(
                message, file=relative(coding_path), row=source_row(coding, n), column=column, value=r[column]
            )

        if r["study_id"] not in included:
            fail("gecodeerde studie is geen opgenomen record", "study_id")
        if r["theme"] not in themes:
            fail("thema staat niet in het codeboek", "theme")
        if r["level"] not in levels:
            fail("niveau staat niet in het codeboek", "level")
        if r["direction"] not in directions or r["direction"] != themes[r["theme"]]["direction"]:
            fail(f"richting past niet bij thema {r['theme']} (verwacht {themes[r['theme']]['direction']})", "direction")
    uncoded = sorted(included - set(coding["study_id"]))
    if uncoded:
        raise InputError(
            f"opgenomen studie zonder codering ({len(uncoded)})",
            file=relative(coding_path),
            column="study_id",
            value=uncoded[0],
        )


# --------------------------------------------------------------------------- tables


def prisma_counts(review: Review) -> dict:
    """Counts of the PRISMA 2020 flow: identification, screening, inclusion, with reasons."""
    s = review.screening
    excluded = lambda stage: s[(s["stage"] == stage) & (s["decision"] == "uitgesloten")]  # noqa: E731
    identified = len(review.records)
    duplicates = len(excluded("duplicaten"))
    ta = excluded("titel_abstract")
    ft = excluded("volledige_tekst")
    counts = {
        "identified": identified,
        "by_database": review.records["database"].value_counts().reindex(DATABASES, fill_value=0).to_dict(),
        "duplicates": duplicates,
        "screened": identified - duplicates,
        "excluded_screening": len(ta),
        "reasons_screening": ta["reason"].value_counts().sort_index().to_dict(),
        "assessed": identified - duplicates - len(ta),
        "excluded_fulltext": len(ft),
        "reasons_fulltext": ft["reason"].value_counts().sort_index().to_dict(),
        "included": int((s["decision"] == "opgenomen").sum()),
    }
    if counts["assessed"] - counts["excluded_fulltext"] != counts["included"]:
        raise InputError("de aantallen per fase sluiten niet aan op het aantal opgenomen studies")
    return counts


def search_table(review: Review) -> pd.DataFrame:
    """Terms x databases as in Bijlage 2, with row and column totals."""
    wide = review.log.pivot_table(
        index=["term", "sme_term"], columns="database", values="hits", sort=False, aggfunc="sum"
    )[DATABASES].reset_index()
    wide["Totaal"] = wide[DATABASES].sum(axis=1)
    totals = {
        "term": "Totaal",
        "sme_term": "",
        **{db: int(wide[db].sum()) for db in DATABASES},
        "Totaal": int(wide["Totaal"].sum()),
    }
    return pd.concat([wide, pd.DataFrame([totals])], ignore_index=True)


def citation_label(record: pd.Series) -> str:
    """ "Coetzer et al. (2017)" style label from the first author's surname and the year."""
    authors = [a for a in str(record["authors"]).split("; ") if a]
    surname = authors[0].split(",")[0] if authors else record["record_id"]
    if len(authors) == 2:
        surname += " en " + authors[1].split(",")[0]
    elif len(authors) > 2:
        surname += " e.a."
    return f"{surname} ({record['year']})"


def study_theme_matrix(review: Review) -> pd.DataFrame:
    """Included study x theme: number of levels at which the study is cited for the theme."""
    themes = list(review.codebook["themes"])
    matrix = (
        review.coding.groupby(["study_id", "theme"]).size().unstack(fill_value=0).reindex(columns=themes, fill_value=0)
    )
    included = review.included.set_index("record_id")
    matrix = matrix.reindex(included.index, fill_value=0)
    matrix.index = unique_labels(included)
    return matrix.sort_index(key=lambda idx: idx.str.casefold())


def unique_labels(included: pd.DataFrame) -> list[str]:
    """Citation labels, with a/b after the year where two studies would share one (APA style)."""
    labels = [citation_label(r) for _, r in included.iterrows()]
    seen: dict[str, int] = {}
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
    counters: dict[str, int] = {}
    out = []
    for label in labels:
        if seen[label] > 1:
            counters[label] = counters.get(label, 0) + 1
            label = label[:-1] + "abcdefgh"[counters[label] - 1] + ")"
        out.append(label)
    return out


def theme_summary(review: Review) -> pd.DataFrame:
    """Per theme: number of studies and which (citation keys, for [@key] citations)."""
    rows = []
    for theme, spec in review.codebook["themes"].items():
        studies = sorted(set(review.coding.loc[review.coding["theme"] == theme, "study_id"]))
        rows.append(
            {
                "theme": theme,
                "label": spec["label"],
                "section": spec["section"],
                "n_studies": len(studies),
                "studies": "; ".join(studies),
            }
        )
    return pd.DataFrame(rows)


def level_summary(review: Review) -> pd.DataFrame:
    """Per level: the studies citing a supporting and a hindering factor (§4.3 and §4.4)."""
    rows = []
    for level, label in review.codebook["levels"].items():
        if level == "nvt":
            continue
        sel = review.coding[review.coding["level"] == level]
        support = sorted(set(sel.loc[sel["direction"] == "ondersteunt", "study_id"]))
        hinder = sorted(set(sel.loc[sel["direction"] == "belemmert", "study_id"]))
        rows.append(
            {
                "level": level,
                "label": label,
                "n_supporting": len(support),
                "supporting": "; ".join(support),
                "n_hindering": len(hinder),
                "hindering": "; ".join(hinder),
            }
        )
    return pd.DataFrame(rows)


def write_bibtex(records: pd.DataFrame, path: Path) -> None:
    """BibTeX of the included studies for pandoc citeproc (sorted by key, so the file is stable)."""
    entries = []
    for r in records.sort_values("record_id").itertuples():
        kind = "incollection" if r.type == "CHAP" else "article"
        venue = "booktitle" if kind == "incollection" else "journal"
        fields = {
            "author": " and ".join(a for a in r.authors.split("; ") if a),
            "title": r.title,
            venue: r.venue,
            "year": r.year,
            "volume": r.volume,
            "number": r.issue,
            "pages": r.pages.replace("-", "--"),
            "doi": r.doi,
        }
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if isinstance(v, str) and v)
        entries.append(f"@{kind}{{{r.record_id},\n{body}\n}}\n")
    Path(path).write_text("\n".join(entries), encoding="utf-8")
