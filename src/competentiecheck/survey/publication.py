"""The sample and exclusion tables of every run, protected together.

A reader holds all reports of a build at once: the totaal report and the five perceel reports. So the
counts of all runs are registered in one :class:`~competentiecheck.privacy.disclosure.Publication`, with the
relations between them, and protected in one go. That protection is programme-wide, so it is computed
once, by the cleaning step (notebook 01 writes ``build/steekproef/beschermd.pkl`` beside the cleaned data;
``python -m competentiecheck.survey.publication OUT`` does the same from the cleaned data), and each run's
notebook reads it (:func:`load_protected_sample`) and keeps its own run's
tables.
"""

from __future__ import annotations

import pickle
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from competentiecheck.core.paths import RUNS
from competentiecheck.privacy.disclosure import TOTAAL, Disclosure, Exact, Publication
from competentiecheck.survey.cleaning import FLOW_STAGES
from competentiecheck.survey.codebook import Codebook
from competentiecheck.survey.sample import CATEGORY_VARIABLES, frequency_table, function_groups, numeric_summary
from competentiecheck.survey.waves import EXCLUDED, MATCHED, match_counts, only_in, present_waves

__all__ = [
    "RunTables",
    "protected_sample",
    "load_protected_sample",
    "save_protected_sample",
    "reason_label",
    "UNKNOWN_PERCEEL",
    "statistics_withheld",
]

UNKNOWN_PERCEEL = "onbekend"  # submissions without a perceel: part of the totaal flow, in no perceel report
PERCELEN = [r for r in RUNS if r != TOTAAL]


@dataclass
class RunTables:
    """Published form of one run's counts.

    tables : sample tables by name (``functiegroep``, the category variables, ``numeriek``); empty
        when the run is below the threshold.
    flow : stages of the exclusion flow (``Fase``, ``Aantal``, ``Uitgevallen``).
    reasons : excluded submissions per stage and reason (``Fase``, ``Reden``, ``Aantal``).
    counts : inline counts ``n_ontvangen``, ``n_geanalyseerd``, ``n_uitgesloten``.
    change : the published counts of the change chapter (two waves only), keyed as registered
        (:func:`change_keys`): matching status per wave, participation per perceel, pairs per scale.
    statistics : why the run shows no statistics that carry its exact n (reliabilities, correlations,
        models, tests of change) although it has enough respondents; '' when it shows them
        (:func:`statistics_withheld`).
    change_statistics : why the run's change chapter shows no tests, no comparison of who stayed and who
        left and no climate models ('' when it shows them).
    """

    tables: dict[str, pd.DataFrame]
    flow: pd.DataFrame
    reasons: pd.DataFrame
    counts: dict[str, object]
    change: dict = field(default_factory=dict)
    statistics: str = ""
    change_statistics: str = ""


def reason_label(reason: str) -> str:
    """The reason as the report shows it: without the detail after ';' or in brackets (file, row, share)."""
    return re.sub(r";.*$", "", re.sub(r" \(.*\)$", "", reason))


def _subset(data: pd.DataFrame, run: str) -> pd.DataFrame:
    if run == TOTAAL:
        return data
    return data[data["perceel"] == int(run.split("-")[1])].reset_index(drop=True)


