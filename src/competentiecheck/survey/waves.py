"""Measurement waves and the matching of respondents across them (issue 23).

An export belongs to a wave (``params['waves']['labels']``, in order; the first is the baseline): by
its file name (``waves.files``, glob -> label), or row by row by its column ``meting`` (codebook), or,
with neither, to the first wave. A label that params do not list stops the run naming file, row,
column and value.

Respondents are matched on a self-generated code (codebook id ``koppelcode``: letters and digits a
respondent can reproduce, nobody can look up). Matching needs the characters of the codes (a tolerant
match compares them), so it runs in memory on the normalised codes; what is written is only a salted
pseudonym (:func:`code_pseudonym`), the same for both members of a pair.

Rules, each outcome a status in the column ``koppeling`` and counted (:func:`match_counts`):

* a code that occurs more than once among the analysed respondents of one wave cannot say who is who:
  every row with it (in both waves) is excluded, ``code dubbel in een meting``;
* equal codes in the two waves are a pair (``gekoppeld``), unless the perceel differs:
  ``code in twee percelen`` (both rows excluded; a respondent does not change perceel);
* among the rest, codes of equal length that differ in exactly one character and share the perceel are
  a pair (``gekoppeld met tolerantie``) only when each has exactly one such candidate; otherwise every
  row involved is ``dubbelzinnige code`` (excluded);
* the others are ``alleen <wave>``; a row without code is ``geen koppelcode``.
"""

from __future__ import annotations

import fnmatch
import re
import unicodedata
from collections import defaultdict
from pathlib import PurePath

import pandas as pd

from competentiecheck.core.errors import InputError
from competentiecheck.privacy.pseudonymise import keyed_digest

__all__ = [
    "EXACT",
    "TOLERANT",
    "DUPLICATE",
    "AMBIGUOUS",
    "TWO_PERCELEN",
    "NO_CODE",
    "MATCHED",
    "normalise_code",
    "declared_wave",
    "wave_labels",
    "present_waves",
    "baseline",
    "match_codes",
    "code_pseudonym",
    "match_counts",
    "only_in",
]

EXACT = "gekoppeld"
TOLERANT = "gekoppeld met tolerantie"
DUPLICATE = "code dubbel in een meting"
AMBIGUOUS = "dubbelzinnige code"
TWO_PERCELEN = "code in twee percelen"
NO_CODE = "geen koppelcode"
MATCHED = (EXACT, TOLERANT)
EXCLUDED = (DUPLICATE, AMBIGUOUS, TWO_PERCELEN, NO_CODE)


def only_in(label: str) -> str:
    """Status of a respondent of one wave without a partner."""
    return f"alleen {label}"


def normalise_code(text: str | None) -> str | None:
    """A self-generated code as the respondent meant it: upper case, without spaces, dashes, dots or
    slashes (``m 14-b 03`` and ``M14B03`` are one code). Empty: ``None``."""
    if text is None:
        return None
    folded = unicodedata.normalize("NFKC", str(text)).upper()
    folded = re.sub(r"[\s\-_./]+", "", folded)
    return folded or None


def declared_wave(file_name: str, params: dict) -> str | None:
    """The wave ``waves.files`` declares for an export file name (first matching glob, case folded; the
    name without its folder), else None."""
    for pattern, label in params["waves"]["files"].items():
        if fnmatch.fnmatch(file_name.casefold(), pattern.casefold()):
            return label
    return None


def wave_labels(values: list, rows: list, file_name: str, column: str, params: dict) -> list[str]:
    """The wave of every row of one export.

    ``values``: the export's column ``meting`` (None where the export has no such column or the cell
    is empty). A value must be a label of ``waves.labels`` (case and spaces folded) and, when the file
    name declares a wave too, that same wave; else an :class:`InputError` names file, row, column, value.
    """
    known = {re.sub(r"\s+", "", label.casefold()): label for label in params["waves"]["labels"]}
    declared = declared_wave(PurePath(file_name).name, params)
    default = declared or params["waves"]["labels"][0]
    out = []
    for value, row in zip(values, rows):
        if value is None or (isinstance(value, float) and pd.isna(value)) or not str(value).strip():
            out.append(default)
            continue
        label = known.get(re.sub(r"\s+", "", str(value).casefold()))
        if label is None:
            raise InputError(
                f"onbekend meetmoment (bekend in params, waves.labels: {', '.join(params['waves']['labels'])})",
                file=file_name,
                row=row,
                column=column,
                value=value,
            )
        if declared is not None and label != declared:
            raise InputError(
                f"meetmoment in de kolom wijkt af van het meetmoment dat waves.files voor dit bestand opgeeft "
                f"({declared!r})",
                file=file_name,
                row=row,
                column=column,
                value=value,
            )
        out.append(label)
    return out


def present_waves(frame: pd.DataFrame, params: dict) -> list[str]:
    """The wave labels of ``params`` (``waves.labels``, in their order) that occur in ``frame``; none
    without a ``meting`` column."""
    if "meting" not in frame.columns:
        return []
    return [w for w in params["waves"]["labels"] if (frame["meting"] == w).any()]


