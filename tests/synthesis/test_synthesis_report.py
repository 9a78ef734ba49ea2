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
    # Tabel 8 as the chapter writes it: one row per perceel, no programme row (17 of 20 in all)
    pd.DataFrame(
        {"perceel": [1, 2, 3, 4, 5], "fondsen_actief": [4, 7, 4, 2, 3], "deelgenomen": [2, 7, 3, 2, 3]}
    ).to_csv(partners / "respons.csv", index=False)
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
    circles = next(line for line in text.splitlines() if line.startswith("| Sectorfondsen met"))
    assert "7 van 7" in circles and "17 van 20" in circles
    took_part = next(line for line in text.splitlines() if line.startswith("| Sectorfondsen die"))
    assert "| 7 van 7 | 17 van 20 |" in took_part  # by hand: 2+7+3+2+3 of 4+7+4+2+3
    interviews = next(line for line in text.splitlines() if line.startswith("| Interviews met"))
    # on real interviews the coded count (9 rows written above) of the 15 planned (§7.1.1)
    assert "alleen programma" in interviews and "| 9 van 15 |" in interviews
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
            # by design since the issue 20 review: autonomie no longer counts the literature's 'mostly
            # informal' (it tests no individual vs social learning) and its job level is undecided, so nothing
            # decides it (was 'gedeeltelijk'); leerklimaat is supported on leadership and climate-and-learning
            # but not on satisfaction and staying, so it is partial (was 'sterk')
            expected = {"autonomie": "niet te beoordelen", "leerklimaat": "gedeeltelijk"}[assessment.conclusion.id]
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
            assert chapter[: match.start()].endswith("Daarop zou de conclusie luiden: “")
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
    # the wording says which part the partnerships contradict (an own 'betwist' text said neither)
    assert (
        "De gesprekken en netwerkcirkels van de partnerschappen spreken tegen dat de fondsen in de "
        "partnerschappen zelden samen iets maakten." in partnership.wording()
    )
    assert "### Wisselden de partnerschappen vooral uit? {#sec-conclusie-samenwerking}" in chapter_fragment(after, "f")


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


def test_the_figure_prints_its_text_at_the_minimum_size_in_the_tested_colours(real_build):
    from competentiecheck.core.figures import CATEGORICAL, MIN_FONT_PT, overlapping_texts, printed_font_sizes
    from competentiecheck.synthesis.programme_theory import STYLES

    result = synthesis(real_build)
    fig = theory_figure(result.theory, result.arrows)
    assert min(size for _, size in printed_font_sizes(fig)) >= MIN_FONT_PT
    assert overlapping_texts(fig) == []
    assert {tuple(style["color"]) for style in STYLES.values()} <= {tuple(c) for c in CATEGORICAL}


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


# --------------------------------------------------------------------------- issue 20 review


def _row(text: str, start: str) -> list[str]:
    line = next(line for line in text.splitlines() if line.startswith(start))
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_only_numbers_computed_on_the_demo_carry_the_star(demo_build):
    """Rule 6: on the demo, the interviews held (§7.1.1: 9 of 15, from params) and the funds that took part
    (Tabel 8) are published facts without a star; the respondents and the circles are computed on synthetic
    inputs and carry it. The source line says which is which."""
    result = synthesis(demo_build)  # the strands are demo by their claims, whatever the input folders hold
    text = summary_fragment(result)
    assert _row(text, "| Interviews met") == ["Interviews met ondernemingen (gehouden van gepland)", "9 van 15"]
    assert _row(text, "| Sectorfondsen die") == ["Sectorfondsen die deelnamen", "17 van 20"]
    # the star escaped in Markdown (a bare '*' before punctuation would open emphasis)
    assert _row(text, "| Respondenten") == ["Respondenten van de vragenlijst (geanalyseerd)", "95\\*"]
    assert _row(text, "| Sectorfondsen met") == ["Sectorfondsen met een netwerkcirkel", "17 van 20\\*"]
    assert _row(text, "| Plannen van aanpak") == ["Plannen van aanpak geanalyseerd", "60"]
    note = text.split("::: {.bron}")[1].split(":::")[0]
    assert (
        "Gepubliceerde feiten: plannen van aanpak (eindverslag §5.1.1), deelnemende sectorfondsen (Tabel 8 van het "
        "eindverslag) en interviews (eindverslag §7.1.1)." in note
    )
    assert "\\* Berekend op synthetische demogegevens: respondenten" in note and "netwerkcirkels" in note
    english = summary_fragment_en(result)
    assert "- Company interviews (held of planned): 9 of 15\n" in english  # a titled list, no 'Tabel n'
    assert "- Survey respondents analysed: 95\\*" in english


