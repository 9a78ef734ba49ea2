"""The key figures of the first page: reach, respondents, participation of the funds, network circles and
interviews, in their published form, for the programme and (in a perceel report) beside it for the perceel.

Every number comes from what a chapter or the source already publishes: the plans analysed and the
minimum reach of the call from the run parameters (§5.1.1 and the call, Bijlage 1), the respondents
analysed from the survey's values (rounded, '< 5' below the threshold), the funds that took part from the
partnership chapter's response table (Tabel 8 of the source), the funds that returned a network circle
from its network table, the interviews held against those planned (§7.1.1 of the source).

Only a number computed from synthetic inputs carries the demo mark: the respondents while the survey is
the demo, the circles while the partnership inputs are. A published fact never does: while the interviews
are the demo, the interviews held are the source's count (params ``evaluation.reach``), not the demo's.
The actual number of organisations served is not known (the source had no overview of them), so the
minimum reach stands beside the plans, not against a count of organisations.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from competentiecheck.core.paths import BUILD
from competentiecheck.core.yaml_text import safe_load

__all__ = ["KeyFigure", "key_figures", "key_figures_table", "key_figures_note", "DEMO_MARK"]

TOTAAL = "totaal"
DEMO_MARK = "*"


PUBLISHED, PARAMETER, COMPUTED, DEMO = "published", "parameter", "computed", "demo"


@dataclass(frozen=True)
class KeyFigure:
    label: dict[str, str]  # nl, en
    programme: str
    perceel: str | None  # None: only measured for the programme
    status: str  # PUBLISHED (a fact of the source), PARAMETER (of the call), COMPUTED (real inputs), DEMO
    name: dict[str, str]  # short name for the source line (nl, en)
    where: dict[str, str]  # where it comes from (nl, en)

    @property
    def demo(self) -> bool:
        """Computed from synthetic inputs: the only figures that carry the mark."""
        return self.status == DEMO


def _values(folder: Path) -> dict:
    values: dict = {}
    for path in sorted((folder / "values").glob("*.yml")):
        values.update(safe_load(path.read_text(encoding="utf-8")) or {})
    return values


def _respondents(run: str, build: Path) -> str:
    value = _values(Path(build) / run).get("n_geanalyseerd")
    return "–" if value is None else str(value)


def _of_table(path: Path, perceel: int | None, key: str, part: str, whole: str) -> tuple[str, str | None]:
    """'17 van 20' for the programme (the row ``key`` or the sum over the percelen) and for the perceel
    (None when the run is the programme); '–' when the table or the row is missing."""
    if not path.is_file():
        return "–", None if perceel is None else "–"
    table = pd.read_csv(path, dtype=str, keep_default_na=False).set_index("perceel")

    def shown(row: str) -> str:
        if row not in table.index:
            return "–"
        return f"{table.at[row, part]} van {table.at[row, whole]}"

    if key in table.index:
        programme = shown(key)
    else:
        numbers = table[[part, whole]].apply(pd.to_numeric, errors="coerce")
        programme = "–" if numbers.isna().any().any() else f"{int(numbers[part].sum())} van {int(numbers[whole].sum())}"
    return programme, None if perceel is None else shown(str(perceel))


def _interviews(build: Path, params: dict, demo: bool) -> str:
    """Interviews held of those planned: the source's count while the interviews are the demo, else the
    number of coded interviews the chapter publishes."""
    reach = params["evaluation"]["reach"]
    held = reach["interviews_held"]
    if not demo:
        folder = Path(build) / "interviews"
        value = _values(folder).get("n_interviews")
        matrix = folder / "tables" / "interviewmatrix.csv"
        if value is not None:
            held = value
        elif matrix.is_file():
            held = len(pd.read_csv(matrix))
    return f"{held} van {reach['interviews_planned']}"


def key_figures(
    run: str, params: dict, programme_params: dict, build: Path = BUILD, demo: tuple[str, ...] | list[str] = ()
) -> list[KeyFigure]:
    """The key figures of ``run``; ``demo``: the strands whose inputs are the synthetic demo
    (:func:`competentiecheck.synthesis.evidence.demo_strands`)."""
    build = Path(build)
    perceel = params["perceel"]
    own = perceel is not None
    partners = build / "partnerschappen" / "tables"
    took_part = _of_table(partners / "respons.csv", perceel, "programma", "deelgenomen", "fondsen_actief")
    circles = _of_table(partners / "netwerkmaten.csv", perceel, "programma", "respondenten", "fondsen")
    partners_demo = "partnerschappen" in demo
    interviews_demo = "bedrijfsinterviews" in demo
    return [
        KeyFigure(
            {"nl": "Plannen van aanpak geanalyseerd", "en": "Plans of approach analysed"},
            str(programme_params["context"]["plannen_van_aanpak"]),
            str(params["context"]["plannen_van_aanpak"]) if own else None,
            PUBLISHED,
            {"nl": "plannen van aanpak", "en": "plans of approach"},
            {"nl": "eindverslag §5.1.1", "en": "final report §5.1.1"},
        ),
        KeyFigure(
            {
                "nl": "Minimaal bereik volgens de oproep (organisaties)",
                "en": "Minimum reach set by the call (organisations)",
            },
            str(programme_params["context"]["min_bereik"]),
            str(params["context"]["min_bereik"]) if own else None,
            PARAMETER,
            {"nl": "minimaal bereik", "en": "minimum reach"},
            {"nl": "", "en": ""},
        ),
        KeyFigure(
            {"nl": "Respondenten van de vragenlijst (geanalyseerd)", "en": "Survey respondents analysed"},
            _respondents(TOTAAL, build),
            _respondents(run, build) if own else None,
            DEMO if "vragenlijst" in demo else COMPUTED,
            {"nl": "respondenten", "en": "respondents"},
            {"nl": "hoofdstuk over de vragenlijst", "en": "chapter on the survey"},
        ),
        KeyFigure(
            {"nl": "Sectorfondsen die deelnamen", "en": "Sector funds that took part"},
            *took_part,
            # the demo holds the funds' participation as Tabel 8 publishes it
            PUBLISHED if partners_demo else COMPUTED,
            {"nl": "deelnemende sectorfondsen", "en": "funds that took part"},
            {"nl": "Tabel 8 van het eindverslag", "en": "Table 8 of the final report"}
            if partners_demo
            else {"nl": "hoofdstuk over de partnerschappen", "en": "chapter on the partnerships"},
        ),
        KeyFigure(
            {"nl": "Sectorfondsen met een netwerkcirkel", "en": "Sector funds that returned a network circle"},
            *circles,
            DEMO if partners_demo else COMPUTED,
            {"nl": "netwerkcirkels", "en": "network circles"},
            {"nl": "hoofdstuk over de partnerschappen", "en": "chapter on the partnerships"},
        ),
        KeyFigure(
            {"nl": "Interviews met ondernemingen (gehouden van gepland)", "en": "Company interviews (held of planned)"},
            _interviews(build, programme_params, interviews_demo),
            None,
            PUBLISHED if interviews_demo else COMPUTED,
            {"nl": "interviews", "en": "interviews"},
            {"nl": "eindverslag §7.1.1", "en": "final report §7.1.1"}
            if interviews_demo
            else {"nl": "hoofdstuk over de interviews", "en": "chapter on the interviews"},
        ),
    ]


def key_figures_table(
    figures: list[KeyFigure], run_label: str | None, language: str = "nl", mark: str = DEMO_MARK
) -> pd.DataFrame:
    """Label, the perceel's value (in a perceel report) and the programme's; a number computed from
    synthetic inputs carries the mark (``mark``: escaped for Markdown, plain for the CSV)."""
    only_programme = {"nl": "alleen programma", "en": "programme only"}[language]
    head = {"nl": ("Kerncijfer", "Programma"), "en": ("Key figure", "Programme")}[language]
    of = {"nl": " van ", "en": " of "}[language]
    rows = []
    for figure in figures:
        star = mark if figure.demo else ""
        row = {head[0]: figure.label[language]}
        if run_label is not None:
            row[run_label] = only_programme if figure.perceel is None else figure.perceel.replace(" van ", of) + star
        row[head[1]] = figure.programme.replace(" van ", of) + star
        rows.append(row)
    return pd.DataFrame(rows)


MD_MARK = "\\*"  # the mark in Markdown text
NOTE_GROUPS = {
    PUBLISHED: {"nl": "Gepubliceerde feiten", "en": "Published facts of the final report"},
    PARAMETER: {"nl": "Parameter van de oproep", "en": "Parameter of the call"},
    COMPUTED: {"nl": "Berekend op de gegevens van dit rapport", "en": "Computed on the data of this report"},
    DEMO: {
        "nl": f"{MD_MARK} Berekend op synthetische demogegevens",
        "en": f"{MD_MARK} Computed on synthetic demo data",
    },
}


def key_figures_note(figures: list[KeyFigure], language: str = "nl") -> str:
    """The source line: per kind (published fact, parameter of the call, computed, computed on the demo:
    marked) the figures and where they come from."""
    and_ = {"nl": " en ", "en": " and "}[language]
    sentences = []
    for status, head in NOTE_GROUPS.items():
        named = [
            f.name[language] + (f" ({f.where[language]})" if f.where[language] else "")
            for f in figures
            if f.status == status
        ]
        if named:
            listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + and_ + named[-1]
            sentences.append(f"{head[language]}: {listed}.")
    sentences.append(
        "Het werkelijke aantal bereikte organisaties is niet bekend."
        if language == "nl"
        else "The number of organisations actually reached is not known."
    )
    return ("Bron. " if language == "nl" else "Source. ") + " ".join(sentences)
