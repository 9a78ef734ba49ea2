"""``python -m competentiecheck.feedback.build`` (``make feedback``): every organisation's report or letter.

One computation of all organisations' figures (one grouped pass per level over the cleaned data), then the
rendering of each organisation's HTML and PDF in parallel over the cores (``multiprocessing``, one Typst
compiler per process). Everything goes to ``build/feedback/``: ``<code>/rapport.{html,pdf}`` for an
organisation with at least ``feedback.min_respondents`` analysed respondents, ``<code>/brief.{html,pdf}`` for
the others, ``index.html`` for the evaluation team, and ``team/organisaties.csv`` (code, pseudonym, what it got;
the output check reads it). Never in ``report/_output/``: the reports are for the organisations only.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from competentiecheck.core.errors import InputError
from competentiecheck.core.outputs import staged_outputs
from competentiecheck.core.params import load_params
from competentiecheck.core.paths import (
    BUILD,
    DEMO_SURVEY,
    PROCESSED,
    ROOT,
    input_files,
    input_folder,
    is_demo_input,
    relative,
    survey_folder,
)
from competentiecheck.feedback.change import organisation_pairs, paired_estimates, shown_changes, two_waves
from competentiecheck.feedback.content import Organisation, Programme, letter_blocks, report_blocks
from competentiecheck.feedback.context import (
    GROUPS,
    levers,
    load_scales,
    plan_profiles,
    profile_texts,
    recommendations,
)
from competentiecheck.feedback.html import html_page, index_page
from competentiecheck.feedback.means import GroupMeans, first_wave, group_means, subgroup_means, subgroup_tables
from competentiecheck.feedback.register import Register, link_respondents, read_register
from competentiecheck.privacy.disclosure import Disclosure
from competentiecheck.privacy.pseudonymise import resolve_salt

__all__ = ["prepare", "render_all", "build_feedback", "main", "REPORT", "LETTER", "OUT"]

OUT = BUILD / "feedback"
REPORT, LETTER = "rapport", "brief"
SCALES = [key for _, _, keys in GROUPS for key in keys]


@dataclass
class Prepared:
    organisations: list[tuple[str, Organisation]]  # (REPORT or LETTER, organisation), by code
    programme: Programme
    without_organisation: int
    wave: object
    second_wave: object = None  # the second wave when the data hold two (the change section)
    second_excluded: int = 0  # second-wave respondents without a known organisation of the right perceel


def prepare(
    data: pd.DataFrame,
    register: Register,
    params: dict,
    *,
    build: Path = BUILD,
    demo: bool = False,
    data_file: str = "data/processed/vragenlijst.parquet",
) -> Prepared:
    """All organisations' figures from one pass per level; which organisation gets a report, which a letter."""
    disclosure = Disclosure.from_params(params)
    minimum = params["feedback"]["min_respondents"]
    all_waves = data
    data, wave = first_wave(data)
    second = two_waves(all_waves, wave)
    linked = link_respondents(data, register, data_file)
    means: GroupMeans = group_means(linked.data.assign(code=linked.data["code"].replace("", None)), SCALES, "code")
    own_all = means.lookup("organisations")
    perceel_all = means.lookup("percelen")
    programme_means = {s: e for (_, s), e in means.lookup("programme").items() if disclosure.can_report(e.n)}
    per_perceel = {int(p): int(n) for p, n in means.respondents_perceel.items()}
    profiles = plan_profiles(build)
    programme = Programme(
        means=programme_means,
        scales=load_scales(),
        levers=levers(params, build),
        recommendations=recommendations(build),
        profile_texts=profile_texts(),
        disclosure=disclosure,
        min_respondents=minimum,
        demo=demo,
        perceel_shown={p: disclosure.can_report(n) for p, n in per_perceel.items()},
    )
    total = len(linked.data)
    with_code = linked.data[linked.data["code"] != ""]
    subgroups = subgroup_tables(with_code, SCALES, "code")
    answering = sorted(set(with_code["code"]))
    orgs_per_perceel = register.table.loc[answering, "perceel"].value_counts().to_dict()
    changes, second_n, second_excluded = {}, {}, 0
    if second is not None:
        later = _link_second_wave(all_waves[all_waves["meting"] == second], register)
        second_excluded = int((later["code"] == "").sum())
        second_n = later[later["code"] != ""].groupby("code").size().to_dict()
        if {"koppeling", "koppelcode"} <= set(all_waves.columns):
            both = pd.concat([linked.data, later], ignore_index=True)
            changes = paired_estimates(organisation_pairs(both, wave, second, SCALES, "code"), SCALES)
    organisations = []
    for code, entry in register.table.iterrows():
        n = int(means.respondents_org.get(code, 0))
        organisation = Organisation(
            code=code,
            name=entry.organisatie,
            perceel=int(entry.perceel),
            n=n,
            has_plan=bool(entry.plan),
            profiles=profiles.get(entry.plan, []) if entry.plan else [],
        )
        if n < minimum or n < disclosure.min_group_size:
            organisations.append((LETTER, organisation))
            continue
        organisation.own = {
            s: own_all[(code, s)]
            for s in SCALES
            if (code, s) in own_all and disclosure.can_report(own_all[(code, s)].n)
        }
        perceel_n = per_perceel.get(organisation.perceel, 0)
        rest, rest_orgs = perceel_n - n, orgs_per_perceel.get(organisation.perceel, 0) - 1
        if disclosure.can_report(perceel_n) and (rest == 0 or _rest_allowed(rest, rest_orgs, params)):
            organisation.perceel_means = {
                s: e
                for s in SCALES
                if (e := perceel_all.get((float(organisation.perceel), s))) and disclosure.can_report(e.n)
            }
        if total - n > 0 and not _rest_allowed(total - n, len(answering) - 1, params):
            organisation.show_programme = False  # the programme minus this organisation: a few people or firms
        organisation.subgroups = subgroup_means(subgroups, code, n, disclosure)
        if second is not None:
            organisation.waves = (str(wave), str(second))
            organisation.change = shown_changes(
                changes, code, organisation.own, (n, int(second_n.get(code, 0))), minimum, disclosure, SCALES
            )
        organisations.append((REPORT, organisation))
    return Prepared(organisations, programme, linked.without_organisation, wave, second, second_excluded)


