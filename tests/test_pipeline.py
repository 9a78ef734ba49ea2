"""End to end: make builds the totaal and perceel-3 reports from the demo data; check what a reader
and a reviewer get (HTML, PDF, audit trail, landing page)."""

import json
import re
import subprocess

import pytest
import typst

from competentiecheck.core.paths import BUILD, REPORT_OUTPUT, ROOT

RUNS = ["totaal", "perceel-3"]


@pytest.fixture(scope="module")
def built(full_report):
    return {run: full_report / run for run in RUNS}


def _figures(run: str) -> list[dict]:
    stage = BUILD / run / "report"
    return json.loads(typst.query(str(stage / "report.typ"), "figure", root=str(stage)))


def _labels(run: str, prefix: str) -> list[str]:
    text = (BUILD / run / "report" / "_offline_typst.md").read_text(encoding="utf-8")
    return re.findall(r"\{#(" + prefix + r"-[\w-]+)", text)


def test_pdf_has_every_table_and_figure_of_the_sources(built):
    for run in RUNS:
        assert (built[run] / "report.pdf").read_bytes()[:5] == b"%PDF-"
        figures = _figures(run)
        kinds = [f["kind"] for f in figures]
        assert kinds.count("table") == len(_labels(run, "tbl")), run
        assert kinds.count("image") == len(_labels(run, "fig")), run
    # the eleven figures of the computed chapters (with the matrix of the perceel of 7 funds beside the circle
    # diagrams of the others, and the coefficients of the regressions) and the programme theory
    assert len(_labels("totaal", "tbl")) >= 30 and len(_labels("totaal", "fig")) == 13
    assert "fig-coefficienten" in _labels("totaal", "fig")
    assert "fig-programmatheorie" in _labels("totaal", "fig")


def test_html_is_standalone_numbered_and_clean(built):
    html = (built["totaal"] / "index.html").read_text(encoding="utf-8")
    assert "{{<" not in html and "@tbl-" not in html and "@fig-" not in html and "??" not in html
    assert "Tabel 1:" in html and "Figuur 1:" in html and 'src="data:image/png;base64,' in html
    assert 'id="TOC"' in html or 'id="toc"' in html.lower()
    assert "offline renderer" in html or "Quarto" in html  # colophon names the renderer


def test_every_figure_has_a_text_alternative(built):
    """Every image of the HTML reports carries a sentence saying what it shows (fig-alt -> alt)."""
    for run in ["totaal"] + [f"perceel-{k}" for k in range(1, 6)]:
        page = built["totaal"].parent / run / "index.html"
        if run not in RUNS and not page.exists():
            continue
        images = re.findall(r"<img\b[^>]*>", page.read_text(encoding="utf-8"))
        assert images, run
        for tag in images:
            alt = re.search(r'\balt="([^"]*)"', tag)
            assert alt and len(alt.group(1).split()) >= 5, (run, tag[:120])


def test_small_perceel_report_shows_no_numbers_about_people(built):
    html = (built["perceel-3"] / "index.html").read_text(encoding="utf-8")
    assert "Te weinig respondenten" in html
    values = (BUILD / "perceel-3" / "values.yml").read_text(encoding="utf-8")
    assert "n_geanalyseerd: < 5" in values and "n_ontvangen: < 5" in values
    assert "fig-functies" not in html and "tbl-betrouwbaarheid" not in html


def test_audit_trail_links_notebooks_and_fingerprints_inputs(built):
    for run in RUNS:
        record = json.loads((BUILD / run / "audit.json").read_text(encoding="utf-8"))
        assert set(record["steps"]) == {
            "01_survey_cleaning",
            "02_survey",
            "03_literature",
            "04_interviews",
            "05_documents",
            "06_partnerships",
            "07_synthesis",
        }
        for name, step in record["steps"].items():
            assert (built[run] / "notebooks" / f"{name}.html").exists()
            assert all(len(i["fingerprint"]["value"]) == 64 for i in step["inputs"])
        assert record["steps"]["02_survey"]["parameters"] == {"run_id": run}
        assert record["packages"]["pandas"] and record["commit"]


def test_failed_step_names_the_cell_keeps_the_notebook_and_removes_reports(tmp_path, monkeypatch):
    import nbformat

    from competentiecheck.core import steps

    notebook = tmp_path / "99_kapot.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell('run_id = "totaal"', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("raise ValueError('kapotte invoer')"),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, notebook)
    output = tmp_path / "output"
    (output / "perceel-2").mkdir(parents=True)
    (output / "perceel-2" / "index.html").write_text("oud")
    (output / "index.html").write_text("oud")
    monkeypatch.setattr(steps, "REPORT_OUTPUT", output)
    code = steps.run_step(notebook, tmp_path / "build" / "99_kapot.ipynb", run="perceel-2")
    assert code == 1
    assert (tmp_path / "build" / "99_kapot.failed.ipynb").exists()
    assert not (tmp_path / "build" / "99_kapot.ipynb").exists()
    assert not (output / "perceel-2").exists() and not (output / "index.html").exists()


def test_landing_page_lists_every_rendered_run(built):
    done = subprocess.run(["make", "report"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    page = (REPORT_OUTPUT / "index.html").read_text(encoding="utf-8")
    for run in ["totaal"] + [f"perceel-{n}" for n in range(1, 6)]:
        assert f'href="{run}/index.html"' in page and f'href="{run}/report.pdf"' in page
    manifest = json.loads((BUILD / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["runs"]) == 6


def test_literature_chapter_cites_and_lists_the_included_studies(built):
    html = (built["totaal"] / "index.html").read_text(encoding="utf-8")
    assert "Coetzer" in html and "https://doi.org/10.1177/1534484317704291" in html
    assert 'id="refs"' in html
    pointer = (built["perceel-3"] / "index.html").read_text(encoding="utf-8")
    assert "geldt voor het hele programma" in pointer


def test_no_small_count_reaches_the_small_perceel_outputs(built):
    flow = (BUILD / "perceel-3" / "tables" / "exclusiestroom.csv").read_text(encoding="utf-8")
    assert "< 5" in flow and ",2," not in flow
    import nbformat

    # the cleaning notebook travels with every report: its flow table is the protected one
    nb = nbformat.read(BUILD / "opschonen" / "01_survey_cleaning.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and "protected = protected_sample" in c.source)
    table = cell.outputs[0]["data"]["text/plain"]
    row = next(line for line in table.splitlines() if "perceel-3" in line)
    # every stage small ('< 5') or hidden where a reader of the other reports could work it out ('×')
    cells = row.replace("< 5", "<5").split()[1:]
    assert len(cells) == 5 and set(cells) <= {"<5", "×"} and "<5" in cells, row
    perceel_2 = next(line for line in table.splitlines() if "perceel-2" in line)
    assert " 30" in perceel_2 and " 31" not in perceel_2  # 31 analysed, published rounded


def test_quotes_from_synthetic_transcripts_are_marked(built):
    """Issue 20 §5: on the demo, the quotes of chapters 7 and 8 say they come from synthetic transcripts."""
    html = " ".join((built["totaal"] / "index.html").read_text(encoding="utf-8").split())
    assert html.count("synthetische demo-transcripten") == 2
    assert "geen uitspraken van ondernemingen" in html and "geen uitspraken van sectorconsulenten" in html
