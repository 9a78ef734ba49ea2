"""The synthesis of a run from claims files: evidence per run, chapter 9, the first pages, the claims
appendix (every link has its anchor), the key figures, the programme theory and Tabel 9."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
import yaml
from synthesis_claims import DEFAULTS, write_build

from competentiecheck.core.errors import InputError
from competentiecheck.core.figures import save_figure
from competentiecheck.core.params import load_params
from competentiecheck.core.paths import DEMO
from competentiecheck.synthesis.assemble import assemble
from competentiecheck.synthesis.evidence import collect_evidence
from competentiecheck.synthesis.programme_theory import (
    arrow_evidence,
    load_theory,
    profile_table,
    theory_figure,
)
from competentiecheck.synthesis.report import (
    appendix_fragment,
    chapter_fragment,
    summary_fragment,
    summary_fragment_en,
)

PROFILES = DEMO / "documenten" / "profielen.yml"
SURVEY = [cid for cid in DEFAULTS if cid.startswith("vragenlijst.")]


def _tables(root: Path) -> None:
    """The published tables the synthesis reads besides the claims (values written by hand)."""
    for run, n in (("totaal", 95), ("perceel-2", 30), ("perceel-3", "< 5")):
        (root / run / "values").mkdir(parents=True, exist_ok=True)
        (root / run / "values" / "steekproef.yml").write_text(yaml.safe_dump({"n_geanalyseerd": n}), encoding="utf-8")
    partners = root / "partnerschappen" / "tables"
    partners.mkdir(parents=True, exist_ok=True)
    pd.DataFrame({"perceel": ["2", "3", "programma"], "fondsen": [7, 4, 20], "respondenten": [7, 3, 17]}).to_csv(
        partners / "netwerkmaten.csv", index=False
    )
    pd.DataFrame({"code": ["a", "b"], "documents": [15, 9]}).to_csv(partners / "codefrequenties.csv", index=False)
    interviews = root / "interviews" / "tables"
    interviews.mkdir(parents=True, exist_ok=True)
    pd.DataFrame({"interview": [f"interview {c}" for c in "ABCDEFGHI"]}).to_csv(
        interviews / "interviewmatrix.csv", index=False
    )


def synthesis(root: Path, run: str = "totaal"):
    return assemble(run, load_params(run), load_params("totaal"), root, profiles_file=PROFILES, check_folders=False)


@pytest.fixture
def real_build(tmp_path):
    """Every claim on real data (as the team's own inputs would give), holding as the defaults say."""
    status = {"demo": "real"}
    overrides = {
        (cid, run): (outcome, status.get(st, st))
        for cid, (outcome, st) in DEFAULTS.items()
        for run in ("totaal", "perceel-1", "perceel-2", "perceel-3", "perceel-4", "perceel-5")
    }
    overrides.update({(cid, "perceel-3"): ("not publishable", "real") for cid in SURVEY})
    root = write_build(tmp_path / "build", overrides)
    _tables(root)
    return root


@pytest.fixture
def demo_build(tmp_path):
    root = write_build(tmp_path / "build")
    _tables(root)
    return root


def test_a_missing_claims_file_names_the_file_and_the_step(real_build):
    (real_build / "interviews" / "claims.csv").unlink()
    with pytest.raises(InputError, match="04_interviews") as error:
        collect_evidence("totaal", real_build)
    assert "interviews/claims.csv" in str(error.value)
    (real_build / "perceel-2" / "claims.csv").unlink()
    with pytest.raises(InputError, match="02_survey.*perceel-2"):
        collect_evidence("perceel-2", real_build)


def test_an_unknown_claim_in_a_claims_file_is_an_error(real_build):
    path = real_build / "literatuur" / "claims.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("literatuur.leiderschap", "literatuur.bestaat_niet"), encoding="utf-8"
    )
    with pytest.raises(InputError, match="literatuur.bestaat_niet"):
        collect_evidence("totaal", real_build)


def test_a_perceel_gets_its_own_claims_and_borrows_the_programme_only_ones(real_build):
    evidence = collect_evidence("perceel-2", real_build)
    assert all(c.run == "perceel-2" for c in evidence.claims.values())
    # programme-only: the literature, the company interviews and the template plans (runs: totaal)
    assert {c.source for c in evidence.programme.values()} == {"literatuur", "bedrijfsinterviews", "plannen"}
    assert set(evidence.programme) & {"plannen.op_maat"} and not set(evidence.programme) & set(evidence.claims)
    assert collect_evidence("totaal", real_build).programme == {}


def _links(text: str) -> set[str]:
    return set(re.findall(r"\]\(#([\w-]+)\)", text)) | set(re.findall(r"@((?:sec|tbl|fig)-[\w-]*\w)", text))


def _anchors(text: str) -> set[str]:
    return set(re.findall(r"\{#([\w-]+)[^}]*\}", text))


