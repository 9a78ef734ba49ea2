import pytest
import yaml

from competentiecheck.core.errors import ParamsError
from competentiecheck.core.params import load_params
from competentiecheck.core.paths import CODEBOOK, PARAMS, RUNS


@pytest.mark.parametrize("run", RUNS)
def test_every_run_loads(run):
    params = load_params(run)
    assert params["run"] == run
    assert params["perceel"] == (None if run == "totaal" else int(run[-1]))


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_unknown_key_names_file_and_key(tmp_path):
    default = PARAMS / "default.yml"
    run_file = _write(tmp_path, "perceel-3.yml", {"run": "perceel-3", "perceel": 3, "disclosure": {"min_grup_size": 3}})
    with pytest.raises(ParamsError) as err:
        load_params(files=[default, run_file])
    assert err.value.key == "disclosure.min_grup_size"
    assert "perceel-3.yml" in str(err.value)


def test_wrong_type_names_key(tmp_path):
    run_file = _write(
        tmp_path, "perceel-2.yml", {"run": "perceel-2", "perceel": 2, "eligibility": {"min_age": "zestien"}}
    )
    with pytest.raises(ParamsError, match="eligibility.min_age"):
        load_params(files=[PARAMS / "default.yml", run_file])


def test_perceel_must_match_run(tmp_path):
    run_file = _write(tmp_path, "perceel-2.yml", {"run": "perceel-2", "perceel": 4})
    with pytest.raises(ParamsError, match="'perceel'"):
        load_params(files=[PARAMS / "default.yml", run_file])


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(ParamsError, match="bestaat niet"):
        load_params(files=[tmp_path / "nope.yml"])


def test_min_items_rule_accepts_all_or_positive_int(tmp_path):
    ok = _write(tmp_path, "a.yml", {"scoring": {"min_items_answered": 2}})
    assert load_params(files=[PARAMS / "default.yml", ok])["scoring"]["min_items_answered"] == 2
    bad = _write(tmp_path, "b.yml", {"scoring": {"min_items_answered": 0}})
    with pytest.raises(ParamsError, match="scoring.min_items_answered"):
        load_params(files=[PARAMS / "default.yml", bad])


# --- disclosure: one joint protection (issue 17, point 6) ---------------------------------------


def _params_folder(tmp_path, **disclosure):
    """A copy of params/ in which each named file (``perceel_3=...``, ``default=...``) gets these
    disclosure keys on top of its own."""
    folder = tmp_path / "params"
    folder.mkdir(parents=True)
    for name in ("default", *RUNS):
        data = yaml.safe_load((PARAMS / f"{name}.yml").read_text(encoding="utf-8"))
        extra = disclosure.get(name.replace("-", "_"))
        if extra:
            data["disclosure"] = {**data.get("disclosure", {}), **extra}
        _write(folder, f"{name}.yml", data)
    return folder


def test_run_file_may_not_set_min_group_size_to_one(tmp_path):
    folder = _params_folder(tmp_path, perceel_3={"min_group_size": 1})
    for run in ("perceel-3", "perceel-1"):  # one joint protection: the bad file stops every run
        with pytest.raises(ParamsError) as err:
            load_params(run, params_dir=folder)
        assert err.value.key == "disclosure.min_group_size"
        assert err.value.file.endswith("perceel-3.yml")
        assert "gekregen: 1" in str(err.value)


def test_run_file_may_not_lower_below_default(tmp_path):
    folder = _params_folder(tmp_path, perceel_3={"min_group_size": 4})
    with pytest.raises(ParamsError) as err:
        load_params("perceel-3", params_dir=folder)
    assert err.value.key == "disclosure.min_group_size"
    assert err.value.file.endswith("perceel-3.yml")
    assert "is 4, lager dan 5 uit default.yml" in str(err.value)


def test_min_cases_one_is_refused(tmp_path):
    folder = _params_folder(tmp_path, perceel_2={"min_cases": 1})
    with pytest.raises(ParamsError) as err:
        load_params("perceel-2", params_dir=folder)
    assert err.value.key == "disclosure.min_cases"
    assert err.value.file.endswith("perceel-2.yml")


@pytest.mark.parametrize("file", ["default", "perceel_3"])
def test_rounding_base_one_is_refused(tmp_path, file):
    folder = _params_folder(tmp_path, **{file: {"rounding_base": 1}})
    with pytest.raises(ParamsError, match=r"disclosure\.rounding_base") as err:
        load_params("perceel-3", params_dir=folder)
    assert err.value.file.endswith(file.replace("_", "-") + ".yml")
    assert "moet een geheel getal >= 2 zijn" in str(err.value)


def test_run_file_keeps_the_rounding_base(tmp_path):
    folder = _params_folder(tmp_path, perceel_4={"rounding_base": 10})
    with pytest.raises(ParamsError, match=r"disclosure\.rounding_base") as err:
        load_params("perceel-4", params_dir=folder)
    assert "moet gelijk zijn aan 5 uit default.yml" in str(err.value)


def test_min_model_n_at_least_min_group_size(tmp_path):
    folder = _params_folder(tmp_path, default={"min_group_size": 6, "min_model_n": 5})
    with pytest.raises(ParamsError, match=r"disclosure\.min_model_n") as err:
        load_params("totaal", params_dir=folder)
    assert err.value.file.endswith("default.yml")
    # a run file that raises min_group_size above the default min_model_n must raise that too
    folder = _params_folder(tmp_path / "b", perceel_3={"min_group_size": 12})
    with pytest.raises(ParamsError, match=r"disclosure\.min_model_n") as err:
        load_params("perceel-3", params_dir=folder)
    assert err.value.file.endswith("perceel-3.yml")


