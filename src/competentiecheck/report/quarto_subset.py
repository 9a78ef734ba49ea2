"""The subset of Quarto the offline renderer implements, on the staged sources.

Front matter and ``metadata-files``, ``{{< include >}}`` and ``{{< meta >}}`` shortcodes, and numbered
``#tbl-`` / ``#fig-`` / ``#sec-`` cross-references ("Tabel n", "Figuur n", "Hoofdstuk n": the prefixes of
``crossref`` in ``_quarto.yml``) as Quarto writes them, and ``date-format``. Anything else is an error, so a source that only Quarto would understand is caught in CI.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from competentiecheck.core.paths import relative
from competentiecheck.report.errors import RenderError

__all__ = ["expand_shortcodes", "number_crossrefs", "project_metadata", "format_date"]

SHORTCODE = re.compile(r"\{\{<\s*(\w+)\s*([^>]*?)\s*>\}\}")
TABLE_CAPTION = re.compile(r"^: (?P<caption>.*?) \{#(?P<id>tbl-[\w-]+)\}\s*$", re.MULTILINE)
FIGURE = re.compile(r"!\[(?P<caption>[^\]]*)\]\((?P<src>[^)\s]+)\)\{#(?P<id>fig-[\w-]+)(?P<attrs>[^}]*)\}")
REFERENCE = re.compile(r"@(?P<id>(?:tbl|fig|sec)-[\w-]+)")
HEADING = re.compile(r"^(?P<hashes>#{1,6}) (?P<title>.+?)(?: \{(?P<attrs>[^}]*)\})?\s*$", re.MULTILINE)


def _split_front_matter(text: str) -> tuple[dict, str]:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end == -1:
            raise RenderError("front matter zonder afsluitende ---")
        return yaml.safe_load(text[4:end]) or {}, text[end + 5 :]
    return {}, text


def _lookup(meta: dict, key: str):
    value = meta
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            raise RenderError(f"{{{{< meta {key} >}}}}: sleutel bestaat niet in de metadata van deze run")
        value = value[part]
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def expand_shortcodes(text: str, base: Path, meta: dict, _depth: int = 0) -> str:
    """Resolve ``include`` (relative to ``base``) and ``meta`` shortcodes; any other one is an error."""
    if _depth > 10:
        raise RenderError("te diep geneste includes (lus?)")

    def replace(match: re.Match) -> str:
        name, argument = match.group(1), match.group(2).strip()
        if name == "include":
            path = (base / argument).resolve()
            if not path.exists():
                raise RenderError(f"{{{{< include {argument} >}}}}: bestand {relative(path)} bestaat niet")
            included = path.read_text(encoding="utf-8")
            return expand_shortcodes(included, path.parent, meta, _depth + 1)
        if name == "meta":
            return _lookup(meta, argument)
        raise RenderError(f"shortcode {{{{< {name} >}}}} wordt door de offline renderer niet ondersteund")

    return SHORTCODE.sub(replace, text)


def _section_numbers(text: str, prefix: str) -> dict[str, str]:
    """``sec-`` labels -> "<prefix> 3.2" (numbered headings, as Quarto) or the title (unnumbered)."""
    counters = [0] * 6
    numbers = {}
    for m in HEADING.finditer(text):
        attrs = m.group("attrs") or ""
        level = len(m.group("hashes"))
        unnumbered = ".unnumbered" in attrs or "-}" in attrs
        if not unnumbered:
            counters[level - 1] += 1
            counters[level:] = [0] * (6 - level)
        label = re.search(r"#(sec-[\w-]+)", attrs)
        if label:
            numbers[label.group(1)] = (
                m.group("title") if unnumbered else f"{prefix} " + ".".join(str(c) for c in counters[:level])
            )
    return numbers


def number_crossrefs(text: str, crossref: dict | None = None) -> tuple[str, str]:
    """Number tables and figures in document order and resolve ``@tbl-``/``@fig-`` references.

    Returns the text for HTML (captions prefixed "Tabel n: " / "Figuur n: ") and for Typst
    (captions left bare: Typst numbers figures itself, in the same order).
    """
    crossref = crossref or {}
    numbers: dict[str, str] = _section_numbers(text, crossref.get("sec-prefix", "Sectie"))
    events = sorted(
        [(m.start(), "tbl", m.group("id")) for m in TABLE_CAPTION.finditer(text)]
        + [(m.start(), "fig", m.group("id")) for m in FIGURE.finditer(text)]
    )
    counters = {"tbl": 0, "fig": 0}
    for _, kind, ident in events:
        if ident in numbers:
            raise RenderError(f"label #{ident} komt twee keer voor")
        counters[kind] += 1
        prefix = crossref.get("tbl-prefix", "Tabel") if kind == "tbl" else crossref.get("fig-prefix", "Figuur")
        numbers[ident] = f"{prefix} {counters[kind]}"

    def reference(match: re.Match) -> str:
        ident = match.group("id")
        if ident not in numbers:
            raise RenderError(f"verwijzing @{ident} naar een label dat niet bestaat")
        return f"[{numbers[ident]}](#{ident})"

    def figure(prefix: bool):
        def replace(m: re.Match) -> str:
            attrs = m.group("attrs").replace("fig-alt=", "alt=")
            caption = f"{numbers[m.group('id')]}: {m.group('caption')}" if prefix else m.group("caption")
            return f"![{caption}]({m.group('src')}){{#{m.group('id')}{attrs}}}"

        return replace

    def table(prefix: bool):
        def replace(m: re.Match) -> str:
            caption = f"{numbers[m.group('id')]}: {m.group('caption')}" if prefix else m.group("caption")
            return f": {caption} {{#{m.group('id')}}}"

        return replace

    with_refs = REFERENCE.sub(reference, text)
    html = FIGURE.sub(figure(True), TABLE_CAPTION.sub(table(True), with_refs))
    typst_text = FIGURE.sub(figure(False), TABLE_CAPTION.sub(table(False), with_refs))
    return html, typst_text


def project_metadata(stage_dir: Path) -> tuple[dict, dict, str]:
    config = yaml.safe_load((stage_dir / "_quarto.yml").read_text(encoding="utf-8")) or {}
    meta: dict = {}
    for name in config.get("metadata-files", []):
        meta.update(yaml.safe_load((stage_dir / name).read_text(encoding="utf-8")) or {})
    front, body = _split_front_matter((stage_dir / "index.qmd").read_text(encoding="utf-8"))
    for key in ("lang", "title", "subtitle", "date", "toc-title"):
        if key in config and key not in meta:
            meta[key] = config[key]
    meta.update(front)
    return config, meta, body


DUTCH_MONTHS = ("januari februari maart april mei juni juli augustus september oktober november december").split()


def format_date(value: str, date_format: str | None) -> str:
    """An ISO date as Quarto's ``date-format`` writes it for ``lang: nl``; only the project's format
    ("D MMMM YYYY": 30 november 2026) is implemented, any other is an error."""
    if not date_format:
        return value
    if date_format != "D MMMM YYYY":
        raise RenderError(f"date-format {date_format!r}: de offline renderer kent alleen 'D MMMM YYYY'")
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    if not match:
        raise RenderError(f"date {value!r} is geen datum JJJJ-MM-DD")
    year, month, day = (int(g) for g in match.groups())
    return f"{day} {DUTCH_MONTHS[month - 1]} {year}"
