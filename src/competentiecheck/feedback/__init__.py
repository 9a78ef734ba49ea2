"""Feedback reports per participating organisation (issue 24): one computation of all organisations'
figures, then a report (HTML and PDF) per organisation with enough respondents and a letter for the others,
in ``build/feedback/``, for the organisations and the evaluation team only (never in ``report/_output/``)."""
