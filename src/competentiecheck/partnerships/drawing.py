"""Figures of chapter 8: the partnership network of each perceel and the network circle of the instrument.

Networks: funds on a circle (the coordinator on top, then alphabetical), one arrow per tie from the
fund whose consultant named the partner; the line style shows the deepest form of the tie (dotted:
information only, dashed: feedback/help/support, solid: co-creation); a coordinator has a dark ring,
funds that did not take part are hollow. Node size follows the weighted in-degree only where the
privacy rule allows it (``PerceelNetwork.weighted_shown``, which needs the perceel's mean to be shown),
else the in-degree, and the legend says which: a figure never encodes the scores of a perceel whose mean
is hidden (the ties' weights are not read). Lines and arrowheads are drawn as collections (one
``LineCollection`` per style, one ``PolyCollection`` of arrowheads), so 50 percelen of 30 funds draw in
seconds.

A perceel of MATRIX_FROM funds or more is drawn as a matrix instead (:func:`network_matrix`): a circle of
seven funds already holds up to 42 arrows that cross each other, and at 30 funds nothing is readable. The
matrix has a row per fund whose consultant named partners and a column per named partner; a cell with a tie
has three slots, left to right information, feedback and co-creation, filled where the tie has that form,
so the forms are read from the position as well as from the colour. Its size grows with the number of
funds up to the text width of the PDF; its labels stay at least ``MIN_FONT_PT``.

Circle: the instrument of Bijlage 6 — the respondent in the centre, rings for the contribution
(4 = result impossible without the collaboration, innermost, … 1 = no contribution, outermost),
three sectors for the forms (information top left, feedback top right, co-creation at the bottom); a
partner with several forms stands in each of its sectors.
"""

from __future__ import annotations

import math
from pathlib import Path
from textwrap import wrap

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.lines import Line2D

from competentiecheck.core.figures import MIN_FONT_PT, NEUTRAL, PALETTE, TEXT_WIDTH_IN
from competentiecheck.partnerships.network import FORMS

__all__ = [
    "network_panels",
    "network_matrix",
    "network_figure",
    "drawn_as_matrix",
    "save_network_figures",
    "circle_diagram",
    "STYLE",
    "MATRIX_FROM",
]

# deepest form -> (label, line style, width, colour)
STYLE = {
    "cocreatie": ("Co-creatie", "solid", 2.2, PALETTE[3]),
    "feedback": ("Feedback / hulp / ondersteuning", (0, (4, 2)), 1.4, PALETTE[0]),
    "informatie": ("Alleen informatie delen / doorverwijzen", (0, (1, 1.6)), 1.1, NEUTRAL),
}
MATRIX_FROM = 7  # funds in a perceel from which it is drawn as a matrix
LABEL_CHARS = 14  # a fund's name in a circle diagram wraps after this many characters
NODE = PALETTE[2]


def _deepest(forms) -> str:
    return next((f for f in reversed(FORMS) if f in forms), "informatie")


def _positions(funds: list[str], coordinator: str | None) -> dict[str, np.ndarray]:
    order = ([coordinator] if coordinator in funds else []) + sorted(f for f in funds if f != coordinator)
    n = len(order)
    return {
        fund: np.array([math.cos(math.pi / 2 - 2 * math.pi * i / n), math.sin(math.pi / 2 - 2 * math.pi * i / n)])
        for i, fund in enumerate(order)
    }


HALF_HEIGHT = 1.6  # the circle of funds has radius 1; room above and below for the labels


def _label_x(x: float, radius: float) -> float:
    return x + x * (radius + 0.12)  # as placed in _draw_network (the circle has radius 1)


def _fit_labels(ax, pos, area, labels, size, respondents) -> tuple[float, float, set[str]]:
    """Where the funds' labels go so that each stays inside its panel (no label reaches a neighbouring
    panel or the legend): beside its node, outward, where it fits in the panel's half width, else centred
    under the node. Returns the half width in data units, the data units per point and the funds labelled
    under their node. Label widths are measured with the figure's renderer; the axes keeps equal aspect, so
    the units per inch follow from the width or the height of its box, whichever is tighter."""
    from matplotlib.font_manager import FontProperties

    renderer = ax.figure.canvas.get_renderer()
    box = ax.get_position()
    width_in, height_in = box.width * ax.figure.get_figwidth(), box.height * ax.figure.get_figheight()
    half = 2.2
    per_inch = max(2 * half / width_in, 2 * HALF_HEIGHT / height_in)
    below, needed = set(), half
    for fund, (x, _) in pos.items():
        font = FontProperties(size=size, style="normal" if fund in respondents else "italic")
        lines = labels[fund].split("\n")
        label = max(renderer.get_text_width_height_descent(line, font, ismath=False)[0] for line in lines)
        label *= per_inch / ax.figure.dpi  # data units
        start = _label_x(float(x), math.sqrt(area[fund] / math.pi) * per_inch / 72)
        if abs(start) < 0.3:
            needed = max(needed, abs(start) + label / 2 + 0.05)
        elif abs(start) + label + 0.05 > half:
            below.add(fund)
            needed = max(needed, abs(float(x)) + label / 2 + 0.05)
    if needed > half:  # a name too long even under its node: a wider view, the same for every label
        half = needed
        per_inch = max(2 * half / width_in, 2 * HALF_HEIGHT / height_in)
    return half, per_inch / 72, below