def protected_sample(
    data: pd.DataFrame,
    flow: pd.DataFrame,
    exclusions: pd.DataFrame,
    codebook: Codebook,
    disclosure: Disclosure,
    params: dict | None = None,
    all_waves: pd.DataFrame | None = None,
) -> dict[str, RunTables]:
    """Protect the sample description and exclusion counts of all runs at once.

    Parameters
    ----------
    data : analysed respondents of the whole programme (``data/processed/vragenlijst.parquet``).
    flow : counts per perceel and stage, with a ``totaal`` row (``exclusiestroom.csv``).
    exclusions : one row per excluded submission with ``perceel``, ``uitgesloten_bij``, ``reden``.
    params : run parameters; with them, the n of every regression model a run publishes is registered
        too (exact in the totaal run, rounded elsewhere), so the audit sees what subtracting model n's
        from run n's gives.
    all_waves : the analysed respondents of every wave (with ``meting`` and ``koppeling``); with two waves
        and ``params``, the counts of the change chapter are protected in the same Publication.
    """
    pub = Publication()
    raw_tables: dict[str, dict[str, pd.DataFrame]] = {}
    subsets = {run: _subset(data, run) for run in RUNS}
    withheld = statistics_withheld({run: len(subsets[run]) for run in RUNS}, disclosure)
    for run in RUNS:
        n = len(subsets[run])
        shown = disclosure.can_report(n)
        if disclosure.can_model(n) and not withheld[run]:
            # a run that shows statistics gives its exact n away, though it prints n rounded: the interval of an
            # α (Feldt) or of a correlation depends on n. The audit knows it as a reader would (and hiding the
            # printed n would protect nothing).
            pub.add((run, "n"), n)
            _known_exactly(pub, (run, "n"), disclosure)
        elif 0 < n < disclosure.min_group_size:
            # the run's chapters say it has fewer than min_group_size respondents: '< 5' stays '< 5'
            pub.add((run, "n"), n, shown=disclosure.count(n))
        else:
            pub.add((run, "n"), n)  # may be hidden: every printer of a run's n takes RunTables.counts
        tables = {"functiegroep": function_groups(subsets[run])}
        for variable in CATEGORY_VARIABLES:
            tables[variable] = frequency_table(subsets[run], variable, codebook)
        for name, table in tables.items():
            keys = [(run, name, c) for c in table["categorie"]]
            for key, count in zip(keys, table["n"]):
                pub.add(key, count, shown)
            pub.relate((run, "n"), keys)
        numeric = numeric_summary(subsets[run])
        for variable, count in zip(numeric["variabele"], numeric["n"]):
            pub.add((run, "numeriek", variable), count, shown)
            pub.add((run, "numeriek-ontbreekt", variable), n - count, published=False, sensitive=False)
            pub.relate((run, "n"), [(run, "numeriek", variable), (run, "numeriek-ontbreekt", variable)])
        tables["numeriek"] = numeric
        raw_tables[run] = tables

    flow_runs = PERCELEN + [UNKNOWN_PERCEEL, TOTAAL]
    by_run = flow.set_index("run")
    reasons = exclusions.assign(label=exclusions["reden"].map(reason_label))
    reason_keys = sorted(set(zip(reasons["uitgesloten_bij"], reasons["label"])))
    for run in flow_runs:
        published = run != UNKNOWN_PERCEEL
        row = by_run.loc[run] if run in by_run.index else pd.Series(0, index=FLOW_STAGES)
        for stage in FLOW_STAGES:
            # a submission without a perceel never passes 'geschikt': a zero every reader knows
            structural_zero = run == UNKNOWN_PERCEEL and FLOW_STAGES.index(stage) >= FLOW_STAGES.index("geschikt")
            value = int(row[stage])
            # the analysed stage is the run's n: printed as the n is where that is fixed
            fixed = pub.fixed.get((run, "n")) if stage == FLOW_STAGES[-1] and published else None
            pub.add((run, "stroom", stage), value, published or structural_zero, shown=fixed)
        if run == UNKNOWN_PERCEEL:
            pub.add((run, "n"), int(row["geanalyseerd"]), published=True)
        pub.relate((run, "n"), [(run, "stroom", "geanalyseerd")])
        pub.add((run, "uitgesloten"), int(row["ontvangen"]) - int(row["geanalyseerd"]), published)
        pub.relate((run, "stroom", "ontvangen"), [(run, "n"), (run, "uitgesloten")])
        frame = reasons if run == TOTAAL else reasons[reasons["perceel"] == run]
        counted = frame.groupby(["uitgesloten_bij", "label"]).size()
        for before, stage in zip(FLOW_STAGES, FLOW_STAGES[1:]):
            dropped = (run, "uitgevallen", stage)
            pub.add(dropped, int(row[before]) - int(row[stage]), published)
            pub.relate((run, "stroom", before), [(run, "stroom", stage), dropped])
            keys = [(run, "reden", s, label) for s, label in reason_keys if s == stage]
            for key in keys:
                pub.add(key, int(counted.get((stage, key[3]), 0)), published)
            pub.relate(dropped, keys)

    change_withheld = {run: "" for run in RUNS}
    if params is not None:
        _register_models(pub, subsets, params, disclosure, withheld)
        if all_waves is not None and codebook is not None:
            change_withheld = _register_change(pub, all_waves, subsets, params, disclosure, codebook, withheld)

    # the totaal run is the sum of the percelen (and, for the flow, of the submissions without one)
    for key in list(pub.values):
        if key[0] != TOTAAL or key[1] == "n" or key[-1] == "exact":  # an exact copy relates to its own cell only
            continue
        parts = PERCELEN + ([UNKNOWN_PERCEEL] if key[1] in ("stroom", "uitgevallen", "uitgesloten", "reden") else [])
        pub.relate(key, [(run, *key[1:]) for run in parts])
    pub.relate((TOTAAL, "n"), [(run, "n") for run in PERCELEN + [UNKNOWN_PERCEEL]])

    shown = disclosure.protect(pub)
    change = {key: value for key, value in shown.items() if key[1] in CHANGE_KINDS}
    return {
        run: _run_tables(
            run,
            raw_tables[run],
            disclosure.can_report(len(subsets[run])),
            shown,
            reason_keys,
            disclosure,
            change,
            withheld[run],
            change_withheld[run],
        )
        for run in RUNS
    }


