"""The partnership step (chapter 8): response, networks per perceel, tested claims, coded interviews.

Privacy rules (consultants are people, mostly one per fund, and the funds are named in Tabel 8):

* a tie between two funds and its forms of collaboration are shown (the network figures); the
  contribution score of a tie never is;
* a respondent is a person: fund × respondent code, never the code alone (codes may restart per fund);
* aggregates of contribution scores (a perceel's mean, the programme's, a fund's weighted in-degree)
  are protected jointly, since tie counts are public and the programme's sum is the sum over the
  percelen (``disclosure.protected_groups``): the percelen whose mean is hidden hold together at least
  ``disclosure.min_group_size`` respondents or are none (a small perceel is hidden, then the smallest
  shown ones until that holds), and the programme mean needs that many respondents; weighted
  in-degrees of a perceel only where its mean is shown and *every* fund of the perceel was named by
  that many respondents, since they add up to the perceel's total;
* strongly interdependent percelen are counted and named among the percelen whose mean is shown only;
  the chapter says how many percelen are not shown, never on which side of the threshold they are;
* code counts per perceel only for a perceel with at least ``min_group_size`` consultants and a rest
  of at least as many; interviews carry neutral labels ('gesprek C') in an order keyed with the secret salt; quotes come
  from the layers of meaningful collaboration and the partnership codes only (never the background
  codes) and are screened for every fund and sector name of ``deelnemers.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pandas as pd

from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import ROOT, input_folder, relative
from competentiecheck.core.tabular import check_matched, check_unique, iter_rows, name_key, read_table, source_row
from competentiecheck.partnerships.circles import count_respondents, read_circles
from competentiecheck.partnerships.network import FORMS, build_network, centrality, network_measures
from competentiecheck.partnerships.response import read_participants
from competentiecheck.privacy.disclosure import protected_groups
from competentiecheck.privacy.pseudonymise import interview_labels, step_salt
from competentiecheck.qualitative.agreement import double_coding_agreement
from competentiecheck.qualitative.codebook import load_scheme, path_text
from competentiecheck.qualitative.coded_data import CodedData, load_coded_data
from competentiecheck.qualitative.matrices import code_frequencies
from competentiecheck.qualitative.quotes import programme_names, screen_quotes, screening_names, shortest_quotes

__all__ = [
    "PerceelNetwork",
    "NetworkResults",
    "InterviewResults",
    "PartnershipInputs",
    "read_inputs",
    "read_interview_table",
    "analyse_networks",
    "analyse_interviews",
    "coordinator_claim",
    "LAYERS",
    "OTHER_THEMES",
    "FORM_CODES",
    "STRUCTURE_CODES",
    "FORM_LABELS",
]

MEANINGFUL = "4. Betekenisvolle samenwerking"
LEARNING = "5. Team leergedragingen"
# the three layers of the model of meaningful collaboration (§3.5) and where their codes are in Bijlage 8
LAYERS = {
    "Basiscondities": (MEANINGFUL, "Basiscondities voor samenwerking"),
    "Structuur van de taak": (MEANINGFUL, "Structuur van een taak of project"),
    "Collaboratieve activiteit": (LEARNING,),
}
FORM_CODES = [
    ("2. Samenwerkingsvorm", "Samenwerkingsvorm", name) for name in ("Informatie", "Hulp", "Feedback", "Ondersteuning")
]
_STRUCTURE = ("3. Samenwerkingsstructuur", "Samenwerkingsstructuur")
STRUCTURE_CODES = {
    "Formele stuurgroep": _STRUCTURE + ("Formeel (structureel/regulier/georganiseerd)", "Stuurgroep overleg"),
    "Werkgroep of lerend netwerk": _STRUCTURE + ("Formeel (structureel/regulier/georganiseerd)", "Lerend netwerk"),
    "Informele vragen (e-mail, telefoon, toevallig)": _STRUCTURE + ("Informeel (e-mail, telefonisch, ad hoc)",),
}
# the other themes of Bijlage 8, counted one level below these codes (the background codes are not counted)
OTHER_THEMES = {
    "Samenwerkingsvorm": ("2. Samenwerkingsvorm", "Samenwerkingsvorm"),
    "Samenwerkingsstructuur": _STRUCTURE,
    "Partnerschap": ("6. Partnerschap",),
    "Ondersteuningsnoden": ("7. Ondersteuningsnoden voor toekomstige partnerschappen",),
    "Toekomstige partnerschappen": ("8. Kenmerken voor toekomstige partnerschappen",),
}
FORM_LABELS = {
    "informatie": "Informatie delen / doorverwijzen",
    "feedback": "Feedback / hulp / ondersteuning",
    "cocreatie": "Co-creatie van aanpak of aanbod",
}


@dataclass
class PartnershipInputs:
    participants: pd.DataFrame
    ties: pd.DataFrame
    circles_file: str
    coded: CodedData
    salt: str  # keys the interview labels (secret with real inputs)
    without_circle: list[str] = field(default_factory=list)  # took part, but no circle was typed in


def _one_file(folder: Path, stem: str, what: str) -> Path:
    """The one input file of ``folder`` whose name starts with ``stem`` (CSV or XLSX; Excel's and
    LibreOffice's lock files and hidden files are not inputs)."""
    found = sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.stem.casefold().startswith(stem)
        and p.suffix.lower() in (".csv", ".xlsx")
        and not p.name.startswith((".", "~$"))
    )
    if not found:
        raise InputError(f"{what} ontbreekt: verwacht {stem}.csv of {stem}.xlsx", file=relative(folder))
    if len(found) > 1:
        raise InputError(
            f"{what}: meer dan één bestand ({', '.join(p.name for p in found)}); laat er één staan",
            file=relative(folder),
        )
    return found[0]


