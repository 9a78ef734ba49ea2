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
    letters = sorted((tmp_path / "out").glob("org-p*/brief.html"))
    for path in [tmp_path / "out" / "org-a" / "rapport.html", *letters]:
        # every page, and the PDF of the report and of a letter of each perceel (reading a PDF takes a while)
        pdf = path.with_suffix(".pdf")
        text = path.read_text(encoding="utf-8") + (
            _pdf_text(pdf) if path.parent.name in ("org-a", "org-p10", "org-p20") else ""
        )
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
    register, data = planted
    first = prepare(data, register, params)
    first.organisations = first.organisations[:3]  # two reports and a letter are enough here
    render_all(first, tmp_path / "one", jobs=1)
    second = prepare(data, register, params)
    second.organisations = second.organisations[:3]
    render_all(second, tmp_path / "two", jobs=2)
    written = sorted((tmp_path / "one").glob("org-*/*"))
    assert len(written) == 6
    for path in written:
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
    # three leaks in one copy: the other organisation's figure and name as text in Bakkerij Aa's page, a figure row
    # of Bakkerij Aa with another organisation's mean, and a letter with a figure of its own
    leaky = tmp_path / "leaky"
    shutil.copytree(tmp_path / "out", leaky)
    page = leaky / "org-a" / "rapport.html"
    text = page.read_text(encoding="utf-8").replace("</main>", f"<p>{PLANTED}: kennisdeling 1,0 (1,0–1,0)</p></main>")
    row = 'data-groep="organisatie" data-schaal="kennisdeling" data-gemiddelde="'
    start = text.index(row) + len(row)
    text = text[:start] + "1,0" + text[text.index('"', start) :]
    page.write_text(text, encoding="utf-8")
    figure = (
        '<svg><g data-groep="organisatie" data-schaal="kennisdeling" data-gemiddelde="3,0" '
        'data-ondergrens="2,5" data-bovengrens="3,5"></g></svg>'
    )
    letter = leaky / "org-p10" / "brief.html"
    letter.write_text(letter.read_text(encoding="utf-8").replace("</main>", figure + "</main>"), encoding="utf-8")
    found = [str(f) for f in check(leaky)]
    assert any("org-a/rapport.html" in f and "uit het rapport van een andere organisatie" in f for f in found)
    assert any("org-a/rapport.html" in f and "naam van een andere organisatie" in f for f in found)
    assert any(
        "org-a/rapport.html" in f and "kennisdeling: een gemiddelde van een andere organisatie" in f for f in found
    )
    assert any("org-p10/brief.html" in f and "een brief met cijfers" in f for f in found)
    assert not any("org-z" in f for f in found)
