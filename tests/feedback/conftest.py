"""Small synthetic programmes for the feedback tests: a register in a temporary folder and cleaned-data rows
with the pseudonyms step 1 would give (demo salt), built by hand so every mean can be worked out."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from competentiecheck.feedback.build import SCALES
from competentiecheck.feedback.register import read_register
from competentiecheck.privacy.pseudonymise import DEMO_SALT, pseudonym


def write_register(folder, rows):
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["code,organisatie,perceel,plan"] + [",".join(map(str, r)) for r in rows]
    (folder / "organisaties.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def respondents(name, perceel, scores, managers=0, seed=0):
    """Rows of one organisation: ``scores`` is one value per respondent (every scale gets that value plus a
    fixed per-scale offset, so the scales differ) or a dict scale -> list."""
    rng = np.random.default_rng(seed)
    n = len(scores) if not isinstance(scores, dict) else len(next(iter(scores.values())))
    frame = pd.DataFrame(
        {
            "org_id": [pseudonym(name, DEMO_SALT)] * n,
            "perceel": [float(perceel)] * n,
            "leidinggevend": [1.0] * managers + [0.0] * (n - managers),
        }
    )
    for i, scale in enumerate(SCALES):
        if isinstance(scores, dict):
            frame[scale] = scores.get(scale, scores[next(iter(scores))])
        else:
            frame[scale] = np.clip(np.asarray(scores, dtype=float) + (i % 3) * 0.1, 0, 10)
    frame["_noise"] = rng.random(n)  # a column the step ignores
    return frame


@pytest.fixture
def programme(tmp_path):
    """Perceel 1: 'Bakkerij Aa' (12), 'Brouwerij Bee' (10), 'Drukkerij Cee' (9), and six small ones of 5;
    perceel 2: 'Garage Dee' (3). Returns (register, data)."""
    folder = write_register(
        tmp_path / "register",
        [
            ("org-a", "Bakkerij Aa bv", 1, ""),
            ("org-b", "Brouwerij Bee", 1, ""),
            ("org-c", "Drukkerij Cee", 1, ""),
            ("org-d", "Garage Dee", 2, ""),
            *[(f"org-k{k}", f"Klein Bedrijf {k}", 1, "") for k in range(6)],
        ],
    )
    rng = np.random.default_rng(7)
    parts = [
        respondents("Bakkerij Aa bv", 1, rng.integers(2, 6, 12).astype(float), managers=4),
        respondents("Brouwerij Bee", 1, [3.0, 4.0] * 5, managers=5),
        respondents("Drukkerij Cee", 1, rng.integers(1, 6, 9).astype(float)),
        respondents("Garage Dee", 2, [4.0, 5.0, 3.0]),
        *[respondents(f"Klein Bedrijf {k}", 1, rng.integers(1, 6, 5).astype(float)) for k in range(6)],
    ]
    data = pd.concat(parts, ignore_index=True)
    return read_register(folder, DEMO_SALT), data


@pytest.fixture
def helpers():
    """The builders above, for tests that make their own programme."""
    from types import SimpleNamespace

    return SimpleNamespace(write_register=write_register, respondents=respondents)
