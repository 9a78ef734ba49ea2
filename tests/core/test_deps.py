"""Each step depends on the modules it imports, derived from the code (issue 9, inner loop)."""

import subprocess

from competentiecheck.core.deps import make_variables
from competentiecheck.core.paths import ROOT


def _variables():
    out = {}
    for line in make_variables().splitlines():
        if ":=" in line:
            name, files = line.split(":=")
            out[name.strip()] = set(files.split())
    return out


def test_steps_depend_on_what_they_import_transitively():
    deps = _variables()

    def module(name):
        return "src/competentiecheck/{}.py".format(name.replace(".", "/"))

    assert module("literature.review") in deps["DEPS_03_literature"]
    assert module("report.render") not in deps["DEPS_03_literature"] | deps["DEPS_02_survey"]
    assert module("literature.review") not in deps["DEPS_render"] | deps["DEPS_02_survey"]
    # an import inside a function counts: the sample step registers model sizes from survey_statistics
    assert module("survey.statistics") in deps["DEPS_02_survey"]
    assert module("privacy.audit") in deps["DEPS_02_survey"]  # through disclosure


def test_touching_the_renderer_only_re_renders(full_report):
    done = subprocess.run(
        ["make", "-n", "-W", "src/competentiecheck/report/render.py", "report"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "competentiecheck.report.render totaal" in done.stdout
    assert "competentiecheck.core.steps" not in done.stdout
    done = subprocess.run(
        ["make", "-n", "-W", "src/competentiecheck/literature/review.py", "report"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert "03_literature" in done.stdout and "02_survey" not in done.stdout


def test_modules_in_subpackages_and_relative_imports_are_followed():
    import ast

    from competentiecheck.core.deps import closure, module_imports

    tree = ast.parse(
        "from .qualitative.refi_qda import read_qdpx\nfrom competentiecheck.qualitative import agreement\n"
    )
    found = module_imports(tree, "some_step")
    assert {"qualitative", "qualitative.refi_qda", "qualitative.agreement"} <= found
    # inside the subpackage, the core's errors module is followed
    assert {"core.errors", "core.paths"} <= closure({"qualitative.refi_qda"})
