"""Issue 17, points 1, 4 and 8: what a reader holding the repository can learn about the qualitative inputs.

The attacks are the reader's: redo the label shuffle from tracked files, confirm a guessed input from
its published fingerprint, read a case out of a file name, find the team's inputs in git.
"""

from __future__ import annotations

import random
import string
import subprocess

import pytest

from competentiecheck.core.errors import InputError
from competentiecheck.core.params import load_params
from competentiecheck.core.paths import DEMO, RAW, ROOT, input_folder, is_demo_input, public_name
from competentiecheck.interviews.analysis import interview_labels
from competentiecheck.privacy.pseudonymise import DEMO_SALT, SALT_ENV, keyed_order, step_salt
from competentiecheck.report.provenance import fingerprint, sha256

CASES = [f"organisatie {k}" for k in range(1, 10)]
SECRET = "9f1c2b7e4d5a6c3b8e0f1a2d3c4b5a697887766554433221100ffeeddccbbaa"


def _seeded_labels(cases, seed):
    """What the labels used to be: a shuffle seeded from params/default.yml (tracked)."""
    order = sorted(cases)
    random.Random(seed).shuffle(order)
    return {case: f"interview {string.ascii_uppercase[i]}" for i, case in enumerate(order)}


def test_labels_cannot_be_recomputed_from_tracked_files():
    labels = interview_labels(CASES, SECRET)
    seed = load_params("totaal")["seed"]
    # everything a reader with the repository holds: the seed, the demo salt, the case names
    assert labels != _seeded_labels(CASES, seed)
    assert labels != interview_labels(CASES, DEMO_SALT)
    # and the labels follow the secret: another salt gives another assignment
    assert labels != interview_labels(CASES, SECRET[::-1])
    assert interview_labels(CASES, SECRET) == labels  # stable for the team


def test_keyed_order_is_a_permutation_that_depends_only_on_salt_and_purpose():
    items = [f"x{k}" for k in range(30)]
    order = keyed_order(items, SECRET, "label interview")
    assert sorted(order) == sorted(items)
    assert order == keyed_order(list(reversed(items)), SECRET, "label interview")
    assert order != keyed_order(items, SECRET, "label gesprek")


def test_real_qualitative_inputs_need_the_secret_salt(tmp_path, monkeypatch):
    monkeypatch.delenv(SALT_ENV, raising=False)
    params = load_params("totaal")
    params["pseudonymisation"]["salt_file"] = str(tmp_path / "geen_zout.txt")
    real = tmp_path / "interviews"
    real.mkdir()
    (real / "casussen.csv").write_text("casus\norganisatie 1\n", encoding="utf-8")
    with pytest.raises(InputError, match="geheim zout"):
        step_salt(params, ["interviews"], {"interviews": real})
    monkeypatch.setenv(SALT_ENV, DEMO_SALT)
    with pytest.raises(InputError, match="demozout"):
        step_salt(params, ["interviews"], {"interviews": real})
    monkeypatch.setenv(SALT_ENV, SECRET)
    assert step_salt(params, ["interviews"], {"interviews": real}).value == SECRET
    # the tracked demo may use the public demo salt
    monkeypatch.delenv(SALT_ENV)
    assert step_salt(params, ["interviews"], {"interviews": DEMO / "interviews"}).value == DEMO_SALT


def test_a_real_input_has_a_keyed_fingerprint_a_reader_cannot_confirm(tmp_path, monkeypatch):
    table = RAW / "partnerschappen" / "gesprekken_test_fingerprint.csv"
    guess = "casus,perceel,vorm,deelnemers\ngesprek 1,1,individueel,1\n"
    table.write_text(guess, encoding="utf-8")
    try:
        print_ = fingerprint(table, SECRET)
        assert print_["kind"] == "hmac-sha256"
        # the reader's attack: hash the guessed content and compare with what the report prints
        guessed = tmp_path / "guess.csv"
        guessed.write_text(guess, encoding="utf-8")
        assert print_["value"] != sha256(guessed)
        assert print_["value"] != fingerprint(table, DEMO_SALT)["value"]
    finally:
        table.unlink()
    demo = DEMO / "partnerschappen" / "gesprekken.csv"
    assert fingerprint(demo, SECRET) == {"kind": "sha256", "value": sha256(demo)}


def test_file_names_chosen_by_the_team_never_reach_a_reader():
    named = DEMO / "interviews" / "segmenten_codeur_a.csv"
    assert public_name(named) == "data/demo/interviews/bestand 2.csv"  # after interviews.qdpx, before it
    assert public_name(DEMO / "interviews" / "interviews.qdpx") == "data/demo/interviews/bestand 1.qdpx"
    assert public_name(DEMO / "interviews" / "casussen.csv") == "data/demo/interviews/casussen.csv"
    assert public_name(ROOT / "data" / "codebook" / "swot.yml") == "data/codebook/swot.yml"
    planted = RAW / "interviews" / "segmenten_organisatie_9.csv"
    assert "organisatie" not in public_name(planted)


def test_the_teams_qualitative_inputs_are_ignored_by_git_and_read_instead_of_the_demo():
    for kind in ("interviews", "documenten", "partnerschappen", "literature", "survey"):
        ignored = subprocess.run(["git", "check-ignore", "-q", f"data/raw/{kind}/transcript.qdpx"], cwd=ROOT)
        assert ignored.returncode == 0, kind
        readme = subprocess.run(["git", "check-ignore", "-q", f"data/raw/{kind}/README.md"], cwd=ROOT)
        assert readme.returncode == 1, kind
    assert is_demo_input(input_folder("interviews"))  # this checkout holds only the README in data/raw/interviews
    extra = RAW / "documenten" / "plannen_test_folder.csv"
    extra.write_text("plan\n", encoding="utf-8")
    try:
        assert input_folder("documenten") == RAW / "documenten"
    finally:
        extra.unlink()
    assert input_folder("documenten") == DEMO / "documenten"