def _known_exactly(pub: Publication, key: tuple, disclosure: Disclosure) -> None:
    """A registered count printed rounded that a reader knows exactly from a statistic: printed as it is (never
    hidden, that would protect nothing) and known exactly to the audit through an exact copy."""
    value = pub.values[key]
    pub.fixed[key] = disclosure.count(value)
    pub.add((*key, "exact"), value, shown=Exact(value))
    pub.relate((*key, "exact"), [key])


WITHHELD_CHANGE = (
    "De toetsen van de verandering worden in dit rapport niet getoond: ze verraden het exacte aantal paren, en "
    "daarmee het aantal respondenten van de eerste meting zonder paar, dat hier kleiner is dan {minimum}."
)
WITHHELD_FOR_ANOTHER = (
    "De betrouwbaarheden, correlaties, modellen en toetsen van dit perceel worden niet getoond, hoewel het genoeg "
    "respondenten heeft: hun intervallen en p-waarden verraden het exacte aantal respondenten, en samen met de "
    "andere percelen en het hele programma zou dat het aantal van een perceel met minder dan {minimum} "
    "respondenten prijsgeven."
)


def statistics_withheld(sizes: dict[str, int], disclosure: Disclosure) -> dict[str, str]:
    """Per run, why it may not show statistics that carry its exact n ('' when it may).

    An interval or p-value gives a run's exact n away, and the programme is the sum of its percelen. So the
    percelen without such statistics (too few respondents for a model, or withheld here) must together have
    no respondents or at least ``min_group_size``: while they have fewer, the perceel with the fewest
    respondents among those that show statistics is withheld too (the rule of
    :func:`competentiecheck.privacy.disclosure.protected_groups`). The demo: perceel 3 (2 respondents) makes
    perceel 5 (17) withhold its statistics."""
    percelen = {run: n for run, n in sizes.items() if run != TOTAAL}
    showing = {run for run, n in percelen.items() if disclosure.can_model(n)}

    def hidden() -> int:
        return sum(n for run, n in percelen.items() if run not in showing)

    while showing and 0 < hidden() < disclosure.min_group_size:
        showing.remove(min(showing, key=lambda run: (percelen[run], run)))
    message = WITHHELD_FOR_ANOTHER.format(minimum=disclosure.min_group_size)
    return {
        run: "" if run == TOTAAL or run in showing or not disclosure.can_model(n) else message
        for run, n in sizes.items()
    }