def _draw_network(ax, network, label_size: float = 7.5) -> str:
    """One perceel on ``ax``; returns what the node size shows."""
    graph = network.graph
    funds = sorted(graph.nodes)
    pos = _positions(funds, network.coordinator)
    sized_by = "gewogen_in_graad" if network.weighted_shown and network.scores_shown else "in_graad"
    size = network.centrality.set_index("fonds")[sized_by]
    largest = max(1.0, float(size.max()) if len(size) else 1.0)
    biggest = min(700.0, 9000.0 / max(1, len(funds)))  # many funds: smaller nodes, so they do not overlap
    area = {fund: biggest * (0.3 + 0.7 * float(size.get(fund, 0)) / largest) for fund in funds}
    labels = {fund: "\n".join(wrap(fund, LABEL_CHARS, break_long_words=False)) or fund for fund in funds}
    half_width, units_per_point, below = _fit_labels(ax, pos, area, labels, label_size, network.respondents)
    radius = {fund: math.sqrt(a / math.pi) * units_per_point for fund, a in area.items()}
    segments = {form: [] for form in STYLE}
    arrows = []
    for source, target, data in sorted(graph.edges(data=True)):
        a, b = pos[source], pos[target]
        direction = (b - a) / np.linalg.norm(b - a)
        side = np.array([direction[1], -direction[0]])
        normal = side * 0.035  # the two directions of a pair side by side
        start = a + direction * (radius[source] + 0.02) + normal
        end = b - direction * (radius[target] + 0.03) + normal
        segments[_deepest(data["forms"])].append([start, end - direction * 0.08])
        arrows.append([end, end - direction * 0.12 + side * 0.05, end - direction * 0.12 - side * 0.05])
    for form, lines in segments.items():
        if lines:
            label, style, width, colour = STYLE[form]
            ax.add_collection(LineCollection(lines, linestyles=[style], linewidths=width, colors=[colour], zorder=1))
    if arrows:
        ax.add_collection(PolyCollection(arrows, facecolors="0.25", edgecolors="none", zorder=2))
    took_part = [fund in network.respondents for fund in funds]
    xy = np.array([pos[fund] for fund in funds])
    ax.scatter(
        xy[:, 0],
        xy[:, 1],
        s=[area[f] for f in funds],
        c=[NODE if t else "white" for t in took_part],
        edgecolors=["0.3" if t else "0.55" for t in took_part],
        linewidths=1.0,
        zorder=3,
    )
    if network.coordinator in pos:
        ax.scatter(
            *pos[network.coordinator],
            s=area[network.coordinator] + 260,
            facecolors="none",
            edgecolors="#17324d",
            linewidths=2.0,
            zorder=3,
        )
    for fund, fund_took_part in zip(funds, took_part):
        x, y = pos[fund] + pos[fund] / np.linalg.norm(pos[fund]) * (radius[fund] + 0.12)
        if fund in below:  # too wide beside its node: centred under it
            x, y = pos[fund][0], pos[fund][1] - radius[fund] - 0.08
        ax.text(
            x,
            y,
            labels[fund],
            ha="center" if abs(x) < 0.3 or fund in below else ("left" if x > 0 else "right"),
            va="top" if fund in below else ("bottom" if y > 0.9 else ("top" if y < -0.9 else "center")),
            fontsize=label_size,
            color="0.1" if fund_took_part else "0.45",
            style="normal" if fund_took_part else "italic",
        )
    ax.set_xlim(-half_width, half_width)
    ax.set_ylim(-HALF_HEIGHT, HALF_HEIGHT)
    ax.set_aspect("equal")
    ax.axis("off")
    return "gewogen ingraad" if sized_by == "gewogen_in_graad" else "ingraad"


