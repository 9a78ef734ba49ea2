"""Step 5: the coded plans (document analysis), their profiles and their chapter."""
