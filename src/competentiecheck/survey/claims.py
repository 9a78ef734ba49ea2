"""The survey's findings as tested claims (chapters 5-6) for one run, from what
:func:`~competentiecheck.survey.statistics.run_statistics` computed within the disclosure rules.

The ids, statements and tests are those of ``data/synthesis/claims.yml``; this module computes the
outcome and the numbers behind it.

Conventions
-----------
- *Interval of Spearman's ρ*: 95 %, Fisher z with the variance of Bonett and Wright (2000),
  ``(1 + ρ²/2) / (n − 3)`` (:func:`~competentiecheck.survey.statistics.spearman_ci`), over the exact
  number of respondents with both scores (pairwise, as the correlation itself).
- *Individual against social informal learning*: Williams' t for two dependent correlations with a
  variable in common (Steiger 1980, eq. 3; ``psych::r.test(n, r12, r13, r23)``,
  :func:`~competentiecheck.survey.statistics.williams_t`), two-sided at α = 0.05, with ``r12`` = ρ of the
  competence with individual, ``r13`` with social informal learning, ``r23`` = ρ between the two and n the
  smallest of the three pairwise n's. The test is derived for Pearson correlations: on Spearman
  coefficients it is an approximation.
- *Models*: β and the 95 % interval of B of the final step of the main configuration
  (``statistics.main_configuration``), as the chapter prints them.
- *What is published*: ρ, β, B and its interval as in the chapter; the intervals of ρ, Williams' t and
  its p only in the run with exact model output (``totaal``, :func:`exact_model_output`). In a perceel
  report they would give back the exact number of respondents, which the chapter rounds; there the claim
  names the counts and the direction only. n as the chapter publishes it: rounded for correlations and
  reliability, the model's n as its table shows it (exact in totaal).
- *Hidden numbers*: a correlation the chapter hides (fewer than ``disclosure.min_model_n`` pairs) is
  unknown; an outcome is given only when every value the hidden ones could take leads to it, otherwise
  the claim is undetermined and the reason names the rule. A run whose chapter shows no correlations or
  models gives ``not publishable`` with the rule that withholds them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from competentiecheck.core.claims import Claim, make_claim
from competentiecheck.core.tables import fmt_number
from competentiecheck.privacy.disclosure import Disclosure, exact_model_output
from competentiecheck.survey.codebook import Codebook
from competentiecheck.survey.psychometrics import LOW_ALPHA
from competentiecheck.survey.regression import CONSTANT
from competentiecheck.survey.statistics import SurveyStatistics, label_of, model_size, spearman_ci, williams_t
from competentiecheck.survey.waves import present_waves

__all__ = [
    "survey_claims",
    "survey_waves",
    "CLIMATE",
    "LEARNING",
    "COMPETENCES",
    "NOTEBOOK",
]

NOTEBOOK = "02_survey"
CLIMATE = ("leerleiderschap", "ruimte_tijd", "ondersteuning", "leeropportuniteiten", "kennisdeling", "autonomie")
LEARNING = ("formeel_leren", "informeel_sociaal", "informeel_individueel", "informeel_reflectie")
COMPETENCES = ("beroepsexpertise", "anticipatie_optimalisatie", "persoonlijke_flexibiliteit")
INDIVIDUAL, SOCIAL = "informeel_individueel", "informeel_sociaal"
LEADERSHIP, AUTONOMY = "leerleiderschap", "autonomie"
SATISFACTION = "jobtevredenheid"
LEAVING = "intentie_retentie"  # high = intends to leave (codebook)
SIGNIFICANCE = 0.05
# a codebook variable that numbers the measurement waves; the questionnaire has none: one wave
# the predictor of a catalogue statement when no model can say which one is strongest
NO_MODEL_PREDICTOR = "Eén leeractiviteit of leerklimaatconditie"

ABOVE, BELOW, NEITHER = "boven", "onder", "geen"


@dataclass(frozen=True)
class _Pair:
    """One Spearman coefficient of the run: ρ, the exact and the published n, and its interval."""

    rho: float
    n: int
    n_shown: object
    low: float
    high: float
    hidden: str  # why the chapter does not show it ('' when shown)

    @property
    def state(self) -> str | None:
        if self.hidden:
            return None
        return ABOVE if self.low > 0 else BELOW if self.high < 0 else NEITHER


@dataclass
class _Run:
    stats: SurveyStatistics
    data: pd.DataFrame
    codebook: Codebook
    params: dict
    disclosure: Disclosure
    data_status: str

    @property
    def run(self) -> str:
        return self.params["run"]

    @property
    def exact(self) -> bool:
        return exact_model_output(self.run)

    def claim(self, claim_id: str, outcome: str, **fields) -> Claim:
        return make_claim(claim_id, self.run, outcome, data_status=self.data_status, notebook=NOTEBOOK, **fields)

    def label(self, variable: str) -> str:
        return label_of(self.codebook, variable)

    def pair(self, a: str, b: str) -> _Pair:
        corr = self.stats.correlations
        rows = corr[((corr["var_x"] == a) & (corr["var_y"] == b)) | ((corr["var_x"] == b) & (corr["var_y"] == a))]
        if len(rows) != 1:
            raise ValueError(f"geen Spearman-correlatie tussen {a!r} en {b!r} in de statistiek van de run")
        row = rows.iloc[0]
        n = int(self.data[[a, b]].dropna().shape[0])
        if np.isnan(row["rho"]):
            rule = " (regel disclosure.min_model_n)" if n < self.disclosure.min_model_n else ""
            return _Pair(np.nan, n, row["n"], np.nan, np.nan, f"{row['note'] or 'niet berekend'}{rule}")
        rho = float(row["rho"])
        low, high = spearman_ci(rho, n) if abs(rho) < 1 else (rho, rho)
        return _Pair(rho, n, row["n"], low, high, "")

    def main_model(self, dependent: str):
        main = self.params["statistics"]["main_configuration"]
        return next(m for m in self.stats.models if m.configuration == main and m.dependent == dependent)

    def missing_model(self, outcome) -> tuple[str, str]:
        """Outcome and reason for a model that was not estimated: withheld by the disclosure rule, or too
        few cases per predictor for an estimate."""
        config = self.params["statistics"]["configurations"][self.params["statistics"]["main_configuration"]]
        predictors = [v for block in config["blocks"] for v in block["variables"]]
        n_complete, _ = model_size(self.data, outcome.dependent, predictors, self.params["statistics"], self.disclosure)
        if n_complete < self.disclosure.min_model_n:
            return "not publishable", (
                f"minder dan {self.disclosure.min_model_n} volledige gevallen voor het model (regel disclosure.min_model_n)"
            )
        detail = outcome.reason.removeprefix("Geen model: ").rstrip(".")
        return "undetermined", f"geen model: {detail} (regel statistics.min_cases_per_predictor)"


# --------------------------------------------------------------------------- helpers


def _splits(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    """Every way to divide ``total`` hidden items over ``parts`` categories."""
    if parts == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in _splits(total - first, parts - 1):
            yield (first, *rest)


def _robust(states: list[str | None], categories: tuple[str, ...], rule: Callable[[Counter], str]) -> str | None:
    """The outcome of ``rule`` on the counts per category, or None when the unknown states (None) could
    change it."""
    known = Counter(s for s in states if s is not None)
    hidden = sum(s is None for s in states)
    outcomes = set()
    for split in _splits(hidden, len(categories)):
        counts = known.copy()
        counts.update(dict(zip(categories, split)))
        outcomes.add(rule(counts))
    return outcomes.pop() if len(outcomes) == 1 else None


def _interval(low: float, high: float) -> str:
    return f"[{fmt_number(low, 2)}; {fmt_number(high, 2)}]"


def _p(p: float) -> str:
    return "p < 0,001" if p < 0.001 else f"p = {fmt_number(p, 3)}"


def _n_range(values) -> str:
    """The published n's of several pairs or scales: '95', or '90 tot 95'."""
    shown = list(dict.fromkeys(str(v) for v in values))
    numeric = sorted(int(v) for v in shown if v.isdigit())
    other = [v for v in shown if not v.isdigit()]
    parts = ([str(numeric[0])] if numeric and numeric[0] == numeric[-1] else []) + (
        [f"{numeric[0]} tot {numeric[-1]}"] if numeric and numeric[0] != numeric[-1] else []
    )
    return ", ".join(parts + other)


