"""Staging: the run's copy of ``report/`` with its generated pieces, from which both renderers start.

``build/<run>/report/`` holds a copy of ``report/`` plus the run's values (``_values.yml``, merged from
every step's ``values/*.yml``), its fragments (``_generated/*.md``: the run's own and the programme-wide
chapters it includes or points to) and its figures (``figures/``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from competentiecheck.core.params import load_params
from competentiecheck.core.paths import BUILD, REPORT, build_dir, figures_dir, relative
from competentiecheck.report.angle_brackets import escape_comparisons
from competentiecheck.report.errors import RenderError

__all__ = ["stage_sources", "merge_values", "evaluation_values"]


def stage_sources(run: str, renderer: str, stage_dir: Path | None = None, extra_values: dict | None = None) -> Path:
    """Copy ``report/`` and the run's generated files into ``build/<run>/report``."""
    source_build = build_dir(run)
    values = merge_values(source_build)
    stage_dir = stage_dir or source_build / "report"
    if stage_dir.exists():
        shutil.rmtree(stage_dir)
    shutil.copytree(REPORT, stage_dir, ignore=shutil.ignore_patterns("_output", ".quarto"))
    values["renderer"] = renderer
    # who made, commissioned and funded the evaluation, consent and approval (colophon, ethics): params
    values.update(evaluation_values(load_params(run)["evaluation"]))
    values.update(extra_values or {})
    (stage_dir / "_values.yml").write_text(yaml.safe_dump(values, allow_unicode=True, sort_keys=True), encoding="utf-8")
    generated = stage_dir / "_generated"
    generated.mkdir()
    for fragment in sorted((source_build / "fragments").glob("*.md")):
        shutil.copy2(fragment, generated / fragment.name)
    figures = stage_dir / "figures"
    figures.mkdir()
    for folder in (
        figures_dir(run),
        figures_dir("literatuur"),
        figures_dir("interviews"),
        figures_dir("documenten"),
        figures_dir("partnerschappen"),
    ):
        if folder.exists():
            for figure in sorted(folder.iterdir()):
                if figure.is_file() and not figure.name.startswith("."):
                    shutil.copy2(figure, figures / figure.name)
    # programme-wide literature review: the chapter for totaal, a pointer in the perceel reports
    literature = BUILD / "literatuur" / "fragments"
    if not literature.exists():
        raise RenderError(f"{relative(literature)} ontbreekt: voer eerst notebooks/03_literature.ipynb uit")
    chapter = "literatuur_totaal.md" if run == "totaal" else "literatuur_perceel.md"
    shutil.copy2(literature / chapter, generated / "literatuur.md")
    # programme-wide company interviews: the chapter for totaal, a pointer in the perceel reports
    interviews = BUILD / "interviews" / "fragments"
    if not interviews.exists():
        raise RenderError(f"{relative(interviews)} ontbreekt: voer eerst notebooks/04_interviews.ipynb uit")
    shutil.copy2(
        interviews / ("interviews_totaal.md" if run == "totaal" else "interviews_perceel.md"),
        generated / "interviews.md",
    )
    for name in ("codeboek_swot.md", "casussen.md"):
        shutil.copy2(interviews / name, generated / name)
    for suffix in ("", "_en"):
        shutil.copy2(
            interviews / f"bevinding_{'totaal' if run == 'totaal' else 'perceel'}{suffix}.md",
            generated / f"interviews_bevinding{suffix}.md",
        )
    # the plannen van aanpak: a chapter per run (its own profiles where the perceel is large enough)
    documents = BUILD / "documenten" / "fragments"
    if not documents.exists():
        raise RenderError(f"{relative(documents)} ontbreekt: voer eerst notebooks/05_documents.ipynb uit")
    shutil.copy2(documents / f"profielen_{run}.md", generated / "profielen.md")
    for suffix in ("", "_en"):
        shutil.copy2(documents / f"bevinding{suffix}.md", generated / f"profielen_bevinding{suffix}.md")
    # the partnerships: the chapter for totaal, each perceel its own network and response
    partnerships = BUILD / "partnerschappen" / "fragments"
    if not partnerships.exists():
        raise RenderError(f"{relative(partnerships)} ontbreekt: voer eerst notebooks/06_partnerships.ipynb uit")
    shutil.copy2(partnerships / f"partnerschappen_{run}.md", generated / "partnerschappen.md")
    shutil.copy2(partnerships / "codeboek_partnerschappen.md", generated / "codeboek_partnerschappen.md")
    shutil.copy2(partnerships / "conclusie.md", generated / "partnerschappen_conclusie.md")
    for suffix in ("", "_en"):
        shutil.copy2(partnerships / f"bevinding{suffix}.md", generated / f"partnerschappen_bevinding{suffix}.md")
    # at the project root: Quarto escapes a leading underscore in Typst paths (quarto-cli #12069)
    shutil.copy2(literature / "literatuur.bib", stage_dir / "literatuur.bib")
    # '< 5' cells make Pandoc's reader (Quarto's too) quadratic; escaped they read the same, ten times faster
    for source in sorted([*stage_dir.glob("*.qmd"), *generated.glob("*.md")]):
        text = source.read_text(encoding="utf-8")
        escaped = escape_comparisons(text)
        if escaped != text:
            source.write_text(escaped, encoding="utf-8")
    return stage_dir


def evaluation_values(block: dict, prefix: str = "evaluatie") -> dict[str, str]:
    """The params' ``evaluation`` block as inline values: ``evaluatie_<key>`` (nested keys joined with
    ``_``), a list joined with '; ', a number as text."""
    values = {}
    for key, value in block.items():
        name = f"{prefix}_{key}"
        if isinstance(value, dict):
            values.update(evaluation_values(value, name))
        elif isinstance(value, list):
            values[name] = "; ".join(str(v) for v in value)
        else:
            values[name] = str(value)
    return values


def merge_values(source_build: Path) -> dict:
    """Merge the inline values of every step (``values/<step>.yml``) into ``values.yml``.

    A key written by two steps is an error: each value has one author.
    """
    files = sorted((source_build / "values").glob("*.yml"))
    if not files:
        raise RenderError(f"{relative(source_build / 'values')} bevat geen waarden: voer eerst de notebooks uit")
    merged: dict = {}
    origin: dict[str, str] = {}
    for path in files:
        for key, value in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if key in merged:
                raise RenderError(f"waarde {key!r} staat in {origin[key]} en in {path.name}")
            merged[key], origin[key] = value, path.name
    (source_build / "values.yml").write_text(
        yaml.safe_dump(dict(sorted(merged.items())), allow_unicode=True), encoding="utf-8"
    )
    return merged