def _link_second_wave(data: pd.DataFrame, register: Register) -> pd.DataFrame:
    """The register code of every second-wave respondent, or '' (not in the change) for one without organisation,
    with an organisation the register does not know, or answering for another perceel than the register's: the
    first wave's figures stop on such rows (link_respondents); the change leaves them out and counts them."""
    by_id = dict(zip(register.table.org_id, register.table.code))
    perceel_of = dict(zip(register.table.code, register.table.perceel))
    codes = []
    for org_id, perceel in zip(data["org_id"], data["perceel"]):
        code = by_id.get(str(org_id), "") if pd.notna(org_id) else ""
        if code and pd.notna(perceel) and int(perceel) != perceel_of[code]:
            code = ""
        codes.append(code)
    return data.assign(code=codes)


def _rest_allowed(people: int, organisations: int, params: dict) -> bool:
    """May a group be shown beside one organisation's own figures? Its rest (the group minus the organisation)
    must be enough people (``disclosure.min_group_size``) from enough other organisations
    (``disclosure.min_cases``): otherwise the group's mean minus the organisation's points to a few people, or
    to one other organisation's value."""
    d = params["disclosure"]
    return people >= d["min_group_size"] and organisations >= d["min_cases"]


# --------------------------------------------------------------------------- rendering (parallel)

_PROGRAMME: Programme | None = None
_WRITER = None


def _init_worker(programme: Programme) -> None:
    global _PROGRAMME, _WRITER
    from competentiecheck.feedback.pdf import PdfWriter

    _PROGRAMME, _WRITER = programme, PdfWriter()


def _render(task: tuple[str, Organisation, str]) -> tuple[str, str]:
    kind, organisation, out = task
    programme = _PROGRAMME
    blocks = report_blocks(organisation, programme) if kind == REPORT else letter_blocks(organisation, programme)
    title = blocks[0]["text"] + " – " + organisation.name
    folder = Path(out) / organisation.code
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{kind}.html").write_text(html_page(title, blocks, f"{kind}.pdf"), encoding="utf-8")
    footer = f"{organisation.name} · vertrouwelijk: alleen voor uw organisatie"
    (folder / f"{kind}.pdf").write_bytes(_WRITER.pdf(title, blocks, footer))
    return organisation.code, kind


