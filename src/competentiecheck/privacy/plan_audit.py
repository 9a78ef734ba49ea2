"""Chapter 4 as a reader sees it: which hidden count of plans can be worked out from what is published?

Chapter 4 publishes counts of plans van aanpak (they belong to companies) in four tables: themes and
profiles per perceel and for the programme, combinations of profiles for the programme, and profiles
per sector for the sectors with enough plans (the sector's size in the column header). A reader also
knows the plans per perceel (§5.1.1, exact), the sectors of each perceel (Tabel 1: a sector a perceel
does not name has no plans there, a sector it names has at least one) and how the tables hang
together: a perceel's plans with and without an item add up to its plans, the percelen add up to the
programme, every plan has exactly one combination, a profile's count is the sum of the combinations
that contain it, a sector's plans are spread over the percelen that name it, and a perceel's plans of
a profile are spread over its sectors.

That knowledge is written down once, in :class:`ChapterShape`, and used twice:

* :mod:`competentiecheck.documents.analysis` registers the true counts with exactly these cells and
  relations in the chapter's one :class:`~competentiecheck.privacy.disclosure.Publication`, which
  :meth:`~competentiecheck.privacy.disclosure.Disclosure.protect` then protects;
* :func:`audit_documents` rebuilds the same model from the published build tables alone (no true
  value) and reports every hidden small count a reader can recover, for the output checker.

One model for both means the checker tests what the protection promised, with the same assumptions
about the reader; what the checker reads is only what was written, so it also catches a table that was
written differently from what was protected.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from competentiecheck.privacy.audit import UNBOUNDED, pinned_cells
from competentiecheck.privacy.disclosure import COMPLEMENTARY_LABEL, TOTAAL, Disclosure, Exact

__all__ = [
    "audit_documents",
    "ChapterShape",
    "pinned_by_zeros",
    "reader_bounds",
    "combination_profiles",
    "perceel_run",
    "TABLE_FILES",
    "SECTOR_COLUMNS",
    "PLANS",
    "THEME",
    "PROFILE",
    "COMBINATION",
    "SECTOR",
    "SECTOR_PROFILE",
    "NOT",
    "NO_PROFILE",
    "COMBINATION_SEPARATOR",
    "AMBITIE_BASIS",
]

PLANS = "plannen"
THEME, PROFILE, COMBINATION = "thema", "profiel", "combinatie"
SECTOR = "sector"  # (perceel, SECTOR, s): plans of sector s in the perceel; (totaal, SECTOR, s): the sector's size
SECTOR_PROFILE = "sector-profiel"  # (run, SECTOR_PROFILE, s, p): plans of sector s with profile p
NOT = "-niet"  # suffix of the complementary cell: plans without the item
NO_PROFILE = "geen profiel"
AMBITIE_BASIS = ("Krachtige ambitie", "Krachtige basis")  # the share the chapter gives exactly
COMBINATION_SEPARATOR = " + "
ITEM_KINDS = (THEME, PROFILE, COMBINATION)
TABLE_FILES = {
    THEME: "themas.csv",
    PROFILE: "profielen.csv",
    COMBINATION: "combinaties.csv",
    SECTOR: "profielen_sector.csv",
}
ITEM_COLUMNS = {THEME: "thema", PROFILE: "profiel", COMBINATION: "combinatie"}
SECTOR_COLUMNS = ["sector", "plannen", "profiel", "aantal"]


def combination_profiles(combination: str) -> set[str]:
    """The profiles a combination label names ('geen profiel' names none)."""
    return set() if combination == NO_PROFILE else set(combination.split(COMBINATION_SEPARATOR))


def perceel_run(perceel: int | str) -> str:
    """The run name of a perceel (3 or "perceel-3" -> "perceel-3"), as the tables name their columns."""
    return f"perceel-{int(str(perceel).removeprefix('perceel-'))}"


@dataclass(frozen=True)
class ChapterShape:
    """What a reader knows about chapter 4 without reading a single count.

    ``plans``: perceel run -> plans (§5.1.1, published exactly). ``items``: kind (thema, profiel,
    combinatie) -> the rows of its table. ``sectors``: perceel run -> its sectors (Tabel 1).
    ``shown_sectors``: the sectors with a column in the sector table. ``exact_sums``: name -> the
    combinations whose programme counts add up to a total the text gives exactly (the plans fitting
    'ambitie en/of basis': a whole percentage of the plans pins it). ``unshown_small``: the note of the
    sector table says a sector is left out when it has fewer plans than ``min_cases``, so an unlisted
    sector is known to be small ('< k'; set only when ``min_cases`` is at most the small label's k, else
    the label would claim too much).
    """

    plans: dict[str, int]
    items: dict[str, tuple[str, ...]]
    sectors: dict[str, tuple[str, ...]]
    shown_sectors: tuple[str, ...] = ()
    exact_sums: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unshown_small: bool = False

    @property
    def percelen(self) -> list[str]:
        return list(self.plans)

    @property
    def runs(self) -> list[str]:
        return [*self.plans, TOTAAL]

    @property
    def all_sectors(self) -> list[str]:
        return sorted({s for sectors in self.sectors.values() for s in sectors})

    def percelen_of(self, sector: str) -> list[str]:
        return [run for run in self.percelen if sector in self.sectors.get(run, ())]

    def sectors_of(self, run: str) -> list[str]:
        return self.all_sectors if run == TOTAAL else list(self.sectors.get(run, ()))

    # ------------------------------------------------------------------ relations

    def relations(self) -> list[tuple[Hashable, tuple[Hashable, ...]]]:
        """Every additive relation the reader knows (``total == sum(members)``)."""
        return [
            *self._item_relations(),
            *self._combination_relations(),
            *self._sector_relations(),
            *[
                ((TOTAAL, name), tuple((TOTAAL, COMBINATION, c) for c in combos))
                for name, combos in self.exact_sums.items()
            ],
        ]

    def _item_relations(self):
        """Plans with and without an item make the run's plans; the percelen make the programme."""
        yield (TOTAAL, PLANS), tuple((run, PLANS) for run in self.percelen)
        for kind, items in self.items.items():
            for item in items:
                for run in self.runs:
                    yield (run, PLANS), ((run, kind, item), (run, kind + NOT, item))
                yield (TOTAAL, kind, item), tuple((run, kind, item) for run in self.percelen)

    def _combination_relations(self):
        """Each plan has exactly one combination; a profile's plans are those of its combinations."""
        combos = self.items.get(COMBINATION, ())
        if not combos:
            return
        for run in self.runs:
            yield (run, PLANS), tuple((run, COMBINATION, c) for c in combos)
            for profile in self.items.get(PROFILE, ()):
                yield (
                    (run, PROFILE, profile),
                    tuple((run, COMBINATION, c) for c in combos if profile in combination_profiles(c)),
                )

    def _sector_relations(self):
        """Plans of a perceel over its sectors, of a sector over its percelen, and per profile likewise.

        A sector a perceel does not name gets no cell there: a known zero.
        """
        profiles = self.items.get(PROFILE, ())
        for run in self.percelen:
            if self.sectors.get(run):
                yield (run, PLANS), tuple((run, SECTOR, s) for s in self.sectors[run])
        for sector in self.all_sectors:
            yield (TOTAAL, SECTOR, sector), tuple((run, SECTOR, sector) for run in self.percelen_of(sector))
            for run in [*self.percelen_of(sector), TOTAAL]:
                for profile in profiles:
                    yield (
                        (run, SECTOR, sector),
                        ((run, SECTOR_PROFILE, sector, profile), (run, SECTOR_PROFILE + NOT, sector, profile)),
                    )
            for profile in profiles:
                yield (
                    (TOTAAL, SECTOR_PROFILE, sector, profile),
                    tuple((run, SECTOR_PROFILE, sector, profile) for run in self.percelen_of(sector)),
                )
        for run in self.runs:
            if not self.sectors_of(run):
                continue
            for profile in profiles:
                yield (run, PROFILE, profile), tuple((run, SECTOR_PROFILE, s, profile) for s in self.sectors_of(run))

    # ------------------------------------------------------------------ public knowledge

    def known(self, disclosure: Disclosure, exact_values: dict[str, int] | None = None) -> dict[Hashable, object]:
        """Published forms a reader has before reading the chapter's tables.

        The plans per perceel and the programme (§5.1.1) exactly; a sector a perceel names has at least
        one plan there (shown as '×': hidden, not zero), exactly known when the perceel names one
        sector or as many sectors as it has plans; an unlisted sector is small when ``unshown_small``;
        the exact sums of the text.
        """
        forms: dict[Hashable, object] = {(run, PLANS): Exact(n) for run, n in self.plans.items()}
        forms[(TOTAAL, PLANS)] = Exact(sum(self.plans.values()))
        for run in self.percelen:
            sectors, n = self.sectors.get(run, ()), self.plans[run]
            for sector in sectors:
                if len(sectors) == 1:
                    forms[(run, SECTOR, sector)] = Exact(n)
                elif len(sectors) == n:
                    forms[(run, SECTOR, sector)] = Exact(1)
                else:
                    forms[(run, SECTOR, sector)] = COMPLEMENTARY_LABEL
        if self.unshown_small and self.shown_sectors:
            for sector in self.all_sectors:
                if sector not in self.shown_sectors:
                    forms[(TOTAAL, SECTOR, sector)] = disclosure.small_label
        for name, value in (exact_values or {}).items():
            forms[(TOTAAL, name)] = Exact(value)
        return forms


