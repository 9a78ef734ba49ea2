"""The programme theory (Figuur 6 of the source, §9.3) as a diagram with the evidence on every arrow, and
Tabel 9 (the profiles: what and why) with the share of plans per profile.

The boxes and arrows are data (``data/synthesis/programmatheorie.yml``). An arrow between two boxes the
survey measures carries the median of the Spearman coefficients this report computes over all pairs of
their scales (``build/<run>/tables/spearman.csv``, only the pairs the chapter may show; for a scale that
measures the opposite of its box, such as the intention to leave under 'Intentie om te blijven', the sign
is turned and the figure says so), with the number of pairs and n as the chapter publishes it; computed on
synthetic survey answers, those numbers carry the figure's '*'. Every arrow lists the claims that speak to
it with their outcome, by their short label; an arrow with neither reads 'niet gemeten'. Line style and
colour both tell the kind of evidence (colour-blind safe); no text is rotated.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from competentiecheck.core.claims import OUTCOME_LABELS, Claim
from competentiecheck.core.errors import InputError
from competentiecheck.core.figures import NEUTRAL, PALETTE
from competentiecheck.core.paths import DATA, relative
from competentiecheck.core.tables import fmt_number, fmt_percent, markdown_table
from competentiecheck.core.tabular import read_yaml
from competentiecheck.synthesis.conclusions import claim_link
from competentiecheck.synthesis.evidence import Evidence, check_ids
from competentiecheck.synthesis.labels import claim_label

__all__ = [
    "THEORY_FILE",
    "Theory",
    "ArrowEvidence",
    "load_theory",
    "arrow_evidence",
    "theory_figure",
    "arrows_fragment",
    "profile_table",
    "FIGURE_ALT",
]

THEORY_FILE = DATA / "synthesis" / "programmatheorie.yml"
DEMO_STAR = "*"
MD_STAR = "\\*"  # the mark in Markdown text (a bare '*' before punctuation opens emphasis)
MEASURED, CLAIMED, NOT_MEASURED, SUPPORT = "gemeten", "uitspraak", "niet gemeten", "ondersteunt"
STYLES = {  # colour and line style: the kind of evidence is readable without colour
    MEASURED: {"color": PALETTE[0], "linestyle": "-", "linewidth": 1.8},
    CLAIMED: {"color": PALETTE[3], "linestyle": (0, (5, 2.5)), "linewidth": 1.6},
    NOT_MEASURED: {"color": NEUTRAL, "linestyle": (0, (1, 2)), "linewidth": 1.6},
    SUPPORT: {"color": PALETTE[2], "linestyle": (0, (6, 2, 1.5, 2)), "linewidth": 1.6},
}
LEGEND = {
    MEASURED: "samenhang gemeten in de vragenlijst",
    CLAIMED: "uitspraak van een bron",
    NOT_MEASURED: "niet gemeten of niet publiceerbaar",
    SUPPORT: "ondersteunt (niet gemeten)",
}
FIGURE_ALT = (
    "Schema van de programmatheorie: het maturiteitsprofiel stuurt het L&D-beleid, dat via de "
    "leerklimaatcondities de leeractiviteiten en zo de competenties beïnvloedt; het leerklimaat hangt ook samen "
    "met jobtevredenheid en de intentie om te blijven. De vijf basisvoorwaarden omkaderen de keten en de "
    "partnerschappen ondersteunen het beleid; de tabel onder de figuur geeft per pijl de onderbouwing."
)


@dataclass(frozen=True)
class Theory:
    nodes: dict[str, dict]
    edges: list[dict]
    conditions: list[str]
    condition_claims: list[str]
    partnership_claims: list[str]


def load_theory(path: Path = THEORY_FILE) -> Theory:
    """The boxes, arrows and basic conditions, checked: arrows between known boxes, claim ids in the catalogue."""
    data = read_yaml(
        path,
        "de programmatheorie (programmatheorie.yml)",
        required=("source", "nodes", "edges", "conditions", "condition_claims", "partnership_claims"),
    )
    name = relative(Path(path))
    nodes = data["nodes"]
    ids = {"condition_claims": list(data["condition_claims"]), "partnership_claims": list(data["partnership_claims"])}
    for number, edge in enumerate(data["edges"], start=1):
        for end in ("from", "to"):
            if edge.get(end) not in nodes:
                raise InputError(f"pijl {number}: {end} {edge.get(end)!r} is geen vak van de figuur", file=name)
        if edge.get("kind") not in ("effect", "support"):
            raise InputError(f"pijl {number}: kind moet effect of support zijn", file=name)
        if edge.get("measure") not in (None, "spearman"):
            raise InputError(f"pijl {number}: onbekende maat {edge.get('measure')!r}", file=name)
        if edge.get("measure") and not (nodes[edge["from"]].get("variables") and nodes[edge["to"]].get("variables")):
            raise InputError(f"pijl {number}: een gemeten pijl verbindt twee vakken met schalen", file=name)
        ids[f"pijl {edge['from']} → {edge['to']}"] = list(edge.get("claims") or [])
    if len(data["conditions"]) != 5:
        raise InputError("conditions: de programmatheorie heeft vijf basisvoorwaarden", file=name)
    check_ids(ids, path)
    return Theory(
        nodes, list(data["edges"]), list(data["conditions"]), ids["condition_claims"], ids["partnership_claims"]
    )


# --------------------------------------------------------------------------- the evidence per arrow


@dataclass(frozen=True)
class ArrowEvidence:
    source: str
    target: str
    kind: str  # MEASURED, CLAIMED, NOT_MEASURED or SUPPORT
    median: float | None
    pairs: int
    n: str
    claims: tuple[tuple[str, Claim | None], ...]
    demo_measure: bool = False  # the median and n are computed on synthetic survey answers
    reversed: bool = False  # the sign is turned: a scale measures the opposite of its box

    def measure_text(self, star: str = DEMO_STAR) -> str:
        """'mediaan ρ = 0,25* (teken omgekeerd: …; 6 paren, n = 95*)' for the table beside the figure."""
        if self.median is None:
            return ""
        mark = star if self.demo_measure else ""
        turned = "met omgekeerd teken: de schaal meet de vertrekintentie; " if self.reversed else ""
        return f"mediaan ρ = {fmt_number(self.median)}{mark} ({turned}{_pairs(self.pairs)}, n = {self.n}{mark})"

    def claim_text(self, claim_id: str, claim: Claim | None, star: str = DEMO_STAR) -> str:
        outcome = OUTCOME_LABELS[claim.outcome] if claim else "niet gemeten"
        return f"{outcome}{star if claim is not None and claim.data_status == 'demo' else ''}"


def _pairs(count: int) -> str:
    return f"{count} {'paar' if count == 1 else 'paren'}"


def _n_range(values: pd.Series) -> str:
    shown = sorted(set(values.astype(str)), key=lambda v: (not v.isdigit(), int(v) if v.isdigit() else 0, v))
    return shown[0] if len(shown) == 1 else f"{shown[0]}–{shown[-1]}"


def _spearman(theory: Theory, edge: dict, spearman: pd.DataFrame | None) -> tuple[float | None, int, str, bool]:
    if not edge.get("measure") or spearman is None:
        return None, 0, "", False
    first = set(theory.nodes[edge["from"]]["variables"])
    second = set(theory.nodes[edge["to"]]["variables"])
    pairs = spearman[
        (spearman["var_x"].isin(first) & spearman["var_y"].isin(second))
        | (spearman["var_x"].isin(second) & spearman["var_y"].isin(first))
    ]
    pairs = pairs[pd.to_numeric(pairs["rho"], errors="coerce").notna()]
    if pairs.empty:
        return None, 0, "", False
    sign = theory.nodes[edge["from"]].get("sign", 1) * theory.nodes[edge["to"]].get("sign", 1)
    median = float(pd.to_numeric(pairs["rho"]).median()) * sign
    return median, len(pairs), _n_range(pairs["n"]), sign < 0


def arrow_evidence(
    theory: Theory, evidence: Evidence, spearman: pd.DataFrame | None, measured_demo: bool = False
) -> list[ArrowEvidence]:
    """Per arrow: the association computed in this report (pairs the chapter may show only) and the claims
    of the run. ``measured_demo``: the survey answers are the synthetic demo."""
    arrows = []
    for edge in theory.edges:
        claims = tuple((claim_id, evidence.get(claim_id)) for claim_id in edge.get("claims") or [])
        median, pairs, n, turned = _spearman(theory, edge, spearman)
        if edge["kind"] == "support":
            kind = SUPPORT
        elif median is not None:
            kind = MEASURED
        elif any(claim is not None and claim.outcome != "not publishable" for _, claim in claims):
            kind = CLAIMED
        else:
            kind = NOT_MEASURED
        arrows.append(
            ArrowEvidence(
                edge["from"], edge["to"], kind, median, pairs, n, claims, measured_demo and median is not None, turned
            )
        )
    return arrows


# --------------------------------------------------------------------------- the figure


def _arrow_lines(arrow: ArrowEvidence, width: int) -> list[str]:
    """The evidence of an arrow for the figure: the measure ('*': computed on the demo; a turned sign said),
    then each claim by its short label with its outcome ('*': demo)."""
    lines = []
    if arrow.median is not None:
        mark = DEMO_STAR if arrow.demo_measure else ""
        lines.append(f"mediaan ρ = {fmt_number(arrow.median)}{mark}")
        if arrow.reversed:
            lines.append("(teken omgekeerd)")
        lines.append(f"{_pairs(arrow.pairs)}, n = {arrow.n}{mark}")
    for claim_id, claim in arrow.claims:
        if claim is not None:
            mark = DEMO_STAR if claim.data_status == "demo" else ""
            lines += textwrap.wrap(f"{claim_label(claim_id)}: {OUTCOME_LABELS[claim.outcome]}{mark}", width)
    return lines or ["effect niet gemeten" if arrow.kind == SUPPORT else "niet gemeten"]


WIDTH, HEIGHT = 6.5, 8.2  # at most the text width of the PDF: printed at 100 %
BOXES = {  # id -> (x, y, w, h) in inches: the chain in the middle, top to bottom; outcomes and partnerships right
    "profiel": (1.55, 6.3, 2.0, 0.55),
    "beleid": (1.55, 5.25, 2.0, 0.55),
    "klimaat": (1.55, 3.7, 2.0, 0.85),
    "activiteiten": (1.55, 2.3, 2.0, 0.6),
    "competenties": (1.55, 1.0, 2.0, 0.55),
    "partnerschappen": (4.78, 6.2, 1.58, 0.62),
    "tevredenheid": (4.78, 4.2, 1.58, 0.42),
    "blijven": (4.78, 3.35, 1.58, 0.62),
}
CHAIN = (("profiel", "beleid"), ("beleid", "klimaat"), ("klimaat", "activiteiten"), ("activiteiten", "competenties"))
CHAIN_X = 0.35  # the chain's arrows run at this fraction of the boxes' width; their evidence right of them


def theory_figure(theory: Theory, arrows: list[ArrowEvidence]):
    """The diagram, drawn in inches (6.5 × 8.2): the chain top to bottom, the outcomes and the partnerships
    in a column on the right, the basic conditions as a dashed frame around everything, a legend below.
    Every arrow carries its evidence beside it, horizontally; fonts of at least 7 pt: readable in the PDF at
    100 %; on a phone the table beside it says the same."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
    from matplotlib.path import Path as MplPath

    plt.rcParams["svg.hashsalt"] = "competentiecheck"
    width, height = WIDTH, HEIGHT
    fig = plt.figure(figsize=(width, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.axis("off")
    ink = "#17324d"
    if set(BOXES) != set(theory.nodes):
        raise ValueError(
            f"de figuur tekent de vakken {sorted(BOXES)}, programmatheorie.yml heeft {sorted(theory.nodes)}"
        )

    # the basic conditions: a dashed frame around the whole theory, listed at its top
    ax.add_patch(
        FancyBboxPatch(
            (0.08, 0.72),
            width - 0.16,
            height - 0.8,
            boxstyle="round,pad=0,rounding_size=0.12",
            facecolor="#f6f8fa",
            edgecolor="0.45",
            linewidth=1.1,
            linestyle=(0, (4, 2)),
        )
    )
    ax.text(0.24, height - 0.2, "Basisvoorwaarden", fontsize=9.5, fontweight="bold", color=ink, va="top")
    conditions = "\n".join(f"{i}. {c}" for i, c in enumerate(theory.conditions, 1))
    ax.text(0.24, height - 0.42, conditions, fontsize=7.5, color="0.2", va="top", linespacing=1.3)

    for node_id, (x, y, w, h) in BOXES.items():
        node = theory.nodes[node_id]
        ax.add_patch(
            FancyBboxPatch(
                (x, y),
                w,
                h,
                boxstyle="round,pad=0,rounding_size=0.08",
                facecolor="#e8f3ea" if node_id == "partnerschappen" else "white",
                edgecolor=ink,
                linewidth=1.1,
            )
        )
        label = textwrap.fill(node["label"], int(w / 0.08))
        detail = textwrap.fill(node.get("detail") or "", int(w / 0.055))
        if detail:
            ax.text(x + w / 2, y + h - 0.07, label, ha="center", va="top", fontsize=9, fontweight="bold", color=ink)
            ax.text(x + w / 2, y + 0.06, detail, ha="center", va="bottom", fontsize=7, color="0.25", linespacing=1.15)
        else:
            ax.text(x + w / 2, y + h / 2, label, ha="center", va="center", fontsize=9, fontweight="bold", color=ink)

    def path_arrow(points, kind):
        style = STYLES[kind]
        codes = [MplPath.MOVETO] + [MplPath.LINETO] * (len(points) - 1)
        ax.add_patch(
            FancyArrowPatch(
                path=MplPath(points, codes),
                arrowstyle="-|>",
                mutation_scale=12,
                color=style["color"],
                linestyle=style["linestyle"],
                linewidth=style["linewidth"],
            )
        )

    by_pair = {(a.source, a.target): a for a in arrows}
    font = {"fontsize": 7, "color": "0.1", "linespacing": 1.15}
    for source, target in CHAIN:
        found = by_pair.get((source, target))
        if found is None:
            continue
        x, y, w, _ = BOXES[source]
        _, ty, _, th = BOXES[target]
        at = x + w * CHAIN_X
        path_arrow([(at, y), (at, ty + th)], found.kind)
        ax.text(at + 0.08, (y + ty + th) / 2, "\n".join(_arrow_lines(found, 21)), ha="left", va="center", **font)
    kx, ky, kw, kh = BOXES["klimaat"]
    # climate -> competences: out of the climate's left side, down past the activities, into the competences;
    # its evidence left of the vertical stretch
    found = by_pair.get(("klimaat", "competenties"))
    if found is not None:
        cx, cy, _, ch = BOXES["competenties"]
        bus = kx - 0.15
        path_arrow([(kx, ky + kh * 0.25), (bus, ky + kh * 0.25), (bus, cy + ch / 2), (cx, cy + ch / 2)], found.kind)
        text = "\n".join(_arrow_lines(found, 19))
        ax.text(bus - 0.06, (ky + cy + ch) / 2, text, ha="right", va="center", **font)
    # climate -> the outcomes on the right: two horizontal arrows, the evidence on each arrow (above the upper
    # one, below the lower one)
    found = by_pair.get(("klimaat", "tevredenheid"))
    if found is not None:
        x, y, w, h = BOXES["tevredenheid"]
        level = y + h / 2
        path_arrow([(kx + kw, level), (x, level)], found.kind)
        ax.text(kx + kw + 0.07, level + 0.05, "\n".join(_arrow_lines(found, 21)), ha="left", va="bottom", **font)
    found = by_pair.get(("klimaat", "blijven"))
    if found is not None:
        x, y, w, h = BOXES["blijven"]
        level = y + h * 0.65
        path_arrow([(kx + kw, level), (x, level)], found.kind)
        ax.text(kx + kw + 0.07, level - 0.05, "\n".join(_arrow_lines(found, 21)), ha="left", va="top", **font)
    # partnerships support the policy
    found = by_pair.get(("partnerschappen", "beleid"))
    if found is not None:
        px, py, _, ph = BOXES["partnerschappen"]
        bx, by, bw, bh = BOXES["beleid"]
        path_arrow([(px, py + ph * 0.4), (bx + bw, by + bh * 0.6)], found.kind)
        ax.text(px + 0.03, py - 0.06, "\n".join(_arrow_lines(found, 27)), ha="left", va="top", **font)

    handles = [
        Line2D([0], [0], label=LEGEND[kind], **STYLES[kind]) for kind in (MEASURED, CLAIMED, NOT_MEASURED, SUPPORT)
    ]
    ax.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.0, 0.02),
        ncol=2,
        fontsize=7.5,
        frameon=False,
        handlelength=3.2,
        columnspacing=1.2,
    )
    demo = any(a.demo_measure for a in arrows) or any(
        c is not None and c.data_status == "demo" for a in arrows for _, c in a.claims
    )
    if demo:
        ax.text(
            width - 0.22,
            height - 0.22,
            f"{DEMO_STAR} berekend op synthetische demogegevens",
            ha="right",
            va="top",
            fontsize=7.5,
            color="0.2",
        )
    return fig


