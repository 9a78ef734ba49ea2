"""Chapter 8's findings as tested claims (``data/synthesis/claims.yml``, ids ``partnerschappen.*``).

The tests are the chapter's own: the coordinator outcome per perceel is the one of
:func:`~competentiecheck.partnerships.analysis.coordinator_claim` (``NetworkResults.claims``), the forms
of collaboration are the shares of ties of ``NetworkResults.forms``, strong interdependence is counted
among the percelen whose mean contribution may be shown (``NetworkResults.n_high``), and the response is
Tabel 8 recomputed. The chapter's text (:mod:`competentiecheck.partnerships.report`) is worded from the
same functions, so the chapter, the summary and the claims table cannot disagree.

Data status: the circles and the coordinators (``coordinator`` marked ``demo`` in ``deelnemers.csv``)
of the demo are synthetic; the status of the funds in the demo's ``deelnemers.csv`` is Tabel 8 as
published (data/README.md), so the response claim rests on published figures there.
"""

from __future__ import annotations

import math

import pandas as pd

from competentiecheck.core.claims import Claim, data_status, make_claim
from competentiecheck.core.paths import RUNS
from competentiecheck.core.tables import fmt_number, fmt_percent
from competentiecheck.partnerships.analysis import NetworkResults
from competentiecheck.privacy.disclosure import TOTAAL

__all__ = [
    "NOTEBOOK",
    "RARE_SHARE",
    "DEMO_MARK",
    "form_shares",
    "forms_outcome",
    "cocreation_outcome",
    "coordinator_counts",
    "interdependence_outcome",
    "coordinator_is_demo",
    "network_claims",
    "response_claim",
    "partnership_claims",
]

NOTEBOOK = "06_partnerships"
RARE_SHARE = 1 / 3  # partnerschappen.cocreatie_zeldzaam: co-creation in less than a third of the ties
DEMO_MARK = "demo"  # the value of deelnemers.csv's coordinator column while it is a demo value
PROGRAMME = "programma"  # the programme's row in NetworkResults.forms and .measures
OUTCOME_OF_COORDINATOR = {"ja": "holds", "gedeeld": "holds", "nee": "does not hold"}


def form_shares(networks: NetworkResults, perceel: str = PROGRAMME) -> dict[str, float]:
    """Share of ties with each form (informatie, feedback, cocreatie) of a perceel ('2') or the programme."""
    rows = networks.forms[networks.forms["perceel"] == perceel]
    return dict(zip(rows["vorm"], rows["aandeel"]))


def _no_ties(shares: dict[str, float]) -> bool:
    return not shares or any(math.isnan(value) for value in shares.values())


def forms_outcome(shares: dict[str, float]) -> str:
    """partnerschappen.informatie_feedback: information and feedback are the two forms with the largest
    share of ties ('undetermined' when co-creation ties with one of them, or without ties)."""
    if _no_ties(shares):
        return "undetermined"
    second = min(shares["informatie"], shares["feedback"])
    if shares["cocreatie"] < second:
        return "holds"
    return "undetermined" if shares["cocreatie"] == second else "does not hold"


def cocreation_outcome(shares: dict[str, float]) -> str:
    """partnerschappen.cocreatie_zeldzaam: co-creation in less than a third of the ties."""
    if _no_ties(shares):
        return "undetermined"
    return "holds" if shares["cocreatie"] < RARE_SHARE else "does not hold"


def coordinator_counts(networks: NetworkResults) -> dict[str, int]:
    """Percelen per outcome of the coordinator test ('ja', 'gedeeld', 'nee', 'onbekend')."""
    outcomes = networks.claims["uitkomst"].value_counts()
    return {key: int(outcomes.get(key, 0)) for key in ("ja", "gedeeld", "nee", "onbekend")}


def interdependence_outcome(networks: NetworkResults) -> str:
    """partnerschappen.lage_afhankelijkheid for the programme: exactly one strongly interdependent perceel,
    judged on the percelen whose mean may be shown. With a hidden perceel only two or more strongly
    interdependent shown percelen decide it; otherwise the hidden means would decide ('not publishable')."""
    n = networks.n_high
    if networks.hidden_percelen and n < 2:
        return "not publishable"
    return "holds" if n == 1 else "does not hold"


def coordinator_is_demo(participants: pd.DataFrame, perceel: int | None = None) -> bool:
    """Is the coordinator (of one perceel, or of any) the marked demo value of deelnemers.csv?"""
    rows = participants if perceel is None else participants[participants["perceel"] == perceel]
    return bool((rows["coordinator"].astype(str).str.strip().str.casefold() == DEMO_MARK).any())


