"""Fieldwork monitor: where usable responses are still missing, while the survey runs.

``make monitor`` (``python -m competentiecheck.survey.monitor``) reads whatever exports are in the survey
folder right now (``data/raw/survey/``, or the demo while that holds none; a half-finished collection is
fine) with step 1's own reading and checks (:func:`~competentiecheck.survey.cleaning.clean_survey`: a bad
file stops it with the same message and exit code 2) and writes one HTML page for the evaluation team:
usable responses per perceel and per organisation against the targets of ``monitor:`` in params (a run
file ``perceel-N.yml`` sets the targets agreed for its perceel), per wave (``meting``), with the matched
share once a second wave runs, the date of the last usable response, the organisations below target,
and the exports read with their dates.

Internal, never published. Counts are exact and organisations are named as the export records them,
because the team phones them; no respondent row, answer, self-generated code or pseudonym appears. The
page goes to ``monitor/veldwerk.html`` (git-ignored) or ``--out``, never into ``data/``, ``build/`` or
``report/``: those belong to the pipeline and its disclosure checks. It is written at once (a temporary
file moved into place), so a failed run leaves the previous page as it was.

Step 1 drops three things the monitor needs: the submission date, the organisation as typed and the row
of each usable response. So the exports are read a second time, after step 1 accepted them, for those
columns only (with step 1's column mapping and value conversion); a row is usable when step 1 did not
exclude it (its exclusion list names file and row).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import BUILD, DATA, PARAMS, REPORT, ROOT, is_demo_input, relative
from competentiecheck.core.readers import read_export
from competentiecheck.core.tables import fmt_number, fmt_percent
from competentiecheck.privacy.pseudonymise import pseudonym, resolve_salt
from competentiecheck.survey.cleaning import (
    CleanResult,
    _convert_value,
    clean_survey,
    list_exports,
    map_columns,
    survey_source,
)
from competentiecheck.survey.codebook import Codebook

__all__ = [
    "Targets",
    "Monitor",
    "wave_order",
    "wave_table",
    "organisation_table",
    "collect",
    "render_page",
    "write_page",
    "check_output_path",
    "main",
]

FIRST_WAVE = "voormeting"
PERCELEN = (1, 2, 3, 4, 5)
DEFAULT_OUT = ROOT / "monitor" / "veldwerk.html"
NO_ORGANISATION = "(organisatie niet ingevuld)"
TIMEZONE = "Europe/Brussels"
# where an exclusion happened (cleaning.FLOW_STAGES) -> what the team reads
EXCLUDED_AT = {
    "toestemming": "geen toestemming",
    "geschikt": "niet geschikt (leeftijd, perceel, test)",
    "uniek": "dubbel",
    "geanalyseerd": "onvoldoende ingevuld",
}


@dataclass(frozen=True)
class Targets:
    """Usable responses wanted per wave: for the perceel, and for each organisation (a feedback report)."""

    per_perceel: int
    per_organisation: int


@dataclass
class Monitor:
    """Everything on the page (aggregates only).

    waves: per perceel and wave the usable responses, target, shortfall, organisations (below target)
    and, for a wave after the first, the matched respondents. organisations: per perceel, organisation
    and wave the usable responses and target. received: per perceel the submissions received, usable and
    excluded per reason. exports: per file its format, rows, modification time and last response.
    last_response: the last usable response per (perceel, wave), and per (perceel, None) over all waves;
    a wave has its own date only when step 1 knows the wave of each export (a ``meting`` in its sources).
    """

    folder: Path
    demo: bool
    waves: pd.DataFrame
    organisations: pd.DataFrame
    received: pd.DataFrame
    exports: pd.DataFrame
    last_response: dict[tuple[int, str | None], dt.datetime]
    wave_labels: list[str]
    has_codes: bool
    targets: dict[int, Targets] = field(default_factory=dict)
    dates_per_wave: bool = True


# --------------------------------------------------------------------------- params


def targets_from_params(params_dir: Path = PARAMS) -> dict[int, Targets]:
    """The targets of each perceel: ``monitor`` of default.yml with the perceel's run file on top."""
    from competentiecheck.core.params import load_params

    out = {}
    for perceel in PERCELEN:
        block = load_params(f"perceel-{perceel}", params_dir=params_dir)["monitor"]
        out[perceel] = Targets(block["min_per_perceel"], block["min_per_organisation"])
    return out