def test_audiences_without_a_recommendation_share_one_line(demo_build):
    """Rule 6: no empty subsection per audience; one sentence names those without an issued recommendation."""
    result = synthesis(demo_build)
    part = chapter_fragment(result, "f.png").split("## Aanbevelingen")[1]
    assert "voor deze doelgroep geen aanbeveling" not in part
    issued = {d.recommendation.audience for d in result.decisions if d.status == "issued"}
    without = [a for a in result.audiences if a not in issued]
    assert without  # on these made-up demo claims some audiences get nothing
    for audience in without:
        assert f"### {result.audiences[audience]['nl']}" not in part.split("### Wat de synthetische demo")[0]
    assert part.count("wordt op de gegevens van dit rapport geen aanbeveling uitgebracht") == 1
    # the demo block names each audience once
    demo_block = part.split("### Wat de synthetische demo zou opleveren")[1]
    for names in result.audiences.values():
        assert demo_block.count(names["nl"]) <= 1


def test_demo_conclusions_have_questions_as_headings_in_the_chapter(demo_build):
    """Rule 3: the coordinator claim does not hold on the demo: its heading neither affirms nor hides it."""
    chapter = chapter_fragment(synthesis(demo_build), "f.png")
    assert "### Is het coördinerende fonds de spil? (alleen demo) {#sec-conclusie-coordinatie}" in chapter
    assert "### Het coördinerende fonds is de spil" not in chapter
    headings = re.findall(r"^### (.*) \{#sec-conclusie-", chapter, re.M)
    assert headings and all(h.endswith("(alleen demo)") or h.endswith("?") for h in headings)


CLAIM_ID = re.compile(r"(?<![#\w-])(literatuur|plannen|vragenlijst|bedrijfsinterviews|partnerschappen)\.[a-z_]+")


@pytest.mark.parametrize("run", ["totaal", "perceel-3"])
def test_no_claim_id_or_rule_name_in_what_a_reader_reads(demo_build, run):
    """Rule 5: chapter 9 and the first pages name claims by their label (linked), rules in words; no
    capitalisation slips in the audience labels of the appendix."""
    result = synthesis(demo_build, run)
    pieces = [chapter_fragment(result, "f.png"), summary_fragment(result), summary_fragment_en(result)]
    for text in pieces:
        assert not CLAIM_ID.search(text), CLAIM_ID.search(text)
        assert not re.search(r"\b(disclosure|documents|partnerships|statistics)\.[a-z_]+", text)
        assert "(regel " not in text and "deze run" not in text and "this run" not in text
    appendix = appendix_fragment(result)
    assert "*kMO's*" not in appendix and "*het " not in appendix
    assert "*KMO's*" in appendix or "KMO's" not in appendix


def test_a_perceel_summary_says_what_it_can_say_about_the_perceel(real_build):
    """Rule 7: perceel 3 has no publishable survey claim: its summary says so, and that the conclusions it
    shows are the programme's; it is not the programme's summary word for word."""
    programme = summary_fragment(synthesis(real_build, "totaal"))
    perceel = summary_fragment(synthesis(real_build, "perceel-3"))
    assert "Perceel 3 telt te weinig gegevens om uitspraken uit de vragenlijst te tonen" in perceel
    assert "rust alleen op bronnen die voor het hele programma beoordeeld worden" in perceel or (
        "rusten alleen op bronnen die voor het hele programma beoordeeld worden" in perceel
    )
    assert "te weinig gegevens" not in programme
    english = summary_fragment_en(synthesis(real_build, "perceel-3"))
    assert "Lot 3 has too few data to show findings from the survey" in english


def test_the_arrows_mark_survey_numbers_computed_on_the_demo(demo_build):
    """Rule 4: ρ and n computed from synthetic answers carry '*'; the note says they are computed, not
    published, and says the sign of 'blijven' is turned."""
    spearman = pd.DataFrame(
        {
            "var_x": ["intentie_retentie", "intentie_retentie", "formeel_leren"],
            "var_y": ["leerleiderschap", "autonomie", "leerleiderschap"],
            "n": [95, 95, 95],
            "rho": [-0.1, -0.3, 0.2],
        }
    )
    (demo_build / "totaal" / "tables").mkdir(parents=True, exist_ok=True)
    spearman.to_csv(demo_build / "totaal" / "tables" / "spearman.csv", index=False)
    result = synthesis(demo_build)  # the survey claims are demo: the survey strand is demo
    chapter = chapter_fragment(result, "f.png")
    table = chapter.split("{#fig-programmatheorie")[1].split("{#tbl-programmatheorie-pijlen}")[0]
    # by hand: retention pairs -0.1 and -0.3, median -0.2, turned: 0,20
    star = "\\*"  # escaped in Markdown
    assert (
        f"mediaan ρ = 0,20{star} (met omgekeerd teken: de schaal meet de vertrekintentie; 2 paren, n = 95{star})"
        in table
    )
    assert f"mediaan ρ = 0,20{star} (1 paar, n = 95{star})" in table
    assert not re.search(r"(?<!\\)\*", table.replace("{#", ""))  # no bare star left
    note = chapter.split("{#tbl-programmatheorie-pijlen}")[1].split(":::")[1]
    assert "die dit rapport uit de antwoorden op de vragenlijst berekent" in note
    assert "gepubliceerde Spearman" not in note and "\\* Berekend op synthetische demogegevens" in note
    real = synthesis(real_build_from(demo_build))
    assert all(not a.demo_measure for a in real.arrows)


