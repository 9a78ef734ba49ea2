"""Hierarchical coding schemes (codebooks) of the qualitative steps, read from data files.

A scheme is a YAML file with nested ``codes`` (``name`` and optional ``children``; a child may be a
plain name) and the category of each top-level code (for the SWOT: S, W, O, T or background), or a
REFI-QDA codebook (``.qdc``, namespace ``urn:QDA-XML:codebook:1.0``). Codes are identified by their
path of names from the top, written ``Hoofdvariabel > Hoofdthema > Subthema``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from lxml import etree

from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import relative
from competentiecheck.core.tabular import read_yaml

__all__ = ["CodingScheme", "load_scheme", "scheme_from_qdc", "path_text", "parse_path", "SEPARATOR"]

SEPARATOR = " > "
QDC_NAMESPACE = "urn:QDA-XML:codebook:1.0"


def path_text(path: tuple[str, ...]) -> str:
    return SEPARATOR.join(path)


def parse_path(text: str) -> tuple[str, ...]:
    """A code path as a tuple of names: ``A > B > C``, or as tools export it, ``A\\B\\C`` (MAXQDA, NVivo)
    or ``A::B`` (ATLAS.ti). A '/' is never a separator: names such as 'Tijd / timing' contain it."""
    for separator in (">", "\\", "::"):
        if separator in text:
            return tuple(part.strip() for part in text.split(separator) if part.strip())
    return (text.strip(),)


@dataclass
class CodingScheme:
    """Codes as a table: ``path`` (tuple), ``code`` (last name), ``level``, ``category``, ``top``."""

    source: str
    codes: pd.DataFrame
    decisions: list[dict] = field(default_factory=list)

    @property
    def paths(self) -> set[tuple[str, ...]]:
        return set(self.codes["path"])

    def check(self, paths, file: str, where: str = "code") -> None:
        """Every path is a code of the scheme; otherwise an error naming file and code."""
        known = self.paths
        for path in paths:
            if tuple(path) not in known:
                raise InputError(
                    f"{where} {path_text(tuple(path))!r} staat niet in het codeboek ({self.source})", file=file
                )


def _rows(nodes, parents: tuple[str, ...], categories: dict, file: str) -> list[dict]:
    rows = []
    for node in nodes or []:
        name = node if isinstance(node, str) else node.get("name") if isinstance(node, dict) else None
        if not name:
            raise InputError(f"code zonder naam onder {path_text(parents) or 'de top'}", file=file)
        path = parents + (str(name),)
        rows.append(
            {
                "path": path,
                "code": str(name),
                "level": len(path),
                "top": path[0],
                "category": categories.get(path[0], ""),
            }
        )
        if isinstance(node, dict):
            rows += _rows(node.get("children"), path, categories, file)
    return rows


def load_scheme(file: str | Path) -> CodingScheme:
    """A coding scheme from YAML (``source``, ``categories``, ``codes``, optional ``decisions``)."""
    name = relative(Path(file))
    data = read_yaml(file, "het codeboek")  # a syntax error or a key given twice names the file, line and character
    if "codes" not in data or "source" not in data:
        raise InputError("een codeboek heeft 'source' (waar het vandaan komt) en 'codes'", file=name)
    frame = pd.DataFrame(
        _rows(data["codes"], (), data.get("categories") or {}, name),
        columns=["path", "code", "level", "top", "category"],
    )
    duplicated = frame["path"].duplicated()
    if duplicated.any():
        raise InputError(
            f"code {path_text(frame.loc[duplicated, 'path'].iat[0])!r} staat twee keer in het codeboek", file=name
        )
    return CodingScheme(source=data["source"], codes=frame, decisions=data.get("decisions") or [])


def scheme_from_qdc(file: str | Path, categories: dict | None = None) -> CodingScheme:
    """A coding scheme from a REFI-QDA codebook file (``.qdc``)."""
    name = relative(Path(file))
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.parse(str(file), parser).getroot()
    except etree.XMLSyntaxError as exc:
        raise InputError(f"geen geldige XML: {exc}", file=name) from None
    if etree.QName(root).namespace != QDC_NAMESPACE:
        raise InputError(f"geen REFI-QDA-codeboek (verwacht namespace {QDC_NAMESPACE})", file=name)
    ns = {"c": QDC_NAMESPACE}

    def walk(element) -> list:
        return [{"name": code.get("name"), "children": walk(code)} for code in element.findall("c:Code", ns)]

    codes = root.find("c:Codes", ns)
    frame = pd.DataFrame(
        _rows(walk(codes) if codes is not None else [], (), categories or {}, name),
        columns=["path", "code", "level", "top", "category"],
    )
    return CodingScheme(source=name, codes=frame)
