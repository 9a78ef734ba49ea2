"""The document-analysis step (chapter 4): themes and maturity profiles of the plannen van aanpak.

Plans belong to companies, so what is published is aggregated and protected by the survey's one
mechanism (:class:`~competentiecheck.privacy.disclosure.Disclosure`). Every count of plans the chapter shows —
themes and profiles per perceel and for the programme, combinations of profiles, profiles per sector
with the sector's size, the template plans — is registered in ONE
:class:`~competentiecheck.privacy.disclosure.Publication`, with the cells and relations a reader knows
(:class:`~competentiecheck.privacy.plan_audit.ChapterShape`: the plans per perceel of §5.1.1, the sectors
of each perceel of Tabel 1, item plus not-item is the plans, the percelen make the programme, the
combinations partition the plans, a sector's plans are spread over its percelen and a perceel's over its
sectors), rounded, small ones hidden, complementarily suppressed until nothing small can be worked out,
and audited again from the written tables by :func:`~competentiecheck.privacy.plan_audit.audit_documents`.
A perceel with fewer than ``disclosure.min_cases`` plans shows no counts of its own; mean planned hours
are shown only per profile with enough plans on both sides, in whole hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist

from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import relative
from competentiecheck.core.tabular import (
    check_matched,
    check_unique,
    clean_name,
    iter_rows,
    name_key,
    read_table,
    read_yaml,
    suggestion,
    unify_spelling,
)
from competentiecheck.documents.profiles import (
    ProfileRule,
    adjusted_rand_index,
    assign_profiles,
    parse_rules,
    wilson_interval,
)
from competentiecheck.documents.similarity import near_identical_pairs
from competentiecheck.privacy.disclosure import TOTAAL, Disclosure, DisclosureError, Publication, group_and_rest_allowed
from competentiecheck.privacy.plan_audit import (
    AMBITIE_BASIS,
    COMBINATION,
    COMBINATION_SEPARATOR,
    NO_PROFILE,
    NOT,
    PLANS,
    PROFILE,
    SECTOR,
    SECTOR_COLUMNS,
    SECTOR_PROFILE,
    TABLE_FILES,
    THEME,
    ChapterShape,
    combination_profiles,
    pinned_by_zeros,
)
from competentiecheck.qualitative.agreement import cohen_kappa
from competentiecheck.qualitative.codebook import CodingScheme, path_text
from competentiecheck.qualitative.refi_qda import read_qdpx

__all__ = [
    "PlanData",
    "load_plans",
    "DocumentResults",
    "analyse_documents",
    "document_tables",
    "team_tables",
]

PERCELEN = [f"perceel-{n}" for n in range(1, 6)]


@dataclass
class PlanData:
    register: pd.DataFrame  # plan, perceel, sector, uren, bedrijven
    codings: pd.DataFrame  # case (= plan), path
    texts: dict[str, str]
    scheme: CodingScheme
    rules: list[ProfileRule]
    profiles: list[dict]  # the definitions with their published texts


def load_plans(
    folder: Path, scheme: CodingScheme, expected: dict[int, int | None], newlines: str = "as-stored"
) -> PlanData:
    """Read the register, the coded plans and the profile definitions, and reconcile them.

    ``expected``: plans per perceel from the parameters (§5.1.1; ``context.plannen_van_aanpak`` of
    ``params/perceel-N.yml``, which must not be empty). Errors name the file and row (or key).

    The register (``plannen.csv``) is read by the project's one table reader (``,`` or ``;`` with the
    decimal comma, UTF-8 with or without BOM): ``plan`` is a name and unique; ``perceel`` a whole number
    of ``expected`` ('2' or '2.0'); ``sector`` and ``bedrijven`` are names (spaces collapsed), spelling
    variants of a sector ('Horeca', 'horeca') one sector under the first spelling, with a note; ``uren``
    a number >= 0 in the file's decimal sign ('7,5' in a ';' file). ``profielen.yml`` must have
    ``profiles``, a list of profiles with a unique ``name``, among them the profiles the chapter names
    (:data:`~competentiecheck.privacy.plan_audit.AMBITIE_BASIS`).
    """
    for perceel, wanted in sorted(expected.items()):
        if wanted is None or isinstance(wanted, bool) or not isinstance(wanted, int):
            raise InputError(
                f"sleutel 'context.plannen_van_aanpak' is leeg of geen geheel getal ({wanted!r}); het "
                f"aantal plannen van perceel {perceel} (§5.1.1) is nodig om het register af te stemmen",
                file=f"params/perceel-{perceel}.yml",
            )
    register_file = folder / "plannen.csv"
    register = read_table(
        register_file,
        ("plan", "perceel", "sector", "uren", "bedrijven"),
        what="het register van de plannen (plannen.csv)",
    )
    name = register.attrs["file"]
    plans, percelen, sectors, hours, companies = [], [], [], [], []
    for row in iter_rows(register):
        plan = row.name("plan", required="plan zonder id")
        if not clean_name(row["perceel"]):
            row.fail(f"plan {plan!r} zonder perceel", "perceel")
        perceel = row.whole("perceel")
        if perceel not in expected:
            row.fail(f"perceel {perceel} bestaat niet (percelen: {', '.join(map(str, sorted(expected)))})", "perceel")
        plans.append(plan)
        percelen.append(perceel)
        sectors.append(row.name("sector", required=f"plan {plan!r} zonder sector"))
        if not clean_name(row["uren"]):
            row.fail(f"plan {plan!r} zonder geplande uren", "uren")
        hours.append(row.decimal_number("uren", minimum=0))
        companies.append(row.name("bedrijven"))
    register["plan"], register["sector"], register["bedrijven"] = plans, sectors, companies
    register["perceel"] = pd.Series(percelen, index=register.index, dtype=int)
    register["uren"] = pd.Series(hours, index=register.index, dtype=float)
    check_unique(register, "plan", "plan-id komt twee keer voor")
    unify_spelling(register, "sector")
    counts = register.groupby("perceel").size().to_dict()
    for perceel, wanted in sorted(expected.items()):
        if counts.get(perceel, 0) != wanted:
            raise InputError(
                f"perceel {perceel} telt {counts.get(perceel, 0)} plannen in het register, maar "
                f"{wanted} volgens params/perceel-{perceel}.yml (context.plannen_van_aanpak, §5.1.1)",
                file=name,
                column="perceel",
            )
    projects = sorted(folder.glob("*.qdpx"))
    if not projects:
        raise InputError("geen gecodeerde plannen (.qdpx) gevonden", file=relative(folder))
    frames, texts = [], {}
    for file in projects:
        project = read_qdpx(file, newlines, setting="documents.newlines")
        scheme.check(project.codings["path"], relative(file))
        frames.append(pd.DataFrame({"case": project.codings["source"], "path": project.codings["path"]}))
        texts.update(dict(zip(project.sources["source"], project.sources["text"])))
    codings = pd.concat(frames, ignore_index=True)
    registered = set(register["plan"])
    for plan in sorted(set(texts) - registered):
        raise InputError(f"gecodeerd plan {plan!r} staat niet in plannen.csv{suggestion(plan, registered)}", file=name)
    check_matched(register, "plan", set(texts), "plan uit het register is niet gecodeerd")
    profile_file = folder / "profielen.yml"
    definitions = _profile_definitions(profile_file)
    rules = parse_rules(definitions, scheme, relative(profile_file))
    return PlanData(register=register, codings=codings, texts=texts, scheme=scheme, rules=rules, profiles=definitions)


def _profile_definitions(file: Path) -> list[dict]:
    """The profiles of ``profielen.yml``, checked: a list under ``profiles``, each a mapping with a unique
    ``name`` (spaces collapsed), and the profiles the chapter names present (an error names the key)."""
    name = relative(file)
    definitions = read_yaml(file, "de profieldefinities (profielen.yml)", required=("profiles",))["profiles"]
    if not isinstance(definitions, list) or not definitions:
        raise InputError("sleutel 'profiles' moet een lijst van profielen zijn (- name: ...)", file=name)
    seen: dict[str, int] = {}
    for number, item in enumerate(definitions, start=1):
        if not isinstance(item, dict):
            raise InputError(
                f"sleutel 'profiles', profiel {number}: verwacht 'name', 'indicators' en 'rule'", file=name
            )
        item["name"] = clean_name(item.get("name"))
        if not item["name"]:
            raise InputError(f"sleutel 'profiles', profiel {number}: 'name' ontbreekt", file=name)
        if name_key(item["name"]) in seen:
            raise InputError(
                f"sleutel 'profiles', profiel {number}: naam {item['name']!r} staat ook bij profiel "
                f"{seen[name_key(item['name'])]}",
                file=name,
            )
        seen[name_key(item["name"])] = number
    names = [item["name"] for item in definitions]
    for wanted in AMBITIE_BASIS:
        if wanted not in names:
            near = [(n, i) for i, n in enumerate(names, start=1) if name_key(n) == name_key(wanted)]
            where = (
                f"sleutel 'profiles', profiel {near[0][1]} (name: {near[0][0]!r}): de naam moet {wanted!r} zijn"
                if near
                else f"sleutel 'profiles': profiel {wanted!r} ontbreekt"
            )
            raise InputError(
                f"{where}; het hoofdstuk geeft het aandeel plannen met 'Krachtige ambitie' en/of "
                f"'Krachtige basis' (Tabel 1) onder die namen",
                file=name,
            )
    return definitions


@dataclass
class DocumentResults:
    themes: pd.DataFrame  # group, theme, then per perceel and totaal: published form of the plan count
    profiles: pd.DataFrame  # profile, then per perceel and totaal: published form
    combinations: pd.DataFrame  # combination, plans (published form)
    assignment: pd.DataFrame  # plan x profile, 0/1 (team only)
    share: dict  # ambitie and/or basis: count, n, low, high
    human: dict  # pooled agreement with the published profiles of the interviewed organisations
    human_detail: pd.DataFrame  # per profile confusion counts (team only)
    ari: float
    n_clusters: int
    templates: dict  # plans (published form), percelen, n
    hours: pd.DataFrame  # profile, plans (published form), mean planned hours (whole hours)
    reportable: dict  # perceel run -> bool
    sectors: pd.DataFrame  # profile x 'sector (size)' (published forms), only the sectors the rule allows
    sector_note: str
    sector_table: pd.DataFrame  # the same, tidy: sector, plannen (size), profiel, aantal (published forms)


def document_tables(results: DocumentResults) -> dict[str, pd.DataFrame]:
    """The build tables of chapter 4 by file name, as the notebook writes them and the audit reads them
    back (:func:`competentiecheck.privacy.plan_audit.audit_documents`)."""
    return {
        TABLE_FILES[THEME]: results.themes.rename_axis("thema").reset_index(),
        TABLE_FILES[PROFILE]: results.profiles.rename_axis("profiel").reset_index(),
        TABLE_FILES[COMBINATION]: results.combinations.rename_axis("combinatie").reset_index(),
        TABLE_FILES[SECTOR]: results.sector_table,
        "uren.csv": results.hours,
    }


def team_tables(results: DocumentResults) -> dict[str, pd.DataFrame]:
    """Tables for the team and the feedback reports only (``build/documenten/team/``, never published):
    the profiles assigned to each plan, which the feedback report of an organisation shows it."""
    return {"profielen_per_plan.csv": results.assignment.reset_index().rename(columns={"document": "plan"})}


class _PlanCounts:
    """The true count of any cell of the chapter, straight from the plans (no table in between).

    ``flags``: (kind, item) -> which plans have the item (theme, profile, combination), and (name,) ->
    a named set of plans (the exact sums, the template plans). A kind ending in '-niet' counts the plans
    without it.
    """

    def __init__(self, runs: np.ndarray, sectors: np.ndarray, flags: dict[tuple, np.ndarray]):
        self.runs, self.sectors, self.flags = runs, sectors, flags

    def __call__(self, key: tuple) -> int:
        run, kind, *rest = key
        mask = np.ones(len(self.runs), dtype=bool) if run == TOTAAL else self.runs == run
        negate, kind = kind.endswith(NOT), kind.removesuffix(NOT)
        flag = None
        if kind == SECTOR:
            mask = mask & (self.sectors == rest[0])
        elif kind == SECTOR_PROFILE:
            mask, flag = mask & (self.sectors == rest[0]), self.flags[(PROFILE, rest[1])]
        elif kind != PLANS:
            flag = self.flags[(kind, *rest)]
        if flag is not None:
            mask = mask & (~flag if negate else flag)
        return int(mask.sum())


@dataclass(frozen=True)
class _ChapterDisclosure(Disclosure):
    """The survey's mechanism, searching further and with one exemption for this chapter.

    A cell that frees a pinned sector count can be many relations away (a perceel's sector, via its
    profiles), hence ``reach``. The cells in ``exempt`` — pinned by the public
    facts and the published zeros alone, see :func:`pinned_by_zeros` — are not pursued: no suppression
    can free them.
    """

    exempt: frozenset = frozenset()
    reach: int = 12  # relations between a pinned cell and a cell that frees it (a perceel's sector, via its profiles)

    def pinned(self, shown: dict, publication: Publication) -> list:
        return [key for key in super().pinned(shown, publication) if key not in self.exempt]

    def _complements(self, cell, shown: dict, publication: Publication, depth: int = 4) -> list:
        return super()._complements(cell, shown, publication, max(depth, self.reach))


def _is_published(key: tuple, reportable: dict, shown_sectors: tuple) -> bool:
    """Is this cell shown in one of the chapter's tables (before protection)?"""
    run, kind = key[0], key[1]
    if kind in (THEME, PROFILE):
        return run == TOTAAL or reportable.get(run, False)
    if kind == COMBINATION:  # the combinations are shown for the programme only
        return run == TOTAAL
    if kind in (SECTOR, SECTOR_PROFILE):  # the sector's size in the column header, its profile counts
        return run == TOTAAL and key[2] in shown_sectors
    return False