CHANGE_KINDS = ("koppeling", "deelname", "paren", "klimaatmodel")
PARTICIPATION = ("beide", "alleen_voor", "alleen_na", "uitgesloten_voor", "uitgesloten_na")


def change_keys(run: str, first: str, second: str, scales: list[str]) -> dict[str, list]:
    """The keys of the change chapter's counts of one run, by table: ``koppeling`` (status, wave),
    ``deelname`` (one per column of the participation table; the first-wave total is ``(run, 'n')``) and
    ``paren`` (pairs with a score on both waves, per scale)."""
    statuses = [*MATCHED, only_in(first), only_in(second), *EXCLUDED]
    return {
        "koppeling": [(run, "koppeling", status, wave) for status in statuses for wave in (first, second)],
        "deelname": [(run, "deelname", column) for column in PARTICIPATION],
        "paren": [(run, "paren", scale) for scale in scales],
    }


def _register_change(
    pub: Publication,
    everyone: pd.DataFrame,
    subsets: dict,
    params: dict,
    disclosure: Disclosure,
    codebook: Codebook,
    withheld: dict[str, str],
) -> dict[str, str]:
    """The counts of the change chapter (issue 23) in the same Publication as the sample: a reader who holds
    every report also holds the matching table and the participation table of each run, the participation
    rows of every perceel in the programme report, and the pairs per scale (exact in the totaal run,
    where the t-test prints its degrees of freedom). Published as the chapter shows them: only where the
    run's first wave reaches the threshold, the pairs only where a model may be shown. Returns per run why
    its tests of change are withheld ('' when they are shown)."""
    from competentiecheck.survey.change import climate_frames, climate_min_cases, pairs_frame

    reasons = {run: "" for run in RUNS}
    waves = present_waves(everyone, params)
    if len(waves) < 2:
        return reasons
    first, second = waves[0], waves[1]
    programme_shows = disclosure.can_report(len(subsets[TOTAAL]))
    for run in RUNS:
        data = _subset(everyone, run)
        n_first = int((data["meting"] == first).sum())
        if n_first != len(subsets[run]):
            raise ValueError(f"run {run}: {n_first} respondenten in de {first}, {len(subsets[run])} in de steekproef")
        chapter = disclosure.can_report(n_first)
        keys = change_keys(run, first, second, list(codebook.tabel3_order))
        counts = match_counts(data, [first, second]).set_index("koppeling") if len(data) else None
        for key in keys["koppeling"]:
            _, _, status, wave = key
            value = int(counts.at[status, wave]) if counts is not None and status in counts.index else 0
            pub.add(key, value, published=chapter)
        first_wave = [key for key in keys["koppeling"] if key[3] == first]
        second_wave = [key for key in keys["koppeling"] if key[3] == second]
        pub.relate((run, "n"), first_wave)
        pub.add((run, "tweede meting"), int((data["meting"] == second).sum()), published=False)
        pub.relate((run, "tweede meting"), second_wave)
        # the participation table: the run's own row in its report, every perceel's row in the programme's
        status = {(key[2], key[3]): key for key in keys["koppeling"]}
        members = {
            "beide": [status[(s, first)] for s in MATCHED],
            "alleen_voor": [status[(only_in(first), first)]],
            "alleen_na": [status[(only_in(second), second)]],
            "uitgesloten_voor": [status[(s, first)] for s in EXCLUDED],
            "uitgesloten_na": [status[(s, second)] for s in EXCLUDED],
        }
        for key in keys["deelname"]:
            parts = members[key[2]]
            pub.add(key, sum(pub.values[p] for p in parts), published=chapter or programme_shows)
            pub.relate(key, parts)
        # the tests of change give the number of pairs away (totaal: t(df); a perceel: p with d_z, t = d_z √n),
        # and the run's n is known: so they are shown only when the first-wave respondents without a pair are
        # none or at least min_group_size, and the pairs count as exact
        pairs = pairs_frame(data, first, second, list(codebook.tabel3_order))
        unpaired = n_first - len(pairs)
        reasons[run] = withheld[run] or (
            WITHHELD_CHANGE.format(minimum=disclosure.min_group_size)
            if chapter and 0 < unpaired < disclosure.min_group_size
            else ""
        )
        statistics = chapter and not reasons[run]
        model = statistics and disclosure.can_model(len(pairs))
        if model:  # the pairs are 'beide'
            _known_exactly(pub, (run, "deelname", "beide"), disclosure)
        for key in keys["paren"]:
            scale = key[2]
            n = int((pairs[f"{scale}_pre"].notna() & pairs[f"{scale}_post"].notna()).sum())
            pub.add(key, n, published=model, shown=Exact(n) if model else None)
            pub.add((run, "paren-zonder-score", scale), len(pairs) - n, published=False, sensitive=False)
            pub.relate((run, "deelname", "beide"), [key, (run, "paren-zonder-score", scale)])
        # the cases of each regression of post on pre and climate: printed rounded, a part of 'beide'
        frames = climate_frames(data[data["meting"] == first], pairs, codebook, params)
        for dv, frame in frames.items():
            n, key = len(frame), (run, "klimaatmodel", dv)
            shown_model = statistics and n >= climate_min_cases(disclosure.min_model_n, params)
            # exact: its interval and p-value depend on the residual df
            pub.add(key, n, published=shown_model, shown=Exact(n) if shown_model else None)
            pub.add(
                (run, "klimaatmodel-zonder", dv),
                int(pub.values[(run, "deelname", "beide")]) - n,
                published=False,
                sensitive=False,
            )
            pub.relate((run, "deelname", "beide"), [key, (run, "klimaatmodel-zonder", dv)])
    return reasons


