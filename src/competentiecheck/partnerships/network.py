"""Partnership networks from the network circles: funds as nodes, one directed tie per respondent × partner.

A tie from fund A to fund B says that A's consultant named B, with the forms of collaboration
(``informatie`` sharing/referring, ``feedback``/help/support, ``cocreatie``; several allowed) and the
contribution to A's goals (1 = none … 4 = result impossible without it). Measures per perceel, computed
with networkx: ties, density, reciprocity, multiplexity (mean number of forms per tie), share of ties
with co-creation, mean contribution, in-degree and weighted in-degree (sum of contributions received).
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

__all__ = ["FORMS", "build_network", "network_measures", "centrality"]

FORMS = ("informatie", "feedback", "cocreatie")


def build_network(ties: pd.DataFrame, funds: list[str]) -> nx.DiGraph:
    """``ties``: columns ``van, naar, vormen`` (a set or '; '-separated text) and ``bijdrage`` (1-4)."""
    graph = nx.DiGraph()
    graph.add_nodes_from(sorted(funds))
    for row in ties.itertuples():
        forms = (
            set(row.vormen)
            if not isinstance(row.vormen, str)
            else {f.strip() for f in row.vormen.split(";") if f.strip()}
        )
        graph.add_edge(row.van, row.naar, forms=frozenset(forms), weight=int(row.bijdrage))
    return graph


def network_measures(graph: nx.DiGraph, respondents: list[str] | None = None, people: int | None = None) -> dict:
    """Ties, density, reciprocity, multiplexity, share with co-creation and mean contribution.

    Only funds whose consultant filled in a circle (``respondents``; default: every fund) can send
    ties, so density is ties over ``respondents × (funds − 1)`` possible ties (networkx's density when
    every fund responded) and reciprocity is computed among respondents, where a tie can be returned.
    ``respondenten`` counts people (``people``: fund × respondent code, see
    :func:`~competentiecheck.partnerships.circles.count_respondents`; default: one per sending fund).
    """
    edges = list(graph.edges(data=True))
    n_ties = len(edges)
    senders = sorted(graph.nodes) if respondents is None else sorted(respondents)
    possible = len(senders) * (graph.number_of_nodes() - 1)
    among = graph.subgraph(senders)
    return {
        "fondsen": graph.number_of_nodes(),
        "respondenten": len(senders) if people is None else int(people),
        "banden": n_ties,
        "dichtheid": n_ties / possible if possible else float("nan"),
        "wederkerigheid": nx.reciprocity(among) if among.number_of_edges() else float("nan"),
        "multiplexiteit": sum(len(d["forms"]) for _, _, d in edges) / n_ties if n_ties else float("nan"),
        "aandeel_cocreatie": sum("cocreatie" in d["forms"] for _, _, d in edges) / n_ties if n_ties else float("nan"),
        "gemiddelde_bijdrage": sum(d["weight"] for _, _, d in edges) / n_ties if n_ties else float("nan"),
    }


def centrality(graph: nx.DiGraph) -> pd.DataFrame:
    """In-degree and weighted in-degree per fund, most central first (ties: alphabetical)."""
    table = pd.DataFrame(
        {
            "fonds": list(graph.nodes),
            "in_graad": [graph.in_degree(n) for n in graph.nodes],
            "gewogen_in_graad": [graph.in_degree(n, weight="weight") for n in graph.nodes],
        }
    )
    return table.sort_values(
        ["gewogen_in_graad", "in_graad", "fonds"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)
