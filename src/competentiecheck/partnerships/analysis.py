"""The partnership step (chapter 8): response, networks per perceel, tested claims, coded interviews.

Privacy rules (consultants are people, mostly one per fund, and the funds are named in Tabel 8):

* a tie between two funds and its forms of collaboration are shown (the network figures); the
  contribution score of a tie never is;
* an aggregate of contribution scores (a perceel's mean, a fund's weighted in-degree) is shown only
  when at least ``disclosure.min_group_size`` respondents stand behind it and the rest of the
  programme is also that large or empty (else the programme figure minus the perceel's gives the
  rest); weighted in-degrees of a perceel are shown only when *every* fund of the perceel was named
  by that many respondents, since they add up to the perceel's total;
* a perceel that is strongly interdependent is named only under the same rule; otherwise the chapter
  says how many percelen are;
* code counts per perceel only for a perceel with at least ``min_group_size`` consultants and a rest
  of at least as many; interviews carry neutral labels ('gesprek C') in a seeded order; quotes come
  from the layers of meaningful collaboration and the partnership codes only (never the background
  codes) and are screened for every fund and sector name of ``deelnemers.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pandas as pd

from ..disclosure import group_and_rest_allowed
from ..errors import InputError
from ..paths import ROOT, relative
from ..qualitative.agreement import double_coding_agreement
from ..qualitative.codebook import load_scheme, path_text
from ..qualitative.coded_data import CodedData, load_coded_data
from ..qualitative.interviews import interview_labels
from ..qualitative.matrices import code_frequencies
from ..qualitative.quotes import denied_words, screen_quotes, shortest_quotes
from .circles import read_circles
from .network import FORMS, build_network, centrality, network_measures
from .response import read_participants

__all__ = ["PerceelNetwork", "NetworkResults", "InterviewResults", "PartnershipInputs", "read_inputs",
           "read_interview_table", "analyse_networks",
           "analyse_interviews", "coordinator_claim", "LAYERS", "OTHER_THEMES", "FORM_CODES", "STRUCTURE_CODES", "FORM_LABELS"]

MEANINGFUL = "4. Betekenisvolle samenwerking"
LEARNING = "5. Team leergedragingen"
# the three layers of the model of meaningful collaboration (§3.5) and where their codes are in Bijlage 8
LAYERS = {"Basiscondities": (MEANINGFUL, "Basiscondities voor samenwerking"),
          "Structuur van de taak": (MEANINGFUL, "Structuur van een taak of project"),
          "Collaboratieve activiteit": (LEARNING,)}
FORM_CODES = [("2. Samenwerkingsvorm", "Samenwerkingsvorm", name) for name in ("Informatie", "Hulp", "Feedback",
                                                                               "Ondersteuning")]
_STRUCTURE = ("3. Samenwerkingsstructuur", "Samenwerkingsstructuur")
STRUCTURE_CODES = {"Formele stuurgroep": _STRUCTURE + ("Formeel (structureel/regulier/georganiseerd)", "Stuurgroep overleg"),
                   "Werkgroep of lerend netwerk": _STRUCTURE + ("Formeel (structureel/regulier/georganiseerd)",
                                                                "Lerend netwerk"),
                   "Informele vragen (e-mail, telefoon, toevallig)": _STRUCTURE + ("Informeel (e-mail, telefonisch, ad hoc)",)}
# the other themes of Bijlage 8, counted one level below these codes (the background codes are not counted)
OTHER_THEMES = {"Samenwerkingsvorm": ("2. Samenwerkingsvorm", "Samenwerkingsvorm"),
                "Samenwerkingsstructuur": _STRUCTURE,
                "Partnerschap": ("6. Partnerschap",),
                "Ondersteuningsnoden": ("7. Ondersteuningsnoden voor toekomstige partnerschappen",),
                "Toekomstige partnerschappen": ("8. Kenmerken voor toekomstige partnerschappen",)}
FORM_LABELS = {"informatie": "Informatie delen / doorverwijzen", "feedback": "Feedback / hulp / ondersteuning",
               "cocreatie": "Co-creatie van aanpak of aanbod"}


@dataclass
class PartnershipInputs:
    participants: pd.DataFrame
    ties: pd.DataFrame
    circles_file: str
    coded: CodedData
    without_circle: list[str] = field(default_factory=list)  # took part, but no circle was typed in


def _one_file(folder: Path, stem: str, what: str) -> Path:
    found = sorted(p for p in folder.iterdir() if p.is_file() and p.stem.casefold().startswith(stem)
                   and p.suffix.lower() in (".csv", ".xlsx"))
    if not found:
        raise InputError(f"{what} ontbreekt: verwacht {stem}.csv of {stem}.xlsx", file=relative(folder))
    if len(found) > 1:
        raise InputError(f"{what}: meer dan één bestand ({', '.join(p.name for p in found)}); laat er één staan",
                         file=relative(folder))
    return found[0]


def read_inputs(params: dict) -> PartnershipInputs:
    """Read and check every input of the step (errors name the file, row, column and value)."""
    settings = params["partnerships"]
    folder = ROOT / settings["folder"]
    participants = read_participants(folder / "deelnemers.csv")
    circles = _one_file(folder, "netwerkcirkels", "de netwerkcirkels")
    ties = read_circles(circles, participants)
    # a fund that took part without a circle is not an error: it is counted, named in the chapter, and can
    # still be named by others (like a fund that did not take part)
    silent = sorted(set(participants.loc[participants["status"] == "deelgenomen", "sectorfonds"]) - set(ties["fonds"]))
    absent = sorted(set(ties["fonds"]) - set(participants.loc[participants["status"] == "deelgenomen", "sectorfonds"]))
    if absent:
        raise InputError(f"sectorfonds {absent[0]!r} heeft een netwerkcirkel maar staat in deelnemers.csv niet als "
                         f"'deelgenomen'", file=relative(circles), column="fonds", value=absent[0])
    scheme = load_scheme(ROOT / settings["scheme"])
    cases = read_interview_table(folder / "gesprekken.csv", participants)
    files = sorted(folder.glob("*.qdpx")) + sorted(p for p in folder.glob("segmenten*")
                                                   if p.suffix.lower() in (".csv", ".xlsx"))
    coded = load_coded_data(files, scheme, cases, newlines=settings["newlines"])
    return PartnershipInputs(participants=participants, ties=ties, circles_file=relative(circles), coded=coded,
                             without_circle=silent)


def read_interview_table(file: Path, participants: pd.DataFrame) -> pd.DataFrame:
    """``casus, perceel, vorm`` (individueel / groep), ``deelnemers`` (consultants in the interview)."""
    name = relative(file)
    if not file.exists():
        raise InputError("de tabel met gesprekken ontbreekt (casus, perceel, vorm, deelnemers)", file=name)
    cases = pd.read_csv(file, dtype=str, keep_default_na=False)
    for column in ("casus", "perceel", "vorm", "deelnemers"):
        if column not in cases.columns:
            raise InputError("kolom ontbreekt", file=name, column=column)
    for row, record in enumerate(cases.to_dict("records"), start=2):
        def fail(message: str, column: str) -> None:
            raise InputError(message, file=name, row=row, column=column, value=record[column])

        if record["vorm"] not in ("individueel", "groep"):
            fail("vorm moet 'individueel' of 'groep' zijn", "vorm")
        if not record["deelnemers"].isdigit() or int(record["deelnemers"]) < 1:
            fail("deelnemers moet een geheel getal >= 1 zijn", "deelnemers")
        if record["vorm"] == "individueel" and record["deelnemers"] != "1":
            fail("een individueel gesprek heeft 1 deelnemer", "deelnemers")
        if not record["perceel"].isdigit() or int(record["perceel"]) not in set(participants["perceel"]):
            fail("perceel staat niet in deelnemers.csv", "perceel")
    duplicated = cases["casus"].duplicated()
    if duplicated.any():
        row = int(duplicated.idxmax())
        raise InputError("casus komt twee keer voor", file=name, row=row + 2, column="casus",
                         value=cases.at[row, "casus"])
    cases["perceel"] = cases["perceel"].astype(int)
    cases["deelnemers"] = cases["deelnemers"].astype(int)
    return cases


# --------------------------------------------------------------------------- networks

@dataclass
class PerceelNetwork:
    """One perceel's network with what may be shown of it."""

    perceel: int
    graph: nx.DiGraph
    respondents: list[str]
    not_taken_part: list[str]
    coordinator: str | None
    measures: dict
    centrality: pd.DataFrame  # fonds, in_graad, gewogen_in_graad (all values; for the team)
    claim: str  # 'ja', 'gedeeld', 'nee' or 'onbekend'
    scores_shown: bool  # the perceel's mean contribution may be published
    weighted_shown: bool  # the weighted in-degrees may be published (and sized in the figure)
    high_interdependence: bool