def _register_models(
    pub: Publication, subsets: dict, params: dict, disclosure: Disclosure, withheld: dict[str, str]
) -> None:
    """Cases in each regression model: printed exactly in the totaal run, rounded in a perceel run that
    estimates the model, unpublished where no model is shown; the cases dropped listwise are not published.
    A shown model gives its exact n away in every run (its p-values and intervals depend on the residual df),
    so the audit knows it exactly."""
    from competentiecheck.survey.statistics import model_size

    stats_params = params["statistics"]
    for config_name, config in stats_params["configurations"].items():
        predictors = [p for block in config["blocks"] for p in block["variables"]]
        for dependent in stats_params["dependents"]:
            for run in RUNS:
                n_complete, reason = model_size(subsets[run], dependent, predictors, stats_params, disclosure)
                shown_model = not reason and disclosure.can_report(len(subsets[run])) and not withheld[run]
                key = (run, "model", config_name, dependent)
                pub.add(key, n_complete, published=shown_model, shown=Exact(n_complete) if shown_model else None)
                pub.add(
                    (run, "model-weggevallen", config_name, dependent),
                    len(subsets[run]) - n_complete,
                    published=False,
                    sensitive=False,  # answers left open: the run's exact n minus the model's exact n
                )
                pub.relate((run, "n"), [key, (run, "model-weggevallen", config_name, dependent)])


