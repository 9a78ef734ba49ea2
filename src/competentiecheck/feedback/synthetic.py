"""A synthetic programme of many organisations for ``make bench`` (made in memory, never written to data/)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from competentiecheck.feedback.context import load_scales
from competentiecheck.feedback.register import Register
from competentiecheck.privacy.pseudonymise import DEMO_SALT, pseudonym

__all__ = ["synthetic_programme"]


def synthetic_programme(organisations: int = 500, low: int = 5, high: int = 40, seed: int = 20240601):
    """``organisations`` firms over five percelen with ``low``-``high`` respondents each: (register, data)."""
    rng = np.random.default_rng(seed)
    scales = load_scales()
    names = [f"Synthetische onderneming {i:04d}" for i in range(organisations)]
    register = pd.DataFrame(
        {
            "code": [f"org-{i:04d}" for i in range(organisations)],
            "organisatie": names,
            "perceel": [1 + i % 5 for i in range(organisations)],
            "plan": [""] * organisations,
            "org_id": [pseudonym(n, DEMO_SALT) for n in names],
        }
    )
    sizes = rng.integers(low, high + 1, organisations)
    rows = np.repeat(np.arange(organisations), sizes)
    data = pd.DataFrame(
        {
            "org_id": register["org_id"].to_numpy()[rows],
            "perceel": register["perceel"].to_numpy()[rows].astype(float),
            "leidinggevend": (rng.random(len(rows)) < 0.35).astype(float),
        }
    )
    for key, scale in scales.items():
        centre = scale.low + 0.6 * (scale.high - scale.low) + rng.normal(0, 0.1, organisations)[rows]
        data[key] = np.clip(centre + rng.normal(0, 0.15 * (scale.high - scale.low), len(rows)), scale.low, scale.high)
    return Register(register.set_index("code", drop=False), "synthetisch register"), data
