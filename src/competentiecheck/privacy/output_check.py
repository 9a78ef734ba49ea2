"""Output checking: scan everything a reader receives for what the privacy promise rules out.

In the spirit of ACRO / SDC output checking (Green et al., *ACRO: automatic checking of research
outputs*, 2023), but run on the finished build rather than on single outputs. It reads what was
published, not how it was made, so it checks the disclosure mechanism independently:

* **counts** in count columns (``n``, ``Aantal``, ``Uitgevallen``, …) of the build tables, the
  report HTML, the published notebooks and the inline values: 0, a hidden label, or a multiple of
  the rounding base of at least the minimum group size; never 1 … min_group_size - 1 and never an
  unrounded count;
* **recoverable hidden cells**: the sample and exclusion counts of all runs, read back from the
  published tables, with the relations a reader knows (categories add up to the run's n, the
  totaal run is the sum of the percelen, flow stages add up); an integer-programming audit finds
  every hidden cell a reader could work out exactly;
* **single-person values**: minimum or maximum columns, and a contribution score per tie of the
  network circles (``bijdrage``);
* **row-level listings and identifiers**: columns such as ``respondent_id``, ``org_id``, ``rij``;
  organisation pseudonyms, respondent numbers, survey-tool response ids, e-mail addresses, phone
  numbers, file-and-row references, and any free-text answer of ``data/processed/vrije_tekst.csv``,
  anywhere in the HTML, the PDF text, the tables, fragments and values;
* **feedback reports per organisation** (``build/feedback/``): an organisation's own values only in its own
  report (checked against its means computed here from the cleaned data), no other organisation's values or
  name, no figures of its own in a letter.

``python -m competentiecheck.privacy.output_check`` (``make check-disclosure``) prints every finding with the
file it is in and exits 1 when there is any.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from competentiecheck.core import identifiers
from competentiecheck.core.claims import CLAIMS_FILE
from competentiecheck.core.params import load_params
from competentiecheck.core.paths import (
    BUILD,
    CODEBOOK,
    FIXED_INPUT_NAMES,
    NAMED_BY_THE_TEAM,
    PROCESSED,
    REPORT_OUTPUT,
    ROOT,
    RUNS,
    input_files,
    input_folder,
    relative,
    survey_folder,
)
from competentiecheck.core.tabular import read_table
from competentiecheck.privacy.audit import UNBOUNDED, pinned_cells
from competentiecheck.privacy.disclosure import COMPLEMENTARY_LABEL, TOTAAL, Disclosure, Exact, exact_model_output

__all__ = ["Finding", "check_outputs", "check_shipped_file", "check_feedback", "main"]

COUNT_HEADERS = {
    "n",
    "aantal",
    "uitgevallen",
    "rijen",
    "n met score",
    "ontvangen",
    "toestemming",
    "geschikt",
    "uniek",
    "geanalyseerd",
}
SINGLE_PERSON_HEADERS = {"min", "max", "minimum", "maximum", "bijdrage"}  # bijdrage: one consultant's score of a tie
ROW_LEVEL_HEADERS = {
    "respondent_id",
    "respondent",
    "org_id",
    "organisatie",
    "rij",
    "respondent_ref",
    "responseid",
    "response_id",
    "ipaddress",
    "e-mail",
    "email",
}
# a file shipped next to a report (its audit folder): 'count' counts people there too (a published table)
SHIPPED_COUNT_HEADERS = COUNT_HEADERS | {"count"}
SHIPPED_TEXT_SUFFIXES = {".json", ".md", ".txt", ".yml", ".csv", ""}  # "" : SHA256SUMS
COUNT_VALUE_KEYS = {"n_ontvangen", "n_geanalyseerd", "n_uitgesloten"}
# a column that counts the units behind a row (people, plans, organisations), and one that aggregates over them
GROUP_SIZE_HEADERS = COUNT_HEADERS | {
    "plannen",
    "respondenten",
    "organisaties",
    "consulenten",
    "gesprekken",
    "interviews",
    "count",
    "size",
}
AGGREGATE_WORDS = ("gemiddeld", "mean", "sd", "std", "som", "sum", "uren", "bijdrage", "mediaan", "median")
# in tables of the qualitative steps a mean is written with at most this many decimals: a full-precision mean
# of whole numbers (hours, scores 1-4) gives away its denominator (15.0588... = 256/17 over a published 15)
MAX_DECIMALS = 2
PATTERNS = {
    "organisatiepseudoniem": re.compile(r"\bORG-[0-9a-f]{10}\b"),
    "respondentnummer": re.compile(r"\bR\d{4}\b"),
    "response-id van de surveytool": re.compile(r"\bR_[A-Za-z0-9]{12,18}\b"),
    "e-mailadres": identifiers.EMAIL,  # the patterns of the quote screening (Belgian landline and mobile formats,
    "telefoonnummer": identifiers.PHONE_IN_DOCUMENTS,  # also before '.', ',' or ')')
    "verwijzing naar bestand en rij": re.compile(r"\.(?:csv|xlsx|sav)\b[^\n<]{0,40}?\brij \d+", re.IGNORECASE),
}
UNKNOWN_PERCEEL = "onbekend"
PERCELEN = [r for r in RUNS if r != TOTAAL]
PROGRAMME_STEPS = [
    "literatuur",
    "interviews",
    "documenten",
    "partnerschappen",
]  # build folders of the steps that run once for all reports
QUALITATIVE_STEPS = ["interviews", "documenten", "partnerschappen"]


@dataclass(frozen=True)
class Finding:
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


# --------------------------------------------------------------------------- single values


def _count_problem(value, disclosure: Disclosure) -> str | None:
    """Why a published count is not allowed, or None."""
    text = str(value).strip()
    if text in ("", "–", "-", "nan", "None", disclosure.small_label, COMPLEMENTARY_LABEL):
        return None
    try:
        number = float(text.replace(".", "").replace(",", ".")) if "," in text else float(text)
    except ValueError:
        return None
    if not number.is_integer():
        return None
    n = int(number)
    if n == 0:
        return None
    if 0 < n < disclosure.min_group_size:
        return f"aantal {n} onder de drempel van {disclosure.min_group_size}"
    if n % disclosure.rounding_base:
        return f"aantal {n} is niet afgerond op {disclosure.rounding_base}"
    return None


def _check_columns(
    headers: list[str],
    rows: list[list[str]],
    where: str,
    disclosure: Disclosure,
    run: str | None = None,
    counts_of_people: bool = True,
) -> list[Finding]:
    findings = []
    folded = [h.strip().casefold() for h in headers]
    if "df_residual" in folded:  # a regression step table with the exact model output
        if run is None or not exact_model_output(run):
            findings.append(Finding(where, "exacte modeluitvoer (residuele vrijheidsgraden) buiten de totaalrun"))
        else:  # the model's exact n is allowed here and audited with the other counts
            keep = [i for i, h in enumerate(folded) if h != "n"]
            headers, folded = [headers[i] for i in keep], [folded[i] for i in keep]
            rows = [[row[i] for i in keep if i < len(row)] for row in rows]
    for header in folded:
        if header in SINGLE_PERSON_HEADERS:
            findings.append(Finding(where, f"kolom '{header}': waarde van één persoon"))
        if header in ROW_LEVEL_HEADERS:
            findings.append(Finding(where, f"kolom '{header}': gegevens per respondent of inzending"))
    for i, header in enumerate(folded):
        if header not in COUNT_HEADERS or not counts_of_people:
            continue
        for row in rows:
            if i < len(row):
                problem = _count_problem(row[i], disclosure)
                if problem:
                    findings.append(Finding(where, f"kolom '{headers[i]}': {problem}"))
    return findings


def _number(text: str) -> float | None:
    text = str(text).strip().replace("\u2212", "-")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return None if number != number else number  # NaN: nothing shown


def _is_aggregate(header: str) -> bool:
    words = header.strip().casefold().replace("_", " ").replace("-", " ").split()
    return any(word.startswith(w) for word in words for w in AGGREGATE_WORDS)


def _check_small_aggregates(
    headers: list[str], rows: list[list[str]], where: str, disclosure: Disclosure
) -> list[Finding]:
    """A mean, SD or sum in a row whose unit count is 1 … threshold - 1: an aggregate of too few (a
    notebook cell that shows mean hours per perceel including a perceel of 3 plans)."""
    folded = [h.strip().casefold() for h in headers]
    sizes = [i for i, h in enumerate(folded) if h in GROUP_SIZE_HEADERS]
    aggregates = [i for i, h in enumerate(folded) if _is_aggregate(h) and h not in GROUP_SIZE_HEADERS]
    findings = []
    for row in rows:
        for i in sizes:
            n = _number(row[i]) if i < len(row) else None
            if n is None or not n.is_integer() or not 0 < n < disclosure.min_group_size:
                continue
            shown = [headers[j] for j in aggregates if j < len(row) and _number(row[j]) is not None]
            if shown:
                findings.append(
                    Finding(
                        where,
                        f"kolom '{shown[0]}': aggregaat over {int(n)} eenheden (kolom "
                        f"'{headers[i]}'), onder de drempel van {disclosure.min_group_size}",
                    )
                )
    return findings


def _check_precision(headers: list[str], rows: list[list[str]], where: str) -> list[Finding]:
    """Means in the tables of the qualitative steps carry at most ``MAX_DECIMALS`` decimals."""
    findings = []
    for i, header in enumerate(headers):
        if not _is_aggregate(header):
            continue
        for row in rows:
            text = str(row[i]).strip() if i < len(row) else ""
            decimals = text.split(".")[1] if "." in text and _number(text) is not None else ""
            if len(decimals.rstrip("0")) > MAX_DECIMALS:
                findings.append(
                    Finding(
                        where,
                        f"kolom '{header}': gemiddelde met volle precisie ({len(decimals)} "
                        f"decimalen) verraadt het aantal waarover het gaat",
                    )
                )
                break
    return findings


def _check_text(text: str, where: str, secrets: set[str], file_names: frozenset[str] = frozenset()) -> list[Finding]:
    findings = []
    for name, pattern in PATTERNS.items():
        for match in sorted(set(pattern.findall(text)))[:5]:
            findings.append(Finding(where, f"{name}: {_describe(match)}"))
    for secret in sorted(s for s in secrets if s in text)[:5]:
        findings.append(Finding(where, f"identificerende tekst uit de data: {_describe(secret)}"))
    for name in sorted(n for n in file_names if n in text)[:5]:
        findings.append(Finding(where, f"vrij gekozen naam van een invoerbestand: {_describe(name)}"))
    return findings


def _describe(text: str) -> str:
    """Enough to find it, not enough to repeat it: the first characters."""
    return f"'{text[:4]}…' ({len(text)} tekens)"


# --------------------------------------------------------------------------- files


def _html_tables_and_text(path: Path):
    """The tables (header cells, body rows) and the text of a page, read with lxml: a cell's text is its
    strings stripped and joined by a space, the page's text its strings joined by a space, without
    scripts and styles (as BeautifulSoup's ``get_text``, eight times faster on the embedded reports)."""
    from lxml import html as lxml_html

    root = lxml_html.document_fromstring(path.read_bytes(), parser=lxml_html.HTMLParser(encoding="utf-8"))

    def cell_text(cell) -> str:
        return " ".join(s.strip() for s in cell.itertext() if s.strip())

    tables = []
    for table in root.iter("table"):
        rows = list(table.iter("tr"))
        headers = [cell_text(c) for c in rows[0].iter("th", "td")] if rows else []
        body = [[cell_text(c) for c in r.iter("th", "td")] for r in rows[1:]]
        # pandas tables have an index column: align headers and cells from the right
        body = [row[-len(headers) :] if headers and len(row) > len(headers) else row for row in body]
        tables.append((headers, body))
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    return tables, " ".join(root.itertext())


def _pdf_text(path: Path) -> str:
    """The text of every page (PDFium). A word that Typst hyphenated at a line end is whole again, so a
    name broken over two lines is still found; lines end in '\\n'."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        pages = []
        for page in document:
            text_page = page.get_textpage()
            pages.append(text_page.get_text_range())
            text_page.close()
            page.close()
    finally:
        document.close()
    # PDFium marks a hyphenation break with U+FFFE and ends lines with '\\r\\n'
    return "\n".join(pages).replace("\ufffe", "").replace("\r\n", "\n").replace("\r", "\n")


def _public_vocabulary() -> str:
    """Text the project publishes anyway (parameters, codebook): a free-text answer such as a sector
    name that also stands there is not evidence of a leak."""
    files = sorted((ROOT / "params").glob("*.yml")) + [CODEBOOK]
    return "\n".join(p.read_text(encoding="utf-8") for p in files).casefold()


def _free_file_names() -> set[str]:
    """Names (and stems) of the input files the team named freely: a reader must never see them
    (``public_name`` shows 'bestand k' instead), since a name like 'segmenten_organisatie_9.csv' tells which
    case was coded once."""
    folders = [survey_folder()] + [input_folder(kind) for kind in NAMED_BY_THE_TEAM if kind != "survey"]
    names = set()
    for folder in folders:
        for path in input_files(folder):
            if path.name.casefold() in FIXED_INPUT_NAMES:
                continue
            names.add(path.name)
            if len(path.stem) >= 8 and any(c in path.stem for c in "_-0123456789"):  # not a plain word
                names.add(path.stem)
    return names


QUOTE_COLUMNS = {"quote", "citaat"}


def _qualitative_names() -> tuple[dict[str, set[str]], set[str]]:
    """Every name of the raw metadata a quote must not carry (funds, sectors, companies, cases, the deny
    lists), by kind, and the words allowed capitalised (``quote_allow`` of both steps)."""
    from competentiecheck.core.names import programme_names

    names = {kind: set(values) for kind, values in programme_names().items()}
    for kind, file, column in (("casus", "interviews", "casus"), ("gesprek", "partnerschappen", "casus")):
        table = input_folder(file) / ("casussen.csv" if file == "interviews" else "gesprekken.csv")
        if table.exists():
            frame = read_table(table, [column], what="namen voor de controle van citaten")
            names.setdefault(kind, set()).update(v for v in frame[column] if v)
    params = load_params("totaal")
    allow: set[str] = set()
    for section in ("interviews", "partnerships"):
        names.setdefault(identifiers.DENY_KIND, set()).update(params[section]["deny_list"])
        allow |= set(params[section]["quote_allow"])
    return names, allow


def _check_quotes(headers: list[str], rows: list[list[str]], where: str, names: dict, allow: set[str]) -> list[Finding]:
    """A quote column screened as the steps screen their quotes: names of the raw metadata (also inside
    compounds and in variant spellings), 'perceel N', e-mail, phone and web addresses, probable personal
    names. Reported by kind and row, never by the word."""
    findings = []
    for i, header in enumerate(headers):
        if header.strip().casefold() not in QUOTE_COLUMNS:
            continue
        for number, row in enumerate(rows, start=2):
            if i < len(row):
                for hit in identifiers.find_identifiers(str(row[i]), names, allow):
                    findings.append(
                        Finding(where, f"citaat op rij {number}: {hit.kind} op teken {hit.start}-{hit.end}")
                    )
    return findings


def _secrets(processed: Path) -> set[str]:
    """Strings from the cleaned data that must never reach an output."""
    found: set[str] = set()
    public = _public_vocabulary()
    data_file = processed / "vragenlijst.parquet"
    if data_file.exists():
        data = pd.read_parquet(data_file, columns=["org_id"])
        found |= {v for v in data["org_id"].dropna().astype(str)}
    free_text = processed / "vrije_tekst.csv"
    if free_text.exists():
        frame = pd.read_csv(free_text, dtype=str)
        for column in frame.columns:
            if column == "respondent_id":
                continue
            for value in frame[column].dropna():
                text = value.lstrip("'").strip()
                if len(text) >= 6 and text.casefold() not in public:
                    found.add(text)
    return found


# --------------------------------------------------------------------------- the audit of hidden cells


class _UnexpectedTable(ValueError):
    """A published table has another shape than the pipeline writes: the audit cannot be trusted."""


def _read_shown(path: Path, columns: set[str]) -> pd.DataFrame | None:
    if not path.exists():
        return None
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = columns - set(frame.columns)
    if missing:
        raise _UnexpectedTable(f"{relative(path)}: kolommen {sorted(missing)} ontbreken")
    return frame


def _shown_value(text: str):
    text = str(text).strip()
    if text in ("", "–"):
        return None
    try:
        return int(float(text))
    except ValueError:
        return text


def _model_key(path: Path) -> tuple[str, str] | None:
    """(configuration, dependent) of ``regressie_<configuration>_<dependent>_stappen.csv``."""
    stem = path.stem[len("regressie_") : -len("_stappen")]
    for configuration in sorted(load_params("totaal")["statistics"]["configurations"], key=len, reverse=True):
        if stem.startswith(configuration + "_"):
            return configuration, stem[len(configuration) + 1 :]
    return None


def published_structure(build: Path) -> tuple[dict, list, dict]:
    """Cells and relations of the sample and exclusion counts, read back from the published tables.

    Returns ``(shown, relations, cells)``: the published value of each shown cell, the relations,
    and every cell key (published or not) with the file it comes from.
    """
    shown, relations, cells = {}, [], {}
    models: set[tuple[str, str]] = set()
    tables: dict[str, dict[str, pd.DataFrame]] = {}
    for run in RUNS:
        folder = build / run / "tables"
        tables[run] = {}
        for path in sorted(folder.glob("steekproef_*.csv")):
            name = path.stem[len("steekproef_") :]
            tables[run][name] = _read_shown(path, {"n", "variabele" if name == "numeriek" else "categorie"})
        values_file = build / run / "values.yml"
        values = yaml.safe_load(values_file.read_text(encoding="utf-8")) if values_file.exists() else {}
        for key, name in (("n", "n_geanalyseerd"), ("uitgesloten", "n_uitgesloten")):
            if name in values:
                shown[(run, key)] = _shown_value(values[name])
            cells[(run, key)] = relative(values_file)
        flow = _read_shown(folder / "exclusiestroom.csv", {"fase", "aantal", "uitgevallen"})
        if flow is not None:
            for r in flow.itertuples():
                shown[(run, "stroom", r.fase)] = _shown_value(r.aantal)
                if str(r.uitgevallen).strip():
                    shown[(run, "uitgevallen", r.fase)] = _shown_value(r.uitgevallen)
        reasons = _read_shown(folder / "exclusieredenen.csv", {"fase", "reden", "aantal"})
        if reasons is not None:
            for r in reasons.itertuples():
                shown[(run, "reden", r.fase, r.reden)] = _shown_value(r.aantal)
        for path in sorted(folder.glob("regressie_*_stappen.csv")):
            model = _model_key(path)
            frame = _read_shown(path, {"n"})
            if model is None or frame.empty:
                raise _UnexpectedTable(f"{relative(path)}: geen modelnaam of geen stappen")
            models.add(model)
            value = _shown_value(frame["n"].iat[0])
            exact = exact_model_output(run) and isinstance(value, int)
            shown[(run, "model", *model)] = Exact(value) if exact else value
    # the categories of every table, from whichever runs publish it
    categories: dict[str, list[str]] = {}
    for run in RUNS:
        for name, frame in tables[run].items():
            column = "variabele" if name == "numeriek" else "categorie"
            for value in frame[column]:
                categories.setdefault(name, [])
                if value not in categories[name]:
                    categories[name].append(value)
            for r in frame.itertuples():
                shown[(run, name, getattr(r, column))] = _shown_value(r.n)
    stages = [s for (_, kind, s) in [k for k in shown if len(k) == 3 and k[1] == "stroom"]]
    stages = list(dict.fromkeys(stages))
    reason_keys = sorted({k[2:] for k in shown if len(k) == 4 and k[1] == "reden"})

    def cell(key, where="(niet gepubliceerd)"):
        cells.setdefault(key, where)
        return key

    for run in [*RUNS, UNKNOWN_PERCEEL]:
        n = cell((run, "n"))
        for name, cats in categories.items():
            if name == "numeriek":
                for variable in cats:
                    relations.append((n, (cell((run, name, variable)), cell((run, "numeriek-ontbreekt", variable)))))
            elif run != UNKNOWN_PERCEEL:
                relations.append((n, tuple(cell((run, name, c)) for c in cats)))
        for model in sorted(models):
            relations.append((n, (cell((run, "model", *model)), cell((run, "model-weggevallen", *model)))))
        if not stages:
            continue
        relations.append((n, (cell((run, "stroom", stages[-1])),)))
        relations.append((cell((run, "stroom", stages[0])), (n, cell((run, "uitgesloten")))))
        for before, stage in zip(stages, stages[1:]):
            dropped = cell((run, "uitgevallen", stage))
            relations.append((cell((run, "stroom", before)), (cell((run, "stroom", stage)), dropped)))
            relations.append((dropped, tuple(cell((run, "reden", s, label)) for s, label in reason_keys if s == stage)))
    flow_kinds = ("stroom", "uitgevallen", "uitgesloten", "reden")
    for key in list(cells):
        if key[0] != TOTAAL:
            continue
        parts = PERCELEN + ([UNKNOWN_PERCEEL] if key[1] in flow_kinds or key[1] == "n" else [])
        relations.append((key, tuple(cell((run, *key[1:])) for run in parts)))
    # a submission without a perceel never passes 'geschikt' (stated in the report): known zeros
    shown[(UNKNOWN_PERCEEL, "n")] = 0
    for stage in stages[stages.index("geschikt") :] if "geschikt" in stages else []:
        shown[(UNKNOWN_PERCEEL, "stroom", stage)] = 0
    # a reason a run's table does not list is a zero for that run
    for key in cells:
        if key[1] == "reden" and key[0] in RUNS and key not in shown and (key[0], "stroom", stages[0]) in shown:
            shown[key] = 0
    return shown, relations, cells


def audit_hidden_cells(build: Path, disclosure: Disclosure) -> list[Finding]:
    try:
        shown, relations, cells = published_structure(build)
    except _UnexpectedTable as exc:
        return [Finding(str(exc).split(":")[0], f"onverwachte tabelvorm, afleidbaarheid niet te controleren: {exc}")]
    if not relations:
        return []
    bounds = {k: disclosure.interval(shown[k]) if shown.get(k) is not None else (0, UNBOUNDED) for k in cells}
    hidden = [k for k in cells if shown.get(k) is None or isinstance(shown.get(k), str)]
    try:
        pinned = pinned_cells(bounds, relations, hidden)
    except ValueError as exc:
        return [Finding(relative(build), f"de gepubliceerde aantallen zijn tegenstrijdig: {exc}")]
    return [
        Finding(
            f"{relative(build / key[0])} ({cells[key]})",
            f"verborgen aantal {' / '.join(map(str, key[1:]))} is exact af te leiden: {value}",
        )
        for key, value in pinned.items()
        if 0 < value < disclosure.min_group_size
    ]


def audit_score_means(build: Path, disclosure: Disclosure) -> list[Finding]:
    """Hidden means of contribution scores that follow from the shown ones (chapter 8).

    Ties are counted in the published measures, so a mean is a sum: the programme's sum minus the shown
    percelen's sums is the sum of the hidden percelen together. That is a disclosure unless the hidden
    percelen together hold at least the threshold of respondents (the measures table counts them).
    """
    path = Path(build) / "partnerschappen" / "tables" / "netwerkmaten.csv"
    if not path.exists():
        return []
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    needed = {"perceel", "respondenten", "banden", "gemiddelde_bijdrage"}
    if needed - set(table.columns):
        return [
            Finding(
                relative(path),
                f"onverwachte tabelvorm: kolommen {sorted(needed - set(table.columns))} "
                f"ontbreken, afleidbaarheid van de gemiddelden niet te controleren",
            )
        ]
    rows = table[table["perceel"] != "programma"]
    programme = table[table["perceel"] == "programma"]
    shown = lambda value: str(value).strip() not in ("", "nan", "–")  # noqa: E731
    hidden = rows[(rows["respondenten"].astype(float) > 0) & ~rows["gemiddelde_bijdrage"].map(shown)]
    small = [
        r.perceel
        for r in rows.itertuples()
        if shown(r.gemiddelde_bijdrage) and 0 < float(r.respondenten) < disclosure.min_group_size
    ]
    findings = [
        Finding(
            relative(path),
            f"gemiddelde bijdrage van perceel {p} over minder dan {disclosure.min_group_size} respondenten",
        )
        for p in small
    ]
    together = int(hidden["respondenten"].astype(float).sum())
    if (
        len(hidden)
        and 0 < together < disclosure.min_group_size
        and (programme.empty or shown(programme["gemiddelde_bijdrage"].iat[0]))
    ):
        findings.append(
            Finding(
                relative(path),
                f"verborgen gemiddelde bijdrage van perceel "
                f"{', '.join(hidden['perceel'])} volgt uit het programmagemiddelde "
                f"en de getoonde percelen ({together} respondent(en) samen)",
            )
        )
    return findings


def audit_plans(build: Path, disclosure: Disclosure) -> list[Finding]:
    """The chapter 4 audit rebuilt from its published tables (themes, profiles, combinations, profiles by
    sector), with what a reader knows besides: the plans per perceel (§5.1.1, in the parameters) and the
    sectors of each perceel (Tabel 1; here from the register's sectors per perceel)."""
    from competentiecheck.privacy.plan_audit import audit_documents

    register = input_folder("documenten") / "plannen.csv"
    if not (Path(build) / "documenten" / "tables").exists() or not register.exists():
        return []
    plans = {n: int(load_params(f"perceel-{n}")["context"]["plannen_van_aanpak"] or 0) for n in range(1, 6)}
    table = pd.read_csv(register, dtype=str, keep_default_na=False)
    sectors: dict[int, set[str]] = {}
    for perceel, sector in zip(table.get("perceel", []), table.get("sector", [])):
        number = _number(perceel)
        if number is not None:
            sectors.setdefault(int(number), set()).add(sector.strip())
    return [
        Finding(where, what)
        for where, what in audit_documents(
            Path(build), disclosure, plans, sectors, min_cases=load_params("totaal")["disclosure"]["min_cases"]
        )
    ]


# --------------------------------------------------------------------------- claims


SMALL_N_IN_TEXT = re.compile(r"\bn\s*=\s*(\d+)\b")


def check_claims(path: Path, disclosure: Disclosure, secrets: set[str], file_names: frozenset[str]) -> list[Finding]:
    """A step's claims (``claims.csv``, listed in chapter 9 and its appendix): the same text checks as
    every output, no survey n of 1 … threshold − 1 in the n column or as 'n = k' in the numbers, and a
    claim that is not publishable shows no numbers."""
    if not path.exists():
        return []
    where = relative(path)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    findings = _check_text(path.read_text(encoding="utf-8"), where, secrets, file_names)
    for row in frame.itertuples(index=False):
        # as for the tables: the programme-wide steps count studies, plans, interviews and funds, which their
        # chapters publish exactly under their own rules (min_cases); the survey counts respondents
        shown = (
            [row.n] + [m.group(1) for m in SMALL_N_IN_TEXT.finditer(row.numbers)] if row.source == "vragenlijst" else []
        )
        for value in shown:
            n = _number(value)
            if n is not None and n.is_integer() and 0 < n < disclosure.min_group_size:
                findings.append(Finding(where, f"claim {row.id} ({row.run}): n = {int(n)} onder de drempel"))
        if row.outcome == "not publishable" and row.numbers.strip():
            findings.append(Finding(where, f"claim {row.id} ({row.run}): niet publiceerbaar maar met getallen"))
    return findings


def check_shipped_file(
    path: Path,
    disclosure: Disclosure,
    run: str | None = None,
    secrets: frozenset[str] = frozenset(),
    file_names: frozenset[str] = frozenset(),
) -> list[Finding]:
    """A file shipped next to a report other than its HTML and PDF (the manifest, published tables,
    data notes, checksums): identifiers and free text as everywhere; a CSV also by its columns, where
    a column 'count' counts people as 'n' does. A file of another kind is a finding: only what this
    check can read may be shipped."""
    path = Path(path)
    where = relative(path)
    if path.suffix.lower() not in SHIPPED_TEXT_SUFFIXES:
        return [Finding(where, f"bestandssoort '{path.suffix}' wordt niet gecontroleerd en mag niet mee")]
    text = path.read_text(encoding="utf-8")
    findings = _check_text(text, where, set(secrets), file_names)
    if path.suffix.lower() == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        headers, rows = list(frame.columns), frame.values.tolist()
        folded = [h.strip().casefold() for h in headers]
        findings += _check_columns(headers, rows, where, disclosure, run)
        for i, header in enumerate(folded):
            if header in SHIPPED_COUNT_HEADERS - COUNT_HEADERS:
                for row in rows:
                    problem = _count_problem(row[i], disclosure) if i < len(row) else None
                    if problem:
                        findings.append(Finding(where, f"kolom '{headers[i]}': {problem}"))
        findings += _check_small_aggregates(headers, rows, where, disclosure)
    return findings


# --------------------------------------------------------------------------- feedback reports per organisation

FEEDBACK_KINDS = {"rapport", "brief"}
APPROXIMATE_COUNT = re.compile(r"\bongeveer (\d+)\b")


def _organisation_means(processed: Path, scales: list[str]) -> dict[str, dict[str, str]]:
    """Each pseudonym's mean per scale as the reports show it (one decimal, decimal comma), computed here from
    the cleaned data (first wave when there are several), independently of the feedback step."""
    from competentiecheck.core.tables import fmt_number

    data = pd.read_parquet(Path(processed) / "vragenlijst.parquet")
    if "meting" in data and data["meting"].nunique() > 1:
        waves = data["meting"].dropna().unique()
        numbers = pd.to_numeric(pd.Series(waves), errors="coerce")
        if numbers.notna().all():
            first = waves[int(numbers.to_numpy().argmin())]
        else:
            first = next(w for w in waves if str(w).strip().casefold().startswith(("voor", "pre", "t0", "eerste")))
        data = data[data["meting"] == first]
    present = [s for s in scales if s in data]
    means = data[data["org_id"].notna()].groupby("org_id")[present].mean()
    return {
        org: {s: fmt_number(float(v), 1) for s, v in row.items() if v == v}
        for org, row in zip(means.index, means.to_dict("records"))
    }


def _figure_rows(soup) -> list[dict]:
    return [
        {
            "groep": g.get("data-groep"),
            "schaal": g.get("data-schaal"),
            "woorden": f"{g.get('data-gemiddelde')} ({g.get('data-ondergrens')}–{g.get('data-bovengrens')})",
            "gemiddelde": g.get("data-gemiddelde"),
        }
        for g in soup.find_all(attrs={"data-groep": True})
    ]


# figure rows of an organisation's own values: its first-wave means and its change between two waves (its matched
# pairs' means at each wave, the paired change); allowed in its own report only
OWN_GROUPS = ("organisatie", "voormeting", "nameting", "verandering")


def check_feedback(
    folder: Path,
    processed: Path,
    disclosure: Disclosure,
    secrets: set[str],
    file_names: frozenset[str],
    names: dict[str, str] | None = None,
) -> list[Finding]:
    """The feedback reports and letters (``build/feedback/``): an organisation's own values are allowed in its
    own report only. ``names``: code -> organisation name (default: the register of ``data/*/organisaties/``).

    * an 'organisatie' row of a report's figures shows the owner's own mean, computed here from the cleaned data
      (``team/organisaties.csv`` links the report's code to the pseudonym); a letter shows none;
    * no other organisation's shown values (mean with its interval, as its own report shows them, and its change
      between two waves: ``OWN_GROUPS``) and no other organisation's name (from the register) anywhere in the
      page or its PDF;
    * no pseudonym, free-text answer or free file name; counts of people ('ongeveer n') rounded and not small.
    """
    from bs4 import BeautifulSoup

    folder = Path(folder)
    team = folder / "team" / "organisaties.csv"
    if not team.exists():
        return []
    links = pd.read_csv(team, dtype=str, keep_default_na=False)
    owner = dict(zip(links["code"], links["org_id"]))
    kind_of = dict(zip(links["code"], links["soort"]))
    register = next(
        (p for p in input_files(input_folder("organisaties")) if p.name.casefold().startswith("organisaties.")), None
    )
    if names is None and register is not None:  # code -> name, from the register
        table = read_table(register, ["code", "organisatie"], what="het organisatieregister")
        names = {c.strip(): n.strip() for c, n in zip(table["code"], table["organisatie"]) if n.strip()}
    names = names or {}
    pages = {}
    for code, kind in sorted(kind_of.items()):
        html = folder / code / f"{kind}.html"
        pdf = folder / code / f"{kind}.pdf"
        if not html.exists():
            continue
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        rows = _figure_rows(soup)
        for tag in soup(["script", "style"]):
            tag.decompose()
        text = soup.get_text(" ") + "\n" + (_pdf_text(pdf) if pdf.exists() else "")
        pages[code] = (html, rows, text)
    scales = sorted({r["schaal"] for _, rows, _ in pages.values() for r in rows if r["schaal"]})
    truth = _organisation_means(processed, scales) if scales else {}
    own_words = {code: {r["woorden"] for r in rows if r["groep"] in OWN_GROUPS} for code, (_, rows, _) in pages.items()}
    findings: list[Finding] = []
    for code, (html, rows, text) in pages.items():
        where = relative(html)
        allowed = {r["woorden"] for r in rows}
        expected = truth.get(owner.get(code, ""), {})
        for r in rows:
            if r["groep"] not in OWN_GROUPS:
                continue
            if kind_of[code] != "rapport":
                findings.append(Finding(where, f"een brief met cijfers van de organisatie ({r['schaal']})"))
            elif r["groep"] == "organisatie" and expected.get(r["schaal"]) != r["gemiddelde"]:
                others = [o for o, m in truth.items() if o != owner.get(code) and m.get(r["schaal"]) == r["gemiddelde"]]
                what = "van een andere organisatie" if others else "die niet uit de gegevens van deze organisatie volgt"
                findings.append(Finding(where, f"schaal {r['schaal']}: een gemiddelde {what}"))
        for other, words in own_words.items():
            leaked = sorted(w for w in words - allowed if other != code and w in text)
            if leaked:
                findings.append(Finding(where, f"{len(leaked)} waarde(n) uit het rapport van een andere organisatie"))
        for other, name in names.items():
            if (
                other != code
                and len(name) >= 4
                and name.casefold() not in names.get(code, "").casefold()
                and name in text
            ):
                findings.append(Finding(where, f"naam van een andere organisatie: {_describe(name)}"))
        for match in APPROXIMATE_COUNT.finditer(text):
            problem = _count_problem(match.group(1), disclosure)
            if problem:
                findings.append(Finding(where, problem))
        findings += _check_text(text, where, secrets, file_names)
    index = folder / "index.html"
    if index.exists():
        findings += _check_text(_html_tables_and_text(index)[1], relative(index), secrets, file_names)
    return list(dict.fromkeys(findings))


# --------------------------------------------------------------------------- everything


def check_outputs(
    output_dir: Path = REPORT_OUTPUT,
    build: Path = BUILD,
    processed: Path = PROCESSED,
    disclosure: Disclosure | None = None,
    feedback: Path | None = None,
) -> list[Finding]:
    """Every finding in the published reports and the build tables, fragments, values and claims that
    feed them, and in the feedback reports per organisation (``build/feedback/`` of ``build``)."""
    disclosure = disclosure or Disclosure.from_params(load_params("totaal"))
    secrets = _secrets(processed)
    file_names = frozenset(_free_file_names())
    names, allow = _qualitative_names()
    findings: list[Finding] = []
    for path in sorted(Path(output_dir).rglob("*.html")):
        tables, text = _html_tables_and_text(path)
        run = next((part for part in path.relative_to(output_dir).parts if part in RUNS), None)
        for headers, rows in tables:
            findings += _check_columns(headers, rows, relative(path), disclosure, run)
            findings += _check_small_aggregates(headers, rows, relative(path), disclosure)
        findings += _check_text(text, relative(path), secrets, file_names)
    for path in sorted(Path(output_dir).rglob("*.pdf")):
        findings += _check_text(_pdf_text(path), relative(path), secrets, file_names)
    for path in sorted(Path(output_dir).rglob("*")):  # what is shipped beside the reports (audit folder)
        parts = path.relative_to(output_dir).parts
        if (
            path.is_file()
            and path.suffix.lower() not in (".html", ".pdf")
            and not any(p.startswith(".") for p in parts)
        ):
            run = next((part for part in parts if part in RUNS), None)
            findings += check_shipped_file(path, disclosure, run, frozenset(secrets), file_names)
    for run in [*RUNS, *PROGRAMME_STEPS]:  # the programme-wide steps feed every report too
        folder = Path(build) / run
        for path in sorted((folder / "tables").glob("*.csv")):
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            headers, rows = list(frame.columns), frame.values.tolist()
            # literature records and interview counts are not counts of respondents: no rounding rule there
            findings += _check_columns(headers, rows, relative(path), disclosure, run, counts_of_people=run in RUNS)
            findings += _check_small_aggregates(headers, rows, relative(path), disclosure)
            if run in QUALITATIVE_STEPS:
                findings += _check_precision(headers, rows, relative(path))
                findings += _check_quotes(headers, rows, relative(path), names, allow)
            findings += _check_text(path.read_text(encoding="utf-8"), relative(path), secrets, file_names)
        for path in (
            sorted((folder / "fragments").glob("*.md"))
            + sorted(folder.glob("values*.yml"))
            + sorted((folder / "values").glob("*.yml"))
        ):
            findings += _check_text(path.read_text(encoding="utf-8"), relative(path), secrets, file_names)
        for path in sorted(folder.glob("values*.yml")) + sorted((folder / "values").glob("*.yml")):
            values = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for key in sorted(COUNT_VALUE_KEYS & set(values)):
                problem = _count_problem(values[key], disclosure)
                if problem:
                    findings.append(Finding(relative(path), f"{key}: {problem}"))
        findings += check_claims(folder / CLAIMS_FILE, disclosure, secrets, file_names)
    findings += audit_hidden_cells(Path(build), disclosure)
    findings += audit_score_means(Path(build), disclosure)
    findings += audit_plans(Path(build), disclosure)
    findings += check_feedback(
        Path(feedback or Path(build) / "feedback"), Path(processed), disclosure, secrets, file_names
    )
    return list(dict.fromkeys(findings))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Controleer alle uitvoer op de privacybelofte.")
    parser.add_argument("--output", type=Path, default=REPORT_OUTPUT, help="map met de gepubliceerde rapporten")
    parser.add_argument("--build", type=Path, default=BUILD, help="map met de tabellen die de rapporten voeden")
    parser.add_argument(
        "--processed", type=Path, default=PROCESSED, help="opgeschoonde data (bron van identificatoren)"
    )
    args = parser.parse_args(argv)
    if not any(Path(args.output).rglob("*.html")):
        print(f"Geen rapporten in {relative(args.output)}: voer eerst `make report` uit.", file=sys.stderr)
        return 2
    findings = check_outputs(args.output, args.build, args.processed)
    for finding in findings:
        print(finding)
    checked = len(list(Path(args.output).rglob("*.html"))) + len(list(Path(args.output).rglob("*.pdf")))
    checked += len(list((Path(args.build) / "feedback").glob("*/*.html")))  # the feedback pages (their PDFs too)
    if findings:
        print(f"Uitvoercontrole: {len(findings)} bevinding(en) in {relative(ROOT)}; niets publiceren.", file=sys.stderr)
        return 1
    print(f"Uitvoercontrole: geen bevindingen ({checked} HTML- en PDF-bestanden, tabellen in {relative(args.build)}).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
