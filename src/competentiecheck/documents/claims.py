"""Chapter 4's findings as tested claims (``data/synthesis/claims.yml``, ids ``plannen.*``).

Every claim is decided on what the chapter publishes, never on a count it hides: the profile counts per
perceel and for the programme, the combinations and the template plans in their protected forms
(:mod:`competentiecheck.documents.analysis`), and the programme's share 'ambitie en/of basis' with its
Wilson interval. A published form says whether a count is above zero: ``0`` is none, ``< 5`` is 1 to 4
(the table legend), a rounded count is at least ``disclosure.min_group_size``; a count hidden as ``×``
says nothing here, so a claim that only a hidden count could decide is ``not publishable``.

A perceel's claim uses the perceel's own plans only where the chapter shows them: a perceel with fewer
than ``disclosure.min_cases`` plans shows no counts (``not publishable``), and the share with its interval
and the combinations are shown for the programme only (a perceel's share would give its exact count).
"""

from __future__ import annotations

from competentiecheck.core.claims import Claim, data_status, make_claim
from competentiecheck.core.paths import RUNS
from competentiecheck.core.tables import fmt_number, fmt_percent
from competentiecheck.documents.analysis import PERCELEN, DocumentResults, PlanData
from competentiecheck.privacy.disclosure import TOTAAL, Disclosure
from competentiecheck.privacy.plan_audit import combination_profiles

__all__ = ["document_claims", "SIXTH_PROFILE", "WORKSHOP_SHARE", "MIN_PROFILES"]

NOTEBOOK = "05_documents"
SIXTH_PROFILE = "Geen L&D-beleid"  # §9.3: the sixth profile of the workshop, besides the five of Tabel 1
WORKSHOP_SHARE = 0.90  # §5.3: the service providers' estimate of the share with ambitie and/or basis
MIN_PROFILES = 3  # plannen.profielen_verschillen: at least this many of the five profiles present


def _positive(shown, disclosure: Disclosure) -> bool | None:
    """Does a published form say the count is above zero? None when it is hidden or not shown."""
    if shown == 0:
        return False
    if shown == disclosure.small_label:
        return True
    if shown is None or isinstance(shown, str):  # '×' (COMPLEMENTARY_LABEL), or '' where not shown
        return None
    return int(shown) > 0


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def _percelen(runs: list[str]) -> str:
    """'perceel 1' or 'percelen 1, 2 en 4'."""
    numbers = [run.removeprefix("perceel-") for run in runs]
    return f"perceel {numbers[0]}" if len(numbers) == 1 else f"percelen {_join(numbers)}"


