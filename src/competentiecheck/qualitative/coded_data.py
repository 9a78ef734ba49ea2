"""All coded data of one qualitative step, read and checked together: REFI-QDA projects and flat exports
against one coding scheme, with the case table.

Checks (each an error naming the file): a code path not in the scheme; a project whose own codebook
has codes the scheme does not know (two conflicting codebooks); a document coded in two files; a
document without a case in the case table; an empty coding (zero length or no text). A project's
positions are checked against its texts (:func:`~.refi_qda.read_qdpx`).

Coders: a name is matched on normalised text (spaces trimmed and collapsed, case ignored), so 'Codeur A'
in a flat export and 'codeur A' among a project's users are one coder. Its display spelling is the one
of a project's users (first file first), else the spelling most codings use (ties: alphabetical).

Primary coding (what the counts use, one coding per document so that a doubly coded document counts
once): every coded document counts, with the codings of the coder who coded it; a document coded by
several coders counts with the coder who coded most documents of the step (ties: alphabetical on the
normalised name). The other coders' codings of such a document serve the agreement only.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import public_name, relative
from competentiecheck.qualitative.codebook import CodingScheme, path_text
from competentiecheck.qualitative.flat_export import read_flat_export
from competentiecheck.qualitative.refi_qda import read_qdpx

__all__ = ["CodedData", "load_coded_data", "coder_key"]


def coder_key(name: str) -> str:
    """A coder's name as matched: spaces trimmed and collapsed, case ignored."""
    return " ".join(str(name).split()).casefold()


@dataclass
class CodedData:
    """codings: ``case, coder, path, text, start, end, file``; cases: the case table (one row per case).

    ``positions``: per REFI-QDA file (its public name) how its positions were read (``as-stored``,
    ``crlf-as-one``, with '; byte-order-teken meegeteld' when the tool counted a byte-order mark).
    """

    codings: pd.DataFrame
    cases: pd.DataFrame
    scheme: CodingScheme
    files: list[str]
    metadata_names: frozenset = frozenset()  # names in the projects' metadata (cases, documents, variable values)
    positions: dict = field(default_factory=dict)

    @property
    def coders(self) -> list[str]:
        return sorted(self.codings["coder"].unique())

    def coder_ranking(self) -> list[str]:
        """Coders by the number of documents they coded, most first (ties: alphabetical, case ignored)."""
        documents = self.codings.groupby("coder")["case"].nunique()
        return sorted(documents.index, key=lambda c: (-documents[c], coder_key(c), c))

    def primary_coder(self) -> str:
        """The coder who coded most documents (ties: alphabetical): theirs is the primary coding of every
        document they coded with someone else. The counts use :meth:`primary_codings`, not this coder alone."""
        return self.coder_ranking()[0]

    def primary_coders(self) -> pd.Series:
        """Per coded document (index ``case``, sorted) the coder whose codings count: its only coder, or for
        a document coded by several the one ranked first in :meth:`coder_ranking`."""
        rank = {coder: i for i, coder in enumerate(self.coder_ranking())}
        return (
            self.codings.groupby("case")["coder"]
            .agg(lambda c: min(set(c), key=rank.__getitem__))
            .rename("coder")
            .sort_index()
        )

    def primary_codings(self) -> pd.DataFrame:
        """One coder's codings per document (:meth:`primary_coders`): every coded document, counted once."""
        primary = self.primary_coders()
        return self.codings[self.codings["coder"] == self.codings["case"].map(primary)]

    def n_documents(self) -> int:
        """Coded documents (each has a case: checked when read)."""
        return int(self.codings["case"].nunique())

    def primary_rule(self, singular: str = "interview", plural: str = "interviews") -> str:
        """The rule in words for the report, completing 'De tellingen gebruiken …'."""
        primary = self.primary_coders()
        used = [c for c in self.coder_ranking() if c in set(primary)]
        if len(used) == 1:
            return f"de coderingen van {used[0]}"
        doubly = self.codings.groupby("case")["coder"].nunique()
        text = (
            f"per {singular} de coderingen van de codeur die het codeerde (" + ", ".join(used[:-1]) + f" of {used[-1]})"
        )
        if (doubly > 1).any():
            text += (
                f"; bij een {singular} dat twee codeurs codeerden die van {used[0]}, die de meeste {plural} codeerde"
            )
        return text


