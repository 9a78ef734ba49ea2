"""The document-analysis step (chapter 4): themes and maturity profiles of the plannen van aanpak.

Plans belong to companies, so what is published is aggregated and protected by the survey's one
mechanism (:class:`~competentiecheck.disclosure.Disclosure`): counts of plans per perceel and theme,
per perceel and profile and per profile combination are registered in one
:class:`~competentiecheck.disclosure.Publication` with the relations a reader knows (the totaal is the
sum of the percelen; a perceel's plans with and without a theme add up to its number of plans, which
§5.1.1 publishes), rounded, small ones hidden, and audited. A perceel with fewer than
``disclosure.min_cases`` plans shows no counts of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist

from ..disclosure import TOTAAL, Disclosure, Exact, Publication, group_and_rest_allowed
from ..errors import InputError
from ..paths import relative
from .agreement import cohen_kappa
from .codebook import CodingScheme, path_text
from .profiles import ProfileRule, adjusted_rand_index, assign_profiles, parse_rules, wilson_interval
from .refi_qda import read_qdpx
from .similarity import near_identical_pairs

__all__ = ["PlanData", "load_plans", "DocumentResults", "analyse_documents"]

PERCELEN = [f"perceel-{n}" for n in range(1, 6)]
AMBITIE_BASIS = ("Krachtige ambitie", "Krachtige basis")


@dataclass
class PlanData:
    register: pd.DataFrame  # plan, perceel, sector, uren, bedrijven
    codings: pd.DataFrame  # case (= plan), path
    texts: dict[str, str]
    scheme: CodingScheme
    rules: list[ProfileRule]
    profiles: list[dict]  # the definitions with their published texts


def load_plans(folder: Path, scheme: CodingScheme, expected: dict[int, int]) -> PlanData:
    """Read the register, the coded plans and the profile definitions, and reconcile them.

    ``expected``: plans per perceel from the parameters (§5.1.1). Errors name the file and row.
    """
    register_file = folder / "plannen.csv"
    register = pd.read_csv(register_file, dtype={"plan": str, "bedrijven": str, "sector": str})
    name = relative(register_file)
    for column in ("plan", "perceel", "sector", "uren", "bedrijven"):
        if column not in register.columns:
            raise InputError("kolom ontbreekt", file=name, column=column)
    for row, (plan, perceel) in enumerate(zip(register["plan"], register["perceel"]), start=2):
        if pd.isna(perceel):
            raise InputError(f"plan {plan!r} zonder perceel", file=name, row=row, column="perceel")
    counts = register.groupby("perceel").size().to_dict()
    for perceel, wanted in sorted(expected.items()):
        if counts.get(perceel, 0) != wanted:
            raise InputError(f"perceel {perceel} telt {counts.get(perceel, 0)} plannen in het register, maar "
                             f"{wanted} volgens params/perceel-{perceel}.yml (context.plannen_van_aanpak, §5.1.1)",
                             file=name, column="perceel")
    projects = sorted(folder.glob("*.qdpx"))
    if not projects:
        raise InputError("geen gecodeerde plannen (.qdpx) gevonden", file=relative(folder))
    frames, texts = [], {}
    for file in projects:
        project = read_qdpx(file)
        scheme.check(project.codings["path"], relative(file))
        frames.append(pd.DataFrame({"case": project.codings["source"], "path": project.codings["path"]}))
        texts.update(dict(zip(project.sources["source"], project.sources["text"])))
    codings = pd.concat(frames, ignore_index=True)
    registered = set(register["plan"])
    for plan in sorted(set(texts) - registered):
        raise InputError(f"gecodeerd plan {plan!r} staat niet in plannen.csv", file=name)
    for row, plan in enumerate(register["plan"], start=2):
        if plan not in texts:
            raise InputError(f"plan {plan!r} uit het register is niet gecodeerd", file=name, row=row, column="plan")
    profile_file = folder / "profielen.yml"
    definitions = yaml.safe_load(profile_file.read_text(encoding="utf-8"))["profiles"]
    rules = parse_rules(definitions, scheme, relative(profile_file))
    return PlanData(register=register, codings=codings, texts=texts, scheme=scheme, rules=rules, profiles=definitions)


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
    templates: dict
    hours: pd.DataFrame  # profile, plans, mean hours (published form)
    reportable: dict  # perceel run -> bool
    sectors: pd.DataFrame  # profile x sector (published form), only sectors the rule allows
    sector_note: str


def _published(disclosure: Disclosure, plans_per_run: dict, tables: dict[str, pd.DataFrame], min_cases: int,
               exact_sums: dict) -> dict:
    """Protect counts per run of every table (rows = items, columns = runs) in one Publication.

    ``exact_sums``: name -> (value, kind, items): a published exact total over some items of a table's
    totaal column (the plans fitting ambitie and/or basis, whose share the chapter gives).
    """
    pub = Publication()
    for run, n in plans_per_run.items():
        pub.add((run, "plannen"), n, shown=Exact(n))  # §5.1.1 publishes the plans per perceel
    for kind, table in tables.items():
        for item in table.index:
            for run in [*PERCELEN, TOTAAL]:
                value = int(table.at[item, run])
                reportable = run == TOTAAL or plans_per_run[run] >= min_cases
                pub.add((run, kind, item), value, published=reportable)
                pub.add((run, kind + "-niet", item), plans_per_run[run] - value, published=False)
                pub.relate((run, "plannen"), [(run, kind, item), (run, kind + "-niet", item)])
            pub.relate((TOTAAL, kind, item), [(run, kind, item) for run in PERCELEN])
    pub.relate((TOTAAL, "plannen"), [(run, "plannen") for run in PERCELEN])
    for name, (value, kind, items) in exact_sums.items():
        pub.add((TOTAAL, name), value, shown=Exact(value))
        pub.relate((TOTAAL, name), [(TOTAAL, kind, item) for item in items])
    return disclosure.protect(pub)


def analyse_documents(data: PlanData, params: dict, cases: pd.DataFrame) -> DocumentResults:
    disclosure = Disclosure.from_params(params)
    min_cases = params["disclosure"]["min_cases"]
    register = data.register.assign(run=data.register["perceel"].map(lambda p: f"perceel-{int(p)}"))
    plans = list(register["plan"])
    run_of = dict(zip(register["plan"], register["run"]))
    plans_per_run = {run: int((register["run"] == run).sum()) for run in PERCELEN}
    plans_per_run[TOTAAL] = len(plans)
    # themes: plans with the theme (or a subtheme) per perceel
    rows = []
    for path in data.scheme.codes["path"]:
        if len(path) != 2:
            continue
        theme = path_text(path)
        with_theme = {c for c, p in zip(data.codings["case"], data.codings["path"]) if tuple(p[:2]) == path}
        row = {"item": theme}
        for run in PERCELEN:
            row[run] = sum(1 for plan in with_theme if run_of.get(plan) == run)
        row[TOTAAL] = len(with_theme)
        rows.append(row)
    theme_counts = pd.DataFrame(rows).set_index("item")
    assignment = assign_profiles(data.codings, data.rules, plans)
    profile_counts = pd.DataFrame({run: assignment[register["run"].to_numpy() == run].sum() for run in PERCELEN})
    profile_counts[TOTAAL] = assignment.sum()
    combos = assignment.apply(lambda r: " + ".join(c for c in assignment.columns if r[c]) or "geen profiel", axis=1)
    combo_counts = pd.DataFrame({run: combos[register["run"].to_numpy() == run].value_counts() for run in PERCELEN})
    combo_counts = combo_counts.fillna(0).astype(int)
    combo_counts[TOTAAL] = combo_counts.sum(axis=1)
    either = ((assignment[list(AMBITIE_BASIS)].sum(axis=1)) > 0)
    k = int(either.sum())
    with_ab = [c for c in combo_counts.index if any(p in c.split(" + ") for p in AMBITIE_BASIS)]
    shown = _published(disclosure, plans_per_run, {"thema": theme_counts, "profiel": profile_counts,
                                                   "combinatie": combo_counts}, min_cases,
                       {"ambitie-of-basis": (k, "combinatie", with_ab)})

    def table(kind: str, counts: pd.DataFrame) -> pd.DataFrame:
        out = pd.DataFrame({run: [shown.get((run, kind, item), "") for item in counts.index]
                            for run in [*PERCELEN, TOTAAL]}, index=counts.index)
        return out

    low, high = wilson_interval(k, len(plans))
    # rule against the published profiles of the interviewed organisations (pooled over profiles)
    linked = register[register["bedrijven"].isin(cases["casus"])]
    human_of = {c: {p.strip() for p in str(v).split(";") if p.strip()} if isinstance(v, str) else set()
                for c, v in zip(cases["casus"], cases["profielen"])}
    rule_values, human_values, detail = [], [], []
    for rule in data.rules:
        if rule.name == "Geen L&D-beleid":
            continue
        r = [int(assignment.at[plan, rule.name]) for plan in linked["plan"]]
        h = [int(rule.name in human_of[company]) for company in linked["bedrijven"]]
        rule_values += r
        human_values += h
        kappa, note = cohen_kappa(r, h)
        detail.append({"profiel": rule.name, "beide": sum(a and b for a, b in zip(r, h)),
                       "alleen_regel": sum(a and not b for a, b in zip(r, h)),
                       "alleen_mens": sum(b and not a for a, b in zip(r, h)),
                       "geen": sum(not a and not b for a, b in zip(r, h)), "kappa": kappa, "opmerking": note})
    pooled, pooled_note = cohen_kappa(rule_values, human_values)
    # sensitivity: clusters of the plans' theme profiles (Jaccard, average linkage) against the rule profiles
    themes = list(theme_counts.index)
    coded: dict[str, set[str]] = {plan: set() for plan in plans}
    for plan, path in zip(data.codings["case"], data.codings["path"]):
        if plan in coded and len(path) >= 2:
            coded[plan].add(path_text(tuple(path[:2])))
    presence = np.array([[t in coded[plan] for t in themes] for plan in plans], dtype=bool)
    labels = combos.to_numpy()
    n_clusters = max(2, len(set(labels)))
    clusters = fcluster(linkage(pdist(presence, metric="jaccard"), method="average"), n_clusters, criterion="maxclust")
    ari = adjusted_rand_index(clusters, labels)
    # template plans: near-identical texts within a perceel
    in_template = set()
    for run in PERCELEN:
        texts = {plan: data.texts[plan] for plan in plans if run_of[plan] == run}
        pairs = near_identical_pairs(texts, params["documents"]["template_threshold"])
        in_template |= set(pairs["document_a"]) | set(pairs["document_b"])
    template_percelen = sum(1 for run in PERCELEN if any(run_of[p] == run for p in in_template))
    hours = []
    for rule in data.rules:
        members = assignment.index[assignment[rule.name] == 1]
        if group_and_rest_allowed(len(members), len(plans), min_cases):
            hours.append({"profiel": rule.name, "plannen": disclosure.count(len(members)),
                          "uren": float(register.set_index("plan").loc[members, "uren"].mean())})
    sectors, sector_note = _profiles_by_sector(register, assignment, disclosure, min_cases)
    return DocumentResults(
        themes=table("thema", theme_counts), profiles=table("profiel", profile_counts),
        combinations=table("combinatie", combo_counts)[[TOTAAL]].rename(columns={TOTAAL: "plannen"}),
        assignment=assignment, share={"count": k, "n": len(plans), "low": low, "high": high},
        human={"organisations": len(linked), "kappa": pooled, "note": pooled_note}, human_detail=pd.DataFrame(detail),
        ari=ari, n_clusters=n_clusters,
        templates={"plans": len(in_template), "percelen": template_percelen, "n": len(plans)},
        hours=pd.DataFrame(hours, columns=["profiel", "plannen", "uren"]),
        reportable={run: plans_per_run[run] >= min_cases for run in PERCELEN}, sectors=sectors,
        sector_note=sector_note)


def _profiles_by_sector(register: pd.DataFrame, assignment: pd.DataFrame, disclosure: Disclosure,
                        min_cases: int) -> tuple[pd.DataFrame, str]:
    """Plans per profile within each sector (§9.3: do profiles depend on the sector?).

    A sector is shown only with at least ``min_cases`` plans; the sectors left out must together be
    none or at least ``min_cases`` too (otherwise the programme count minus the shown sectors gives
    them); counts in their published form.
    """
    sizes = register.groupby("sector").size()
    shown = [s for s in sorted(sizes.index) if sizes[s] >= min_cases]
    if not group_and_rest_allowed(int(sizes[shown].sum()), int(sizes.sum()), min_cases):
        shown = []  # the sectors left out together would be a small group
    sector_of = dict(zip(register["plan"], register["sector"]))
    per_sector = assignment.groupby(assignment.index.map(sector_of)).sum()
    table = pd.DataFrame({f"{s} ({disclosure.count(int(sizes[s]))})": [
        disclosure.count(int(per_sector.at[s, profile])) for profile in assignment.columns] for s in shown},
        index=assignment.columns)
    note = (f"Een sector wordt alleen getoond met minstens {min_cases} plannen, en alleen als de andere sectoren samen "
            f"geen of ook minstens {min_cases} plannen tellen; " + (f"{len(shown)} van {len(sizes)} sectoren getoond."
                                                                   if shown else "hier geldt dat voor geen enkele sector."))
    return table, note
