"""Synthetic demo exports, calibrated to the published aggregates of the report.

The real microdata of the evaluation is not public. This module writes the exports an evaluation
team would receive (online-tool CSV in Dutch and French, keyed-in paper forms as XLSX, an SPSS
file of the short English version) with the awkward cases real exports contain. The survey answers
are synthetic: drawn from a seeded model whose parameters are tuned, on that very draw, until the
cleaned totaal sample reproduces Tabel 2 (alphas) and Tabel 3 (means, SDs, Spearman correlations)
and the composition of §6.1. Run ``python -m competentiecheck.survey.demo_data`` (``make demo-data``);
the same seed gives byte-identical files.

A synthetic second wave (``vragenlijst_nameting_online_nl.csv``, issue 23) follows part of the demo
respondents: about seven in ten return (fewer among the less satisfied), a few type their
self-generated code with one character wrong or in other case and spacing, one leaves it blank, one
answers from another perceel's link, a newcomer happens to write a returner's code, a few newcomers
answer only the second wave, and some scales change modestly (formal learning, reflection, the
employability competences). It is drawn from its own seeded generators, so the first-wave answers
are those of the single-wave demo.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from competentiecheck.core.outputs import fix_sav_timestamp
from competentiecheck.core.paths import DEMO_SURVEY, PUBLISHED
from competentiecheck.survey.codebook import Codebook, load_codebook
from competentiecheck.survey.psychometrics import alpha_of_array

__all__ = ["generate", "calibrate", "DEMO_SEED"]

DEMO_SEED = 20240601

# Respondents per perceel in the analysed sample (synthetic; §6.1 only says one perceel delivered
# hardly any questionnaires: here perceel 3, which also had the fewest plannen van aanpak).
PERCEEL_COUNTS = {1: 20, 2: 31, 3: 2, 4: 25, 5: 17}

# Composition of §6.1 as exact counts out of 95 (published counts where given, else from the
# published percentages).
COMPOSITION = {
    "functie": {1: 53, 2: 14, 3: 12, 4: 13, None: 3},
    "geslacht": {1: 48, 2: 43, 4: 4},
    "diploma": {1: 1, 3: 8, 4: 37, 5: 4, 6: 28, 7: 6, 8: 11},
    "contract": {1: 86, 2: 6, 3: 1, 4: 2},
    "org_grootte": {2: 8, 3: 34, 4: 29, 5: 19, 6: 5},
}
# statuut per perceel: arbeiders mainly in the industrial percelen (totals 34 / 53 / 5 / 3 missing).
STATUUT = {
    1: {1: 14, 2: 5, 3: 1},
    2: {1: 16, 2: 13, None: 2},
    3: {2: 2},
    4: {1: 3, 2: 19, 3: 3},
    5: {1: 1, 2: 14, 3: 1, None: 1},
}

ORGANISATIONS = {
    1: [
        "Bouwonderneming Verstraete bv",
        "Schrijnwerkerij Van Acker",
        "Elektro Claeys bv",
        "Garage Maes nv",
        "Dakwerken Peeters",
        "Houtbouw De Wilde bv",
        "Installatiebedrijf Janssens",
    ],
    2: [
        "Bakkerij Mertens bv",
        "Metaalwerken Vermeulen nv",
        "Textielfabriek Desmet",
        "Drukkerij Goossens bv",
        "Kunststoffen Willems nv",
        "Voedingsbedrijf Jacobs",
        "Verpakkingen De Cock bv",
        "Diamantslijperij Aerts",
    ],
    3: ["Architectenbureau Lambrecht"],
    4: [
        "Vzw Thuiszorg Het Anker",
        "Kinderdagverblijf De Vlinder vzw",
        "Woonzorgcentrum Ter Linde vzw",
        "Dagcentrum De Brug vzw",
        "Begrafenisondernemingen Hermans",
    ],
    5: [
        "Buurtsuper De Hoek",
        "Kledingwinkel Mode Marie",
        "Brasserie Het Pleintje",
        "Hotel De Zwaan bv",
        "Restaurant De Kroon",
    ],
}
SECTOR_TEXT = {1: "Bouw", 2: "Voeding", 3: "Vrije beroepen", 4: "Zorg", 5: "Horeca"}

# Online-tool question codes per item group, in questionnaire order.
_TOOL_ADMIN = [
    "StartDate",
    "EndDate",
    "Status",
    "IPAddress",
    "Progress",
    "Duration (in seconds)",
    "Finished",
    "RecordedDate",
    "ResponseId",
    "DistributionChannel",
    "UserLanguage",
]
_TOOL_ADMIN_TEXT = [
    "Start Date",
    "End Date",
    "Response Type",
    "IP Address",
    "Progress",
    "Duration (in seconds)",
    "Finished",
    "Recorded Date",
    "Response ID",
    "Distribution Channel",
    "User Language",
]
_STEM = {
    "nl": "Selecteer wat het meest van toepassing is - ",
    "fr": "Sélectionnez ce qui s'applique le mieux - ",
    "en": "Select what applies most - ",
}


# --------------------------------------------------------------------------- targets


def published_targets(codebook: Codebook) -> dict:
    """Targets from the transcribed tables in ``data/published``."""
    order = codebook.tabel3_order
    desc = pd.read_csv(PUBLISHED / "tabel3_descriptives.csv").set_index("scale").loc[order]
    alpha = pd.read_csv(PUBLISHED / "tabel2_alpha.csv").set_index("scale")["alpha"].reindex(order)
    rho = np.eye(len(order))
    for _, r in pd.read_csv(PUBLISHED / "tabel3_spearman.csv").iterrows():
        rho[int(r.row) - 1, int(r.col) - 1] = rho[int(r.col) - 1, int(r.row) - 1] = r.rho
    return {
        "order": order,
        "mean": desc["mean"].to_numpy(float),
        "sd": desc["sd"].to_numpy(float),
        "alpha": alpha.to_numpy(float),
        "rho": rho,
    }


# --------------------------------------------------------------------------- calibration


def _nearest_correlation(m: np.ndarray, floor: float = 1e-3) -> np.ndarray:
    m = (m + m.T) / 2
    vals, vecs = np.linalg.eigh(m)
    m = vecs @ np.diag(np.clip(vals, floor, None)) @ vecs.T
    d = np.sqrt(np.diag(m))
    m = m / np.outer(d, d)
    np.fill_diagonal(m, 1.0)
    return m


def _whiten(x: np.ndarray) -> np.ndarray:
    x = x - x.mean(axis=0)
    chol = np.linalg.cholesky(np.atleast_2d(np.cov(x, rowvar=False)))
    return x @ np.linalg.inv(chol).T


def _item_specs(codebook: Codebook, order: list[str]) -> list[list[tuple[str, int, int, bool]]]:
    specs = []
    for sid in order:
        scale = codebook.scales[sid]
        specs.append(
            [
                (
                    i,
                    int(codebook.variables[i].minimum),
                    int(codebook.variables[i].maximum),
                    codebook.variables[i].reverse,
                )
                for i in scale.items
            ]
        )
    return specs


def _simulate(latent_corr, loadings, mu, sd, z_raw, noise, specs):
    """Scored item values (reverse-keyed items already in scored direction) and scale scores."""
    z = _whiten(z_raw) @ np.linalg.cholesky(_nearest_correlation(latent_corr)).T
    items, scores = {}, np.empty_like(z)
    for j, spec in enumerate(specs):
        lam = loadings[j]
        cols = []
        for item, lo, hi, _ in spec:
            x = z[:, j] if len(spec) == 1 else lam * z[:, j] + np.sqrt(1 - lam**2) * noise[item]
            value = np.clip(np.rint(mu[j] + sd[j] * x), lo, hi)
            items[item] = value
            cols.append(value)
        scores[:, j] = np.mean(cols, axis=0)
    return items, scores


def _observed(items, scores, specs):
    alphas = []
    for spec in specs:
        if len(spec) == 1:
            alphas.append(np.nan)
            continue
        alphas.append(alpha_of_array(np.column_stack([items[i] for i, *_ in spec])))
    rho = stats.spearmanr(scores).statistic
    return np.array(alphas), rho, scores.mean(axis=0), scores.std(axis=0, ddof=1)


def calibrate(codebook: Codebook, n: int, rng: np.random.Generator, iterations: int = 80) -> tuple[dict, dict]:
    """Scored item values for ``n`` respondents whose statistics match the published targets.

    The random draws are made once; the model's parameters (latent correlations, item loadings,
    item location and spread) are then adjusted on that draw by fixed-point iteration until the
    observed alphas, means, SDs and Spearman correlations sit on the targets.

    Returns the items (id -> array) and a report of the achieved statistics.
    """
    t = published_targets(codebook)
    specs = _item_specs(codebook, t["order"])
    p = len(specs)
    item_ids = [item for spec in specs for item, *_ in spec]
    # latent scores and item noise drawn together and whitened: exactly uncorrelated in the sample
    draw = _whiten(rng.standard_normal((n, p + len(item_ids))))
    z_raw = draw[:, :p]
    noise = {item: draw[:, p + m] for m, item in enumerate(item_ids)}
    target_alpha = np.where(np.isnan(t["alpha"]), 0.9, t["alpha"])
    eff_alpha = target_alpha.copy()
    latent = 2 * np.sin(np.pi * t["rho"] / 6) / np.sqrt(np.outer(target_alpha, target_alpha))
    np.fill_diagonal(latent, 1.0)
    mu, sd = t["mean"].copy(), t["sd"].copy()
    k = np.array([len(s) for s in specs])
    has_alpha = ~np.isnan(t["alpha"])
    best = None
    for _ in range(iterations):
        lam2 = np.clip(eff_alpha / (k - (k - 1) * eff_alpha), 0.02, 0.98)
        items, scores = _simulate(latent, np.sqrt(lam2), mu, sd, z_raw, noise, specs)
        alphas, rho, means, sds = _observed(items, scores, specs)
        # loss in units of the tolerances: alpha and mean 0.05, correlation 0.10
        loss = max(
            np.nanmax(np.abs(alphas - t["alpha"])) / 0.05,
            np.max(np.abs(means - t["mean"])) / 0.05,
            np.max(np.abs(sds - t["sd"])) / 0.05,
            np.max(np.abs(rho - t["rho"])) / 0.10,
        )
        if best is None or loss < best[0]:
            best = (loss, items, alphas, rho, means, sds)
        latent = _nearest_correlation(latent + 0.5 * (t["rho"] - rho))
        mu = mu + 0.5 * (t["mean"] - means)
        sd = sd * (t["sd"] / sds) ** 0.5
        eff_alpha[has_alpha] = np.clip(eff_alpha[has_alpha] + 0.5 * (t["alpha"] - alphas)[has_alpha], 0.05, 0.97)
    _, items, alphas, rho, means, sds = best
    report = {"alpha": alphas, "rho": rho, "mean": means, "sd": sds, "targets": t}
    return items, report


# --------------------------------------------------------------------------- background


def _exact(rng: np.random.Generator, counts: dict, n: int) -> list:
    values = [k for k, c in counts.items() for _ in range(c)]
    if len(values) != n:
        raise ValueError(f"counts add up to {len(values)}, expected {n}")
    rng.shuffle(values)
    return values


def _ages(rng: np.random.Generator, n: int) -> np.ndarray:
    """Whole ages with range 16-61, mean ~39 and SD ~11 (§6.1)."""
    x = rng.standard_normal(n)
    x = (x - x.mean()) / x.std(ddof=1)
    age = np.clip(np.rint(39 + 11 * x), 16, 61)
    age[np.argmin(age)], age[np.argmax(age)] = 16, 61
    for _ in range(50):
        inner = (age > 16) & (age < 61)
        shift = 39 - age.mean()
        age[inner] = np.clip(
            age[inner] + np.sign(shift) * (rng.random(inner.sum()) < abs(shift) * n / inner.sum()), 17, 60
        )
    return age


def _background(rng: np.random.Generator, n: int) -> pd.DataFrame:
    perceel = [p for p, c in PERCEEL_COUNTS.items() for _ in range(c)]
    frame = pd.DataFrame({"perceel": perceel})
    for column, counts in COMPOSITION.items():
        frame[column] = _exact(rng, counts, n)
    statuut = []
    for p, c in PERCEEL_COUNTS.items():
        statuut += _exact(rng, STATUUT[p], c)
    frame["statuut"] = statuut
    frame["leeftijd"] = _ages(rng, n)
    career = np.maximum(frame["leeftijd"] - 16, 0)
    tenure = np.minimum(np.rint(rng.gamma(1.3, 9 / 1.3, n)), career)
    frame["jaren_bedrijf"] = tenure
    frame["aantal_functies"] = np.clip(np.rint(1 + rng.gamma(1.5, 1.4, n)), 1, 12)
    hours = rng.choice([38.0, 38.0, 38.0, 40.0, 30.4, 32.0, 19.0, 36.0, 38.5, 45.0], size=n)
    frame["uren_week"] = hours
    frame["fl_verplicht_pct"] = rng.choice(np.arange(0, 101, 10), size=n).astype(float)
    # organisations: consistent size per organisation within a perceel
    orgs = []
    for idx, row in frame.iterrows():
        pool = ORGANISATIONS[row.perceel]
        orgs.append(pool[(int(row.org_grootte) * 3 + idx % 2) % len(pool)])
    frame["organisatie"] = orgs
    frame["sector_tekst"] = frame["perceel"].map(SECTOR_TEXT)
    frame["geslacht_tekst"] = None
    frame["contract_tekst"] = None
    frame["statuut_tekst"] = frame["statuut"].map(lambda s: "Zelfstandige in bijberoep" if s == 3 else None)
    frame["toestemming"] = 1
    return frame


# --------------------------------------------------------------------------- assembling respondents


def _respondents(codebook: Codebook, seed: int) -> tuple[pd.DataFrame, dict]:
    rng = np.random.default_rng(seed)
    n = sum(PERCEEL_COUNTS.values())
    items, report = calibrate(codebook, n, rng)
    frame = _background(rng, n)
    for item, values in items.items():
        var = codebook.variables[item]
        frame[item] = var.minimum + var.maximum - values if var.reverse else values
    # climate items outside the analysed scales and long-version items: answered, not analysed
    for var in codebook.items:
        if var.id not in frame.columns:
            frame[var.id] = np.clip(np.rint(3.4 + 0.9 * rng.standard_normal(n)), var.minimum, var.maximum)
    # a few skipped items, as real forms have them
    frame.loc[7, "rt_2"] = np.nan
    frame.loc[61, "ao_3"] = np.nan
    frame.loc[[12, 40], "uren_week"] = np.nan
    return frame, report


def _extra_rows(codebook: Codebook, base: pd.DataFrame, seed: int) -> pd.DataFrame:
    """Submissions that the cleaning step must exclude, each for a documented reason."""
    rng = np.random.default_rng(seed + 1)
    item_ids = [v.id for v in codebook.items]

    def fresh(org_perceel: int, **overrides) -> dict:
        row = base.sample(1, random_state=int(rng.integers(1 << 31))).iloc[0].to_dict()
        for item in item_ids:
            var = codebook.variables[item]
            row[item] = float(rng.integers(int(var.minimum), int(var.maximum) + 1))
        row.update(perceel=org_perceel, organisatie=ORGANISATIONS[org_perceel][-1])
        row.update(overrides)
        return row

    rows = []
    blank = {i: np.nan for i in item_ids}
    # refused consent: the tool skips to the end, nothing else is answered
    rows.append({**fresh(4), **blank, "toestemming": 0, "_file": "nl", "_reason": "consent"})
    rows.append({**fresh(5), **blank, "toestemming": 0, "_file": "nl", "_reason": "consent"})
    # a form opened and closed on the consent page
    rows.append({**fresh(2), **blank, "toestemming": None, "_file": "fr", "_reason": "consent"})
    # partly filled: stopped after Deel I
    partial = fresh(4, _file="nl", _reason="partial")
    later = [v.id for v in codebook.items if not v.id.startswith(("fl_", "isoc_", "iind_", "iref_"))]
    partial.update({i: np.nan for i in later})
    rows.append(partial)
    # paper forms: refused consent; perceel not noted on the envelope
    rows.append({**fresh(1), **blank, "toestemming": 0, "_file": "papier", "_reason": "consent"})
    rows.append(fresh(2, perceel=None, _file="papier", _reason="perceel"))
    # the team opening the online survey in preview mode before sending the link
    rows.append(fresh(5, _file="nl", _reason="preview"))
    # a 15-year-old holiday worker (short English version)
    rows.append(fresh(1, leeftijd=15, _file="en", _reason="age"))
    # exact double submission in the online tool (same answers, two minutes later)
    original = base[base.perceel == 5].iloc[3]
    rows.append({**original.to_dict(), "_file": "nl", "_reason": "duplicate", "_dup_of": original.name, "_minutes": 2})
    # the same respondent on paper and online: one answer differs, one is missing, name spelled differently
    twin = base[base.perceel == 2].iloc[20].to_dict()
    twin.update(
        ll_2=min(5.0, twin["ll_2"] + 1),
        kd_3=np.nan,
        organisatie=str(twin["organisatie"]).upper().replace(" BV", " B.V."),
    )
    rows.append({**twin, "_file": "papier", "_reason": "duplicate"})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- second wave

# mean change per scale for those who return, as a share of the response range (synthetic; no claim
# about the programme), and the spread of individual change around it
WAVE2_SHIFT = {
    "formeel_leren": 0.05,
    "informeel_reflectie": 0.04,
    "beroepsexpertise": 0.05,
    "anticipatie_optimalisatie": 0.04,
    "jobtevredenheid": 0.03,
}
WAVE2_SPREAD = 0.12
_LETTERS = "ABCDEFGHIJKLMNOPRSTVWZ"


def _code(rng: np.random.Generator) -> str:
    """Mother's initial, day of birth, place of birth's initial, month of birth: e.g. M14B03."""
    return (
        f"{_LETTERS[rng.integers(len(_LETTERS))]}{int(rng.integers(1, 29)):02d}"
        f"{_LETTERS[rng.integers(len(_LETTERS))]}{int(rng.integers(1, 13)):02d}"
    )


def _codes(rng: np.random.Generator, n: int) -> list[str]:
    """Distinct codes, no two of them one character apart (so a single typo is never ambiguous)."""
    out: list[str] = []
    while len(out) < n:
        code = _code(rng)
        if all(sum(a != b for a, b in zip(code, other)) > 1 for other in out):
            out.append(code)
    return out


def _typo(code: str, rng: np.random.Generator, taken: list[str]) -> str:
    """The code with one character replaced, two or more characters from every other code."""
    while True:
        k = int(rng.integers(len(code)))
        pool = _LETTERS if code[k].isalpha() else "0123456789"
        wrong = code[:k] + pool[rng.integers(len(pool))] + code[k + 1 :]
        if wrong != code and all(sum(a != b for a, b in zip(wrong, o)) > 1 for o in taken if o != code):
            return wrong


def _second_wave(codebook: Codebook, base: pd.DataFrame, seed: int) -> pd.DataFrame:
    """The synthetic nameting: returners with modest change, attrition, typos and the bad cases."""
    rng = np.random.default_rng(seed + 3)
    js = base["js"].to_numpy(dtype=float)
    stay = rng.random(len(base)) < 1 / (1 + np.exp(-(0.9 + 0.35 * (js - 7))))
    back = base[stay].copy()
    items = [v.id for v in codebook.items]
    person = {s: rng.normal(0, WAVE2_SPREAD, len(back)) for s in codebook.scales}
    for var in codebook.items:
        width = var.maximum - var.minimum
        shift = WAVE2_SHIFT.get(var.scale, 0.0) * width + (person[var.scale] * width if var.scale else 0.0)
        shift = -shift if var.reverse else shift
        noise = rng.normal(0, 0.5, len(back))
        old = back[var.id].to_numpy(dtype=float)
        back[var.id] = np.where(np.isnan(old), np.nan, np.clip(np.rint(old + shift + noise), var.minimum, var.maximum))
    older = rng.random(len(back)) < 0.4
    back["leeftijd"] = np.minimum(back["leeftijd"] + older, 80)
    taken = list(base["koppelcode"])
    positions = rng.permutation(len(back))
    codes = back["koppelcode"].tolist()
    for k in positions[:4]:  # one character wrong: matched with tolerance
        codes[k] = _typo(codes[k], rng, taken)
    for k in positions[4:7]:  # lower case and spaces: the same code after normalisation
        codes[k] = " ".join([codes[k][:3], codes[k][3:]]).lower()
    codes[positions[7]] = None  # left blank
    back["koppelcode"] = codes
    moved = back.index[positions[8]]  # answered through another perceel's link
    back.loc[moved, "perceel"] = 5 if back.at[moved, "perceel"] != 5 else 4
    newcomers = []
    donors = base[~stay].sample(6, random_state=int(rng.integers(1 << 31)))
    fresh_codes = _codes(np.random.default_rng(seed + 6), len(base) + 6)[len(base) :]
    for n, (_, donor) in enumerate(donors.iterrows()):
        row = donor.to_dict()
        for item in items:
            var = codebook.variables[item]
            if not np.isnan(row[item]):
                row[item] = float(np.clip(row[item] + rng.integers(-1, 2), var.minimum, var.maximum))
        row["leeftijd"] = int(rng.integers(22, 58))
        row["koppelcode"] = fresh_codes[n]
        newcomers.append(row)
    # a newcomer who happens to write a returner's code: nobody can tell who is who
    newcomers[-1]["koppelcode"] = back["koppelcode"].iat[int(positions[9])]
    newcomers[-1]["perceel"] = back["perceel"].iat[int(positions[9])]
    refused = {**base.iloc[0].to_dict(), "toestemming": 0, "koppelcode": None}
    frame = pd.concat([back, pd.DataFrame(newcomers), pd.DataFrame([refused])], ignore_index=True)
    frame = frame.drop(columns=[c for c in frame.columns if c.startswith("_")], errors="ignore")
    return frame.sample(frac=1, random_state=int(rng.integers(1 << 31))).reset_index(drop=True)


# --------------------------------------------------------------------------- writing exports


def _label(codebook: Codebook, var_id: str, value, lang: str):
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    var = codebook.variables[var_id]
    if var.labels and lang in var.labels:
        return var.labels[lang][var.codes.index(int(value))]
    return _plain(value)


def _plain(value, decimal: str = ".") -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    text = str(value)
    return text.replace(".", decimal) if isinstance(value, (float, np.floating)) else text


def _tool_layout(codebook: Codebook, version: str) -> list[tuple[str, str]]:
    """(tool column, codebook id) in questionnaire order, as the online tool numbers them."""
    groups = [
        ["toestemming"],
        ["fl_1", "fl_2", "fl_3", "fl_4", "fl_5"],
        ["fl_verplicht_pct"],
        ["isoc_1", "isoc_2", "isoc_3", "isoc_4", "isoc_5", "iind_1", "iind_2", "iind_3", "iref_1", "iref_2", "iref_3"],
        ["iref_4", "iref_5", "iref_6", "iref_7"],
        ["ll_1", "ll_2", "ll_3"],
        ["rt_1", "rt_2", "rt_3"],
        ["ond_1", "ond_2", "ond_3"],
        ["opp_1", "opp_2", "opp_3"],
        ["kd_1", "kd_2", "kd_3"],
        ["iva_1", "iva_2", "iva_3"],
        ["js"],
        ["ret_1", "ret_2", "ret_3"],
        ["be_1", "be_2", "be_3"],
        ["ao_1", "ao_2", "ao_3"],
        ["pf_1"],
        ["pf_2"],
        ["pf_3"],
    ]
    if version == "lang":
        groups.append(["lgo_1", "lgo_2", "lgo_3", "lgo_4"])
    groups += [
        ["organisatie"],
        ["org_grootte"],
        ["sector_tekst"],
        ["leeftijd"],
        ["diploma"],
        ["geslacht", "geslacht_tekst"],
        ["functie"],
        ["contract", "contract_tekst"],
        ["statuut", "statuut_tekst"],
        ["uren_week"],
        ["jaren_bedrijf"],
        ["aantal_functies"],
        ["koppelcode"],
    ]
    layout = []
    for q, group in enumerate(groups):
        if len(group) == 1:
            layout.append((f"Q{q}", group[0]))
        elif group[-1].endswith("_tekst"):
            layout += [(f"Q{q}", group[0]), (f"Q{q}_TEXT", group[1])]
        else:
            layout += [(f"Q{q}_{m + 1}", item) for m, item in enumerate(group)]
    return layout


def _timestamps(rng: np.random.Generator, n: int, start: dt.datetime = dt.datetime(2023, 10, 2, 9, 0)):
    minutes = np.sort(rng.integers(0, 60 * 24 * 270, n))
    return [start + dt.timedelta(minutes=int(m)) for m in minutes]


def _tool_rows(
    codebook: Codebook,
    frame: pd.DataFrame,
    lang: str,
    version: str,
    rng,
    decimal: str,
    start: dt.datetime = dt.datetime(2023, 10, 2, 9, 0),
):
    layout = _tool_layout(codebook, version)
    header = _TOOL_ADMIN + [col for col, _ in layout] + ["perceel"]
    texts = _TOOL_ADMIN_TEXT[:]
    for _col, var_id in layout:
        var = codebook.variables[var_id]
        text = var.texts[lang]
        texts.append(_STEM[lang] + text if var.kind == "item" and var.response != "score0_10" else text)
    texts.append("perceel")
    imports = (
        [f'{{"ImportId":"{c}"}}' for c in _TOOL_ADMIN]
        + [f'{{"ImportId":"QID{n}"}}' for n, _ in enumerate(layout)]
        + ['{"ImportId":"perceel"}']
    )
    stamps = _timestamps(rng, len(frame), start)
    by_key: dict[int, dt.datetime] = {}
    rows = []
    for (_, r), end in zip(frame.iterrows(), stamps):
        if pd.notna(r.get("_dup_of")):
            end = by_key[int(r["_dup_of"])] + dt.timedelta(minutes=int(r["_minutes"]))
        elif pd.notna(r.get("_key")):
            by_key[int(r["_key"])] = end
        consented = r["toestemming"] == 1
        finished = consented and r.get("_reason") != "partial"
        progress = (
            100 if finished else (38 if r.get("_reason") == "partial" else 2 if pd.isna(r["toestemming"]) else 100)
        )
        duration = int(rng.integers(300, 1500)) if finished else int(rng.integers(10, 400))
        start = end - dt.timedelta(seconds=duration)
        # IP addresses from the documentation range (RFC 5737): never real, and never read by the pipeline
        status = "Survey Preview" if r.get("_reason") == "preview" else "IP Address"
        meta = [
            start.strftime("%Y-%m-%d %H:%M:%S"),
            end.strftime("%Y-%m-%d %H:%M:%S"),
            status,
            f"192.0.2.{int(rng.integers(1, 255))}",
            str(progress),
            str(duration),
            "True" if progress == 100 else "False",
            end.strftime("%Y-%m-%d %H:%M:%S"),
            f"R_{rng.integers(16**14):014x}",
            "anonymous",
            lang.upper(),
        ]
        values = []
        for _col, var_id in layout:
            value = r.get(var_id)
            if not consented and var_id != "toestemming":
                value = None
            var = codebook.variables[var_id]
            if var.kind in ("item", "category") and var.response != "score0_10":
                values.append(_label(codebook, var_id, value, lang))
            else:
                values.append(_plain(value, decimal))
        rows.append(meta + values + [_plain(r["perceel"])])
    return header, texts, imports, rows


def _write_csv(path: Path, rows: list[list[str]], delimiter: str, bom: bool) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))


def _normalise_zip(path: Path) -> None:
    """Fix the timestamps of an XLSX (zip entries and document properties, which openpyxl sets to
    the time of saving) so that regenerating gives the same bytes."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    stamp = b"2024-07-01T00:00:00Z"
    entries = [
        (
            info,
            re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + stamp + rb"\g<2>", data)
            if info.filename == "docProps/core.xml"
            else data,
        )
        for info, data in entries
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 7, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)