def read_inputs(params: dict, folder: Path | None = None) -> PartnershipInputs:
    """Read and check every input of the step (errors name the file, row, column and value).

    ``folder``: default ``data/raw/partnerschappen/`` when it holds inputs, else the demo."""
    settings = params["partnerships"]
    folder = input_folder("partnerschappen") if folder is None else Path(folder)
    participants = read_participants(folder / "deelnemers.csv")
    circles = _one_file(folder, "netwerkcirkels", "de netwerkcirkels")
    ties = read_circles(circles, participants)
    # a fund that took part without a circle is not an error: it is counted, named in the chapter, and can
    # still be named by others (like a fund that did not take part)
    took_part = set(participants.loc[participants["status"] == "deelgenomen", "sectorfonds"])
    silent = sorted(took_part - set(ties["fonds"]))
    for label, fund in zip(ties.index, ties["fonds"]):
        if fund not in took_part:
            raise InputError(
                f"sectorfonds {fund!r} heeft een netwerkcirkel maar staat in deelnemers.csv niet als 'deelgenomen'",
                file=relative(circles),
                row=source_row(ties, label),
                column="fonds",
                value=fund,
            )
    scheme = load_scheme(ROOT / settings["scheme"])
    cases = read_interview_table(folder / "gesprekken.csv", participants)
    files = sorted(folder.glob("*.qdpx")) + sorted(
        p for p in folder.glob("segmenten*") if p.suffix.lower() in (".csv", ".xlsx")
    )
    coded = load_coded_data(files, scheme, cases, newlines=settings["newlines"], setting="partnerships.newlines")
    # every interview of the table is coded: one without codings would silently leave the counts
    check_matched(
        cases,
        "casus",
        set(coded.codings["case"]),
        "gesprek zonder gecodeerd interview (geen document met deze naam in een .qdpx-project of een "
        "export segmenten*.csv|xlsx)",
    )
    salt = step_salt(params, ["partnerschappen"], {"partnerschappen": folder}).value
    return PartnershipInputs(
        participants=participants,
        ties=ties,
        circles_file=relative(circles),
        coded=coded,
        salt=salt,
        without_circle=silent,
    )


