"""What a reviewer gets next to each report (issue 21): notebook pages with their step as title and a
way back, the files the audit appendix cites with checksums that match what the report lists, links
from the PDF that work from the published folder, and nothing the output check would not allow."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from competentiecheck.core.notebook_html import published_page
from competentiecheck.core.params import load_params
from competentiecheck.core.paths import PUBLISHED, RUNS
from competentiecheck.privacy.disclosure import Disclosure
from competentiecheck.privacy.output_check import check_shipped_file
from competentiecheck.report.evidence import SUMS_FILE, public_manifest, read_checksums, write_checksums
from competentiecheck.report.provenance import STEP_NOTEBOOKS
from competentiecheck.report.render import remove_unlisted
from competentiecheck.report.versions import VERSION_FILE

NOT_LISTED = {"index.html", "report.pdf", VERSION_FILE, SUMS_FILE}  # the report itself and its list


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- units


def test_a_notebook_page_gets_its_title_language_and_links_back():
    page = '<html lang="en">\n<head><title>Notebook</title></head>\n<body class="jp-Notebook">\n<p>x</p></body></html>'
    out = published_page(page, "Stap 5: Plannen van aanpak: thema's en profielen (Perceel 3)", "Perceel 3")
    assert "<title>Stap 5: Plannen van aanpak: thema's en profielen (Perceel 3)</title>" in out
    assert '<html lang="nl">' in out and "<title>Notebook" not in out
    bar = re.search(r'<body class="jp-Notebook">\s*<nav class="terug"[^>]*>(.*?)</nav>', out, re.S).group(1)
    assert re.findall(r'href="([^"]+)"', bar) == ["../index.html", "../report.pdf", "../../index.html"]
    assert "Rapport Perceel 3" in bar and "Alle rapporten" in bar
    with pytest.raises(ValueError):
        published_page("<p>geen pagina</p>", "Stap 1", "Totaal programma")


def test_checksums_are_written_as_sha256sum_writes_them(tmp_path):
    (tmp_path / "sub").mkdir()
    files = [tmp_path / "b.csv", tmp_path / "sub" / "a.md"]
    files[0].write_bytes(b"x,y\n1,2\n")
    files[1].write_bytes("één\n".encode())
    sums = write_checksums(tmp_path, files)
    assert list(sums) == ["b.csv", "sub/a.md"]
    expected = {  # sha256 of the bytes, worked out independently
        "b.csv": hashlib.sha256(b"x,y\n1,2\n").hexdigest(),
        "sub/a.md": hashlib.sha256("één\n".encode()).hexdigest(),
    }
    assert sums == expected == read_checksums(tmp_path / SUMS_FILE)
    assert (tmp_path / SUMS_FILE).read_text(encoding="utf-8") == "".join(
        f"{expected[n]}  {n}\n" for n in ("b.csv", "sub/a.md")
    )


def test_files_no_longer_shipped_are_removed_and_others_kept(tmp_path):
    for name in ("notebooks/01_a.html", "notebooks/09_oud.html", "verantwoording/oud.csv", "index.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    removed = remove_unlisted(tmp_path, {"notebooks/01_a.html": "…"})
    assert sorted(p.relative_to(tmp_path).as_posix() for p in removed) == [
        "notebooks/09_oud.html",
        "verantwoording/oud.csv",
    ]
    assert (tmp_path / "index.html").exists() and (tmp_path / "notebooks/01_a.html").exists()


def test_the_public_manifest_names_inputs_only_by_their_public_name():
    record = {
        "run": "totaal",
        "steps": {
            "04_interviews": {
                "inputs": [
                    {
                        "file": "data/raw/interviews/bakkerij_janssens.qdpx",
                        "public_name": "data/raw/interviews/bestand 1.qdpx",
                        "fingerprint": {"kind": "hmac-sha256", "value": "ab"},
                    }
                ]
            }
        },
    }
    public = public_manifest(record)
    assert "janssens" not in json.dumps(public)
    assert public["steps"]["04_interviews"]["inputs"] == [
        {"file": "data/raw/interviews/bestand 1.qdpx", "fingerprint": {"kind": "hmac-sha256", "value": "ab"}}
    ]
    assert record["steps"]["04_interviews"]["inputs"][0]["file"].endswith("janssens.qdpx")  # not changed in place


def test_the_output_check_reads_a_count_column_of_a_shipped_table(tmp_path):
    disclosure = Disclosure.from_params(load_params("totaal"))
    small = tmp_path / "klein.csv"
    small.write_text("kenmerk,count\nontbrekend,3\n", encoding="utf-8")
    assert any("onder de drempel" in f.what for f in check_shipped_file(small, disclosure, "totaal"))
    unrounded = tmp_path / "ruw.csv"
    unrounded.write_text("kenmerk,count\nleidinggevend,39\n", encoding="utf-8")
    assert check_shipped_file(unrounded, disclosure, "totaal")
    fine = tmp_path / "goed.csv"
    fine.write_text("schaal,alpha\nberoepsexpertise,0.77\n", encoding="utf-8")
    assert check_shipped_file(fine, disclosure, "totaal") == []
    binary = tmp_path / "data.parquet"
    binary.write_bytes(b"PAR1")
    assert check_shipped_file(binary, disclosure, "totaal")  # what the check cannot read may not go


# --------------------------------------------------------------------------- the built reports


@pytest.mark.parametrize("run", RUNS)
def test_notebook_pages_carry_their_step_and_links_that_resolve(full_report, run):
    for name, what in STEP_NOTEBOOKS.items():
        path = full_report / run / "notebooks" / f"{name}.html"
        page = path.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        assert title.startswith(f"Stap {int(name[:2])}: {what}"), title
        bar = re.search(r'<nav class="terug"[^>]*>(.*?)</nav>', page, re.S).group(1)
        for href in re.findall(r'href="([^"]+)"', bar):
            assert (path.parent / href).resolve().exists(), (run, name, href)
        assert (path.parent / "../../index.html").resolve() == (full_report / "index.html").resolve()


@pytest.mark.parametrize("run", RUNS)
def test_shipped_files_match_their_checksums_and_what_the_report_lists(full_report, run):
    folder = full_report / run
    sums = read_checksums(folder / SUMS_FILE)
    shipped = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and ".staging-" not in str(p)}
    assert shipped - NOT_LISTED == set(sums)  # everything shipped is listed, nothing listed is missing
    for name, digest in sums.items():
        assert _digest(folder / name) == digest, name
    assert "verantwoording/manifest.json" in sums and "verantwoording/data/README.md" in sums
    assert {f"notebooks/{n}.html" for n in STEP_NOTEBOOKS} <= set(sums)
    # the published tables the appendix cites by SHA-256, with the same bytes as in the repository
    for table in PUBLISHED.glob("*.csv"):
        name = f"verantwoording/data/published/{table.name}"
        if name in sums:
            assert sums[name] == _digest(table)
    # the appendix lists every file with its full checksum (the PDF: test_pdf_links_…)
    html = re.sub(r"<[^>]+>", " ", (folder / "index.html").read_text(encoding="utf-8"))
    for name, digest in sums.items():
        assert name in html and digest in html, name
    # one data version in the folder: the shipped manifest is the run's version
    manifest = json.loads((folder / "verantwoording" / "manifest.json").read_text(encoding="utf-8"))
    version = json.loads((folder / VERSION_FILE).read_text(encoding="utf-8"))
    assert manifest["run"] == run and manifest["data_version"] == version["data_version"]
    assert all(set(item) == {"file", "fingerprint"} for s in manifest["steps"].values() for item in s["inputs"])


def test_a_published_table_with_small_counts_of_people_stays_home(full_report):
    """§6.1's composition of the sample has a count of 3 (function missing) and unrounded counts: the
    output check does not let it out, so it is not shipped and the appendix says so."""
    import pandas as pd

    table = pd.read_csv(PUBLISHED / "steekproef_6_1.csv")
    assert (table["count"] == 3).any()
    for run in RUNS:
        assert not (full_report / run / "verantwoording" / "data" / "published" / "steekproef_6_1.csv").exists()
        page = (full_report / run / "index.html").read_text(encoding="utf-8")
        assert re.search(r"Niet meegeleverd:.*?steekproef_6_1\.csv", page, re.S)


def test_shipped_files_pass_the_output_check(full_report):
    from competentiecheck.core.paths import PROCESSED
    from competentiecheck.privacy.output_check import _free_file_names, _secrets

    disclosure = Disclosure.from_params(load_params("totaal"))
    secrets, names = frozenset(_secrets(PROCESSED)), frozenset(_free_file_names())
    for run in RUNS:
        for path in sorted((full_report / run / "verantwoording").rglob("*")) + [full_report / run / SUMS_FILE]:
            if path.is_file():
                assert check_shipped_file(path, disclosure, run, secrets, names) == [], path


@pytest.mark.parametrize("run", ["totaal", "perceel-3"])
def test_pdf_links_to_notebooks_work_from_the_published_folder_and_it_lists_the_checksums(full_report, run):
    from pypdf import PdfReader

    folder = full_report / run
    targets = set()
    pages = PdfReader(str(folder / "report.pdf")).pages
    for page in pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            uri = action.get("/URI") if action else None
            if uri and not re.match(r"^(https?|mailto):", uri):
                targets.add(str(uri))
    assert {f"notebooks/{n}.html" for n in STEP_NOTEBOOKS} <= targets
    for target in targets:  # a link into another report of the folder keeps its anchor: the file must exist
        assert (folder / target.split("#")[0]).exists(), target
    # the report says where the notebooks are when the PDF travels alone
    text = re.sub(r"\s+", " ", "".join(p.extract_text() or "" for p in pages))
    assert f"{run}/notebooks/" in text and "overzichtspagina" in text and "alleen de PDF" in text
    # a reviewer holding only the PDF can check every shipped file against it
    for name, digest in read_checksums(folder / SUMS_FILE).items():
        assert digest in text.replace(" ", ""), name


def test_the_landing_page_fits_a_phone_and_points_to_each_reports_audit(full_report):
    page = (full_report / "index.html").read_text(encoding="utf-8")
    assert 'name="viewport" content="width=device-width' in page
    for run in RUNS:
        assert f'href="{run}/index.html#sec-audit"' in page
    assert "build/manifest.json" not in page  # a reader of the published folder has no build/
