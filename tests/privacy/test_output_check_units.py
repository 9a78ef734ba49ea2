"""The output checker piece by piece, on small builds written here (fast: no end-to-end build).

Each planted leak is something a reader could exploit; each expectation is worked out by hand (issue 25: the
checker missed a hidden count of exactly 1, dropped the "categories add up to n" relations unnoticed, and
had never seen a recoverable count in the exclusion flow).
"""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from competentiecheck.core.paths import ROOT
from competentiecheck.privacy import output_check as oc
from competentiecheck.privacy.disclosure import Disclosure, Exact

D = Disclosure(min_group_size=5, min_model_n=10, rounding_base=5)
EXACT = Disclosure(min_group_size=5, min_model_n=10, rounding_base=1)  # the old rule: only small counts hidden


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _values(build, run, **values):
    _write(build / run / "values.yml", yaml.safe_dump(values, allow_unicode=True))


def _text(findings):
    return "\n".join(str(f) for f in findings)


# --------------------------------------------------------------------------- single values


@pytest.mark.parametrize(
    "value, problem",
    [
        ("", None),
        ("–", None),
        ("-", None),
        ("nan", None),
        ("None", None),
        ("< 5", None),
        ("×", None),
        ("geen getal", None),
        ("0", None),
        ("2,5", None),
        ("12.5", None),
        (" 15 ", None),
        ("1.007,0", "aantal 1007 is niet afgerond op 5"),
        ("1.005,0", None),
        ("1", "aantal 1 onder de drempel van 5"),
        ("4.0", "aantal 4 onder de drempel van 5"),
        ("5", None),
        ("7", "aantal 7 is niet afgerond op 5"),
        (31, "aantal 31 is niet afgerond op 5"),
        ("-3", "aantal -3 is niet afgerond op 5"),
    ],
)
def test_what_a_published_count_may_be(value, problem):
    assert oc._count_problem(value, D) == problem


def test_columns_of_one_person_of_a_row_and_of_counts():
    headers = ["Categorie", " N ", "Minimum", "rij", "uren"]
    rows = [["a", "3", "1", "8", "2"], ["b", "10"], ["c", "12", "", "", ""]]
    found = _text(oc._check_columns(headers, rows, "t.csv", D))
    assert found.splitlines() == [
        "t.csv: kolom 'minimum': waarde van één persoon",
        "t.csv: kolom 'rij': gegevens per respondent of inzending",
        "t.csv: kolom ' N ': aantal 3 onder de drempel van 5",
        "t.csv: kolom ' N ': aantal 12 is niet afgerond op 5",
    ]
    # counts of records or organisations (the programme-wide steps): no rounding rule, the other checks stay
    records = oc._check_columns(headers, rows, "t.csv", D, counts_of_people=False)
    assert [f.what for f in records] == [
        "kolom 'minimum': waarde van één persoon",
        "kolom 'rij': gegevens per respondent of inzending",
    ]
    for header in ("respondent_id", "org_id", "organisatie", "responseid", "e-mail", "bijdrage", "max"):
        assert oc._check_columns([header], [["x"]], "t", D), header


def test_exact_model_output_only_in_the_totaal_run():
    headers = ["step", "n", "df_residual"]
    rows = [["1", "87", "83"]]
    assert oc._check_columns(headers, rows, "m.csv", D, "totaal") == []  # the exact n is allowed (and audited)
    for run in ("perceel-2", None):
        found = oc._check_columns(headers, rows, "m.csv", D, run)
        assert [f.what for f in found] == [
            "exacte modeluitvoer (residuele vrijheidsgraden) buiten de totaalrun",
            "kolom 'n': aantal 87 is niet afgerond op 5",
        ]
    # in the totaal run the other count columns are still checked, also in a short row
    found = oc._check_columns(["n", "df_residual", "aantal"], [["87", "83", "3"], ["90"]], "m.csv", D, "totaal")
    assert [f.what for f in found] == ["kolom 'aantal': aantal 3 onder de drempel van 5"]


def test_numbers_and_aggregate_headers():
    assert oc._number(" 2,5 ") == 2.5 and oc._number("\u22123") == -3.0 and oc._number("1.5") == 1.5
    assert oc._number("1,234.5") is None and oc._number("nan") is None and oc._number("–") is None
    assert oc._number("abc") is None and oc._number("7") == 7.0
    for header in ("gemiddelde_bijdrage", "Mean", "sd", "Std-afwijking", "som uren", "mediaan", "SUM"):
        assert oc._is_aggregate(header), header
    for header in ("n", "perceel", "banden", "procent", "assd"):
        assert not oc._is_aggregate(header), header


def test_an_aggregate_next_to_fewer_than_five_units():
    headers = ["perceel", "plannen", "uren", "n"]
    rows = [["1", "3", "7.3", "10"], ["2", "5", "8.1", "3"], ["3", "2", "–", "0"], ["4", "1,0", "2", "x"], ["5"]]
    found = _text(oc._check_small_aggregates(headers, rows, "u.csv", D))
    assert found.splitlines() == [
        "u.csv: kolom 'uren': aggregaat over 3 eenheden (kolom 'plannen'), onder de drempel van 5",
        "u.csv: kolom 'uren': aggregaat over 3 eenheden (kolom 'n'), onder de drempel van 5",
        "u.csv: kolom 'uren': aggregaat over 1 eenheden (kolom 'plannen'), onder de drempel van 5",
    ]
    assert oc._check_small_aggregates(["n", "gemiddelde"], [["2.5", "3"], ["0", "3"]], "u", D) == []


def test_means_of_the_qualitative_steps_carry_at_most_two_decimals():
    headers = ["profiel", "plannen", "uren", "gemiddelde_bijdrage"]
    rows = [["a", "15", "15.06", "2.10000"], ["b", "15", "15.058823529411764", "2.1"], ["c", "5", "3.0001", "x.123"]]
    found = oc._check_precision(headers, rows, "p.csv")
    assert [f.what for f in found] == [
        "kolom 'uren': gemiddelde met volle precisie (15 decimalen) verraadt het aantal waarover het gaat"
    ]
    assert oc._check_precision(["uren"], [["1.234"], ["1.5"], []], "p") != []
    assert oc._check_precision(["plannen"], [["1.23456"]], "p") == []


