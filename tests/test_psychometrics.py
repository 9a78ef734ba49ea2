import math

import numpy as np
import pandas as pd
import pytest

from competentiecheck.psychometrics import cronbach_alpha


def test_alpha_against_hand_computation():
    # Worked by hand: item variances 1.3, 0.7, 1.3 (sum 3.3); total scores 6, 8, 10, 11, 14 have
    # variance 9.2; alpha = 3/2 * (1 - 3.3/9.2) = 8.85/9.2.
    items = pd.DataFrame({"a": [2, 3, 3, 4, 5], "b": [3, 3, 4, 4, 5], "c": [1, 2, 3, 3, 4]})
    alpha, n = cronbach_alpha(items)
    assert n == 5
    assert alpha == pytest.approx(8.85 / 9.2, abs=1e-12)


def test_alpha_is_listwise():
    items = pd.DataFrame({"a": [2, 3, 3, 4, 5, 1], "b": [3, 3, 4, 4, 5, np.nan], "c": [1, 2, 3, 3, 4, 5]})
    alpha, n = cronbach_alpha(items)
    assert n == 5
    assert alpha == pytest.approx(8.85 / 9.2, abs=1e-12)


def test_alpha_undefined_cases():
    assert math.isnan(cronbach_alpha(pd.DataFrame({"a": [1, 2, 3]}))[0])
    assert math.isnan(cronbach_alpha(pd.DataFrame({"a": [2, 2], "b": [3, 3]}))[0])
    with pytest.raises(TypeError):
        cronbach_alpha(np.ones((3, 2)))
