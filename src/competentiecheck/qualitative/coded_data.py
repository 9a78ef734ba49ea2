"""All coded data of one qualitative step, read and checked together: REFI-QDA projects and flat exports
against one coding scheme, with the case table.

Checks (each an error naming the file): a code path not in the scheme; a project whose own codebook
has codes the scheme does not know (two conflicting codebooks); a document coded in two files; a
document without a case in the case table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..paths import public_name, relative
from .codebook import CodingScheme, path_text
from .flat_export import read_flat_export
from .refi_qda import read_qdpx

__all__ = ["CodedData", "load_coded_data"]


@dataclass
class CodedData:
    """codings: ``case, coder, path, text, start, end, file``; cases: the case table (one row per case)."""

    codings: pd.DataFrame
    cases: pd.DataFrame
    scheme: CodingScheme
    files: list[str]
    metadata_names: frozenset = frozenset()  # names in the projects' metadata (cases, documents, variable values)

    @property
    def coders(self) -> list[str]:
        return sorted(self.codings["coder"].unique())

    def primary_coder(self) -> str:
        """The coder who coded most documents (ties: alphabetical): their codings are the analysis."""
        documents = self.codings.groupby("coder")["case"].nunique()
        return sorted(documents.index, key=lambda c: (-documents[c], c))[0]


def load_coded_data(files: list[Path], scheme: CodingScheme, cases: pd.DataFrame, case_column: str = "casus",
                    newlines: str = "as-stored") -> CodedData:
    """Read every ``.qdpx``, ``.csv`` or ``.xlsx`` of coded segments in ``files`` and check them together."""
    frames, owner, names = [], {}, set()
    for file in sorted(files, key=lambda p: str(p)):
        name = relative(Path(file))
        if Path(file).suffix.lower() == ".qdpx":
            project = read_qdpx(file, newlines=newlines)
            unknown = [p for p in project.codes["path"] if tuple(p) not in scheme.paths]
            if unknown:
                raise InputError(f"het codeboek van dit project wijkt af van {scheme.source}: code "
                                 f"{path_text(tuple(unknown[0]))!r} staat er niet in", file=name)
            codings = project.codings
            names |= set(project.cases["case"].dropna()) | set(project.sources["source"].dropna())
            names |= {str(v) for v in project.variables["value"].dropna() if not str(v).strip().isdigit()}
        else:
            codings = read_flat_export(file)
        scheme.check(codings["path"], name)
        for document in sorted(codings["source"].unique()):
            if document in owner:
                raise InputError(f"document {document!r} is ook gecodeerd in {owner[document]}", file=name)
            owner[document] = name
        frames.append(pd.DataFrame({"case": codings["source"], "coder": codings["coder"], "path": codings["path"],
                                    "text": codings["text"], "start": codings["start"], "end": codings["end"],
                                    "file": public_name(Path(file))}))  # no free file name in any output
    if not frames:
        raise InputError("geen gecodeerde bestanden gevonden (.qdpx, .csv of .xlsx)")
    codings = pd.concat(frames, ignore_index=True)
    known = set(cases[case_column])
    missing = sorted(set(codings["case"]) - known)
    if missing:
        raise InputError(f"document {missing[0]!r} heeft geen casus in de casustabel (kolom '{case_column}')",
                         file=owner[missing[0]])
    cases = cases.rename(columns={case_column: "case"})
    return CodedData(codings=codings.sort_values(["case", "coder", "start", "end"], kind="stable")
                     .reset_index(drop=True), cases=cases, scheme=scheme, files=sorted(owner.values()),
                     metadata_names=frozenset(n for n in names if len(n.strip()) >= 3))