def read_interview_table(file: Path, participants: pd.DataFrame) -> pd.DataFrame:
    """``casus, perceel, vorm`` (individueel / groep), ``deelnemers`` (consultants in the interview).

    Read with the project's one table reader (``,`` or ``;``, UTF-8 with or without BOM); ``casus`` is a
    name (spaces collapsed; two rows for one interview, spaces and case folded, are an error naming both
    rows); ``perceel`` and ``deelnemers`` whole numbers ('2' or '2.0'). The frame keeps its rows (``attrs``)."""
    name = relative(file)
    if not file.exists():
        raise InputError("de tabel met gesprekken ontbreekt (casus, perceel, vorm, deelnemers)", file=name)
    cases = read_table(file, ("casus", "perceel", "vorm", "deelnemers"), what="de tabel met gesprekken")
    percelen = set(participants["perceel"])
    names, numbers, forms, sizes = [], [], [], []
    for row in iter_rows(cases):
        names.append(row.name("casus", required="casus ontbreekt"))
        form = name_key(row["vorm"])
        if form not in ("individueel", "groep"):
            row.fail("vorm moet 'individueel' of 'groep' zijn", "vorm")
        try:
            size = row.whole("deelnemers", minimum=1)
        except InputError:
            raise row.error("deelnemers moet een geheel getal >= 1 zijn", "deelnemers") from None
        if form == "individueel" and size != 1:
            row.fail("een individueel gesprek heeft 1 deelnemer", "deelnemers")
        try:
            perceel = row.whole("perceel")
        except InputError:
            perceel = None
        if perceel not in percelen:
            row.fail("perceel staat niet in deelnemers.csv", "perceel")
        numbers.append(perceel)
        forms.append(form)
        sizes.append(size)
    cases["casus"], cases["vorm"] = names, forms
    cases["perceel"] = pd.Series(numbers, index=cases.index, dtype=int)
    cases["deelnemers"] = pd.Series(sizes, index=cases.index, dtype=int)
    check_unique(cases, "casus", "casus komt twee keer voor")
    return cases


# --------------------------------------------------------------------------- networks


@dataclass
class PerceelNetwork:
    """One perceel's network with what may be shown of it.

    ``graph`` carries each tie's score as its weight, for computing only (never written or drawn);
    ``measures`` and ``centrality`` hold a score aggregate only where it may be shown (NaN otherwise).
    """

    perceel: int
    graph: nx.DiGraph
    respondents: list[str]  # the funds that filled in a circle (the senders of ties)
    not_taken_part: list[str]
    coordinator: str | None
    measures: dict  # 'respondenten' counts people; 'gemiddelde_bijdrage' is NaN unless scores_shown
    centrality: pd.DataFrame  # fonds, in_graad, gewogen_in_graad (NaN and not in its order unless weighted_shown)
    claim: str  # 'ja', 'gedeeld', 'nee' or 'onbekend'
    scores_shown: bool  # the perceel's mean contribution may be published
    weighted_shown: bool  # the weighted in-degrees may be published (and sized in the figure)
    high_interdependence: bool | None  # mean >= partnerships.high_contribution; None where the mean is hidden
    n_respondents: int  # people (fund × respondent code) who filled in a circle


@dataclass
class NetworkResults:
    networks: list[PerceelNetwork]
    measures: pd.DataFrame  # per perceel and programme; contribution hidden (NaN) where not allowed
    forms: pd.DataFrame  # share of ties per form, per perceel and programme
    n_high: int  # strongly interdependent percelen among those whose mean is shown (hidden ones never count)
    high_named: list[int]  # those percelen
    high_contribution: float
    programme_contribution: float  # NaN when the programme mean is hidden
    n_ties: int
    n_respondents: int  # people (fund × respondent code), never distinct codes
    claims: pd.DataFrame  # per perceel: coördinator, meest centraal, uitkomst
    ties_table: pd.DataFrame  # van, naar, perceel, forms (no scores)
    min_group_size: int
    shown_percelen: list[int] = field(default_factory=list)  # percelen whose mean contribution is shown
    hidden_percelen: list[int] = field(default_factory=list)  # the other percelen (hidden, or without a circle)
    programme_shown: bool = True  # the programme's mean contribution is shown


