"""Maturity profiles of coded documents by explicit, readable rules (for chapter 4, the plannen van aanpak).

A profile definition names its indicator codes and a rule: ``at_least: k`` (at least k of the
indicators coded in the document; a whole number from 1 to the number of indicators, never a yes/no),
optionally ``requires`` (codes that must all be present) and ``excludes`` (codes that must all be
absent). A zero-length coding never makes a code present: it is refused when read (:mod:`.refi_qda`,
:mod:`.coded_data`). Profiles are multi-label: a document can fit several
profiles, or none. The definitions are data (``profielen.yml``), checked against the coding scheme.

Also here, because they serve the same comparison: the Wilson interval of a share, Cohen's kappa of
rule against human assignment per profile (see :mod:`.agreement`) and the adjusted Rand index of two
partitions (Hubert & Arabie, 1985), for the sensitivity check of rule profiles against clusters.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from competentiecheck.core.errors import InputError
from competentiecheck.qualitative.codebook import CodingScheme, parse_path, path_text

__all__ = ["ProfileRule", "parse_rules", "assign_profiles", "wilson_interval", "adjusted_rand_index"]


@dataclass(frozen=True)
class ProfileRule:
    name: str
    indicators: tuple[str, ...]
    at_least: int
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()

    def fits(self, codes: set[str]) -> bool:
        hits = sum(code in codes for code in self.indicators)
        return (
            hits >= self.at_least
            and all(c in codes for c in self.requires)
            and not any(c in codes for c in self.excludes)
        )

    def describe(self, short: bool = False) -> str:
        """The rule in words, for the report (``short``: theme names without their group)."""

        def names(codes):
            return "; ".join(c.split(" > ")[-1].lower() if short else c for c in codes)

        text = f"minstens {self.at_least} van: " + names(self.indicators)
        if self.requires:
            text += " — en altijd: " + names(self.requires)
        if self.excludes:
            text += " — en niet: " + names(self.excludes)
        return text


def parse_rules(definitions: list[dict], scheme: CodingScheme, file: str) -> list[ProfileRule]:
    """Profile rules from their YAML definitions; every code must be in the scheme."""
    rules = []
    for number, item in enumerate(definitions, start=1):
        name = item.get("name")
        rule = item.get("rule") or {}
        if not name or "at_least" not in rule or not item.get("indicators"):
            raise InputError(f"profiel {number}: 'name', 'indicators' en 'rule: at_least' zijn nodig", file=file)
        codes = {}
        for key in ("indicators", "requires", "excludes"):
            values = item.get(key) if key == "indicators" else rule.get(key, [])
            codes[key] = tuple(path_text(parse_path(v)) for v in values)
            for code in codes[key]:
                if parse_path(code) not in scheme.paths:
                    raise InputError(
                        f"profiel {name!r}: code {code!r} staat niet in het codeboek ({scheme.source})", file=file
                    )
        at_least = rule["at_least"]
        # 'yes' in YAML is True, and True is an int in Python: a yes/no is not a number of themes; 0 would give
        # every document the profile, more than the indicators none
        if isinstance(at_least, bool) or not isinstance(at_least, int) or not 1 <= at_least <= len(codes["indicators"]):
            raise InputError(
                f"profiel {name!r}, sleutel 'rule: at_least': moet een geheel getal van 1 tot en met "
                f"{len(codes['indicators'])} (het aantal indicatoren) zijn, niet "
                + ("een ja/nee-waarde (yes/no, true/false)" if isinstance(at_least, bool) else repr(at_least)),
                file=file,
            )
        rules.append(
            ProfileRule(
                name=name,
                indicators=codes["indicators"],
                at_least=at_least,
                requires=codes["requires"],
                excludes=codes["excludes"],
            )
        )
    return rules


def assign_profiles(codings: pd.DataFrame, rules: list[ProfileRule], documents: list[str]) -> pd.DataFrame:
    """0/1 per document (rows, in the given order) and profile (columns), from each document's codes.

    A code counts for itself and every code above it in the scheme (an indicator 'A > B' is met by a
    segment coded 'A > B > C').
    """
    present: dict[str, set[str]] = {d: set() for d in documents}
    for document, path in zip(codings["case"], codings["path"]):
        if document in present:
            present[document] |= {path_text(tuple(path[:level])) for level in range(1, len(path) + 1)}
    return pd.DataFrame(
        [[int(rule.fits(present[d])) for rule in rules] for d in documents],
        index=pd.Index(documents, name="document"),
        columns=[r.name for r in rules],
    )


def wilson_interval(successes: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of a proportion (statsmodels ``proportion_confint(method='wilson')``)."""
    if n == 0:
        return float("nan"), float("nan")
    low, high = proportion_confint(successes, n, alpha=1 - level, method="wilson")
    return float(low), float(high)


def adjusted_rand_index(a, b) -> float:
    """Adjusted Rand index of two partitions of the same items (1 = identical, about 0 = chance)."""
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise ValueError("de twee indelingen hebben een andere lengte")
    table = pd.crosstab(pd.Series(a, name="a"), pd.Series(b, name="b"))
    pairs = sum(comb(int(v), 2) for v in table.to_numpy().ravel())
    rows = sum(comb(int(v), 2) for v in table.sum(axis=1))
    cols = sum(comb(int(v), 2) for v in table.sum(axis=0))
    total = comb(len(a), 2)
    expected = rows * cols / total if total else 0.0
    maximum = (rows + cols) / 2
    if maximum == expected:
        return 1.0 if pairs == expected else float("nan")
    return (pairs - expected) / (maximum - expected)