@pytest.mark.parametrize("run", ["totaal", "perceel-2", "perceel-3"])
def test_every_link_of_the_synthesis_has_its_anchor(real_build, run):
    result = synthesis(real_build, run)
    chapter = chapter_fragment(result, "figures/programmatheorie.png")
    pieces = [chapter, summary_fragment(result), summary_fragment_en(result), appendix_fragment(result)]
    anchors = set().union(*(_anchors(p) for p in pieces))
    # sections of the other chapters, and the headings of the .qmd files that include the fragments
    anchors |= {"sec-conclusies", "sec-bevindingen", "sec-literatuur", "sec-profielen", "sec-statistiek"}
    anchors |= {"sec-vragenlijst", "sec-interviews", "sec-partnerschappen"}
    missing = set().union(*(_links(p) for p in pieces)) - anchors
    assert not missing
    claim_anchors = re.findall(r"\{#(bev-[\w-]+)\}", appendix_fragment(result))
    assert len(claim_anchors) == len(set(claim_anchors)) == len(result.evidence.all())


def test_the_first_page_of_a_perceel_puts_its_figures_beside_the_programme(real_build):
    text = summary_fragment(synthesis(real_build, "perceel-2"))
    row = next(line for line in text.splitlines() if line.startswith("| Plannen van aanpak"))
    # perceel 2 and the programme from the run parameters (published counts of §5.1.1): 14 and 60
    assert [c.strip() for c in row.strip("|").split("|")] == ["Plannen van aanpak geanalyseerd", "14", "60"]
    circles = next(line for line in text.splitlines() if line.startswith("| Sectorfondsen"))
    assert "7 van 7" in circles and "17 van 20" in circles
    interviews = next(line for line in text.splitlines() if line.startswith("| Interviews met"))
    assert "alleen programma" in interviews and "9" in interviews
    assert "| Kerncijfer | Perceel 2 | Programma |" in text
    english = summary_fragment_en(synthesis(real_build, "perceel-2"))
    assert "17 of 20" in english and "this run" not in english


def test_a_perceel_without_survey_models_lists_its_unpublishable_claims_once(real_build):
    result = synthesis(real_build, "perceel-3")
    appendix = appendix_fragment(result)
    lines = [line for line in appendix.splitlines() if re.search(r"vragenlijst\.[a-z]", line)]
    assert len(lines) == 1 and lines[0].startswith("- Niet publiceerbaar voor perceel 3")
    # no link from a survey claim to the survey chapter, which only says there is no model
    assert "@sec-statistiek" not in appendix
    chapter = chapter_fragment(result, "figures/programmatheorie.png")
    for assessment in result.assessments:
        if assessment.conclusion.id in ("autonomie", "leerklimaat"):
            # the survey is withheld and counts neither way; the programme-wide strands still do (by hand:
            # autonomie has the literature only, leerklimaat the literature and the company interviews)
            assert assessment.cells["vragenlijst"].state == "afgeschermd"
            assert assessment.cells["vragenlijst"].counts(with_demo=True) == (False, False)
            expected = {"autonomie": "gedeeltelijk", "leerklimaat": "sterk"}[assessment.conclusion.id]
            assert assessment.level == expected
    survey_recommendations = [
        d for d in result.decisions if any(c.startswith("vragenlijst.") for c in d.recommendation.condition)
    ]
    assert survey_recommendations and all(d.status == "withheld" for d in survey_recommendations)
    issued_part = chapter.split("## Aanbevelingen")[1]
    assert not any(d.recommendation.text["nl"] in issued_part for d in survey_recommendations)
    assert ": –" not in chapter and ": –" not in appendix  # never an empty list


def test_on_demo_data_the_first_page_says_so_and_states_no_finding(demo_build):
    result = synthesis(demo_build)
    assert set(result.demo) == {"plannen", "vragenlijst", "bedrijfsinterviews", "partnerschappen"}
    summary = summary_fragment(result)
    assert "Synthetische demogegevens" in summary
    chapter = chapter_fragment(result, "figures/programmatheorie.png")
    for assessment in result.assessments:
        strong = assessment.conclusion.wording["sterk"]["nl"]
        # a strong wording only ever inside 'what the demo would conclude'
        for match in re.finditer(re.escape(strong), chapter):
            assert chapter[: match.start()].endswith("Daarop zou de conclusie luiden: '")
        if all(cell.demo or cell.state == "stil" for cell in assessment.cells.values()):
            # named on the first page among those without a conclusion, never stated
            line = next(line for line in summary.splitlines() if assessment.conclusion.short.lower() in line)
            assert "geen conclusie" in line and assessment.conclusion.title not in summary
    assert "### Wat de synthetische demo zou opleveren (geen aanbeveling)" in chapter


