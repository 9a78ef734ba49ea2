"""Chapter 7 from the demo interviews: analysis, privacy rules and what reaches the report."""

import pandas as pd
import pytest

from competentiecheck.core.errors import InputError
from competentiecheck.core.params import load_params
from competentiecheck.core.paths import BUILD, DATA, REPORT_OUTPUT
from competentiecheck.interviews.analysis import analyse_interviews, interview_labels, profile_matrix
from competentiecheck.interviews.demo import INTERVIEWS
from competentiecheck.qualitative.codebook import load_scheme
from competentiecheck.qualitative.coded_data import load_coded_data
from competentiecheck.qualitative.quotes import screen_quotes

PARAMS = load_params("totaal")
SCHEME = load_scheme(DATA / "codebook" / "swot.yml")
CASES = pd.read_csv(INTERVIEWS / "casussen.csv", dtype=str)


def _data():
    return load_coded_data(
        sorted(INTERVIEWS.glob("*.qdpx")) + sorted(INTERVIEWS.glob("segmenten_*.csv")), SCHEME, CASES
    )


def test_the_demo_gives_the_swot_of_nine_interviews_with_agreement_on_four():
    results = analyse_interviews(_data(), PARAMS, "test-zout-" + "x" * 16)
    assert results.n_interviews == 9 and results.n_double == 4 and results.coder == "codeur A"
    assert set(results.swot["kwadrant"]) == {"Sterktes", "Kwetsbaarheden", "Opportuniteiten", "Risico's"}
    assert (results.swot["documents"] <= 9).all() and 0 < results.alpha <= 1
    assert results.quotes["quote"].is_unique and not results.quotes["label"].str.contains("organisatie").any()


def test_labels_are_neutral_and_do_not_follow_the_case_numbering():
    salt = "een-geheim-zout-van-het-team-0123456789"
    labels = interview_labels([f"organisatie {k}" for k in range(1, 10)], salt)
    assert sorted(labels.values()) == [f"interview {c}" for c in "ABCDEFGHI"]
    assert [labels[f"organisatie {k}"] for k in range(1, 10)] != [f"interview {c}" for c in "ABCDEFGHI"]
    assert labels == interview_labels([f"organisatie {k}" for k in range(9, 0, -1)], salt)


def test_a_quote_with_a_name_stops_unless_a_redaction_covers_it():
    quotes = pd.DataFrame(
        {
            "theme": ["2. Strengths > Leiderschap"],
            "kwadrant": ["Sterktes"],
            "label": ["interview C"],
            "quote": ["Jan van Bakkerij Peeters nam de leiding."],
        }
    )
    with pytest.raises(InputError) as err:
        screen_quotes(quotes, {"organisatie": {"Bakkerij Peeters"}}, {})
    # the interview, the theme, the kind of hit and its position, never the word itself
    assert "interview C" in str(err.value) and "'2. Strengths > Leiderschap'" in str(err.value)
    assert "naam uit de metadata: organisatie op teken 9-24" in str(err.value)
    assert "Bakkerij" not in str(err.value) and "Peeters" not in str(err.value)
    screened = screen_quotes(
        quotes, {"Bakkerij Peeters", "Jan"}, {"Jan": "[naam]", "Bakkerij Peeters": "[organisatie]"}
    )
    assert screened["quote"].iat[0] == "[naam] van [organisatie] nam de leiding."


def test_a_profile_is_shown_only_when_it_and_the_rest_are_large_enough():
    cases = pd.DataFrame({"case": [f"o{k}" for k in range(12)], "profielen": ["basis"] * 6 + ["ambitie"] * 6})
    primary = pd.DataFrame(
        {"case": ["o0", "o7"], "path": [("2. Strengths", "Leiderschap"), ("2. Strengths", "Leiderschap")]}
    )
    table, _ = profile_matrix(primary, cases, ["2. Strengths > Leiderschap"], min_cases=5)
    assert table.loc["2. Strengths > Leiderschap"].tolist() == [1, 1]  # ambitie (6), basis (6)
    cases.loc[:8, "profielen"] = "basis"  # basis 9, ambitie 3: the rest is too small, so basis is hidden too
    table, note = profile_matrix(primary, cases, ["2. Strengths > Leiderschap"], min_cases=5)
    assert table.shape[1] == 0 and "2 groepen" in note


def test_chapter_and_appendices_reach_the_reports(full_report):
    totaal = (full_report / "totaal" / "index.html").read_text(encoding="utf-8")
    assert 'id="fig-swot"' in totaal and "Krippendorff" in totaal and "interview A" in totaal
    assert "Hoeksteen" not in totaal  # Bijlage 9 names one organisation in a note; ours does not
    swot = pd.read_csv(BUILD / "interviews" / "tables" / "swot.csv")
    for row in swot.itertuples():  # every count in the table comes from the step's output
        assert f"| {row.code} | {row.documents} | {row.segments} |" in (
            BUILD / "interviews" / "fragments" / "codeboek_swot.md"
        ).read_text(encoding="utf-8")  # in Bijlage C: the figure in the chapter shows the same counts
    perceel = (REPORT_OUTPUT / "perceel-3" / "index.html").read_text(encoding="utf-8")
    assert "alleen voor het hele programma" in perceel and "interview A" not in perceel


def test_the_chapter_opens_with_its_question_and_keeps_the_agreement_to_one_sentence():
    from competentiecheck.interviews.report import interviews_agreement_fragment, interviews_chapter

    results = analyse_interviews(_data(), PARAMS, "test-zout-" + "x" * 16)
    chapter = interviews_chapter(results, PARAMS, "swot.png", "matrix.png", synthetic=True)
    opening = chapter.split("\n")[0]
    assert opening.startswith("Wat zien ondernemingen zelf als sterktes")
    # the most named strength and risk, counted here from the codings of the primary coder
    primary = results.primary.assign(theme=results.primary["path"].map(lambda p: tuple(p[:2])))
    per_theme = primary.groupby("theme")["case"].nunique()
    for prefix, word in (("2.", "sterkte"), ("5.", "risico")):
        top = per_theme[[t[0].startswith(prefix) for t in per_theme.index]]
        theme, count = top.idxmax(), top.max()
        assert f"'{theme[1]}' als {word} ({count} van de 9)" in opening
    assert "synthetische demo-coderingen" in opening
    # one sentence with the overall agreement and its meaning; the per-code table is in Bijlage C
    assert "tbl-overeenstemming" not in chapter and "tbl-swot}" not in chapter
    assert chapter.count("Krippendorffs alfa") == 1 and "(Krippendorffs alfa 0," in chapter
    assert "×" not in chapter and "Per KMO-profiel, perceel" not in chapter
    appendix = interviews_agreement_fragment(results)
    assert "{#tbl-overeenstemming}" in appendix and "{#tbl-swot}" in appendix
    assert "O'Connor & Joffe, 2020" in appendix and "Over alleen de" in appendix
