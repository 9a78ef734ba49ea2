"""Compatibility: the public API moved to :mod:`competentiecheck.survey.psychometrics`; this old path re-exports it."""

from competentiecheck.survey.psychometrics import *  # noqa: F401,F403
from competentiecheck.survey.psychometrics import __all__  # noqa: F401
