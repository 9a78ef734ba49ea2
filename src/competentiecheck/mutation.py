"""``make mutation``: mutation testing of the privacy, statistics and qualitative core (issue 25).

A mutant is a small change to the code that changes what it does (``<`` for ``<=``, ``+ 1``, an argument
left out, ``True`` for ``False``); a test suite that notices it "catches" it. Per module listed in
``mutation.toml`` this runs mutmut 3 (pinned in ``requirements.lock``) against that module's own fast tests
only: never the end-to-end build (a test that asks for the ``full_report`` or ``built`` fixture stops the run).

Each module is tested in a copy of the project of its own (``build/mutation/<module>/``: the package, the
parameters, the tracked data, the listed test files and a ``setup.cfg`` for mutmut), so the checkout, which
others may be testing at the same time, is never changed. Modules run one after another; ``--jobs`` sets how
many mutants of one module run side by side.

A surviving mutant that does not change behaviour (an equivalent mutant) is listed in ``mutation.toml`` with
the function, the line before and after the change and a one-line reason; it does not count. The summary
per module (caught, survived, equivalent, % caught of the non-equivalent ones, target) goes to stdout and to
``build/mutation/summary.txt``, the surviving mutants with their diffs to
``build/mutation/<module>/survivors.txt``. Exit status 1 when a module is below its target or a listed
equivalent mutant no longer exists (the list is stale).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from competentiecheck.core.paths import BUILD, ROOT

__all__ = ["CONFIG", "Equivalent", "Module", "Result", "load_config", "run_module", "main"]

CONFIG = ROOT / "mutation.toml"
OUTPUT = BUILD / "mutation"
# copied into each module's workspace: what the fast tests read besides the package and the tests
COPIED = ("src", "params", "pyproject.toml")
DATA_KEPT = ("README.md", "codebook", "demo", "published", "synthesis")  # data/raw and data/processed: READMEs only
CAUGHT = {"killed", "timeout", "segfault", "caught by type check"}
FORBIDDEN_FIXTURES = ("full_report", "built")
GUARD = '''

# --------------------------------------------------------------------------- added by competentiecheck.mutation
def pytest_collection_modifyitems(config, items):
    """Mutation testing runs a module's fast tests only: never a test that needs the end-to-end build."""
    slow = [item.nodeid for item in items if set(getattr(item, "fixturenames", ())) & set(FORBIDDEN)]
    if slow:
        raise pytest.UsageError("mutatietests draaien alleen snelle tests; deze gebruiken de volledige build: " + ", ".join(slow))
