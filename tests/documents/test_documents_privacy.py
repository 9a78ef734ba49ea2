"""Chapter 4 keeps small groups of plans out of reach (issue 17, points 2, 3 and 9).

A reader who combines the published tables (themes, profiles, combinations, profiles per sector) with
the plans per perceel (§5.1.1) and the sectors of each perceel (Tabel 1) must not be able to work out
a small count exactly; planned hours are shown only as whole-hour means over large enough groups; the
notebook shows nothing over fewer plans than the reports do.
"""

import json
import re

import pandas as pd
import pytest

from competentiecheck.core.outputs import write_table
from competentiecheck.core.params import load_params
from competentiecheck.core.paths import DATA, ROOT
from competentiecheck.documents.analysis import PlanData, analyse_documents, load_plans
from competentiecheck.documents.demo import DOCUMENTS
from competentiecheck.documents.profiles import ProfileRule
from competentiecheck.documents.report import documents_chapter
from competentiecheck.privacy.audit import UNBOUNDED, interval_audit
from competentiecheck.privacy.disclosure import Disclosure
from competentiecheck.qualitative.codebook import load_scheme
from competentiecheck.report.provenance import TEAM_ONLY_TAG

PARAMS = load_params("totaal")
DISCLOSURE = Disclosure.from_params(PARAMS)
MIN_CASES = PARAMS["disclosure"]["min_cases"]
SCHEME = load_scheme(DATA / "codebook" / "documenten.yml")
EXPECTED = {n: int(load_params(f"perceel-{n}")["context"]["plannen_van_aanpak"]) for n in range(1, 6)}
CASES = pd.read_csv(DATA / "demo" / "interviews" / "casussen.csv", dtype=str)
MISSIE = "HR-processen en beleidsthema's > Missie en visie"
ROL = "Noden rond competentiedenken > Rolduidelijkheid"
LEER = "Leiderschap > Leerleiderschap"


@pytest.fixture(scope="module")
def demo():
    data = load_plans(DOCUMENTS, SCHEME, EXPECTED)
    return data, analyse_documents(data, PARAMS, CASES)


def _sectors_per_perceel(data: PlanData) -> dict[int, set[str]]:
    return {int(p): set(group) for p, group in data.register.groupby("perceel")["sector"]}


def _write_build(results, build):
    """The chapter's build tables as the notebook writes them."""
    from competentiecheck.documents.analysis import document_tables

    folder = build / "documenten" / "tables"
    folder.mkdir(parents=True)
    for name, frame in document_tables(results).items():
        write_table(frame, folder / name)
    return folder


def _hand_built() -> PlanData:
    """Perceel 2 has 5 chemie plans without a profile and 1 metaal plan with 'Krachtige ambitie'.

    The old sector table showed 'chemie (5)' with 0 for that profile: with perceel 2's 6 plans (§5.1.1)
    and its two sectors (Tabel 1), metaal has exactly 1 plan and perceel 2's '< 5' for the profile is 1.
    """
    layout = [
        (1, "bouw", 4, ROL),
        (2, "chemie", 5, LEER),
        (2, "metaal", 1, MISSIE),
        (3, "zorg", 10, ROL),
        (4, "zorg", 5, ROL),
        (5, "zorg", 5, ROL),
    ]
    rows, codings, texts = [], [], {}
    for perceel, sector, n, theme in layout:
        for _ in range(n):
            plan = f"P{len(rows) + 1:02d}"
            rows.append({"plan": plan, "perceel": perceel, "sector": sector, "uren": 8, "bedrijven": f"bedrijf {plan}"})
            codings.append({"case": plan, "path": tuple(theme.split(" > "))})
            texts[plan] = " ".join(f"woord{len(rows)}x{i}" for i in range(12))
    rules = [ProfileRule("Krachtige ambitie", (MISSIE,), 1), ProfileRule("Krachtige basis", (ROL,), 1)]
    return PlanData(
        register=pd.DataFrame(rows),
        codings=pd.DataFrame(codings),
        texts=texts,
        scheme=SCHEME,
        rules=rules,
        profiles=[{"name": r.name} for r in rules],
    )


def _bounds(shown) -> tuple[int, int]:
    return (0, UNBOUNDED) if shown in ("", None) else DISCLOSURE.interval(shown)


def _sector_header(results, sector: str):
    """The published size of a sector from the chapter's sector table ('chemie (5)'), '' when not shown."""
    for column in results.sectors.columns:
        name, size = re.fullmatch(r"(.*) \((.*)\)", column).groups()
        if name == sector:
            return column, (int(size) if size.isdigit() else size)
    return None, ""