def test_identifiers_secrets_and_file_names_in_text():
    text = (
        "ORG-0a1b2c3d4e R0042 R_1a2b3c4d5e6f7g8h jan@example.be 0475 12 34 56 "
        "vragenlijst_online_nl.csv, rij 8 Jansen BV segmenten_codeur_a.csv"
    )
    found = oc._check_text(text, "p.html", {"Jansen BV", "niet hier"}, frozenset({"segmenten_codeur_a.csv"}))
    assert [f.what for f in found] == [
        "organisatiepseudoniem: 'ORG-…' (14 tekens)",
        "respondentnummer: 'R004…' (5 tekens)",
        "response-id van de surveytool: 'R_1a…' (18 tekens)",
        "e-mailadres: 'jan@…' (14 tekens)",
        "telefoonnummer: '0475…' (13 tekens)",
        "verwijzing naar bestand en rij: '.csv…' (11 tekens)",
        "identificerende tekst uit de data: 'Jans…' (9 tekens)",
        "vrij gekozen naam van een invoerbestand: 'segm…' (22 tekens)",
    ]
    many = " ".join(f"R{1000 + i}" for i in range(8))
    assert len(oc._check_text(many, "p", set())) == 5  # enough to find them, never a listing
    assert oc._check_text("niets bijzonders", "p", {"x" * 8}) == []


def test_html_tables_are_read_with_their_headers_aligned_from_the_right(tmp_path):
    page = _write(
        tmp_path / "p.html",
        "<html><head><style>.n {}</style><script>var secret = 'R1234';</script></head><body>"
        "<table><tr><th>categorie</th><th>n</th></tr><tr><th>0</th><td>a</td><td>3</td></tr></table>"
        "<table></table><p>Tekst</p></body></html>",
    )
    tables, text = oc._html_tables_and_text(page)
    assert tables == [(["categorie", "n"], [["a", "3"]]), ([], [])]
    assert "Tekst" in text and "R1234" not in text and ".n" not in text


def _pdf(pages: list[str]) -> bytes:
    """A minimal PDF, one line of Helvetica text per page, written out by hand (no PDF library; a typesetter
    started in a forked test process can hang)."""
    count = len(pages)
    objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {count} >>")
    font = 3 + 2 * count
    for i, text in enumerate(pages):
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>"
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


@pytest.fixture
def pdf(tmp_path):
    path = tmp_path / "p.pdf"
    path.write_bytes(_pdf(["Eerste pagina ORG-0a1b2c3d4e", "Tweede pagina"]))
    return path


def test_the_text_of_a_pdf(pdf):
    text = oc._pdf_text(pdf)
    assert "Eerste pagina ORG-0a1b2c3d4e" in text and text.index("Eerste") < text.index("Tweede")
    assert "\n" in text


# --------------------------------------------------------------------------- what the checker knows


def test_public_words_free_file_names_and_quote_names():
    vocabulary = oc._public_vocabulary()
    assert vocabulary == vocabulary.casefold() and "perceel" in vocabulary and "min_group_size" in vocabulary
    names = oc._free_file_names()
    assert "segmenten_codeur_a.csv" in names and "segmenten_codeur_a" in names  # a stem with '_' is a name too
    assert "vragenlijst_online_nl.csv" in names and "interviews" not in names  # 'interviews.qdpx': plain stem
    assert not names & {"casussen.csv", "deelnemers.csv", "plannen.csv", "gesprekken.csv", "profielen.yml"}
    by_kind, allow = oc._qualitative_names()
    assert "Alimento" in by_kind["sectorfonds"] and "Horeca" in {s.split()[0] for s in by_kind["sector"]}
    assert by_kind["casus"] and by_kind["gesprek"] and isinstance(allow, set) and allow
    found = oc._check_quotes(
        ["thema", "Citaat"],
        [["t", "Bij Alimento ging het goed."], ["t", "Niets te melden hier."], ["t"]],
        "c.csv",
        by_kind,
        allow,
    )
    assert [f.what for f in found] == ["citaat op rij 2: naam uit de metadata: sectorfonds op teken 4-12"]
    assert oc._check_quotes(["tekst"], [["Bij Alimento"]], "c.csv", by_kind, allow) == []  # not a quote column


def test_secrets_come_from_the_pseudonyms_and_the_free_text_answers(tmp_path):
    pd.DataFrame({"org_id": ["ORG-0a1b2c3d4e", None]}).to_parquet(tmp_path / "vragenlijst.parquet")
    pd.DataFrame(
        {
            "respondent_id": ["R0001", "R0002", "R0003"],
            "sector_tekst": ["'Bakkerij Peeters", "kort", "Horeca"],
            "statuut_tekst": [None, "  Zelfstandig in bijberoep  ", "perceel"],
        }
    ).to_csv(tmp_path / "vrije_tekst.csv", index=False)
    secrets = oc._secrets(tmp_path)
    # short answers, answers the parameters or the codebook publish anyway, and respondent numbers are left out
    assert secrets == {"ORG-0a1b2c3d4e", "Bakkerij Peeters", "Zelfstandig in bijberoep"}
    assert oc._secrets(tmp_path / "leeg") == set()


# --------------------------------------------------------------------------- the audit of hidden cells


def test_a_hidden_perceel_of_exactly_one_is_found(tmp_path):
    for run, n in {"totaal": 94, "perceel-1": 20, "perceel-2": 31, "perceel-3": "< 5", "perceel-4": 25}.items():
        _values(tmp_path, run, n_geanalyseerd=n)
    _values(tmp_path, "perceel-5", n_geanalyseerd=17)
    found = oc.audit_hidden_cells(tmp_path, EXACT)
    assert [f.what for f in found] == ["verborgen aantal n is exact af te leiden: 1"]  # 94 - 20 - 31 - 25 - 17
    assert (
        found[0].where.endswith("perceel-3 (" + str((tmp_path / "perceel-3" / "values.yml").relative_to("/")) + ")")
        or "perceel-3" in found[0].where
    )


def test_a_hidden_category_that_follows_from_the_runs_n_is_found(tmp_path):
    # totaal: n = 17 with 10 women, 5 men and the rest '< 5' (and zeros): 17 - 10 - 5 = 2 non-binary
    _values(tmp_path, "totaal", n_geanalyseerd=17)
    _write(
        tmp_path / "totaal" / "tables" / "steekproef_geslacht.csv",
        "variabele,code,categorie,n,procent\ngeslacht,1,Vrouwelijk,10,x\ngeslacht,2,Mannelijk,5,x\n"
        "geslacht,3,Non-binair,< 5,–\ngeslacht,,Niet ingevuld,0,0\n",
    )
    found = oc.audit_hidden_cells(tmp_path, EXACT)
    assert [f.what for f in found] == ["verborgen aantal geslacht / Non-binair is exact af te leiden: 2"]
    assert "totaal" in found[0].where
    # rounded as the pipeline publishes (base 5), the same table leaves 0 to 4 possible: nothing found
    assert oc.audit_hidden_cells(tmp_path, D) == []


