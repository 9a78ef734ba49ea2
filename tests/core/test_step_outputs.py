"""Issue 18, points 9 and 10: a failing step leaves its outputs as they were, and make sees a deleted input."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from competentiecheck.core.input_listing import listing, write_listing
from competentiecheck.core.outputs import staged_outputs
from competentiecheck.core.paths import DEMO, NOTEBOOKS, ROOT


def test_a_step_that_fails_after_writing_figures_leaves_tables_and_figures_as_they_were(tmp_path):
    build, figures = tmp_path / "build", tmp_path / "figures"
    with staged_outputs(build, figures, owner="07_test") as (staging, figure_staging):
        (staging / "tabel.csv").write_text("oud\n", encoding="utf-8")
        (figure_staging / "netwerk.png").write_text("oud", encoding="utf-8")
    with pytest.raises(KeyError):
        with staged_outputs(build, figures, owner="07_test") as (staging, figure_staging):
            (figure_staging / "netwerk.png").write_text("nieuw", encoding="utf-8")  # figures first, as step 7 did
            (figure_staging / "extra.png").write_text("nieuw", encoding="utf-8")
            raise KeyError("reason")  # a coding decision without its 'reason'
    assert (figures / "netwerk.png").read_text(encoding="utf-8") == "oud"
    assert not (figures / "extra.png").exists() and (build / "tabel.csv").read_text(encoding="utf-8") == "oud\n"
    assert not [p for p in [*build.iterdir(), *figures.iterdir()] if p.name.startswith(".staging-")]


def test_every_step_moves_all_its_outputs_in_one_block():
    for notebook in sorted(NOTEBOOKS.glob("0[2-7]_*.ipynb")):
        code = "".join(
            "".join(c["source"])
            for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "code"
        )
        assert code.count("with staged_outputs(") == 1, notebook.name


def test_the_listing_changes_when_a_file_appears_or_goes_and_only_then(tmp_path):
    target = tmp_path / "interviews.lst"
    assert write_listing("interviews", target)
    before = target.stat().st_mtime_ns
    assert not write_listing("interviews", target) and target.stat().st_mtime_ns == before
    extra = DEMO / "interviews" / "segmenten_test_listing.csv"
    extra.write_text("x\n", encoding="utf-8")
    try:
        assert "segmenten_test_listing.csv" in listing("interviews")
        assert write_listing("interviews", target)
    finally:
        extra.unlink()
    assert write_listing("interviews", target) and "segmenten_test_listing.csv" not in target.read_text(
        encoding="utf-8"
    )


def test_make_reruns_a_step_when_an_input_file_is_deleted(tmp_path):
    """The Makefile's listing, on a stand-in step: run, no-op (also for make -n), then a file goes and it runs again."""
    makefile = tmp_path / "Makefile"
    makefile.write_text(
        f"_ := $(shell PYTHONPATH={ROOT / 'src'} {sys.executable} -m competentiecheck.core.input_listing build/inputs)\n"
        f"stap.txt: build/inputs/documenten.lst\n\t@echo gedraaid >> stap.txt\n",
        encoding="utf-8",
    )
    extra = DEMO / "documenten" / "plan_test_listing.csv"
    extra.write_text("x\n", encoding="utf-8")
    try:
        for _ in range(2):
            subprocess.run(["make", "-s", "stap.txt"], cwd=tmp_path, check=True)
        assert (tmp_path / "stap.txt").read_text(encoding="utf-8").count("gedraaid") == 1  # second run: nothing
        assert subprocess.run(["make", "-q", "stap.txt"], cwd=tmp_path).returncode == 0  # up to date
    finally:
        extra.unlink()
    os.utime(tmp_path / "stap.txt")  # the step is newer than every remaining input: only the listing can tell
    subprocess.run(["make", "-s", "stap.txt"], cwd=tmp_path, check=True)
    assert (tmp_path / "stap.txt").read_text(encoding="utf-8").count("gedraaid") == 2


def test_the_makefile_makes_each_step_depend_on_its_listings():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for step, kinds in (
        ("$(PROCESSED) $(SAMPLE_PUBLICATION) &:", ["survey"]),
        ("$(LITERATURE):", ["literature"]),
        ("$(INTERVIEWS):", ["interviews", "partnerschappen", "documenten"]),
        ("$(DOCUMENTS):", ["documenten", "interviews"]),
        ("$(PARTNERSHIPS):", ["partnerschappen", "documenten"]),
    ):
        line = next(l for l in makefile.splitlines() if l.startswith(step))
        for kind in kinds:
            assert f"$(call LISTING,{kind})" in line, (step, kind)
