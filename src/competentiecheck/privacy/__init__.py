"""Disclosure control shared by the steps: pseudonymisation, suppression, audits and the output check."""
