"""Old outputs never survive next to new ones (issue 9, cases 7 and 8)."""

import json
import shutil

import pytest

from competentiecheck.core.outputs import staged_outputs
from competentiecheck.core.paths import RUNS
from competentiecheck.report import render, versions


def _report(folder, version):
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("<html></html>", encoding="utf-8")
    if version is not None:
        (folder / render.VERSION_FILE).write_text(json.dumps({"data_version": version}), encoding="utf-8")


def test_reports_of_another_data_version_are_removed_with_the_landing_page(tmp_path):
    _report(tmp_path / "totaal", "nieuw")
    _report(tmp_path / "perceel-5", "oud")
    _report(tmp_path / "perceel-4", None)  # made before versions were recorded
    (tmp_path / "index.html").write_text("overzicht", encoding="utf-8")
    removed = render.remove_stale_reports("nieuw", tmp_path)
    assert [p.name for p in removed] == ["perceel-4", "perceel-5"]
    assert (tmp_path / "totaal" / "index.html").exists() and not (tmp_path / "index.html").exists()


def test_no_landing_page_over_reports_of_two_data_versions(full_report, tmp_path, monkeypatch):
    copy = tmp_path / "_output"
    shutil.copytree(full_report, copy)
    monkeypatch.setattr(versions, "REPORT_OUTPUT", copy)
    assert render.landing_page().exists()  # one version: fine
    (copy / "perceel-5" / render.VERSION_FILE).write_text(json.dumps({"data_version": "oud"}), encoding="utf-8")
    with pytest.raises(render.RenderError, match="niet uit één gegevensversie"):
        render.landing_page()
    assert {render.report_version(copy / run) for run in RUNS if run != "perceel-5"} == {
        render.report_version(full_report / "totaal")
    }


def test_a_step_removes_the_files_it_no_longer_writes(tmp_path):
    target = tmp_path / "build" / "perceel-3"
    with staged_outputs(target, owner="02_survey") as staging:
        (staging / "tables").mkdir()
        (staging / "tables" / "steekproef_geslacht.csv").write_text("oud", encoding="utf-8")
        (staging / "values.yml").write_text("n: 10", encoding="utf-8")
    with staged_outputs(target, owner="03_literature") as staging:
        (staging / "spearman.csv").write_text("r", encoding="utf-8")
    # the perceel dropped below the threshold: step 2 now writes no sample tables
    with staged_outputs(target, owner="02_survey") as staging:
        (staging / "values.yml").write_text("n: < 5", encoding="utf-8")
    assert not (target / "tables" / "steekproef_geslacht.csv").exists()
    assert (target / "values.yml").read_text(encoding="utf-8") == "n: < 5"
    assert (target / "spearman.csv").exists()  # another step's output is left alone
    with pytest.raises(RuntimeError):
        with staged_outputs(target, owner="02_survey") as staging:
            (staging / "half.csv").write_text("x", encoding="utf-8")
            raise RuntimeError("stap faalt")
    assert not (target / "half.csv").exists() and (target / "values.yml").exists()


def test_a_report_being_written_by_a_parallel_render_is_left_alone(tmp_path):
    _report(tmp_path / "perceel-2", None)
    (tmp_path / "perceel-2" / ".staging-abc").mkdir()  # staged_outputs of another render, in progress
    assert render.remove_stale_reports("nieuw", tmp_path) == []
    assert (tmp_path / "perceel-2" / ".staging-abc").exists()
