"""Deterministic synthetic news worlds with known truth, for accuracy gate tests."""
