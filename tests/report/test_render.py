import pytest

from competentiecheck.report.render import RenderError, expand_shortcodes, number_crossrefs, render_offline


def test_meta_and_include_are_resolved(tmp_path):
    (tmp_path / "_deel.md").write_text("n = {{< meta n >}}\n", encoding="utf-8")
    text = expand_shortcodes("Voor {{< meta run >}}: {{< include _deel.md >}}", tmp_path, {"run": "totaal", "n": 95})
    assert text == "Voor totaal: n = 95\n"


def test_unknown_meta_key_and_missing_include_fail(tmp_path):
    with pytest.raises(RenderError, match="n_onbekend"):
        expand_shortcodes("{{< meta n_onbekend >}}", tmp_path, {})
    with pytest.raises(RenderError, match="bestaat niet"):
        expand_shortcodes("{{< include weg.md >}}", tmp_path, {})
    with pytest.raises(RenderError, match="niet ondersteund"):
        expand_shortcodes("{{< video x.mp4 >}}", tmp_path, {})


def test_crossrefs_are_numbered_per_kind_in_order():
    text = (
        "Zie @tbl-b, @fig-a en @tbl-a.\n\n| x |\n|---|\n| 1 |\n\n: Eerste {#tbl-a}\n\n"
        '![Beeld](f.png){#fig-a fig-alt="alt"}\n\n| y |\n|---|\n| 2 |\n\n: Tweede {#tbl-b}\n'
    )
    html, typst = number_crossrefs(text)
    assert "[Tabel 2](#tbl-b), [Figuur 1](#fig-a) en [Tabel 1](#tbl-a)" in html
    assert ": Tabel 1: Eerste {#tbl-a}" in html and ": Eerste {#tbl-a}" in typst
    assert '![Figuur 1: Beeld](f.png){#fig-a alt="alt"}' in html


def test_reference_to_missing_label_fails():
    with pytest.raises(RenderError, match="tbl-x"):
        number_crossrefs("Zie @tbl-x.")


def test_offline_render_writes_html_and_pdf(tmp_path):
    stage = tmp_path / "stage"
    stage.mkdir()
    (stage / "_quarto.yml").write_text(
        "metadata-files: [_values.yml]\nformat:\n  typst:\n    papersize: a4\n", encoding="utf-8"
    )
    (stage / "_values.yml").write_text("title: Proef\nn: 12\n", encoding="utf-8")
    (stage / "index.qmd").write_text(
        "# Deel\n\nWe telden {{< meta n >}} (@tbl-t).\n\n| a | b |\n|:--|--:|\n| x | 1 |\n\n: Telling {#tbl-t}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    html, pdf = render_offline(stage, out)
    content = html.read_text(encoding="utf-8")
    assert "Tabel 1: Telling" in content and "We telden 12" in content and "{{<" not in content
    assert pdf.read_bytes()[:5] == b"%PDF-"