def reader_bounds(cells: Iterable[Hashable], forms: dict, disclosure: Disclosure) -> dict:
    """What the reader infers about each cell from its own published form (nothing: 0 … unbounded)."""
    return {k: disclosure.interval(forms[k]) if k in forms else (0, UNBOUNDED) for k in cells}


def pinned_by_zeros(
    cells: Iterable[Hashable],
    relations: list,
    known: dict,
    zeros: Iterable[Hashable],
    targets: Iterable[Hashable],
    disclosure: Disclosure,
    reference: dict | None = None,
) -> dict[Hashable, int]:
    """The targets a reader pins from the public facts and the published zeros alone.

    Zeros are shown, never hidden (the mechanism's convention: a zero is not disclosive), and the
    facts of §5.1.1 and Tabel 1 are public; so what follows from them cannot be protected by hiding
    anything else (a theme no plan has pins every small perceel's plans without it). Such cells are
    neither protected nor reported; every other pin is.
    """
    targets = list(targets)
    if not targets:
        return {}
    forms = {**known, **{key: 0 for key in zeros}}
    cells = list(dict.fromkeys([*cells, *forms]))
    return pinned_cells(reader_bounds(cells, forms, disclosure), relations, targets, reference)


# ---------------------------------------------------------------------------- reading back


