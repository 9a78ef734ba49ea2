"""The residual plot of chapter 6: Dutch decimal commas on both axes, text at the minimum printed size."""

from types import SimpleNamespace

import matplotlib.pyplot as plt
import numpy as np

from competentiecheck.core.figures import MIN_FONT_PT, dutch_axes, overlapping_texts, printed_font_sizes
from competentiecheck.survey.figures import residual_panels


def _model(dependent: str, seed: int):
    rng = np.random.default_rng(seed)
    fitted = rng.uniform(2.0, 4.0, 60)  # fitted values on a 1-5 scale: ticks at 2,0 2,5 … on the x-axis
    return SimpleNamespace(dependent=dependent, fitted=fitted, residuals=rng.normal(0, 0.5, 60))


def test_residual_ticks_have_decimal_commas_and_no_points():
    fig = residual_panels([_model("beroepsexpertise", 1), _model("jobtevredenheid", 2)], {}, 5)
    dutch_axes(fig)
    fig.canvas.draw()
    labels = [
        label.get_text()
        for ax in fig.axes
        if ax.get_visible()
        for label in ax.get_xticklabels() + ax.get_yticklabels()
        if label.get_text()
    ]
    assert labels and not any("." in text or "-" in text for text in labels)
    assert any("," in text for text in labels) and any(text.startswith("−") for text in labels)
    assert min(size for _, size in printed_font_sizes(fig)) >= MIN_FONT_PT
    assert overlapping_texts(fig) == []
    plt.close(fig)