def _published(
    disclosure: Disclosure,
    shape: ChapterShape,
    count: _PlanCounts,
    reportable: dict,
    exact_values: dict[str, int],
    extra_counts: tuple[str, ...] = (),
) -> dict:
    """Protect every count of the chapter in one Publication and return the published forms.

    The cells and relations are the reader's (:class:`ChapterShape`, shared with the audit of the
    published tables); what the reader knows besides the tables is fixed in its published form.
    ``extra_counts``: names of plan sets the text gives for the programme (rounded, with their rest).
    """
    pub = Publication()
    known = shape.known(disclosure, exact_values)
    relations = shape.relations()
    cells = dict.fromkeys(key for total, members in relations for key in (total, *members))
    cells.update(dict.fromkeys(known))
    for key in cells:
        pub.add(
            key,
            count(key),
            published=key in known or _is_published(key, reportable, shape.shown_sectors),
            shown=known.get(key),
        )
    for total, members in relations:
        pub.relate(total, members)
    for name in extra_counts:
        pub.add((TOTAAL, name), count((TOTAAL, name)))
        pub.add((TOTAAL, name + NOT), count((TOTAAL, name + NOT)), published=False)
        pub.relate((TOTAAL, PLANS), [(TOTAAL, name), (TOTAAL, name + NOT)])
    small = [
        key
        for key, value in pub.values.items()
        if 0 < value < disclosure.min_group_size and (key not in known or isinstance(known[key], str))
    ]
    zeros = [key for key in pub.published if pub.values[key] == 0 and key not in known]
    exempt = pinned_by_zeros(pub.values, pub.relations, known, zeros, small, disclosure, pub.values)
    protector = _ChapterDisclosure(
        disclosure.min_group_size, disclosure.min_model_n, disclosure.rounding_base, exempt=frozenset(exempt)
    )
    shown = protector.protect(pub)
    changed = [key for key, form in pub.fixed.items() if shown.get(key) != form]
    if changed:  # pragma: no cover - _ChapterDisclosure never picks them
        raise DisclosureError(f"vaste gepubliceerde aantallen zouden verborgen worden: {changed!r}")
    return shown