class _UnexpectedTable(ValueError):
    pass


def _shown_value(text: str, disclosure: Disclosure):
    """A published cell as the reader reads it: None (not shown), a label, or a count."""
    text = str(text).strip()
    if text in ("", "–", "-", "nan"):
        return None
    if text in (disclosure.small_label, COMPLEMENTARY_LABEL):
        return text
    try:
        number = float(text)
    except ValueError:
        raise _UnexpectedTable(f"geen aantal: {text!r}") from None
    if number != int(number) or number < 0:
        raise _UnexpectedTable(f"geen aantal: {text!r}")
    return int(number)


def _read(path: Path, columns: Iterable[str]) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise _UnexpectedTable(f"kolommen ontbreken: {', '.join(missing)}")
    return frame


def _read_tables(folder: Path, disclosure: Disclosure, runs: list[str]):
    """Items per kind and the shown form of every published cell, from the four tables."""
    shown: dict[Hashable, object] = {}
    where: dict[Hashable, str] = {}
    items: dict[str, tuple[str, ...]] = {}
    for kind in ITEM_KINDS:
        name_column = ITEM_COLUMNS[kind]
        value_columns = {TOTAAL: "plannen"} if kind == COMBINATION else {run: run for run in [*runs, TOTAAL]}
        frame = _read(folder / TABLE_FILES[kind], [name_column, *value_columns.values()])
        items[kind] = tuple(dict.fromkeys(frame[name_column]))
        for run, column in value_columns.items():
            for item, text in zip(frame[name_column], frame[column]):
                value = _shown_value(text, disclosure)
                if value is not None:
                    shown[(run, kind, item)], where[(run, kind, item)] = value, TABLE_FILES[kind]
    frame = _read(folder / TABLE_FILES[SECTOR], SECTOR_COLUMNS)
    shown_sectors = tuple(dict.fromkeys(frame["sector"]))
    for row in frame.itertuples(index=False):
        for key, text in (
            ((TOTAAL, SECTOR, row.sector), row.plannen),
            ((TOTAAL, SECTOR_PROFILE, row.sector, row.profiel), row.aantal),
        ):
            value = _shown_value(text, disclosure)
            if value is None:
                continue
            if key in shown and shown[key] != value:
                raise _UnexpectedTable(f"{TABLE_FILES[SECTOR]}: sector {row.sector!r} met twee groottes")
            shown[key], where[key] = value, TABLE_FILES[SECTOR]
    return items, shown_sectors, shown, where


def _percelen_of_columns(folder: Path) -> list[str]:
    header = pd.read_csv(folder / TABLE_FILES[PROFILE], dtype=str, nrows=0).columns
    return [c for c in header if c.startswith("perceel-")]


def _describe(key: tuple, value: int) -> str:
    parts = " / ".join(str(part) for part in key)
    return f"verborgen aantal plannen {parts} is exact af te leiden: {value}"