def render_all(prepared: Prepared, out: Path, jobs: int | None = None) -> list[tuple[str, str]]:
    """Write every report and letter into ``out``; ``jobs`` processes (default: the cores).

    Worker processes are spawned, not forked: a fork of a process that already holds a Typst compiler (its
    threads) can hang. Each worker gets the programme once and compiles its share of the organisations.
    """
    tasks = [(kind, organisation, str(out)) for kind, organisation in prepared.organisations]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(tasks) or 1))
    if jobs == 1:
        _init_worker(prepared.programme)
        return [_render(t) for t in tasks]
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(prepared.programme,)) as pool:
        return pool.map(_render, tasks, chunksize=max(1, len(tasks) // (jobs * 8)))


# --------------------------------------------------------------------------- the step


def _salt(register_folder: Path, params: dict):
    exports = [p for p in input_files(survey_folder()) if p.suffix.lower() in (".csv", ".xlsx", ".sav")]
    real_register = [] if is_demo_input(register_folder) else input_files(register_folder)
    salt = resolve_salt(exports + real_register, ROOT / params["pseudonymisation"]["salt_file"])
    record = PROCESSED / "pseudonimisering.json"
    if record.exists():
        used = json.loads(record.read_text(encoding="utf-8")).get("vingerafdruk")
        if used and used != salt.fingerprint:
            raise InputError(
                "het zout verschilt van het zout waarmee stap 1 de organisaties pseudonimiseerde (andere "
                "vingerafdruk): voer stap 1 opnieuw uit of zet hetzelfde zout",
                file=relative(record),
            )
    return salt


def build_feedback(
    processed: Path = PROCESSED / "vragenlijst.parquet",
    register_folder: Path | None = None,
    out: Path = OUT,
    build: Path = BUILD,
    params: dict | None = None,
    jobs: int | None = None,
    salt: str | None = None,
) -> Prepared:
    params = params or load_params("totaal")
    register_folder = Path(register_folder or input_folder("organisaties"))
    salt = salt or _salt(register_folder, params).value
    register = read_register(register_folder, salt)
    data = pd.read_parquet(processed)
    demo = survey_folder() == DEMO_SURVEY or is_demo_input(register_folder)
    prepared = prepare(data, register, params, build=build, demo=demo, data_file=relative(processed))
    with staged_outputs(Path(out), owner="feedback") as staging:
        render_all(prepared, staging, jobs)
        _write_index(prepared, register, staging)
    return prepared


def _write_index(prepared: Prepared, register: Register, staging: Path) -> None:
    rows, team = [], []
    d = prepared.programme.disclosure
    for kind, organisation in prepared.organisations:
        rows.append(
            {
                "code": organisation.code,
                "organisatie": organisation.name,
                "perceel": organisation.perceel,
                "soort": "rapport" if kind == REPORT else "brief",
                "invullers": str(organisation.n),
                "html": f"{organisation.code}/{kind}.html",
                "pdf": f"{organisation.code}/{kind}.pdf",
            }
        )
        team.append(
            {"code": organisation.code, "org_id": register.table.at[organisation.code, "org_id"], "soort": kind}
        )
    reports = sum(1 for kind, _ in prepared.organisations if kind == REPORT)
    summary = [
        f"{len(rows)} organisaties in het register ({register.file}): {_plural(reports, 'rapport', 'rapporten')}, "
        f"{_plural(len(rows) - reports, 'brief', 'brieven')} "
        f"(rapport vanaf {prepared.programme.min_respondents} geanalyseerde invullers; feedback.min_respondents).",
        f"Respondenten zonder organisatie (niet in een rapport of brief, wel in perceel en programma): "
        f"{prepared.without_organisation}.",
        f"Kleinste groep voor een gemiddelde: {d.min_group_size}; aantallen in de rapporten afgerond op {d.rounding_base}.",
    ]
    if prepared.wave is not None:
        if prepared.second_wave is None:
            summary.append(f"Alleen de eerste meting ({prepared.wave}) is gebruikt.")
        else:
            changed = sum(1 for kind, o in prepared.organisations if kind == REPORT and o.change)
            summary.append(
                f"De cijfers van een organisatie komen uit de eerste meting ({prepared.wave}). De verandering tot de "
                f"{prepared.second_wave} (alleen gekoppelde invullers) staat in "
                f"{_plural(changed, 'rapport', 'rapporten')}: waar beide metingen minstens "
                f"{prepared.programme.min_respondents} invullers tellen en de paren en de rest van de eerste meting "
                f"elk minstens {d.min_group_size}. Invullers van de {prepared.second_wave} zonder organisatie uit "
                f"het register (of met een ander perceel dan het register): {prepared.second_excluded}."
            )
    if prepared.programme.demo:
        summary.append("Synthetische demo: de organisaties, hun namen en antwoorden zijn verzonnen.")
    (staging / "index.html").write_text(index_page(rows, summary), encoding="utf-8")
    (staging / "team").mkdir(exist_ok=True)
    pd.DataFrame(team).to_csv(staging / "team" / "organisaties.csv", index=False, lineterminator="\n")


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Feedbackrapporten en brieven per organisatie (build/feedback/).")
    parser.add_argument("--jobs", type=int, default=None, help="processen (standaard: het aantal kernen)")
    args = parser.parse_args(argv)
    try:
        prepared = build_feedback(jobs=args.jobs)
    except InputError as exc:
        print(f"Feedbackrapporten: {exc}", file=sys.stderr)
        return 1
    reports = sum(1 for kind, _ in prepared.organisations if kind == REPORT)
    print(
        f"Feedback: {_plural(reports, 'rapport', 'rapporten')} en "
        f"{_plural(len(prepared.organisations) - reports, 'brief', 'brieven')} in {relative(OUT)} "
        f"(respondenten zonder organisatie: {prepared.without_organisation})."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