def test_co_creation_flips_the_chapter(tmp_path):
    real = {(cid, "totaal"): (outcome, "real") for cid, (outcome, _) in DEFAULTS.items()}
    rare = write_build(tmp_path / "a", real)
    common = write_build(
        tmp_path / "b", {**real, ("partnerschappen.cocreatie_zeldzaam", "totaal"): ("does not hold", "real")}
    )
    for root in (rare, common):
        _tables(root)
    before, after = synthesis(rare), synthesis(common)
    text = "Financier in een volgende oproep taken die de fondsen van een partnerschap alleen samen kunnen uitvoeren"
    recommendations = chapter_fragment(before, "f.png").split("## Aanbevelingen")[1]
    assert text in recommendations
    assert text not in chapter_fragment(after, "f.png").split("## Aanbevelingen")[1]
    assert text in appendix_fragment(after).split("Aanbevelingen die niet uitgebracht worden")[1]
    partnership = [a for a in after.assessments if a.conclusion.id == "samenwerking"][0]
    assert partnership.level == "betwist"
    assert partnership.wording() == partnership.conclusion.wording["betwist"]["nl"]


def test_the_median_rho_of_an_arrow_is_computed_over_the_published_pairs(real_build):
    theory = load_theory()
    spearman = pd.DataFrame(
        {
            "var_x": [
                "formeel_leren",
                "informeel_sociaal",
                "leerleiderschap",
                "jobtevredenheid",
                "intentie_retentie",
                "intentie_retentie",
            ],
            "var_y": ["leerleiderschap", "autonomie", "ruimte_tijd", "kennisdeling", "leerleiderschap", "autonomie"],
            "n": [90, 95, 95, 95, 90, 95],
            "rho": [0.2, 0.4, 0.9, 0.3, -0.1, -0.3],
        }
    )
    spearman.loc[len(spearman)] = ["informeel_reflectie", "ondersteuning", 5, float("nan")]  # hidden: not counted
    arrows = {(a.source, a.target): a for a in arrow_evidence(theory, collect_evidence("totaal", real_build), spearman)}
    climate_learning = arrows[("klimaat", "activiteiten")]
    # by hand: the two climate x learning pairs 0.2 and 0.4 -> median 0.3; the climate x climate pair is no pair
    assert (
        climate_learning.median == pytest.approx(0.3) and climate_learning.pairs == 2 and climate_learning.n == "90–95"
    )
    # intention to leave -0.1 and -0.3: median -0.2, turned for 'Intentie om te blijven'
    assert arrows[("klimaat", "blijven")].median == pytest.approx(0.2)
    assert arrows[("beleid", "klimaat")].kind == "niet gemeten" and arrows[("beleid", "klimaat")].median is None
    assert arrows[("profiel", "beleid")].kind == "uitspraak"


def test_the_figure_is_written_as_png_and_svg(real_build, tmp_path):
    result = synthesis(real_build)
    written = save_figure(theory_figure(result.theory, result.arrows), tmp_path / "programmatheorie")
    assert [p.suffix for p in written] == [".png", ".svg"] and all(p.stat().st_size > 1000 for p in written)


def test_tabel_9_gives_the_share_of_the_published_counts():
    profiles = yaml.safe_load(PROFILES.read_text(encoding="utf-8"))["profiles"]
    counts = pd.DataFrame(
        {
            "profiel": [p["name"] for p in profiles],
            "perceel-3": [""] * len(profiles),
            "totaal": ["15", "35", "< 5", "×", "0", "10"],
        }
    )
    _, table = profile_table(profiles, counts, "totaal", "Totaal programma", {"totaal": 60})
    # 15 / 60 = 25 %, 35 / 60 = 58 %; hidden counts stay as published
    assert list(table["Plannen"]) == ["15 (25 %)", "35 (58 %)", "< 5", "×", "0 (0 %)", "10 (17 %)"]
    fragment, table = profile_table(profiles, counts, "perceel-3", "Perceel 3", {"totaal": 60, "perceel-3": 3})
    assert set(table["Plannen (perceel 3)"]) == {"niet getoond"}
    assert "te weinig plannen" in fragment


def test_the_notebook_writes_every_output_of_the_step(real_build, tmp_path):
    """The thin notebook, run as make runs it (papermill), on made-up claims and into a folder of its own."""
    import logging

    import papermill

    from competentiecheck.core.paths import NOTEBOOKS

    logging.getLogger("papermill").setLevel(logging.WARNING)
    out = tmp_path / "out"
    out.mkdir()
    papermill.execute_notebook(
        str(NOTEBOOKS / "07_synthesis.ipynb"),
        str(out / "07_synthesis.ipynb"),
        parameters={"run_id": "perceel-2", "claims_root": str(real_build), "output_root": str(out)},
        progress_bar=False,
    )
    build = out / "build" / "perceel-2"
    fragments = {p.name for p in (build / "fragments").glob("*.md")}
    assert fragments == {
        "synthese_conclusies.md",
        "synthese_samenvatting.md",
        "synthese_summary_en.md",
        "synthese_bevindingen.md",
    }
    assert (build / "values" / "synthese.yml").exists() and (build / ".uitvoer-07_synthesis.txt").exists()
    assert {p.suffix for p in (out / "figures" / "perceel-2").glob("programmatheorie.*")} == {".png", ".svg"}
    assert "{#fig-programmatheorie" in (build / "fragments" / "synthese_conclusies.md").read_text(encoding="utf-8")