def _shown_sectors(register: pd.DataFrame, min_cases: int) -> tuple[str, ...]:
    """Sectors with a column of their own (§9.3: do profiles depend on the sector?).

    A sector is shown only with at least ``min_cases`` plans; the sectors left out must together be
    none or at least ``min_cases`` too (otherwise the programme count minus the shown sectors gives
    them).
    """
    sizes = register.groupby("sector").size()
    shown = [s for s in sorted(sizes.index) if sizes[s] >= min_cases]
    if not group_and_rest_allowed(int(sizes[shown].sum()), int(sizes.sum()), min_cases):
        return ()
    return tuple(shown)


def _sector_tables(
    shown: dict, shape: ChapterShape, profiles: list[str], min_cases: int
) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """The sector table in its protected forms: wide (profile x 'sector (size)') for the chapter, tidy
    for the build table, and its note."""
    tidy = pd.DataFrame(
        [
            {
                "sector": s,
                "plannen": shown[(TOTAAL, SECTOR, s)],
                "profiel": p,
                "aantal": shown[(TOTAAL, SECTOR_PROFILE, s, p)],
            }
            for s in shape.shown_sectors
            for p in profiles
        ],
        columns=SECTOR_COLUMNS,
    )
    wide = pd.DataFrame(
        {
            f"{s} ({shown[(TOTAAL, SECTOR, s)]})": [shown[(TOTAAL, SECTOR_PROFILE, s, p)] for p in profiles]
            for s in shape.shown_sectors
        },
        index=pd.Index(profiles),
    )
    n_sectors = len(shape.all_sectors)
    note = (
        f"Een sector wordt alleen getoond met minstens {min_cases} plannen, en alleen als de andere sectoren samen "
        f"geen of ook minstens {min_cases} plannen tellen; "
        + (
            f"{len(shape.shown_sectors)} van {n_sectors} sectoren getoond."
            if shape.shown_sectors
            else "hier geldt dat voor geen enkele sector."
        )
    )
    return wide, tidy, note


