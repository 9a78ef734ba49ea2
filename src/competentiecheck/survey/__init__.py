"""The survey steps (1-3): reading and cleaning the exports, scales, statistics and their chapters."""
