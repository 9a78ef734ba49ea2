"""The shared figure conventions: Dutch numbers on axes, whole-number count axes, notes clear of the axis
labels, colours that survive colour-vision deficiency, a minimum printed font size, the same bytes twice."""

import itertools

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from colorspacious import cspace_convert

from competentiecheck.core.figures import (
    CATEGORICAL,
    CVD_MIN_DELTA_E,
    MIN_FONT_PT,
    TEXT_WIDTH_IN,
    bar_chart_counts,
    dutch_axes,
    dutch_number,
    overlapping_texts,
    printed_font_sizes,
    prisma_flow,
    profile_combinations,
    save_figure,
    swot_quadrants,
    text_boxes,
    theme_groups,
    theme_heatmap,
)

NOTE = "'< 5': 1 tot 4; '×': verborgen aantal; aantallen afgerond op 5"


def _ticks(axis) -> list[str]:
    """The labels of the major ticks in view, as the figure draws them."""
    axis.figure.canvas.draw()
    lo, hi = sorted(axis.get_view_interval())
    locs = [v for v in axis.get_majorticklocs() if lo - 1e-9 <= v <= hi + 1e-9]
    return axis.get_major_formatter().format_ticks(locs)


@pytest.mark.parametrize(
    "value, decimals, text",
    [(0.25, None, "0,25"), (-0.5, 1, "−0,5"), (2.0, 0, "2"), (-0.0, 1, "0,0"), (1.75, 2, "1,75"), (-1e-12, 2, "0,00")],
)
def test_tick_values_are_written_as_a_dutch_reader_writes_them(value, decimals, text):
    assert dutch_number(value, decimals) == text


def test_every_numeric_axis_gets_decimal_commas_and_categorical_axes_keep_their_labels():
    fig, ax = plt.subplots()
    ax.plot([0.0, 1.0], [-0.6, 0.6])
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.6, 0.6)
    fig2, ax2 = plt.subplots()
    ax2.barh(["Werknemer", "Manager"], [3.5, 1.5])
    dutch_axes(fig)
    dutch_axes(fig2)
    x, y = _ticks(ax.xaxis), _ticks(ax.yaxis)
    # matplotlib's ticks on [0, 1] are 0, 0.2, …, 1 and on [-0.6, 0.6] steps of 0.2: one decimal each
    assert x == ["0,0", "0,2", "0,4", "0,6", "0,8", "1,0"]
    assert y == ["−0,6", "−0,4", "−0,2", "0,0", "0,2", "0,4", "0,6"]
    assert [t.get_text() for t in ax2.get_yticklabels()] == ["Werknemer", "Manager"]
    assert all("." not in t for t in _ticks(ax2.xaxis)) and "0,5" in _ticks(ax2.xaxis)
    plt.close("all")


def _functions(values) -> pd.DataFrame:
    return pd.DataFrame({"categorie": ["Werknemer", "Teamleider", "Manager", "Directeur"], "n": values})


def test_a_count_axis_has_whole_numbers_only():
    # 0..15 would get ticks at 2,5, 7,5, 12,5 without the integer rule (the perceel reports of issue 21)
    fig = bar_chart_counts(_functions([15, "< 5", 0, "< 5"]), "categorie", "n", "Functie", "Aantal", NOTE)
    dutch_axes(fig)
    ticks = _ticks(fig.axes[0].xaxis)
    assert ticks and all(t.isdigit() for t in ticks), ticks
    assert [int(t) for t in ticks] == sorted(int(t) for t in ticks) and int(ticks[-1]) >= 15
    plt.close(fig)


def test_the_note_on_hidden_counts_sits_below_the_axis_label_and_touches_no_text():
    fig = bar_chart_counts(_functions([15, "< 5", 0, "< 5"]), "categorie", "n", "Functie", "Aantal", NOTE)
    dutch_axes(fig)
    assert overlapping_texts(fig) == []
    boxes = {t.get_text(): b for t, b in text_boxes(fig)}
    assert boxes[NOTE].y1 <= boxes["Aantal"].y0
    plt.close(fig)


def test_overlapping_texts_finds_a_note_printed_over_an_axis_label():
    fig, ax = plt.subplots()
    ax.set_xlabel("Aantal respondenten")
    ax.annotate("een opmerking over de tellingen", xy=(0.2, -0.11), xycoords="axes fraction")
    assert overlapping_texts(fig) == [("Aantal respondenten", "een opmerking over de tellingen")] or overlapping_texts(
        fig
    ) == [("een opmerking over de tellingen", "Aantal respondenten")]
    plt.close(fig)