def test_a_hidden_number_of_missing_answers_follows_from_the_numeric_table(tmp_path):
    # 20 respondents, 18 gave their age: the 2 who did not follow from n minus the published n
    _values(tmp_path, "totaal", n_geanalyseerd=20)
    _write(
        tmp_path / "totaal" / "tables" / "steekproef_numeriek.csv",
        "variabele,omschrijving,n,gemiddelde,sd\nleeftijd,Leeftijd,18,40,9\n",
    )
    found = oc.audit_hidden_cells(tmp_path, EXACT)
    assert [f.what for f in found] == ["verborgen aantal numeriek-ontbreekt / leeftijd is exact af te leiden: 2"]
    assert "(niet gepubliceerd)" in found[0].where


def test_a_hidden_count_in_the_exclusion_flow_is_found(tmp_path):
    # received 20, consent 18 (2 out, shown '< 5'), eligible 18, unique 18, analysed 17 (1 out, shown '< 5'),
    # with the reasons of each stage: a reader subtracts the stages and gets both small counts
    _values(tmp_path, "totaal", n_geanalyseerd=17, n_uitgesloten="< 5")
    _write(
        tmp_path / "totaal" / "tables" / "exclusiestroom.csv",
        "fase,aantal,uitgevallen\nontvangen,20,\ntoestemming,18,< 5\ngeschikt,18,0\nuniek,18,0\ngeanalyseerd,17,< 5\n",
    )
    _write(
        tmp_path / "totaal" / "tables" / "exclusieredenen.csv",
        "fase,reden,aantal\ntoestemming,geen toestemming,< 5\ngeanalyseerd,onvoldoende ingevuld,< 5\n",
    )
    found = sorted(f.what for f in oc.audit_hidden_cells(tmp_path, EXACT))
    assert found == [
        "verborgen aantal reden / geanalyseerd / onvoldoende ingevuld is exact af te leiden: 1",
        "verborgen aantal reden / toestemming / geen toestemming is exact af te leiden: 2",
        "verborgen aantal uitgesloten is exact af te leiden: 3",
        "verborgen aantal uitgevallen / geanalyseerd is exact af te leiden: 1",
        "verborgen aantal uitgevallen / toestemming is exact af te leiden: 2",
    ]
    assert oc.audit_hidden_cells(tmp_path, D) == []  # rounded: 20 is 18-22, 18 is 16-20, ... nothing exact


def test_a_reason_a_perceel_does_not_list_is_a_zero_and_a_submission_without_a_perceel_is_counted(tmp_path):
    # the totaal lists two reasons at 'toestemming', perceel 1 only one: its other reason is a known 0.
    # Submissions without a perceel never pass 'geschikt': known zeros from there on, unknown before.
    _values(tmp_path, "totaal", n_geanalyseerd=10)
    _write(
        tmp_path / "totaal" / "tables" / "exclusiestroom.csv",
        "fase,aantal,uitgevallen\nontvangen,18,\ntoestemming,10,8\ngeschikt,10,0\n",
    )
    _write(
        tmp_path / "totaal" / "tables" / "exclusieredenen.csv",
        "fase,reden,aantal\ntoestemming,a,< 5\ntoestemming,b,6\n",
    )
    _values(tmp_path, "perceel-1", n_geanalyseerd=10)
    _write(
        tmp_path / "perceel-1" / "tables" / "exclusiestroom.csv",
        "fase,aantal,uitgevallen\nontvangen,16,\ntoestemming,10,6\ngeschikt,10,0\n",
    )
    _write(tmp_path / "perceel-1" / "tables" / "exclusieredenen.csv", "fase,reden,aantal\ntoestemming,b,6\n")
    shown, relations, cells = oc.published_structure(tmp_path)
    assert shown[("perceel-1", "reden", "toestemming", "a")] == 0
    assert ("perceel-2", "reden", "toestemming", "a") not in shown  # perceel 2 published no flow: unknown
    assert shown[("onbekend", "n")] == 0 and shown[("onbekend", "stroom", "geschikt")] == 0
    assert ("onbekend", "stroom", "toestemming") not in shown
    parts = [*oc.PERCELEN, "onbekend"]
    assert (("totaal", "stroom", "ontvangen"), tuple((r, "stroom", "ontvangen") for r in parts)) in relations
    assert (("totaal", "n"), tuple((r, "n") for r in parts)) in relations
    assert cells[("totaal", "n")].endswith("totaal/values.yml") and cells[("perceel-3", "n")].endswith(
        "perceel-3/values.yml"
    )
    assert cells[("onbekend", "n")] == "(niet gepubliceerd)"
    # the totaal's 18 received minus perceel 1's 16: 2 submissions elsewhere, all refused for reason a, the
    # totaal's '< 5' (= 18 - 10 - 6 of b): a reader gets the 2 of reason a outside perceel 1
    found = [f.what for f in oc.audit_hidden_cells(tmp_path, EXACT)]
    assert found == ["verborgen aantal reden / toestemming / a is exact af te leiden: 2"]


def test_models_and_their_exact_n(tmp_path):
    # the totaal publishes a model's exact n (87 of 90): the 3 dropped listwise are registered, unpublished
    _values(tmp_path, "totaal", n_geanalyseerd=90)
    steps = "step,block,n,df_residual\n1,A,87,83\n"
    _write(tmp_path / "totaal" / "tables" / "regressie_methode_jobtevredenheid_stappen.csv", steps)
    _write(tmp_path / "perceel-1" / "tables" / "regressie_gepubliceerd_intentie_retentie_stappen.csv", "step,n\n1,40\n")
    shown, relations, cells = oc.published_structure(tmp_path)
    assert shown[("totaal", "model", "methode", "jobtevredenheid")] == Exact(87)
    assert shown[("perceel-1", "model", "gepubliceerd", "intentie_retentie")] == 40
    assert (
        (
            ("totaal", "n"),
            (
                ("totaal", "model", "methode", "jobtevredenheid"),
                ("totaal", "model-weggevallen", "methode", "jobtevredenheid"),
            ),
        )
    ) in relations
    found = [f.what for f in oc.audit_hidden_cells(tmp_path, EXACT)]
    assert found == ["verborgen aantal model-weggevallen / methode / jobtevredenheid is exact af te leiden: 3"]
    assert oc._model_key(tmp_path / "regressie_gepubliceerd_a_b_stappen.csv") == ("gepubliceerd", "a_b")
    assert oc._model_key(tmp_path / "regressie_onbekend_a_stappen.csv") is None


