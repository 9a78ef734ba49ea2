"""``make bench``: wall time and peak memory of the survey statistics step on a large survey.

The survey is synthetic and made on the fly (never committed): the cleaned demo respondents are
resampled with replacement, with a fixed seed, to the requested size.
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np
import pandas as pd

from .cleaning import clean_survey
from .codebook import load_codebook
from .disclosure import Disclosure
from .params import load_params
from .paths import RAW_SURVEY
from .survey_statistics import run_statistics

__all__ = ["bench_statistics"]


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_statistics(n: int = 100_000, seed: int = 20240601) -> dict:
    codebook = load_codebook()
    params = load_params("totaal")
    base = clean_survey(RAW_SURVEY, codebook, params).data
    rng = np.random.default_rng(seed)
    survey = base.iloc[rng.integers(0, len(base), n)].reset_index(drop=True)
    start_mem = _peak_mib()
    start = time.perf_counter()
    stats = run_statistics(survey, codebook, params, Disclosure.from_params(params))
    elapsed = time.perf_counter() - start
    assert stats.correlations is not None and all(m.result is not None for m in stats.models)
    return {"n": n, "seconds": elapsed, "peak_mib": _peak_mib(), "peak_before_mib": start_mem,
            "models": len(stats.models)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark van de statistiekstap.")
    parser.add_argument("--n", type=int, default=100_000)
    args = parser.parse_args(argv)
    result = bench_statistics(args.n)
    print(f"statistiekstap op {result['n']:,} synthetische respondenten ({result['models']} regressiemodellen): "
          f"{result['seconds']:.1f} s, piekgeheugen van het proces {result['peak_mib']:.0f} MiB "
          f"(waarvan {result['peak_before_mib']:.0f} MiB vóór de stap)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