CI_NOTE = "95 %-BI van ρ via Fisher-z met de variantie van Bonett en Wright (2000)"
HIDDEN_NOTE = "intervallen niet getoond: in een perceelrapport zouden ze het exacte aantal respondenten prijsgeven"


def _short(label: str) -> str:
    """A scale label inside a sentence: 'Informeel leren: Sociaal' -> 'informeel leren (sociaal)'."""
    head, _, tail = label.lower().partition(": ")
    return f"{head} ({tail})" if tail else head


def _rho_text(run: _Run, label: str, pair: _Pair) -> str:
    if pair.hidden:
        return f"{label}: niet getoond ({pair.hidden})"
    if run.exact:
        return f"{label} ρ = {fmt_number(pair.rho, 2)} {_interval(pair.low, pair.high)}"
    where = {ABOVE: "BI boven 0", BELOW: "BI onder 0", NEITHER: "BI omvat 0"}[pair.state]
    return f"{label} ρ = {fmt_number(pair.rho, 2)} ({where})"


def _convention(run: _Run) -> str:
    return CI_NOTE if run.exact else f"{CI_NOTE}; {HIDDEN_NOTE}"


def _hidden_reason(pairs: list[_Pair]) -> str:
    hidden = [p for p in pairs if p.hidden]
    return f"{len(hidden)} van de {len(pairs)} correlaties niet getoond ({hidden[0].hidden}); ze kunnen de uitkomst veranderen"


