"""The company-interview step (chapter 7): SWOT summary, profile matrix, agreement and screened quotes.

Privacy rules for interviews (organisations, not respondents, are the units):

* a group of organisations (a perceel, a profile, an approach) is shown only with at least
  ``disclosure.min_cases`` organisations in it; a perceel report therefore shows no interview counts,
  codes or quotes with one to three interviews per perceel, and points to the programme report;
* interviews are labelled with neutral letters ('interview C') in an order keyed with the secret salt
  (:func:`~competentiecheck.privacy.pseudonymise.keyed_order`), never with the 'organisatie k' of Bijlage 9 and
  never from anything tracked (a seed in params would let a reader with the repository redo the
  shuffle), so a code or quote cannot be traced to an organisation's perceel or profile through the
  published case table;
* quotes are chosen by rule (the shortest coded segments per theme up to ``interviews.quote_max_chars``)
  and screened: names of organisations, documents, cases and coders from the raw metadata and the
  words of ``interviews.deny_list`` must not occur (also text values of case variables in a project); ``interviews.redactions`` may replace them first;
  otherwise the step stops naming the interview, the theme and the word.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from competentiecheck.privacy.disclosure import group_and_rest_allowed, protected_groups
from competentiecheck.privacy.pseudonymise import interview_labels, keyed_order  # noqa: F401 (re-exported)
from competentiecheck.qualitative.agreement import double_coding_agreement
from competentiecheck.qualitative.codebook import path_text
from competentiecheck.qualitative.coded_data import CodedData
from competentiecheck.qualitative.matrices import code_frequencies
from competentiecheck.qualitative.quotes import programme_names, screen_quotes, screening_names, shortest_quotes

__all__ = [
    "InterviewResults",
    "analyse_interviews",
    "interview_labels",
    "profile_matrix",
    "attribute_matrix",
    "SWOT_CATEGORIES",
]

SWOT_CATEGORIES = {"S": "Sterktes", "W": "Kwetsbaarheden", "O": "Opportuniteiten", "T": "Risico's"}


@dataclass
class InterviewResults:
    """Everything chapter 7 shows, already within the privacy rules."""

    n_interviews: int  # coded interviews (each has a case): every one counts, once
    coder: str  # the coder whose codings count for a doubly coded interview (coded most interviews)
    coding_rule: str  # which codings the counts use, in words ('de coderingen van codeur A'), for the report
    frequencies: pd.DataFrame
    swot: pd.DataFrame
    profiles: pd.DataFrame
    profile_note: str
    attributes: dict
    co_occurrence: pd.DataFrame
    agreement: pd.DataFrame
    alpha: float
    n_double: int
    quotes: pd.DataFrame
    labels: dict  # case -> neutral label (stays with the team; the report shows only the labels)
    primary: pd.DataFrame | None = None  # the codings counted: one coder's per interview (CodedData.primary_codings)
    alpha_used: float = float("nan")  # alpha over only the codes applied in a doubly coded document
    n_unapplied: int = 0  # codable codes of the scheme that no coder applied in a doubly coded document


def attribute_matrix(
    primary: pd.DataFrame, cases: pd.DataFrame, column: str, themes: list[str], min_cases: int, label: str
) -> tuple[pd.DataFrame, str]:
    """Interviews per theme within each group of a case attribute (a profile, the perceel, the approach).

    A group is shown only when it has at least ``min_cases`` organisations and the other organisations
    together are also at least ``min_cases`` (or none): otherwise the programme count minus the group's
    gives the small rest's count. A case can be in several groups when the attribute lists several
    values separated by ';' (profiles).
    """
    groups: dict[str, list[str]] = {}
    for case, value in zip(cases["case"], cases[column]):
        for part in [p.strip() for p in str(value).split(";") if p.strip()] if isinstance(value, str) else []:
            groups.setdefault(part, []).append(case)
    total = len(cases)
    single_valued = sum(len(c) for c in groups.values()) <= total
    if single_valued:  # disjoint groups add up: hidden groups together must not be small (programme minus shown)
        sizes = {g: len(c) for g, c in groups.items()}
        unassigned = total - sum(sizes.values())
        allowed = protected_groups({**sizes, **({None: unassigned} if unassigned else {})}, min_cases)[0] - {None}
        shown = {g: c for g, c in sorted(groups.items()) if g in allowed}
    else:  # a case in several groups (profiles): each group and its rest
        shown = {g: c for g, c in sorted(groups.items()) if group_and_rest_allowed(len(c), total, min_cases)}
    hidden = sorted(g for g in groups if g not in shown)
    present = {(case, path_text(tuple(path[:2]))) for case, path in zip(primary["case"], primary["path"])}
    table = pd.DataFrame(
        {
            f"{group} ({len(members)})": [sum((m, t) in present for m in members) for t in themes]
            for group, members in shown.items()
        },
        index=pd.Index(themes, name="thema"),
    )
    note = (
        f"{label}: een groep wordt alleen getoond als ze minstens {min_cases} organisaties telt en ook de andere "
        f"organisaties samen minstens {min_cases} zijn (anders volgt hun telling uit het totaal)"
        + (f"; niet getoond: {len(hidden)} groepen." if hidden else ".")
    )
    return table, note


def profile_matrix(
    primary: pd.DataFrame, cases: pd.DataFrame, themes: list[str], min_cases: int
) -> tuple[pd.DataFrame, str]:
    """Interviews per theme within each KMO profile (:func:`attribute_matrix` on ``profielen``)."""
    return attribute_matrix(primary, cases, "profielen", themes, min_cases, "KMO-profiel")


def analyse_interviews(data: CodedData, params: dict, salt: str) -> InterviewResults:
    """All results of chapter 7 from the checked coded data; ``salt`` keys the interview labels.

    Every coded interview counts once, with its primary coding (:meth:`CodedData.primary_codings`: the
    codings of the coder who coded it; for a doubly coded interview those of the coder who coded most
    interviews, ties alphabetical); the other coding of a doubly coded interview serves the agreement."""
    settings = params["interviews"]
    min_cases = params["disclosure"]["min_cases"]
    coder = data.primary_coder()
    primary = data.primary_codings()
    frequencies = code_frequencies(primary, data.scheme)
    themes = frequencies[(frequencies["level"] == 2) & frequencies["category"].isin(SWOT_CATEGORIES)]
    swot = themes.assign(kwadrant=themes["category"].map(SWOT_CATEGORIES))[
        ["category", "kwadrant", "code", "path", "documents", "segments"]
    ].reset_index(drop=True)
    profiles, note = profile_matrix(primary, data.cases, list(swot["path"]), min_cases)
    attributes = {
        label: attribute_matrix(primary, data.cases, column, list(swot["path"]), min_cases, label)
        for column, label in (("perceel", "Perceel"), ("participatief", "Participatieve aanpak"))
        if column in data.cases.columns
    }
    presence = (
        pd.crosstab(primary["case"], primary["path"].map(lambda p: path_text(tuple(p[:2])))).reindex(
            columns=list(swot["path"]), fill_value=0
        )
        > 0
    ).astype(int)
    strengths = [p for p in swot["path"] if p.startswith("2.")]
    threats = [p for p in swot["path"] if p.startswith("5.")]
    co = presence[strengths].T @ presence[threats]
    agreement, alpha, n_double = double_coding_agreement(
        data.codings, list(data.scheme.codes["path"].map(path_text)), data.coder_ranking()
    )
    # sensitivity: alpha over only the codes a coder applied in a doubly coded document (report appendix)
    applied, alpha_used, _ = double_coding_agreement(
        data.codings, list(data.scheme.codes["path"].map(path_text)), data.coder_ranking(), units="used"
    )
    labels = interview_labels(list(data.cases["case"]), salt)
    quotes = shortest_quotes(
        primary, list(swot["path"]), 2, labels, settings["quote_max_chars"], settings["quotes_per_theme"]
    )
    quotes.insert(1, "kwadrant", quotes["theme"].map(dict(zip(swot["path"], swot["kwadrant"]))))
    names = screening_names(data, programme_names(), settings["deny_list"])
    quotes = screen_quotes(quotes, names, settings["redactions"], allow=settings["quote_allow"])
    return InterviewResults(
        n_interviews=data.n_documents(),
        coder=coder,
        coding_rule=data.primary_rule("interview", "interviews"),
        frequencies=frequencies,
        swot=swot,
        profiles=profiles,
        profile_note=note,
        attributes=attributes,
        co_occurrence=co,
        agreement=agreement,
        alpha=alpha,
        n_double=n_double,
        alpha_used=alpha_used,
        n_unapplied=len(agreement) - len(applied),
        quotes=quotes,
        labels=labels,
        primary=primary,
    )
