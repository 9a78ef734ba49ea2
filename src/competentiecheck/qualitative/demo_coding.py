"""Pieces shared by the synthetic coded-interview demos (chapters 7 and 8): the scheme as project codes,
a second coder who re-codes with a few slips, and the coding rows of one transcript.

Seeded by the caller's ``random.Random``: the order of draws is part of the demo files' bytes.
"""

from __future__ import annotations

import random

import pandas as pd

from competentiecheck.qualitative.codebook import CodingScheme, path_text
from competentiecheck.qualitative.refi_qda import stable_guid

__all__ = ["Transcript", "scheme_code_rows", "second_coder", "coding_rows", "demo_users"]


class Transcript:
    """A transcript written line by line, with coder A's codings ``(start, end, path)`` of the coded lines."""

    def __init__(self) -> None:
        self.text = ""
        self.codings: list[tuple[int, int, tuple[str, ...]]] = []

    def say(self, line: str, code: tuple[str, ...] | None = None) -> None:
        start = len(self.text)
        self.text += line
        if code:
            self.codings.append((start, len(self.text), code))

    def answer(self, line: str, code: tuple[str, ...] | None = None) -> None:
        """One coded answer of the respondent on its own line."""
        self.say("Respondent: ")
        self.say(line, code)
        self.say("\n")

    def block(self, question: str, codes: list, templates: dict, rng: random.Random) -> None:
        """The interviewer's question, then one sentence per chosen code (drawn from ``templates[code][1]``)."""
        if not codes:
            return
        self.say(f"Interviewer: {question}\n")
        for code in codes:
            self.answer(rng.choice(templates[code][1]), code)


def scheme_code_rows(scheme: CodingScheme) -> list[dict]:
    """The coding scheme as the codes of a REFI-QDA project (stable GUIDs from the code paths)."""
    return [
        {
            "code_guid": stable_guid("code", path_text(p)),
            "code": p[-1],
            "path": p,
            "parent_guid": stable_guid("code", path_text(p[:-1])) if len(p) > 1 else None,
            "level": len(p),
        }
        for p in scheme.codes["path"]
    ]


def second_coder(
    codings: list, scheme: CodingScheme, rng: random.Random, drop: float, move: float, min_depth: int
) -> list:
    """Coder B's version of ``(start, end, path)`` codings: a share left out (``drop``), a share moved to a
    sibling code (up to ``move``, for codes deeper than ``min_depth``), the rest as coder A coded them."""
    second = []
    for start, end, code in codings:
        draw = rng.random()
        if draw < drop:
            continue
        if draw < move and len(code) > min_depth:
            siblings = sorted(p for p in scheme.paths if p[:-1] == code[:-1] and p != code)
            code = rng.choice(siblings) if siblings else code
        second.append((start, end, code))
    return second


def coding_rows(case: str, source_guid: str, text: str, coders: list[tuple[str, list]]) -> list[dict]:
    """Selections with their coding per coder, as :class:`~.refi_qda.CodedProject` expects them."""
    return [
        {
            "source_guid": source_guid,
            "source": case,
            "selection_guid": stable_guid("selection", case, str(start), str(end)),
            "start": start,
            "end": end,
            "code_guid": stable_guid("code", path_text(code)),
            "path": code,
            "coder": coder,
            "text": text[start:end],
        }
        for coder, items in coders
        for start, end, code in items
    ]


def demo_users(names: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"user_guid": [stable_guid("user", n) for n in names], "user": names})