# --------------------------------------------------------------------------- the claims


def survey_claims(
    stats: SurveyStatistics,
    data: pd.DataFrame,
    codebook: Codebook,
    params: dict,
    disclosure: Disclosure,
    data_status: str,
    waves: list[str] | None = None,
) -> list[Claim]:
    """Every survey claim of the catalogue for the run of ``params`` (``data``: its respondents of the first
    wave; ``waves``: the waves of all the data, :func:`survey_waves`; by default the first wave alone)."""
    run = _Run(stats, data, codebook, params, disclosure, data_status)
    claims = [_single_wave(run, waves or params["waves"]["labels"][:1])]
    withheld = _withheld(run)
    if withheld:
        return claims + _not_publishable(run, withheld)
    claims.append(_reliability(run))
    claims.append(_climate_learning(run))
    claims += [_strongest(run, competence) for competence in COMPETENCES]
    claims.append(_individual_over_social(run))
    claims.append(_autonomy(run))
    claims.append(_leadership_learning(run))
    claims.append(_climate_outcome(run, "vragenlijst.klimaat_tevredenheid", SATISFACTION, ABOVE))
    claims.append(_climate_outcome(run, "vragenlijst.klimaat_retentie", LEAVING, BELOW))
    return claims


def _withheld(run: _Run) -> str:
    """Why the chapter shows no reliability, correlations or models for the run ('' when it does)."""
    if "alles" in run.stats.messages:
        return (
            f"minder dan {run.disclosure.min_group_size} respondenten in dit rapport (regel disclosure.min_group_size): "
            f"het hoofdstuk toont geen resultaten"
        )
    if "bescherming" in run.stats.messages:
        return (
            "niet getoond ter bescherming van een kleiner perceel: de intervallen en p-waarden van dit perceel "
            "zouden samen met de andere rapporten het aantal respondenten van dat perceel prijsgeven"
        )
    if run.stats.correlations is None:
        return (
            f"minder dan {run.disclosure.min_model_n} respondenten in dit rapport (regel disclosure.min_model_n): "
            f"geen betrouwbaarheden, correlaties of modellen"
        )
    return ""


def _not_publishable(run: _Run, reason: str) -> list[Claim]:
    ids = [
        "vragenlijst.betrouwbaarheid",
        "vragenlijst.klimaat_leren",
        "vragenlijst.individueel_boven_sociaal",
        "vragenlijst.autonomie_competenties",
        "vragenlijst.leerleiderschap_leren",
        "vragenlijst.klimaat_tevredenheid",
        "vragenlijst.klimaat_retentie",
    ]
    claims = [run.claim(i, "not publishable", reason=reason) for i in ids]
    for competence in COMPETENCES:
        claims.append(
            run.claim(
                f"vragenlijst.sterkste.{competence}",
                "not publishable",
                reason=reason,
                predictor=NO_MODEL_PREDICTOR,
                competence_label=run.label(competence).lower(),
            )
        )
    return claims


def survey_waves(data: pd.DataFrame, params: dict) -> list[str]:
    """The waves of ``waves.labels`` present in the data of every wave (column ``meting``, written by step 1);
    the first wave alone for data without that column (the questionnaire of 2023-2024 was taken once)."""
    return present_waves(data, params) or params["waves"]["labels"][:1]