# --------------------------------------------------------------------------- the table beside the figure


def arrows_fragment(theory: Theory, arrows: list[ArrowEvidence], evidence: Evidence) -> str:
    """Per arrow of the figure: what it says and what supports it, with links to the claims (readable on a
    phone, where the figure's small print is not)."""
    rows = []
    for arrow in arrows:
        parts = []
        if arrow.median is not None:
            parts.append(arrow.measure_text(MD_STAR))
        for claim_id, claim in arrow.claims:
            if claim is not None:
                parts.append(f"{claim_link(claim_id, evidence)}: {arrow.claim_text(claim_id, claim, MD_STAR)}")
        if not parts:
            parts.append(
                "niet gemeten"
                if arrow.kind != SUPPORT
                else "ondersteunt; het effect op de ondernemingen is niet gemeten"
            )
        rows.append(
            {
                "Pijl": f"{theory.nodes[arrow.source]['label']} → {theory.nodes[arrow.target]['label']}",
                "Onderbouwing": "; ".join(parts),
            }
        )
    source = "Achter elke uitspraak staat haar uitkomst; de link leidt naar haar cijfers en toets."
    if any(a.median is not None for a in arrows):
        source = (
            "ρ: mediaan van de Spearman-coëfficiënten die dit rapport uit de antwoorden op de vragenlijst berekent "
            "(@sec-statistiek), over alle paren van schalen van de twee vakken die het hoofdstuk mag tonen, met "
            "het aantal paren en n zoals het hoofdstuk het publiceert. Bij 'Intentie om te blijven' staat ρ met "
            "omgekeerd teken: de schaal meet de vertrekintentie, dus een positieve ρ betekent minder "
            "vertrekplannen. Een samenhang is geen effect: de vragenlijst werd één keer afgenomen. " + source
        )
    if any(a.demo_measure for a in arrows) or any(
        c is not None and c.data_status == "demo" for a in arrows for _, c in a.claims
    ):
        source += f" {MD_STAR} Berekend op synthetische demogegevens: geen bevinding over de werking."
    return markdown_table(
        pd.DataFrame(rows),
        "Onderbouwing van de pijlen van de programmatheorie",
        "tbl-programmatheorie-pijlen",
        align="ll",
        source=source,
        widths=[22, 50],
    )


