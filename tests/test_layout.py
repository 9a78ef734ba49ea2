"""Issue 19: the package reads as its pipeline, and the import rules hold (import-linter, pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib

from competentiecheck.core.paths import ROOT

LINT = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def _lint(cwd, env_path):
    return subprocess.run(
        [sys.executable, "-c", LINT],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(env_path), "PATH": "/usr/bin:/bin"},
    )


def test_the_import_contracts_hold():
    done = _lint(ROOT, ROOT / "src")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "1 kept, 0 broken" in done.stdout


def test_a_core_module_importing_a_step_breaks_the_contract(tmp_path):
    shutil.copytree(
        ROOT / "src" / "competentiecheck",
        tmp_path / "src" / "competentiecheck",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    paths = tmp_path / "src" / "competentiecheck" / "core" / "paths.py"
    paths.write_text(
        paths.read_text(encoding="utf-8") + "\n\ndef _planted():\n"
        "    import competentiecheck.survey.cleaning  # noqa: F401\n",
        encoding="utf-8",
    )
    done = _lint(tmp_path, tmp_path / "src")
    assert done.returncode != 0 and "BROKEN" in done.stdout and "competentiecheck.core.paths" in done.stdout


def test_every_step_has_one_folder_and_the_layers_name_them_all():
    package = ROOT / "src" / "competentiecheck"
    folders = {p.name for p in package.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    layers = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"][
        0
    ]["layers"]
    named = {part.strip() for layer in layers for part in layer.split("|")}
    assert (
        folders
        == named
        == {
            "report",
            "survey",
            "literature",
            "interviews",
            "documents",
            "partnerships",
            "synthesis",
            "feedback",
            "qualitative",
            "privacy",
            "core",
        }
    )
    top = {p.stem for p in package.glob("*.py")}
    assert top == {
        "__init__",
        "bench",
        "demo",
        "mutation",
        "psychometrics",
        "correlations",
        "regression",
    }  # commands, public API


def test_the_tests_mirror_the_package_and_the_notebooks_name_their_step():
    package = ROOT / "src" / "competentiecheck"
    subpackages = {p.name for p in package.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    test_folders = {p.name for p in (ROOT / "tests").iterdir() if p.is_dir() and not p.name.startswith((".", "_"))}
    assert test_folders == subpackages
    for folder in test_folders:
        assert list((ROOT / "tests" / folder).glob("test_*.py")), folder
    # at the top only the tests of the whole pipeline (several subpackages at once)
    top = {p.name for p in (ROOT / "tests").glob("test_*.py")}
    assert top == {
        "test_pipeline.py",
        "test_layout.py",
        "test_public_api.py",
        "test_empty_perceel.py",
        "test_demo_data.py",
        "test_mutation.py",  # the command of the top-level module mutation.py, as bench.py
    }
    # notebooks: numbered in pipeline order, named after the subpackage whose step they run
    notebooks = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
    numbers = [int(name.split("_", 1)[0]) for name in notebooks]
    assert numbers == list(range(1, len(notebooks) + 1))
    for name in notebooks:
        step = name.split("_", 1)[1]
        assert any(step == s or step.startswith(s.rstrip("s")) for s in subpackages), name


def test_test_files_have_unique_names():
    """pytest imports test modules by their file name (rootdir mode, no __init__.py): two test files of one
    name in different folders stop the whole run at collection."""
    names = [path.name for path in (ROOT / "tests").rglob("test_*.py")]
    assert sorted({n for n in names if names.count(n) > 1}) == []
