"""Quotes from coded interviews, chosen by rule and screened for anything that identifies.

A quote is one of the shortest coded segments of a theme (at least 20 and at most ``max_chars``
characters, one per interview, no repeated text), labelled with the interview's neutral label.

Screening (every quote of every qualitative chapter, :func:`screen_quotes`): the step's ``redactions``
are applied first (found on folded text, so a redaction of 'Co-valent' also covers 'Covalent'); then
the quote as it would be published must hold none of (:mod:`competentiecheck.core.identifiers`):

* a name of the raw metadata (:func:`screening_names`): cases, coders, documents and variable values of
  the coded projects, places in the case table, and every fund, sector and company of the programme
  (:func:`programme_names`: ``deelnemers.csv`` of the partnership inputs, ``plannen.csv`` of the
  documents), compared without case, accents, hyphens and spaces and also inside compounds
  ('horecasector' for the sector 'Horeca');
* a word of the step's deny list (same comparison);
* an e-mail or web address, a Belgian telephone number, a perceel number ('in perceel 4');
* a capitalised word in the middle of a sentence (probably a person's or organisation's name) that is
  not in the step's allow-list ``quote_allow``.

The allow-list also admits an ordinary word that contains a name ('opbouwen' containing the sector
'Bouw'), never the name itself. A hit stops the step, naming the interview, the theme, the kind of hit
and its position in the quote, never the word itself (the message reaches the console and the failed
notebook).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from competentiecheck.core.errors import InputError
from competentiecheck.core.identifiers import DENY_KIND, find_identifiers, find_names
from competentiecheck.core.names import name_text, name_values, programme_names
from competentiecheck.qualitative.codebook import path_text
from competentiecheck.qualitative.coded_data import CodedData

__all__ = [
    "shortest_quotes",
    "screen_quotes",
    "screening_names",
    "programme_names",
    "apply_redactions",
    "PLACE_COLUMNS",
]  # programme_names: re-exported from competentiecheck.core.names

# a column of a case table whose name contains one of these holds places (each value is screened)
PLACE_COLUMNS = ("gemeente", "plaats", "stad", "provincie", "regio", "locatie", "vestiging", "adres")


def screening_names(
    data: CodedData, extra_by_kind: Mapping[str, Iterable[str]] | None = None, deny_list: Iterable[str] = ()
) -> dict[str, set[str]]:
    """Names a quote must not contain, by kind: ``casus`` (case table and coded documents), ``codeur``,
    ``document of variabele`` (the projects' metadata), ``plaats`` (every column of the case table whose
    name suggests a place, see :data:`PLACE_COLUMNS`), the kinds of ``extra_by_kind`` (e.g.
    :func:`programme_names`) and ``weigerlijst`` (``deny_list``)."""
    cases = name_values(list(data.cases["case"]) + list(data.codings["case"]))
    names: dict[str, set[str]] = {
        "casus": cases,
        "codeur": name_values(data.coders),
        "document of variabele": name_values(sorted(data.metadata_names)) - cases,
        "plaats": set(),
    }
    for column in data.cases.columns:
        if any(word in str(column).casefold() for word in PLACE_COLUMNS):
            names["plaats"] |= name_values(data.cases[column])
    for kind, values in (extra_by_kind or {}).items():
        names.setdefault(kind, set()).update(name_text(v) for v in values if name_text(v))
    names[DENY_KIND] = names.get(DENY_KIND, set()) | {name_text(w) for w in deny_list if name_text(w)}
    return {kind: values for kind, values in names.items() if values}


def shortest_quotes(
    primary: pd.DataFrame, themes: list[str], level: int, labels: dict[str, str], max_chars: int, per_theme: int
) -> pd.DataFrame:
    """Per theme (a code path at ``level``, as text) up to ``per_theme`` quotes: ``theme, label, quote``."""
    rows = []
    at_level = primary["path"].map(lambda p: path_text(tuple(p[:level])))
    for theme in themes:
        segments = primary[at_level == theme]
        segments = segments[segments["text"].str.len().between(20, max_chars)]
        segments = segments.assign(length=segments["text"].str.len()).sort_values(
            ["length", "case", "start"], kind="stable"
        )
        segments = segments.drop_duplicates("case").drop_duplicates("text")
        for row in segments.head(per_theme).itertuples():
            rows.append({"theme": theme, "label": labels[row.case], "quote": " ".join(row.text.split())})
    return pd.DataFrame(rows, columns=["theme", "label", "quote"])


def apply_redactions(text: str, redactions: Mapping[str, str]) -> str:
    """Replace every occurrence of each key of ``redactions`` (longest first), found like a name: without
    case, accents, hyphens and spaces, also inside compounds (a key of fewer than four letters only as a
    whole word)."""
    for word, replacement in sorted(redactions.items(), key=lambda kv: (-len(kv[0]), kv[0])):
        hits = find_names(text, {"vervanging": [word]}, shortest=1)
        for hit in sorted(hits, key=lambda h: -h.start):
            text = text[: hit.start] + replacement + text[hit.end :]
    return text


def screen_quotes(
    quotes: pd.DataFrame,
    names: Mapping[str, Iterable[str]] | Iterable[str],
    redactions: Mapping[str, str],
    setting: str = "interviews.redactions",
    allow: Iterable[str] = (),
) -> pd.DataFrame:
    """Apply the redactions, then stop on anything identifying left in a quote (see the module doc).

    ``names``: kind -> names (:func:`screening_names`), or a plain collection of words (a deny list).
    ``allow``: words allowed capitalised mid-sentence, and ordinary words that contain a name.
    The error names, per quote with hits, the interview label, the theme, the kind of each hit and its
    position ('teken 34-41', counted in the quote after the redactions), never the word; ``setting``
    is the redactions key to point to (the allow-list is ``quote_allow`` of the same section).
    """
    if not isinstance(names, Mapping):
        names = {DENY_KIND: list(names)}
    allow = list(allow)
    out = quotes.copy()
    out["quote"] = out["quote"].map(lambda q: apply_redactions(q, redactions))
    problems = []
    for row in out.itertuples():
        hits = find_identifiers(row.quote, names, allow)
        if hits:
            problems.append(f"citaat van {row.label} bij '{row.theme}': " + ", ".join(h.describe() for h in hits))
    if problems:
        section = setting.rsplit(".", 1)[0]
        raise InputError(
            "citaten met mogelijk identificerende inhoud (het woord zelf wordt niet getoond; posities tellen in het "
            "citaat na de vervangingen): " + "; ".join(problems) + f". Voeg een vervanging toe in {setting} "
            f"(woord -> bv. '[naam]'), zet een gewoon woord met hoofdletter of een gewoon woord dat een naam bevat "
            f"in {section}.quote_allow, of kies een ander citaat"
        )
    return out