'''


@dataclass(frozen=True)
class Equivalent:
    """A surviving mutant that changes nothing a caller can observe, with the reason."""

    function: str
    before: str
    after: str
    reason: str

    def matches(self, function: str, before: str, after: str) -> bool:
        return (self.function, _squash(self.before), _squash(self.after)) == (function, before, after)


@dataclass(frozen=True)
class Module:
    name: str
    path: str
    tests: tuple[str, ...]
    target: float
    equivalent: tuple[Equivalent, ...] = ()
    deselect: tuple[str, ...] = ()

    @property
    def pytest_selection(self) -> list[str]:
        """The tests as pytest arguments: files or test ids, minus the deselected test ids."""
        return [*self.tests, *(f"--deselect={test}" for test in self.deselect)]

    @property
    def test_files(self) -> list[str]:
        return sorted({test.split("::")[0] for test in self.tests})


@dataclass
class Survivor:
    name: str
    status: str
    function: str
    before: str
    after: str
    diff: str
    equivalent: Equivalent | None = None


@dataclass
class Result:
    module: Module
    caught: int = 0
    survivors: list[Survivor] = field(default_factory=list)
    not_checked: int = 0
    seconds: float = 0.0
    stale: list[Equivalent] = field(default_factory=list)

    @property
    def equivalent(self) -> int:
        return sum(s.equivalent is not None for s in self.survivors)

    @property
    def survived(self) -> int:
        return len(self.survivors) - self.equivalent

    @property
    def total(self) -> int:
        return self.caught + len(self.survivors) + self.not_checked

    @property
    def score(self) -> float:
        """Percentage caught of the non-equivalent mutants."""
        relevant = self.caught + self.survived
        return 100.0 * self.caught / relevant if relevant else float("nan")

    @property
    def ok(self) -> bool:
        return self.not_checked == 0 and self.score >= self.module.target and not self.stale


def _squash(code: str) -> str:
    return "\n".join(" ".join(line.split()) for line in code.strip().splitlines())


def load_config(path: Path = CONFIG) -> list[Module]:
    """The modules of ``mutation.toml``, in file order."""
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    modules = []
    for name, entry in data["modules"].items():
        tests = tuple(entry["tests"])
        if not tests:
            raise ValueError(f"{path}: module {name} lists no tests")
        modules.append(
            Module(
                name=name,
                path=entry["path"],
                tests=tests,
                target=float(entry["target"]),
                deselect=tuple(entry.get("deselect", [])),
                equivalent=tuple(
                    Equivalent(e["function"], e["before"], e["after"], e["reason"]) for e in entry.get("equivalent", [])
                ),
            )
        )
    return modules


# --------------------------------------------------------------------------- one module


def _copy_data(target: Path) -> None:
    source = ROOT / "data"
    target.mkdir(parents=True, exist_ok=True)
    for entry in sorted(source.iterdir()):
        if entry.name in DATA_KEPT:
            copy = shutil.copytree if entry.is_dir() else shutil.copy2
            copy(entry, target / entry.name)
    for readme in sorted(source.glob("raw/*/README.md")) + sorted(source.glob("processed/README.md")):
        (target / readme.parent.relative_to(source)).mkdir(parents=True, exist_ok=True)
        shutil.copy2(readme, target / readme.relative_to(source))


def prepare_workspace(module: Module, folder: Path) -> Path:
    """A copy of the project with only this module's tests, and mutmut's configuration for it."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=ignore)
        else:
            shutil.copy2(source, folder / name)
    _copy_data(folder / "data")
    (folder / "tests").mkdir()
    guard = GUARD.replace("FORBIDDEN", repr(FORBIDDEN_FIXTURES))
    conftest = (ROOT / "tests" / "conftest.py").read_text(encoding="utf-8")
    (folder / "tests" / "conftest.py").write_text(conftest + guard, encoding="utf-8")
    for test in module.test_files:
        if not (ROOT / test).is_file():
            raise FileNotFoundError(f"mutation.toml, module {module.name}: test file {test} does not exist")
        (folder / test).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / test, folder / test)
    lines = [
        "[mutmut]",
        "source_paths=src/",
        f"only_mutate={module.path}",
        "pytest_add_cli_args=-p",
        "    no:cacheprovider",
        "    -q",
        "pytest_add_cli_args_test_selection=" + "\n    ".join(module.pytest_selection),
        "also_copy=data/",
        "    params/",
        "",
    ]
    (folder / "setup.cfg").write_text("\n".join(lines), encoding="utf-8")
    return folder


def _function(mutant: str) -> str:
    """``pkg.mod.xǁClassǁmethod__mutmut_3`` -> ``Class.method``; ``pkg.mod.x_func__mutmut_3`` -> ``func``."""
    key = mutant.partition("__mutmut_")[0].rpartition(".")[2]
    if key.startswith("x_"):
        return key[2:]
    return ".".join(part for part in key[1:].split("ǁ") if part)


def _changed(diff: str) -> tuple[str, str]:
    lines = diff.splitlines()
    before = [line[1:] for line in lines if line.startswith("-") and not line.startswith("---")]
    after = [line[1:] for line in lines if line.startswith("+") and not line.startswith("+++")]
    return _squash("\n".join(before)), _squash("\n".join(after))


def collect(module: Module, folder: Path) -> Result:
    """Read mutmut's results in ``folder`` and match survivors against the listed equivalent mutants."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code

    relative = Path(module.path).relative_to("src") if module.path.startswith("src/") else Path(module.path)
    meta = folder / "mutants" / (module.path + ".meta")
    if not meta.exists():
        meta = folder / "mutants" / (str(relative) + ".meta")
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    result = Result(module)
    with contextlib.chdir(folder):
        for name, code in sorted(codes.items(), key=lambda item: _natural(item[0])):
            status = status_by_exit_code[code]
            if status in CAUGHT:
                result.caught += 1
                continue
            if status == "not checked":
                result.not_checked += 1
                continue
            diff = get_diff_for_mutant(name, path=module.path)
            before, after = _changed(diff)
            function = _function(name)
            # the same change can occur twice in a function (two 'return float("nan")'): one entry each
            matches = [e for e in module.equivalent if e.matches(function, before, after)]
            used = {id(s.equivalent) for s in result.survivors if s.equivalent is not None}
            match = next((e for e in matches if id(e) not in used), matches[0] if matches else None)
            result.survivors.append(Survivor(name, status, function, before, after, diff, match))
    used = {id(s.equivalent) for s in result.survivors if s.equivalent is not None}
    result.stale = [e for e in module.equivalent if id(e) not in used]
    return result


def _natural(name: str) -> tuple[str, int]:
    stem, _, number = name.rpartition("__mutmut_")
    return stem, int(number) if number.isdigit() else 0


def run_module(module: Module, jobs: int = 1, output: Path = OUTPUT, log=print, again: bool = True) -> Result:
    """Run mutmut on one module in a fresh workspace (``again=False``: only read the results of the last run
    again, e.g. after listing equivalent mutants in mutation.toml)."""
    folder = output / module.name
    seconds = 0.0
    if again or not (folder / "mutants").exists():
        folder = prepare_workspace(module, folder)
        env = {**os.environ, "PYTHONPATH": str(folder / "src"), "PYTHONHASHSEED": "0"}
        start = time.perf_counter()
        with open(folder / "mutmut.log", "w", encoding="utf-8") as handle:
            done = subprocess.run(
                [sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs)],
                cwd=folder,
                env=env,
                stdout=handle,
                stderr=subprocess.STDOUT,
            )
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            tail = (folder / "mutmut.log").read_text(encoding="utf-8", errors="replace")[-3000:]
            raise RuntimeError(f"mutmut stopped for module {module.name} (exit {done.returncode}):\n{tail}")
        (folder / "seconds.txt").write_text(f"{seconds:.0f}\n", encoding="utf-8")
    elif (folder / "seconds.txt").exists():
        seconds = float((folder / "seconds.txt").read_text(encoding="utf-8"))
    elif (folder / "mutmut.log").exists():  # from when the workspace was made to mutmut's last output
        seconds = (folder / "mutmut.log").stat().st_mtime - (folder / "setup.cfg").stat().st_mtime
    result = collect(module, folder)
    result.seconds = seconds
    _write_survivors(result, folder / "survivors.txt")
    (folder / "summary_line.txt").write_text(_line(result) + "\n", encoding="utf-8")
    log(_line(result))
    return result


def _write_survivors(result: Result, path: Path) -> None:
    parts = [f"# {result.module.name} ({result.module.path}): surviving mutants\n"]
    for survivor in result.survivors:
        label = f"equivalent: {survivor.equivalent.reason}" if survivor.equivalent else survivor.status
        parts.append(f"## {survivor.name} [{label}]\n{survivor.diff}\n")
    for stale in result.stale:
        parts.append(f"## stale entry in mutation.toml: {stale.function}: {stale.before} -> {stale.after}\n")
    path.write_text("\n".join(parts), encoding="utf-8")


# --------------------------------------------------------------------------- the summary


HEADER = (
    f"{'module':<14}{'mutants':>8}{'caught':>8}{'survived':>9}{'equivalent':>11}{'caught %':>10}{'target':>8}"
    f"{'minutes':>9}  "
)


def _line(result: Result) -> str:
    flags = []
    if result.score < result.module.target:
        flags.append("ONDER DOEL")
    if result.not_checked:
        flags.append(f"{result.not_checked} niet getest")
    if result.stale:
        flags.append(f"{len(result.stale)} verouderde equivalente mutant(en) in mutation.toml")
    return (
        f"{result.module.name:<14}{result.total:>8}{result.caught:>8}{result.survived:>9}{result.equivalent:>11}"
        f"{result.score:>9.1f}%{result.module.target:>7.0f}%{result.seconds / 60:>9.1f}  {'; '.join(flags) or 'ok'}"
    )


def summary(modules: list[Module], output: Path = OUTPUT) -> str:
    """Header and the last measured line of every module that has one (a run of some modules keeps the others')."""
    measured = [output / m.name / "summary_line.txt" for m in modules]
    lines = [
        "Mutatietests (mutmut, per module tegen de eigen snelle tests; python -m competentiecheck.mutation)",
        "caught % = gevangen / (alle mutanten - equivalente); overlevers met diff: build/mutation/<module>/survivors.txt",
        "",
        HEADER.rstrip(),
        *(path.read_text(encoding="utf-8").rstrip("\n") for path in measured if path.exists()),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="modules of mutation.toml (default: all, one after another)")
    parser.add_argument("--jobs", type=int, default=1, help="mutants of one module run side by side (default 1)")
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--output", type=Path, default=OUTPUT, help="folder of the workspaces and the summary")
    parser.add_argument(
        "--summary-only",
        action="store_true",
        help="do not run mutmut: read the last run's results again (after listing equivalent mutants)",
    )
    parser.add_argument("--list", action="store_true", help="list the modules, their tests and targets, and stop")
    args = parser.parse_args(argv)
    modules = load_config(args.config)
    unknown = sorted(set(args.modules) - {m.name for m in modules})
    if unknown:
        parser.error(
            f"unknown module(s) {', '.join(unknown)}; mutation.toml lists {', '.join(m.name for m in modules)}"
        )
    chosen = [m for m in modules if not args.modules or m.name in args.modules]
    if args.list:
        for module in chosen:
            print(f"{module.name}: {module.path} (doel {module.target:.0f} %), {len(module.equivalent)} equivalent")
            for test in module.tests:
                print(f"    {test}")
        return 0
    output = args.output.resolve()
    output.mkdir(parents=True, exist_ok=True)
    print(HEADER.rstrip(), flush=True)
    log = lambda line: print(line, flush=True)  # noqa: E731
    results = [run_module(m, args.jobs, output, log, again=not args.summary_only) for m in chosen]
    (output / "summary.txt").write_text(summary(modules, output), encoding="utf-8")
    print(f"\nSamenvatting: {output / 'summary.txt'}")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