def coordinator_claim(central: pd.DataFrame, coordinator: str | None, column: str = "in_graad") -> str:
    """'ja' when the coordinator alone has the highest ``column``, 'gedeeld' when tied, else 'nee';
    'onbekend' without a coordinator or when nobody named a partner (no circle in the perceel: every fund
    at zero is no tie between the coordinator and the others, it is no information)."""
    if coordinator is None or central.empty or not central[column].max() > 0:
        return "onbekend"
    top = central[column].max()
    leaders = set(central.loc[central[column] == top, "fonds"])
    if coordinator not in leaders:
        return "nee"
    return "ja" if len(leaders) == 1 else "gedeeld"


def _shown_centrality(central: pd.DataFrame, weighted_shown: bool) -> pd.DataFrame:
    """Weighted in-degrees that may not be shown are left out, and so is their order (by in-degree then)."""
    if weighted_shown:
        return central
    return (
        central.assign(gewogen_in_graad=float("nan"))
        .sort_values(["in_graad", "fonds"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )


def analyse_networks(inputs: PartnershipInputs, params: dict) -> NetworkResults:
    minimum = params["disclosure"]["min_group_size"]
    threshold = float(params["partnerships"]["high_contribution"])
    participants, ties = inputs.participants, inputs.ties
    people = {int(p): count_respondents(ties[ties["perceel"] == p]) for p in sorted(set(participants["perceel"]))}
    shown_percelen, programme_shown = protected_groups(people, minimum)
    networks, rows, form_rows, claim_rows = [], [], [], []
    for perceel, group in participants.groupby("perceel"):
        active = group[group["status"] != "niet actief"]
        mine = ties[ties["perceel"] == perceel]
        graph = build_network(mine.rename(columns={"fonds": "van", "partner": "naar"}), list(active["sectorfonds"]))
        respondents = sorted(set(mine["fonds"]))
        coordinators = list(group.loc[group["coordinator"].str.strip() != "", "sectorfonds"])  # at most one (checked)
        coordinator = coordinators[0] if coordinators else None
        measures = network_measures(graph, respondents, people[int(perceel)])
        scores_shown = int(perceel) in shown_percelen
        mean = measures["gemiddelde_bijdrage"]
        if not scores_shown:
            measures["gemiddelde_bijdrage"] = float("nan")
        central = centrality(graph)
        weighted_shown = scores_shown and bool(((central["in_graad"] >= minimum) | (central["in_graad"] == 0)).all())
        central = _shown_centrality(central, weighted_shown)
        networks.append(
            PerceelNetwork(
                perceel=int(perceel),
                graph=graph,
                respondents=respondents,
                not_taken_part=sorted(active.loc[active["status"] == "niet deelgenomen", "sectorfonds"]),
                coordinator=coordinator,
                measures=measures,
                centrality=central,
                claim=coordinator_claim(central, coordinator),
                scores_shown=scores_shown,
                weighted_shown=weighted_shown,
                high_interdependence=bool(mean >= threshold) if scores_shown else None,
                n_respondents=people[int(perceel)],
            )
        )
        rows.append({"perceel": str(perceel), **measures})
        for form in FORMS:
            form_rows.append(
                {
                    "perceel": str(perceel),
                    "vorm": form,
                    "aandeel": (mine["vormen"].map(lambda f: form in f).mean() if len(mine) else float("nan")),
                }
            )
        top = central["in_graad"].max()
        claim_rows.append(
            {
                "perceel": int(perceel),
                "coordinator": coordinator or "onbekend",
                "in_graad_coordinator": int(central.set_index("fonds")["in_graad"].get(coordinator, 0))
                if coordinator
                else None,
                "hoogste_in_graad": int(top),
                "meest_centraal": "; ".join(sorted(central.loc[central["in_graad"] == top, "fonds"])),
                "uitkomst": networks[-1].claim,
            }
        )
    programme = build_network(
        ties.rename(columns={"fonds": "van", "partner": "naar"}),
        sorted(set(participants.loc[participants["status"] != "niet actief", "sectorfonds"])),
    )
    overall = network_measures(programme, sorted(set(ties["fonds"])), count_respondents(ties))
    # the programme graph has no ties between percelen: its density over all funds means little
    overall["dichtheid"] = float("nan")
    if not programme_shown:
        overall["gemiddelde_bijdrage"] = float("nan")
    rows.append({"perceel": "programma", **overall})
    for form in FORMS:
        form_rows.append(
            {"perceel": "programma", "vorm": form, "aandeel": ties["vormen"].map(lambda f: form in f).mean()}
        )
    high = [n.perceel for n in networks if n.high_interdependence]  # shown percelen only (None where hidden)
    ties_table = pd.DataFrame(
        {
            "perceel": ties["perceel"],
            "van": ties["fonds"],
            "naar": ties["partner"],
            **{form: ties["vormen"].map(lambda f, form=form: form in f) for form in FORMS},
        }
    )
    return NetworkResults(
        networks=networks,
        measures=pd.DataFrame(rows),
        forms=pd.DataFrame(form_rows),
        n_high=len(high),
        high_named=high,
        high_contribution=threshold,
        programme_contribution=overall["gemiddelde_bijdrage"],
        n_ties=len(ties),
        n_respondents=count_respondents(ties),
        claims=pd.DataFrame(claim_rows),
        ties_table=ties_table.sort_values(["perceel", "van", "naar"]).reset_index(drop=True),
        min_group_size=minimum,
        shown_percelen=sorted(shown_percelen),
        hidden_percelen=[n.perceel for n in networks if not n.scores_shown],
        programme_shown=programme_shown,
    )


# --------------------------------------------------------------------------- coded interviews


@dataclass
class InterviewResults:
    n_interviews: int  # coded interviews (each has a row in gesprekken.csv): every one counts, once
    n_group: int
    n_consultants: int
    coder: str  # the coder whose codings count for a doubly coded interview (coded most interviews)
    coding_rule: str  # which codings the counts use, in words ('de coderingen van codeur A'), for the report
    frequencies: pd.DataFrame  # every code: documents, segments
    layers: pd.DataFrame  # laag, code, path, gesprekken, and one column per perceel that may be shown
    themes: pd.DataFrame  # the same for the other themes of Bijlage 8 (forms, structure, partnership, future)
    perceel_note: str
    co_occurrence: pd.DataFrame  # forms × structure codes: interviews with both
    agreement: pd.DataFrame
    alpha: float
    n_double: int
    quotes: pd.DataFrame
    shown_percelen: list[int] = field(default_factory=list)
    primary: pd.DataFrame | None = None  # the codings counted: one coder's per interview (CodedData.primary_codings)
    alpha_used: float = float("nan")  # alpha over only the codes applied in a doubly coded document
    n_unapplied: int = 0  # codable codes of the scheme that no coder applied in a doubly coded document


def _has(paths: pd.Series, prefix: tuple[str, ...]) -> pd.Series:
    return paths.map(lambda p: tuple(p[: len(prefix)]) == prefix)


def analyse_interviews(inputs: PartnershipInputs, params: dict) -> InterviewResults:
    settings = params["partnerships"]
    minimum = params["disclosure"]["min_group_size"]
    data = inputs.coded
    # every coded interview counts once, with its primary coding: the codings of its coder; for a doubly coded
    # interview those of the coder who coded most interviews (ties alphabetical): CodedData.primary_codings
    coder = data.primary_coder()
    primary = data.primary_codings()
    frequencies = code_frequencies(primary, data.scheme)
    cases = data.cases.set_index("case")
    consultants = cases["deelnemers"].groupby(cases["perceel"]).sum()
    total = int(consultants.sum())
    # the programme count minus the shown percelen gives the hidden ones together: the same joint rule as the scores
    shown = sorted(protected_groups({int(p): int(n) for p, n in consultants.items()}, minimum)[0])

    def counts(groups: dict[str, tuple[str, ...]], label: str) -> pd.DataFrame:
        """Interviews per code one level below each group's prefix, overall and per perceel that may be shown."""
        rows = []
        for group, prefix in groups.items():
            for path in data.scheme.codes["path"]:
                if len(path) == len(prefix) + 1 and tuple(path[: len(prefix)]) == prefix:
                    mentioned = set(primary.loc[_has(primary["path"], tuple(path)), "case"])
                    row = {label: group, "code": path[-1], "path": path_text(tuple(path)), "gesprekken": len(mentioned)}
                    for perceel in shown:
                        row[f"perceel {perceel}"] = sum(cases.at[case, "perceel"] == perceel for case in mentioned)
                    rows.append(row)
        return pd.DataFrame(rows)

    layers = counts(LAYERS, "laag")
    themes = counts(OTHER_THEMES, "thema")
    note = (
        f"Tellingen per perceel alleen voor een perceel met minstens {minimum} consulenten en minstens {minimum} "
        f"in de rest van het programma (anders volgt de rest uit het totaal)"
        + (f": getoond voor perceel {', '.join(map(str, shown))}." if shown else ": geen perceel voldoet.")
    )
    presence = {}
    for case in sorted(primary["case"].unique()):
        paths = primary.loc[primary["case"] == case, "path"]
        presence[case] = {
            **{code[-1]: bool(_has(paths, code).any()) for code in FORM_CODES},
            **{label: bool(_has(paths, code).any()) for label, code in STRUCTURE_CODES.items()},
        }
    presence = pd.DataFrame.from_dict(presence, orient="index").astype(int)
    forms = [code[-1] for code in FORM_CODES]
    co = presence[forms].T @ presence[list(STRUCTURE_CODES)]
    co.index.name = "vorm"
    agreement, alpha, n_double = double_coding_agreement(
        data.codings, list(data.scheme.codes["path"].map(path_text)), data.coder_ranking()
    )
    # sensitivity: alpha over only the codes a coder applied in a doubly coded document (report appendix)
    applied, alpha_used, _ = double_coding_agreement(
        data.codings, list(data.scheme.codes["path"].map(path_text)), data.coder_ranking(), units="used"
    )
    labels = interview_labels(list(data.cases["case"]), inputs.salt, prefix="gesprek")
    quote_themes = [(2, path_text(p)) for p in (LAYERS["Basiscondities"], LAYERS["Structuur van de taak"])] + [
        (1, LEARNING),
        (1, "6. Partnerschap"),
    ]
    quotes = pd.concat(
        [
            shortest_quotes(primary, [theme], level, labels, settings["quote_max_chars"], settings["quotes_per_theme"])
            for level, theme in quote_themes
        ],
        ignore_index=True,
    )
    names = screening_names(data, programme_names(participants=inputs.participants), settings["deny_list"])
    quotes = screen_quotes(
        quotes, names, settings["redactions"], setting="partnerships.redactions", allow=settings["quote_allow"]
    )
    return InterviewResults(
        n_interviews=data.n_documents(),
        n_group=int((data.cases["vorm"] == "groep").sum()),
        n_consultants=total,
        coder=coder,
        coding_rule=data.primary_rule("gesprek", "gesprekken"),
        frequencies=frequencies,
        layers=layers,
        perceel_note=note,
        themes=themes,
        co_occurrence=co,
        agreement=agreement,
        alpha=alpha,
        n_double=n_double,
        alpha_used=alpha_used,
        n_unapplied=len(agreement) - len(applied),
        quotes=quotes,
        shown_percelen=shown,
        primary=primary,
    )