def test_a_table_of_another_shape_is_reported_not_trusted(tmp_path):
    _write(tmp_path / "totaal" / "tables" / "exclusiestroom.csv", "fase,aantal\nontvangen,20\n")
    found = oc.audit_hidden_cells(tmp_path, D)
    assert (
        len(found) == 1
        and "onverwachte tabelvorm" in found[0].what
        and "kolommen ['uitgevallen'] ontbreken" in found[0].what
    )
    _write(tmp_path / "totaal" / "tables" / "exclusiestroom.csv", "fase,aantal,uitgevallen\nontvangen,20,\n")
    _write(tmp_path / "totaal" / "tables" / "regressie_methode_x_stappen.csv", "step,n\n")
    found = oc.audit_hidden_cells(tmp_path, D)
    assert len(found) == 1 and "geen modelnaam of geen stappen" in found[0].what
    assert oc.audit_hidden_cells(tmp_path / "leeg", D) == []  # nothing published: nothing to audit
    assert oc._read_shown(tmp_path / "nergens.csv", {"n"}) is None
    assert oc._shown_value(" 12 ") == 12 and oc._shown_value("12.0") == 12 and oc._shown_value("–") is None
    assert oc._shown_value("") is None and oc._shown_value("< 5") == "< 5"


def test_counts_that_contradict_each_other_are_reported(tmp_path):
    for run, n in {"totaal": 10, "perceel-1": 20}.items():
        _values(tmp_path, run, n_geanalyseerd=n)
    found = oc.audit_hidden_cells(tmp_path, EXACT)
    assert len(found) == 1 and "tegenstrijdig" in found[0].what


# --------------------------------------------------------------------------- means of contribution scores


def _measures(build, text):
    return _write(build / "partnerschappen" / "tables" / "netwerkmaten.csv", text)


def test_a_hidden_mean_that_follows_from_the_programme_mean(tmp_path):
    _measures(
        tmp_path,
        "perceel,respondenten,banden,gemiddelde_bijdrage\n1,1,3,\n2,8,20,2.1\n3,3,20,2.3\n4,0,0,\nprogramma,12,43,2.2\n",
    )
    found = [f.what for f in oc.audit_score_means(tmp_path, D)]
    assert found == [
        "gemiddelde bijdrage van perceel 3 over minder dan 5 respondenten",
        "verborgen gemiddelde bijdrage van perceel 1 volgt uit het programmagemiddelde en de getoonde percelen "
        "(1 respondent(en) samen)",
    ]
    # with the programme mean hidden too, or the hidden percelen holding 5 together, nothing follows
    _measures(tmp_path, "perceel,respondenten,banden,gemiddelde_bijdrage\n1,1,3,\n2,8,20,2.1\nprogramma,9,23,–\n")
    assert oc.audit_score_means(tmp_path, D) == []
    _measures(
        tmp_path, "perceel,respondenten,banden,gemiddelde_bijdrage\n1,2,3,\n2,3,3,nan\n3,8,20,2.1\nprogramma,13,26,2\n"
    )
    assert oc.audit_score_means(tmp_path, D) == []
    _measures(tmp_path, "perceel,respondenten,banden,gemiddelde_bijdrage\n1,1,3,\n3,8,20,2.1\n")  # no programme row
    assert [f.what for f in oc.audit_score_means(tmp_path, D)][0].startswith(
        "verborgen gemiddelde bijdrage van perceel 1"
    )
    _measures(tmp_path, "perceel,banden\n1,3\n")
    found = [f.what for f in oc.audit_score_means(tmp_path, D)]
    assert found == [
        "onverwachte tabelvorm: kolommen ['gemiddelde_bijdrage', 'respondenten'] ontbreken, afleidbaarheid van de gemiddelden niet te controleren"
    ]
    assert oc.audit_score_means(tmp_path / "leeg", D) == []


def test_the_plan_audit_runs_only_on_a_build_with_plan_tables(tmp_path):
    assert oc.audit_plans(tmp_path, D) == []


# --------------------------------------------------------------------------- a whole build


def _clean_build(tmp_path):
    out, build, processed = tmp_path / "uit", tmp_path / "build", tmp_path / "processed"
    _write(
        out / "totaal" / "index.html",
        "<html><body><table><tr><th>categorie</th><th>n</th></tr><tr><td>a</td><td>15</td></tr></table><p>Rapport</p></body></html>",
    )
    _write(out / "index.html", "<html><body><p>Overzicht</p></body></html>")
    _values(build, "totaal", n_geanalyseerd=15, n_ontvangen=20, n_uitgesloten=5)
    _write(
        build / "totaal" / "tables" / "steekproef_geslacht.csv",
        "variabele,code,categorie,n,procent\ngeslacht,1,Vrouwelijk,15,100\n",
    )
    _write(build / "totaal" / "fragments" / "steekproef.md", "Vijftien respondenten.\n")
    _write(build / "totaal" / "values" / "extra.yml", "iets: 1\n")
    _write(build / "interviews" / "tables" / "codefrequenties.csv", "code,interviews\nTijd,3\n")
    processed.mkdir()
    return out, build, processed


