"""The staged Quarto project of every run is correct by construction, checked without Quarto.

Quarto cannot be installed here; these checks catch what is known to break the Quarto path (a path
with a leading underscore in Typst output, links to files the renderer renames, Typst files Quarto
would not load) and use only features listed, with their documentation page, in
report/quarto-features.yml. tests/test_quarto.py compares both renderers where Quarto is present.
"""

import re
import subprocess

import pytest
import typst
import yaml

from competentiecheck.core.paths import BUILD, REPORT, RUNS
from competentiecheck.report.render import _pandoc

FEATURES = yaml.safe_load((REPORT / "quarto-features.yml").read_text(encoding="utf-8"))


def _flatten(mapping, prefix=""):
    for key, value in mapping.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and name in ("project", "format", "format.html", "format.typst"):
            yield from _flatten(value, name + ".")
        else:
            yield name, value


def _stage(run):
    return BUILD / run / "report"


def _sources(stage):
    files = sorted(stage.glob("*.qmd")) + sorted((stage / "_generated").glob("*.md"))
    return {p.name: p.read_text(encoding="utf-8") for p in files}


@pytest.fixture(scope="module")
def stages(full_report):
    return {run: _stage(run) for run in RUNS}


def test_only_documented_options(stages):
    for run, stage in stages.items():
        config = yaml.safe_load((stage / "_quarto.yml").read_text(encoding="utf-8"))
        front = yaml.safe_load((stage / "index.qmd").read_text(encoding="utf-8").split("---")[1])
        for name, _ in list(_flatten(config)) + list(_flatten(front)):
            assert name in FEATURES["options"], f"{run}: {name} staat niet in report/quarto-features.yml"


def test_no_leading_underscore_in_paths_that_reach_typst(stages):
    for run, stage in stages.items():
        config = yaml.safe_load((stage / "_quarto.yml").read_text(encoding="utf-8"))
        front = yaml.safe_load((stage / "index.qmd").read_text(encoding="utf-8").split("---")[1])
        typst_options = config["format"]["typst"]
        paths = [front.get("bibliography"), typst_options.get("output-file"), *typst_options["template-partials"]]
        for path in filter(None, paths):
            assert not any(part.startswith("_") for part in str(path).split("/")), (run, path)
            assert (stage / path).exists() or path == typst_options.get("output-file"), (run, path)


def test_one_typst_template_for_both_renderers(stages):
    template = (REPORT / "typst-template.typ").read_text(encoding="utf-8")
    function = re.search(r"#let ([\w-]+)\(\s*title:", template).group(1)  # the template (its helpers come first)
    assert "$" not in template  # Quarto reads partials as Pandoc templates: a '$' would be template syntax
    assert f"#show: doc => {function}(" in (REPORT / "typst-show.typ").read_text(encoding="utf-8")
    conf = (REPORT / "typst-conf.typ").read_text(encoding="utf-8")
    assert f'#import "typst-template.typ": {function}' in conf
    config = yaml.safe_load((REPORT / "_quarto.yml").read_text(encoding="utf-8"))
    assert config["format"]["typst"]["template-partials"] == ["typst-template.typ", "typst-show.typ"]
    assert not list(REPORT.glob("typst-preamble*"))


