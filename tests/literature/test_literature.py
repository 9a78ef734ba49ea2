"""The literature review inputs reconcile, and every way they can fail to do so fails clearly."""

import shutil

import pandas as pd
import pytest

from competentiecheck.core.errors import InputError
from competentiecheck.literature.review import (
    LITERATURE,
    load_review,
    prisma_counts,
    read_records,
    search_table,
    study_theme_matrix,
    theme_summary,
    write_bibtex,
)


@pytest.fixture(scope="module")
def review():
    return load_review()


@pytest.fixture
def copy(tmp_path):
    target = tmp_path / "literature"
    shutil.copytree(LITERATURE, target)
    return target


def test_totals_reconcile_161_identified_23_included(review):
    counts = prisma_counts(review)
    assert counts["identified"] == 161 and counts["included"] == 23
    assert counts["by_database"] == {"SSCI": 132, "APA": 13, "Econlit": 6, "Academic Search Complete": 3, "ERIC": 7}
    assert counts["screened"] - counts["excluded_screening"] - counts["excluded_fulltext"] == 23
    table = search_table(review)
    assert table.iloc[-1]["Totaal"] == 161 and len(table) == 12 * 4 + 1


def test_records_from_ris_bibtex_and_csv(review):
    formats = review.records["source_file"].str.rsplit(".", n=1).str[-1].value_counts().to_dict()
    assert formats == {"ris": 17, "bib": 6, "csv": 138}
    coetzer = review.records.set_index("record_id").loc["coetzer2017"]
    assert coetzer["doi"] == "10.1177/1534484317704291" and coetzer["year"] == "2017"
    assert coetzer["authors"].startswith("Coetzer, A.; Kock, H.")


def test_every_included_study_is_coded_and_matrix_has_all(review):
    matrix = study_theme_matrix(review)
    assert matrix.shape == (23, 6) and (matrix.sum(axis=1) > 0).all()
    assert matrix.index.is_unique  # Nolan and Garavan 2016a / 2016b
    themes = theme_summary(review).set_index("theme")
    assert themes.loc["barrieres", "n_studies"] == 13 and themes.loc["ondersteuning", "n_studies"] == 12


def test_bibtex_round_trip(review, tmp_path):
    write_bibtex(review.included, tmp_path / "refs.bib")
    again = read_records(tmp_path)
    assert sorted(again["record_id"]) == sorted(review.included["record_id"])
    assert set(again["doi"]) == set(review.included["doi"])


def _edit_csv(path, row, column, value):
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[row, column] = value
    frame.to_csv(path, index=False)


def test_unknown_theme_fails(copy):
    _edit_csv(copy / "codering.csv", 4, "theme", "motivatie")
    with pytest.raises(InputError) as err:
        load_review(copy)
    assert (err.value.row, err.value.column, err.value.value) == (6, "theme", "motivatie")


def test_record_without_decision_fails(copy):
    frame = pd.read_csv(copy / "screening.csv", dtype=str, keep_default_na=False)
    frame[frame["record_id"] != "SYN-050"].to_csv(copy / "screening.csv", index=False)
    with pytest.raises(InputError, match="zonder screeningsbeslissing") as err:
        load_review(copy)
    assert err.value.value == "SYN-050"


def test_included_study_without_doi_fails(copy):
    path = copy / "studies_wos_ssci.ris"
    path.write_text(path.read_text(encoding="utf-8").replace("DO  - 10.1108/JWL-10-2018-0131\n", ""), encoding="utf-8")
    with pytest.raises(InputError, match="zonder doi") as err:
        load_review(copy)
    assert err.value.file.endswith("studies_wos_ssci.ris")


def test_search_log_subtotal_mismatch_is_reported(copy):
    _edit_csv(copy / "zoeklog.csv", 20, "SSCI", "19")
    with pytest.raises(InputError, match="gedrukte subtotaal") as err:
        load_review(copy)
    assert (err.value.row, err.value.column) == (22, "subtotal")


def test_counts_must_reconcile_between_log_and_records(copy):
    frame = pd.read_csv(copy / "records_uitgesloten_synthetisch.csv", dtype=str, keep_default_na=False)
    frame.iloc[:-1].to_csv(copy / "records_uitgesloten_synthetisch.csv", index=False)
    screening = pd.read_csv(copy / "screening.csv", dtype=str, keep_default_na=False)
    dropped = frame.iloc[-1]["record_id"]
    screening = screening[(screening["record_id"] != dropped) & (screening["duplicate_of"] != dropped)]
    screening.to_csv(copy / "screening.csv", index=False)
    with pytest.raises(InputError, match="160 records, maar de zoeklog telt 161"):
        load_review(copy)


def test_included_study_without_year_fails(copy):
    path = copy / "studies_ebsco.bib"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  year = {2016},\n  volume = {65}", "  volume = {65}"),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="zonder year") as err:
        load_review(copy)
    assert err.value.file.endswith("studies_ebsco.bib")


def test_the_chapter_opens_with_its_question_and_shows_the_matrix_once(review):
    from competentiecheck.literature.report import literature_chapter, literature_pointer

    chapter = literature_chapter(review, prisma_counts(review))
    opening = chapter.split("\n")[0]
    assert opening.startswith("Wat ondersteunt en wat belemmert") and "161 gevonden records" in opening
    assert "23 studies" in opening
    # the study-by-theme matrix once, as the figure (its numbers in the CSV), not again as a table
    assert "#fig-thema-matrix" in chapter and "tbl-thema-matrix" not in chapter
    assert "](../totaal/index.html#sec-literatuur)" in literature_pointer()
