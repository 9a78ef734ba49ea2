"""Compatibility: the public API moved to :mod:`competentiecheck.survey.regression`; this old path re-exports it."""

from competentiecheck.survey.regression import *  # noqa: F401,F403
from competentiecheck.survey.regression import __all__  # noqa: F401
