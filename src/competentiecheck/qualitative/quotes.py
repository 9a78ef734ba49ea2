"""Quotes from coded interviews, chosen by rule and screened for names.

A quote is one of the shortest coded segments of a theme (at least 20 and at most ``max_chars``
characters, one per interview, no repeated text), labelled with the interview's neutral label.
Screening: ``redactions`` are applied first, then any denied word left (names of cases, documents,
coders and text values of case variables from the raw metadata, plus the step's deny list) stops the
step, naming the interview, the theme and the word, so that no quote names a person or organisation.
"""

from __future__ import annotations

import re

import pandas as pd

from ..errors import InputError
from .codebook import path_text
from .coded_data import CodedData

__all__ = ["shortest_quotes", "screen_quotes", "denied_words"]


def _words(value) -> set[str]:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return {text.strip()} if len(text.strip()) >= 3 else set()


def denied_words(data: CodedData, extra: list[str]) -> set[str]:
    """Names a quote must not contain: cases, coders, names in the projects' metadata, and ``extra``."""
    deny: set[str] = set()
    for value in list(data.cases["case"]) + list(data.codings["case"]) + list(data.coders) \
            + sorted(data.metadata_names) + list(extra):
        deny |= _words(value)
    return deny


def shortest_quotes(primary: pd.DataFrame, themes: list[str], level: int, labels: dict[str, str], max_chars: int,
                    per_theme: int) -> pd.DataFrame:
    """Per theme (a code path at ``level``, as text) up to ``per_theme`` quotes: ``theme, label, quote``."""
    rows = []
    at_level = primary["path"].map(lambda p: path_text(tuple(p[:level])))
    for theme in themes:
        segments = primary[at_level == theme]
        segments = segments[segments["text"].str.len().between(20, max_chars)]
        segments = segments.assign(length=segments["text"].str.len()).sort_values(["length", "case", "start"],
                                                                                  kind="stable")
        segments = segments.drop_duplicates("case").drop_duplicates("text")
        for row in segments.head(per_theme).itertuples():
            rows.append({"theme": theme, "label": labels[row.case], "quote": " ".join(row.text.split())})
    return pd.DataFrame(rows, columns=["theme", "label", "quote"])


def screen_quotes(quotes: pd.DataFrame, deny: set[str], redactions: dict[str, str],
                  setting: str = "interviews.redactions") -> pd.DataFrame:
    """Apply the redactions, then stop on any denied word left (naming interview, theme and word)."""
    out = quotes.copy()
    for word, replacement in sorted(redactions.items(), key=lambda kv: -len(kv[0])):
        out["quote"] = out["quote"].map(lambda q: re.sub(re.escape(word), replacement, q, flags=re.IGNORECASE))
    for row in out.itertuples():
        for word in sorted(deny, key=lambda w: (-len(w), w)):
            if re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", row.quote, flags=re.IGNORECASE):
                raise InputError(f"citaat van {row.label} bij '{row.theme}' bevat het woord {word!r} (een naam uit de "
                                 f"metadata of de weigerlijst); voeg een vervanging toe in {setting} of "
                                 f"kies een ander citaat")
    return out
