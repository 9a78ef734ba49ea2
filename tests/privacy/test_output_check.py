"""The output checker passes the demo build and catches each kind of leak an auditor looks for."""

import shutil
import subprocess
import sys

import nbformat
import yaml

from competentiecheck.core.notebook_html import export_html
from competentiecheck.core.params import load_params
from competentiecheck.core.paths import BUILD, PROCESSED, ROOT, RUNS
from competentiecheck.privacy.disclosure import Disclosure
from competentiecheck.privacy.output_check import audit_hidden_cells, check_outputs
from competentiecheck.report.provenance import public_notebook


def test_the_demo_build_passes_the_output_check(full_report):
    done = subprocess.run(
        [sys.executable, "-m", "competentiecheck.privacy.output_check"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "geen bevindingen" in done.stdout


def _copy_build(full_report, tmp_path):
    out, build = tmp_path / "output", tmp_path / "build"
    shutil.copytree(full_report, out)
    for run in [*RUNS, "literatuur", "interviews", "documenten", "partnerschappen"]:
        shutil.copytree(BUILD / run, build / run, ignore=shutil.ignore_patterns("report", "*.ipynb"))
    return out, build


def _wheres(findings):
    return "\n".join(str(f) for f in findings)


def test_the_checker_fails_on_deliberate_leaks(full_report, tmp_path):
    # the copy holds the files of the demo build, which passes the check (the first test of this file)
    out, build = _copy_build(full_report, tmp_path)
    # an unrounded and a small count in a build table
    table = build / "perceel-1" / "tables" / "steekproef_geslacht.csv"
    lines = table.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(lines[1].split(",")[3], "3", 1)
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # one person's value
    desc = build / "totaal" / "tables" / "beschrijvend.csv"
    rows = desc.read_text(encoding="utf-8").splitlines()
    desc.write_text("\n".join([rows[0] + ",minimum"] + [r + ",1.0" for r in rows[1:]]) + "\n", encoding="utf-8")
    # an unrounded inline value
    values = build / "perceel-2" / "values.yml"
    data = yaml.safe_load(values.read_text(encoding="utf-8"))
    data["n_geanalyseerd"] = 31
    values.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    # identifiers and a row-level listing in a published page and a published notebook
    page = out / "totaal" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "</body>",
            "<p>ORG-0a1b2c3d4e en vragenlijst_online_nl.csv, rij 8; bel 0475 12 34 56 of jan@example.be</p></body>",
        ),
        encoding="utf-8",
    )
    notebook = out / "perceel-1" / "notebooks" / "01_survey_cleaning.html"
    notebook.write_text(
        notebook.read_text(encoding="utf-8").replace(
            "</body>",
            "<table><tr><th>bestand</th><th>rij</th><th>aantal</th></tr><tr><td>x.csv</td><td>8</td>"
            "<td>2</td></tr></table></body>",
        ),
        encoding="utf-8",
    )
    # a quote of the interview step that carries a phone number
    quotes = build / "interviews" / "tables" / "citaten.csv"
    quotes.write_text(
        quotes.read_text(encoding="utf-8") + '"t","Sterktes","interview A","bel 0475 12 34 56"\n', encoding="utf-8"
    )
    # the contribution a consultant gave one tie of the network circles
    ties = build / "partnerschappen" / "tables" / "banden.csv"
    rows = ties.read_text(encoding="utf-8").splitlines()
    ties.write_text("\n".join([rows[0] + ",bijdrage"] + [r + ",3" for r in rows[1:]]) + "\n", encoding="utf-8")
    text = _wheres(check_outputs(out, build, PROCESSED))
    assert "partnerschappen/tables/banden.csv: kolom 'bijdrage': waarde van één persoon" in text
    assert "interviews/tables/citaten.csv: telefoonnummer" in text
    assert "perceel-1/tables/steekproef_geslacht.csv: kolom 'n': aantal 3 onder de drempel" in text
    assert "totaal/tables/beschrijvend.csv: kolom 'minimum': waarde van één persoon" in text
    assert "perceel-2/values.yml: n_geanalyseerd: aantal 31 is niet afgerond op 5" in text
    for what in ("organisatiepseudoniem", "verwijzing naar bestand en rij", "telefoonnummer", "e-mailadres"):
        assert f"totaal/index.html: {what}" in text, what
    assert "01_survey_cleaning.html: kolom 'rij': gegevens per respondent" in text
    assert "01_survey_cleaning.html: kolom 'aantal': aantal 2 onder de drempel" in text
    # the finding describes, it does not repeat
    assert "0475 12 34 56" not in text and "jan@example.be" not in text


