"""Step 7: the synthesis (chapter 9 and the summary): the claims of every step brought together into
conclusions with their triangulation, the programme theory, the recommendations and the claims appendix."""
