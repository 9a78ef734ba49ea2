"""Quote screening (issue 17, point 7): names of the raw metadata on folded text and inside compounds,
contact details, perceel numbers and capitalised words mid-sentence stop a quote; the message names the
interview, the theme, the kind of hit and its position, never the word itself."""

import re

import pandas as pd
import pytest

from competentiecheck.core.errors import InputError
from competentiecheck.core.identifiers import PHONE, find_identifiers, fold
from competentiecheck.core.params import load_params
from competentiecheck.qualitative.quotes import programme_names, screen_quotes, screening_names

THEME = "2. Strengths > Begeleiding"
NAMES = {
    "sectorfonds": {"Alimento", "Co-valent", "Horeca Vlaanderen"},
    "sector": {"Horeca", "Voeding"},
    "casus": {"organisatie 9"},
    "codeur": {"codeur A"},
}


def _quotes(*texts):
    return pd.DataFrame(
        {
            "theme": [THEME] * len(texts),
            "kwadrant": ["Sterktes"] * len(texts),
            "label": [f"interview {chr(67 + i)}" for i in range(len(texts))],
            "quote": list(texts),
        }
    )


def _stopped(text, names=NAMES, redactions=None, allow=()):
    with pytest.raises(InputError) as err:
        screen_quotes(_quotes(text), names, redactions or {}, allow=allow)
    return str(err.value)


@pytest.mark.parametrize(
    "text, planted, kind",
    [
        ("Het was vooral Jan Peeters die de kar trok.", "Jan Peeters", "mogelijke persoonsnaam"),
        ("Via Alimento kwamen we bij het traject terecht.", "Alimento", "naam uit de metadata: sectorfonds"),
        ("In de horeca is dat altijd moeilijk geweest.", "horeca", "naam uit de metadata: sector"),
        ("De hele horecasector kampt met hetzelfde probleem.", "horecasector", "naam uit de metadata: sector"),
        ("We hadden al eerder met covalent samengewerkt.", "covalent", "naam uit de metadata: sectorfonds"),
        ("Alles liep vlot, zoals in perceel 4 gebruikelijk is.", "perceel 4", "perceelnummer"),
        (
            "Wie vragen had, mailde naar jan.peeters@bakkerij.be en kreeg antwoord.",
            "jan.peeters@bakkerij.be",
            "e-mailadres",
        ),
        (
            "De consulent was altijd bereikbaar op 09 233 44 55 tijdens de kantooruren.",
            "09 233 44 55",
            "telefoonnummer",
        ),
        ("De consulent gaf ons meteen zijn gsm-nummer: 0475 12 34 56.", "0475 12 34 56", "telefoonnummer"),
        ("Bel gerust naar +32 475 12 34 56, zei de consulent toen.", "+32 475 12 34 56", "telefoonnummer"),
    ],
)
def test_each_planted_identifier_stops_without_the_word_in_the_message(text, planted, kind):
    message = _stopped(text)
    assert "interview C" in message and f"'{THEME}'" in message and kind in message
    start = text.index(planted) + 1
    assert re.search(r"teken \d+-\d+", message) and f"teken {start}-" in message
    assert planted.casefold() not in message.casefold()
    for word in re.findall(r"\w{4,}", planted):  # no part of it either ('Peeters', '0475'), but for the kind
        assert word.casefold() not in message.casefold().replace(kind, "")
    assert "interviews.redactions" in message


def test_a_name_is_found_without_case_accents_hyphens_and_spaces():
    assert fold("Co-valent") == fold("Covalent") == fold("CO VALENT") == "covalent"
    assert fold("horeca sector") == fold("Horeca-sector") == fold("horecasector")
    assert fold("Diamantnijverheid é") == "diamantnijverheide"
    kinds = {h.kind for h in find_identifiers("De Horeca-sector en de HORECA sector.", {"sector": {"horeca"}})}
    assert kinds == {"naam uit de metadata: sector"}
    assert len(find_identifiers("Wij vroegen het aan CO-VALENT.", {"sectorfonds": {"Covalent"}})) == 1