def _minimal_build(folder, values_per_run):
    for run, n in values_per_run.items():
        (folder / run).mkdir(parents=True)
        (folder / run / "values.yml").write_text(yaml.safe_dump({"n_geanalyseerd": n}), encoding="utf-8")


def test_a_hidden_perceel_recoverable_from_the_other_runs_is_found(tmp_path):
    exact = {"totaal": 95, "perceel-1": 20, "perceel-2": 31, "perceel-3": "< 5", "perceel-4": 25, "perceel-5": 17}
    _minimal_build(tmp_path / "exact", exact)
    findings = audit_hidden_cells(tmp_path / "exact", Disclosure(5, 10, rounding_base=1))
    assert len(findings) == 1 and "perceel-3" in findings[0].where and "n is exact af te leiden: 2" in findings[0].what
    rounded = {"totaal": 95, "perceel-1": 20, "perceel-2": 30, "perceel-3": "< 5", "perceel-4": 25, "perceel-5": 15}
    _minimal_build(tmp_path / "rounded", rounded)
    assert audit_hidden_cells(tmp_path / "rounded", Disclosure(5, 10, rounding_base=5)) == []


def test_the_demo_build_hides_nothing_recoverable(full_report):
    assert audit_hidden_cells(BUILD, Disclosure(5, 10, 5)) == []


def test_published_notebooks_leave_out_team_only_outputs(full_report, tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("exclusions", metadata={"tags": ["alleen-team"]}),
        nbformat.v4.new_code_cell("flow"),
    ]
    for cell in nb.cells:
        cell.outputs = [nbformat.v4.new_output("stream", text="rij 8")]
    public = public_notebook(nb)
    assert "Publieke versie" in public.cells[0].source and "1 cel(len)" in public.cells[0].source
    assert public.cells[1].outputs == [] and public.cells[2].outputs and nb.cells[0].outputs  # original untouched
    # the complete page is made only on request (make notebooks-team), here in tmp_path
    export_html(BUILD / "opschonen" / "01_survey_cleaning.ipynb", tmp_path / "01_survey_cleaning.ipynb", team=True)
    team = (tmp_path / "01_survey_cleaning.html").read_text(encoding="utf-8")
    published = (full_report / "totaal" / "notebooks" / "01_survey_cleaning.html").read_text(encoding="utf-8")
    assert "uitgesloten_bij" in team and "uitgesloten_bij" not in published
    assert "Publieke versie" in published