class _Claims:
    """The claims of one run, with the run's published profile counts."""

    def __init__(self, results: DocumentResults, data: PlanData, params: dict, run: str, status: str):
        self.results, self.run, self.status = results, run, status
        self.disclosure = Disclosure.from_params(params)
        self.min_cases = params["disclosure"]["min_cases"]
        self.n = len(data.register) if run == TOTAAL else int((data.register["perceel"] == int(run[-1])).sum())
        self.profiles = [rule.name for rule in data.rules]
        self.five = [name for name in self.profiles if name != SIXTH_PROFILE]
        self.hidden_perceel = run != TOTAAL and not results.reportable[run]

    def claim(self, claim_id: str, outcome: str, numbers: str = "", reason: str = "") -> Claim:
        return make_claim(
            claim_id,
            self.run,
            outcome,
            numbers=numbers if outcome != "not publishable" else "",
            n=str(self.n),
            reason=reason,
            data_status=self.status,
            notebook=NOTEBOOK,
        )

    def too_few(self, claim_id: str) -> Claim:
        return self.claim(
            claim_id,
            "not publishable",
            reason=f"dit perceel telt minder dan {self.min_cases} plannen van aanpak: het hoofdstuk toont zijn "
            f"profielen niet, om geen onderneming herkenbaar te maken",
        )

    def programme_only(self, claim_id: str, what: str, why: str = "") -> Claim:
        reason = f"het hoofdstuk toont {what} alleen voor het hele programma" + (f": {why}" if why else "")
        return self.claim(claim_id, "not publishable", reason=reason)

    def counts(self, text: str) -> str:
        """Numbers that are published counts, with how to read them ('< 5', '×', rounding)."""
        return f"{text} ({self.disclosure.figure_note})"

    def profile_present(self, profile: str) -> tuple[bool | None, str]:
        """Is the profile in at least one plan of the run, by the published counts, and which forms say so.

        For the programme a hidden count can be settled by a perceel column of the same table ('< 5' in a
        perceel means at least one plan in the programme)."""
        shown = self.results.profiles.at[profile, self.run]
        present = _positive(shown, self.disclosure)
        evidence = f"{shown}"
        if present is None and self.run == TOTAAL:
            percelen = [
                run
                for run in PERCELEN
                if self.results.reportable.get(run)
                and _positive(self.results.profiles.at[profile, run], self.disclosure)
            ]
            if percelen:
                present = True
                forms = sorted({str(self.results.profiles.at[profile, run]) for run in percelen})
                evidence += f" in het programma; {' of '.join(forms)} in {_percelen(percelen)}"
        return present, evidence

    # ------------------------------------------------------------------ the claims

    def profiles_differ(self) -> Claim:
        claim_id = "plannen.profielen_verschillen"
        if self.hidden_perceel:
            return self.too_few(claim_id)
        status = {profile: self.profile_present(profile) for profile in self.five}
        present = [p for p in self.five if status[p][0]]
        unknown = [p for p in self.five if status[p][0] is None]
        numbers = self.counts(
            f"{len(present)} van de {len(self.five)} profielen in minstens één plan; plannen per profiel: "
            + "; ".join(f"{p} {status[p][1]}" for p in self.five)
        )
        if len(present) >= MIN_PROFILES:
            return self.claim(claim_id, "holds", numbers)
        if len(present) + len(unknown) < MIN_PROFILES:
            return self.claim(claim_id, "does not hold", numbers)
        return self.claim(
            claim_id,
            "not publishable",
            reason=f"het aantal plannen van {_join(unknown)} is verborgen (×) en beslist de uitspraak",
        )

    def ambitie_basis(self) -> Claim:
        claim_id = "plannen.ambitie_basis_90"
        if self.hidden_perceel:
            return self.too_few(claim_id)
        if self.run != TOTAAL:
            return self.programme_only(
                claim_id,
                "het aandeel plannen met 'ambitie en/of basis' en zijn interval",
                "voor een perceel zou het aandeel het exacte aantal plannen prijsgeven, dat het hoofdstuk afrondt",
            )
        share = self.results.share
        low, high = share["low"], share["high"]
        numbers = (
            f"{fmt_percent(100 * share['count'] / share['n'])} van de {share['n']} plannen past bij 'Krachtige "
            f"ambitie' en/of 'Krachtige basis' (95 %-Wilsoninterval {fmt_percent(100 * low)} tot "
            f"{fmt_percent(100 * high)}); schatting van de workshop {fmt_percent(100 * WORKSHOP_SHARE)}"
        )
        return self.claim(claim_id, "holds" if low <= WORKSHOP_SHARE <= high else "does not hold", numbers)

    def several_profiles(self) -> Claim:
        claim_id = "plannen.meerdere_profielen"
        if self.hidden_perceel:
            return self.too_few(claim_id)
        if self.run != TOTAAL:
            return self.programme_only(claim_id, "de combinaties van profielen")
        combinations = self.results.combinations["plannen"]
        several = [c for c in combinations.index if len(combination_profiles(c)) >= 2]
        known = {c: _positive(combinations[c], self.disclosure) for c in several}
        numbers = (
            self.counts(
                "plannen per combinatie van twee of meer profielen: "
                + "; ".join(f"{c} {combinations[c]}" for c in several)
            )
            if several
            else "geen combinatie van twee of meer profielen"
        )
        if any(known.values()):
            return self.claim(claim_id, "holds", numbers)
        if all(value is False for value in known.values()):
            return self.claim(claim_id, "does not hold", numbers)
        return self.claim(
            claim_id,
            "not publishable",
            reason="de aantallen van de combinaties met meer profielen zijn verborgen (×)",
        )

    def sixth_profile(self) -> Claim:
        claim_id = "plannen.zesde_profiel"
        if self.hidden_perceel:
            return self.too_few(claim_id)
        if SIXTH_PROFILE not in self.profiles:
            return self.claim(
                claim_id,
                "undetermined",
                reason=f"de profieldefinities (profielen.yml) hebben geen profiel '{SIXTH_PROFILE}'",
            )
        present, evidence = self.profile_present(SIXTH_PROFILE)
        numbers = self.counts(f"plannen met '{SIXTH_PROFILE}': {evidence}")
        if present is None:
            return self.claim(claim_id, "not publishable", reason="het aantal plannen met dit profiel is verborgen (×)")
        return self.claim(claim_id, "holds" if present else "does not hold", numbers)

    def tailored(self, threshold: float) -> Claim:
        claim_id = "plannen.op_maat"
        templates = self.results.templates
        present = _positive(templates["plans"], self.disclosure)
        if present is None:
            return self.claim(claim_id, "not publishable", reason="het aantal sjabloonplannen is verborgen (×)")
        numbers = self.counts(
            f"sjabloonplannen (gelijkenis vanaf {fmt_number(threshold, 2)} met een plan van hetzelfde perceel): "
            f"{templates['plans']} van de {templates['n']}"
            + (f", in {templates['percelen']} percelen" if present else "")
        )
        return self.claim(claim_id, "does not hold" if present else "holds", numbers)


def document_claims(results: DocumentResults, data: PlanData, params: dict, *, demo: bool) -> list[Claim]:
    """The ``plannen.*`` claims of every run (``plannen.op_maat`` for the programme only: the template plans
    are reported without naming percelen). ``demo``: the plans are the synthetic demo."""
    status = data_status(demo=demo)
    claims = []
    for run in RUNS:
        run_claims = _Claims(results, data, params, run, status)
        claims += [
            run_claims.profiles_differ(),
            run_claims.ambitie_basis(),
            run_claims.several_profiles(),
            run_claims.sixth_profile(),
        ]
        if run == TOTAAL:
            claims.append(run_claims.tailored(params["documents"]["template_threshold"]))
    return claims
