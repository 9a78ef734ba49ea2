"""How a claim is named where a reader sees it: a short Dutch label linked to its entry in the appendix
"Bevindingen en hun onderbouwing", never the id (``vragenlijst.klimaat_leren`` is for the notebooks and
the CSV), and its texts with the internal parameter names said in words.
"""

from __future__ import annotations

import re

__all__ = ["CLAIM_LABELS", "anchor", "claim_label", "reader_text"]

# id (or family prefix ending in '.') -> short label, lower case (the appendix capitalises it)
CLAIM_LABELS = {
    "literatuur.niveau.": "studies over het niveau '{member}'",
    "literatuur.informeel_leren": "leren in KMO's vooral informeel",
    "literatuur.leiderschap": "leidinggevende als sleutel voor leren",
    "plannen.profielen_verschillen": "plannen spreiden over de profielen",
    "plannen.ambitie_basis_90": "90 % ambitie en/of basis",
    "plannen.meerdere_profielen": "plannen met meerdere profielen",
    "plannen.zesde_profiel": "plannen zonder L&D-beleid",
    "plannen.op_maat": "plannen op maat",
    "vragenlijst.betrouwbaarheid": "betrouwbaarheid van de schalen",
    "vragenlijst.klimaat_leren": "leerklimaat en leren",
    "vragenlijst.sterkste.": "sterkste voorspeller van {member}",
    "vragenlijst.individueel_boven_sociaal": "individueel boven sociaal leren",
    "vragenlijst.autonomie_competenties": "autonomie en competenties",
    "vragenlijst.leerleiderschap_leren": "leerleiderschap en leren",
    "vragenlijst.klimaat_tevredenheid": "leerklimaat en jobtevredenheid",
    "vragenlijst.klimaat_retentie": "leerklimaat en blijven",
    "vragenlijst.eenmalige_meting": "één meetmoment",
    "vragenlijst.verandering.": "verandering in {member} tussen de metingen",
    "bedrijfsinterviews.sterkte": "begeleiding als sterkte",
    "bedrijfsinterviews.tijd_risico": "tijdgebrek als risico",
    "bedrijfsinterviews.medewerkers_betrekken": "medewerkers betrekken",
    "bedrijfsinterviews.maturiteit": "opbrengst naar maturiteit",
    "bedrijfsinterviews.leerklimaat": "tijd, middelen en leiderschap als voorwaarden",
    "partnerschappen.coordinator_centraal": "coördinator het meest centraal",
    "partnerschappen.informatie_feedback": "vooral informatie en feedback",
    "partnerschappen.cocreatie_zeldzaam": "co-creatie zeldzaam",
    "partnerschappen.lage_afhankelijkheid": "weinig onderlinge afhankelijkheid",
    "partnerschappen.respons": "deelname van de fondsen",
}
MEMBER_WORDS = {
    "anticipatie_optimalisatie": "anticipatie en optimalisatie",
    "intentie_retentie": "intentie tot retentie",
}


def anchor(claim_id: str) -> str:
    """The anchor of a claim in the appendix: ``bev-`` and the id in lower case, dots and underscores as
    hyphens (a label both HTML and Typst accept)."""
    return "bev-" + re.sub(r"[^a-z0-9]+", "-", claim_id.lower()).strip("-")


def claim_label(claim_id: str) -> str:
    """The short label of a claim (a family member names its member); an id without a label reads as
    words, never as the id."""
    if claim_id in CLAIM_LABELS:
        return CLAIM_LABELS[claim_id]
    for prefix, label in CLAIM_LABELS.items():
        if prefix.endswith(".") and claim_id.startswith(prefix):
            member = claim_id[len(prefix) :]
            return label.format(member=MEMBER_WORDS.get(member, member.replace("_", " ")))
    return claim_id.split(".", 1)[-1].replace("_", " ").replace(".", " ")


RULE_NOTE = re.compile(r"\s*\(regel [a-z_]+(?:\.[a-z_]+)+\)")
RULE_NAME = re.compile(r"\b([a-z_]+)\.([a-z_]+)\b")


def _value(value) -> str:
    if isinstance(value, float):
        return str(value).replace(".", ",")
    return str(value)


def reader_text(text: str, params: dict | None = None) -> str:
    """A claim's text as a reader sees it: '(regel disclosure.min_group_size)' left out (the text already
    says the rule in words), a parameter named inline ('minstens documents.template_threshold') replaced by
    its value, and 'deze run' as 'dit rapport'."""
    if params is None:
        from competentiecheck.core.params import load_params

        params = load_params("totaal")
    text = RULE_NOTE.sub("", text)

    def value(match: re.Match) -> str:
        section, key = match.groups()
        if isinstance(params.get(section), dict) and key in params[section]:
            found = params[section][key]
            if isinstance(found, (int, float, str)) and not isinstance(found, bool):
                return _value(found)
        return match.group(0)

    text = RULE_NAME.sub(value, text)
    return text.replace("in deze run", "in dit rapport").replace("deze run", "dit rapport")