def test_the_checker_finds_the_qualitative_leaks_of_a_reader_with_the_repository(full_report, tmp_path):
    """Issue 17, point 9: each leak planted in a copy of the demo build is found, by kind, never repeated."""
    # the copy holds the files of the demo build, which passes the check (the first test of this file)
    out, build = _copy_build(full_report, tmp_path)
    # quotes naming a fund, a sector inside a compound, a perceel, a landline and a mobile with trailing punctuation
    quotes = build / "interviews" / "tables" / "citaten.csv"
    planted = [
        "Bij Alimento hielpen ze ons goed verder met alles.",
        "In de horecasector is dat altijd zo geweest.",
        "Zoals ze in perceel 4 ook al lang deden met het team.",
        "Bel me gerust op 09 233 44 55.",
        "Mijn nummer blijft 0475 12 34 56, dat weet je.",
    ]
    quotes.write_text(
        quotes.read_text(encoding="utf-8") + "".join(f'"t","Sterktes","interview A","{q}"\n' for q in planted),
        encoding="utf-8",
    )
    # a file name the team chose, in a published notebook
    notebook = out / "totaal" / "notebooks" / "04_interviews.html"
    free_name = next(
        p.name for p in (ROOT / "data" / "demo" / "interviews").iterdir() if p.name.startswith("segmenten")
    )
    notebook.write_text(
        notebook.read_text(encoding="utf-8").replace("</body>", f"<p>{free_name}</p></body>"), encoding="utf-8"
    )
    # mean hours over 3 plans in a published notebook, and a mean at full precision in a build table
    notebook = out / "perceel-3" / "notebooks" / "05_documents.html"
    notebook.write_text(
        notebook.read_text(encoding="utf-8").replace(
            "</body>",
            "<table><tr><th>perceel</th><th>plannen</th><th>uren</th></tr><tr><td>3</td><td>3</td>"
            "<td>7.3</td></tr></table></body>",
        ),
        encoding="utf-8",
    )
    hours = build / "documenten" / "tables" / "uren.csv"
    hours.write_text(hours.read_text(encoding="utf-8") + "Testprofiel,15,15.058823529411764\n", encoding="utf-8")
    # one perceel's mean contribution hidden alone: the programme mean gives it back
    measures = build / "partnerschappen" / "tables" / "netwerkmaten.csv"
    measures.write_text(
        "perceel,respondenten,banden,gemiddelde_bijdrage\n1,1,3,\n2,8,20,2.1\n3,8,20,2.3\nprogramma,17,43,2.2\n",
        encoding="utf-8",
    )
    text = _wheres(check_outputs(out, build, PROCESSED))
    for kind in (
        "naam uit de metadata: sectorfonds",
        "naam uit de metadata: sector",
        "perceelnummer",
        "telefoonnummer",
    ):
        assert "interviews/tables/citaten.csv: citaat op rij" in text and kind in text, kind
    assert text.count("citaten.csv: citaat op rij") >= len(planted)
    assert "04_interviews.html: vrij gekozen naam van een invoerbestand" in text
    assert "05_documents.html: kolom 'uren': aggregaat over 3 eenheden" in text
    assert "uren.csv: kolom 'uren': gemiddelde met volle precisie" in text
    assert "netwerkmaten.csv: verborgen gemiddelde bijdrage van perceel 1 volgt uit het programmagemiddelde" in text
    for word in ("Alimento", "horeca", "233 44 55", "0475 12 34 56", free_name):
        assert word not in text, word


def test_the_checker_reads_the_claims_of_every_step(tmp_path):
    """Issue 20: the claims listed in chapter 9 are checked like every other output."""
    from competentiecheck.core.claims import make_claim, write_claims
    from competentiecheck.privacy.output_check import check_claims

    claims = [
        make_claim(
            "vragenlijst.klimaat_tevredenheid",
            "perceel-2",
            "holds",
            numbers="mediaan ρ = 0,41; n = 3",
            n="3",
            data_status="demo",
            notebook="02_survey",
        ),
        make_claim(
            "plannen.ambitie_basis_90",
            "perceel-4",
            "holds",
            numbers="78 % [65 %; 87 %], ORG-0a1b2c3d4e",
            n="60",
            data_status="demo",
            notebook="05_documents",
        ),
    ]
    path = write_claims(claims, tmp_path)
    disclosure = Disclosure.from_params(load_params("totaal"))
    found = _wheres(check_claims(path, disclosure, set(), frozenset()))
    assert "claim vragenlijst.klimaat_tevredenheid (perceel-2): n = 3 onder de drempel" in found
    assert "organisatiepseudoniem" in found
    assert "plannen.ambitie_basis_90 (perceel-4): n" not in found  # n = 60 is fine
    # the same claims with publishable numbers give no finding
    fixed = [
        make_claim(
            "vragenlijst.klimaat_tevredenheid",
            "perceel-2",
            "holds",
            numbers="mediaan ρ = 0,41; n = 30",
            n="30",
            data_status="demo",
            notebook="02_survey",
        )
    ]
    assert check_claims(write_claims(fixed, tmp_path), disclosure, set(), frozenset()) == []
