"""The persistent reference index and candidate retrieval over it."""