def test_a_clean_build_passes_and_every_kind_of_file_is_read(tmp_path, pdf):
    out, build, processed = _clean_build(tmp_path)
    assert oc.check_outputs(out, build, processed, D) == []
    # plant one leak per kind of file
    _write(out / "perceel-1" / "index.html", "<table><tr><th>aantal</th></tr><tr><td>3</td></tr></table>")
    (out / "perceel-1" / "report.pdf").write_bytes(pdf.read_bytes())
    _write(build / "totaal" / "tables" / "beschrijvend.csv", "variabele,n,gemiddelde,minimum\nx,3,2.5,1\n")
    _write(build / "totaal" / "fragments" / "extra.md", "Zie R0042.\n")
    _values(build, "perceel-2", n_geanalyseerd=31)
    _write(build / "perceel-2" / "values" / "meer.yml", "n_uitgesloten: 2\n")
    _write(build / "interviews" / "tables" / "uren.csv", "profiel,interviews,uren\nA,3,2.123\n")
    _write(build / "interviews" / "tables" / "citaten.csv", "thema,citaat\nt,Bij Alimento was het goed.\n")
    _write(build / "literatuur" / "tables" / "records.csv", "bron,n\nx,3\n")  # records: no rounding rule
    found = _text(oc.check_outputs(out, build, processed, D))
    for expected in (
        "perceel-1/index.html: kolom 'aantal': aantal 3 onder de drempel van 5",
        "perceel-1/report.pdf: organisatiepseudoniem",
        "totaal/tables/beschrijvend.csv: kolom 'minimum': waarde van één persoon",
        "totaal/tables/beschrijvend.csv: kolom 'n': aantal 3 onder de drempel van 5",
        "totaal/tables/beschrijvend.csv: kolom 'gemiddelde': aggregaat over 3 eenheden",
        "totaal/fragments/extra.md: respondentnummer",
        "perceel-2/values.yml: n_geanalyseerd: aantal 31 is niet afgerond op 5",
        "perceel-2/values/meer.yml: n_uitgesloten: aantal 2 onder de drempel van 5",
        "interviews/tables/uren.csv: kolom 'uren': gemiddelde met volle precisie",
        "interviews/tables/citaten.csv: citaat op rij 2: naam uit de metadata: sectorfonds",
    ):
        assert expected in found, expected
    assert "literatuur/tables/records.csv: kolom 'n'" not in found
    # each finding once, in a stable order
    findings = oc.check_outputs(out, build, processed, D)
    assert len(findings) == len(set(findings)) and findings == oc.check_outputs(out, build, processed, D)


def test_the_hidden_cells_the_score_means_and_the_claims_are_part_of_the_check(tmp_path):
    out, build, processed = _clean_build(tmp_path)
    for run, n in {"perceel-1": "< 5", "perceel-2": 12, "totaal": 15}.items():
        _values(build, run, n_geanalyseerd=n)
    _measures(build, "perceel,respondenten,banden,gemiddelde_bijdrage\n1,1,3,\n2,8,20,2.1\nprogramma,9,23,2.2\n")
    from competentiecheck.core.claims import make_claim, write_claims

    claim = make_claim(
        "vragenlijst.klimaat_tevredenheid",
        "perceel-2",
        "holds",
        numbers="n = 3",
        n="3",
        data_status="demo",
        notebook="02_survey",
    )
    write_claims([claim], build / "perceel-2")
    found = _text(oc.check_outputs(out, build, processed, EXACT))
    assert "exact af te leiden" not in found and "tegenstrijdig" not in found  # percelen 3-5 unknown: 1 to 3
    assert "netwerkmaten.csv: verborgen gemiddelde bijdrage van perceel 1" in found
    assert "claim vragenlijst.klimaat_tevredenheid (perceel-2): n = 3 onder de drempel" in found
    for run in ("perceel-3", "perceel-4", "perceel-5"):
        _values(build, run, n_geanalyseerd=0)
    assert "perceel-1 (" in _text(oc.check_outputs(out, build, processed, EXACT))
    assert "verborgen aantal n is exact af te leiden: 3" in _text(oc.check_outputs(out, build, processed, EXACT))


def test_the_command_line(tmp_path, capsys):
    out, build, processed = _clean_build(tmp_path)
    assert oc.main(["--output", str(tmp_path / "leeg"), "--build", str(build)]) == 2
    assert "voer eerst `make report` uit" in capsys.readouterr().err
    assert oc.main(["--output", str(out), "--build", str(build), "--processed", str(processed)]) == 0
    printed = capsys.readouterr().out
    assert "Uitvoercontrole: geen bevindingen (2 HTML- en PDF-bestanden" in printed
    _write(build / "totaal" / "fragments" / "lek.md", "R0042\n")
    assert oc.main(["--output", str(out), "--build", str(build), "--processed", str(processed)]) == 1
    captured = capsys.readouterr()
    assert "fragments/lek.md: respondentnummer" in captured.out and "1 bevinding(en)" in captured.err
    assert str(ROOT) in captured.err or "niets publiceren" in captured.err


# --------------------------------------------------------------------------- edges a mutation test found


def test_short_rows_and_headers_joined_by_underscores():
    assert oc._check_columns(["a", "n"], [["x"]], "t", D) == []  # the count cell is missing: nothing to check
    assert oc._check_small_aggregates(["n", "uren"], [["3"]], "t", D) == []
    assert oc._check_precision(["uren"], [[]], "t") == []
    assert oc._is_aggregate("aantal_uren") and oc._is_aggregate("aantal-uren") and not oc._is_aggregate("aantal")
    found = oc._check_columns(["n", "df_residual"], [["87", "83"]], "m.csv", D, "perceel-1")
    assert found[0].where == "m.csv"


def test_the_model_of_the_longest_matching_configuration(monkeypatch):
    configurations = {"basis": {}, "basis_uitgebreid": {}, "ander": {}}
    monkeypatch.setattr(oc, "load_params", lambda run: {"statistics": {"configurations": configurations}})
    assert oc._model_key(oc.Path("regressie_basis_uitgebreid_y_stappen.csv")) == ("basis_uitgebreid", "y")
    assert oc._model_key(oc.Path("regressie_basis_y_stappen.csv")) == ("basis", "y")


def test_the_text_of_every_page_of_a_pdf(tmp_path):
    path = tmp_path / "p.pdf"
    path.write_bytes(_pdf(["Eerste", "", "Derde"]))
    assert oc._pdf_text(path) == "Eerste\n\nDerde"


def test_means_of_exactly_one_and_exactly_five_respondents_and_the_programme_row(tmp_path):
    _measures(
        tmp_path,
        "perceel,respondenten,banden,gemiddelde_bijdrage\n1,1,3,2.0\n2,5,9,2.5\n3,0,0,1.0\nprogramma,3,12,2.4\n",
    )
    # perceel 1: one respondent behind a shown mean; 5 is enough; 0 respondents: no mean of anybody;
    # the programme row is not a perceel (its own count is the sum)
    assert [f.what for f in oc.audit_score_means(tmp_path, D)] == [
        "gemiddelde bijdrage van perceel 1 over minder dan 5 respondenten"
    ]
    _measures(tmp_path, "perceel,banden\n1,3\n")
    assert oc.audit_score_means(tmp_path, D)[0].where.endswith("partnerschappen/tables/netwerkmaten.csv")


