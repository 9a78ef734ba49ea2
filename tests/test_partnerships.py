"""Tabel 8 recomputed and network measures, against the printed table and hand-computed values."""

import pandas as pd
import pytest

from competentiecheck.errors import InputError
from competentiecheck.partnerships.network import build_network, centrality, network_measures
from competentiecheck.partnerships.response import read_participants, response_table
from competentiecheck.paths import DATA, PUBLISHED

PARTICIPANTS = DATA / "raw" / "partnerschappen" / "deelnemers.csv"


def test_tabel_8_is_recomputed_exactly():
    participants = read_participants(PARTICIPANTS)
    table = response_table(participants, pd.read_csv(PUBLISHED / "tabel8_respons.csv"))
    assert table["responsgraad"].tolist() == [50.0, 100.0, 75.0, 100.0, 100.0]
    assert (table["verschil"] == 0).all()
    assert int(table["deelgenomen"].sum()) == 17  # §8.2.2: 17 sector consultants
    assert table.set_index("perceel").loc[4, "fondsen_actief"] == 2  # two funds not active leave the denominator


def test_bad_participant_rows_name_file_row_and_value(tmp_path):
    text = PARTICIPANTS.read_text(encoding="utf-8")
    bad = tmp_path / "deelnemers.csv"
    bad.write_text(text.replace("Volta,Elektriciteit,1,deelgenomen", "Volta,Elektriciteit,1,misschien"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_participants(bad)
    assert err.value.row == 2 and err.value.column == "status" and "misschien" in str(err.value)
    bad.write_text(text + "Volta,Elektriciteit,1,deelgenomen,\n", encoding="utf-8")
    with pytest.raises(InputError, match="twee keer"):
        read_participants(bad)


def test_network_measures_by_hand():
    # A -> B (info, cocreatie; 4), B -> A (info; 2), C -> A (feedback; 3); D named nobody and nobody named D
    ties = pd.DataFrame({"van": ["A", "B", "C"], "naar": ["B", "A", "A"],
                         "vormen": ["informatie; cocreatie", "informatie", "feedback"], "bijdrage": [4, 2, 3]})
    graph = build_network(ties, ["A", "B", "C", "D"])
    measures = network_measures(graph)
    assert measures["banden"] == 3
    assert measures["dichtheid"] == pytest.approx(3 / 12)  # 3 of 4 * 3 possible directed ties
    assert measures["wederkerigheid"] == pytest.approx(2 / 3)  # A<->B: 2 of 3 ties are reciprocated
    assert measures["multiplexiteit"] == pytest.approx(4 / 3)  # (2 + 1 + 1) forms over 3 ties
    assert measures["aandeel_cocreatie"] == pytest.approx(1 / 3)
    assert measures["gemiddelde_bijdrage"] == pytest.approx(3.0)
    central = centrality(graph)
    assert central.iloc[0].to_dict() == {"fonds": "A", "in_graad": 2, "gewogen_in_graad": 5}
    assert central.set_index("fonds").loc["D", "in_graad"] == 0


def _circles(tmp_path, rows):
    from competentiecheck.partnerships.circles import CIRCLE_COLUMNS

    file = tmp_path / "cirkels.csv"
    pd.DataFrame(rows, columns=CIRCLE_COLUMNS).to_csv(file, index=False)
    return file


GOOD = ["R01", "Volta", "Constructiv", "x", "", "x", "3"]


def test_circles_read_into_ties_and_the_template_lists_every_pair(tmp_path):
    from competentiecheck.partnerships.circles import read_circles, write_template

    participants = read_participants(PARTICIPANTS)
    ties = read_circles(_circles(tmp_path, [GOOD, ["R02", "Constructiv", "Volta", "", "x", "", "2"]]), participants)
    assert ties["vormen"].tolist() == [frozenset({"informatie", "cocreatie"}), frozenset({"feedback"})]
    assert ties["perceel"].tolist() == [1, 1]
    template = pd.read_csv(write_template(tmp_path / "sjabloon.csv", participants), dtype=str, keep_default_na=False)
    # perceel 4: two participating funds, each with the other active fund as partner (the inactive ones left out)
    assert len(template[template["fonds"].isin(["Vivo", "Diverscity"])]) == 2


@pytest.mark.parametrize("row, column, message", [
    (["R01", "Volta", "Onbekend fonds", "x", "", "", "3"], "partner", "staat niet in deelnemers.csv"),
    (["R01", "Volta", "Alimento", "x", "", "", "3"], "partner", "hoort bij perceel 2"),
    (["R01", "Volta", "Volta", "x", "", "", "3"], "partner", "eigen fonds"),
    (["R01", "Fonds 320", "Vivo", "x", "", "", "3"], "fonds", "niet actief"),
    (["R01", "Volta", "Constructiv", "x", "", "", "5"], "bijdrage", "1, 2, 3 of 4"),
    (["R01", "Volta", "Constructiv", "misschien", "", "", "3"], "informatie", "onbekende aanduiding"),
])
def test_bad_circle_rows_name_file_row_column_and_value(tmp_path, row, column, message):
    from competentiecheck.partnerships.circles import read_circles

    with pytest.raises(InputError) as err:
        read_circles(_circles(tmp_path, [GOOD, row]), read_participants(PARTICIPANTS))
    assert err.value.row == 3 and err.value.column == column and message in str(err.value)
    assert "cirkels.csv" in str(err.value)


def test_a_duplicate_respondent_partner_row_is_named(tmp_path):
    from competentiecheck.partnerships.circles import read_circles

    with pytest.raises(InputError, match="ook in rij 2"):
        read_circles(_circles(tmp_path, [GOOD, GOOD]), read_participants(PARTICIPANTS))


def test_the_bijlage_8_scheme_has_the_three_layers_of_meaningful_collaboration():
    from competentiecheck.qualitative.codebook import load_scheme

    scheme = load_scheme(DATA / "codebook" / "partnerschappen.yml")
    tops = [p[0] for p in scheme.codes["path"] if len(p) == 1]
    assert len(tops) == 8 and tops[3] == "4. Betekenisvolle samenwerking"
    layers = [p[1] for p in scheme.codes["path"] if len(p) == 2 and p[0] == tops[3]]
    assert layers == ["Basiscondities voor samenwerking", "Structuur van een taak of project", "Collaboratieve activiteiten"]
    assert ("2. Samenwerkingsvorm", "Samenwerkingsvorm", "Ondersteuning", "Ondersteuning ontvangen") in scheme.paths
    assert max(scheme.codes["level"]) == 4