def _single_wave(run: _Run, waves: list[str]) -> Claim:
    """A design fact: while the data hold one wave, the survey shows association, not effect. With one wave
    its status is ``published`` (the source report states the single measurement, §2.2); a second wave is
    a fact of the data, so then it carries the run's data status."""
    single = len(waves) == 1
    numbers = (
        "één meetmoment; geen voor- en nameting, geen controlegroep"
        if single
        else f"{len(waves)} meetmomenten ({', '.join(waves)}); zie het hoofdstuk over de verandering"
    )
    return make_claim(
        "vragenlijst.eenmalige_meting",
        run.run,
        "holds" if single else "does not hold",
        numbers=numbers,
        data_status="published" if single else run.data_status,
        notebook=NOTEBOOK,
    )


def _reliability(run: _Run) -> Claim:
    scales = run.stats.reliability_scales
    scales = scales[scales["n_items"] >= 2]
    alphas = dict(zip(scales["label"], scales["alpha"]))
    states = [None if np.isnan(a) else (BELOW if a < LOW_ALPHA else ABOVE) for a in alphas.values()]
    outcome = _robust(states, (ABOVE, BELOW), lambda c: "does not hold" if c[BELOW] else "holds")
    low = [f"{label.lower()} (α = {fmt_number(a, 2)})" for label, a in alphas.items() if a < LOW_ALPHA]
    known = [a for a in alphas.values() if not np.isnan(a)]
    numbers = (
        f"α van {fmt_number(min(known), 2)} tot {fmt_number(max(known), 2)} over {len(known)} schalen met minstens "
        f"twee items; onder 0,60: {', '.join(low) if low else 'geen'}"
        if known
        else ""
    )
    reason = ""
    if outcome is None:
        outcome = "undetermined"
        reason = f"voor {len(alphas) - len(known)} schalen is α niet te berekenen"
    return run.claim("vragenlijst.betrouwbaarheid", outcome, numbers=numbers, n=_n_range(scales["n"]), reason=reason)


def _climate_learning(run: _Run) -> Claim:
    pairs = [run.pair(c, a) for c in CLIMATE for a in LEARNING]
    total = len(pairs)

    def rule(counts: Counter) -> str:
        if counts[ABOVE] * 2 >= total and counts[BELOW] == 0:
            return "holds"
        if counts[ABOVE] * 4 < total and counts[BELOW] > counts[ABOVE]:
            return "does not hold"
        return "undetermined"  # intervals that contain 0 are too little evidence either way

    outcome = _robust([p.state for p in pairs], (ABOVE, BELOW, NEITHER), rule)
    states = Counter(p.state for p in pairs)
    shown = [p.rho for p in pairs if not p.hidden]
    numbers = (
        f"{states[ABOVE]} van de {total} paren met een 95 %-BI boven 0, {states[BELOW]} eronder"
        + (f"; ρ van {fmt_number(min(shown), 2)} tot {fmt_number(max(shown), 2)}" if shown else "")
        + f" ({CI_NOTE})"
    )
    reason = ""
    if outcome is None:
        outcome, reason = "undetermined", _hidden_reason(pairs)
    elif outcome == "undetermined":
        reason = (
            f"{states[ABOVE]} paren boven 0 en {states[BELOW]} eronder: tussen de grenzen van de toets (minstens de "
            f"helft erboven en geen eronder om te kloppen; minder dan een kwart erboven en meer eronder dan erboven "
            f"om niet te kloppen); een interval dat 0 bevat, beslist niets"
        )
    return run.claim(
        "vragenlijst.klimaat_leren", outcome, numbers=numbers, n=_n_range(p.n_shown for p in pairs), reason=reason
    )


def _final_coefficients(outcome) -> pd.DataFrame:
    c = outcome.result.coefficients
    return c[(c["step"] == c["step"].max()) & (c["term"] != CONSTANT) & c["beta"].notna()]


def _coefficient_text(row) -> str:
    return (
        f"β = {fmt_number(row['beta'], 2)}, B = {fmt_number(row['b'], 3)}, 95 %-BI van B "
        f"{_interval(row['ci_low'], row['ci_high'])}, {_p(row['p_val'])}"
    )


