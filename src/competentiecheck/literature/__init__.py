"""Step 4: the literature review and its chapter."""
