"""The one mechanism that keeps small groups out of every output that reports people.

Thresholds come from ``params['disclosure']``: no aggregate over fewer than ``min_group_size``
respondents (OECD output checking; ACRO's safe threshold for counts), no correlation or model over
fewer than ``min_model_n``. Every table, figure and inline value that counts or summarises
respondents goes through :class:`Disclosure`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["Disclosure"]


@dataclass(frozen=True)
class Disclosure:
    min_group_size: int
    min_model_n: int

    @classmethod
    def from_params(cls, params: dict) -> "Disclosure":
        return cls(int(params["disclosure"]["min_group_size"]), int(params["disclosure"]["min_model_n"]))

    def can_report(self, n: int) -> bool:
        """May an aggregate over ``n`` respondents be shown?"""
        return n >= self.min_group_size

    def can_model(self, n: int) -> bool:
        """May a correlation or model over ``n`` respondents be shown?"""
        return n >= self.min_model_n

    @property
    def small_label(self) -> str:
        return f"< {self.min_group_size}"

    def count(self, n: int):
        """``n`` itself, or the suppression label for 0 < n < min_group_size (0 is not disclosive)."""
        n = int(n)
        return n if n == 0 or n >= self.min_group_size else self.small_label

    def group_message(self, n: int, what: str = "dit deel") -> str:
        return (f"Te weinig respondenten (minder dan {self.min_group_size}) om {what} te tonen: "
                f"de respondenten kregen de belofte dat niemand herkenbaar wordt.")

    def suppress_small_groups(self, table: pd.DataFrame, count_columns: list[str], group_size_column: str) -> pd.DataFrame:
        """Rows whose group (``group_size_column``) is below the minimum get their small counts suppressed.

        Used for count tables such as the exclusion flow, whose cells count forms, not traits: a row for
        a large enough group is shown in full; a row for a small group shows no count between 1 and
        ``min_group_size - 1``.
        """
        out = table.copy().astype({c: object for c in count_columns})
        small = table[group_size_column].astype(int) < self.min_group_size
        for column in count_columns:
            out.loc[small, column] = table.loc[small, column].map(self.count)
        return out

    def suppress(self, table: pd.DataFrame, count_column: str, dependent: list[str] | None = None) -> pd.DataFrame:
        """Replace small counts by the suppression label, and blank the cells derived from them.

        Parameters
        ----------
        table : DataFrame
        count_column : str
            Column with respondent counts.
        dependent : list of str
            Columns computed from the same respondents (percentages, means) that are blanked too.
        """
        out = table.copy().astype({count_column: object})
        small = table[count_column].apply(lambda n: 0 < int(n) < self.min_group_size)
        out.loc[small, count_column] = self.small_label
        for column in dependent or []:
            out[column] = out[column].astype(object)
            out.loc[small, column] = "–"
        return out