# --------------------------------------------------------------------------- counting (pure)


def wave_order(labels) -> list[str]:
    """Wave labels in field order: voormeting, nameting, then any other alphabetically."""
    rank = {FIRST_WAVE: 0, "nameting": 1}
    return sorted({str(x) for x in labels}, key=lambda w: (rank.get(w, 2), w))


def _waves_of(data: pd.DataFrame) -> pd.Series:
    """The wave of each respondent: the ``meting`` column, or one wave 'voormeting' without it."""
    if "meting" not in data.columns:
        return pd.Series(FIRST_WAVE, index=data.index, dtype=object)
    return data["meting"].astype(object).where(data["meting"].notna(), "onbekend").astype(str)


def _organisations_of(data: pd.DataFrame) -> pd.Series:
    return data["org_id"].astype(object).where(data["org_id"].notna(), NO_ORGANISATION).astype(str)


def _matched(data: pd.DataFrame, waves: pd.Series, baseline: str) -> pd.Series:
    """Per respondent of a later wave: does its (pseudonymised) code occur in the baseline wave of its perceel?

    Exact match only; a missing code never matches. Respondents of the baseline wave get False.
    """
    codes = data["koppelcode"].astype(object)
    known = codes.notna() & (codes.astype(str).str.strip() != "")
    pairs = set(zip(data.loc[known & (waves == baseline), "perceel"], codes[known & (waves == baseline)]))
    later = known & (waves != baseline)
    out = pd.Series(False, index=data.index)
    out[later] = [(p, c) in pairs for p, c in zip(data.loc[later, "perceel"], codes[later])]
    return out


def wave_table(data: pd.DataFrame, targets: dict[int, Targets], percelen=PERCELEN) -> pd.DataFrame:
    """Usable responses per perceel and wave against the target, with the matched respondents.

    ``data``: the cleaned respondents (``perceel``, ``org_id``; ``meting`` and ``koppelcode`` when
    there). Every perceel of ``percelen`` and every wave gets a row, also with zero responses. Columns:
    perceel, meting, bruikbaar, doel, tekort, organisaties, organisaties_onder_doel, gekoppeld (NA for
    the first wave and without codes), aandeel_gekoppeld (gekoppeld / bruikbaar).
    """
    waves = _waves_of(data)
    labels = wave_order(waves) or [FIRST_WAVE]
    baseline = FIRST_WAVE if FIRST_WAVE in labels else labels[0]
    has_codes = "koppelcode" in data.columns
    matched = _matched(data, waves, baseline) if has_codes else pd.Series(False, index=data.index)
    orgs = organisation_table(data, targets, {}, percelen)
    rows = []
    for perceel in percelen:
        target = targets[perceel]
        for wave in labels:
            mask = (data["perceel"] == perceel) & (waves == wave)
            n = int(mask.sum())
            these = orgs[(orgs["perceel"] == perceel) & (orgs["meting"] == wave)]
            later = wave != baseline and has_codes
            rows.append(
                {
                    "perceel": perceel,
                    "meting": wave,
                    "bruikbaar": n,
                    "doel": target.per_perceel,
                    "tekort": max(target.per_perceel - n, 0),
                    "organisaties": int((these["bruikbaar"] > 0).sum()),
                    "organisaties_onder_doel": int((these["tekort"] > 0).sum()),
                    "gekoppeld": int(matched[mask].sum()) if later else pd.NA,
                    "aandeel_gekoppeld": (matched[mask].sum() / n if n else float("nan")) if later else float("nan"),
                }
            )
    return pd.DataFrame(rows)


