"""Step 4: the coded interviews and their chapter."""