def _percelen(numbers: list[int]) -> str:
    numbers = [str(n) for n in numbers]
    if len(numbers) == 1:
        return f"perceel {numbers[0]}"
    return "percelen " + ", ".join(numbers[:-1]) + " en " + numbers[-1]


def _partners(count: int) -> str:
    return f"{count} {'partner' if count == 1 else 'partners'}"


def _forms_numbers(shares: dict[str, float], ties: int) -> str:
    return (
        f"informatie delen {fmt_percent(100 * shares['informatie'])}, feedback of hulp "
        f"{fmt_percent(100 * shares['feedback'])}, co-creatie {fmt_percent(100 * shares['cocreatie'])} "
        f"van {ties} banden"
    )


class _RunClaims:
    """The network claims of one run (the programme, or a perceel by its number)."""

    def __init__(self, networks: NetworkResults, run: str, status: str, coordinator_status: str):
        self.networks, self.run, self.status, self.coordinator_status = networks, run, status, coordinator_status
        measures = networks.measures.set_index("perceel")
        self.key = PROGRAMME if run == TOTAAL else run.removeprefix("perceel-")
        self.measures = measures.loc[self.key]
        self.network = None if run == TOTAAL else next(n for n in networks.networks if str(n.perceel) == self.key)
        self.without_circles = self.network is not None and self.network.n_respondents == 0

    def claim(self, claim_id: str, outcome: str, numbers: str = "", n="", reason: str = "", status=None) -> Claim:
        return make_claim(
            claim_id,
            self.run,
            outcome,
            numbers="" if outcome == "not publishable" else numbers,
            n=str(n),
            reason=reason,
            data_status=status or self.status,
            notebook=NOTEBOOK,
        )

    def no_circles(self, claim_id: str, status=None) -> Claim:
        return self.claim(
            claim_id,
            "undetermined",
            reason="in dit perceel vulde geen consulent een netwerkcirkel in",
            n=0,
            status=status,
        )

    def coordinator(self) -> Claim:
        claim_id = "partnerschappen.coordinator_centraal"
        table = self.networks.claims
        if self.network is not None:
            if self.without_circles:
                return self.no_circles(claim_id, self.coordinator_status)
            row = table.set_index("perceel").loc[self.network.perceel]
            n = int(self.measures["respondenten"])
            if row["uitkomst"] == "onbekend":
                reason = (
                    "deelnemers.csv noemt geen coördinerend fonds voor dit perceel"
                    if self.network.coordinator is None
                    else "geen enkele consulent noemde een partner"
                )
                return self.claim(claim_id, "undetermined", n=n, reason=reason, status=self.coordinator_status)
            numbers = (
                f"coördinator {row['coordinator']} genoemd door {_partners(int(row['in_graad_coordinator']))}; "
                f"meest genoemd: {row['meest_centraal']} ({int(row['hoogste_in_graad'])})"
            )
            return self.claim(
                claim_id, OUTCOME_OF_COORDINATOR[row["uitkomst"]], numbers, n, status=self.coordinator_status
            )
        with_circles = [n.perceel for n in self.networks.networks if n.n_respondents > 0]
        outcomes = table.set_index("perceel").loc[with_circles, "uitkomst"] if with_circles else pd.Series()
        counts = outcomes.value_counts()
        numbers = (
            f"van {len(with_circles)} percelen met netwerkcirkels: alleen het meest genoemd in "
            f"{int(counts.get('ja', 0))}, gedeeld in {int(counts.get('gedeeld', 0))}, niet in "
            f"{int(counts.get('nee', 0))}"
        )
        n = self.networks.n_respondents
        if not with_circles:
            return self.claim(
                claim_id,
                "undetermined",
                n=n,
                reason="geen perceel heeft netwerkcirkels",
                status=self.coordinator_status,
            )
        if counts.get("nee", 0):
            return self.claim(claim_id, "does not hold", numbers, n, status=self.coordinator_status)
        if counts.get("onbekend", 0):
            unknown = sorted(outcomes.index[outcomes == "onbekend"])
            return self.claim(
                claim_id,
                "undetermined",
                n=n,
                reason=f"in {_percelen(unknown)} is het coördinerende fonds onbekend of noemde niemand een partner",
                status=self.coordinator_status,
            )
        return self.claim(claim_id, "holds", numbers, n, status=self.coordinator_status)

    def forms(self) -> list[Claim]:
        shares = form_shares(self.networks, self.key)
        ties = int(self.measures["banden"])
        claims = []
        for claim_id, outcome in (
            ("partnerschappen.informatie_feedback", forms_outcome(shares)),
            ("partnerschappen.cocreatie_zeldzaam", cocreation_outcome(shares)),
        ):
            if self.without_circles:
                claims.append(self.no_circles(claim_id))
            elif _no_ties(shares):
                claims.append(self.claim(claim_id, "undetermined", n=0, reason="niemand noemde een partner"))
            else:
                reason = (
                    "co-creatie komt even vaak voor als de minder frequente van informatie delen en feedback"
                    if outcome == "undetermined"
                    else ""
                )
                claims.append(self.claim(claim_id, outcome, _forms_numbers(shares, ties), ties, reason))
        return claims

    def interdependence(self) -> Claim:
        claim_id = "partnerschappen.lage_afhankelijkheid"
        networks = self.networks
        threshold = fmt_number(networks.high_contribution, 1)
        if self.network is None:
            outcome = interdependence_outcome(networks)
            shown = networks.shown_percelen
            if outcome == "not publishable":
                return self.claim(
                    claim_id,
                    outcome,
                    n=networks.n_respondents,
                    reason=f"de gemiddelde bijdrage van {_percelen(networks.hidden_percelen)} mag niet getoond "
                    f"worden (te weinig consulenten, ook samen met het programma); zonder die percelen is niet uit "
                    f"te maken of precies één perceel sterk afhankelijk is",
                )
            high = networks.high_named
            numbers = (
                f"gemiddelde bijdrage minstens {threshold} in {len(high)} van de {len(shown)} getoonde percelen"
                + (f" ({_percelen(high)})" if high else "")
            )
            return self.claim(claim_id, outcome, numbers, networks.n_respondents)
        if self.without_circles:
            return self.no_circles(claim_id)
        n = int(self.measures["respondenten"])
        if not self.network.scores_shown:
            return self.claim(
                claim_id,
                "not publishable",
                n=n,
                reason="de gemiddelde bijdrage van dit perceel mag niet getoond worden (te weinig consulenten, "
                "of terug te rekenen uit het programma en de andere percelen)",
            )
        mean = float(self.measures["gemiddelde_bijdrage"])
        numbers = (
            f"gemiddelde bijdrage {fmt_number(mean, 2)} op 1-4 (sterk afhankelijk vanaf {threshold}): dit perceel is "
            + ("het sterk afhankelijke" if self.network.high_interdependence else "niet sterk afhankelijk")
        )
        # a perceel: the statement (low interdependence) holds when its mean stays below the threshold
        return self.claim(claim_id, "does not hold" if self.network.high_interdependence else "holds", numbers, n)