def _write_paper(path: Path, codebook: Codebook, frame: pd.DataFrame) -> None:
    import openpyxl

    columns = ["formulier_nr", "ingevoerd_op", "perceel"] + [var_id for _, var_id in _tool_layout(codebook, "kort")]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "invoer"
    sheet.append(columns)
    entered = dt.datetime(2024, 6, 10, 9, 0)
    for n, (_, r) in enumerate(frame.iterrows(), start=1):
        consented = r["toestemming"] == 1
        row = [
            f"P{n:03d}",
            (entered + dt.timedelta(minutes=7 * n)).strftime("%d/%m/%Y %H:%M"),
            None if pd.isna(r["perceel"]) else int(r["perceel"]),
        ]
        for var_id in columns[3:]:
            value = r.get(var_id)
            if not consented and var_id != "toestemming":
                value = None
            if value is None or (isinstance(value, float) and np.isnan(value)):
                row.append(None)
            elif isinstance(value, (float, np.floating)):
                row.append(int(value) if float(value).is_integer() else float(value))
            else:
                row.append(value)
        sheet.append(row)
    fixed = dt.datetime(2024, 7, 1)
    book.properties.created = fixed
    book.properties.modified = fixed
    book.properties.creator = "invoer papieren vragenlijsten"
    book.save(path)
    _normalise_zip(path)