def organisation_table(
    data: pd.DataFrame, targets: dict[int, Targets], names: dict[str, str], percelen=PERCELEN
) -> pd.DataFrame:
    """Usable responses per perceel, organisation and wave against the organisation target.

    Every organisation with a usable response in some wave of its perceel gets a row for every wave
    (zero where it has none yet). ``names``: pseudonym -> the organisation as the export records it.
    Sorted by perceel, wave, shortfall (largest first) and name.
    """
    waves = _waves_of(data)
    labels = wave_order(waves) or [FIRST_WAVE]
    orgs = _organisations_of(data)
    counts = Counter(zip(data["perceel"], orgs, waves))
    rows = []
    for perceel in percelen:
        target = targets[perceel].per_organisation
        present = sorted({o for (p, o, _w) in counts if p == perceel})
        for org in present:
            for wave in labels:
                n = counts.get((perceel, org, wave), 0)
                rows.append(
                    {
                        "perceel": perceel,
                        "meting": wave,
                        "organisatie": names.get(org, org),
                        "bruikbaar": n,
                        "doel": target,
                        "tekort": max(target - n, 0),
                    }
                )
    frame = pd.DataFrame(rows, columns=["perceel", "meting", "organisatie", "bruikbaar", "doel", "tekort"])
    order = {w: i for i, w in enumerate(labels)}
    frame["_w"] = frame["meting"].map(order)
    frame = frame.sort_values(["perceel", "_w", "tekort", "organisatie"], ascending=[True, True, False, True])
    return frame.drop(columns="_w").reset_index(drop=True)


def received_table(result: CleanResult, percelen=PERCELEN) -> pd.DataFrame:
    """Per perceel: submissions received, usable, and excluded per reason (step 1's flow and exclusions), over
    all waves (step 1's flow has a row per perceel and wave)."""
    flow = result.flow.groupby("run")[["ontvangen", "geanalyseerd"]].sum()
    excluded = result.exclusions
    rows = []
    for label in [f"perceel-{p}" for p in percelen] + (["onbekend"] if "onbekend" in flow.index else []):
        row = {
            "perceel": label,
            "ontvangen": int(flow.at[label, "ontvangen"]) if label in flow.index else 0,
            "bruikbaar": int(flow.at[label, "geanalyseerd"]) if label in flow.index else 0,
        }
        mine = excluded[excluded["perceel"] == label]["uitgesloten_bij"].value_counts()
        for stage, text in EXCLUDED_AT.items():
            row[text] = int(mine.get(stage, 0))
        rows.append(row)
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- reading