def test_raised_threshold_holds_for_every_run(tmp_path):
    folder = _params_folder(tmp_path, perceel_3={"min_group_size": 10})
    for run in RUNS:
        params = load_params(run, params_dir=folder)
        assert params["disclosure"]["min_group_size"] == 10, run
        assert params["disclosure"]["min_cases"] == 5
        assert params["_disclosure_sources"]["min_group_size"].endswith("perceel-3.yml")
        assert params["_disclosure_sources"]["min_cases"].endswith("default.yml")


def test_explicit_files_take_the_maximum_over_those_files_only(tmp_path):
    folder = _params_folder(tmp_path, perceel_3={"min_group_size": 10}, perceel_1={"min_group_size": 6})
    given = load_params(files=[folder / "default.yml", folder / "perceel-3.yml", folder / "perceel-1.yml"])
    assert given["run"] == "perceel-1"  # other keys: the last file wins, as before
    assert given["disclosure"]["min_group_size"] == 10  # disclosure: the highest of the files given
    assert given["_disclosure_sources"]["min_group_size"].endswith("perceel-3.yml")
    alone = load_params(files=[folder / "default.yml", folder / "perceel-2.yml"])
    assert alone["disclosure"]["min_group_size"] == 5
    assert alone["_disclosure_sources"]["min_group_size"].endswith("default.yml")


@pytest.mark.parametrize("value", [3.7, "3", True])
def test_a_count_of_plans_must_be_a_whole_number(tmp_path, value):
    """Issue 18, point 5: 'plannen_van_aanpak: 3.7' was read as 3 plans."""
    folder = _params_folder(tmp_path)
    data = yaml.safe_load((folder / "perceel-3.yml").read_text(encoding="utf-8"))
    data["context"]["plannen_van_aanpak"] = value
    _write(folder, "perceel-3.yml", data)
    with pytest.raises(ParamsError, match=r"perceel-3\.yml.*context\.plannen_van_aanpak.*geheel getal"):
        load_params("perceel-3", params_dir=folder)


# --- evaluation: who made the evaluation, consent, ethics (issue 20, RAMESES II items 6 and 20) ---------


def test_the_evaluation_block_holds_the_source_facts():
    evaluation = load_params("perceel-2")["evaluation"]  # one block for every run, from default.yml
    # the title page of the source report: four authors, commissioned by DWSE
    assert [a.split(" (")[0] for a in evaluation["authors"]] == [
        "Prof. dr. Simon Beusaert",
        "Prof. dr. Eva Kyndt",
        "Dr. Samantha Crans",
        "Dr. Fatemeh Janesarvatan",
    ]
    assert "Departement Werk en Sociale Economie (DWSE)" in evaluation["commissioner"]
    # the source says nothing about ethics approval or conflicts of interest: the block says so
    assert evaluation["ethics_approval"] == "niet vermeld in het eindverslag"
    assert evaluation["conflicts_of_interest"] == "niet vermeld in het eindverslag"
    # §7.1.1 and §8.2.2
    assert evaluation["reach"] == {"interviews_planned": 15, "interviews_held": 9, "consultants": 17}


def test_the_consent_text_matches_the_codebook_answers():
    """The survey's consent procedure quotes the two answers of the codebook's consent item."""
    codebook = yaml.safe_load(CODEBOOK.read_text(encoding="utf-8"))  # data/codebook/vragenlijst.yml
    answers = codebook["response_scales"]["consent2"]["labels"]["nl"]
    consent = load_params("totaal")["evaluation"]["consent"]["survey"]
    for answer in answers:
        assert f"'{answer}'" in consent


@pytest.mark.parametrize(
    ("block", "key"),
    [
        ({"comissioner": "DWSE"}, "evaluation.comissioner"),
        ({"consent": {"survy": "ja"}}, "evaluation.consent.survy"),
        ({"reach": {"interviews": 9}}, "evaluation.reach.interviews"),
    ],
)
def test_a_typo_in_the_evaluation_block_names_the_key(tmp_path, block, key):
    run_file = _write(tmp_path, "perceel-1.yml", {"run": "perceel-1", "perceel": 1, "evaluation": block})
    with pytest.raises(ParamsError) as err:
        load_params(files=[PARAMS / "default.yml", run_file])
    assert err.value.key == key
    assert "onbekende sleutel" in str(err.value)
    assert err.value.file.endswith("perceel-1.yml")


def test_a_missing_evaluation_key_stops_the_run(tmp_path):
    folder = _params_folder(tmp_path)
    data = yaml.safe_load((folder / "default.yml").read_text(encoding="utf-8"))
    del data["evaluation"]["ethics_approval"]
    _write(folder, "default.yml", data)
    with pytest.raises(ParamsError, match=r"evaluation\.ethics_approval.*ontbreekt"):
        load_params("totaal", params_dir=folder)


@pytest.mark.parametrize(
    ("block", "key", "message"),
    [
        ({"authors": []}, "evaluation.authors", "niet-lege lijst"),
        ({"ethics_approval": ""}, "evaluation.ethics_approval", "niet-lege tekst"),
        ({"reach": {"consultants": 16.5}}, "evaluation.reach.consultants", "geheel getal"),
        ({"reach": {"interviews_held": 16}}, "evaluation.reach.interviews_held", "meer dan de 15 beoogde"),
    ],
)
def test_a_bad_evaluation_value_names_the_key(tmp_path, block, key, message):
    run_file = _write(tmp_path, "perceel-1.yml", {"run": "perceel-1", "perceel": 1, "evaluation": block})
    with pytest.raises(ParamsError) as err:
        load_params(files=[PARAMS / "default.yml", run_file])
    assert err.value.key == key
    assert message in str(err.value)