def test_the_plan_audit_gets_the_plans_and_sectors_a_reader_knows(tmp_path, monkeypatch):
    import csv

    from competentiecheck.core.paths import DATA
    from competentiecheck.privacy import plan_audit

    calls = []

    def fake(build, disclosure, plans, sectors, min_cases):
        calls.append((build, disclosure, plans, sectors, min_cases))
        return [("documenten/tables/x.csv", "bevinding")]

    monkeypatch.setattr(plan_audit, "audit_documents", fake)
    (tmp_path / "documenten" / "tables").mkdir(parents=True)
    assert oc.audit_plans(tmp_path, D) == [oc.Finding("documenten/tables/x.csv", "bevinding")]
    build, disclosure, plans, sectors, min_cases = calls[0]
    assert build == tmp_path and disclosure is D and min_cases == 5
    assert plans == {1: 8, 2: 14, 3: 3, 4: 20, 5: 15}  # §5.1.1, in the parameters of each perceel
    by_hand: dict[int, set[str]] = {}
    with open(DATA / "demo" / "documenten" / "plannen.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            by_hand.setdefault(int(row["perceel"]), set()).add(row["sector"].strip())
    assert sectors == by_hand
    # the whole check hands it the same disclosure
    out, build_dir, processed = tmp_path / "uit", tmp_path, tmp_path / "processed"
    _write(out / "totaal" / "index.html", "<p>x</p>")
    processed.mkdir()
    assert "bevinding" in _text(oc.check_outputs(out, build_dir, processed, D)) and calls[-1][1] is D


def test_findings_name_the_file_they_are_in(tmp_path):
    out, build, processed = _clean_build(tmp_path)
    pd.DataFrame({"org_id": ["ORG-0a1b2c3d4e"]}).to_parquet(processed / "vragenlijst.parquet")
    pd.DataFrame({"respondent_id": ["R0001"], "sector_tekst": ["Bakkerij Peeters"]}).to_csv(
        processed / "vrije_tekst.csv", index=False
    )
    _write(
        out / "perceel-2" / "index.html",
        "<p>Bakkerij Peeters</p><table><tr><th>n</th><th>df_residual</th></tr><tr><td>85</td><td>80</td></tr></table>",
    )
    _write(
        out / "totaal" / "model.html",
        "<table><tr><th>n</th><th>df_residual</th></tr><tr><td>87</td><td>83</td></tr></table>",
    )
    _write(
        out / "perceel-2" / "notebooks" / "n.html",
        "<table><tr><th>plannen</th><th>uren</th></tr><tr><td>3</td><td>7.5</td></tr></table>",
    )
    (out / "perceel-2" / "report.pdf").write_bytes(_pdf(["Bakkerij Peeters", "segmenten_codeur_a.csv"]))
    _write(build / "totaal" / "tables" / "t.csv", "a,b\nBakkerij Peeters,segmenten_codeur_a.csv\n")
    _write(build / "totaal" / "tables" / "regressie_methode_x_stappen.csv", "step,n,df_residual\n1,87,83\n")
    _write(build / "perceel-1" / "tables" / "regressie_methode_x_stappen.csv", "step,n,df_residual\n1,87,83\n")
    _write(build / "totaal" / "fragments" / "f.md", "Bakkerij Peeters segmenten_codeur_a.csv\n")
    _write(build / "totaal" / "values.yml", "n_geanalyseerd: 15\ntekst: Bakkerij Peeters segmenten_codeur_a.csv\n")
    _write(build / "totaal" / "values" / "v.yml", "tekst: Bakkerij Peeters segmenten_codeur_a.csv\n")
    found = _text(oc.check_outputs(out, build, processed, D))
    where = "identificerende tekst uit de data: 'Bakk…' (16 tekens)"
    name = "vrij gekozen naam van een invoerbestand: 'segm…' (22 tekens)"
    for path in ("perceel-2/index.html", "perceel-2/report.pdf"):
        assert f"{path}: {where}" in found, path
    assert "perceel-2/report.pdf: " + name in found
    for path in ("totaal/tables/t.csv", "totaal/fragments/f.md", "totaal/values.yml", "totaal/values/v.yml"):
        assert f"{path}: {where}" in found and f"{path}: {name}" in found, path
    assert "perceel-2/index.html: exacte modeluitvoer (residuele vrijheidsgraden) buiten de totaalrun" in found
    assert (
        "totaal/model.html: exacte" not in found
        and "totaal/tables/regressie_methode_x_stappen.csv: exacte" not in found
    )
    assert "perceel-1/tables/regressie_methode_x_stappen.csv: exacte modeluitvoer" in found
    assert "perceel-2/notebooks/n.html: kolom 'uren': aggregaat over 3 eenheden (kolom 'plannen')" in found


def test_the_command_line_in_full(tmp_path, monkeypatch, capsys):
    with pytest.raises(SystemExit):
        oc.main(["--help"])
    helptext = " ".join(capsys.readouterr().out.split())
    for text in (
        "Controleer alle uitvoer op de privacybelofte.",
        "map met de gepubliceerde rapporten",
        "map met de tabellen die de rapporten voeden",
        "opgeschoonde data (bron van identificatoren)",
    ):
        assert text in helptext, text
    out, build, processed = _clean_build(tmp_path)
    (tmp_path / "leeg").mkdir()
    assert oc.main(["--output", str(tmp_path / "leeg")]) == 2
    capsys.readouterr()
    # the defaults: the project's own folders
    monkeypatch.setattr(oc, "REPORT_OUTPUT", out)
    monkeypatch.setattr(oc, "BUILD", build)
    monkeypatch.setattr(oc, "PROCESSED", processed)
    _write(build / "totaal" / "fragments" / "lek.md", "R0042\n")
    pd.DataFrame({"org_id": ["ORG-0a1b2c3d4e"]}).to_parquet(processed / "vragenlijst.parquet")
    _write(build / "totaal" / "fragments" / "pseudoniem.md", "ORG-0a1b2c3d4e\n")
    assert oc.main([]) == 1
    printed = capsys.readouterr().out
    assert "fragments/lek.md: respondentnummer" in printed
    assert "fragments/pseudoniem.md: identificerende tekst uit de data" in printed  # from the default processed


def test_html_cells_made_of_several_pieces_and_header_rows_of_td_cells(tmp_path):
    page = _write(
        tmp_path / "p.html",
        "<table><tr><th>groep</th><th>n <i>met score</i></th></tr><tr><td>a</td><td>3</td></tr></table>"
        "<table><tr><td>categorie</td><td>aantal</td></tr><tr><td>b</td><td>1<br>2</td></tr></table>",
    )
    tables, _ = oc._html_tables_and_text(page)
    assert tables == [(["groep", "n met score"], [["a", "3"]]), (["categorie", "aantal"], [["b", "1 2"]])]
    found = [f.what for f in oc._check_columns(*tables[0], "p", D)] + [
        f.what for f in oc._check_columns(*tables[1], "p", D)
    ]
    assert found == ["kolom 'n met score': aantal 3 onder de drempel van 5"]  # '1 2' is no count of 12


def test_free_file_names_from_eight_characters_on(monkeypatch, tmp_path):
    files = [tmp_path / n for n in ("abcd_123.csv", "abc_1234567.csv", "abc_123.csv", "Xylofoon.csv", "casussen.csv")]
    monkeypatch.setattr(oc, "input_files", lambda folder: files)
    monkeypatch.setattr(oc, "survey_folder", lambda: tmp_path)
    monkeypatch.setattr(oc, "input_folder", lambda kind: tmp_path)
    names = oc._free_file_names()
    # a stem of 8 characters or more with a digit, '_' or '-' is a name too; 'Xylofoon' is a plain word
    assert names == {"abcd_123.csv", "abcd_123", "abc_1234567.csv", "abc_1234567", "abc_123.csv", "Xylofoon.csv"}


def test_quote_names_from_both_steps(monkeypatch):
    params = {
        "interviews": {"deny_list": ["Geheimbedrijf"], "quote_allow": ["Antwerpen"]},
        "partnerships": {"deny_list": ["Ander"], "quote_allow": ["Gent"]},
    }
    monkeypatch.setattr(oc, "load_params", lambda run: params)
    names, allow = oc._qualitative_names()
    from competentiecheck.core import identifiers

    assert names[identifiers.DENY_KIND] >= {"Geheimbedrijf", "Ander"} and allow == {"Antwerpen", "Gent"}


def test_at_most_five_secrets_and_names_per_file():
    secrets = {f"Bedrijf nummer {i}" for i in range(7)}
    names = frozenset(f"bestand_{i}.csv" for i in range(7))
    text = " ".join(sorted(secrets)) + " " + " ".join(sorted(names))
    found = [f.what for f in oc._check_text(text, "p", secrets, names)]
    assert sum(w.startswith("identificerende") for w in found) == 5
    assert sum(w.startswith("vrij gekozen") for w in found) == 5


def test_secrets_skip_respondent_numbers_and_short_answers_by_their_length(tmp_path):
    pd.DataFrame(
        {
            "respondent_id": ["R000001", "R000002", "R000003"],
            "sector_tekst": ["Bakker", "Xavier Janssens", "'Xander"],
            "statuut_tekst": ["1234567", "Kort", "12345"],
        }
    ).to_csv(tmp_path / "vrije_tekst.csv", index=False)
    assert oc._secrets(tmp_path) == {"Bakker", "Xavier Janssens", "Xander", "1234567"}


def test_where_a_finding_of_the_audits_is(tmp_path):
    steps = _write(tmp_path / "totaal" / "tables" / "exclusiestroom.csv", "fase,aantal\nontvangen,20\n")
    found = oc.audit_hidden_cells(tmp_path, D)
    assert found[0].where == str(steps)
    steps.unlink()
    for run, n in {"totaal": 10, "perceel-1": 20}.items():
        _values(tmp_path, run, n_geanalyseerd=n)
    assert oc.audit_hidden_cells(tmp_path, EXACT)[0].where == str(tmp_path)
    # a hidden cell of exactly 5 that follows is no small count
    for run, n in {"totaal": 30, "perceel-1": 25, "perceel-2": "×"}.items():
        _values(tmp_path, run, n_geanalyseerd=n)
    for run in ("perceel-3", "perceel-4", "perceel-5"):
        _values(tmp_path, run, n_geanalyseerd=0)
    assert oc.audit_hidden_cells(tmp_path, EXACT) == []
    _measures(
        tmp_path, "perceel,respondenten,banden,gemiddelde_bijdrage\n1,1,3,\n2,2,3,\n3,9,20,2.1\nprogramma,12,26,2.2\n"
    )
    found = oc.audit_score_means(tmp_path, D)
    assert [f.what for f in found] == [
        "verborgen gemiddelde bijdrage van perceel 1, 2 volgt uit het programmagemiddelde en de getoonde percelen "
        "(3 respondent(en) samen)"
    ]
    assert found[0].where == str(tmp_path / "partnerschappen" / "tables" / "netwerkmaten.csv")
    _measures(tmp_path, "perceel,respondenten,banden,gemiddelde_bijdrage\n1,2,3,2.0\n")
    assert oc.audit_score_means(tmp_path, D)[0].where == str(
        tmp_path / "partnerschappen" / "tables" / "netwerkmaten.csv"
    )


def test_what_the_audit_reads_back(tmp_path):
    _values(tmp_path, "totaal", n_geanalyseerd=17, n_uitgesloten="< 5")
    _write(
        tmp_path / "totaal" / "tables" / "exclusiestroom.csv",
        "fase,aantal,uitgevallen\nontvangen,20,\ntoestemming,18,< 5\ngeanalyseerd,17,< 5\n",
    )
    _write(tmp_path / "totaal" / "tables" / "steekproef_functiegroep.csv", "categorie,n,procent\nLeidinggevend,10,x\n")
    shown, relations, cells = oc.published_structure(tmp_path)
    assert shown[("totaal", "uitgesloten")] == "< 5" and shown[("totaal", "uitgevallen", "toestemming")] == "< 5"
    assert shown[("totaal", "functiegroep", "Leidinggevend")] == 10  # a table without 'variabele' is read
    assert ("totaal", "uitgevallen", "ontvangen") not in cells


def test_a_hidden_n_follows_from_the_flow_of_its_run(tmp_path):
    # 9 received, 5 refused consent (shown), nobody dropped later: the run's n, shown as '< 5', is 4
    _values(tmp_path, "perceel-1", n_geanalyseerd="< 5")
    _write(
        tmp_path / "perceel-1" / "tables" / "exclusiestroom.csv",
        "fase,aantal,uitgevallen\nontvangen,9,\ntoestemming,×,5\ngeanalyseerd,< 5,0\n",
    )
    _write(
        tmp_path / "perceel-1" / "tables" / "exclusieredenen.csv", "fase,reden,aantal\ntoestemming,geen toestemming,5\n"
    )
    found = [f.what for f in oc.audit_hidden_cells(tmp_path, EXACT)]
    assert "verborgen aantal n is exact af te leiden: 4" in found


def test_submissions_without_a_perceel_take_part_in_the_flow_relations_only(tmp_path):
    # perceel 1 received 12, 2 refused (reason b); the other percelen nothing; the totaal 13, 3 refused:
    # one submission without a perceel, refused for reason a. A reader gets that one from the totaal
    # minus perceel 1 in the received, the refused, the excluded and reason a.
    _values(tmp_path, "perceel-1", n_geanalyseerd=10, n_uitgesloten="< 5")
    flow = "fase,aantal,uitgevallen\nontvangen,{0},\ntoestemming,{1},{2}\ngeschikt,{1},0\n"
    _write(tmp_path / "perceel-1" / "tables" / "exclusiestroom.csv", flow.format(12, 10, "< 5"))
    _write(tmp_path / "perceel-1" / "tables" / "exclusieredenen.csv", "fase,reden,aantal\ntoestemming,b,< 5\n")
    for run in ("perceel-2", "perceel-3", "perceel-4", "perceel-5"):
        _values(tmp_path, run, n_geanalyseerd=0, n_uitgesloten=0)
        _write(tmp_path / run / "tables" / "exclusiestroom.csv", flow.format(0, 0, 0))
        _write(tmp_path / run / "tables" / "exclusieredenen.csv", "fase,reden,aantal\n")
    _values(tmp_path, "totaal", n_geanalyseerd=10, n_uitgesloten="< 5")
    _write(tmp_path / "totaal" / "tables" / "exclusiestroom.csv", flow.format(13, 10, "< 5"))
    _write(
        tmp_path / "totaal" / "tables" / "exclusieredenen.csv",
        "fase,reden,aantal\ntoestemming,a,< 5\ntoestemming,b,< 5\n",
    )
    found = "\n".join(str(f) for f in oc.audit_hidden_cells(tmp_path, EXACT))
    for what in ("stroom / ontvangen", "uitgevallen / toestemming", "uitgesloten", "reden / toestemming / a"):
        assert f"onbekend ((niet gepubliceerd)): verborgen aantal {what} is exact af te leiden: 1" in found, what


def test_claims_of_every_kind(tmp_path):
    import csv

    from competentiecheck.core.claims import COLUMNS

    rows = [
        {
            "id": "vragenlijst.a",
            "run": "totaal",
            "source": "vragenlijst",
            "outcome": "holds",
            "numbers": "n = 1",
            "n": "5",
        },
        {
            "id": "vragenlijst.b",
            "run": "totaal",
            "source": "vragenlijst",
            "outcome": "holds",
            "numbers": "n = 0",
            "n": "0",
        },
        {"id": "plannen.c", "run": "totaal", "source": "plannen", "outcome": "holds", "numbers": "n = 3", "n": "3"},
        {
            "id": "vragenlijst.d",
            "run": "perceel-1",
            "source": "vragenlijst",
            "outcome": "not publishable",
            "numbers": "12 %",
            "n": "",
        },
        {
            "id": "vragenlijst.e",
            "run": "perceel-1",
            "source": "vragenlijst",
            "outcome": "not publishable",
            "numbers": " ",
            "n": "",
        },
    ]
    path = tmp_path / "claims.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {c: row.get(c, "Bakkerij Peeters segmenten_codeur_a.csv" if c == "reason" else "") for c in COLUMNS}
            )
    found = oc.check_claims(path, D, {"Bakkerij Peeters"}, frozenset({"segmenten_codeur_a.csv"}))
    assert {f.where for f in found} == {str(path)}
    assert sorted(f.what for f in found if f.what.startswith("claim")) == [
        "claim vragenlijst.a (totaal): n = 1 onder de drempel",
        "claim vragenlijst.d (perceel-1): niet publiceerbaar maar met getallen",
    ]
    assert sum(f.what.startswith("identificerende tekst") for f in found) == 1
    assert sum(f.what.startswith("vrij gekozen naam") for f in found) == 1