def _write_sav(path: Path, codebook: Codebook, frame: pd.DataFrame, rng) -> None:
    import pyreadstat

    layout = _tool_layout(codebook, "kort")
    data = {
        "ResponseId": [f"R_{rng.integers(16**14):014x}" for _ in range(len(frame))],
        "EndDate": [s.strftime("%Y-%m-%d %H:%M:%S") for s in _timestamps(rng, len(frame))],
        "Finished": [1.0] * len(frame),
    }
    labels = {"ResponseId": "Response ID", "EndDate": "End Date", "Finished": "Finished"}
    value_labels = {}
    for col, var_id in layout:
        var = codebook.variables[var_id]
        values = frame[var_id].tolist() if var_id in frame else [None] * len(frame)
        if var.kind in ("text", "organisation", "selfcode"):
            data[col] = ["" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v) for v in values]
        else:
            data[col] = [np.nan if v is None else float(v) for v in values]
        labels[col] = var.texts["en"]
        if var.labels and "en" in var.labels:
            value_labels[col] = {float(c): lab for c, lab in zip(var.codes, var.labels["en"])}
    data["perceel"] = frame["perceel"].astype(float).tolist()
    labels["perceel"] = "perceel"
    out = pd.DataFrame(data)
    pyreadstat.write_sav(
        out,
        str(path),
        column_labels=[labels[c] for c in out.columns],
        variable_value_labels=value_labels,
        file_label="Competentiechecks EN kort",
    )
    fix_sav_timestamp(path)