def _strongest(run: _Run, competence: str) -> Claim:
    claim_id = f"vragenlijst.sterkste.{competence}"
    competence_label = run.label(competence).lower()
    outcome = run.main_model(competence)
    if outcome.result is None:
        verdict, reason = run.missing_model(outcome)
        return run.claim(
            claim_id, verdict, reason=reason, predictor=NO_MODEL_PREDICTOR, competence_label=competence_label
        )
    final = _final_coefficients(outcome)
    if final.empty:
        return run.claim(
            claim_id,
            "undetermined",
            reason="geen predictor schatbaar in het hoofdmodel",
            predictor=NO_MODEL_PREDICTOR,
            competence_label=competence_label,
        )
    best = final.loc[final["beta"].abs().idxmax()]
    excludes_zero = best["ci_low"] > 0 or best["ci_high"] < 0
    return run.claim(
        claim_id,
        "holds" if excludes_zero else "undetermined",
        numbers=f"{_coefficient_text(best)} (hoofdmodel, laatste stap, {len(final)} predictoren)",
        n=str(outcome.n_shown),
        reason="" if excludes_zero else "het 95 %-BI van B van de sterkste predictor bevat 0",
        predictor=run.label(best["term"]),
        competence_label=competence_label,
    )


def _individual_over_social(run: _Run) -> Claim:
    rows, states, pairs_all = [], [], []
    for competence in COMPETENCES:
        individual, social, between = (
            run.pair(competence, INDIVIDUAL),
            run.pair(competence, SOCIAL),
            run.pair(INDIVIDUAL, SOCIAL),
        )
        pairs = [individual, social, between]
        pairs_all += pairs
        label = run.label(competence).lower()
        if any(p.hidden for p in pairs):
            states.append(None)
            rows.append(f"{label}: niet getoond ({next(p.hidden for p in pairs if p.hidden)})")
            continue
        t, _, p = williams_t(individual.rho, social.rho, between.rho, min(x.n for x in pairs))
        state = NEITHER if p >= SIGNIFICANCE else ("individueel" if t > 0 else "sociaal")
        states.append(state)
        text = f"{label}: ρ met individueel {fmt_number(individual.rho, 2)}, met sociaal {fmt_number(social.rho, 2)}"
        if run.exact:
            text += f" (onderling {fmt_number(between.rho, 2)}), Williams' t = {fmt_number(t, 2)}, {_p(p)}"
        else:
            text += {
                "individueel": ", individueel significant hoger",
                "sociaal": ", sociaal significant hoger",
                NEITHER: ", geen significant verschil",
            }[state]
        rows.append(text)

    def rule(counts: Counter) -> str:
        if counts["individueel"] >= 2 and counts["sociaal"] == 0:
            return "holds"
        if counts["sociaal"] >= 2:
            return "does not hold"
        return "undetermined"

    outcome = _robust(states, ("individueel", "sociaal", NEITHER), rule)
    known = Counter(s for s in states if s)
    reason = ""
    if outcome is None:
        outcome, reason = "undetermined", _hidden_reason(pairs_all)
    elif outcome == "undetermined":
        reason = (
            f"individueel significant hoger bij {known['individueel']}, sociaal bij {known['sociaal']} van de drie "
            f"competenties: om te kloppen of niet te kloppen moet één van beide dat bij minstens twee zijn"
        )
    numbers = (
        "; ".join(rows) + " (Williams' t voor afhankelijke, overlappende correlaties, Steiger 1980, vgl. 3, "
        "toegepast op Spearman-coëfficiënten: een benadering; tweezijdig, α = 0,05"
        + ("" if run.exact else f"; t en p niet getoond: {HIDDEN_NOTE.split(': ', 1)[1]}")
        + ")"
    )
    return run.claim(
        "vragenlijst.individueel_boven_sociaal",
        outcome,
        numbers=numbers,
        n=_n_range(p.n_shown for p in pairs_all),
        reason=reason,
    )