def test_every_hit_of_every_quote_is_named_with_its_position():
    with pytest.raises(InputError) as err:
        screen_quotes(
            _quotes("Er was meteen een klik met de consulent.", "Alimento belde en ook Piet Jansen, op 0475/12.34.56."),
            NAMES,
            {},
        )
    message = str(err.value)
    assert "interview C" not in message and "citaat van interview D" in message
    assert "naam uit de metadata: sectorfonds op teken 1-8" in message
    assert "mogelijke persoonsnaam op teken 23-26" in message and "mogelijke persoonsnaam op teken 28-33" in message
    assert "telefoonnummer op teken 39-51" in message
    assert not any(w in message for w in ("Alimento", "Piet", "Jansen", "0475"))


def test_a_redaction_covers_a_hit_also_in_another_spelling():
    quotes = _quotes("We hadden al eerder met Covalent en Jan Peeters samengewerkt.")
    assert "teken 25-32" in _stopped(quotes["quote"].iat[0], redactions={"Jan Peeters": "[naam]"})
    screened = screen_quotes(quotes, NAMES, {"Co-valent": "[sectorfonds]", "Jan Peeters": "[naam]"})
    assert screened["quote"].iat[0] == "We hadden al eerder met [sectorfonds] en [naam] samengewerkt."


def test_ordinary_dutch_sentences_pass():
    texts = [
        "Er was meteen een klik met de consulent.",
        "De organisatie telt 90 medewerkers.",
        'Dat zei de zaakvoerder: "Dit is nieuw." En hij had gelijk.',
        "De KMO en de HR-dienst werkten samen met VDAB.",
        "In 2023 volgden 12 345 mensen een opleiding van 01/02 tot 30/06.",
        "Het perceel was groot, de percelen ook.",
    ]
    screened = screen_quotes(_quotes(*texts), NAMES, {})
    assert list(screened["quote"]) == texts


def test_a_case_name_ending_in_a_digit_is_not_found_in_a_longer_number():
    assert find_identifiers("De organisatie telt 90 medewerkers, organisatie 90 ook.", NAMES) == []
    hits = find_identifiers("Dat zei organisatie 9.", NAMES)
    assert [(h.kind, h.position) for h in hits] == [("naam uit de metadata: casus", "teken 9-21")]


def test_the_allow_list_admits_capitalised_words_and_words_containing_a_name_but_not_a_name():
    text = "Het plan voor Vlaanderen kwam uit de opvoeding."
    assert {h.kind for h in find_identifiers(text, NAMES)} == {"mogelijke persoonsnaam", "naam uit de metadata: sector"}
    assert find_identifiers(text, NAMES, allow=["Vlaanderen", "opvoeding"]) == []
    assert find_identifiers("Het ging over voeding.", NAMES, allow=["voeding"])  # the name itself stays
    message = _stopped("Het plan kwam er dankzij Griet.", allow=["Vlaanderen"])
    assert "interviews.quote_allow" in message and "Griet" not in message


@pytest.mark.parametrize(
    "number",
    [
        "09 233 44 55",
        "02 123 45 67",
        "050 12 34 56",
        "0475 12 34 56",
        "0475/12.34.56",
        "+32 475 12 34 56",
        "+32 9 233 44 55",
        "0032 475 12 34 56",
        "092334455",
        "(09) 233 44 55",
        "+32 (0)475 12 34 56",
    ],
)
@pytest.mark.parametrize("after", ["", ".", ",", ";", ")", " en verder"])
def test_belgian_phone_numbers_are_found_before_any_punctuation(number, after):
    match = PHONE.search(f"bel ({number}{after}" if after == ")" else f"bel {number}{after}")
    assert match and match.group() == number