def _hours(register: pd.DataFrame, assignment: pd.DataFrame, shown: dict, min_cases: int) -> pd.DataFrame:
    """Mean planned hours per profile, only for a profile with at least ``min_cases`` plans and as many
    without it (else the programme's hours minus the profile's give the small rest's), in whole hours
    (a mean with decimals over a rounded count gives the exact count away: 256 / 17 = 15,06) and next
    to the protected count of the profile."""
    hours_of = register.set_index("plan")["uren"]
    rows = []
    for profile in assignment.columns:
        members = assignment.index[assignment[profile] == 1]
        if group_and_rest_allowed(len(members), len(assignment), min_cases):
            mean = float(hours_of.loc[members].mean())
            rows.append(
                {"profiel": profile, "plannen": shown[(TOTAAL, PROFILE, profile)], "uren": int(np.floor(mean + 0.5))}
            )
    return pd.DataFrame(rows, columns=["profiel", "plannen", "uren"])


def _theme_flags(data: PlanData, plans: list[str]) -> dict[str, np.ndarray]:
    """Which plans have each theme (a subtheme counts for its theme)."""
    flags = {}
    for path in data.scheme.codes["path"]:
        if len(path) != 2:
            continue
        with_theme = {c for c, p in zip(data.codings["case"], data.codings["path"]) if tuple(p[:2]) == path}
        flags[path_text(path)] = np.array([plan in with_theme for plan in plans], dtype=bool)
    return flags


