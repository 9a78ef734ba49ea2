"""Errors that point the user at the exact place of bad input."""

from __future__ import annotations

import re
from pathlib import Path


def describe_value(value: object) -> str:
    """What a value is like, without the value: for free text and identifying columns."""
    if isinstance(value, (bytes, bytearray)):
        return f"{len(value)} bytes (niet getoond)"
    text = str(value)
    kinds = []
    if re.search(r"[^\W\d_]", text):
        kinds.append("letters")
    if re.search(r"\d", text):
        kinds.append("cijfers")
    made_of = " en ".join(kinds) or "leestekens of spaties"
    return f"tekst van {len(text)} tekens met {made_of} (niet getoond: kan persoonsgegevens bevatten)"


def quotable(value: object) -> bool:
    """May a value from a coded column be quoted in a message? Not when it may be personal data
    typed in the wrong column: long text, six or more digits (a phone number), an e-mail address."""
    text = str(value)
    return len(text) <= 40 and len(re.findall(r"\d", text)) < 6 and "@" not in text


class InputError(ValueError):
    """Bad input: names the file, row, column and value so the user can fix it.

    The message is in Dutch because it is read by the evaluation team.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        row: int | str | None = None,
        column: str | None = None,
        value: object = None,
        has_value: bool = False,
        private: bool = False,
    ):
        """``private``: the value comes from a free-text or identifying column (or looks like personal
        data); the message describes it (length, kind of characters) instead of quoting it."""
        self.file = str(file) if file is not None else None
        self.row = row
        self.column = column
        private = private or ((has_value or value is not None) and not quotable(value))
        self.value = None if private else value
        self.reason = message
        parts = []
        if self.file is not None:
            parts.append(f"bestand {self.file}")
        if row is not None:
            parts.append(f"rij {row}")
        if column is not None:
            parts.append(f"kolom '{column}'")
        if private and (has_value or value is not None):
            parts.append(f"waarde: {describe_value(value)}")
        elif has_value or value is not None:
            parts.append(f"waarde {value!r}")
        where = ", ".join(parts)
        super().__init__(f"{where}: {message}" if where else message)


class ParamsError(ValueError):
    """A parameter file has an unknown key or a value of the wrong kind."""

    def __init__(self, file: str | Path, key: str, message: str):
        self.file = str(file)
        self.key = key
        super().__init__(f"{file}: sleutel '{key}': {message}")
