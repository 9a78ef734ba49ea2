"""Errors that point the user at the exact place of bad input."""

from __future__ import annotations

from pathlib import Path


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
    ):
        self.file = str(file) if file is not None else None
        self.row = row
        self.column = column
        self.value = value
        self.reason = message
        parts = []
        if self.file is not None:
            parts.append(f"bestand {self.file}")
        if row is not None:
            parts.append(f"rij {row}")
        if column is not None:
            parts.append(f"kolom '{column}'")
        if has_value or value is not None:
            parts.append(f"waarde {value!r}")
        where = ", ".join(parts)
        super().__init__(f"{where}: {message}" if where else message)


class ParamsError(ValueError):
    """A parameter file has an unknown key or a value of the wrong kind."""

    def __init__(self, file: str | Path, key: str, message: str):
        self.file = str(file)
        self.key = key
        super().__init__(f"{file}: sleutel '{key}': {message}")