def _display_name(spellings: Counter) -> str:
    """The spelling of an organisation most respondents typed (ties: alphabetical)."""
    return sorted(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _export_details(
    files: list[Path], result: CleanResult, codebook: Codebook, params: dict, salt: str, waves: list | None = None
):
    """Per export: format, rows, modification time, last usable response; organisation spellings; last
    usable response per (perceel, wave of the file) and (perceel, None). ``waves``: the wave of each file,
    when known. Only files step 1 accepted come here."""
    excluded = set(zip(result.exclusions["bestand"], result.exclusions["rij"].astype(int)))
    unknown = {file for file, _ in excluded} - {relative(p) for p in files}
    if unknown:  # step 1 must name each excluded submission by file path and row, or usable rows are guessed
        raise RuntimeError(f"de uitsluitingen van stap 1 noemen onbekende bestanden: {sorted(unknown)[:3]}")
    zone = _zone()
    spellings: dict[str, Counter] = {}
    last: dict[tuple[int, str | None], dt.datetime] = {}
    exports = []
    date_var = codebook.variables["ingediend_op"]
    perceel_var = codebook.variables["perceel"]
    for path, wave in zip(files, waves or [None] * len(files)):
        changed = dt.datetime.fromtimestamp(path.stat().st_mtime, zone).replace(tzinfo=None, microsecond=0)
        export = read_export(path, sheet=params["input"]["xlsx_sheet"], known_header=codebook.knows_header)
        ids, _ = map_columns(export, codebook)
        where = {}
        for k, var_id in enumerate(ids):
            where.setdefault(var_id, k)
        latest = None
        name = export.name
        for row, number in zip(export.rows, export.row_numbers):
            if (name, number) in excluded:
                continue
            if "organisatie" in where and row[where["organisatie"]] is not None:
                text = re.sub(r"\s+", " ", row[where["organisatie"]]).strip()
                key = pseudonym(text, salt)
                if key is not None:
                    spellings.setdefault(key, Counter())[text] += 1
            if "ingediend_op" not in where or row[where["ingediend_op"]] is None:
                continue
            column = export.headers[where["ingediend_op"]]
            when = _convert_value(date_var, row[where["ingediend_op"]], export, number, column, salt)
            latest = when if latest is None else max(latest, when)
            text = row[where["perceel"]]
            perceel = _convert_value(perceel_var, text, export, number, export.headers[where["perceel"]], salt)
            for key in {(perceel, None), (perceel, wave)}:
                last[key] = max(last.get(key, when), when)
        exports.append(
            {
                "bestand": relative(path),
                "formaat": export.format,
                "rijen": len(export.rows),
                "bruikbaar": sum(1 for n in export.row_numbers if (name, n) not in excluded),
                "gewijzigd": changed,
                "laatste_antwoord": latest,
            }
        )
    names = {key: _display_name(c) for key, c in spellings.items()}
    return pd.DataFrame(exports), names, last


def _zone():
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(TIMEZONE)
    except Exception:  # pragma: no cover - no time zone database: UTC
        return dt.UTC


def collect(
    folder: Path, codebook: Codebook, params: dict, targets: dict[int, Targets], result: CleanResult | None = None
) -> Monitor:
    """Read the exports in ``folder`` as step 1 does (its errors stop this too) and count."""
    files = list_exports(folder)
    if result is None:
        result = clean_survey(folder, codebook, params)
    salt = resolve_salt(files, ROOT / params["pseudonymisation"]["salt_file"])
    data = result.data
    file_waves = None
    if "meting" in result.sources.columns and len(result.sources) == len(files):
        file_waves = [str(w) for w in result.sources["meting"]]
    if "meting" not in data.columns:
        file_waves = [FIRST_WAVE] * len(files)  # one wave: every file belongs to it
    exports, names, last = _export_details(files, result, codebook, params, salt.value, file_waves)
    if "meting" in result.sources.columns and len(result.sources) == len(files):
        exports.insert(2, "meting", file_waves)
    waves = wave_table(data, targets)
    return Monitor(
        folder=Path(folder),
        demo=is_demo_input(Path(folder)),
        waves=waves,
        organisations=organisation_table(data, targets, names),
        received=received_table(result),
        exports=exports,
        last_response=last,
        wave_labels=list(dict.fromkeys(waves["meting"])),
        has_codes="koppelcode" in data.columns,
        targets=targets,
        dates_per_wave=file_waves is not None and set(file_waves) <= set(waves["meting"]),
    )


# --------------------------------------------------------------------------- the page

CSS = """
:root { --ok: #2e7d32; --short: #c75100; --ink: #1a1a1a; --muted: #5f6368; --line: #d0d4d9; --bg: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  background: #fff; overflow-wrap: anywhere; }
main { max-width: 72rem; margin: 0 auto; padding: 0.75rem; }
h1 { font-size: 1.45rem; margin: 0.4rem 0; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 0.5rem; border-bottom: 2px solid var(--line); padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin: 0 0 0.4rem; }
.intern { background: #fdecea; border: 2px solid #b3261e; color: #6b1510; padding: 0.5rem 0.7rem;
  border-radius: 6px; font-weight: 600; }
.meta, .note { color: var(--muted); font-size: 0.92rem; }
.ok { color: var(--ok); font-weight: 600; }
.short { color: var(--short); font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: 0.3rem 0 0.8rem; font-size: 0.95rem; }
th, td { text-align: left; padding: 0.3rem 0.45rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 21rem), 1fr)); gap: 0.8rem; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 0.6rem 0.7rem; background: #fff; min-width: 0; }
.card svg { width: 100%; height: auto; display: block; }
ul.below { margin: 0.3rem 0 0; padding-left: 1.1rem; }
@media (max-width: 40rem) {
  table.cards thead { display: none; }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
  table.cards tr { border: 1px solid var(--line); border-radius: 6px; margin-bottom: 0.5rem; padding: 0.2rem 0; }
  table.cards td { border: 0; padding: 0.15rem 0.6rem; text-align: left; }
  table.cards td::before { content: attr(data-label) ": "; color: var(--muted); font-weight: 400; }
  table.cards td.n { text-align: left; }
}
"""


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _int(value) -> str:
    return fmt_number(int(value), 0)


def _when(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    return value.strftime("%d-%m-%Y %H:%M")


def _table(headers: list[tuple[str, bool]], rows: list[list[str]], cls: str = "cards") -> str:
    """An HTML table; cells are escaped HTML already. ``headers``: (label, numeric). On a phone each row
    becomes a card with the column label before each value."""
    head = "".join(f'<th{" class=n" if num else ""} scope="col">{_e(h)}</th>' for h, num in headers)
    body = []
    for row in rows:
        cells = "".join(
            f'<td{" class=n" if num else ""} data-label="{_e(h)}">{cell}</td>' for (h, num), cell in zip(headers, row)
        )
        body.append(f"<tr>{cells}</tr>")
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _status(short: int) -> str:
    return '<span class="ok">op doel</span>' if short == 0 else f'<span class="short">{_int(short)} te weinig</span>'


def perceel_chart(rows: pd.DataFrame, perceel: int) -> str:
    """A small SVG per perceel: per wave a bar of usable responses against the target (dashed line);
    for a later wave the matched respondents darker inside the bar. Hand-built, so the same numbers
    give the same bytes."""
    width, left, right, bar, gap, top = 320, 84, 14, 18, 12, 20
    scale_max = max([1] + [int(r.doel) for r in rows.itertuples()] + [int(r.bruikbaar) for r in rows.itertuples()])
    scale_max = scale_max * 1.08
    span = width - left - right
    height = top + len(rows) * (bar + gap) + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="t{perceel}"><title id="t{perceel}">Bruikbare antwoorden per meting in perceel {perceel}, '
        "tegenover het doel</title>",
    ]
    target_x = {int(r.doel) for r in rows.itertuples()}
    for target in sorted(target_x):
        tx = left + span * target / scale_max
        parts.append(
            f'<text x="{tx:.1f}" y="11" font-size="10" text-anchor="middle" fill="#5f6368">doel {_int(target)}</text>'
        )
    for i, r in enumerate(rows.itertuples()):
        y = top + i * (bar + gap)
        n, target = int(r.bruikbaar), int(r.doel)
        length = span * n / scale_max
        colour = "#2e7d32" if n >= target else "#e08a3c"
        parts.append(
            f'<text x="{left - 6}" y="{y + bar * 0.72:.1f}" font-size="12" text-anchor="end" '
            f'fill="#1a1a1a">{_e(r.meting)}</text>'
        )
        parts.append(f'<rect x="{left}" y="{y}" width="{span:.1f}" height="{bar}" fill="#eef0f3"/>')
        parts.append(f'<rect x="{left}" y="{y}" width="{length:.1f}" height="{bar}" fill="{colour}"/>')
        if not pd.isna(r.gekoppeld) and n:
            matched = span * int(r.gekoppeld) / scale_max
            parts.append(f'<rect x="{left}" y="{y + 4}" width="{matched:.1f}" height="{bar - 8}" fill="#1b4d1e"/>')
        tx = left + span * target / scale_max
        parts.append(
            f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{y - 3}" y2="{y + bar + 3}" stroke="#1a1a1a" '
            'stroke-width="1.5" stroke-dasharray="3 2"/>'
        )
        label = f"{_int(n)} / {_int(target)}"
        inside = length > 60
        lx = left + length - 4 if inside else left + length + 4
        parts.append(
            f'<text x="{lx:.1f}" y="{y + bar * 0.72:.1f}" font-size="11" text-anchor="{"end" if inside else "start"}" '
            f'fill="{"#ffffff" if inside else "#1a1a1a"}">{label}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def render_page(monitor: Monitor) -> str:
    """The whole page as one HTML document (inline CSS and SVG; no script, nothing fetched)."""
    later = len(monitor.wave_labels) > 1
    baseline = FIRST_WAVE if FIRST_WAVE in monitor.wave_labels else monitor.wave_labels[0]
    waves = monitor.waves
    all_dates = [d for d in monitor.last_response.values() if d is not None]
    per_wave = monitor.dates_per_wave
    newest_file = monitor.exports["gewijzigd"].max() if len(monitor.exports) else None
    out = [
        "<!DOCTYPE html>",
        '<html lang="nl"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex, nofollow">',
        "<title>Veldwerkmonitor vragenlijst – intern</title>",
        f"<style>{CSS}</style></head><body><main>",
        "<h1>Veldwerkmonitor vragenlijst</h1>",
        '<p class="intern">Intern, niet publiceren. Alleen voor het evaluatieteam: exacte aantallen en '
        "organisaties zoals ze in de export staan, om de dienstverleners te kunnen bellen. Geen antwoorden of "
        "gegevens van respondenten.</p>",
        f'<p class="meta">Exports uit <code>{_e(relative(monitor.folder))}</code>'
        f"{' (synthetische demo: data/raw/survey bevat nog geen exports)' if monitor.demo else ''}; "
        f"jongste export gewijzigd op {_when(newest_file)}; laatste bruikbare antwoord "
        f"{_when(max(all_dates) if all_dates else None)}. Metingen: {_e(', '.join(monitor.wave_labels))}.</p>",
    ]
    # --- summary per perceel and wave
    out.append("<h2>Per perceel</h2>")
    headers = [("Perceel", False), ("Meting", False), ("Bruikbaar", True), ("Doel", True), ("Stand", False)]
    headers += [("Organisaties", True), ("Onder doel", True)]
    if later:
        headers.append(("Gekoppeld aan voormeting", True))
    headers.append(("Laatste antwoord", False))
    rows = []
    for r in waves.itertuples():
        row = [f"perceel {r.perceel}", _e(r.meting), _int(r.bruikbaar), _int(r.doel), _status(r.tekort)]
        row += [_int(r.organisaties), _int(r.organisaties_onder_doel)]
        if later:
            row.append(_matched_text(r, baseline, monitor.has_codes))
        key = (r.perceel, r.meting) if per_wave else (r.perceel, None)
        row.append(_when(monitor.last_response.get(key)))
        rows.append(row)
    out.append(_table(headers, rows))
    out.append(
        '<p class="note">Bruikbaar: telt mee na de regels van stap 1 (toestemming, geschiktheid, dubbels, '
        "volledigheid). Doel per meting uit <code>monitor:</code> in params (per perceel in "
        "<code>params/perceel-N.yml</code>)."
        + (
            " Gekoppeld: respondenten van die meting met dezelfde (gepseudonimiseerde) koppelcode in de "
            "voormeting van hetzelfde perceel, exact gelijk."
            if later
            else ""
        )
        + (
            " Laatste antwoord: van die meting."
            if per_wave
            else " Laatste antwoord: over alle metingen van het perceel."
        )
        + "</p>"
    )
    # --- one card per perceel: chart and organisations below target
    out.append("<h2>Per perceel: grafiek en organisaties onder doel</h2>")
    out.append('<div class="grid">')
    orgs = monitor.organisations
    for perceel in PERCELEN:
        mine = waves[waves["perceel"] == perceel]
        target = monitor.targets[perceel]
        card = [f'<section class="card"><h3>Perceel {perceel}</h3>', perceel_chart(mine, perceel)]
        card.append(
            f'<p class="note">Doel: {_int(target.per_perceel)} per meting voor het perceel, '
            f"{_int(target.per_organisation)} per organisatie (feedbackrapport). Stippellijn: het doel"
            + ("; donker in de balk: gekoppeld aan de voormeting" if later else "")
            + ".</p>"
        )
        for wave in monitor.wave_labels:
            below = orgs[(orgs["perceel"] == perceel) & (orgs["meting"] == wave) & (orgs["tekort"] > 0)]
            title = f"Onder doel, {_e(wave)}" if later else "Onder doel"
            if below.empty:
                known = ((orgs["perceel"] == perceel) & (orgs["meting"] == wave)).any()
                text = "geen" if known else "nog geen organisaties met antwoorden"
                card.append(f'<p class="note">{title}: {text}.</p>')
                continue
            items = "".join(
                f"<li>{_e(o.organisatie)}: {_int(o.bruikbaar)} van {_int(o.doel)}</li>" for o in below.itertuples()
            )
            card.append(f'<p class="note">{title} ({_int(len(below))}):</p><ul class="below">{items}</ul>')
        card.append("</section>")
        out.append("".join(card))
    out.append("</div>")
    # --- received and excluded
    out.append("<h2>Ontvangen en uitgevallen</h2>")
    rec_headers = [("Perceel", False), ("Ontvangen", True), ("Bruikbaar", True)]
    rec_headers += [(text.capitalize(), True) for text in EXCLUDED_AT.values()]
    rec_rows = [
        [_e(r["perceel"].replace("-", " "))] + [_int(r[h]) for h in ["ontvangen", "bruikbaar", *EXCLUDED_AT.values()]]
        for _, r in monitor.received.iterrows()
    ]
    out.append(_table(rec_headers, rec_rows))
    out.append(
        '<p class="note">Alle metingen samen. Wie uitvalt, telt niet mee voor het doel; de redenen staan '
        "per inzending in <code>data/processed/exclusies.csv</code> na <code>make clean-data</code>.</p>"
    )
    # --- exports read
    out.append("<h2>Gelezen exports</h2>")
    has_wave = "meting" in monitor.exports.columns
    exp_headers = [("Bestand", False), ("Formaat", False)] + ([("Meting", False)] if has_wave else [])
    exp_headers += [("Rijen", True), ("Bruikbaar", True), ("Gewijzigd", False), ("Laatste antwoord", False)]
    exp_rows = []
    for _, r in monitor.exports.iterrows():
        row = [f"<code>{_e(r['bestand'])}</code>", _e(r["formaat"])] + ([_e(r["meting"])] if has_wave else [])
        row += [_int(r["rijen"]), _int(r["bruikbaar"]), _when(r["gewijzigd"]), _when(r["laatste_antwoord"])]
        exp_rows.append(row)
    out.append(_table(exp_headers, exp_rows))
    out.append(
        f'<p class="note">Gewijzigd: tijdstip van het bestand ({TIMEZONE}). Laatste antwoord: de datum van '
        "indienen of invoeren in de export (papieren vragenlijsten zonder datum: –). Organisaties zonder "
        "enig bruikbaar antwoord kent de monitor niet; zij staan niet in de lijsten.</p>"
    )
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"


def _matched_text(r, baseline: str, has_codes: bool) -> str:
    """The matched respondents of a later wave as 'n (share)'; '–' for the baseline wave."""
    if r.meting == baseline:
        return "–"
    if not has_codes:
        return "– (geen koppelcode)"
    if not r.bruikbaar:
        return "0"
    return f"{_int(r.gekoppeld)} ({fmt_percent(100 * r.aandeel_gekoppeld)})"


# --------------------------------------------------------------------------- writing


def check_output_path(out: Path) -> Path:
    """The page may go anywhere but into the pipeline's folders (data/, build/, report/): an internal page
    there would be read by the disclosure checks, published, or mistaken for an input."""
    out = Path(out).resolve()
    for folder in (DATA, BUILD, REPORT):
        if out == folder.resolve() or folder.resolve() in out.parents:
            raise ValueError(
                f"de monitor schrijft niet in {relative(folder)}/ (van de pijplijn en de rapporten): kies een "
                f"ander pad, bv. {relative(DEFAULT_OUT)}"
            )
    if out.suffix.lower() not in (".html", ".htm"):
        raise ValueError(f"het uitvoerbestand moet op .html eindigen (gekregen: {out.name})")
    return out


def write_page(text: str, out: Path) -> Path:
    """Write the page at once: a temporary file next to it, moved into place (owner-readable only)."""
    out = check_output_path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".veldwerk-", suffix=".part", dir=out.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temp, 0o600)
        os.replace(temp, out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m competentiecheck.survey.monitor [--raw MAP] [--out PAD]``."""
    import argparse
    import sys

    from competentiecheck.core.params import load_params
    from competentiecheck.survey.codebook import load_codebook

    parser = argparse.ArgumentParser(description="Veldwerkmonitor: intern overzicht van de respons (niet publiceren).")
    parser.add_argument(
        "--raw", type=Path, default=None, help="map met exports (standaard data/raw/survey, of de demo als die leeg is)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(os.environ.get("MONITOR_OUT") or DEFAULT_OUT),
        help=f"de HTML-pagina (standaard $MONITOR_OUT of {relative(DEFAULT_OUT)})",
    )
    parser.add_argument("--params", type=Path, default=PARAMS / "default.yml")
    args = parser.parse_args(argv)
    try:
        out = check_output_path(args.out)
        codebook = load_codebook()
        params = load_params(files=[args.params])
        targets = targets_from_params(Path(args.params).parent)
        monitor = collect(survey_source(args.raw), codebook, params, targets)
        write_page(render_page(monitor), out)
    except (InputError, ValueError) as exc:
        print(f"Fout in de invoer: {exc}", file=sys.stderr)
        return 2
    total = int(monitor.waves["bruikbaar"].sum())
    short = int((monitor.waves["tekort"] > 0).sum())
    print(
        f"{total} bruikbare antwoorden; {short} perceel-metingen onder doel; pagina in {relative(out)} "
        "(intern, niet publiceren)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
