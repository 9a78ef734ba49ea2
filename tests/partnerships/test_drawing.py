"""The network figures stay readable from a few funds to 30: a matrix from MATRIX_FROM funds, labels at the
minimum printed size, no fund's name on the legend or on another text, the colours of the shared palette."""

import random

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from competentiecheck.core.figures import (
    CATEGORICAL,
    MIN_FONT_PT,
    NEUTRAL,
    TEXT_WIDTH_IN,
    overlapping_texts,
    printed_font_sizes,
    text_boxes,
)
from competentiecheck.partnerships.analysis import PerceelNetwork
from competentiecheck.partnerships.drawing import (
    CELL,
    EMPTY_SLOT,
    MATRIX_FROM,
    NODE,
    SLOT_COLUMNS,
    SLOT_ROWS,
    STYLE,
    drawn_as_matrix,
    network_figure,
    network_panels,
)
from competentiecheck.partnerships.network import FORMS, build_network, centrality


def _network(n: int, perceel: int = 2, seed: int = 1, one_word: bool = False) -> PerceelNetwork:
    """``n`` funds with long names (as 'Horeca Vlaanderen'; ``one_word``: long names without a space, as
    'Podiumkunsten', that cannot wrap), a third of the possible ties, the last fund without a circle."""
    rng = random.Random(seed)
    funds = [
        f"F{i}"  # short names: a narrow matrix
        if one_word is None
        else f"Podiumkunsten{i:02d}"
        if one_word
        else f"Fonds {'Horeca Vlaanderen ' if i % 3 == 0 else ''}{i:02d}"
        for i in range(n)
    ]
    senders = funds[:-1]
    rows = [
        {"van": a, "naar": b, "vormen": {f for f in FORMS if rng.random() < 0.5} or {"informatie"}, "bijdrage": 2}
        for a in senders
        for b in funds
        if a != b and rng.random() < 0.33
    ]
    graph = build_network(pd.DataFrame(rows, columns=["van", "naar", "vormen", "bijdrage"]), funds)
    return PerceelNetwork(
        perceel=perceel,
        graph=graph,
        respondents=senders,
        not_taken_part=funds[-1:],
        coordinator=funds[0],
        measures={},
        centrality=centrality(graph),
        claim="ja",
        scores_shown=False,
        weighted_shown=False,
        high_interdependence=None,
        n_respondents=len(senders),
    )


def _legend_boxes(fig):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legends = list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    return [legend.get_window_extent(renderer) for legend in legends]


def _fund_labels(fig, network):
    names = {name.replace(" ", "") for name in network.graph.nodes}
    return [(t, b) for t, b in text_boxes(fig) if t.get_text().replace("\n", "").replace(" ", "") in names]


@pytest.mark.parametrize(
    "n, one_word", [(MATRIX_FROM, True), (MATRIX_FROM, None), (MATRIX_FROM + 1, False), (30, False)]
)
def test_a_dense_perceel_is_a_matrix_with_readable_labels_clear_of_the_legend(n, one_word):
    network = _network(n, one_word=one_word)
    assert drawn_as_matrix(network)
    fig = network_figure(network)
    labels = _fund_labels(fig, network)
    assert len(labels) == 2 * n  # every fund as a row and as a column
    assert overlapping_texts(fig) == []
    for text, box in text_boxes(fig):  # saved as laid out: nothing may stick out of the figure
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= fig.bbox.width and box.y1 <= fig.bbox.height, text
    for _, box in labels:
        assert not any(box.overlaps(legend) for legend in _legend_boxes(fig))
    # saved as laid out (not cropped): the whole figure is printed, at most at the text width
    assert min(size for _, size in printed_font_sizes(fig, tight=False)) >= MIN_FONT_PT
    assert fig.get_figwidth() <= TEXT_WIDTH_IN
    plt.close(fig)


def test_the_matrix_shows_each_tie_with_its_forms_and_nothing_else():
    network = _network(MATRIX_FROM + 1)
    fig = network_figure(network)
    image = fig.axes[0].images[0].get_array()  # a cell of CELL pixels: three slots per tie
    order = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    colours = {"informatie": NEUTRAL, "feedback": STYLE["feedback"][3], "cocreatie": STYLE["cocreatie"][3]}
    for i, source in enumerate(order):
        for j, target in enumerate(order):
            cell = image[i * CELL : (i + 1) * CELL, j * CELL : (j + 1) * CELL]
            forms = network.graph.edges[source, target]["forms"] if network.graph.has_edge(source, target) else None
            for form, (c0, _) in zip(FORMS, SLOT_COLUMNS):
                pixel = tuple(cell[SLOT_ROWS[0], c0])
                if forms is None:
                    assert pixel not in {tuple(colours[f]) for f in FORMS}
                else:
                    assert pixel == (tuple(colours[form]) if form in forms else (EMPTY_SLOT,) * 3)
    plt.close(fig)


@pytest.mark.parametrize("one_word", [False, True])
def test_small_percelen_are_circle_diagrams_whose_names_stay_off_the_legend(one_word):
    networks = [
        _network(k, perceel=p, seed=p, one_word=one_word) for p, k in enumerate((3, 4, 5, 6, MATRIX_FROM + 1), start=1)
    ]
    fig = network_panels(networks)
    titles = [ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")]
    assert titles == ["Perceel 1", "Perceel 2", "Perceel 3", "Perceel 4"]  # the dense one has its own matrix
    assert overlapping_texts(fig) == []
    # a name that does not fit beside its node goes under it: the circle keeps its size in the panel
    assert all(ax.get_xlim()[1] <= 2.6 for ax in fig.axes if ax.get_title(loc="left"))
    legends = _legend_boxes(fig)
    for network in networks[:4]:
        for _, box in _fund_labels(fig, network):
            assert not any(box.overlaps(legend) for legend in legends)
    assert min(size for _, size in printed_font_sizes(fig)) >= MIN_FONT_PT
    plt.close(fig)
    single = network_figure(networks[3])
    assert overlapping_texts(single) == [] and min(s for _, s in printed_font_sizes(single)) >= MIN_FONT_PT
    plt.close(single)


def test_the_network_colours_come_from_the_tested_categorical_palette():
    assert {STYLE[form][3] for form in FORMS} | {NODE} <= set(CATEGORICAL)


def test_the_circle_of_the_instrument_prints_its_text_at_the_minimum_size():
    from competentiecheck.partnerships.demo_partnerships import example_circle
    from competentiecheck.partnerships.drawing import circle_diagram

    fig = circle_diagram(example_circle())
    assert min(size for _, size in printed_font_sizes(fig)) >= MIN_FONT_PT
    assert overlapping_texts(fig) == []
    plt.close(fig)
