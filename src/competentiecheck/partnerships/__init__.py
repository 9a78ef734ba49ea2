"""The partnership step (chapter 8): response of the sector funds, network circles, coded consultant interviews.

The coded interviews use the shared qualitative core (:mod:`competentiecheck.qualitative`).
"""
