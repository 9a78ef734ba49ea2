"""The initial programme theory as CMO statements (data/synthesis/cmo.yml), judged from claims
(competentiecheck.synthesis.realist); issue 20, points 3 and 8 (RAMESES II items 4 and 15)."""

from __future__ import annotations

import re

import pytest
import yaml

from competentiecheck.core.claims import SOURCES, catalogue, make_claim
from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import DATA, REPORT
from competentiecheck.synthesis.realist import CMO_FILE, ClaimLink, Cmo, cmo_fragment, load_cmos, mark_cmos

REASON = {"undetermined": "te weinig gevallen", "not publishable": "minder dan de minimale groepsgrootte"}


def _claim(claim_id, outcome, status="demo", run="totaal"):
    """A claim of the catalogue with this outcome (a literature level needs its label)."""
    fill = {"label": "Organisatie"} if claim_id.startswith("literatuur.niveau.") else {}
    numbers = "" if outcome == "not publishable" else "x"
    return make_claim(
        claim_id,
        run,
        outcome,
        numbers=numbers,
        reason=REASON.get(outcome, ""),
        data_status=status,
        notebook="test",
        **fill,
    )


def _cmo(*links, cmo_id="X"):
    return Cmo(cmo_id, "Proef", "c", "m", "o", "bron", tuple(links))


THREE = (
    ClaimLink("vragenlijst.klimaat_leren"),
    ClaimLink("vragenlijst.leerleiderschap_leren"),
    ClaimLink("plannen.op_maat"),
)


def _verdict(outcomes, links=THREE, status="demo"):
    claims = [_claim(link.id, outcome, status) for link, outcome in zip(links, outcomes, strict=True) if outcome]
    return mark_cmos([_cmo(*links)], claims)[0]


# --------------------------------------------------------------------------- the file


def _levels():
    codebook = yaml.safe_load((DATA / "demo" / "literature" / "thema_codeboek.yml").read_text(encoding="utf-8"))
    return set(codebook["levels"])


def test_every_statement_loads_and_names_claims_of_the_catalogue():
    cmos = load_cmos()
    ids = [cmo.id for cmo in cmos]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[A-Z]", i) for i in ids)
    keys = set(catalogue())
    for cmo in cmos:
        assert cmo.claims, cmo.id
        for link in cmo.claims:
            # checked here without the module: an exact key, or a literature level of the theme codebook
            if link.id.startswith("literatuur.niveau."):
                assert link.id.rsplit(".", 1)[1] in _levels(), link.id
            else:
                assert link.id in keys, link.id
            assert link.expect in ("holds", "does not hold")


def test_an_unknown_claim_id_stops_loading_naming_the_statement(tmp_path):
    data = yaml.safe_load(CMO_FILE.read_text(encoding="utf-8"))
    data["cmos"][1]["claims"].append("vragenlijst.bestaat_niet")
    path = tmp_path / "cmo.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match=r"configuratie B: claim 'vragenlijst.bestaat_niet' staat niet in claims.yml"):
        load_cmos(path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda c: c.pop("mechanism"), r"configuratie A: precies de velden"),
        (lambda c: c.update(outcome=" "), r"configuratie A: outcome moet een niet-lege tekst zijn"),
        (lambda c: c.update(claims=[]), r"configuratie A: geen claims"),
        (lambda c: c.update(claims=[{"id": "plannen.op_maat", "expect": "klopt"}]), r"expect 'klopt'"),
        (lambda c: c.update(claims=["plannen.op_maat", "plannen.op_maat"]), r"twee keer bij de configuratie"),
        (lambda c: c.update(id="B"), r"configuratie 'B' komt twee keer voor"),
    ],
)
def test_a_bad_statement_is_refused(tmp_path, change, message):
    data = yaml.safe_load(CMO_FILE.read_text(encoding="utf-8"))
    change(data["cmos"][0])
    path = tmp_path / "cmo.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_cmos(path)


# --------------------------------------------------------------------------- the rule


def test_all_decided_claims_agree_supported():
    assert _verdict(["holds", "holds", "holds"]).verdict == "ondersteund"


