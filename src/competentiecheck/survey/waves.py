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


def baseline(frame: pd.DataFrame, params: dict, drop: bool = False, label: str | None = None) -> pd.DataFrame:
    """Rows of wave ``label``, by default the first wave present (the single-wave analyses use only
    these). A frame without a ``meting`` column (one wave, older files) is returned as it is. ``drop``:
    without the column."""
    if "meting" not in frame.columns:
        return frame
    if label is None:
        present = [w for w in params["waves"]["labels"] if (frame["meting"] == w).any()]
        label = present[0] if present else None
    out = frame[frame["meting"] == label].reset_index(drop=True)
    return out.drop(columns=["meting"]) if drop else out


def _one_off(codes: dict[int, str], perceel: dict[int, object]) -> dict[int, set[int]]:
    """Index of every code by (perceel, length, position, code without that position)."""
    index: dict[tuple, set[int]] = defaultdict(set)
    for i, code in codes.items():
        for k in range(len(code)):
            index[(perceel[i], len(code), k, code[:k] + code[k + 1 :])].add(i)
    return index


def match_codes(frame: pd.DataFrame, first: str, second: str, max_typos: int = 1) -> pd.DataFrame:
    """Match the respondents of wave ``first`` and ``second``.

    ``frame``: one row per analysed respondent with columns ``meting``, ``perceel`` and ``code`` (the
    normalised self-generated code, or None). Returns a frame on the same index with ``koppeling``
    (status, see the module) and ``paarcode``: for a pair the code of its ``first`` member (both rows
    carry it), else the row's own code. Rows of other waves get no status.
    """
    status = pd.Series(None, index=frame.index, dtype=object)
    pair_code = frame["code"].astype(object).copy()
    wave = frame["meting"]
    in_first, in_second = wave == first, wave == second
    has_code = frame["code"].notna()
    status[(in_first | in_second) & ~has_code] = NO_CODE

    candidates = frame[(in_first | in_second) & has_code]
    # a code twice in one wave: nobody can tell which of them a partner is
    counts = candidates.groupby(["meting", "code"]).size()
    doubled = {code for (_, code), n in counts.items() if n > 1}
    status[candidates.index[candidates["code"].isin(doubled)]] = DUPLICATE
    open_rows = candidates[~candidates["code"].isin(doubled)]
    a = open_rows[open_rows["meting"] == first]
    b = open_rows[open_rows["meting"] == second]
    by_code_a = dict(zip(a["code"], a.index))
    matched_a: set[int] = set()
    matched_b: set[int] = set()
    for j, code in zip(b.index, b["code"]):
        i = by_code_a.get(code)
        if i is None:
            continue
        matched_a.add(i)
        matched_b.add(j)
        if frame.at[i, "perceel"] != frame.at[j, "perceel"]:
            status[[i, j]] = TWO_PERCELEN
        else:
            status[[i, j]] = EXACT
    rest_a = {i: c for i, c in zip(a.index, a["code"]) if i not in matched_a}
    rest_b = {j: c for j, c in zip(b.index, b["code"]) if j not in matched_b}
    if max_typos >= 1 and rest_a and rest_b:
        perceel = frame["perceel"].to_dict()
        index = _one_off(rest_a, perceel)
        of_b: dict[int, set[int]] = {}
        of_a: dict[int, set[int]] = defaultdict(set)
        for j, code in rest_b.items():
            found: set[int] = set()
            for k in range(len(code)):
                found |= index.get((perceel[j], len(code), k, code[:k] + code[k + 1 :]), set())
            if found:
                of_b[j] = found
                for i in found:
                    of_a[i].add(j)
        for j, found in of_b.items():
            if len(found) == 1 and len(of_a[next(iter(found))]) == 1:
                i = next(iter(found))
                status[[i, j]] = TOLERANT
                pair_code[j] = rest_a[i]
            else:
                status[j] = AMBIGUOUS
                status[list(found)] = AMBIGUOUS
    status[in_first & status.isna()] = only_in(first)
    status[in_second & status.isna()] = only_in(second)
    return pd.DataFrame({"koppeling": status, "paarcode": pair_code}, index=frame.index)


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