# --------------------------------------------------------------------------- (a) no pinned cell


def test_the_demo_chapter_pins_no_small_count(demo, tmp_path):
    """The issue's integer model on the demo: tables + plans per perceel + sectors per perceel."""
    from competentiecheck.privacy.plan_audit import audit_documents

    data, results = demo
    folder = _write_build(results, tmp_path / "build")
    sector_table = pd.read_csv(folder / "profielen_sector.csv", dtype=str, keep_default_na=False)
    assert list(sector_table.columns) == ["sector", "plannen", "profiel", "aantal"]
    assert set(sector_table["sector"]) == {_sector_header(results, s)[0].split(" (")[0] for s in sector_table["sector"]}
    findings = audit_documents(
        tmp_path / "build", DISCLOSURE, EXPECTED, _sectors_per_perceel(data), share=results.share["count"]
    )
    assert findings == []


def test_a_sector_table_that_would_pin_a_single_plan_is_protected():
    """Independent of the audit module: the reader's few equations of the hand-built example."""
    results = analyse_documents(_hand_built(), PARAMS, pd.DataFrame({"casus": ["niemand"], "profielen": [""]}))
    profile = "Krachtige ambitie"
    column, chemie_size = _sector_header(results, "chemie")
    chemie_profile = results.sectors.at[profile, column] if column else ""
    bounds = {
        "plannen": (6, 6),
        "chemie": _bounds(chemie_size),
        "metaal": (1, UNBOUNDED),
        "profiel": _bounds(results.profiles.at[profile, "perceel-2"]),
        "chemie-profiel": _bounds(chemie_profile),
        "metaal-profiel": (0, UNBOUNDED),
        "metaal-niet": (0, UNBOUNDED),
    }
    relations = [
        ("plannen", ("chemie", "metaal")),
        ("profiel", ("chemie-profiel", "metaal-profiel")),
        ("metaal", ("metaal-profiel", "metaal-niet")),
    ]
    low, high = interval_audit(bounds, relations, ["profiel"])["profiel"]
    assert low < high, f"perceel 2 telt exact {low} plan(nen) met '{profile}'"


def test_the_hand_built_chapter_passes_the_audit(tmp_path):
    from competentiecheck.privacy.plan_audit import audit_documents

    data = _hand_built()
    results = analyse_documents(data, PARAMS, pd.DataFrame({"casus": ["niemand"], "profielen": [""]}))
    _write_build(results, tmp_path / "build")
    plans = data.register.groupby("perceel").size().to_dict()
    assert (
        audit_documents(tmp_path / "build", DISCLOSURE, plans, _sectors_per_perceel(data), share=results.share["count"])
        == []
    )


# --------------------------------------------------------------------------- (b) planned hours


def test_planned_hours_are_whole_hours_over_large_groups(demo, tmp_path):
    data, results = demo
    hours = results.hours
    assert len(hours)
    assignment = results.assignment
    for profile in hours["profiel"]:
        members = int(assignment[profile].sum())
        assert members >= MIN_CASES and len(assignment) - members >= MIN_CASES, profile
    write_table(hours, tmp_path / "uren.csv")
    written = pd.read_csv(tmp_path / "uren.csv", dtype=str)
    assert all(re.fullmatch(r"\d+", value) for value in written["uren"]), written["uren"].tolist()
    chapter = documents_chapter(results, data, PARAMS, "totaal", "a.png", "b.png")
    table = chapter[chapter.index("| Profiel | Plannen | Gemiddeld gepland aantal uren |") :].split("\n\n")[0]
    for line in table.splitlines()[2:]:
        assert re.fullmatch(r"\d+", line.strip(" |").split("|")[-1].strip()), line


# --------------------------------------------------------------------------- (c) the notebook


def test_the_public_notebook_shows_no_means_over_percelen_or_plans():
    notebook = json.loads((ROOT / "notebooks" / "05_documents.ipynb").read_text(encoding="utf-8"))
    for number, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code":
            continue
        assert cell["outputs"] == [] and cell["execution_count"] is None, f"cel {number} heeft uitvoer"
        if TEAM_ONLY_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        source = "".join(cell["source"])
        code = "\n".join(line.split("#")[0] for line in source.splitlines())
        assert not re.search(r"\bmean\b|\bsum\(|\.agg\(", code), (number, source)
        assert not ("groupby" in code and "uren" in code), (number, source)
        assert "assignment" not in code and "human_detail" not in code, (number, source)  # per plan / organisation
        assert not re.search(r"data\.register\s*$", code, re.MULTILINE), (number, source)