def response_claim(response: pd.DataFrame, run: str, status: str) -> Claim:
    """partnerschappen.respons: more than half of the active funds took part (Tabel 8)."""
    rows = response if run == TOTAAL else response[response["perceel"] == int(run.removeprefix("perceel-"))]
    took_part, active = int(rows["deelgenomen"].sum()), int(rows["fondsen_actief"].sum())
    if not active:
        return make_claim(
            "partnerschappen.respons",
            run,
            "undetermined",
            n="0",
            reason="dit perceel heeft geen actief sectorfonds",
            data_status=status,
            notebook=NOTEBOOK,
        )
    return make_claim(
        "partnerschappen.respons",
        run,
        "holds" if 2 * took_part > active else "does not hold",
        numbers=f"{took_part} van de {active} actieve sectorfondsen namen deel "
        f"({fmt_percent(100 * took_part / active)})",
        n=str(active),
        data_status=status,
        notebook=NOTEBOOK,
    )


def network_claims(
    networks: NetworkResults, run: str, *, status: str, coordinator_status: str | None = None
) -> list[Claim]:
    """The claims on the circles of one run (coordinator, forms, interdependence)."""
    claims = _RunClaims(networks, run, status, coordinator_status or status)
    return [claims.coordinator(), *claims.forms(), claims.interdependence()]


def partnership_claims(
    networks: NetworkResults, response: pd.DataFrame, participants: pd.DataFrame, *, demo: bool
) -> list[Claim]:
    """Every ``partnerschappen.*`` claim of every run. ``demo``: the inputs are the demo folder (synthetic
    circles; the funds' status is Tabel 8 as published). A coordinator marked 'demo' makes the coordinator
    claim a demo claim whatever the circles."""
    circles = data_status(demo=demo)
    tabel_8 = data_status(demo=False, published=demo)
    claims = []
    for run in RUNS:
        perceel = None if run == TOTAAL else int(run.removeprefix("perceel-"))
        coordinator = data_status(demo=demo or coordinator_is_demo(participants, perceel))
        claims += network_claims(networks, run, status=circles, coordinator_status=coordinator)
        claims.append(response_claim(response, run, tabel_8))
    return claims