def _legend_handles() -> list:
    handles = [
        Line2D([], [], linestyle=style, linewidth=width, color=colour, label=label)
        for label, style, width, colour in (STYLE[f] for f in reversed(FORMS))
    ]
    handles += [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markersize=9,
            markerfacecolor=NODE,
            markeredgecolor="0.3",
            label="Fonds nam deel (vulde een cirkel in)",
        ),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markersize=9,
            markerfacecolor="white",
            markeredgecolor="0.55",
            label="Fonds nam niet deel (kan genoemd worden)",
        ),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markersize=12,
            markerfacecolor="none",
            markeredgecolor="#17324d",
            markeredgewidth=2,
            label="Coördinerend fonds",
        ),
    ]
    return handles


def drawn_as_matrix(network) -> bool:
    """A perceel of ``MATRIX_FROM`` funds or more is drawn as a matrix, a smaller one as a circle diagram."""
    return network.graph.number_of_nodes() >= MATRIX_FROM


def network_panels(networks: list, columns: int = 2):
    """The percelen drawn as circle diagrams in one figure (one panel each, the legend in a cell of its own);
    one network: one panel. Percelen drawn as a matrix are left out (their own figure each); with none left,
    the figure says so."""
    plt.rcParams["svg.hashsalt"] = "competentiecheck"
    networks = [network for network in networks if not drawn_as_matrix(network)] if len(networks) > 1 else networks
    n = len(networks)
    if n == 0:
        fig, ax = plt.subplots(figsize=(4.8, 0.6))
        ax.axis("off")
        ax.text(0, 0.5, "Elk perceel staat als matrix in een eigen figuur.", fontsize=9, va="center")
        return fig
    cells = n + 1 if n > 1 else 1
    cols = min(columns, cells) if n > 1 else 1
    rows = math.ceil(cells / cols)
    # at most the text width of the PDF, so nothing is scaled down in print; one perceel narrower still,
    # for a phone screen
    fig, axes = plt.subplots(
        rows, cols, figsize=(3.2 * cols + (1.6 if n == 1 else 0), 2.9 * rows + (2.3 if n == 1 else 0)), squeeze=False
    )
    sized = set()
    for ax, network in zip(axes.flat, networks):
        sized.add(_draw_network(ax, network, label_size=7.5 if n > 1 else 8.5))
        ax.set_title(f"Perceel {network.perceel}", fontsize=10, fontweight="bold", color="#17324d", loc="left")
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    fig.subplots_adjust(
        left=0.02, right=0.98, top=0.95 if n > 1 else 0.95, bottom=0.02 if n > 1 else 0.3, wspace=0.05, hspace=0.12
    )
    note = "Grootte van een fonds: " + " of ".join(sorted(sized)) + " (aantal partners dat het fonds noemde)"
    if n > 1:
        legend_ax = list(axes.flat)[n]
        legend_ax.legend(
            handles=_legend_handles(),
            loc="center left",
            fontsize=7.5,
            frameon=False,
            title="Band (pijl: wie de partner noemde)",
            title_fontsize=8,
        )
        legend_ax.text(0.0, 0.02, "\n".join(wrap(note, 48)), fontsize=7, color="0.3", transform=legend_ax.transAxes)
    else:
        fig.legend(
            handles=_legend_handles(),
            loc="lower left",
            ncol=1,
            fontsize=8,
            frameon=False,
            bbox_to_anchor=(0.02, 0.06),
        )
        fig.text(0.03, 0.015, "\n".join(wrap(note, 60)), ha="left", fontsize=7.5, color="0.3")
    return fig


