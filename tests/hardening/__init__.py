"""Hardening tests: one file per class of attack or fault from the security review (issue 9)."""
