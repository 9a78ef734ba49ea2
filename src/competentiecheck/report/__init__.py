"""The report: rendering the chapters and the provenance appendix (used by the command line only)."""
