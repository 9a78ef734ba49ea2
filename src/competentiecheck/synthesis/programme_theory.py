"""The programme theory (Figuur 6 of the source, §9.3) as a diagram with the evidence on every arrow, and
Tabel 9 (the profiles: what and why) with the share of plans per profile.

The boxes and arrows are data (``data/synthesis/programmatheorie.yml``). An arrow between two boxes the
survey measures carries the median of the published Spearman coefficients over all pairs of their scales
(``build/<run>/tables/spearman.csv``; for a scale that measures the opposite of its box, such as the
intention to leave under 'Intentie om te blijven', the sign is turned), with the number of pairs and the
n as published; every arrow lists the claims that speak to it with their outcome; an arrow with neither
reads 'niet gemeten'. Line style and colour both tell the kind of evidence (colour-blind safe).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from competentiecheck.core.claims import OUTCOME_LABELS, Claim
from competentiecheck.core.errors import InputError
from competentiecheck.core.figures import PALETTE
from competentiecheck.core.paths import DATA, relative
from competentiecheck.core.tables import fmt_number, fmt_percent, markdown_table
from competentiecheck.core.tabular import read_yaml
from competentiecheck.synthesis.conclusions import claim_link
from competentiecheck.synthesis.evidence import Evidence, check_ids

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
MEASURED, CLAIMED, NOT_MEASURED, SUPPORT = "gemeten", "uitspraak", "niet gemeten", "ondersteunt"
STYLES = {  # colour and line style: the kind of evidence is readable without colour
    MEASURED: {"color": PALETTE[0], "linestyle": "-", "linewidth": 1.8},
    CLAIMED: {"color": PALETTE[3], "linestyle": (0, (5, 2.5)), "linewidth": 1.6},
    NOT_MEASURED: {"color": PALETTE[7], "linestyle": (0, (1, 2)), "linewidth": 1.6},
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

    def measure_text(self) -> str:
        if self.median is None:
            return ""
        return f"mediaan ρ = {fmt_number(self.median)} ({self.pairs} paren, n = {self.n})"

    def claim_text(self, claim_id: str, claim: Claim | None) -> str:
        outcome = OUTCOME_LABELS[claim.outcome] if claim else "niet gemeten"
        return f"{outcome}{' (demo)' if claim is not None and claim.data_status == 'demo' else ''}"


def _n_range(values: pd.Series) -> str:
    shown = sorted(set(values.astype(str)), key=lambda v: (not v.isdigit(), int(v) if v.isdigit() else 0, v))
    return shown[0] if len(shown) == 1 else f"{shown[0]}–{shown[-1]}"


def _spearman(theory: Theory, edge: dict, spearman: pd.DataFrame | None) -> tuple[float | None, int, str]:
    if not edge.get("measure") or spearman is None:
        return None, 0, ""
    first = set(theory.nodes[edge["from"]]["variables"])
    second = set(theory.nodes[edge["to"]]["variables"])
    pairs = spearman[
        (spearman["var_x"].isin(first) & spearman["var_y"].isin(second))
        | (spearman["var_x"].isin(second) & spearman["var_y"].isin(first))
    ]
    pairs = pairs[pd.to_numeric(pairs["rho"], errors="coerce").notna()]
    if pairs.empty:
        return None, 0, ""
    sign = theory.nodes[edge["from"]].get("sign", 1) * theory.nodes[edge["to"]].get("sign", 1)
    median = float(pd.to_numeric(pairs["rho"]).median()) * sign
    return median, len(pairs), _n_range(pairs["n"])


def arrow_evidence(theory: Theory, evidence: Evidence, spearman: pd.DataFrame | None) -> list[ArrowEvidence]:
    """Per arrow: the measured association (published pairs only) and the claims of the run."""
    arrows = []
    for edge in theory.edges:
        claims = tuple((claim_id, evidence.get(claim_id)) for claim_id in edge.get("claims") or [])
        median, pairs, n = _spearman(theory, edge, spearman)
        if edge["kind"] == "support":
            kind = SUPPORT
        elif median is not None:
            kind = MEASURED
        elif any(claim is not None and claim.outcome != "not publishable" for _, claim in claims):
            kind = CLAIMED
        else:
            kind = NOT_MEASURED
        arrows.append(ArrowEvidence(edge["from"], edge["to"], kind, median, pairs, n, claims))
    return arrows


# --------------------------------------------------------------------------- the figure


def _short_id(claim_id: str) -> str:
    """The id without its strand, underscores as spaces so it wraps (the table beside gives the exact id)."""
    return claim_id.split(".", 1)[1].replace("_", " ")


def _arrow_lines(arrow: ArrowEvidence, width: int, one_line_measure: bool = False) -> list[str]:
    """The evidence of an arrow for the figure: the measure, then each claim with its outcome ('*': demo)."""
    lines = []
    if arrow.median is not None:
        measure = [f"mediaan ρ = {fmt_number(arrow.median)}", f"{arrow.pairs} paren, n = {arrow.n}"]
        lines += [", ".join(measure)] if one_line_measure else measure
    for claim_id, claim in arrow.claims:
        if claim is not None:
            mark = DEMO_STAR if claim.data_status == "demo" else ""
            lines += textwrap.wrap(f"{_short_id(claim_id)}: {OUTCOME_LABELS[claim.outcome]}{mark}", width)
    return lines or ["niet gemeten"]


DEMO_STAR = "*"
BOXES = {  # id -> (x, y, w, h) in inches: the chain on the left, top to bottom; outcomes and partnerships right
    "profiel": (0.95, 5.95, 2.0, 0.55),
    "beleid": (0.95, 4.95, 2.0, 0.55),
    "klimaat": (0.95, 3.6, 2.0, 0.75),
    "activiteiten": (0.95, 2.25, 2.0, 0.6),
    "competenties": (0.95, 0.95, 2.0, 0.55),
    "partnerschappen": (3.55, 5.75, 1.5, 0.62),
    "tevredenheid": (3.55, 2.62, 1.5, 0.4),
    "blijven": (3.55, 0.95, 1.5, 0.58),
}
CHAIN = (("profiel", "beleid"), ("beleid", "klimaat"), ("klimaat", "activiteiten"), ("activiteiten", "competenties"))


def theory_figure(theory: Theory, arrows: list[ArrowEvidence]):
    """The diagram, drawn in inches (5.2 × 7.8): the chain top to bottom, the outcomes and the partnerships
    in a column on the right, the basic conditions as a dashed frame around everything, a legend below.
    Fonts of at least 7 pt: readable in the PDF at 100 %; on a phone the table beside it says the same."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
    from matplotlib.path import Path as MplPath

    plt.rcParams["svg.hashsalt"] = "competentiecheck"
    width, height = 5.2, 7.8
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

    def arrow(start, end, kind, rad=0.0):
        style = STYLES[kind]
        ax.add_patch(
            FancyArrowPatch(
                start,
                end,
                arrowstyle="-|>",
                mutation_scale=12,
                connectionstyle=f"arc3,rad={rad}",
                color=style["color"],
                linestyle=style["linestyle"],
                linewidth=style["linewidth"],
                shrinkA=1,
                shrinkB=1,
            )
        )

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
        arrow((x + w / 2, y), (x + w / 2, ty + th), found.kind)
        text = "\n".join(_arrow_lines(found, 23))
        ax.text(x + w / 2 + 0.08, (y + ty + th) / 2, text, ha="left", va="center", **font)
    # climate -> competences, past the activities on the left; its evidence along the arrow
    found = by_pair.get(("klimaat", "competenties"))
    if found is not None:
        kx, ky, _, kh = BOXES["klimaat"]
        cx, cy, _, ch = BOXES["competenties"]
        arrow((kx, ky + kh * 0.35), (cx, cy + ch * 0.65), found.kind, rad=0.32)
        text = "\n".join(_arrow_lines(found, 60, one_line_measure=True))
        ax.text(0.3, (ky + cy + ch) / 2, text, rotation=90, ha="center", va="center", **font)
    # climate -> the outcomes on the right: satisfaction across and down into its top, the wish to stay along a
    # line between the chain and the column, into its side; the evidence below and above the two boxes
    kx, ky, kw, kh = BOXES["klimaat"]
    found = by_pair.get(("klimaat", "tevredenheid"))
    if found is not None:
        x, y, w, h = BOXES["tevredenheid"]
        route = [(kx + kw, ky + kh * 0.7), (x + w / 2, ky + kh * 0.7), (x + w / 2, y + h)]
        path_arrow(route, found.kind)
        ax.text(x + 0.03, y - 0.05, "\n".join(_arrow_lines(found, 27)), ha="left", va="top", **font)
    found = by_pair.get(("klimaat", "blijven"))
    if found is not None:
        x, y, w, h = BOXES["blijven"]
        bus = (kx + kw + x) / 2
        route = [(kx + kw, ky + kh * 0.25), (bus, ky + kh * 0.25), (bus, y + h / 2), (x, y + h / 2)]
        path_arrow(route, found.kind)
        ax.text(x + 0.03, y + h + 0.05, "\n".join(_arrow_lines(found, 27)), ha="left", va="bottom", **font)
    # partnerships support the policy
    found = by_pair.get(("partnerschappen", "beleid"))
    if found is not None:
        px, py, _, ph = BOXES["partnerschappen"]
        bx, by, bw, bh = BOXES["beleid"]
        arrow((px, py + ph * 0.3), (bx + bw, by + bh * 0.6), found.kind)
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
    demo = any(c is not None and c.data_status == "demo" for a in arrows for _, c in a.claims)
    if demo:
        ax.text(
            width - 0.22,
            height - 0.22,
            f"{DEMO_STAR} op synthetische demogegevens",
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
            parts.append(arrow.measure_text())
        for claim_id, claim in arrow.claims:
            if claim is not None:
                parts.append(f"{claim_link(claim_id, evidence)}: {arrow.claim_text(claim_id, claim)}")
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
    source = (
        "ρ: mediaan van de gepubliceerde Spearman-coëfficiënten over alle paren van schalen van de twee vakken "
        "(bij 'Intentie om te blijven' met omgekeerd teken: de schaal meet de vertrekintentie), met het aantal "
        "paren en n zoals gepubliceerd. Een samenhang is geen effect: de vragenlijst werd één keer afgenomen."
    )
    return markdown_table(
        pd.DataFrame(rows),
        "Onderbouwing van de pijlen van de programmatheorie",
        "tbl-programmatheorie-pijlen",
        align="ll",
        source=source,
        widths=[22, 50],
    )


def conditions_fragment(theory: Theory, evidence: Evidence) -> str:
    items = "\n".join(f"- {condition}" for condition in theory.conditions)
    present = [(claim_id, evidence.get(claim_id)) for claim_id in theory.condition_claims]
    said = [f"{claim_link(cid, evidence)} ({OUTCOME_LABELS[c.outcome]})" for cid, c in present if c is not None]
    support = (
        f"In de gegevens spreken deze uitspraken erover: {', '.join(said)}."
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
