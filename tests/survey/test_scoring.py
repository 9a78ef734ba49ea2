import math

import numpy as np
import pandas as pd
import pytest

from competentiecheck.survey.scoring import required_items, reverse_code, score_scales


def _respondents(codebook):
    frame = pd.DataFrame(index=range(3), columns=[v.id for v in codebook.items], dtype=float)
    frame[:] = 3.0
    # retention: 'plan to leave' 4, 'see a future' 2 (reversed: 4), 'would take offer' 5 -> (4+4+5)/3
    frame.loc[0, ["ret_1", "ret_2", "ret_3"]] = [4, 2, 5]
    # respondent 1 skipped one retention item
    frame.loc[1, ["ret_1", "ret_2", "ret_3"]] = [1, 5, np.nan]
    # respondent 2: reflection mixes 7-point and 5-point items: (7+6+5+5+4+3+2)/7 = 32/7
    frame.loc[2, ["iref_1", "iref_2", "iref_3", "iref_4", "iref_5", "iref_6", "iref_7"]] = [7, 6, 5, 5, 4, 3, 2]
    return frame


def test_reverse_code_uses_scale_bounds(codebook):
    out = reverse_code(_respondents(codebook), codebook)
    assert out.loc[0, "ret_2_r"] == 4
    assert out.loc[1, "ret_2_r"] == 1


def test_scale_scores_by_hand_with_all_items_required(codebook):
    scores = score_scales(reverse_code(_respondents(codebook), codebook), codebook, "all")
    assert scores.loc[0, "intentie_retentie"] == pytest.approx(13 / 3)
    assert math.isnan(scores.loc[1, "intentie_retentie"])
    assert scores.loc[2, "informeel_reflectie"] == pytest.approx(32 / 7)
    assert scores.loc[0, "jobtevredenheid"] == 3


def test_mean_n_rule_scores_partial_answers(codebook):
    scores = score_scales(reverse_code(_respondents(codebook), codebook), codebook, 2)
    # items 1 and 1 (reversed 5) -> mean 1, like SPSS MEAN.2
    assert scores.loc[1, "intentie_retentie"] == pytest.approx(1.0)


def test_required_items_rule():
    assert required_items(3, "all") == 3
    assert required_items(3, 2) == 2
    assert required_items(2, 5) == 2
    with pytest.raises(ValueError):
        required_items(3, 0)
