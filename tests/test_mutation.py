"""``make mutation`` (issue 25): its configuration, its workspace and how it counts (fast: mutmut is not run)."""

from __future__ import annotations

import configparser

import pytest

from competentiecheck import mutation
from competentiecheck.core.paths import ROOT
from competentiecheck.mutation import Equivalent, Module, Result, Survivor

PRIVACY_AND_READER = {"disclosure", "audit", "publication", "output_check", "refi_qda"}
STATISTICS = {"psychometrics", "regression", "correlations", "agreement", "network", "profiles"}


def test_the_configuration_lists_the_modules_with_their_tests_and_targets():
    modules = {m.name: m for m in mutation.load_config()}
    assert PRIVACY_AND_READER | STATISTICS <= set(modules)
    for name, module in modules.items():
        assert (ROOT / module.path).is_file(), name
        assert module.target == (90 if name in PRIVACY_AND_READER else 85), name
        for test in module.test_files:
            text = (ROOT / test).read_text(encoding="utf-8")
            assert (ROOT / test).is_file() and test.startswith("tests/"), test
            if test in module.tests:  # a whole file: none of its tests may need the end-to-end build
                assert "full_report" not in text and "def built" not in text, test
        for equivalent in module.equivalent:
            assert equivalent.reason.strip() and "\n" not in equivalent.reason, equivalent
            assert equivalent.before != equivalent.after, equivalent


def test_a_module_without_tests_is_refused(tmp_path):
    config = tmp_path / "m.toml"
    config.write_text('[modules.x]\npath = "src/x.py"\ntarget = 90\ntests = []\n', encoding="utf-8")
    with pytest.raises(ValueError, match="lists no tests"):
        mutation.load_config(config)


def test_the_workspace_holds_the_package_the_data_and_only_the_chosen_tests(tmp_path):
    module = Module(
        "correlations",
        "src/competentiecheck/survey/correlations.py",
        ("tests/survey/test_correlations.py", "tests/survey/test_regression.py::test_bad_specifications_are_refused"),
        85,
        deselect=("tests/survey/test_correlations.py::test_describe_by_hand",),
    )
    folder = mutation.prepare_workspace(module, tmp_path / "ws")
    assert (folder / "src" / "competentiecheck" / "survey" / "correlations.py").is_file()
    assert not list((folder / "src").rglob("__pycache__"))
    assert (folder / "params" / "default.yml").is_file() and (folder / "pyproject.toml").is_file()
    assert (folder / "data" / "codebook" / "vragenlijst.yml").is_file() and (folder / "data" / "demo").is_dir()
    raw = sorted(
        p.relative_to(folder / "data" / "raw").as_posix() for p in (folder / "data" / "raw").rglob("*") if p.is_file()
    )
    assert raw and all(name.endswith("/README.md") for name in raw)  # never the team's own inputs
    assert sorted(p.relative_to(folder).as_posix() for p in (folder / "tests").rglob("*.py")) == [
        "tests/conftest.py",
        "tests/survey/test_correlations.py",
        "tests/survey/test_regression.py",
    ]
    conftest = (folder / "tests" / "conftest.py").read_text(encoding="utf-8")
    assert "def pytest_collection_modifyitems" in conftest and "'full_report', 'built'" in conftest
    cfg = configparser.ConfigParser()
    cfg.read(folder / "setup.cfg")
    assert cfg["mutmut"]["only_mutate"] == module.path
    assert cfg["mutmut"]["pytest_add_cli_args_test_selection"].split() == [
        *module.tests,
        "--deselect=tests/survey/test_correlations.py::test_describe_by_hand",
    ]
    with pytest.raises(FileNotFoundError, match="nergens.py does not exist"):
        mutation.prepare_workspace(Module("x", module.path, ("tests/nergens.py",), 85), tmp_path / "ws2")


def test_names_and_diffs_of_mutants():
    assert mutation._function("competentiecheck.survey.correlations.x_describe__mutmut_3") == "describe"
    assert (
        mutation._function("competentiecheck.privacy.disclosure.xǁDisclosureǁprotect__mutmut_12")
        == "Disclosure.protect"
    )
    assert mutation._function("competentiecheck.privacy.audit.xǁ_Modelǁ__init____mutmut_8") == "_Model.__init__"
    diff = "--- a.py\n+++ a.py\n@@ -1,3 +1,3 @@\n def f(x):\n-    return   x + 1\n+    return x - 1\n"
    assert mutation._changed(diff) == ("return x + 1", "return x - 1")
    assert mutation._natural("m.x_f__mutmut_10") > mutation._natural("m.x_f__mutmut_9")


def test_equivalent_mutants_match_on_function_and_change_and_the_score_leaves_them_out():
    listed = Equivalent("describe", "return  x + 1", "return x - 1", "no caller can tell")
    assert listed.matches("describe", "return x + 1", "return x - 1")
    assert not listed.matches("stars", "return x + 1", "return x - 1")
    module = Module("m", "src/m.py", ("tests/t.py",), 90, (listed,))
    result = Result(module, caught=18)
    result.survivors = [
        Survivor("m.x_describe__mutmut_1", "survived", "describe", "return x + 1", "return x - 1", "", listed),
        Survivor("m.x_stars__mutmut_2", "survived", "stars", "a", "b", ""),
        Survivor("m.x_stars__mutmut_3", "no tests", "stars", "c", "d", ""),
    ]
    assert (result.total, result.survived, result.equivalent) == (21, 2, 1)
    assert result.score == pytest.approx(90.0) and result.ok
    line = mutation._line(result)
    assert line.split() == ["m", "21", "18", "2", "1", "90.0%", "90%", "0.0", "ok"]
    result.caught = 17
    assert not result.ok and "ONDER DOEL" in mutation._line(result)
    result.caught, result.stale = 18, [Equivalent("gone", "a", "b", "r")]
    assert not result.ok and "verouderde" in mutation._line(result)


def test_the_summary_keeps_the_last_line_of_every_module(tmp_path):
    modules = [Module(n, f"src/{n}.py", ("tests/t.py",), 85) for n in ("a", "b", "c")]
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "summary_line.txt").write_text("a regel\n", encoding="utf-8")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "summary_line.txt").write_text("c regel\n", encoding="utf-8")
    text = mutation.summary(modules, tmp_path)
    assert text.splitlines()[-2:] == ["a regel", "c regel"] and "caught %" in text


def test_the_command_lists_and_refuses_unknown_modules(capsys):
    assert mutation.main(["--list", "correlations"]) == 0
    listed = capsys.readouterr().out
    assert listed.startswith("correlations: src/competentiecheck/survey/correlations.py (doel 85 %)")
    assert "tests/survey/test_correlations.py" in listed
    with pytest.raises(SystemExit):
        mutation.main(["bestaat_niet"])
    assert "unknown module(s) bestaat_niet" in capsys.readouterr().err
