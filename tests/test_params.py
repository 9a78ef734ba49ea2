import pytest
import yaml

from competentiecheck.errors import ParamsError
from competentiecheck.params import load_params
from competentiecheck.paths import PARAMS, RUNS


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
    run_file = _write(tmp_path, "perceel-2.yml", {"run": "perceel-2", "perceel": 2, "eligibility": {"min_age": "zestien"}})
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
