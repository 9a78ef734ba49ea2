"""Step 5: the coded interviews and their chapter."""
