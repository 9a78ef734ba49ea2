"""The company interviews' findings as tested claims (chapter 7, programme-wide, run ``totaal``): ids,
statements and tests in ``data/synthesis/claims.yml``.

Counts are interviews per theme as the chapter counts them
(:func:`~competentiecheck.interviews.analysis.analyse_interviews`): every coded interview once, with its
primary coding; a theme counts for an interview when it or one of its subthemes is coded there at least
once. A claim that rests on several themes counts the interviews with at least one of them. The chapter
publishes these counts exactly for the whole programme; with fewer than ``disclosure.min_cases``
interviews it could not, and the claims are not publishable.

Which codes of the SWOT scheme (Bijlage 5, ``data/codebook/swot.yml``) each claim rests on is data,
below, with the Bijlage 5 codes named.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from competentiecheck.core.claims import Claim, data_status, make_claim
from competentiecheck.core.paths import is_demo_input
from competentiecheck.interviews.analysis import InterviewResults
from competentiecheck.qualitative.codebook import path_text

__all__ = [
    "interview_claims",
    "interview_data_status",
    "theme_counts",
    "interviews_with",
    "subthemes",
    "ThemeCount",
    "SUPPORT",
    "TIME",
    "EMPLOYEES",
    "MATURITY",
    "CLIMATE",
    "NOTEBOOK",
]

NOTEBOOK = "04_interviews"
RUN = "totaal"
STRENGTHS, WEAKNESSES, THREATS = "S", "W", "T"

# Bijlage 5 '2. Strengths > Begeleiding' (subthemes 'Consultants' and 'Inhoudelijk'): the support itself
SUPPORT = "2. Strengths > Begeleiding"
# Bijlage 5 '3. Weaknesses > Tijd': the time the support took (§7.2.2)
TIME = ("3. Weaknesses > Tijd",)
# employees' involvement and their reaction (§7.3 'Medewerkersbetrokkenheid en co-creatie'): Bijlage 5
# '2. Strengths > Medewerkers' and the outcomes resistance would bring, '5. Threats > Uitkomsten >
# Ontevredenheid' and '> Demotivatie' ('Verloop' is left out: turnover is not about involvement)
EMPLOYEES = (
    "2. Strengths > Medewerkers",
    "5. Threats > Uitkomsten > Ontevredenheid",
    "5. Threats > Uitkomsten > Demotivatie",
)
# the firm's HR basis and its basic tools (§7.3 'Maturiteit'): Bijlage 5 '1. Achtergrondinfo
# interviewpartner en onderneming > Achtergrondinfo onderneming > SHRD beleid' (the existing policy),
# '4. Opportunities > Lange-termijn integratie' (the competence matrix taken into other HR processes) and
# '4. Opportunities > Schaalbaarheid' (a matrix started for one department, extended to others)
MATURITY = (
    "1. Achtergrondinfo interviewpartner en onderneming > Achtergrondinfo onderneming > SHRD beleid",
    "4. Opportunities > Lange-termijn integratie",
    "4. Opportunities > Schaalbaarheid",
)
# conditions for learning (§7.3 'Leerklimaat': time, means, learning leadership): Bijlage 5
# '2. Strengths > Tijd / timing', '3. Weaknesses > Tijd' and '2. Strengths > Leiderschap'; the scheme has
# no code for means (the financing of §7.2.1 is not a code of Bijlage 5)
CLIMATE = ("2. Strengths > Tijd / timing", "3. Weaknesses > Tijd", "2. Strengths > Leiderschap")

KIND = {"S": "sterkte", "W": "kwetsbaarheid", "O": "opportuniteit", "T": "risico", "achtergrond": "achtergrond"}


@dataclass(frozen=True)
class ThemeCount:
    path: str
    name: str
    category: str
    interviews: int
    segments: int


def interview_data_status(folder: Path) -> str:
    """``demo`` for the synthetic codings of ``data/demo/interviews/``, ``real`` otherwise."""
    return data_status(demo=is_demo_input(folder))


def theme_counts(results: InterviewResults, categories: Iterable[str], level: int = 2) -> list[ThemeCount]:
    """Themes of the given SWOT letters at ``level``, most interviews first (then most segments, then
    scheme order), as the chapter ranks them."""
    f = results.frequencies
    f = f[f["category"].isin(list(categories)) & (f["level"] == level)]
    f = f.sort_values(["documents", "segments"], ascending=False, kind="stable")
    return [
        ThemeCount(r.path, r.code, r.category, int(r.documents), int(r.segments))
        for r in f[["path", "code", "category", "documents", "segments"]].itertuples()
    ]


def subthemes(results: InterviewResults, parent: str) -> list[ThemeCount]:
    """The subthemes of ``parent`` in scheme order, with their interviews."""
    f = results.frequencies
    f = f[f["path"].str.startswith(parent + " > ")]
    f = f[f["path"].str.count(" > ") == parent.count(" > ") + 1]
    return [ThemeCount(r.path, r.code, r.category, int(r.documents), int(r.segments)) for r in f.itertuples()]


def interviews_with(results: InterviewResults, paths: Iterable[str]) -> int:
    """Interviews in which at least one of ``paths`` (or a subtheme of one) is coded."""
    wanted = set(paths)
    primary = results.primary
    cases = {
        case
        for case, path in zip(primary["case"], primary["path"])
        if any(path_text(tuple(path[:k])) in wanted for k in range(1, len(path) + 1))
    }
    return len(cases)


def _count(results: InterviewResults, path: str) -> int:
    row = results.frequencies[results.frequencies["path"] == path]
    return int(row["documents"].iloc[0])


def _theme_text(results: InterviewResults, path: str) -> str:
    row = results.frequencies[results.frequencies["path"] == path].iloc[0]
    return f"'{row['code']}' ({KIND.get(row['category'], row['category'])}) {int(row['documents'])}"


def _place(rank: dict[str, int], path: str) -> str:
    shared = sum(r == rank[path] for r in rank.values()) > 1
    return f"plaats {rank[path]}" + (" (gedeeld)" if shared else "")


def interview_claims(results: InterviewResults, params: dict, status: str) -> list[Claim]:
    """The five interview claims of the catalogue."""
    min_cases = params["disclosure"]["min_cases"]
    n = results.n_interviews
    ids = [
        "bedrijfsinterviews.sterkte",
        "bedrijfsinterviews.tijd_risico",
        "bedrijfsinterviews.medewerkers_betrekken",
        "bedrijfsinterviews.maturiteit",
        "bedrijfsinterviews.leerklimaat",
    ]
    if n < min_cases:
        reason = (
            f"minder dan {min_cases} interviews (regel disclosure.min_cases): de tellingen wijzen naar organisaties"
        )
        return [
            make_claim(i, RUN, "not publishable", reason=reason, data_status=status, notebook=NOTEBOOK) for i in ids
        ]
    known = set(results.frequencies["path"])
    missing = sorted({p for p in (SUPPORT, *TIME, *EMPLOYEES, *MATURITY, *CLIMATE) if p not in known})
    if missing:
        reason = "het codeerschema kent deze thema's van Bijlage 5 van het eindverslag niet: " + "; ".join(missing)
        return [make_claim(i, RUN, "undetermined", reason=reason, data_status=status, notebook=NOTEBOOK) for i in ids]
    claims = [_strength(results, status), _time(results, status)]
    for claim_id, paths, share, word in (
        ("bedrijfsinterviews.medewerkers_betrekken", EMPLOYEES, 3, "een derde"),
        ("bedrijfsinterviews.maturiteit", MATURITY, 3, "een derde"),
        ("bedrijfsinterviews.leerklimaat", CLIMATE, 2, "de helft"),
    ):
        claims.append(_share(results, status, claim_id, paths, share, word))
    return claims


def _strength(results: InterviewResults, status: str) -> Claim:
    """The support ('Begeleiding', with its subthemes consultants and content) against the other themes of
    'Strengths' at the level of Bijlage 5's main themes: holds when it alone is named in most interviews,
    undetermined when it shares the first place."""
    n = results.n_interviews
    ranked = theme_counts(results, [STRENGTHS])
    top = ranked[0].interviews
    first = [t for t in ranked if t.interviews == top and top > 0]
    support = next(t for t in ranked if t.path == SUPPORT)
    parts = ", ".join(f"{c.name.lower()} {c.interviews}" for c in subthemes(results, SUPPORT))
    others = [t for t in ranked if t.path != SUPPORT][:2]
    numbers = (
        f"'{support.name}' in {support.interviews} van de {n} interviews"
        + (f" (subthema's: {parts})" if parts else "")
        + "; daarna "
        + ", ".join(f"'{t.name}' {t.interviews}" for t in others)
    )
    reason = ""
    if [t.path for t in first] == [SUPPORT]:
        outcome = "holds"
    elif any(t.path == SUPPORT for t in first):
        outcome = "undetermined"
        reason = "gedeelde eerste plaats met " + ", ".join(f"'{t.name}'" for t in first if t.path != SUPPORT)
    else:
        outcome = "does not hold"
        numbers += f"; het vaakst genoemd: '{ranked[0].name}' ({ranked[0].interviews})"
    return make_claim(
        "bedrijfsinterviews.sterkte",
        RUN,
        outcome,
        numbers=numbers,
        n=str(n),
        reason=reason,
        data_status=status,
        notebook=NOTEBOOK,
    )


def _time(results: InterviewResults, status: str) -> Claim:
    """A time theme is among the three most named themes of 'Weaknesses' and 'Threats' when fewer than
    three themes are named in more interviews (ties share a place)."""
    n = results.n_interviews
    ranked = theme_counts(results, [WEAKNESSES, THREATS])
    rank = {t.path: 1 + sum(o.interviews > t.interviews for o in ranked) for t in ranked}
    top = [t for t in ranked if rank[t.path] <= 3 and t.interviews > 0]
    hits = [t for t in top if t.path in TIME]
    time_text = "; ".join(f"{_theme_text(results, p)} interviews, {_place(rank, p)}" for p in TIME)
    numbers = f"{time_text}; de drie vaakst genoemde kwetsbaarheden en risico's (interviews van de {n}): " + ", ".join(
        f"'{t.name}' ({KIND[t.category]}) {t.interviews}" for t in top
    )
    return make_claim(
        "bedrijfsinterviews.tijd_risico",
        RUN,
        "holds" if hits else "does not hold",
        numbers=numbers,
        n=str(n),
        data_status=status,
        notebook=NOTEBOOK,
    )


def _share(results: InterviewResults, status: str, claim_id: str, paths, share: int, word: str) -> Claim:
    """Holds when the interviews with at least one of ``paths`` are at least 1/``share`` of all."""
    n = results.n_interviews
    k = interviews_with(results, paths)
    numbers = (
        "interviews per thema: "
        + ", ".join(_theme_text(results, p) for p in paths)
        + f"; met minstens één ervan: {k} van de {n} (drempel: {word})"
    )
    return make_claim(
        claim_id,
        RUN,
        "holds" if k * share >= n else "does not hold",
        numbers=numbers,
        n=str(n),
        data_status=status,
        notebook=NOTEBOOK,
    )
