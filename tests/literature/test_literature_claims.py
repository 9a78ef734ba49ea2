"""The literature review's findings as tested claims: counts of studies per level and direction from the
study coding, checked by an independent count, and outcomes that change with the coding."""

from __future__ import annotations

import csv
import shutil

import pytest

from competentiecheck.literature.claims import literature_claims, literature_data_status
from competentiecheck.literature.review import LITERATURE, load_review


def _claims(folder=LITERATURE):
    return {c.id: c for c in literature_claims(load_review(folder), literature_data_status(folder))}


def _rows(folder):
    with open(folder / "codering.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(folder, rows):
    with open(folder / "codering.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def copy(tmp_path):
    target = tmp_path / "literature"
    shutil.copytree(LITERATURE, target)
    return target


def test_levels_of_the_published_coding_counted_independently():
    rows = _rows(LITERATURE)
    claims = _claims()
    levels = sorted({r["level"] for r in rows} - {"nvt"})
    assert sorted(i.removeprefix("literatuur.niveau.") for i in claims if i.startswith("literatuur.niveau.")) == levels
    for level in levels:
        support = len({r["study_id"] for r in rows if r["level"] == level and r["theme"] == "ondersteuning"})
        hinder = len({r["study_id"] for r in rows if r["level"] == level and r["theme"] == "barrieres"})
        claim = claims[f"literatuur.niveau.{level}"]
        assert f"bevorderend: {support} stud" in claim.numbers and f"belemmerend: {hinder} stud" in claim.numbers
        assert claim.data_status == "published" and claim.run == "totaal" and claim.notebook == "03_literature"
    # §4.3-4.4 of the source: external factors only support, the organisation mostly hinders, and job and
    # employee are cited as often for as against
    assert claims["literatuur.niveau.extern"].outcome == "holds"
    assert claims["literatuur.niveau.organisatie"].outcome == "does not hold"
    assert claims["literatuur.niveau.job"].outcome == "undetermined"
    assert claims["literatuur.niveau.medewerker"].outcome == "undetermined"
    assert "betwist" in claims["literatuur.niveau.medewerker"].reason
    assert "'externe factoren'" in claims["literatuur.niveau.extern"].statement
    assert claims["literatuur.leiderschap"].outcome == "holds"
    assert claims["literatuur.informeel_leren"].outcome == "holds"
    assert "10 van de 23 opgenomen studies" in claims["literatuur.informeel_leren"].numbers


def test_more_studies_against_leadership_make_it_contested(copy):
    rows = _rows(copy)
    against = {r["study_id"] for r in rows if r["level"] == "leiderschap" and r["theme"] == "barrieres"}
    extra = sorted({r["study_id"] for r in rows} - against)[:4]  # 5 + 4 = 9 against 8 in favour
    rows += [
        {"study_id": s, "theme": "barrieres", "level": "leiderschap", "direction": "belemmert", "source": "test"}
        for s in extra
    ]
    _write(copy, rows)
    claims = _claims(copy)
    assert claims["literatuur.niveau.leiderschap"].outcome == "does not hold"
    assert claims["literatuur.leiderschap"].outcome == "undetermined"
    assert "betwist" in claims["literatuur.leiderschap"].reason
    assert claims["literatuur.leiderschap"].data_status == "real"  # the team's own review, not the demo


def test_a_theme_on_two_studies_leaves_informal_learning_undetermined(copy):
    rows = _rows(copy)
    themes = {}
    for r in rows:
        themes.setdefault(r["study_id"], set()).add(r["theme"])
    kept = 0
    for r in rows:
        if r["theme"] != "vormen_van_leren":
            continue
        if kept < 2:
            kept += 1
            continue
        # every included study stays coded: move it to a descriptive theme it does not have yet
        r["theme"] = next(t for t in ("kenmerken_kmo", "shrd", "leerklimaat") if t not in themes[r["study_id"]])
        themes[r["study_id"]].add(r["theme"])
    _write(copy, rows)
    claim = _claims(copy)["literatuur.informeel_leren"]
    assert claim.outcome == "undetermined" and "2 studies" in claim.reason