def real_build_from(root: Path) -> Path:
    """The same build with every claim on real data (the survey strand then is not demo)."""
    for path in root.rglob("claims.csv"):
        path.write_text(path.read_text(encoding="utf-8").replace(",demo,", ",real,"), encoding="utf-8")
    return root


def test_every_claim_has_a_label_and_rules_read_as_words():
    """Rule 5: every claim of the catalogue has its own short label (no id shown as a fallback); a rule's
    parameter name becomes its value and '(regel …)' is left out, the text already says it in words."""
    from competentiecheck.core.claims import catalogue
    from competentiecheck.synthesis.labels import CLAIM_LABELS, claim_label, reader_text

    for key in catalogue():
        prefix = key.split("{", 1)[0]
        assert prefix in CLAIM_LABELS, key
    assert claim_label("vragenlijst.sterkste.anticipatie_optimalisatie") == (
        "sterkste voorspeller van anticipatie en optimalisatie"
    )
    params = {"documents": {"template_threshold": 0.8}, "disclosure": {"min_group_size": 5}}
    assert (
        reader_text("minder dan 5 respondenten in deze run (regel disclosure.min_group_size): geen resultaten", params)
        == "minder dan 5 respondenten in dit rapport: geen resultaten"
    )
    assert reader_text("een gelijkenis van minstens documents.template_threshold", params) == (
        "een gelijkenis van minstens 0,8"
    )
    assert reader_text("vragenlijst.klimaat_leren blijft", params) == "vragenlijst.klimaat_leren blijft"


def test_the_english_key_figures_carry_no_dutch_table_label(real_build):
    """The English summary lists its key figures under an English title: a numbered table would read 'Tabel n'
    (the report's cross-references are Dutch) and Dutch sources ('eindverslag') would slip in."""
    english = summary_fragment_en(synthesis(real_build, "perceel-2"))
    assert "**Key figures**" in english and "{#tbl-" not in english
    # perceel 2 and the programme from §5.1.1 of the final report (by hand: 14 and 60)
    assert "- Plans of approach analysed: 14 (lot 2); 60 (programme)" in english
    assert "Tabel" not in english and "eindverslag" not in english and "Kerncijfer" not in english


def test_claims_a_perceel_cannot_decide_point_to_the_programme_report(real_build):
    from competentiecheck.synthesis.conclusions import anchor

    result = synthesis(real_build, "perceel-3")
    appendix = appendix_fragment(result)
    undecided = [c for c in result.evidence.claims.values() if c.outcome in ("undetermined", "not publishable")]
    assert undecided
    for claim in undecided:
        entry = next(line for line in appendix.splitlines() if f"{{#{anchor(claim.id)}}}" in line)
        # its own entry points to its anchor in the programme report, a grouped line to that appendix
        assert (
            f"](../totaal/index.html#{anchor(claim.id)})" in entry or "](../totaal/index.html#sec-bevindingen)" in entry
        )
        assert "@sec-statistiek" not in entry
    # the summary says once where the rest is, with a link that works in the HTML
    summary = summary_fragment(result)
    assert summary.count("../totaal/index.html") == 1


def test_the_chapter_opens_with_what_the_conclusions_found(demo_build):
    result = synthesis(demo_build)
    chapter = chapter_fragment(result, "figures/programmatheorie.png")
    line = next(line for line in chapter.splitlines() if line.startswith("Wat zeggen de onderzoeksdelen samen"))
    numbers = [
        int(n)
        for n in re.findall(r"\b(\d+) (?:van de \d+ conclusies )?(?:staat|staan|rust|rusten|wordt|worden)\b", line)
    ]
    n = len(result.assessments)
    assert f"van de {n} conclusies" in line and sum(numbers) == n
