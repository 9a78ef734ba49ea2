"""Reproducible evaluation pipeline of 'Competentiechecks voor ondernemingen'.

Logic lives here; the notebooks in ``notebooks/`` call it step by step.
"""

__version__ = "0.1.0"