def baseline(frame: pd.DataFrame, params: dict, drop: bool = False, label: str | None = None) -> pd.DataFrame:
    """Rows of wave ``label``, by default the first wave present (the single-wave analyses use only
    these). A frame without a ``meting`` column (one wave, older files) is returned as it is. ``drop``:
    without the column."""
    if "meting" not in frame.columns:
        return frame
    if label is None:
        present = present_waves(frame, params)
        label = present[0] if present else None
    out = frame[frame["meting"] == label].reset_index(drop=True)
    return out.drop(columns=["meting"]) if drop else out


def _one_off(codes: dict[int, str], perceel: dict[int, object]) -> dict[int, set[int]]:
    """Index of every code by (perceel, position, code without that position): two codes of equal length
    that differ in exactly one place share one key."""
    index: dict[tuple, set[int]] = defaultdict(set)
    for i, code in codes.items():
        for k in range(len(code)):
            index[(perceel[i], k, code[:k] + code[k + 1 :])].add(i)
    return index


def match_codes(frame: pd.DataFrame, first: str, second: str, max_typos: int = 1) -> pd.DataFrame:
    """Match the respondents of wave ``first`` and ``second``.

    ``frame``: one row per analysed respondent with columns ``meting``, ``perceel`` and ``code`` (the
    normalised self-generated code, or None). Returns a frame on the same index with ``koppeling``
    (status, see the module) and ``paarcode``: for a pair the code of its ``first`` member (both rows
    carry it), else the row's own code. Rows of other waves get no status.
    """
    waves = frame["meting"].tolist()
    percelen = frame["perceel"].tolist()
    codes = [None if c is None or (isinstance(c, float) and pd.isna(c)) else c for c in frame["code"].tolist()]
    status: list[str | None] = [None] * len(frame)
    pair_code = list(codes)
    # rows per (wave, code); a code twice in one wave: nobody can tell which of them a partner is
    rows: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, (wave, code) in enumerate(zip(waves, codes)):
        if wave not in (first, second):
            continue
        if code is None:
            status[k] = NO_CODE
        else:
            rows[(wave, code)].append(k)
    doubled = {code for (_, code), members in rows.items() if len(members) > 1}
    rest_a: dict[int, str] = {}
    rest_b: dict[int, str] = {}
    for (wave, code), members in rows.items():
        if code in doubled:
            for k in members:
                status[k] = DUPLICATE
            continue
        k = members[0]
        if wave == first:
            partner = rows.get((second, code))
            if partner is None:
                rest_a[k] = code
            else:
                j = partner[0]
                status[k] = status[j] = EXACT if percelen[k] == percelen[j] else TWO_PERCELEN
        elif (first, code) not in rows:
            rest_b[k] = code
    if max_typos >= 1 and rest_a and rest_b:
        index = _one_off(rest_a, dict(enumerate(percelen)))
        of_b: dict[int, set[int]] = {}
        of_a: dict[int, set[int]] = defaultdict(set)
        for j, code in rest_b.items():
            found: set[int] = set()
            for k in range(len(code)):
                found.update(index.get((percelen[j], k, code[:k] + code[k + 1 :]), ()))
            if found:
                of_b[j] = found
                for i in found:
                    of_a[i].add(j)
        for j, found in of_b.items():
            i = next(iter(found))
            if len(found) == 1 and len(of_a[i]) == 1:
                status[i] = status[j] = TOLERANT
                pair_code[j] = rest_a[i]
            else:
                status[j] = AMBIGUOUS
                for i in found:
                    status[i] = AMBIGUOUS
    for k, wave in enumerate(waves):
        if status[k] is None and wave in (first, second):
            status[k] = only_in(wave)
    return pd.DataFrame({"koppeling": status, "paarcode": pair_code}, index=frame.index, dtype=object)


def code_pseudonym(code: str | None, salt: str) -> str | None:
    """``K-`` and 12 hex characters of a keyed hash (HMAC under the secret salt) of a normalised code."""
    if code is None or (isinstance(code, float) and pd.isna(code)):
        return None
    return "K-" + keyed_digest(salt, "koppelcode", code.encode("utf-8"))[:12]


def match_counts(data: pd.DataFrame, labels: list[str], by_perceel: bool = False) -> pd.DataFrame:
    """Exact counts of each matching status per wave of ``labels`` (columns), optionally per perceel (team
    use; the report protects them). Every status is listed, a zero as 0: no exclusion disappears from view."""
    present = list(labels)
    order = list(MATCHED) + [only_in(label) for label in present] + list(EXCLUDED)
    keys = ["perceel", "koppeling"] if by_perceel else ["koppeling"]
    table = data.groupby(keys + ["meting"]).size().unstack("meting", fill_value=0)
    table = table.reindex(columns=present, fill_value=0)
    if by_perceel:
        full = pd.MultiIndex.from_product([sorted(data["perceel"].unique()), order], names=keys)
        return table.reindex(full, fill_value=0).reset_index()
    return table.reindex(order, fill_value=0).reset_index()