@dataclass
class NetworkResults:
    networks: list[PerceelNetwork]
    measures: pd.DataFrame  # per perceel and programme; contribution hidden where not allowed
    forms: pd.DataFrame  # share of ties per form, per perceel and programme
    n_high: int
    high_named: list[int]
    high_contribution: float
    programme_contribution: float
    n_ties: int
    n_respondents: int
    claims: pd.DataFrame  # per perceel: coördinator, meest centraal, uitkomst
    ties_table: pd.DataFrame  # van, naar, perceel, forms (no scores)
    min_group_size: int


def coordinator_claim(central: pd.DataFrame, coordinator: str | None, column: str = "in_graad") -> str:
    """'ja' when the coordinator alone has the highest ``column``, 'gedeeld' when tied, else 'nee'."""
    if coordinator is None:
        return "onbekend"
    top = central[column].max()
    leaders = set(central.loc[central[column] == top, "fonds"])
    if coordinator not in leaders:
        return "nee"
    return "ja" if len(leaders) == 1 else "gedeeld"


def analyse_networks(inputs: PartnershipInputs, params: dict) -> NetworkResults:
    minimum = params["disclosure"]["min_group_size"]
    threshold = float(params["partnerships"]["high_contribution"])
    participants, ties = inputs.participants, inputs.ties
    total_respondents = int(ties["respondent"].nunique())
    networks, rows, form_rows, claim_rows = [], [], [], []
    for perceel, group in participants.groupby("perceel"):
        active = group[group["status"] != "niet actief"]
        mine = ties[ties["perceel"] == perceel]
        graph = build_network(mine.rename(columns={"fonds": "van", "partner": "naar"}), list(active["sectorfonds"]))
        respondents = sorted(set(mine["fonds"]))
        coordinators = list(group.loc[group["coordinator"].str.strip() != "", "sectorfonds"])  # at most one (checked)
        coordinator = coordinators[0] if coordinators else None
        measures = network_measures(graph, respondents)
        central = centrality(graph)
        n_resp = int(mine["respondent"].nunique())
        scores_shown = group_and_rest_allowed(n_resp, total_respondents, minimum)
        weighted_shown = scores_shown and bool(((central["in_graad"] >= minimum) | (central["in_graad"] == 0)).all())
        mean = measures["gemiddelde_bijdrage"]
        networks.append(PerceelNetwork(
            perceel=int(perceel), graph=graph, respondents=respondents,
            not_taken_part=sorted(active.loc[active["status"] == "niet deelgenomen", "sectorfonds"]),
            coordinator=coordinator, measures=measures, centrality=central,
            claim=coordinator_claim(central, coordinator), scores_shown=scores_shown, weighted_shown=weighted_shown,
            high_interdependence=bool(mean == mean and mean >= threshold)))
        rows.append({"perceel": str(perceel), **{k: v for k, v in measures.items()},
                     "gemiddelde_bijdrage": mean if scores_shown else float("nan")})
        for form in FORMS:
            form_rows.append({"perceel": str(perceel), "vorm": form,
                              "aandeel": (mine["vormen"].map(lambda f: form in f).mean() if len(mine) else float("nan"))})
        top = central["in_graad"].max()
        claim_rows.append({"perceel": int(perceel), "coordinator": coordinator or "onbekend",
                           "in_graad_coordinator": int(central.set_index("fonds")["in_graad"].get(coordinator, 0))
                           if coordinator else None,
                           "hoogste_in_graad": int(top),
                           "meest_centraal": "; ".join(sorted(central.loc[central["in_graad"] == top, "fonds"])),
                           "uitkomst": networks[-1].claim})
    programme = build_network(ties.rename(columns={"fonds": "van", "partner": "naar"}),
                              sorted(set(participants.loc[participants["status"] != "niet actief", "sectorfonds"])))
    overall = network_measures(programme, sorted(set(ties["fonds"])))
    # the programme graph has no ties between percelen: its density over all funds means little
    overall["dichtheid"] = float("nan")
    rows.append({"perceel": "programma", **overall})
    for form in FORMS:
        form_rows.append({"perceel": "programma", "vorm": form, "aandeel": ties["vormen"].map(lambda f: form in f).mean()})
    high = [n.perceel for n in networks if n.high_interdependence]
    ties_table = pd.DataFrame({"perceel": ties["perceel"], "van": ties["fonds"], "naar": ties["partner"],
                               **{form: ties["vormen"].map(lambda f, form=form: form in f) for form in FORMS}})
    return NetworkResults(
        networks=networks, measures=pd.DataFrame(rows), forms=pd.DataFrame(form_rows), n_high=len(high),
        high_named=[p for p in high if next(n for n in networks if n.perceel == p).scores_shown],
        high_contribution=threshold, programme_contribution=overall["gemiddelde_bijdrage"], n_ties=len(ties),
        n_respondents=total_respondents, claims=pd.DataFrame(claim_rows),
        ties_table=ties_table.sort_values(["perceel", "van", "naar"]).reset_index(drop=True), min_group_size=minimum)