def test_the_quarto_partials_compile_as_quarto_would_fill_them(stages, tmp_path):
    """Pandoc fills typst-show.typ as Quarto's template does ($typst-template.typ()$, $typst-show.typ()$),
    and Typst compiles the result: argument names and types of the show rule match the template."""
    stage = stages["perceel-3"]
    config = yaml.safe_load((stage / "_quarto.yml").read_text(encoding="utf-8"))
    typst_options = config["format"]["typst"]
    # Quarto's template.typ puts each partial on lines of its own; Pandoc drops a partial's last newline
    (stage / "quarto-sim.typ").write_text("$typst-template.typ()$\n\n$typst-show.typ()$\n\n$body$\n", encoding="utf-8")
    metadata = {
        "toc": True,
        "toc-title": config["toc-title"],
        "toc-depth": config["toc-depth"],
        "papersize": typst_options["papersize"],
        "fontsize": typst_options["fontsize"],
        "section-numbering": typst_options["section-numbering"],
        "margin": typst_options["margin"],
    }
    (stage / "quarto-sim.yml").write_text(yaml.safe_dump(metadata), encoding="utf-8")
    command = [
        _pandoc(),
        "_offline_typst.md",
        "--from",
        "markdown",
        "--to",
        "typst",
        "--standalone",
        "--template",
        "quarto-sim.typ",
        "--citeproc",
        "--output",
        "quarto-sim-out.typ",
        "--metadata-file",
        "quarto-sim.yml",
    ]
    done = subprocess.run(command, cwd=stage, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    pdf = typst.compile(str(stage / "quarto-sim-out.typ"), root=str(stage))
    assert pdf[:5] == b"%PDF-"
    source = (stage / "quarto-sim-out.typ").read_text(encoding="utf-8")
    assert "margin: (x: 2.2cm,y: 2.4cm,)" in source and "toc: true" in source
    for name in ("quarto-sim.typ", "quarto-sim.yml", "quarto-sim-out.typ"):
        (stage / name).unlink()


def test_links_point_at_the_files_readers_get(stages, full_report):
    config = yaml.safe_load((REPORT / "_quarto.yml").read_text(encoding="utf-8"))
    html = config["format"]["html"]
    assert html["format-links"] is False and config["format"]["typst"]["output-file"] == "report.pdf"
    assert 'href="report.pdf"' in (REPORT / html["include-before-body"]).read_text(encoding="utf-8")
    for run in RUNS:
        page = (full_report / run / "index.html").read_text(encoding="utf-8")
        assert 'href="report.pdf"' in page and (full_report / run / "report.pdf").exists()
        assert "index.pdf" not in page


def test_offline_html_has_the_sidebar_contents_and_responsive_layout(full_report):
    page = (full_report / "totaal" / "index.html").read_text(encoding="utf-8")
    assert 'id="TOC"' in page and "position: fixed" in page and "@media (min-width: 1200px)" in page


def test_markdown_uses_only_documented_constructs(stages):
    for run, stage in stages.items():
        values = yaml.safe_load((stage / "_values.yml").read_text(encoding="utf-8"))
        sources = _sources(stage)
        text = "\n".join(sources.values())
        for name, source in sources.items():
            for line in source.splitlines():
                for kind, arg in re.findall(r"\{\{<\s*(\w+)\s+([^>]*?)\s*>\}\}", line):
                    assert kind in ("include", "meta"), (run, name, kind)
                    if kind == "include":
                        assert line.strip() == f"{{{{< include {arg} >}}}}", (run, name, line)  # a block of its own
                        assert (stage / arg).exists(), (run, arg)
                    else:
                        assert arg in values, (run, name, arg)
            # no Quarto callouts: in Typst they need a package Quarto downloads on first use (issue 22)
            assert not re.search(r"^:::+ *\{[^}]*\.callout", source, re.M), (run, name)
        labels = set(re.findall(r"\{#((?:tbl|fig|sec)-[\w-]+)", text))
        unnumbered = set(re.findall(r"\{#(sec-[\w-]+)[^}]*\.unnumbered", text))
        for ref in set(re.findall(r"@((?:tbl|fig|sec)-[\w-]*\w)", text)):
            assert ref in labels, (run, ref)
            assert ref not in unnumbered, (run, ref)  # Quarto has no number to show for it


def test_figure_captions_carry_no_links(stages):
    """A link inside a figure caption breaks the offline renderer's figure numbering (and reads badly)."""
    for run, stage in stages.items():
        for name, source in _sources(stage).items():
            for caption in re.findall(r"!\[(.*)\]\([^)]*\)\{#fig-", source):
                assert "](" not in caption, (run, name, caption[:60])