def _delta_e(colours, cvd_type) -> list[float]:
    rgb = np.array(colours, dtype=float)
    if cvd_type:
        space = {"name": "sRGB1+CVD", "cvd_type": cvd_type, "severity": 100}
        rgb = np.clip(cspace_convert(rgb, space, "sRGB1"), 0, 1)
    ucs = cspace_convert(rgb, "sRGB1", "CAM02-UCS")
    return [float(np.linalg.norm(ucs[a] - ucs[b])) for a, b in itertools.combinations(range(len(ucs)), 2)]


@pytest.mark.parametrize("cvd_type", [None, "deuteranomaly", "protanomaly", "tritanomaly"])
def test_the_categorical_colours_stay_apart_under_colour_vision_deficiency(cvd_type):
    # severity 100: full deuteranopia, protanopia, tritanopia (Machado et al. 2009, as colorspacious implements it)
    assert min(_delta_e(CATEGORICAL, cvd_type)) >= CVD_MIN_DELTA_E


def test_the_simulation_tells_a_red_green_pair_apart_only_with_normal_vision():
    red_green = [(0.84, 0.15, 0.16), (0.17, 0.63, 0.17)]  # matplotlib's tab:red and tab:green
    assert _delta_e(red_green, None)[0] > 30
    assert _delta_e(red_green, "deuteranomaly")[0] < CVD_MIN_DELTA_E


def _minimum(fig) -> float:
    dutch_axes(fig)
    size = min(s for _, s in printed_font_sizes(fig))
    plt.close(fig)
    return size


def test_every_shared_figure_prints_its_text_at_the_minimum_size_or_larger():
    themes = pd.Series(
        [12, "< 5", 7, 0, 20, 9],
        index=[
            "Strategie > Visie op leren",
            "Strategie > Beleid",
            "Mensen > Leiderschap",
            "Mensen > Feedback",
            "Middelen > Tijd",
            "Middelen > Opleidingsbudget",
        ],
    )
    combinations = pd.Series({"Ambitie": 15, "Basis": 10, "Ambitie + Basis": "< 5", "Groei": 5})
    swot = pd.DataFrame(
        {
            "category": list("SWOT"),
            "kwadrant": ["Sterktes", "Kwetsbaarheden", "Opportuniteiten", "Risico's"],
            "code": ["Betrokken leiding", "Weinig tijd", "Subsidies", "Personeelstekort"],
            "documents": [8, 5, 4, 6],
        }
    )
    matrix = pd.DataFrame({"a": [1, 0, 2], "b": [0, 3, 1]}, index=["Studie A (2020)", "Studie B", "Studie C"])
    counts = {
        "identified": 161,
        "by_database": {"Web of Science": 80, "Scopus": 81},
        "duplicates": 20,
        "screened": 141,
        "excluded_screening": 100,
        "reasons_screening": {"Ander onderwerp": 100},
        "assessed": 41,
        "excluded_fulltext": 18,
        "reasons_fulltext": {"Geen KMO": 18},
        "included": 23,
    }
    figures = {
        "bar_chart_counts": bar_chart_counts(
            _functions([15, "< 5", 0, 5]), "categorie", "n", "Functie", "Aantal", NOTE
        ),
        "theme_groups": theme_groups(themes, NOTE),
        "profile_combinations": profile_combinations(combinations, ["Ambitie", "Basis", "Groei"], NOTE),
        "swot_quadrants": swot_quadrants(swot, 9),
        "theme_heatmap": theme_heatmap(matrix, {"a": "Thema a", "b": "Thema b"}),
        "prisma_flow": prisma_flow(counts),
    }
    small = {name: round(_minimum(fig), 2) for name, fig in figures.items()}
    assert all(size >= MIN_FONT_PT for size in small.values()), small


def test_a_figure_wider_than_the_text_is_measured_at_its_printed_size():
    fig = plt.figure(figsize=(2 * TEXT_WIDTH_IN, 2))
    fig.text(0.1, 0.5, "breed", fontsize=10)
    fig.text(0.9, 0.5, "x", fontsize=10)
    assert printed_font_sizes(fig, tight=False) == [("breed", pytest.approx(5.0)), ("x", pytest.approx(5.0))]
    plt.close(fig)


def test_png_and_svg_are_the_same_bytes_when_drawn_twice(tmp_path):
    written = []
    for name in ("a", "b"):
        fig = bar_chart_counts(_functions([15, "< 5", 0, 5]), "categorie", "n", "Functie", "Aantal", NOTE)
        written.append(save_figure(fig, tmp_path / name))
    for first, second in zip(*written):
        assert first.read_bytes() == second.read_bytes(), first.suffix
    svg = written[0][1].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