def _table_of(key: tuple) -> str:
    kind = str(key[1]).removesuffix(NOT)
    if kind in (SECTOR, SECTOR_PROFILE):
        return TABLE_FILES[SECTOR]
    return TABLE_FILES.get(kind, TABLE_FILES[PROFILE])


def audit_documents(
    build: Path,
    disclosure: Disclosure,
    plans_per_perceel: dict[int, int],
    sectors_per_perceel: dict[int, set[str]],
    *,
    min_cases: int | None = None,
    share: int | None = None,
) -> list[tuple[str, str]]:
    """Every hidden small count of plans (1 … min_group_size - 1) a reader can recover from chapter 4.

    Reads only the published tables in ``build/documenten/tables`` (themas.csv, profielen.csv,
    combinaties.csv, profielen_sector.csv) and what a reader knows besides: ``plans_per_perceel``
    (§5.1.1, params ``context.plannen_van_aanpak``) and ``sectors_per_perceel`` (Tabel 1). Optional:
    ``min_cases``, the threshold for showing a sector (default ``disclosure.min_group_size``; when it is
    at most the small label's threshold, an unlisted sector is known to be small), and ``share``, the
    plans fitting 'Krachtige ambitie' and/or 'Krachtige basis' as the text gives them (exact).

    Returns (file, description) pairs; an empty list when the step wrote no tables. A table missing
    or of an unexpected form, or tables that contradict each other, are findings too: then nothing can
    be vouched for.
    """
    build = Path(build)
    folder = build / "documenten" / "tables"

    def shown_file(name: str) -> str:  # as the output checker names files: from the project root
        return (folder / name).relative_to(build.parent).as_posix()

    if not folder.is_dir() or not any(folder.glob("*.csv")):
        return []
    missing = [name for name in TABLE_FILES.values() if not (folder / name).exists()]
    if missing:
        return [
            (shown_file(name), "tabel ontbreekt: afleidbaarheid van hoofdstuk 4 niet te controleren")
            for name in missing
        ]
    plans = {perceel_run(p): int(n) for p, n in sorted(plans_per_perceel.items())}
    sectors = {perceel_run(p): tuple(sorted(s)) for p, s in sorted(sectors_per_perceel.items())}
    try:
        columns = _percelen_of_columns(folder)
        if set(columns) != set(plans):
            raise _UnexpectedTable(
                f"{TABLE_FILES[PROFILE]}: percelen {columns}, maar plannen bekend voor {sorted(plans)}"
            )
        items, shown_sectors, shown, where = _read_tables(folder, disclosure, list(plans))
    except _UnexpectedTable as exc:
        return [(shown_file(TABLE_FILES[PROFILE]), f"onverwachte tabelvorm, afleidbaarheid niet te controleren: {exc}")]
    unknown = [s for s in shown_sectors if not any(s in v for v in sectors.values())]
    if unknown:
        return [(shown_file(TABLE_FILES[SECTOR]), f"sector(en) {', '.join(unknown)} bij geen enkel perceel bekend")]
    threshold = disclosure.min_group_size if min_cases is None else int(min_cases)
    exact_sums, exact_values = {}, {}
    if share is not None:
        exact_sums["ambitie-of-basis"] = tuple(
            c for c in items[COMBINATION] if combination_profiles(c) & set(AMBITIE_BASIS)
        )
        exact_values["ambitie-of-basis"] = int(share)
    shape = ChapterShape(
        plans=plans,
        items=items,
        sectors=sectors,
        shown_sectors=shown_sectors,
        exact_sums=exact_sums,
        unshown_small=threshold <= disclosure.min_group_size,
    )
    relations = shape.relations()
    known = shape.known(disclosure, exact_values)
    forms = {**known, **shown}
    cells = list(dict.fromkeys([*(k for total, members in relations for k in (total, *members)), *forms]))
    bounds = reader_bounds(cells, forms, disclosure)
    hidden = [k for k in cells if bounds[k][0] != bounds[k][1] and (k not in shown or isinstance(shown[k], str))]
    try:
        pinned = pinned_cells(bounds, relations, hidden)
        small = {k: v for k, v in pinned.items() if 0 < v < disclosure.min_group_size}
        zeros = [k for k, v in shown.items() if v == 0]
        unavoidable = pinned_by_zeros(cells, relations, known, zeros, small, disclosure)
    except ValueError as exc:
        return [
            (shown_file(TABLE_FILES[PROFILE]), f"de gepubliceerde aantallen van hoofdstuk 4 zijn tegenstrijdig: {exc}")
        ]
    return [
        (shown_file(where.get(key, _table_of(key))), _describe(key, value))
        for key, value in small.items()
        if key not in unavoidable
    ]