def _autonomy(run: _Run) -> Claim:
    states, rows, missing, shown_n = [], [], [], []
    for competence in COMPETENCES:
        outcome = run.main_model(competence)
        label = run.label(competence).lower()
        if outcome.result is None:
            states.append(None)
            missing.append(run.missing_model(outcome))
            continue
        final = _final_coefficients(outcome)
        row = final[final["term"] == AUTONOMY]
        if row.empty:  # not estimable (aliased): unknown
            states.append(None)
            missing.append(("undetermined", "autonomie niet schatbaar in het model"))
            continue
        row = row.iloc[0]
        states.append(ABOVE if row["ci_low"] > 0 else BELOW if row["ci_high"] < 0 else NEITHER)
        rows.append(f"{label}: {_coefficient_text(row)} (n = {outcome.n_shown})")
        shown_n.append(outcome.n_shown)
    if not rows:
        verdicts = {v for v, _ in missing}
        verdict = "not publishable" if verdicts == {"not publishable"} else "undetermined"
        return run.claim(
            "vragenlijst.autonomie_competenties",
            verdict,
            reason="voor geen van de drie competenties een hoofdmodel; " + missing[0][1],
        )
    outcome = _robust(
        states,
        (ABOVE, BELOW, NEITHER),
        lambda c: "holds" if c[ABOVE] else "does not hold" if c[BELOW] else "undetermined",
    )
    reason = ""
    if outcome is None:
        outcome = "undetermined"
        reason = f"voor {len(missing)} van de drie competenties geen hoofdmodel; " + missing[0][1]
    elif outcome == "undetermined":
        reason = "elk interval van B bevat 0: te weinig gegevens om te beslissen"
    return run.claim(
        "vragenlijst.autonomie_competenties",
        outcome,
        numbers="; ".join(rows) + " (hoofdmodel, laatste stap)",
        n=_n_range(shown_n),
        reason=reason,
    )


def _leadership_learning(run: _Run) -> Claim:
    pairs = [run.pair(LEADERSHIP, a) for a in LEARNING]
    outcome = _robust(
        [p.state for p in pairs],
        (ABOVE, BELOW, NEITHER),
        lambda c: "holds" if c[ABOVE] >= 3 else "does not hold" if c[BELOW] and not c[ABOVE] else "undetermined",
    )
    reason = ""
    if outcome is None:
        outcome, reason = "undetermined", _hidden_reason(pairs)
    elif outcome == "undetermined":
        reason = "minder dan drie intervallen boven 0 en geen enkel eronder: te weinig gegevens om te beslissen"
    above = sum(p.state == ABOVE for p in pairs)
    numbers = (
        f"{above} van de {len(pairs)} leeractiviteiten met een 95 %-BI boven 0: "
        + "; ".join(_rho_text(run, _short(run.label(a)), p) for a, p in zip(LEARNING, pairs))
        + f" ({_convention(run)})"
    )
    return run.claim(
        "vragenlijst.leerleiderschap_leren",
        outcome,
        numbers=numbers,
        n=_n_range(p.n_shown for p in pairs),
        reason=reason,
    )


def _climate_outcome(run: _Run, claim_id: str, outcome_variable: str, direction: str) -> Claim:
    """Learning climate with job satisfaction (intervals above 0) or with the intention to leave (below 0):
    holds with at least four of the six conditions on that side and none on the other, does not hold when
    some lie on the other side and none on this one; intervals that contain 0 decide nothing."""
    pairs = [run.pair(c, outcome_variable) for c in CLIMATE]

    def rule(counts: Counter) -> str:
        opposite = counts[BELOW if direction == ABOVE else ABOVE]
        if counts[direction] >= 4 and not opposite:
            return "holds"
        return "does not hold" if opposite and not counts[direction] else "undetermined"

    outcome = _robust([p.state for p in pairs], (ABOVE, BELOW, NEITHER), rule)
    hits = sum(p.state == direction for p in pairs)
    side = "boven" if direction == ABOVE else "onder"
    reason = ""
    if outcome is None:
        outcome, reason = "undetermined", _hidden_reason(pairs)
    elif outcome == "undetermined":
        reason = (
            f"{hits} van de zes condities met een interval {side} 0: tussen de grenzen van de toets (minstens vier "
            f"om te kloppen; om niet te kloppen geen enkele en wel intervallen aan de andere kant); een interval dat "
            f"0 bevat, beslist niets"
        )
    numbers = (
        f"{hits} van de zes leerklimaatcondities met een 95 %-BI {side} 0: "
        + "; ".join(_rho_text(run, _short(run.label(c)), p) for c, p in zip(CLIMATE, pairs))
        + f" ({_convention(run)})"
        + (
            "; hoge score op intentie tot retentie = sterkere intentie om te vertrekken"
            if outcome_variable == LEAVING
            else ""
        )
    )
    return run.claim(claim_id, outcome, numbers=numbers, n=_n_range(p.n_shown for p in pairs), reason=reason)
