"""Compatibility: the public API moved to :mod:`competentiecheck.survey.correlations`; this old path re-exports it."""

from competentiecheck.survey.correlations import *  # noqa: F401,F403
from competentiecheck.survey.correlations import __all__  # noqa: F401
