"""The questionnaire codebook (``data/codebook/vragenlijst.yml``) as Python objects.

The codebook is the single description of the survey: item ids and wordings in every language,
response scales with codes and labels, background questions, scales with their items and reverse
keying. Readers map export columns onto its ids; the cleaning step validates values against it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from competentiecheck.core.errors import InputError
from competentiecheck.core.paths import CODEBOOK
from competentiecheck.core.yaml_text import safe_load

__all__ = ["Codebook", "Variable", "Scale", "load_codebook", "normalise_text"]


def normalise_text(text: str) -> str:
    """Fold a header or label for matching: case, accents kept, punctuation and spacing folded."""
    return _normalise(str(text))


@lru_cache(maxsize=65536)
def _normalise(text: str) -> str:
    # cached: an export repeats the same few answer labels in every row (thousands of rows, one fold each)
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("…", "...").replace("’", "'").replace("‘", "'")
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip(" .:?")


@dataclass(frozen=True)
class Variable:
    """One column of the cleaned data.

    kind is one of: item (scale item), category, number, text, organisation, admin.
    """

    id: str
    kind: str
    texts: dict[str, str] = field(default_factory=dict)
    codes: tuple[int, ...] = ()
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    missing_codes: tuple[int, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    scale: str | None = None
    reverse: bool = False
    versions: tuple[str, ...] = ()
    role: str | None = None
    response: str | None = None
    required: bool = False  # every export must have this column (scale items: every export of their version)

    def label_lookup(self) -> dict[str, int]:
        """Normalised label (any language) -> code (built once per variable; do not modify it)."""
        return self._label_lookup

    @cached_property
    def _label_lookup(self) -> dict[str, int]:
        lookup: dict[str, int] = {}
        for labels in self.labels.values():
            for code, label in zip(self.codes, labels):
                lookup[normalise_text(label)] = code
        return lookup

    def dutch_labels(self) -> dict[int, str]:
        labels = self.labels.get("nl")
        return dict(zip(self.codes, labels)) if labels else {}


@dataclass(frozen=True)
class Scale:
    id: str
    label: str
    label_en: str
    group: str
    items: tuple[str, ...]
    reverse_items: tuple[str, ...]

    def scored_columns(self) -> tuple[str, ...]:
        """Item columns after reverse coding (``<item>_r`` for reverse-keyed items)."""
        return tuple(f"{i}_r" if i in self.reverse_items else i for i in self.items)


@dataclass
class Codebook:
    path: Path
    variables: dict[str, Variable]
    scales: dict[str, Scale]
    tabel3_order: list[str]
    decisions: list[dict]
    languages: list[str]
    admin_names: dict[str, str]

    @property
    def items(self) -> list[Variable]:
        return [v for v in self.variables.values() if v.kind == "item"]

    @property
    def scale_items(self) -> list[str]:
        """Items that belong to an analysed scale."""
        return [i for s in self.scales.values() for i in s.items]

    @cached_property
    def _header_keys(self) -> frozenset[str]:
        return frozenset(self.header_lookup())

    def knows_header(self, header: str) -> bool:
        """Is this a column name or question wording of the codebook (for finding the header row)?"""
        return normalise_text(header) in self._header_keys

    def header_lookup(self) -> dict[str, tuple[str, str]]:
        """Normalised header text -> (variable id, language). Ids map with language ''."""
        lookup: dict[str, tuple[str, str]] = {}
        for var in self.variables.values():
            lookup[normalise_text(var.id)] = (var.id, "")
            for lang, text in var.texts.items():
                key = normalise_text(text)
                if key in lookup and lookup[key][0] != var.id:
                    raise InputError(
                        f"de tekst komt voor bij twee variabelen ({lookup[key][0]}, {var.id})",
                        file=self.path,
                        column=var.id,
                        value=text,
                    )
                lookup.setdefault(key, (var.id, lang))
        for name, var_id in self.admin_names.items():
            lookup[normalise_text(name)] = (var_id, "")
        return lookup


def load_codebook(path: Path = CODEBOOK) -> Codebook:
    """Read and check the codebook; every reference must resolve."""
    path = Path(path)
    data = safe_load(path.read_text(encoding="utf-8"))
    scales_raw = data["response_scales"]
    variables: dict[str, Variable] = {}

    def add(var: Variable) -> None:
        if var.id in variables:
            raise InputError("dubbele variabele-id in het codeboek", file=path, column=var.id)
        variables[var.id] = var

    for item in data["items"]:
        resp = scales_raw.get(item["response"])
        if resp is None:
            raise InputError(f"onbekende antwoordschaal {item['response']!r}", file=path, column=item["id"])
        add(
            Variable(
                id=item["id"],
                kind="item",
                texts=item["text"],
                codes=tuple(resp["codes"]),
                labels={k: tuple(v) for k, v in resp.get("labels", {}).items()},
                missing_codes=tuple(resp.get("missing", [])),
                minimum=min(resp["codes"]),
                maximum=max(resp["codes"]),
                integer=True,
                scale=item.get("scale"),
                reverse=bool(item.get("reverse", False)),
                versions=tuple(item.get("versions", [])),
                response=item["response"],
            )
        )
    for bg in data["background"]:
        kind = bg["kind"]
        codes: tuple[int, ...] = ()
        labels: dict[str, tuple[str, ...]] = {}
        if kind == "category":
            if "response" in bg:
                resp = scales_raw[bg["response"]]
                codes = tuple(resp["codes"])
                labels = {k: tuple(v) for k, v in resp["labels"].items()}
            else:
                cats = bg["categories"]
                codes = tuple(int(c) for c in cats)
                langs = data["languages"]
                labels = {lang: tuple(cats[c][lang] for c in cats) for lang in langs}
        add(
            Variable(
                id=bg["id"],
                kind=kind,
                texts=bg["text"],
                codes=codes,
                labels=labels,
                missing_codes=tuple(bg.get("missing", [])),
                minimum=bg.get("min", min(codes) if codes else None),
                maximum=bg.get("max", max(codes) if codes else None),
                integer=bool(bg.get("integer", kind == "category")),
                required=bool(bg.get("required", False)),
            )
        )
    admin_names: dict[str, str] = {}
    for adm in data["administrative"]:
        add(
            Variable(
                id=adm["id"],
                kind="admin",
                role=adm["role"],
                minimum=adm.get("min"),
                maximum=adm.get("max"),
                integer=bool(adm.get("integer", False)),
                required=bool(adm.get("required", False)),
            )
        )
        for name in adm.get("names", []):
            admin_names[name] = adm["id"]

    scales: dict[str, Scale] = {}
    for sid, spec in data["scales"].items():
        for item_id in spec["items"]:
            var = variables.get(item_id)
            if var is None or var.kind != "item":
                raise InputError(f"schaal {sid} verwijst naar onbekend item", file=path, column=item_id)
            if var.scale != sid:
                raise InputError(
                    f"item hoort volgens de itemlijst bij {var.scale!r}, niet bij {sid!r}", file=path, column=item_id
                )
        reverse = tuple(i for i in spec["items"] if variables[i].reverse)
        scales[sid] = Scale(
            id=sid,
            label=spec["label"],
            label_en=spec.get("label_en", spec["label"]),
            group=spec["group"],
            items=tuple(spec["items"]),
            reverse_items=reverse,
        )
    for var in variables.values():
        if var.kind == "item" and var.scale is not None and var.scale not in scales:
            raise InputError(f"item verwijst naar onbekende schaal {var.scale!r}", file=path, column=var.id)
    order = list(data["tabel3_order"])
    if sorted(order) != sorted(scales):
        raise InputError("tabel3_order moet elke schaal precies één keer bevatten", file=path)
    return Codebook(
        path=path,
        variables=variables,
        scales=scales,
        tabel3_order=order,
        decisions=data.get("decisions", []),
        languages=data["languages"],
        admin_names=admin_names,
    )
