"""Rendered reports and letters: a planted second organisation never reaches another's report, subgroups below
the rule are not shown, the same inputs give the same bytes, and the output check holds each report to the
rule that an organisation's own values are allowed in its own report only."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest

from competentiecheck.feedback.build import REPORT, prepare, render_all
from competentiecheck.feedback.register import read_register
from competentiecheck.privacy.disclosure import Disclosure
from competentiecheck.privacy.output_check import check_feedback
from competentiecheck.privacy.pseudonymise import DEMO_SALT

PLANTED = "Zeldzame Zeepziederij"


def _pdf_text(path):
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


@pytest.fixture
def planted(tmp_path, helpers):
    """Perceel 1 with 'Bakkerij Aa' (12, scores 2-4) and five other firms; perceel 2 with the planted firm
    (12 respondents, every score 1: its report says '1,0 (1,0–1,0)') and five other firms."""
    rows = [("org-a", "Bakkerij Aa bv", 1, ""), ("org-z", PLANTED, 2, "")]
    rows += [(f"org-p{p}{k}", f"Firma {p}{k}", p, "") for p in (1, 2) for k in range(5)]
    folder = helpers.write_register(tmp_path / "register", rows)
    parts = [
        helpers.respondents("Bakkerij Aa bv", 1, [2.0, 3.0, 4.0] * 4, managers=6),
        helpers.respondents(PLANTED, 2, {"x": [1.0] * 12}),
    ]
    rng = np.random.default_rng(3)
    parts += [
        helpers.respondents(f"Firma {p}{k}", p, rng.integers(2, 6, 6).astype(float)) for p in (1, 2) for k in range(5)
    ]
    return read_register(folder, DEMO_SALT), pd.concat(parts, ignore_index=True)


def _render(planted, params, out):
    register, data = planted
    prepared = prepare(data, register, params)
    render_all(prepared, out, jobs=1)
    links = pd.DataFrame(
        [
            {"code": o.code, "org_id": register.table.at[o.code, "org_id"], "soort": kind}
            for kind, o in prepared.organisations
        ]
    )
    (out / "team").mkdir(exist_ok=True)
    links.to_csv(out / "team" / "organisaties.csv", index=False)
    return prepared, data


def test_a_planted_organisation_never_appears_in_another_report(planted, params, tmp_path):
    prepared, _ = _render(planted, params, tmp_path / "out")
    kinds = {o.code: kind for kind, o in prepared.organisations}
    assert kinds["org-a"] == kinds["org-z"] == REPORT
    own = (tmp_path / "out" / "org-z" / "rapport.html").read_text(encoding="utf-8")
    assert 'data-groep="organisatie" data-schaal="kennisdeling" data-gemiddelde="1,0"' in own
    for path in [tmp_path / "out" / "org-a" / "rapport.html", *sorted((tmp_path / "out").glob("org-p*/brief.html"))]:
        text = path.read_text(encoding="utf-8") + _pdf_text(path.with_suffix(".pdf"))
        assert PLANTED not in text
        assert "1,0 (1,0–1,0)" not in text  # every one of its figures
    # and its own report has it, beside its perceel (five other firms, 30 respondents)
    assert "1,0 (1,0–1,0)" in _pdf_text(tmp_path / "out" / "org-z" / "rapport.pdf")


def test_no_subgroup_below_the_rule_in_the_rendered_report(planted, params, tmp_path, helpers):
    register, data = planted
    data = data.copy()
    managers = data.index[data["org_id"] == register.table.at["org-a", "org_id"]]
    data.loc[managers, "leidinggevend"] = [1.0] * 8 + [0.0] * 4  # 8 managers, the other 4: below 5
    prepared = prepare(data, register, params)
    render_all(prepared, tmp_path / "out", jobs=1)
    page = (tmp_path / "out" / "org-a" / "rapport.html").read_text(encoding="utf-8")
    assert 'data-groep="deelgroep"' not in page
    assert "niet: daarvoor moeten beide groepen minstens 5 invullers tellen" in page
    # with 6 and 6 both groups are shown
    prepared = prepare(planted[1], register, params)
    render_all(prepared, tmp_path / "out2", jobs=1)
    assert 'data-groep="deelgroep"' in (tmp_path / "out2" / "org-a" / "rapport.html").read_text(encoding="utf-8")


def test_the_same_inputs_give_the_same_bytes_in_parallel(planted, params, tmp_path):
    _render(planted, params, tmp_path / "one")
    register, data = planted
    render_all(prepare(data, register, params), tmp_path / "two", jobs=2)
    for path in sorted((tmp_path / "one").glob("org-*/*")):
        assert path.read_bytes() == (tmp_path / "two" / path.relative_to(tmp_path / "one")).read_bytes(), path.name


def test_a_letter_says_how_many_answered_without_a_small_count(planted, params, tmp_path):
    _render(planted, params, tmp_path / "out")
    letter = (tmp_path / "out" / "org-p10" / "brief.html").read_text(encoding="utf-8")
    assert "Ongeveer 5 medewerkers" in letter  # 6, rounded to 5
    assert "data-groep" not in letter


def test_the_output_check_passes_the_reports_and_finds_a_planted_leak(planted, params, tmp_path):
    _, data = _render(planted, params, tmp_path / "out")
    processed = tmp_path / "processed"
    processed.mkdir()
    data.drop(columns=["_noise"]).to_parquet(processed / "vragenlijst.parquet")
    disclosure = Disclosure.from_params(params)
    names = {"org-a": "Bakkerij Aa bv", "org-z": PLANTED}

    def check(folder):
        return check_feedback(folder, processed, disclosure, set(), frozenset(), names=names)

    assert check(tmp_path / "out") == []
    # plant the other organisation's figure in Bakkerij Aa's page, as a leak would
    leaky = tmp_path / "leaky"
    shutil.copytree(tmp_path / "out", leaky)
    page = leaky / "org-a" / "rapport.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</main>", f"<p>{PLANTED}: kennisdeling 1,0 (1,0–1,0)</p></main>"), encoding="utf-8")
    found = [str(f) for f in check(leaky)]
    assert any("org-a/rapport.html" in f and "uit het rapport van een andere organisatie" in f for f in found)
    assert any("naam van een andere organisatie" in f for f in found)
    # a figure row of the organisation with another organisation's mean
    swapped = tmp_path / "swapped"
    shutil.copytree(tmp_path / "out", swapped)
    page = swapped / "org-a" / "rapport.html"
    text = page.read_text(encoding="utf-8")
    start = text.index('data-groep="organisatie" data-schaal="kennisdeling" data-gemiddelde="')
    end = text.index('"', start + len('data-groep="organisatie" data-schaal="kennisdeling" data-gemiddelde="'))
    text = text[:start] + 'data-groep="organisatie" data-schaal="kennisdeling" data-gemiddelde="1,0' + text[end:]
    page.write_text(text, encoding="utf-8")
    assert any("kennisdeling: een gemiddelde" in str(f) for f in check(swapped))
    # a letter with the organisation's own figure
    letter = swapped / "org-p10" / "brief.html"
    figure = (
        '<svg><g data-groep="organisatie" data-schaal="kennisdeling" data-gemiddelde="3,0" '
        'data-ondergrens="2,5" data-bovengrens="3,5"></g></svg>'
    )
    letter.write_text(letter.read_text(encoding="utf-8").replace("</main>", figure + "</main>"), encoding="utf-8")
    assert any("een brief met cijfers" in str(f) for f in check(swapped))
