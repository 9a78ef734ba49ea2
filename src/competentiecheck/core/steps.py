"""Run one notebook step with papermill, the way the Makefile does.

On success the executed notebook lands at its target path, with its HTML versions beside it (the
complete one for the team and the public one the reports copy, :mod:`competentiecheck.core.notebook_html`). On failure the step's name, the run and
the failing cell are printed, the executed notebook is kept (``<target>.failed.ipynb``) for
inspection, and the reports that depend on the step are removed, so nothing looks complete.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
from pathlib import Path

from competentiecheck.core.notebook_html import export_html
from competentiecheck.core.paths import REPORT_OUTPUT, relative

__all__ = ["run_step"]


def _remove_reports(run: str | None) -> None:
    targets = [REPORT_OUTPUT / "index.html"]
    targets += [REPORT_OUTPUT] if run is None else [REPORT_OUTPUT / run]
    for target in targets:
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()


def run_step(notebook: Path, target: Path, run: str | None = None) -> int:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    logging.getLogger("papermill").setLevel(logging.WARNING)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.stem + ".part.ipynb")
    failed = target.with_name(target.stem + ".failed.ipynb")
    failed.unlink(missing_ok=True)
    parameters = {"run_id": run} if run else {}
    step = Path(notebook).stem
    where = f" (run {run})" if run else ""
    try:
        # the notebook is written once, at the end (or on an error, with the failing cell): papermill's save
        # after every cell start and end cost a second of CPU per step and nobody reads a half-run notebook
        papermill.execute_notebook(
            str(notebook),
            str(partial),
            parameters=parameters,
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
        )
    except PapermillExecutionError as exc:
        partial.replace(failed)
        _remove_reports(run)
        print(
            f"\nStap {step}{where} faalde in cel {exc.exec_count if exc.exec_count else '?'}: "
            f"{exc.ename}: {exc.evalue}\nHet uitgevoerde notebook met de fout staat in {relative(failed)}; "
            f"de rapporten die van deze stap afhangen zijn verwijderd.",
            file=sys.stderr,
        )
        return 1
    export_html(partial, target)
    partial.replace(target)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Voer één notebookstap uit met papermill.")
    parser.add_argument("notebook", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--run", default=None, help="run-id voor perceelgevoelige stappen")
    args = parser.parse_args(argv)
    return run_step(args.notebook, args.target, args.run)


if __name__ == "__main__":
    raise SystemExit(main())
