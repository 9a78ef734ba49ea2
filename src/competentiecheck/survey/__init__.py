"""The survey steps (1-2): reading and cleaning the exports, scales, statistics and their chapters."""