def _run_tables(
    run: str,
    raw: dict[str, pd.DataFrame],
    reportable: bool,
    shown: dict,
    reason_keys,
    disclosure: Disclosure,
    change: dict,
    withheld: str,
    change_withheld: str,
) -> RunTables:
    n_shown = shown[(run, "n")]
    tables = {}
    if reportable:
        for name, table in raw.items():
            if name == "numeriek":
                continue
            out = table.copy().astype({"n": object})
            out["n"] = [shown[(run, name, c)] for c in table["categorie"]]
            out["procent"] = out["n"].map(lambda v: disclosure.percent(v, n_shown))
            tables[name] = out
        numeric = raw["numeriek"].copy().astype({"n": object, "gemiddelde": object, "sd": object})
        numeric["n"] = [shown[(run, "numeriek", v)] for v in numeric["variabele"]]
        hidden = numeric["n"].map(lambda v: isinstance(v, str))
        numeric.loc[hidden, ["gemiddelde", "sd"]] = "–"
        tables["numeriek"] = numeric
    flow_rows = []
    for stage in FLOW_STAGES:
        flow_rows.append(
            {
                "fase": stage,
                # the analysed stage is the run's n: printed as the n is, wherever it stands
                "aantal": n_shown if stage == FLOW_STAGES[-1] else shown[(run, "stroom", stage)],
                "uitgevallen": "" if stage == FLOW_STAGES[0] else shown[(run, "uitgevallen", stage)],
            }
        )
    reason_rows = [
        {"fase": stage, "reden": label, "aantal": shown[(run, "reden", stage, label)]}
        for stage, label in reason_keys
        if shown[(run, "reden", stage, label)] != 0
    ]
    counts = {
        "n_ontvangen": shown[(run, "stroom", "ontvangen")],
        "n_geanalyseerd": n_shown,
        "n_uitgesloten": shown[(run, "uitgesloten")],
    }
    return RunTables(
        tables=tables,
        flow=pd.DataFrame(flow_rows),
        reasons=pd.DataFrame(reason_rows, columns=["fase", "reden", "aantal"]),
        counts=counts,
        # the programme report shows the participation row of every perceel, so every run carries all of them
        change={**change, **{key: shown[key] for key in shown if key[1] == "n" and len(key) == 2}},
        statistics=withheld,
        change_statistics=change_withheld,
    )


def load_protected_sample(path: Path) -> dict[str, RunTables]:
    """The protected tables of every run, as :func:`main` wrote them (a build file of this project only)."""
    with open(path, "rb") as handle:
        return pickle.load(handle)


def save_protected_sample(protected: dict[str, RunTables], path: Path) -> Path:
    """Store the protected tables of every run (written whole or not at all) for the run notebooks."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    with open(partial, "wb") as handle:
        pickle.dump(protected, handle, protocol=4)
    partial.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    """``python -m competentiecheck.survey.publication OUT``: protect the sample of every run once."""
    from competentiecheck.core.params import load_params
    from competentiecheck.core.paths import PROCESSED
    from competentiecheck.survey.codebook import load_codebook
    from competentiecheck.survey.waves import baseline

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("gebruik: python -m competentiecheck.survey.publication UITVOER.pkl", file=sys.stderr)
        return 2
    params = load_params("totaal")  # the disclosure thresholds and model blocks are the same for every run
    # the sample description is that of the first wave (issue 23: later waves go to the change chapter)
    everyone = pd.read_parquet(PROCESSED / "vragenlijst.parquet")
    data = baseline(everyone, params)
    first = data["meting"].iat[0] if "meting" in data and len(data) else None
    protected = protected_sample(
        data,
        baseline(pd.read_csv(PROCESSED / "exclusiestroom.csv"), params, drop=True, label=first),
        baseline(pd.read_csv(PROCESSED / "exclusies.csv"), params, drop=True, label=first),
        load_codebook(),
        Disclosure.from_params(params),
        params,
        all_waves=everyone,
    )
    out = save_protected_sample(protected, Path(args[0]))
    hidden = sum(str(v) == "×" for run in protected.values() for t in run.tables.values() for v in t["n"])
    print(f"Steekproef van {len(protected)} runs samen beschermd ({hidden} aanvullend verborgen cellen): {out}")
    return 0


if __name__ == "__main__":
    # run the package's own module, so the pickle refers to competentiecheck.survey.publication.RunTables
    from competentiecheck.survey.publication import main as package_main

    raise SystemExit(package_main())