def conditions_fragment(theory: Theory, evidence: Evidence) -> str:
    """The five basic conditions, and what the claims of the run say about them (by their label, linked)."""
    items = "\n".join(f"- {condition}" for condition in theory.conditions)
    present = [(claim_id, evidence.get(claim_id)) for claim_id in theory.condition_claims]
    said = [
        f"{claim_link(cid, evidence)} ({OUTCOME_LABELS[c.outcome]}"
        f"{', synthetische demogegevens' if c.data_status == 'demo' else ''})"
        for cid, c in present
        if c is not None
    ]
    support = (
        f"Wat de uitspraken van dit rapport erover zeggen: {', '.join(said)}."
        if said
        else "Geen uitspraak van dit rapport spreekt over de basisvoorwaarden."
    )
    return f"{items}\n\n{support}\n"


# --------------------------------------------------------------------------- Tabel 9


def _share(shown: str, total: int) -> str:
    """A published count with its share of the plans: '15 (25 %)'; a hidden count stays as shown."""
    text = str(shown).strip()
    if text == "":
        return "niet getoond"
    if not text.isdigit():
        return text
    return f"{text} ({fmt_percent(100 * int(text) / total)})" if total else text


def profile_table(
    profiles: list[dict], counts: pd.DataFrame | None, run: str, run_label: str, totals: dict[str, int]
) -> tuple[str, pd.DataFrame]:
    """Tabel 9: per profile what and why (the texts of ``profielen.yml``) and the plans with that profile
    as the documents chapter publishes them, for the programme and, in a perceel report, the perceel.
    ``totals``: the plans analysed per run (``totaal`` and the run), the denominator of the shares."""
    columns = ["totaal"] if run == "totaal" else [run, "totaal"]
    heads = (
        {"totaal": "Plannen"}
        if run == "totaal"
        else {run: f"Plannen ({run_label.lower()})", "totaal": "Plannen (programma)"}
    )
    rows = []
    hidden_perceel = False
    for profile in profiles:
        row = {
            "Profiel": profile["name"],
            "Wat?": profile["texts"].get("Wat?", ""),
            "Waarom?": profile["texts"].get("Waarom?", ""),
        }
        for column in columns:
            shown = ""
            if counts is not None and column in counts.columns:
                match = counts.loc[counts["profiel"] == profile["name"], column]
                shown = "" if match.empty else match.iloc[0]
            row[heads[column]] = _share(shown, totals[column])
            hidden_perceel |= column != "totaal" and str(shown).strip() == ""
        rows.append(row)
    table = pd.DataFrame(rows)
    note = (
        "Bron: de profieldefinities bij de plannen van aanpak (profielen.yml: de teksten van Tabel 1 en Tabel 9 "
        "van het eindverslag, met het zesde profiel uit §9.3 van het eindverslag) en de profielen per plan uit "
        "het hoofdstuk over de plannen van aanpak. Een plan kan bij meer dan één profiel passen, of bij geen; het aandeel is berekend op "
        "de afgeronde aantallen. '< 5': 1 tot 4 plannen; '×': verborgen om een ander klein aantal te beschermen."
    )
    if hidden_perceel:
        note += f" {run_label} telt te weinig plannen om profielen per perceel te tonen ('niet getoond')."
    fragment = markdown_table(
        table,
        "De profielen van KMO's samengevat (Tabel 9 van het eindverslag), met de plannen per profiel",
        "tbl-profielen-samenvatting",
        align="ll" + "l" + "r" * len(columns),
        source=note,
        widths=[16, 30, 30] + [10] * len(columns),
    )
    return fragment, table