# --------------------------------------------------------------------------- (d) the audit finds a pin


def _tables(folder, profiles: dict, combinations: dict, sectors: list[tuple]):
    folder.mkdir(parents=True)
    runs = [f"perceel-{n}" for n in range(1, 6)] + ["totaal"]
    pd.DataFrame([{"thema": "Leiderschap > Leerleiderschap", **{r: 0 for r in runs}}]).to_csv(
        folder / "themas.csv", index=False
    )
    pd.DataFrame([{"profiel": p, **dict(zip(runs, values))} for p, values in profiles.items()]).to_csv(
        folder / "profielen.csv", index=False
    )
    pd.DataFrame({"combinatie": list(combinations), "plannen": list(combinations.values())}).to_csv(
        folder / "combinaties.csv", index=False
    )
    pd.DataFrame(sectors, columns=["sector", "plannen", "profiel", "aantal"]).to_csv(
        folder / "profielen_sector.csv", index=False
    )


PLANTED = {
    # totaal 20 = 15 + 5 + '< 5': perceel 1 (13 plans) and 2 (5 plans) are full, and with 32 plans of
    # which 'geen profiel' are 13 … 17, the totaal is at most 19: perceel 4 has exactly 1
    "totaal en percelen": dict(
        profiles={"P": [15, 5, "", "< 5", 0, 20]},
        combinations={"P": 20, "geen profiel": 15},
        sectors=[],
        plans={1: 13, 2: 5, 3: 0, 4: 9, 5: 5},
        sector_of={1: {"bouw"}, 2: {"chemie"}, 3: set(), 4: {"zorg", "welzijn"}, 5: {"horeca"}},
        pinned="perceel-4 / profiel / P is exact af te leiden: 1",
    ),
    # the old sector table of the hand-built example: 'chemie (5)' with 0 leaves perceel 2's one metaal plan
    "sector": dict(
        profiles={"Krachtige ambitie": ["", "< 5", 0, 0, 0, "< 5"], "Krachtige basis": ["", 0, 10, 5, 5, 25]},
        combinations={"Krachtige ambitie": "< 5", "Krachtige basis": 25, "geen profiel": 5},
        sectors=[
            ("chemie", 5, "Krachtige ambitie", 0),
            ("chemie", 5, "Krachtige basis", 0),
            ("zorg", 20, "Krachtige ambitie", 0),
            ("zorg", 20, "Krachtige basis", 20),
        ],
        plans={1: 4, 2: 6, 3: 10, 4: 5, 5: 5},
        sector_of={1: {"bouw"}, 2: {"chemie", "metaal"}, 3: {"zorg"}, 4: {"zorg"}, 5: {"zorg"}},
        pinned="perceel-2 / profiel / Krachtige ambitie is exact af te leiden: 1",
    ),
}


@pytest.mark.parametrize("case", list(PLANTED))
def test_the_audit_finds_a_planted_pinned_cell(tmp_path, case):
    from competentiecheck.privacy.plan_audit import audit_documents

    spec = PLANTED[case]
    _tables(tmp_path / "build" / "documenten" / "tables", spec["profiles"], spec["combinations"], spec["sectors"])
    findings = audit_documents(tmp_path / "build", DISCLOSURE, spec["plans"], spec["sector_of"])
    assert ("build/documenten/tables/profielen.csv", f"verborgen aantal plannen {spec['pinned']}") in findings, findings


def test_the_audit_wants_every_table_of_the_chapter(tmp_path):
    from competentiecheck.privacy.plan_audit import audit_documents

    spec = PLANTED["totaal en percelen"]
    folder = tmp_path / "build" / "documenten" / "tables"
    _tables(folder, spec["profiles"], spec["combinations"], spec["sectors"])
    (folder / "profielen_sector.csv").unlink()
    findings = audit_documents(tmp_path / "build", DISCLOSURE, spec["plans"], spec["sector_of"])
    assert findings == [
        (
            "build/documenten/tables/profielen_sector.csv",
            "tabel ontbreekt: afleidbaarheid van hoofdstuk 4 niet te controleren",
        )
    ]
    assert audit_documents(tmp_path / "elders", DISCLOSURE, spec["plans"], spec["sector_of"]) == []
