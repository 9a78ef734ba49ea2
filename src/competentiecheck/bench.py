"""``make bench``: performance figures of the project.

1. The survey statistics step on a large survey: wall time and peak memory. The survey is synthetic
   and made on the fly (never committed): the cleaned demo respondents resampled with replacement,
   with a fixed seed, to the requested size.
2. The whole pipeline: a clean ``make -j2 report`` (the virtual environment is kept) and a second,
   no-op ``make report``.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import time

import numpy as np

from .cleaning import clean_survey
from .codebook import load_codebook
from .disclosure import Disclosure
from .params import load_params
from .paths import DEMO_SURVEY, ROOT
from .survey_statistics import run_statistics

__all__ = ["bench_statistics"]


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_statistics(n: int = 100_000, seed: int = 20240601) -> dict:
    codebook = load_codebook()
    params = load_params("totaal")
    base = clean_survey(DEMO_SURVEY, codebook, params).data
    rng = np.random.default_rng(seed)
    survey = base.iloc[rng.integers(0, len(base), n)].reset_index(drop=True)
    start_mem = _peak_mib()
    start = time.perf_counter()
    stats = run_statistics(survey, codebook, params, Disclosure.from_params(params))
    elapsed = time.perf_counter() - start
    assert stats.correlations is not None and all(m.result is not None for m in stats.models)
    return {"n": n, "seconds": elapsed, "peak_mib": _peak_mib(), "peak_before_mib": start_mem,
            "models": len(stats.models)}


def _timed_make(*args: str) -> float:
    start = time.perf_counter()
    done = subprocess.run(["make", *args], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"make {' '.join(args)} faalde:\n{done.stderr[-3000:]}")
    return time.perf_counter() - start


def bench_pipeline() -> dict:
    """Clean build with two jobs, a no-op build, and the rebuild after touching one module: the renderer
    (only the reports are made again) and the literature module (step 4 and the reports). The .venv is
    not rebuilt."""
    _timed_make("clean")
    clean = _timed_make("-j2", "report")
    noop = _timed_make("report")
    touched = {}
    for module in ("render", "literature"):
        (ROOT / "src" / "competentiecheck" / f"{module}.py").touch()
        touched[module] = _timed_make("-j2", "report")
    return {"clean_seconds": clean, "noop_seconds": noop, "touched": touched}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmarks van de statistiekstap en de hele pijplijn.")
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--skip-pipeline", action="store_true", help="alleen de statistiekstap")
    args = parser.parse_args(argv)
    result = bench_statistics(args.n)
    print(f"statistiekstap op {result['n']:,} synthetische respondenten ({result['models']} regressiemodellen): "
          f"{result['seconds']:.1f} s, piekgeheugen van het proces {result['peak_mib']:.0f} MiB "
          f"(waarvan {result['peak_before_mib']:.0f} MiB vóór de stap); doel ≤ 30 s en ≤ 2048 MiB")
    if not args.skip_pipeline:
        pipeline = bench_pipeline()
        print(f"schone 'make -j2 report' (zonder .venv op te bouwen): {pipeline['clean_seconds']:.1f} s (doel ≤ 120 s); "
              f"tweede 'make report' zonder wijzigingen: {pipeline['noop_seconds']:.2f} s (doel ≤ 2 s)")
        for module, seconds in pipeline["touched"].items():
            print(f"'make -j2 report' na een wijziging in {module}.py: {seconds:.1f} s (alleen wat die module gebruikt)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