def _display_names(coders: pd.Series, preferred: list[str]) -> dict[str, str]:
    """Coder name as written -> its display spelling (see the module): one per normalised name."""
    display: dict[str, str] = {}
    for name in preferred:
        display.setdefault(coder_key(name), " ".join(str(name).split()))
    counts = coders.value_counts()
    for name in sorted(counts.index, key=lambda n: (-counts[n], n)):
        display.setdefault(coder_key(name), " ".join(str(name).split()))
    return {name: display[coder_key(name)] for name in counts.index}


def _check_not_empty(codings: pd.DataFrame, name: str, project: bool) -> None:
    """A coding of zero length (start = end) or without text is an error: it cannot mean a theme is present."""
    empty = ((codings["start"] >= 0) & (codings["start"] == codings["end"])) | (
        codings["text"].fillna("").astype(str).str.strip() == ""
    )
    if empty.any():
        row = codings[empty].iloc[0]
        where = f", selectie {row['selection_guid']}" if project else ""
        raise InputError(
            f"lege codering (lengte 0 of zonder tekst) in document {row['source']!r}, code "
            f"{path_text(tuple(row['path']))!r}{where}: een lege codering betekent niet dat het "
            f"thema er is",
            file=name,
        )


def load_coded_data(
    files: list[Path],
    scheme: CodingScheme,
    cases: pd.DataFrame,
    case_column: str = "casus",
    newlines: str = "as-stored",
    setting: str | None = None,
) -> CodedData:
    """Read every ``.qdpx``, ``.csv`` or ``.xlsx`` of coded segments in ``files`` and check them together.

    ``setting``: the parameter that sets ``newlines`` (named when a project's positions do not fit)."""
    frames, owner, names, preferred, positions = [], {}, set(), [], {}
    for file in sorted(files, key=lambda p: str(p)):
        name = relative(Path(file))
        if Path(file).suffix.lower() == ".qdpx":
            with warnings.catch_warnings():
                warnings.simplefilter("always")  # a corrected byte-order mark is said every time
                project = read_qdpx(file, newlines=newlines, setting=setting)
            unknown = [p for p in project.codes["path"] if tuple(p) not in scheme.paths]
            if unknown:
                raise InputError(
                    f"het codeboek van dit project wijkt af van {scheme.source}: code "
                    f"{path_text(tuple(unknown[0]))!r} staat er niet in",
                    file=name,
                )
            codings = project.codings
            preferred += list(project.users["user"].dropna())
            positions[public_name(Path(file))] = project.positions
            names |= set(project.cases["case"].dropna()) | set(project.sources["source"].dropna())
            names |= {str(v) for v in project.variables["value"].dropna() if not str(v).strip().isdigit()}
        else:
            codings = read_flat_export(file, scheme)  # an unknown code is named with its row
        scheme.check(codings["path"], name)
        _check_not_empty(codings, name, Path(file).suffix.lower() == ".qdpx")
        for document in sorted(codings["source"].unique()):
            if document in owner:
                raise InputError(f"document {document!r} is ook gecodeerd in {owner[document]}", file=name)
            owner[document] = name
        frames.append(
            pd.DataFrame(
                {
                    "case": codings["source"],
                    "coder": codings["coder"],
                    "path": codings["path"],
                    "text": codings["text"],
                    "start": codings["start"],
                    "end": codings["end"],
                    "file": public_name(Path(file)),
                }
            )
        )  # no free file name in any output
    if not frames:
        raise InputError("geen gecodeerde bestanden gevonden (.qdpx, .csv of .xlsx)")
    codings = pd.concat(frames, ignore_index=True)
    codings["coder"] = codings["coder"].map(_display_names(codings["coder"], preferred))
    known = set(cases[case_column])
    missing = sorted(set(codings["case"]) - known)
    if missing:
        raise InputError(
            f"document {missing[0]!r} heeft geen casus in de casustabel (kolom '{case_column}')", file=owner[missing[0]]
        )
    cases = cases.rename(columns={case_column: "case"})
    return CodedData(
        codings=codings.sort_values(["case", "coder", "start", "end"], kind="stable").reset_index(drop=True),
        cases=cases,
        scheme=scheme,
        files=sorted(owner.values()),
        metadata_names=frozenset(n for n in names if len(n.strip()) >= 3),
        positions=positions,
    )