def analyse_documents(data: PlanData, params: dict, cases: pd.DataFrame) -> DocumentResults:
    disclosure = Disclosure.from_params(params)
    min_cases = params["disclosure"]["min_cases"]
    register = data.register.assign(run=data.register["perceel"].map(lambda p: f"perceel-{int(p)}"))
    plans = list(register["plan"])
    run_of = dict(zip(register["plan"], register["run"]))
    plans_per_run = {run: int((register["run"] == run).sum()) for run in PERCELEN}
    plans_per_run[TOTAAL] = len(plans)
    reportable = {run: plans_per_run[run] >= min_cases for run in PERCELEN}
    theme_flags = _theme_flags(data, plans)
    assignment = assign_profiles(data.codings, data.rules, plans)
    combos = assignment.apply(
        lambda r: COMBINATION_SEPARATOR.join(c for c in assignment.columns if r[c]) or NO_PROFILE, axis=1
    )
    combo_names = sorted(set(combos))
    with_ab = [c for c in combo_names if combination_profiles(c) & set(AMBITIE_BASIS)]
    either = (assignment[list(AMBITIE_BASIS)].sum(axis=1)) > 0
    k = int(either.sum())
    # template plans: near-identical texts within a perceel
    in_template = set()
    for run in PERCELEN:
        texts = {plan: data.texts[plan] for plan in plans if run_of[plan] == run}
        pairs = near_identical_pairs(texts, params["documents"]["template_threshold"])
        in_template |= set(pairs["document_a"]) | set(pairs["document_b"])
    template_percelen = sum(1 for run in PERCELEN if any(run_of[p] == run for p in in_template))
    flags = {(THEME, t): f for t, f in theme_flags.items()}
    flags |= {(PROFILE, p): assignment[p].to_numpy().astype(bool) for p in assignment.columns}
    flags |= {(COMBINATION, c): (combos == c).to_numpy() for c in combo_names}
    flags |= {("ambitie-of-basis",): either.to_numpy(), ("sjabloon",): np.array([p in in_template for p in plans])}
    count = _PlanCounts(register["run"].to_numpy(), register["sector"].astype(str).to_numpy(), flags)
    shape = ChapterShape(
        plans={run: plans_per_run[run] for run in PERCELEN},
        items={THEME: tuple(theme_flags), PROFILE: tuple(assignment.columns), COMBINATION: tuple(combo_names)},
        sectors={
            run: tuple(sorted(set(register.loc[register["run"] == run, "sector"].astype(str)))) for run in PERCELEN
        },
        shown_sectors=_shown_sectors(register.assign(sector=register["sector"].astype(str)), min_cases),
        exact_sums={"ambitie-of-basis": tuple(with_ab)},
        unshown_small=min_cases <= disclosure.min_group_size,
    )
    shown = _published(disclosure, shape, count, reportable, {"ambitie-of-basis": k}, extra_counts=("sjabloon",))

    def table(kind: str, items, runs=(*PERCELEN, TOTAAL)) -> pd.DataFrame:
        return pd.DataFrame(
            {run: [shown.get((run, kind, item), "") for item in items] for run in runs}, index=pd.Index(list(items))
        )

    low, high = wilson_interval(k, len(plans))
    # rule against the published profiles of the interviewed organisations (pooled over profiles)
    linked = register[register["bedrijven"].isin(cases["casus"])]
    human_of = {
        c: {p.strip() for p in str(v).split(";") if p.strip()} if isinstance(v, str) else set()
        for c, v in zip(cases["casus"], cases["profielen"])
    }
    rule_values, human_values, detail = [], [], []
    for rule in data.rules:
        if rule.name == "Geen L&D-beleid":
            continue
        r = [int(assignment.at[plan, rule.name]) for plan in linked["plan"]]
        h = [int(rule.name in human_of[company]) for company in linked["bedrijven"]]
        rule_values += r
        human_values += h
        kappa, note = cohen_kappa(r, h)
        detail.append(
            {
                "profiel": rule.name,
                "beide": sum(a and b for a, b in zip(r, h)),
                "alleen_regel": sum(a and not b for a, b in zip(r, h)),
                "alleen_mens": sum(b and not a for a, b in zip(r, h)),
                "geen": sum(not a and not b for a, b in zip(r, h)),
                "kappa": kappa,
                "opmerking": note,
            }
        )
    pooled, pooled_note = cohen_kappa(rule_values, human_values)
    # sensitivity: clusters of the plans' theme profiles (Jaccard, average linkage) against the rule profiles
    presence = np.column_stack([theme_flags[t] for t in theme_flags])
    labels = combos.to_numpy()
    n_clusters = max(2, len(set(labels)))
    clusters = fcluster(linkage(pdist(presence, metric="jaccard"), method="average"), n_clusters, criterion="maxclust")
    ari = adjusted_rand_index(clusters, labels)
    sectors, sector_table, sector_note = _sector_tables(shown, shape, list(assignment.columns), min_cases)
    return DocumentResults(
        themes=table(THEME, shape.items[THEME]).rename_axis("item"),
        profiles=table(PROFILE, shape.items[PROFILE]),
        combinations=table(COMBINATION, combo_names, runs=(TOTAAL,)).rename(columns={TOTAAL: "plannen"}),
        assignment=assignment,
        share={"count": k, "n": len(plans), "low": low, "high": high},
        human={"organisations": len(linked), "kappa": pooled, "note": pooled_note},
        human_detail=pd.DataFrame(detail),
        ari=ari,
        n_clusters=n_clusters,
        templates={"plans": shown[(TOTAAL, "sjabloon")], "percelen": template_percelen, "n": len(plans)},
        hours=_hours(register, assignment, shown, min_cases),
        reportable=reportable,
        sectors=sectors,
        sector_note=sector_note,
        sector_table=sector_table,
    )