def network_matrix(network):
    """One perceel as a matrix: a row per fund that named partners, a column per named partner, in each cell
    with a tie three slots (information, feedback, co-creation) filled where the tie has that form. The
    coordinator comes first and in bold; the row of a fund that filled in no circle is grey."""
    from matplotlib.patches import Patch

    plt.rcParams["svg.hashsalt"] = "competentiecheck"
    graph = network.graph
    funds = sorted(graph.nodes)
    order = ([network.coordinator] if network.coordinator in funds else []) + [
        f for f in funds if f != network.coordinator
    ]
    n = len(order)
    font = max(MIN_FONT_PT, 7.5 if n <= 15 else MIN_FONT_PT)
    fig = plt.figure()
    label_width = _widest(fig, order, font, network.coordinator) + 0.5  # the names, the axis label and gaps
    # as wide as the text of the PDF at most; a row no lower than its label (7 pt text in a 9 pt row)
    cell = min(0.32, max(font * 1.3 / 72, (TEXT_WIDTH_IN - label_width - 0.35) / n))
    legend_height = 1.55  # the legend (a title and four rows) and a note of two lines
    note = (
        "Rij: het fonds waarvan de consulent de partner noemde.\n"
        "Vet: coördinerend fonds. Grijze rij, cursief: fonds vulde geen netwerkcirkel in."
    )
    # at least as wide as the legend and the note
    width = max(label_width + n * cell + 0.3, 4.4, _widest(fig, note.split("\n"), font, None) + 0.25)
    height = label_width + n * cell + legend_height + 0.15
    fig.set_size_inches(width, height)
    ax = fig.add_axes((label_width / width, legend_height / height, n * cell / width, n * cell / height))
    ax.set_xlim(0, n)
    ax.set_ylim(n, 0)
    colours = {"informatie": NEUTRAL, "feedback": STYLE["feedback"][3], "cocreatie": STYLE["cocreatie"][3]}
    respondents = set(network.respondents)
    ax.imshow(
        _matrix_image(graph, order, respondents, colours),
        extent=(0, n, n, 0),
        interpolation="nearest",
        aspect="auto",
        zorder=0,
    )
    ticks = [k + 0.5 for k in range(n)]
    ax.set_xticks(ticks, order, rotation=90, fontsize=font)
    ax.set_yticks(ticks, order, fontsize=font)
    ax.xaxis.tick_top()
    ax.tick_params(length=0, pad=2)
    for labels in (ax.get_xticklabels(), ax.get_yticklabels()):
        for label, fund in zip(labels, order):
            if fund == network.coordinator:
                label.set_fontweight("bold")
            if fund not in respondents:
                label.set_color("0.4")
                label.set_style("italic")
    ax.set_ylabel("Noemend fonds", fontsize=font)
    ax.set_xlabel("Genoemde partner", fontsize=font)
    ax.xaxis.set_label_position("top")
    for spine in ax.spines.values():
        spine.set_color("0.6")
    handles = [
        Patch(facecolor=colours[form], edgecolor="0.55", label=f"{position}: {STYLE[form][0].lower()}")
        for position, form in zip(("links", "midden", "rechts"), FORMS)
    ] + [Patch(facecolor=(EMPTY_SLOT,) * 3, edgecolor="0.55", label="lichtgrijs: die vorm niet")]
    fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.1 / width, (legend_height - 0.08) / height),
        fontsize=font,
        frameon=False,
        title="Vorm van de samenwerking (plaats in het vak)",
        title_fontsize=font,
        alignment="left",
    )
    fig.text(
        0.1 / width,
        0.02 / height,
        note,
        fontsize=font,
        color="0.3",
        va="bottom",
    )
    return fig


def _widest(fig, names, size: float, bold: str | None) -> float:
    """The width in inches of the widest of ``names`` at ``size`` points (``bold`` in bold), measured with
    the figure's renderer: the matrix is laid out exactly, without a second, 'tight' drawing."""
    from matplotlib.font_manager import FontProperties

    renderer = fig.canvas.get_renderer()
    widths = [
        renderer.get_text_width_height_descent(
            name, FontProperties(size=size, weight="bold" if name == bold else "normal"), ismath=False
        )[0]
        for name in names
    ]
    return max(widths) / fig.dpi


CELL = 14  # pixels per cell of the matrix image: a grid line, then three slots of 3 with gaps of 1
SLOT_COLUMNS = ((2, 5), (6, 9), (10, 13))  # information, feedback, co-creation
SLOT_ROWS = (3, 11)
EMPTY_SLOT, SHADE, GRID = 0.8, 0.92, 0.75


def _matrix_image(graph, order, respondents, colours) -> np.ndarray:
    """The matrix as one RGB image (one image instead of thousands of patches: 30 funds draw in a fraction
    of a second): grid lines, a shaded diagonal and shaded rows of funds without a circle, and for each tie
    three slots, in the form's colour where the tie has that form, light grey where not."""
    from matplotlib.colors import to_rgb

    n = len(order)
    image = np.ones((n * CELL + 1, n * CELL + 1, 3))
    index = {fund: k for k, fund in enumerate(order)}
    for i, fund in enumerate(order):
        rows = slice(i * CELL + 1, (i + 1) * CELL)
        if fund not in respondents:
            image[rows, :] = SHADE
        image[rows, i * CELL + 1 : (i + 1) * CELL] = SHADE
    for source, target, data in graph.edges(data=True):
        i, j = index[source], index[target]
        for form, (c0, c1) in zip(FORMS, SLOT_COLUMNS):
            colour = to_rgb(colours[form]) if form in data["forms"] else (EMPTY_SLOT,) * 3
            image[i * CELL + SLOT_ROWS[0] : i * CELL + SLOT_ROWS[1], j * CELL + c0 : j * CELL + c1] = colour
    image[::CELL, :] = GRID
    image[:, ::CELL] = GRID
    return image


