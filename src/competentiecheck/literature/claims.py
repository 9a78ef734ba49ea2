"""The literature review's findings as tested claims (chapter 'Literatuurstudie', programme-wide, run
``totaal``), from the study coding (``codering.csv``): ids, statements and tests in
``data/synthesis/claims.yml``.

Counts are numbers of distinct included studies (publications, not people: no disclosure rounding), as
the chapter's table per level shows them (:func:`~competentiecheck.literature.review.level_summary`):
per level, the studies citing a factor that supports learning (direction ``ondersteunt``, theme
'Wat leren ondersteunt', §4.3) and one that hinders it (``belemmert``, theme 'Wat leren belemmert', §4.4).

Data status: ``published`` when the input is the demo folder, which holds the published coding of the
source report (the studies each finding of chapter 4 cites); ``real`` for the team's own review.
"""

from __future__ import annotations

from pathlib import Path

from competentiecheck.core.claims import Claim, data_status, make_claim
from competentiecheck.core.paths import is_demo_input
from competentiecheck.literature.review import Review, level_summary

__all__ = ["literature_claims", "literature_data_status", "level_label", "SHORT_LEVEL_LABELS", "NOTEBOOK"]

NOTEBOOK = "03_literature"
RUN = "totaal"
NOT_APPLICABLE = "nvt"
LEADERSHIP = "leiderschap"
FORMS_OF_LEARNING = "vormen_van_leren"  # theme 'Leren binnen KMO's' (§4.2.3)
MIN_STUDIES = 2  # a level is 'supported' by at least two studies (catalogue)
MIN_STUDIES_THEME = 3  # a theme is 'carried' by at least three studies (catalogue)

# short names of the levels of thema_codeboek.yml for a statement ('factoren op het niveau ...'); a level
# not listed gets the part of its codebook description before the colon
SHORT_LEVEL_LABELS = {
    "extern": "externe factoren",
    "organisatie": "organisatie",
    "job": "job",
    "relationeel": "relaties",
    "leiderschap": "leiderschap",
    "medewerker": "medewerker",
}


def literature_data_status(folder: Path) -> str:
    """``published`` for the demo (the source report's own coding), ``real`` for the team's review."""
    return data_status(demo=False, published=is_demo_input(folder))


def level_label(level: str, description: str) -> str:
    return SHORT_LEVEL_LABELS.get(level, description.split(":")[0].strip().lower())


def _studies(n: int) -> str:
    return f"{n} {'studie' if n == 1 else 'studies'}"


def literature_claims(review: Review, status: str) -> list[Claim]:
    """The claims per level, on informal learning and on leadership."""
    levels = level_summary(review)
    levels = levels[levels["level"] != NOT_APPLICABLE]
    claims = []
    for row in levels.itertuples():
        support, hinder = int(row.n_supporting), int(row.n_hindering)
        if support >= MIN_STUDIES and support > hinder:
            outcome, reason = "holds", ""
        elif hinder > support:
            outcome, reason = "does not hold", ""
        else:
            outcome = "undetermined"
            reason = (
                f"betwist: evenveel studies bevorderend als belemmerend (elk {_studies(support)})"
                if support == hinder
                else f"te weinig studies: {_studies(support)} bevorderend, minstens {MIN_STUDIES} nodig"
            )
        claims.append(
            make_claim(
                f"literatuur.niveau.{row.level}",
                RUN,
                outcome,
                numbers=f"bevorderend: {_studies(support)}; belemmerend: {_studies(hinder)}",
                reason=reason,
                data_status=status,
                notebook=NOTEBOOK,
                label=level_label(row.level, row.label),
            )
        )
    claims.append(_informal_learning(review, status))
    claims.append(_leadership(levels, status))
    return claims


def _informal_learning(review: Review, status: str) -> Claim:
    """The closest test the coding allows: it records which studies the section on forms of learning
    (§4.2.3, where the studies describe learning in SMEs as mostly informal) cites, not which form each
    study reports. So the claim holds when that theme is carried by at least three included studies,
    does not hold when no study carries it, and is undetermined with one or two; the numbers give the
    share of the included studies."""
    included = len(review.included)
    studies = review.coding.loc[review.coding["theme"] == FORMS_OF_LEARNING, "study_id"].nunique()
    label = review.codebook["themes"].get(FORMS_OF_LEARNING, {}).get("label", FORMS_OF_LEARNING)
    if studies >= MIN_STUDIES_THEME:
        outcome, reason = "holds", ""
    elif studies == 0:
        outcome, reason = "does not hold", ""
    else:
        outcome, reason = "undetermined", f"het thema steunt op {_studies(studies)}, minstens {MIN_STUDIES_THEME} nodig"
    return make_claim(
        "literatuur.informeel_leren",
        RUN,
        outcome,
        numbers=(
            f"thema '{label}': {studies} van de {included} opgenomen studies; de codering legt niet per studie vast "
            f"welke vorm van leren ze beschrijft"
        ),
        reason=reason,
        data_status=status,
        notebook=NOTEBOOK,
    )


def _leadership(levels, status: str) -> Claim:
    row = levels[levels["level"] == LEADERSHIP]
    if row.empty:
        return make_claim(
            "literatuur.leiderschap",
            RUN,
            "undetermined",
            reason=f"het codeboek van de review kent geen niveau '{LEADERSHIP}'",
            data_status=status,
            notebook=NOTEBOOK,
        )
    support, hinder = int(row["n_supporting"].iloc[0]), int(row["n_hindering"].iloc[0])
    if support < MIN_STUDIES:
        outcome, reason = "does not hold", ""
    elif hinder >= support:
        outcome, reason = "undetermined", f"betwist: {_studies(hinder)} belemmerend tegenover {support} bevorderend"
    else:
        outcome, reason = "holds", ""
    return make_claim(
        "literatuur.leiderschap",
        RUN,
        outcome,
        numbers=f"niveau '{LEADERSHIP}': bevorderend: {_studies(support)}; belemmerend: {_studies(hinder)}",
        reason=reason,
        data_status=status,
        notebook=NOTEBOOK,
    )