def test_perceel_numbers_in_several_forms():
    for text in ("in perceel 4", "de percelen 2 en 3", "Perceel IV", "het vierde perceel", "perceel nr. 5"):
        assert [h.kind for h in find_identifiers(f"Dat was {text} zo.", {})] == ["perceelnummer"], text


def test_screening_names_hold_cases_coders_places_funds_sectors_and_the_deny_list():
    from types import SimpleNamespace

    data = SimpleNamespace(
        cases=pd.DataFrame({"case": ["organisatie 1"], "gemeente": ["Zottegem"], "perceel": ["1"]}),
        codings=pd.DataFrame({"case": ["organisatie 1"]}),
        coders=["codeur A"],
        metadata_names=frozenset({"organisatie 1", "interview_bakkerij.docx"}),
    )
    participants = pd.DataFrame(
        {"sectorfonds": ["Alimento", "Co-valent"], "sector": ["Voeding", "Chemie, kunststoffen en life sciences"]}
    )
    plans = pd.DataFrame({"sector": ["horeca"], "bedrijven": ["onderneming 1.03"]})
    names = screening_names(data, programme_names(participants=participants, plans=plans), ["Griet"])
    assert names["casus"] == {"organisatie 1"} and names["codeur"] == {"codeur A"} and names["plaats"] == {"Zottegem"}
    assert names["document of variabele"] == {"interview_bakkerij.docx"} and names["weigerlijst"] == {"Griet"}
    assert {"Alimento", "Co-valent"} <= names["sectorfonds"] and names["bedrijf"] == {"onderneming 1.03"}
    assert {"Voeding", "Chemie", "kunststoffen", "life sciences", "horeca"} <= names["sector"]
    hits = find_identifiers("Bij ons in zottegem doen we aan kunststoffenrecyclage.", names)
    assert [h.kind for h in hits] == ["naam uit de metadata: plaats", "naam uit de metadata: sector"]


def test_the_company_interview_step_screens_fund_and_sector_names_of_the_programme():
    from competentiecheck.core.paths import DATA
    from competentiecheck.interviews.analysis import analyse_interviews
    from competentiecheck.interviews.demo import INTERVIEWS
    from competentiecheck.qualitative.codebook import load_scheme
    from competentiecheck.qualitative.coded_data import load_coded_data

    params = load_params("totaal")
    data = load_coded_data(
        sorted(INTERVIEWS.glob("*.qdpx")) + sorted(INTERVIEWS.glob("segmenten_*.csv")),
        load_scheme(DATA / "codebook" / "swot.yml"),
        pd.read_csv(INTERVIEWS / "casussen.csv", dtype=str),
    )
    salt = "test-zout-" + "x" * 16
    first = analyse_interviews(data, params, salt).quotes["quote"].iat[0]
    # a shorter text stays the shortest segment of its theme, so it is quoted
    data.codings["text"] = data.codings["text"].map(
        lambda t: "Er was een klik met Alimento." if " ".join(t.split()) == first else t
    )
    with pytest.raises(InputError) as err:
        analyse_interviews(data, params, salt)
    assert "naam uit de metadata: sectorfonds" in str(err.value) and "Alimento" not in str(err.value)


def test_the_partnership_step_screens_a_sector_written_as_a_compound():
    from competentiecheck.partnerships.analysis import analyse_interviews, read_inputs

    params = load_params("totaal")
    inputs = read_inputs(params)
    first = analyse_interviews(inputs, params).quotes["quote"].iat[0]
    codings = inputs.coded.codings
    codings["text"] = codings["text"].map(
        lambda t: "In de horecasector was dat zo." if " ".join(t.split()) == first else t
    )
    with pytest.raises(InputError) as err:
        analyse_interviews(inputs, params)
    message = str(err.value)
    assert "naam uit de metadata: sector op teken 7-12" in message and "horeca" not in message.casefold()
    assert "partnerships.redactions" in message and "partnerships.quote_allow" in message
