"""Step 3: the literature review and its chapter."""
