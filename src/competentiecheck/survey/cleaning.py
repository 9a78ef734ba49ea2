"""From raw survey exports to one analysable table, with every exclusion counted and explained.

Steps, in this order (each row that leaves the flow gets a reason):

1. read every export in the survey folder and map its columns onto codebook ids (by id, by the
   survey tool's column name, or by the question wording in any codebook language);
2. validate every value (codes, labels in any language, ranges); the first bad cell stops the run
   with file, row, column and value named;
3. received -> consented (consent answered 'yes') -> eligible (perceel known, age >= min_age when
   given) -> unique (duplicate submissions removed, see :func:`find_duplicates`) -> analysed (enough
   scale items answered);
4. reverse-code and compute scale scores (:mod:`competentiecheck.survey.scoring`).

Waves (:mod:`competentiecheck.survey.waves`): every export, or every row, belongs to a measurement
wave (column ``meting``); stages 3 run per wave (a respondent answering twice is no duplicate), the flow
and exclusions carry the wave, and when two waves are present the analysed respondents are matched on
their self-generated code in memory; only its salted pseudonym (``koppelcode``) and the status of the
match (``koppeling``) reach the output.

Organisation names are replaced by salted pseudonyms while reading; free text is split off into its
own table that stays in ``data/processed``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import ROOT, public_name, relative, survey_folder
from competentiecheck.core.readers import SUPPORTED_SUFFIXES, RawExport, read_export
from competentiecheck.privacy.pseudonymise import pseudonym, resolve_salt
from competentiecheck.survey.codebook import Codebook, Variable, normalise_text
from competentiecheck.survey.scoring import reverse_code, score_scales
from competentiecheck.survey.waves import code_pseudonym, match_codes, normalise_code, wave_labels

__all__ = ["CleanResult", "clean_survey", "survey_source", "convert_export", "find_duplicates", "FLOW_STAGES"]

FLOW_STAGES = ["ontvangen", "toestemming", "geschikt", "uniek", "geanalyseerd"]
FREE_TEXT = ["sector_tekst", "geslacht_tekst", "contract_tekst", "statuut_tekst"]
_TRUE = {"true", "1", "waar", "ja", "yes", "vrai", "oui"}
# survey-tool statuses that are not a respondent's answers (text or numeric code)
NOT_A_RESPONSE = {
    "survey preview": "voorbeeldweergave",
    "1": "voorbeeldweergave",
    "survey test": "testinzending",
    "2": "testinzending",
    "spam": "spam",
    "8": "spam",
    "preview spam": "spam",
    "9": "spam",
}
_FALSE = {"false", "0", "onwaar", "nee", "no", "faux", "non"}
_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d-%m-%Y %H:%M",
    "%Y-%m-%d",
    "%d/%m/%Y",
)


@dataclass
class CleanResult:
    """Everything the cleaning step produces.

    data : analysed respondents of every wave, one row each (``respondent_id`` R0001 …, first wave
        first), ``meting``, ``koppelcode`` (pseudonym), ``koppeling`` (status), items, scale scores.
    free_text : free-text answers by ``respondent_id`` (stay in data/processed).
    exclusions : one row per excluded submission: file, row, perceel, stage, reason, wave.
    flow : counts per perceel through the stages of ``FLOW_STAGES``, per wave (column ``meting``).

    :meth:`wave` gives the same for one wave (the first by default) in the single-wave form.
    sources : one row per export file: format, language, version, mode, rows.
    """

    data: pd.DataFrame
    free_text: pd.DataFrame
    exclusions: pd.DataFrame
    flow: pd.DataFrame
    sources: pd.DataFrame
    salt_note: str = ""
    salt_fingerprint: str = ""

    @property
    def waves(self) -> list[str]:
        """The waves present, in the order of ``waves.labels``."""
        return list(dict.fromkeys(self.flow["meting"])) if "meting" in self.flow else []

    def wave(self, label: str | None = None) -> CleanResult:
        """The result of one wave (default the first) as a single-wave step made it: the flow and the
        exclusions without the ``meting`` column (the sample description of the reports)."""
        label = label or self.waves[0]
        flow = self.flow[self.flow["meting"] == label].drop(columns=["meting"]).reset_index(drop=True)
        exclusions = self.exclusions[self.exclusions["meting"] == label].drop(columns=["meting"])
        return CleanResult(
            data=self.data[self.data["meting"] == label].reset_index(drop=True),
            free_text=self.free_text,
            exclusions=exclusions.reset_index(drop=True),
            flow=flow,
            sources=self.sources[self.sources["meting"].str.split(", ").map(lambda w: label in w)].reset_index(
                drop=True
            ),
            salt_note=self.salt_note,
            salt_fingerprint=self.salt_fingerprint,
        )


# --------------------------------------------------------------------------- column mapping


def map_columns(export: RawExport, codebook: Codebook) -> tuple[list[str], str]:
    """Codebook id of every column, and the language of the question wordings (``nl`` if none)."""
    lookup = codebook.header_lookup()
    ids: list[str] = []
    langs: dict[str, int] = {}
    for header, text in zip(export.headers, export.header_texts):
        found = None
        # online tools prefix matrix rows with the question stem: "Stem - Item text"
        tail = text.rsplit(" - ", 1)[-1] if text else None
        for candidate in (header, text, tail):
            if candidate:
                hit = lookup.get(normalise_text(candidate))
                if hit:
                    found = hit
                    break
        if found is None:
            shown = header if not text else f"{header} ({text[:60]})"
            raise InputError(
                "onbekende kolom: niet in het codeboek (data/codebook/vragenlijst.yml)", file=export.name, column=shown
            )
        var_id, lang = found
        if var_id in ids and codebook.variables[var_id].role != "ignore":
            raise InputError(
                f"kolom komt twee keer voor (beide gekoppeld aan '{var_id}')", file=export.name, column=header
            )
        ids.append(var_id)
        if lang:
            langs[lang] = langs.get(lang, 0) + 1
    return ids, (max(langs, key=langs.get) if langs else "nl")


# --------------------------------------------------------------------------- value conversion


def _number(text: str, decimal: str) -> float:
    t = text.replace("\u00a0", "").replace(" ", "")
    if decimal == ",":
        t = t.replace(",", ".")
    if not re.fullmatch(r"[-+]?\d+(\.\d+)?", t):
        raise ValueError
    return float(t)


def _convert_value(var: Variable, text: str | None, export: RawExport, row: int, column: str, salt: str):
    if text is None:
        return None

    def fail(reason: str):
        # free-text and identifying columns are never quoted; coded columns are, unless the value looks personal
        private = var.kind in ("text", "organisation", "selfcode") or var.role in ("reference", "status", "ignore")
        raise InputError(reason, file=export.name, row=row, column=column, value=text, private=private)

    if var.kind in ("item", "category"):
        try:
            number = _number(text, export.decimal)
        except ValueError:
            code = var.label_lookup().get(normalise_text(text))
            if code is None:
                if var.labels:
                    shown = "; ".join(f"{c} = {l}" for c, l in var.dutch_labels().items())
                    fail(f"tekst die geen antwoordoptie is (toegelaten: {shown})")
                fail(f"geen getal (toegelaten: {var.minimum:g} tot {var.maximum:g})")
            return code
        if not number.is_integer() or int(number) not in var.codes:
            fail(f"buiten het bereik van de antwoordschaal (toegelaten codes: {', '.join(str(c) for c in var.codes)})")
        return int(number)
    if var.kind == "number" or (var.kind == "admin" and var.role in ("perceel", "progress")):
        try:
            number = _number(text, export.decimal)
        except ValueError:
            hint = " (decimaalteken is een komma in dit bestand)" if export.decimal == "," else ""
            fail(f"geen getal{hint}")
        if var.integer and not number.is_integer():
            fail("moet een geheel getal zijn")
        if var.minimum is not None and number < var.minimum or var.maximum is not None and number > var.maximum:
            fail(f"buiten het toegelaten bereik {var.minimum:g} tot {var.maximum:g}")
        return int(number) if var.integer else number
    if var.kind == "organisation":
        return pseudonym(text, salt)
    if var.kind == "selfcode":
        # kept in memory for matching only; clean_survey replaces it by its pseudonym
        return normalise_code(text)
    if var.kind == "admin" and var.role == "wave":
        return text.strip()
    if var.kind == "text" or (var.kind == "admin" and var.role in ("reference", "status")):
        return text
    if var.kind == "admin" and var.role == "finished":
        folded = text.casefold()
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
        fail("geen waar/onwaar-waarde")
    if var.kind == "admin" and var.role == "submitted":
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, fmt)
            except ValueError:
                continue
        fail("geen datum en tijd (verwacht bv. 2024-03-05 14:22:10 of 05/03/2024 14:22)")
    if var.kind == "admin" and var.role == "ignore":
        return None
    fail(f"onbekend soort variabele {var.kind!r}")  # pragma: no cover


def check_required_columns(export: RawExport, ids: list[str], codebook: Codebook) -> str:
    """Every column the codebook requires, and every scale item of the export's version, is there.

    Returns the version (``lang`` or ``kort``). A missing column would silently drop respondents
    (no perceel, no consent) or scales, so it stops the run before anything is written.
    """
    present = set(ids)
    long_only = {v.id for v in codebook.items if v.versions == ("lang",)}
    version = "lang" if long_only & present else "kort"
    missing = [v.id for v in codebook.variables.values() if v.required and v.id not in present]
    missing += [
        v.id for v in codebook.items if v.scale and (not v.versions or version in v.versions) and v.id not in present
    ]
    if missing:
        raise InputError(
            f"verplichte kolom(men) ontbreken in deze export ({version}e versie): {', '.join(missing)}",
            file=export.name,
            column=missing[0],
        )
    return version


def check_value_labels(export: RawExport, ids: list[str], codebook: Codebook, recode: bool) -> dict[str, dict]:
    """Compare the value labels an export carries (SPSS) with the codebook's labels.

    A code whose label means another answer (an English export with 1 = Strongly agree where the
    codebook has 1 = helemaal niet akkoord) is an error naming file, variable, code, the label found
    and the label expected. With ``recode`` the column is recoded by label instead; the returned
    mapping (column -> {code in file: codebook code}) is listed in the sources table.
    """
    recodes: dict[str, dict] = {}
    for header, var_id in zip(export.headers, ids):
        found = export.value_labels.get(header)
        var = codebook.variables[var_id]
        if not found or not var.labels or var.role == "ignore":
            continue
        lookup = var.label_lookup()
        language = next(
            (
                lang
                for lang, labels in var.labels.items()
                if any(normalise_text(l) in {normalise_text(f) for f in found.values()} for l in labels)
            ),
            "nl",
        )
        expected = dict(zip(var.codes, var.labels.get(language, var.labels[next(iter(var.labels))])))
        mapping = {}
        for code, label in sorted(found.items()):
            code = int(code) if float(code).is_integer() else code
            meant = lookup.get(normalise_text(label))
            if meant == code:
                continue
            if recode and meant is not None:
                mapping[code] = meant
                continue
            wanted = expected.get(code, "geen code in het codeboek")
            raise InputError(
                f"waardelabel wijkt af van het codeboek: code {code} heeft label {label!r}, verwacht {wanted!r}"
                + (
                    ""
                    if meant is None
                    else f" (dat label hoort bij code {meant}; zet input.recode_by_label: true "
                    f"om op label te hercoderen)"
                ),
                file=export.name,
                column=header,
            )
        if mapping:
            recodes[header] = mapping
    return recodes


# kinds whose converted value is a function of the cell text alone (codes, numbers, the salted pseudonym)
_MEMO_KINDS = frozenset({"item", "category", "number", "organisation"})


def convert_export(export: RawExport, codebook: Codebook, salt: str, recode_by_label: bool = False) -> pd.DataFrame:
    """Typed values of one export, keyed by codebook id, plus provenance columns.

    Provenance: ``_bron`` (file), ``_rij`` (row number in the file), ``_taal``, ``_versie`` (lang/kort),
    ``_modus`` (digitaal/papier). ``frame.attrs['hercoderingen']`` lists columns recoded by label.
    """
    ids, language = map_columns(export, codebook)
    version = check_required_columns(export, ids, codebook)
    recodes = check_value_labels(export, ids, codebook, recode_by_label)
    records = []
    # a coded cell's value depends on its text only: convert each distinct text once per column (an
    # export of thousands of rows repeats a few answers); a bad one fails in its first row, as before
    memo: dict[tuple[str, str], object] = {}
    for row, number in zip(export.rows, export.row_numbers):
        rec = {}
        for value, var_id, header in zip(row, ids, export.headers):
            var = codebook.variables[var_id]
            if var.role == "ignore":
                continue
            if var.kind in _MEMO_KINDS:
                converted = memo.get((header, value), memo)
                if converted is memo:
                    converted = memo[header, value] = _convert_value(var, value, export, number, header, salt)
            else:
                converted = _convert_value(var, value, export, number, header, salt)
            if header in recodes and converted is not None:
                converted = recodes[header].get(converted, converted)
            rec[var_id] = converted
        records.append(rec)
    frame = pd.DataFrame.from_records(
        records, columns=[i for i in dict.fromkeys(ids) if codebook.variables[i].role != "ignore"]
    )
    frame["_versie"] = version
    frame["_modus"] = "digitaal" if {"respondent_ref", "afgerond"} & set(ids) and export.format != "xlsx" else "papier"
    frame["_taal"] = language
    frame["_bron"] = export.name
    frame["_rij"] = export.row_numbers
    frame.attrs["hercoderingen"] = "; ".join(
        f"{h}: " + ", ".join(f"{a}→{b}" for a, b in m.items()) for h, m in recodes.items()
    )
    return frame


# --------------------------------------------------------------------------- duplicates


def find_duplicates(frame: pd.DataFrame, key: list[str], items: list[str], min_agreement: float) -> dict[int, int]:
    """Map each duplicate row (index) to the row that is kept.

    Two rows are the same respondent when all ``key`` columns are equal (missing equals missing) and
    at least ``min_agreement`` of the items answered in both rows are equal. Within a cluster the
    row with the most answered items is kept; ties go to the earliest ``ingediend_op``, then to the
    first row read.
    """
    missing_key = [k for k in key if k not in frame.columns]
    if missing_key:
        raise ValueError(f"duplicates.key bevat onbekende kolommen: {missing_key}")
    parent = {i: i for i in frame.index}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    keyed = frame[key].astype("object").where(frame[key].notna(), "<leeg>")
    values = frame[items].to_numpy(dtype=float)
    position = {idx: n for n, idx in enumerate(frame.index)}
    for _, group in keyed.groupby(key, sort=False, dropna=False):
        members = list(group.index)
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                va, vb = values[position[a]], values[position[b]]
                both = ~np.isnan(va) & ~np.isnan(vb)
                if both.sum() == 0:
                    continue
                if (va[both] == vb[both]).mean() >= min_agreement:
                    parent[root(b)] = root(a)
    clusters: dict[int, list[int]] = {}
    for i in frame.index:
        clusters.setdefault(root(i), []).append(i)
    answered = frame[items].notna().sum(axis=1)
    submitted = frame.get("ingediend_op", pd.Series(pd.NaT, index=frame.index))
    submitted = pd.to_datetime(submitted).fillna(pd.Timestamp.max)
    duplicates: dict[int, int] = {}
    for members in clusters.values():
        if len(members) < 2:
            continue
        keep = sorted(members, key=lambda i: (-answered[i], submitted[i], position[i]))[0]
        for i in members:
            if i != keep:
                duplicates[i] = keep
    return duplicates


def _same_response_id(raw: pd.DataFrame, codebook: Codebook) -> pd.Series:
    """Rows whose survey-tool response id occurred before: the same submission exported twice.

    Identical answers: the later row is excluded (the returned Series names the row kept). Different
    answers under one id cannot be two respondents nor one: an error naming both places (the id itself
    is an identifier and is not quoted). Only ids of the online tool count: numbers the team writes on
    paper forms may start again in every batch.
    """
    kept = pd.Series(None, index=raw.index, dtype=object)
    if "respondent_ref" not in raw.columns:
        return kept
    raw = raw[raw["_modus"] == "digitaal"]
    answers = [
        v.id for v in codebook.variables.values() if v.kind in ("item", "category", "number") and v.id in raw.columns
    ] + ["perceel"]
    first: dict[str, int] = {}
    for i, ref in raw["respondent_ref"].items():
        if ref is None or (isinstance(ref, float) and np.isnan(ref)):
            continue
        if ref not in first:
            first[ref] = i
            continue
        j = first[ref]
        a, b = raw.loc[j, answers], raw.loc[i, answers]
        differ = [c for c in answers if not (pd.isna(a[c]) and pd.isna(b[c])) and a[c] != b[c]]
        if differ:
            raise InputError(
                f"dezelfde response-id als {raw.at[j, '_bron']} rij {raw.at[j, '_rij']}, maar met andere antwoorden "
                f"(bv. kolom '{differ[0]}'): één inzending kan geen twee verschillende antwoorden hebben",
                file=raw.at[i, "_bron"],
                row=raw.at[i, "_rij"],
                column="respondent_ref",
            )
        kept[i] = f"{raw.at[j, '_bron']} rij {raw.at[j, '_rij']}"
    return kept


# --------------------------------------------------------------------------- the whole step


def list_exports(raw_dir: Path) -> list[Path]:
    """Export files in the survey folder, sorted by name. Other files are ignored except documented ones."""
    files = sorted(p for p in Path(raw_dir).iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
    if not files:
        raise InputError("geen exports gevonden (verwacht .csv, .xlsx of .sav)", file=relative(Path(raw_dir)))
    return files


def survey_source(raw_dir: Path | None = None) -> Path:
    """Folder of the exports: the one given, else data/raw/survey when it holds exports, else the demo."""
    if raw_dir is not None:
        return Path(raw_dir)
    return survey_folder()


def clean_survey(raw_dir: Path, codebook: Codebook, params: dict) -> CleanResult:
    """Run the whole cleaning step on every export in ``raw_dir``. Nothing is written here."""
    exports = list_exports(raw_dir)
    salt = resolve_salt(exports, ROOT / params["pseudonymisation"]["salt_file"])
    frames, sources = [], []
    for path in exports:
        export = read_export(path, sheet=params["input"]["xlsx_sheet"], known_header=codebook.knows_header)
        frame = convert_export(export, codebook, salt.value, params["input"]["recode_by_label"])
        column = next((h for h, i in zip(export.headers, map_columns(export, codebook)[0]) if i == "meting"), "meting")
        values = frame["meting"].tolist() if "meting" in frame else [None] * len(frame)
        frame["meting"] = wave_labels(values, frame["_rij"].tolist(), export.name, column, params)
        frames.append(frame)
        # a name the team chose may point to an organisation: the published table shows 'bestand k'
        sources.append(
            {
                "bestand": Path(public_name(path)).name,
                "formaat": export.format,
                "blad": export.sheet or "",
                "taal": frame["_taal"].iat[0],
                "versie": frame["_versie"].iat[0],
                "modus": frame["_modus"].iat[0],
                "rijen": len(frame),
                "hercodeerd_op_label": frame.attrs["hercoderingen"],
                "meting": ", ".join(dict.fromkeys(frame["meting"])),
            }
        )
    raw = pd.concat(frames, ignore_index=True)
    order = {label: n for n, label in enumerate(params["waves"]["labels"])}
    present = sorted(set(raw["meting"]), key=order.get)
    if len(present) > 2:
        raise InputError(
            f"meer dan twee meetmomenten in de exports ({', '.join(present)}): de koppeling ondersteunt een voor- "
            "en een nameting",
            file=relative(Path(raw_dir)),
        )
    if len(present) > 1:
        # without the code column an export's respondents can never be matched: stop, name the file
        for frame in frames:
            if "koppelcode" not in frame.columns:
                raise InputError(
                    f"de kolom met de zelfgegenereerde code (koppelcode) ontbreekt, terwijl de exports "
                    f"{len(present)} meetmomenten bevatten ({', '.join(present)}): zonder code kan niemand "
                    f"van meting {frame['meting'].iat[0]!r} gekoppeld worden",
                    file=frame["_bron"].iat[0],
                    column="koppelcode",
                )
    same_id = _same_response_id(raw, codebook)
    for var_id, var in codebook.variables.items():
        if var_id not in raw.columns and var.role != "ignore":
            raw[var_id] = None
    # the organisation column holds salted pseudonyms from here on
    raw = raw.rename(columns={"organisatie": "org_id"})
    items = [v.id for v in codebook.items]
    raw[items] = raw[items].astype(float)
    raw["perceel_label"] = raw["perceel"].map(lambda p: f"perceel-{int(p)}" if pd.notna(p) else "onbekend")

    stage = pd.Series("geanalyseerd", index=raw.index, dtype=object)
    reason = pd.Series("", index=raw.index, dtype=object)

    def exclude(mask: pd.Series, at: str, why) -> None:
        mask = mask & (stage == "geanalyseerd")
        stage[mask] = at
        reason[mask] = why if isinstance(why, str) else why[mask]

    consent = raw["toestemming"]
    exclude(consent == 0, "toestemming", "geen toestemming gegeven")
    exclude(consent.isna(), "toestemming", "toestemmingsvraag niet beantwoord")
    status = raw["inzendingstatus"].map(
        lambda v: NOT_A_RESPONSE.get(str(v).strip().casefold()) if pd.notna(v) else None
    )
    exclude(status.notna(), "geschikt", "geen antwoord van een respondent: " + status.fillna(""))
    exclude(raw["perceel"].isna(), "geschikt", "perceel onbekend")
    min_age = params["eligibility"]["min_age"]
    exclude(raw["leeftijd"] < min_age, "geschikt", f"jonger dan {min_age} jaar")

    exclude(same_id.notna(), "uniek", "dezelfde inzending twee keer geëxporteerd; behouden: " + same_id.fillna(""))
    scale_items = codebook.scale_items
    candidates = raw[stage == "geanalyseerd"]
    # one respondent answers once per wave: duplicates are looked for within a wave
    duplicates: dict[int, int] = {}
    for _, in_wave in candidates.groupby("meting", sort=False):
        duplicates.update(
            find_duplicates(
                in_wave, params["duplicates"]["key"], scale_items, params["duplicates"]["min_item_agreement"]
            )
        )
    if duplicates:
        dup_mask = raw.index.isin(list(duplicates))
        why = pd.Series("", index=raw.index, dtype=object)
        for i, keep in duplicates.items():
            why[i] = f"dubbele inzending; behouden: {raw.at[keep, '_bron']} rij {raw.at[keep, '_rij']}"
        exclude(pd.Series(dup_mask, index=raw.index), "uniek", why)

    share = raw[scale_items].notna().mean(axis=1)
    min_share = params["analysable"]["min_items_share"]
    why = share.map(lambda s: f"onvoldoende ingevuld ({s:.0%} van de schaalitems beantwoord, minimum {min_share:.0%})")
    exclude(share < min_share, "geanalyseerd", why)
    # rows whose stage is still 'geanalyseerd' with an empty reason are analysed
    analysed_mask = reason == ""

    flow = pd.concat(
        [
            _flow_table(raw["perceel_label"][in_wave], stage[in_wave], analysed_mask[in_wave]).assign(meting=label)
            for label in present
            for in_wave in [raw["meting"] == label]
        ],
        ignore_index=True,
    )
    exclusions = pd.DataFrame(
        {
            "bestand": raw["_bron"],
            "rij": raw["_rij"],
            "perceel": raw["perceel_label"],
            "uitgesloten_bij": stage,
            "reden": reason,
            "meting": raw["meting"],
        }
    )[~analysed_mask]
    exclusions = exclusions.sort_values(["bestand", "rij"], kind="stable").reset_index(drop=True)

    data = raw[analysed_mask].copy()
    data["_wave_order"] = data["meting"].map(order)
    data = data.sort_values(["_wave_order", "perceel", "_bron", "_rij"], kind="stable").reset_index(drop=True)
    data.insert(0, "respondent_id", [f"R{n:04d}" for n in range(1, len(data) + 1)])
    codes = data["koppelcode"] if "koppelcode" in data else pd.Series(None, index=data.index, dtype=object)
    if len(present) == 2:
        matched = match_codes(
            pd.DataFrame({"meting": data["meting"], "perceel": data["perceel"], "code": codes}),
            present[0],
            present[1],
            params["waves"]["max_typos"],
        )
        data["koppeling"] = matched["koppeling"]
        codes = matched["paarcode"]
    else:
        data["koppeling"] = None
    # the characters of the codes end here: only their salted pseudonym is kept
    data["koppelcode"] = [code_pseudonym(c, salt.value) for c in codes]
    data = reverse_code(data, codebook)
    scores = score_scales(data, codebook, params["scoring"]["min_items_answered"])
    data = pd.concat([data, scores], axis=1)
    data["leidinggevend"] = data["functie"].map(lambda f: np.nan if pd.isna(f) else float(f >= 2))
    # dummy for models: 1 = vrouw, 0 = man; other answers and 'geen informatie' are missing
    data["vrouw"] = data["geslacht"].map({1: 1.0, 2: 0.0})
    free_text = data[["respondent_id"] + FREE_TEXT].copy()
    free_text = free_text[free_text[FREE_TEXT].notna().any(axis=1)].reset_index(drop=True)
    data = data.rename(columns={"_taal": "taal", "_versie": "versie", "_modus": "modus"})
    data = data[_output_columns(codebook, data)]
    return CleanResult(
        data=data,
        free_text=free_text,
        exclusions=exclusions,
        flow=flow,
        sources=pd.DataFrame(sources),
        salt_note=salt.note,
        salt_fingerprint=salt.fingerprint,
    )


def _output_columns(codebook: Codebook, data: pd.DataFrame) -> list[str]:
    background = [
        v.id for v in codebook.variables.values() if v.kind in ("category", "number") and v.id != "toestemming"
    ]
    items = []
    for var in codebook.items:
        items.append(var.id)
        if f"{var.id}_r" in data.columns:
            items.append(f"{var.id}_r")
    return (
        ["respondent_id", "meting", "koppelcode", "koppeling", "perceel", "taal", "versie", "modus", "org_id"]
        + background
        + ["leidinggevend", "vrouw"]
        + items
        + list(codebook.scales)
    )


def _flow_table(perceel: pd.Series, stage: pd.Series, analysed: pd.Series) -> pd.DataFrame:
    """Counts per perceel at each stage: a row counts at a stage when it was not excluded before it."""
    order = {s: n for n, s in enumerate(FLOW_STAGES)}
    # position reached: excluded at stage k means it passed stages < k
    reached = stage.map(order) - 1
    reached[analysed] = len(FLOW_STAGES) - 1
    rows = []
    labels = sorted(perceel.unique(), key=lambda p: (p == "onbekend", p))
    for label in labels + ["totaal"]:
        mask = perceel == label if label != "totaal" else pd.Series(True, index=perceel.index)
        counts = {s: int((reached[mask] >= n).sum()) for n, s in enumerate(FLOW_STAGES)}
        rows.append({"run": label, **counts})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- writing and command line

PROCESSED_LABELS = {
    "respondent_id": "Respondentnummer (volgnummer na opschonen)",
    "meting": "Meetmoment (waves.labels in params)",
    "koppelcode": "Zelfgegenereerde code (gezouten pseudoniem; bij een koppeling die van de voormeting)",
    "koppeling": "Koppeling tussen de metingen (status)",
    "perceel": "Perceel",
    "taal": "Taal van de vragenlijst",
    "versie": "Versie (lang/kort)",
    "modus": "Digitaal of papier",
    "org_id": "Organisatie (gezouten pseudoniem)",
    "leidinggevend": "Leidinggevende functie (1 = ja)",
    "vrouw": "Vrouw (1) of man (0); andere antwoorden ontbreken",
}


def write_cleaned(result: CleanResult, codebook: Codebook, processed_dir: Path) -> list[Path]:
    """Write all outputs of the cleaning step at once (staged: all files or none)."""
    from competentiecheck.core.outputs import staged_outputs, write_table
    from competentiecheck.survey.spss import write_sav

    names = [
        "vragenlijst.parquet",
        "vragenlijst.csv",
        "vragenlijst.sav",
        "exclusies.csv",
        "exclusiestroom.csv",
        "bronnen.csv",
        "vrije_tekst.csv",
        "pseudonimisering.json",
    ]
    with staged_outputs(processed_dir) as staging:
        result.data.to_parquet(staging / "vragenlijst.parquet", index=False)
        write_table(result.data, staging / "vragenlijst.csv")
        write_sav(result.data, staging / "vragenlijst.sav", codebook, PROCESSED_LABELS)
        write_table(result.exclusions, staging / "exclusies.csv")
        write_table(result.flow, staging / "exclusiestroom.csv")
        write_table(result.sources, staging / "bronnen.csv")
        write_table(result.free_text, staging / "vrije_tekst.csv", free_text=FREE_TEXT)
        (staging / "pseudonimisering.json").write_text(
            json.dumps({"zout": result.salt_note, "vingerafdruk": result.salt_fingerprint}, indent=2) + "\n",
            encoding="utf-8",
        )
        # microdata, free text and exact small counts: readable by the owner only
        for path in staging.iterdir():
            path.chmod(0o600)
    return [Path(processed_dir) / n for n in names]


def main(argv: list[str] | None = None) -> int:
    """``python -m competentiecheck.survey.cleaning``: the cleaning step without the notebook."""
    import argparse
    import sys

    from competentiecheck.core.params import load_params
    from competentiecheck.core.paths import PARAMS, PROCESSED
    from competentiecheck.survey.codebook import load_codebook

    parser = argparse.ArgumentParser(description="Schoon de vragenlijstexports op.")
    parser.add_argument(
        "--raw",
        type=Path,
        default=None,
        help="map met exports (standaard data/raw/survey, of de demo-exports als die leeg is)",
    )
    parser.add_argument("--out", type=Path, default=PROCESSED, help="uitvoermap")
    parser.add_argument("--params", type=Path, default=PARAMS / "default.yml")
    args = parser.parse_args(argv)
    try:
        codebook = load_codebook()
        params = load_params(files=[args.params])
        result = clean_survey(survey_source(args.raw), codebook, params)
        write_cleaned(result, codebook, args.out)
    except (InputError, ValueError) as exc:
        print(f"Fout in de invoer: {exc}", file=sys.stderr)
        return 2
    flow = result.wave().flow.set_index("run").loc["totaal"]
    print(
        f"{flow['ontvangen']} inzendingen ontvangen, {flow['geanalyseerd']} geanalyseerd; "
        f"uitvoer in {relative(args.out)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