def test_the_plan_audit_without_tables_without_a_count_or_without_columns(tmp_path, monkeypatch):
    from competentiecheck.privacy import plan_audit

    calls = []
    monkeypatch.setattr(plan_audit, "audit_documents", lambda *args, **kwargs: calls.append((args, kwargs)) or [])
    assert oc.audit_plans(tmp_path, D) == [] and calls == []  # the register exists, the build has no plan tables
    (tmp_path / "documenten" / "tables").mkdir(parents=True)
    params = {n: {"context": {"plannen_van_aanpak": None if n == 3 else 10 * n}} for n in range(1, 6)}
    monkeypatch.setattr(
        oc, "load_params", lambda run: {"disclosure": {"min_cases": 7}} if run == "totaal" else params[int(run[-1])]
    )
    register = _write(tmp_path / "invoer" / "plannen.csv", "plan,uren\nPvA-01,8\n")
    monkeypatch.setattr(oc, "input_folder", lambda kind: register.parent)
    oc.audit_plans(tmp_path, D)
    args, kwargs = calls[0]
    assert args[2] == {1: 10, 2: 20, 3: 0, 4: 40, 5: 50} and args[3] == {} and kwargs == {"min_cases": 7}


def test_the_help_and_the_count_of_checked_files(tmp_path, monkeypatch, capsys):
    import re

    with pytest.raises(SystemExit):
        oc.main(["--help"])
    helptext = capsys.readouterr().out
    assert "\n\nControleer alle uitvoer op de privacybelofte.\n\n" in helptext
    for option, text in (
        ("--output OUTPUT", "map met de gepubliceerde rapporten"),
        ("--build BUILD", "map met de tabellen die de rapporten voeden"),
        ("--processed PROCESSED", "opgeschoonde data \\(bron van identificatoren\\)"),
    ):
        assert re.search(rf"{option}\s+{text}\n", helptext), option
    out, build, processed = _clean_build(tmp_path)
    (out / "perceel-1").mkdir()
    (out / "perceel-1" / "report.pdf").write_bytes(_pdf(["Rapport"]))
    (out / "totaal" / "report.pdf").write_bytes(_pdf(["Rapport"]))
    assert oc.main(["--output", str(out), "--build", str(build), "--processed", str(processed)]) == 0
    assert "geen bevindingen (4 HTML- en PDF-bestanden" in capsys.readouterr().out
    _write(out / "totaal" / "bijlage.html", "<p>Zie segmenten_codeur_a.csv</p>")
    found = _text(oc.check_outputs(out, build, processed, D))
    assert "totaal/bijlage.html: vrij gekozen naam van een invoerbestand" in found