# --------------------------------------------------------------------------- coded interviews

@dataclass
class InterviewResults:
    n_interviews: int
    n_group: int
    n_consultants: int
    coder: str
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


def _has(paths: pd.Series, prefix: tuple[str, ...]) -> pd.Series:
    return paths.map(lambda p: tuple(p[:len(prefix)]) == prefix)


def analyse_interviews(inputs: PartnershipInputs, params: dict) -> InterviewResults:
    settings = params["partnerships"]
    minimum = params["disclosure"]["min_group_size"]
    data = inputs.coded
    coder = data.primary_coder()
    primary = data.codings[data.codings["coder"] == coder]
    frequencies = code_frequencies(primary, data.scheme)
    cases = data.cases.set_index("case")
    consultants = cases["deelnemers"].groupby(cases["perceel"]).sum()
    total = int(consultants.sum())
    shown = [int(p) for p in consultants.index if group_and_rest_allowed(int(consultants[p]), total, minimum)]

    def counts(groups: dict[str, tuple[str, ...]], label: str) -> pd.DataFrame:
        """Interviews per code one level below each group's prefix, overall and per perceel that may be shown."""
        rows = []
        for group, prefix in groups.items():
            for path in data.scheme.codes["path"]:
                if len(path) == len(prefix) + 1 and tuple(path[:len(prefix)]) == prefix:
                    mentioned = set(primary.loc[_has(primary["path"], tuple(path)), "case"])
                    row = {label: group, "code": path[-1], "path": path_text(tuple(path)), "gesprekken": len(mentioned)}
                    for perceel in shown:
                        row[f"perceel {perceel}"] = sum(cases.at[case, "perceel"] == perceel for case in mentioned)
                    rows.append(row)
        return pd.DataFrame(rows)

    layers = counts(LAYERS, "laag")
    themes = counts(OTHER_THEMES, "thema")
    note = (f"Tellingen per perceel alleen voor een perceel met minstens {minimum} consulenten en minstens {minimum} "
            f"in de rest van het programma (anders volgt de rest uit het totaal)"
            + (f": getoond voor perceel {', '.join(map(str, shown))}." if shown else ": geen perceel voldoet."))
    presence = {}
    for case in sorted(primary["case"].unique()):
        paths = primary.loc[primary["case"] == case, "path"]
        presence[case] = {**{code[-1]: bool(_has(paths, code).any()) for code in FORM_CODES},
                          **{label: bool(_has(paths, code).any()) for label, code in STRUCTURE_CODES.items()}}
    presence = pd.DataFrame.from_dict(presence, orient="index").astype(int)
    forms = [code[-1] for code in FORM_CODES]
    co = presence[forms].T @ presence[list(STRUCTURE_CODES)]
    co.index.name = "vorm"
    agreement, alpha, n_double = double_coding_agreement(data.codings, list(data.scheme.codes["path"].map(path_text)),
                                                         coder)
    labels = interview_labels(list(data.cases["case"]), params["seed"], prefix="gesprek")
    quote_themes = [(2, path_text(p)) for p in (LAYERS["Basiscondities"], LAYERS["Structuur van de taak"])] + \
                   [(1, LEARNING), (1, "6. Partnerschap")]
    quotes = pd.concat([shortest_quotes(primary, [theme], level, labels, settings["quote_max_chars"],
                                        settings["quotes_per_theme"]) for level, theme in quote_themes],
                       ignore_index=True)
    names = list(inputs.participants["sectorfonds"]) + list(inputs.participants["sector"])
    quotes = screen_quotes(quotes, denied_words(data, names + list(settings["deny_list"])), settings["redactions"],
                           setting="partnerships.redactions")
    return InterviewResults(
        n_interviews=int(primary["case"].nunique()), n_group=int((data.cases["vorm"] == "groep").sum()),
        n_consultants=total, coder=coder, frequencies=frequencies, layers=layers, perceel_note=note,
        themes=themes, co_occurrence=co, agreement=agreement, alpha=alpha, n_double=n_double, quotes=quotes, shown_percelen=shown)