def generate(out_dir: Path = DEMO_SURVEY, seed: int = DEMO_SEED, codebook: Codebook | None = None) -> dict:
    """Write the demo exports to ``out_dir``; returns the calibration report."""
    codebook = codebook or load_codebook()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    base, report = _respondents(codebook, seed)
    base["koppelcode"] = _codes(np.random.default_rng(seed + 5), len(base))
    extra = _extra_rows(codebook, base, seed)
    rng = np.random.default_rng(seed + 2)

    # assign analysed respondents to files: paper (P1-P3 and part of P2), EN short (P1),
    # FR long (P2, P4), NL online long (rest)
    files = pd.Series("nl", index=base.index)
    for perceel, plan in {
        1: {"papier": 14, "en": 6},
        2: {"papier": 10, "fr": 6, "nl": 15},
        3: {"papier": 2},
        4: {"fr": 4, "nl": 21},
        5: {"nl": 17},
    }.items():
        idx = base.index[base.perceel == perceel]
        labels = [f for f, c in plan.items() for _ in range(c)]
        files[idx] = labels
    base["_file"] = files
    base["_key"] = base.index
    everything = pd.concat([base, extra], ignore_index=True)

    def part(name: str) -> pd.DataFrame:
        return everything[everything["_file"] == name].reset_index(drop=True)

    header, texts, imports, rows = _tool_rows(codebook, part("nl"), "nl", "lang", rng, ".")
    _write_csv(out_dir / "vragenlijst_online_nl.csv", [header, texts, imports] + rows, ",", bom=False)
    header, texts, imports, rows = _tool_rows(codebook, part("fr"), "fr", "lang", rng, ",")
    _write_csv(out_dir / "vragenlijst_online_fr.csv", [header, texts, imports] + rows, ";", bom=True)
    _write_paper(out_dir / "vragenlijst_papier_kort.xlsx", codebook, part("papier"))
    _write_sav(out_dir / "vragenlijst_online_en_kort.sav", codebook, part("en"), rng)
    second = _second_wave(codebook, base, seed)
    header, texts, imports, rows = _tool_rows(
        codebook, second, "nl", "lang", np.random.default_rng(seed + 4), ".", dt.datetime(2024, 9, 2, 9, 0)
    )
    _write_csv(out_dir / "vragenlijst_nameting_online_nl.csv", [header, texts, imports] + rows, ",", bom=False)
    # the cleaning step recognises demo exports by content: only they may use the public demo salt
    names = sorted(p.name for p in out_dir.iterdir() if p.suffix in (".csv", ".xlsx", ".sav"))
    sums = "".join(f"{hashlib.sha256((out_dir / n).read_bytes()).hexdigest()}  {n}\n" for n in names)
    (out_dir / "SHA256SUMS").write_text(sums, encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    """The survey's demo exports (``make demo-data`` runs :mod:`competentiecheck.demo`, which also makes the others)."""
    parser = argparse.ArgumentParser(description="Schrijf de synthetische demo-exports naar data/demo/survey.")
    parser.add_argument("--out", type=Path, default=DEMO_SURVEY)
    parser.add_argument("--seed", type=int, default=DEMO_SEED)
    args = parser.parse_args(argv)
    report = generate(args.out, args.seed)
    t = report["targets"]
    worst_rho = np.nanmax(np.abs(report["rho"] - t["rho"]))
    worst_alpha = np.nanmax(np.abs(report["alpha"] - t["alpha"]))
    worst_mean = np.nanmax(np.abs(report["mean"] - t["mean"]))
    print(
        f"demo-exports geschreven naar {args.out}; grootste afwijking van de gepubliceerde waarden "
        f"(vóór het opschonen): alfa {worst_alpha:.3f}, gemiddelde {worst_mean:.3f}, rho {worst_rho:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
