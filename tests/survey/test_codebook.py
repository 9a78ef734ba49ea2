import pandas as pd

from competentiecheck.core.paths import PUBLISHED


def test_scales_have_the_item_counts_of_tabel_2(codebook):
    published = pd.read_csv(PUBLISHED / "tabel2_alpha.csv").set_index("scale")["items"]
    counts = {sid: len(scale.items) for sid, scale in codebook.scales.items()}
    assert counts == published.to_dict()


def test_every_item_has_dutch_french_and_english_wording(codebook):
    for var in codebook.items:
        assert set(var.texts) == {"nl", "fr", "en"}, var.id


def test_retention_scale_reverses_only_the_stay_item(codebook):
    scale = codebook.scales["intentie_retentie"]
    assert scale.reverse_items == ("ret_2",)
    assert scale.scored_columns() == ("ret_1", "ret_2_r", "ret_3")


def test_frequency_scale_has_seven_labels(codebook):
    var = codebook.variables["fl_1"]
    assert var.codes == (1, 2, 3, 4, 5, 6, 7)
    assert var.labels["nl"][5] == "Zeer dikwijls"


def test_labels_map_back_to_codes_in_every_language(codebook):
    lookup = codebook.variables["ll_1"].label_lookup()
    assert lookup["helemaal akkoord"] == 5
    assert lookup["pas du tout d'accord"] == 1
    assert lookup["neutral"] == 3


def test_every_decision_has_a_reason(codebook):
    assert len(codebook.decisions) >= 6
    for decision in codebook.decisions:
        assert decision["decision"] and decision["reason"]