def test_one_claim_flips_refined():
    verdict = _verdict(["holds", "does not hold", "holds"])
    assert verdict.verdict == "verfijnd"
    assert [c.id for c in verdict.contradicting] == ["vragenlijst.leerleiderschap_leren"]
    assert len(verdict.agreeing) == 2


def test_no_claim_agrees_refuted():
    assert _verdict(["does not hold", "does not hold", "does not hold"]).verdict == "weerlegd"


def test_undecided_claims_do_not_count():
    # one holds, one undetermined, one not publishable: judged on the one decided claim
    verdict = _verdict(["holds", "undetermined", "not publishable"])
    assert verdict.verdict == "ondersteund"
    assert len(verdict.undecided) == 2
    # one does not hold, the others undecided or absent: refuted
    assert _verdict(["does not hold", "undetermined", None]).verdict == "weerlegd"


def test_nothing_decided_not_tested():
    verdict = _verdict(["undetermined", "not publishable", None])
    assert verdict.verdict == "niet getoetst"
    assert verdict.absent == ("plannen.op_maat",)
    assert _verdict([None, None, None]).verdict == "niet getoetst"


def test_a_statement_that_expects_a_claim_to_fail():
    """Statement I (co-creation needs shared tasks) expects 'co-creation is rare' and 'low interdependence'
    not to hold: demo circles with co-creation in more than a third of the ties turn it from refuted to
    refined, and to supported once interdependence is high too."""
    statement = next(cmo for cmo in load_cmos() if cmo.id == "I")
    assert {link.id: link.expect for link in statement.claims} == {
        "partnerschappen.cocreatie_zeldzaam": "does not hold",
        "partnerschappen.lage_afhankelijkheid": "does not hold",
    }

    def judge(cocreation, interdependence):
        claims = [
            _claim("partnerschappen.cocreatie_zeldzaam", cocreation),
            _claim("partnerschappen.lage_afhankelijkheid", interdependence),
        ]
        return mark_cmos([statement], claims)[0].verdict

    assert judge("holds", "holds") == "weerlegd"
    assert judge("does not hold", "holds") == "verfijnd"
    assert judge("does not hold", "does not hold") == "ondersteund"


def test_demo_only_is_marked():
    assert _verdict(["holds", "holds", "holds"]).demo_only
    mixed = [_claim(THREE[0].id, "holds", "published"), _claim(THREE[1].id, "holds", "demo")]
    assert not mark_cmos([_cmo(*THREE)], mixed)[0].demo_only
    # only the decided claims count: a real undetermined claim leaves a demo-only verdict demo-only
    undecided_real = [_claim(THREE[0].id, "holds", "demo"), _claim(THREE[1].id, "undetermined", "real")]
    assert mark_cmos([_cmo(*THREE)], undecided_real)[0].demo_only
    assert not _verdict([None, None, None]).demo_only


def test_a_claim_given_twice_is_an_error():
    claims = [_claim("plannen.op_maat", "holds"), _claim("plannen.op_maat", "does not hold", run="perceel-1")]
    with pytest.raises(ValueError, match="plannen.op_maat"):
        mark_cmos([_cmo(*THREE)], claims)


# --------------------------------------------------------------------------- the fragment of chapter 9


