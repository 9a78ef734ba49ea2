"""The key figures of the first page: reach, respondents, network circles and interviews, in their
published form, for the programme and (in a perceel report) beside it for the perceel.

Every number comes from what a chapter already publishes: the plans analysed and the minimum reach of
the call from the run parameters (§5.1.1 and the call, Bijlage 1), the respondents analysed from the
survey's values (rounded, '< 5' below the threshold), the funds that returned a network circle from the
partnership chapter's network table, the interviews from the tables of chapters 7 and 8. The actual
number of organisations served is not known (the source had no overview of them), so the minimum reach
stands beside the plans, not against a count of organisations.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from competentiecheck.core.paths import BUILD, DEMO_SURVEY, input_folder, is_demo_input, survey_folder

__all__ = ["KeyFigure", "key_figures", "key_figures_table", "DEMO_MARK"]

TOTAAL = "totaal"
DEMO_MARK = "*"


@dataclass(frozen=True)
class KeyFigure:
    label: dict[str, str]  # nl, en
    programme: str
    perceel: str | None  # None: only measured for the programme
    demo: bool


def _values(folder: Path) -> dict:
    values: dict = {}
    for path in sorted((folder / "values").glob("*.yml")):
        values.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return values


def _respondents(run: str, build: Path) -> str:
    value = _values(Path(build) / run).get("n_geanalyseerd")
    return "–" if value is None else str(value)


def _circles(build: Path, perceel: int | None) -> tuple[str, str | None]:
    """'17 van 20' for the programme, and for the perceel (None when the table is missing)."""
    path = Path(build) / "partnerschappen" / "tables" / "netwerkmaten.csv"
    if not path.is_file():
        return "–", None if perceel is None else "–"
    table = pd.read_csv(path, dtype=str, keep_default_na=False).set_index("perceel")

    def shown(key: str) -> str:
        if key not in table.index:
            return "–"
        return f"{table.at[key, 'respondenten']} van {table.at[key, 'fondsen']}"

    return shown("programma"), None if perceel is None else shown(str(perceel))


def _programme_count(build: Path, step: str, value_key: str, table: str, how: str) -> str:
    """A programme-wide count: the step's inline value when it writes one, else from its published table
    (``rows``: one row per interview; ``max``: the most interviews any code was found in, i.e. all)."""
    folder = Path(build) / step
    value = _values(folder).get(value_key)
    if value is not None:
        return str(value)
    path = folder / "tables" / table
    if not path.is_file():
        return "–"
    frame = pd.read_csv(path)
    if how == "rows":
        return str(len(frame))
    return str(int(frame["documents"].max()))


def key_figures(run: str, params: dict, programme_params: dict, build: Path = BUILD) -> list[KeyFigure]:
    perceel = params["perceel"]
    survey_demo = survey_folder() == DEMO_SURVEY
    circles_programme, circles_perceel = _circles(build, perceel)
    own = None if perceel is None else run
    return [
        KeyFigure(
            {"nl": "Plannen van aanpak geanalyseerd", "en": "Plans of approach analysed"},
            str(programme_params["context"]["plannen_van_aanpak"]),
            None if own is None else str(params["context"]["plannen_van_aanpak"]),
            False,
        ),
        KeyFigure(
            {
                "nl": "Minimaal bereik volgens de oproep (organisaties)",
                "en": "Minimum reach set by the call (organisations)",
            },
            str(programme_params["context"]["min_bereik"]),
            None if own is None else str(params["context"]["min_bereik"]),
            False,
        ),
        KeyFigure(
            {"nl": "Respondenten van de vragenlijst (geanalyseerd)", "en": "Survey respondents analysed"},
            _respondents(TOTAAL, build),
            None if own is None else _respondents(run, build),
            survey_demo,
        ),
        KeyFigure(
            {"nl": "Sectorfondsen met een netwerkcirkel", "en": "Sector funds that returned a network circle"},
            circles_programme,
            circles_perceel,
            is_demo_input(input_folder("partnerschappen")),
        ),
        KeyFigure(
            {"nl": "Interviews met ondernemingen", "en": "Interviews with companies"},
            _programme_count(build, "interviews", "n_interviews", "interviewmatrix.csv", "rows"),
            None,
            is_demo_input(input_folder("interviews")),
        ),
        KeyFigure(
            {"nl": "Gesprekken met sectorconsulenten", "en": "Interviews with sector consultants"},
            _programme_count(build, "partnerschappen", "n_gesprekken", "codefrequenties.csv", "max"),
            None,
            is_demo_input(input_folder("partnerschappen")),
        ),
    ]


def key_figures_table(figures: list[KeyFigure], run_label: str | None, language: str = "nl") -> pd.DataFrame:
    """Label, the perceel's value (in a perceel report) and the programme's; a demo value carries the mark."""
    only_programme = {"nl": "alleen programma", "en": "programme only"}[language]
    head = {"nl": ("Kerncijfer", "Programma"), "en": ("Key figure", "Programme")}[language]
    of = {"nl": " van ", "en": " of "}[language]
    rows = []
    for figure in figures:
        mark = DEMO_MARK if figure.demo else ""
        row = {head[0]: figure.label[language]}
        if run_label is not None:
            row[run_label] = only_programme if figure.perceel is None else figure.perceel.replace(" van ", of) + mark
        row[head[1]] = figure.programme.replace(" van ", of) + mark
        rows.append(row)
    return pd.DataFrame(rows)