def network_figure(network):
    """The figure of one perceel: a circle diagram, or a matrix from ``MATRIX_FROM`` funds."""
    return network_matrix(network) if drawn_as_matrix(network) else network_panels([network])


def _save_one(network, folder: Path) -> list[Path]:
    from competentiecheck.core.figures import save_figure

    return save_figure(network_figure(network), folder / f"partners_netwerk_perceel-{network.perceel}", tight=False)


def save_network_figures(networks: list, folder: Path, parallel_from: int = 8) -> list[Path]:
    """One figure per perceel (``partners_netwerk_perceel-<k>.png|svg``); with many percelen drawn in
    parallel processes (one per core), which gives the same bytes as drawing them one by one."""
    import os
    from concurrent.futures import ProcessPoolExecutor

    folder = Path(folder)
    if len(networks) < parallel_from or (os.cpu_count() or 1) < 2:
        return [path for network in networks for path in _save_one(network, folder)]
    with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
        done = pool.map(_save_one, networks, [folder] * len(networks))
        return [path for paths in done for path in paths]


SECTORS = {
    "informatie": (90, 210, "Informatie delen /\ndoorverwijzen"),
    "feedback": (-30, 90, "Feedback / hulp /\nondersteuning"),
    "cocreatie": (210, 330, "Co-creatie\naanpak / aanbod"),
}
RINGS = {4: (0.3, 0.6), 3: (0.6, 0.9), 2: (0.9, 1.2), 1: (1.2, 1.5)}
RING_LABELS = {
    4: "4 = niet mogelijk zonder samenwerking",
    3: "3 = grote bijdrage",
    2: "2 = beperkte bijdrage",
    1: "1 = geen bijdrage",
}


def circle_diagram(circle):
    """The network circle of one (invented) respondent: ``partner, vormen, bijdrage`` per row."""
    from matplotlib.patches import Circle

    plt.rcParams["svg.hashsalt"] = "competentiecheck"
    fig, ax = plt.subplots(figsize=(5.6, 5.2))
    shades = {4: "#dbe7f3", 3: "#e6eef7", 2: "#f0f5fa", 1: "#f8fafd"}
    for level in (1, 2, 3, 4):
        ax.add_patch(Circle((0, 0), RINGS[level][1], facecolor=shades[level], edgecolor="0.6", linewidth=0.8))
    ax.add_patch(Circle((0, 0), RINGS[4][0], facecolor="white", edgecolor="0.6", linewidth=0.8))
    ax.text(0, 0, "ik", ha="center", va="center", fontsize=10, fontweight="bold", color="#17324d")
    for angle in (90, 210, 330):
        radians = math.radians(angle)
        ax.plot(
            [RINGS[4][0] * math.cos(radians), 1.5 * math.cos(radians)],
            [RINGS[4][0] * math.sin(radians), 1.5 * math.sin(radians)],
            color="0.35",
            linewidth=1.0,
        )
    for form, (start, end, label) in SECTORS.items():
        middle = math.radians((start + end) / 2)
        ax.text(
            1.78 * math.cos(middle),
            1.72 * math.sin(middle),
            label,
            ha="center",
            va="center",
            fontsize=8.5,
            color="#17324d",
            fontweight="bold",
        )
        members = [row for row in circle.itertuples() if form in row.vormen]
        for i, row in enumerate(members):
            angle = math.radians(start + (end - start) * (i + 1) / (len(members) + 1))
            radius = sum(RINGS[row.bijdrage]) / 2
            ax.scatter(
                radius * math.cos(angle), radius * math.sin(angle), s=150, color=PALETTE[2], edgecolors="0.3", zorder=3
            )
            ax.text(
                radius * math.cos(angle),
                radius * math.sin(angle),
                row.partner.split()[-1],
                ha="center",
                va="center",
                fontsize=7.5,
                zorder=4,
            )
    for level, (inner, outer) in RINGS.items():
        ax.text(-0.04, (inner + outer) / 2, str(level), fontsize=7.5, color="0.3", va="center", ha="right")
    ax.text(
        -2.05,
        2.0,
        "Ringen: bijdrage van de samenwerking aan de eigen doelen\n"
        + "; ".join(RING_LABELS[k] for k in (4, 3))
        + "\n"
        + "; ".join(RING_LABELS[k] for k in (2, 1)),
        fontsize=7.5,
        color="0.3",
        ha="left",
        va="top",
    )
    ax.set_xlim(-2.1, 2.1)
    ax.set_ylim(-1.95, 2.05)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.tight_layout()
    return fig