def test_the_fragment_counts_and_lists_every_statement():
    cmos = [
        _cmo(THREE[0], cmo_id="P"),
        _cmo(THREE[1], THREE[2], cmo_id="Q"),
        _cmo(ClaimLink("vragenlijst.klimaat_tevredenheid"), cmo_id="R"),
    ]
    claims = [
        _claim(THREE[0].id, "holds", "real", run="perceel-2"),
        _claim(THREE[1].id, "holds", "demo", run="perceel-2"),
        _claim(THREE[2].id, "does not hold", "published", run="totaal"),  # programme-wide, borrowed
    ]
    text = cmo_fragment(mark_cmos(cmos, claims), run="perceel-2")
    # by hand: P supported (one agreeing claim), Q refined (one agrees, one not), R not tested (absent)
    assert "Van de 3 CMO-configuraties" in text
    assert "1 ondersteund, 1 verfijnd en 1 niet getoetst" in text
    rows = [line for line in text.splitlines() if line.startswith("| **")]
    assert [row.split("**")[1] for row in rows] == ["P", "Q", "R"]
    assert "| ondersteund | 1 steunt | echte gegevens |" in rows[0]
    assert "| verfijnd | 1 steunt, 1 spreekt tegen | gepubliceerde cijfers, synthetische demo |" in rows[1]
    assert "| niet getoetst | 1 niet berekend | – |" in rows[2]
    items = [line for line in text.splitlines() if line.startswith("- **")]
    # claims by their short label, linked to the appendix; never by their id (issue 20 review)
    assert items == [
        "- **P** — steunt: [leerklimaat en leren](#bev-vragenlijst-klimaat-leren) (klopt).",
        "- **Q** — steunt: [leerleiderschap en leren](#bev-vragenlijst-leerleiderschap-leren) (klopt); spreekt "
        "tegen: [plannen op maat](#bev-plannen-op-maat) (klopt niet, voor het hele programma).",
        "- **R** — niet berekend voor dit rapport: leerklimaat en jobtevredenheid.",
    ]
    assert "{#tbl-cmo}" in text and "(#sec-bevindingen)" in text
    assert "alleen op de synthetische demo" not in text  # no statement rests on the demo alone
    assert "(#sec-bevindingen)" not in cmo_fragment(mark_cmos(cmos, claims), appendix=None)


def test_the_fragment_says_when_a_verdict_rests_on_the_demo_alone():
    text = cmo_fragment(mark_cmos([_cmo(THREE[0], cmo_id="P")], [_claim(THREE[0].id, "holds", "demo")]))
    assert "Het oordeel over configuratie P rust alleen op de synthetische demo" in text
    assert "| ondersteund (alleen demo) |" in text


# --------------------------------------------------------------------------- the chapter shows the file


def _block(text: str, cmo_id: str) -> str:
    """The part of the chapter from the statement's bold title to the next one (whitespace folded)."""
    match = re.search(rf"^\*\*{cmo_id} · .*?(?=^\*\*[A-Z] · |^## |\Z)", text, re.M | re.S)
    assert match, cmo_id
    return " ".join(match.group(0).split())


def test_the_chapter_states_exactly_the_statements_of_the_file():
    text = (REPORT / "_programmatheorie.qmd").read_text(encoding="utf-8")
    cmos = load_cmos()
    assert re.findall(r"^\*\*([A-Z]) · ", text, re.M) == [cmo.id for cmo in cmos]
    for cmo in cmos:
        block = _block(text, cmo.id)
        assert block.startswith(f"**{cmo.id} · {cmo.name}**"), cmo.id
        assert f"*Context:* {cmo.context}" in block, cmo.id
        assert f"*Mechanisme:* {cmo.mechanism}" in block, cmo.id
        assert f"*Uitkomst:* {cmo.outcome}" in block, cmo.id
        entries = catalogue()
        named = {entries.get(link.id, {"source": link.id.split(".")[0]})["source"] for link in cmo.claims}
        strands = "; ".join(label for key, label in SOURCES.items() if key in named)  # in report order
        assert f"*Getoetst met:* {strands}." in block, cmo.id


def test_the_fragment_names_the_undecided_claims():
    claims = [_claim(THREE[0].id, "holds"), _claim(THREE[1].id, "not publishable"), _claim(THREE[2].id, "undetermined")]
    text = cmo_fragment(mark_cmos([_cmo(*THREE, cmo_id="P")], claims), appendix=None)
    assert "| ondersteund (alleen demo) | 1 steunt, 2 onbeslist of niet publiceerbaar |" in text
    assert (
        "- **P** — steunt: [leerklimaat en leren](#bev-vragenlijst-klimaat-leren) (klopt); beslist niet: "
        "[leerleiderschap en leren](#bev-vragenlijst-leerleiderschap-leren) (niet publiceerbaar), "
        "[plannen op maat](#bev-plannen-op-maat) (onbeslist)." in text
    )
